"""Benchmark of `semikg viz` pages: page size and time to a stabilised layout in headless Chromium.

    .venv/bin/python bench/viz_bench.py [--skip-full]

Graphs: the seed graph (built with `semikg build --out <tmp>`; a generated stand-in when the build
is not available) and a synthetic graph of 5,000 nodes and 20,000 edges, drawn with the default node
budget and in full. Prints one line per page; measures, never asserts.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))  # tests.support; the installed semikg comes first

from semikg.graph.view import GraphView  # noqa: E402
from semikg.viz import VizOptions, render, write_page  # noqa: E402
from semikg.store.load import load_graph  # noqa: E402
from tests.support.synthetic_view import synthetic_view  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def seed_view(tmp: Path) -> tuple[str, GraphView]:
    exe = Path(sys.executable).with_name("semikg")
    out = tmp / "seed" / "semikg.ttl"
    try:
        # The build exits non-zero on SHACL violations but still writes the graph: that graph is wanted.
        subprocess.run([str(exe), "build", "--out", str(out.parent)], capture_output=True, timeout=900)
    except (OSError, subprocess.SubprocessError) as e:
        print(f"# semikg build failed to run: {type(e).__name__}", file=sys.stderr)
    if out.is_file():
        return "seed graph (semikg build)", GraphView(load_graph(out))
    print("# semikg build wrote no graph; using a generated 300-node stand-in", file=sys.stderr)
    return "seed stand-in (300 nodes, 600 edges)", synthetic_view(300, 600, seed=2)


def stabilise_ms(page_path: Path) -> tuple[float, float]:
    """(ms from script start to stabilised layout as the page measures it, wall ms from navigation)."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="semikg-bench-")
    url = page_path.resolve().as_uri()
    try:
        with sync_playwright() as pw:
            ctx = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True,
                                                        args=ARGS, offline=True,
                                                        viewport={"width": 1400, "height": 900})
            ctx.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
            page = ctx.pages[0] if ctx.pages else ctx.new_page()
            t0 = time.perf_counter()
            page.goto(url, timeout=600_000)
            page.wait_for_selector("body[data-ready='1']", timeout=600_000, state="attached")
            wall = (time.perf_counter() - t0) * 1000
            inner = page.evaluate("window.semikgViz.stabilizeMs")
            ctx.close()
            return float(inner), wall
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def bench(name: str, view: GraphView, options: VizOptions, out: Path, browser: bool) -> None:
    t0 = time.perf_counter()
    page = render(view, options)
    render_ms = (time.perf_counter() - t0) * 1000
    path = write_page(page, out)
    size = path.stat().st_size
    line = (f"{name:<48} nodes {page.nodes:>5}/{page.total_nodes:<5} edges {page.edges:>6}  "
            f"page {size:>10,} B  render {render_ms:>8.0f} ms")
    if browser:
        inner, wall = stabilise_ms(path)
        line += f"  stabilised {inner:>8.0f} ms (load+layout {wall:>8.0f} ms)"
    print(line, flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-full", action="store_true", help="skip the unsampled 5,000-node page")
    args = ap.parse_args()
    browser = Path(CHROMIUM).exists()
    if not browser:
        print(f"# {CHROMIUM} missing: page sizes only (run .ci/install-browser.sh)", file=sys.stderr)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        name, seed = seed_view(tmp)
        bench(name, seed, VizOptions(), tmp / "seed.html", browser)
        t0 = time.perf_counter()
        big = synthetic_view(5000, 20000)
        print(f"# synthetic graph built and viewed in {time.perf_counter() - t0:.1f} s", flush=True)
        bench("synthetic 5k/20k, default node budget", big, VizOptions(), tmp / "big.html", browser)
        if not args.skip_full:
            bench("synthetic 5k/20k, full (budget 5000)", big, VizOptions(node_budget=5000),
                  tmp / "big-full.html", browser)


if __name__ == "__main__":
    main()
