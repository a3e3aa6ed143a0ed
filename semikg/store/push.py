"""Push the graph to any SPARQL 1.1 Graph Store HTTP Protocol endpoint (Fuseki, GraphDB, Oxigraph).

A Turtle file is sent as it is; a store folder is dumped to N-Triples first. The body is streamed
from a temporary file with its length, so a million-triple graph never sits in memory twice.
"""
from __future__ import annotations

import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import Literal
from urllib.parse import quote, urlsplit

from pydantic import BaseModel

from semikg.errors import ExportError, InputError
from semikg.store.disk import dump_ntriples, is_store_dir

Mode = Literal["replace", "append"]


class PushResult(BaseModel):
    endpoint: str
    target: str
    status: int
    bytes_sent: int


def graph_store_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store URL for the default graph (``?default``) or a named graph (``?graph=<iri>``)."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ExportError(f"{endpoint}: not an http(s) URL of a Graph Store endpoint (e.g. http://localhost:7878/store)")
    sep = "&" if parts.query else "?"
    return endpoint + sep + ("default" if graph is None else "graph=" + quote(graph, safe=""))


def push_graph(source: str | Path, endpoint: str, graph: str | None = None, mode: Mode = "replace",
               timeout_s: float = 300.0) -> PushResult:
    """PUT (replace) or POST (append) the graph at ``source`` to the endpoint."""
    src = Path(source)
    url = graph_store_url(endpoint, graph)
    with tempfile.TemporaryDirectory(prefix="semikg-push-") as tmp:
        if is_store_dir(src):
            body = Path(tmp) / "graph.nt"
            dump_ntriples(src, body)
            ctype = "application/n-triples"
        elif src.is_file():
            if src.stat().st_size == 0:
                raise InputError(src, "empty graph file")
            body, ctype = src, "text/turtle"
        else:
            raise InputError(src, "no such graph file or store folder (run `semikg build` first)")
        size = body.stat().st_size
        with open(body, "rb") as fh:
            req = urllib.request.Request(url, data=fh, method="PUT" if mode == "replace" else "POST",
                                         headers={"Content-Type": f"{ctype}; charset=utf-8",
                                                  "Content-Length": str(size)})
            try:
                with urllib.request.urlopen(req, timeout=timeout_s) as resp:
                    status = resp.status
            except urllib.error.HTTPError as e:
                detail = e.read(300).decode("utf-8", "replace").strip().splitlines()
                raise ExportError(f"{endpoint} refused the graph: HTTP {e.code} {e.reason}"
                                  + (f": {detail[0][:200]}" if detail else "")) from None
            except urllib.error.URLError as e:
                raise ExportError(f"cannot reach {endpoint}: {getattr(e.reason, 'strerror', None) or e.reason}") from None
            except (TimeoutError, ConnectionError) as e:
                raise ExportError(f"cannot reach {endpoint}: {e.strerror if isinstance(e, OSError) and e.strerror else type(e).__name__}") from None
    return PushResult(endpoint=endpoint, target=url, status=status, bytes_sent=size)
