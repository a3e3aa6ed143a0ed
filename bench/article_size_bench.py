"""Extraction time against the size of ONE article, for article shapes that stress the
article-level rules: thousands of firms, sites, people or policies in one text, a list without end,
text that lost its full stops. Each shape is built at n and 4n items; a linear extractor takes ~4x
as long for the larger one, a quadratic one ~16x.

    python bench/article_size_bench.py                      # every shape
    python bench/article_size_bench.py --shapes firms sites
    python bench/article_size_bench.py --baseline-python /tmp/old/bin/python   # side by side, same
        # texts (a case that runs over --timeout seconds is shown as such)

Texts are generated from a fixed seed; nothing here is timed by a test.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time

_FIRMS = ["台积电", "三星", "英特尔", "中芯国际", "长江存储", "晶睿科技", "SK海力士", "华虹"]
_PLACES = ["南京", "台中", "新竹", "合肥", "苗栗", "竹南", "武汉", "上海"]


def _shapes() -> dict:
    rnd = random.Random(0)
    cjk = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]

    def w(n: int) -> str:
        return "".join(rnd.sample(cjk, n))

    def latin() -> str:
        return rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + "".join(rnd.choice("abcdefghijklmnop") for _ in range(6))

    return {
        "firms": lambda n: "".join(f"{w(3)}科技有限公司宣布与台积电合作。" for _ in range(n)),
        "sites": lambda n: "".join(f"台积电{rnd.choice(_PLACES)}{i % 9 + 1}厂位于台湾。" for i in range(n)),
        "sites-at": lambda n: "".join(f"{rnd.choice(_FIRMS)}位于{rnd.choice(_PLACES)}的B{i % 9 + 1}工厂投产。"
                                      for i in range(n)),
        "glossed": lambda n: "".join(f"英伟达（NVIDIA）与{w(2)}半导体（X{i}）签署合作协议，" for i in range(n)) + "。",
        "no-full-stops": lambda n: "台积电为苹果代工芯片，" * (n * 2),
        "designers": lambda n: "".join(f"NVIDIA H{100 + i % 50}芯片由台积电代工。" for i in range(n)),
        "people": lambda n: "".join(f"{w(2)}科技首席执行官{w(3)}表示，公司将与英伟达合作。" for _ in range(n)),
        "policies": lambda n: "".join(f"《{w(4)}集成电路产业促进条例》由工信部发布。" for _ in range(n)),
        "abbreviations": lambda n: "".join(f"{w(4)}半导体有限公司（简称{w(2)}半导体）与台积电合作。{w(2)}半导体宣布扩产。"
                                           for _ in range(n)),
        "latin-list": lambda n: "、".join(latin() for _ in range(n)) + "与Entegris共同构成供应链。",
        "english": lambda n: " ".join(f"TSMC supplies chips to Apple and Intel Corp{i} Inc and partners with ASML"
                                      for i in range(n)),
    }


def child(shape: str, n: int) -> None:
    from semikg.loaders.normalise import normalise, script_of
    from semikg.models import Article
    from semikg.pipeline import Pipeline

    text = _shapes()[shape](n)
    extractor = Pipeline().extractor
    article = Article(id="bench-000", source_file="bench.txt", encoding="utf-8", index=0, start=0, end=len(text),
                      title=shape, text=text, norm_text=normalise(text), script=script_of(text), relevant=True)
    t = time.perf_counter()
    result = extractor.run(article)
    print(json.dumps({"seconds": time.perf_counter() - t, "chars": len(text), "relations": len(result.relations),
                      "entities": len(result.entities)}))


def run(python: str, shape: str, n: int, timeout: float) -> dict | None:
    try:
        proc = subprocess.run([python, __file__, "--child", shape, str(n)], capture_output=True, text=True,
                              timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shapes", nargs="*", default=list(_shapes()))
    ap.add_argument("--n", type=int, default=500, help="items in the smaller article (the larger has 4x)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before a case is given up")
    ap.add_argument("--baseline-python")
    ap.add_argument("--child", nargs=2)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    pythons = [("this", sys.executable)] + ([("baseline", args.baseline_python)] if args.baseline_python else [])
    print(f"{'shape':>14} {'who':>9} {'chars n':>9} {'s':>8} {'chars 4n':>9} {'s':>8} {'ratio':>7}  (linear ~4x)")
    for shape in args.shapes:
        for who, python in pythons:
            small, large = run(python, shape, args.n, args.timeout), run(python, shape, 4 * args.n, args.timeout)

            def cell(r):
                return (f"{r['chars']:>9,} {r['seconds']:>8.2f}" if r else f"{'':>9} {'>' + str(int(args.timeout)):>8}")

            ratio = f"{large['seconds'] / small['seconds']:>6.1f}x" if small and large and small["seconds"] else f"{'-':>7}"
            print(f"{shape:>14} {who:>9} {cell(small)} {cell(large)} {ratio}")


if __name__ == "__main__":
    main()
