"""IRIs of instance data and of the vocabulary's relations and statuses."""
from __future__ import annotations

import hashlib
from hashlib import sha1 as _sha1
from functools import lru_cache
from types import SimpleNamespace

from rdflib import URIRef

from semikg.models import Status
from semikg.ontology import DATASET_RELATIONS, ID, RELATIONS, SKG

NS = str(SKG._NS)

SOURCE_CATALOG = ID["source/catalog"]
SOURCE_ETO = ID["source/eto"]

STATUS_IRI: dict[Status, URIRef] = {
    Status.stated: SKG.Stated,
    Status.planned: SKG.Planned,
    Status.expected: SKG.Expected,
    Status.reported: SKG.Reported,
    Status.rumoured: SKG.Rumoured,
}
STATUS_BY_IRI: dict[URIRef, Status] = {v: k for k, v in STATUS_IRI.items()}

# Dataset relations are never extracted from articles, but every consumer of the graph (view,
# visualisation, export) shows them.
RELATION_IRI: dict[str, URIRef] = {name: getattr(SKG, name) for name in (*RELATIONS, *DATASET_RELATIONS)}
RELATION_BY_IRI: dict[URIRef, str] = {v: k for k, v in RELATION_IRI.items()}


def digest(*parts: object, size: int = 16) -> str:
    h = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8"))
    return h.hexdigest()[:size]


def terms(ns, *names: str) -> SimpleNamespace:
    """Selected terms of a namespace as plain attributes, for hot loops (graph/builder.py)."""
    return SimpleNamespace(**{n: getattr(ns, n) for n in names})


@lru_cache(maxsize=1 << 16)  # an entity is named in many facts; IRI checks cost more than a lookup
def entity_iri(entity_id: str) -> URIRef:
    return ID[f"e/{entity_id}"]


# Instance IRIs are made as URIRef(prefix + name): the same term ID[name] makes, without the
# namespace's Python-level lookup (a build makes one per evidence record).
_ARTICLE, _EVIDENCE, _MEASUREMENT = str(ID["article/"]), str(ID["ev/"]), str(ID["m/"])


def article_iri(article_id: str) -> URIRef:
    return URIRef(_ARTICLE + article_id)


def _digest_iri(prefix: str, parts: tuple) -> URIRef:
    # A hex digest under a fixed prefix is always a valid IRI: made as the str it is, skipping
    # the character checks URIRef's constructor runs (its only work besides str.__new__).
    return str.__new__(URIRef, prefix + digest(*parts))


def evidence_iri(*parts: object) -> URIRef:
    return _digest_iri(_EVIDENCE, parts)


def relation_evidence_iri(source: str, s: str, p: str, o: str, start: int, end: int, rule: str) -> URIRef:
    """``evidence_iri(source, s, p, o, start, end, rule)`` for a builder's hot loop: the parts are
    of known types, joined by one f-string (a str part is written as ``str`` writes it)."""
    key = f"{source}\x1f{s}\x1f{p}\x1f{o}\x1f{start}\x1f{end}\x1f{rule}"
    return str.__new__(URIRef, _EVIDENCE + _sha1(key.encode("utf-8")).hexdigest()[:16])


def measurement_iri(*parts: object) -> URIRef:
    return _digest_iri(_MEASUREMENT, parts)


def local_name(iri: URIRef | str) -> str:
    s = str(iri)
    for sep in ("#", "/"):
        if sep in s:
            s = s.rsplit(sep, 1)[1]
    return s


def entity_id_of(iri: URIRef | str) -> str:
    s = str(iri)
    prefix = str(ID["e/"])
    return s[len(prefix):] if s.startswith(prefix) else s


@lru_cache(maxsize=256)
def canonical_lang(tag: str | None) -> str:
    """BCP 47 case: language lower, script title, region upper (zh-hans -> zh-Hans). Stores such
    as Oxigraph hand tags back lower-cased; labels must be keyed the same whichever store is read."""
    if not tag:
        return ""
    parts = tag.split("-")
    out = [parts[0].lower()]
    for p in parts[1:]:
        out.append(p.title() if len(p) == 4 else p.upper() if len(p) == 2 else p.lower())
    return "-".join(out)
