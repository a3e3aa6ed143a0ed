"""Session-scoped ArcadeDB Bolt server for integration tests (any test folder can use it).

Use it from any test folder's conftest.py (with the repository root on sys.path):

    from tests.servers.arcadedb import arcadedb_bolt  # noqa: F401  (registers the fixture)

or, once, from the root tests/conftest.py: ``pytest_plugins = ["tests.servers.arcadedb"]``.
The fixture yields an ``ArcadeBoltServer`` (``.uri``, ``.auth``, ``.database``); ``settings_for(server)``
gives the exporter's ``Neo4jSettings`` for it, e.g. to load a graph with ``semikg.export.push.push``.
The server runs in its own process on a free loopback port and stops at the end of the session.
Tests that need a server of their own (e.g. to kill it) call ``start_arcadedb()`` directly.
"""
from __future__ import annotations

import importlib.util
from typing import Iterator

import pytest

from tests.support.arcadedb_server import ArcadeBoltServer

SKIP_REASON = "arcadedb-embedded is not installed (pip install 'semikg[test]')"


def arcadedb_available() -> bool:
    return importlib.util.find_spec("arcadedb_embedded") is not None


def start_arcadedb(**kwargs) -> ArcadeBoltServer:
    """A started server; the caller closes it. Skips the test when the wheel is missing."""
    if not arcadedb_available():
        pytest.skip(SKIP_REASON)
    return ArcadeBoltServer(**kwargs).start()


def settings_for(server: ArcadeBoltServer, **overrides):
    """Neo4jSettings that connect the semikg exporter to ``server``."""
    from semikg.export.push import Neo4jSettings

    return Neo4jSettings(uri=server.uri, user=server.user, password=server.password,
                         database=server.database, **overrides)


@pytest.fixture(scope="session")
def arcadedb_bolt() -> Iterator[ArcadeBoltServer]:
    server = start_arcadedb()
    try:
        yield server
    finally:
        server.close()
