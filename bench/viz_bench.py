"""Benchmark of `semikg viz` pages, side by side with another checkout: page size, render time, and
time to a settled picture in headless Chromium.

    .venv/bin/python bench/viz_bench.py [--baseline DIR] [--eto ../shared/eto] [--skip-full]

DIR is a second checkout with its own venv (DIR/.venv/bin/python), e.g. the commit this one starts
from: `git archive <commit> | tar -x -C /tmp/viz-main && cd /tmp/viz-main && python3 -m venv .venv &&
.venv/bin/pip install -e .`. Both checkouts draw the same graphs (Turtle files written once here,
and the synthetic graph each builds with its own `synthetic_view`), and one Chromium measures both.

Graphs: the seed graph (`semikg build`), the seed + ETO graph (`semikg build --with-eto`, skipped when
the dataset is absent) and a synthetic graph of 5,000 nodes and 20,000 edges (default node budget,
and in full). "Settled" = from navigation until node positions stop changing: sampled every 100 ms,
the first of three equal samples after the page says it is ready. Measures, never asserts.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HERE = Path(__file__).resolve().parents[1]

# Run inside a checkout's venv: render the pages of one case and print their sizes and times.
RENDER = r"""
import json, sys, time
from pathlib import Path
sys.path.append(str(Path(sys.prefix).parent))  # the checkout whose venv runs this: its tests.support
from semikg.graph.view import GraphView
from semikg.viz import VizOptions, render, write_page
try:
    from semikg.store.load import load_graph
    from tests.support.synthetic_view import synthetic_view
except ImportError:  # a checkout from before graph loading moved into the store and scaffolding left the package
    from semikg.graph.io import load_graph
    from semikg.viz.synthetic import synthetic_view
source, budget, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
if source.startswith("synthetic:"):
    n, m = map(int, source.split(":")[1].split("x"))
    view = synthetic_view(n, m)
else:
    view = GraphView(load_graph(source))
opts = VizOptions() if budget == "default" else VizOptions(node_budget=int(budget))
t0 = time.perf_counter()
page = render(view, opts)
ms = (time.perf_counter() - t0) * 1000
write_page(page, out)
print(json.dumps({"render_ms": ms, "nodes": page.nodes, "edges": page.edges, "bytes": out.stat().st_size}))
"""


def build(tmp: Path, eto: Path | None) -> Path | None:
    out = tmp / ("eto" if eto else "seed")
    cmd = [str(Path(sys.executable).with_name("semikg")), "build", "--out", str(out)]
    if eto:
        cmd[2:2] = ["--with-eto", str(eto)]
    # The build exits non-zero on SHACL violations but still writes the graph: that graph is wanted.
    subprocess.run(cmd, capture_output=True, timeout=1800)
    ttl = out / "semikg.ttl"
    return ttl if ttl.is_file() else None


def render_with(python: Path, source: str, budget: str, out: Path) -> dict:
    r = subprocess.run([str(python), "-c", RENDER, source, budget, str(out)], capture_output=True, text=True,
                       timeout=1800)
    if r.returncode != 0:
        raise RuntimeError(r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "render failed")
    return json.loads(r.stdout.strip().splitlines()[-1])


def settle_ms(page_path: Path) -> tuple[float, float]:
    """(ms from navigation to the page's ready flag, ms from navigation to positions that stay put)."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="semikg-bench-")
    url = page_path.resolve().as_uri()
    try:
        with sync_playwright() as pw:
            ctx = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True,
                                                        args=ARGS, offline=True,
                                                        viewport={"width": 1600, "height": 1000})
            ctx.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
            page = ctx.pages[0] if ctx.pages else ctx.new_page()
            t0 = time.perf_counter()
            page.goto(url, timeout=600_000)
            page.wait_for_selector("body[data-ready='1']", timeout=600_000, state="attached")
            ready = (time.perf_counter() - t0) * 1000
            same, last, settled = 0, None, ready
            while same < 2 and (time.perf_counter() - t0) < 120:
                now = page.evaluate("JSON.stringify(window.semikgViz.network.getPositions())")
                t = (time.perf_counter() - t0) * 1000
                if now == last:
                    same += 1
                else:
                    same, settled = 0, t
                last = now
                page.wait_for_timeout(100)
            ctx.close()
            return ready, settled
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, help="another checkout with its own .venv, measured beside this one")
    ap.add_argument("--eto", type=Path, default=HERE.parent / "shared" / "eto", help="ETO dataset folder")
    ap.add_argument("--skip-full", action="store_true", help="skip the unsampled 5,000-node page")
    args = ap.parse_args()
    browser = Path(CHROMIUM).exists()
    if not browser:
        print(f"# {CHROMIUM} missing: page sizes only (run .ci/install-browser.sh)", file=sys.stderr)
    sides = [("this", Path(sys.executable))]
    if args.baseline:
        sides.insert(0, ("baseline", args.baseline / ".venv" / "bin" / "python"))
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        cases = []
        seed = build(tmp, None)
        if seed:
            cases.append(("seed graph", str(seed), "default"))
        if (args.eto / "providers.csv").is_file():
            eto = build(tmp, args.eto)
            if eto:
                cases.append(("seed + ETO graph", str(eto), "default"))
        else:
            print(f"# ETO dataset not found at {args.eto}: skipped", file=sys.stderr)
        cases.append(("synthetic 5k/20k, default budget", "synthetic:5000x20000", "default"))
        if not args.skip_full:
            cases.append(("synthetic 5k/20k, full (budget 5000)", "synthetic:5000x20000", "5000"))
        print(f"{'graph':<38} {'side':<9} {'nodes':>6} {'edges':>6} {'page bytes':>12} {'render ms':>10} "
              f"{'ready ms':>9} {'settled ms':>11}")
        for name, source, budget in cases:
            for side, python in sides:
                out = tmp / f"{side}-{abs(hash((name, budget)))}.html"
                try:
                    r = render_with(python, source, budget, out)
                except (RuntimeError, subprocess.SubprocessError) as e:
                    print(f"{name:<38} {side:<9} failed: {e}")
                    continue
                ready, settled = settle_ms(out) if browser else (float("nan"), float("nan"))
                print(f"{name:<38} {side:<9} {r['nodes']:>6} {r['edges']:>6} {r['bytes']:>12,} "
                      f"{r['render_ms']:>10.0f} {ready:>9.0f} {settled:>11.0f}", flush=True)


if __name__ == "__main__":
    main()
