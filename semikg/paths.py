"""Where semikg writes, and reads when no path is given: one folder, ``build/``, in the working directory."""
from __future__ import annotations

from pathlib import Path

BUILD_DIR = Path("build")
# Names inside a build folder (``semikg build --out DIR`` writes DIR/semikg.ttl, DIR/store/, ...).
GRAPH_FILE = "semikg.ttl"
REPORT_FILE = "report.json"
STORE_DIR = "store"
VIZ_DIR = "viz"
ETO_DIR = "eto"

DEFAULT_GRAPH = BUILD_DIR / GRAPH_FILE
DEFAULT_STORE = BUILD_DIR / STORE_DIR
DEFAULT_VIZ_PAGE = BUILD_DIR / VIZ_DIR / "graph.html"
DEFAULT_ETO_OUT = BUILD_DIR / ETO_DIR
