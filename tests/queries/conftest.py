"""Query tests: the seed graph (tests/conftest.py) and, for parity tests, the ArcadeDB Bolt server."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

