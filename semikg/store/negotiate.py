"""HTTP content negotiation for SPARQL results: the client's Accept header -> one result format."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ResultKind = Literal["solutions", "graph"]


class MediaType(BaseModel):
    model_config = ConfigDict(frozen=True)

    mime: str
    name: str = Field(description="pyoxigraph format name: QueryResultsFormat.<name> or RdfFormat.<name>")
    kind: ResultKind


# First entry of each kind is the default when the client accepts anything.
FORMATS: tuple[MediaType, ...] = (
    MediaType(mime="application/sparql-results+json", name="JSON", kind="solutions"),
    MediaType(mime="application/json", name="JSON", kind="solutions"),
    MediaType(mime="application/sparql-results+xml", name="XML", kind="solutions"),
    MediaType(mime="application/xml", name="XML", kind="solutions"),
    MediaType(mime="text/csv", name="CSV", kind="solutions"),
    MediaType(mime="text/tab-separated-values", name="TSV", kind="solutions"),
    MediaType(mime="text/turtle", name="TURTLE", kind="graph"),
    MediaType(mime="application/n-triples", name="N_TRIPLES", kind="graph"),
    MediaType(mime="application/rdf+xml", name="RDF_XML", kind="graph"),
    MediaType(mime="application/ld+json", name="JSON_LD", kind="graph"),
)


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges with their q-values, best first (stable for equal q)."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    out = []
    for i, part in enumerate(header.split(",")):
        bits = [b.strip() for b in part.split(";")]
        mime = bits[0].lower()
        if not mime:
            continue
        q = 1.0
        for b in bits[1:]:
            if b.lower().startswith("q="):
                try:
                    q = max(0.0, min(1.0, float(b[2:])))
                except ValueError:
                    q = 0.0
        out.append((i, mime, q))
    out.sort(key=lambda t: (-t[2], t[0]))
    return [(m, q) for _, m, q in out if q > 0]


def choose(accept: str | None, kind: ResultKind) -> MediaType | None:
    """The format to answer with, or None when the client accepts nothing we can write (406)."""
    candidates = [f for f in FORMATS if f.kind == kind]
    for mime, _q in parse_accept(accept):
        if mime in ("*/*", "application/*", "text/*"):
            major = mime.split("/")[0]
            for f in candidates:
                if major == "*" or f.mime.startswith(major + "/"):
                    return f
            continue
        for f in candidates:
            if f.mime == mime:
                return f
    return None
