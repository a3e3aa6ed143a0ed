"""Canonical Turtle: sorted subjects, predicates and objects, fixed prefixes, one layout.

rdflib's serialiser does not promise a stable byte order across runs; a knowledge graph that is
diffed and checked into golden files needs one, so this writer defines it.
"""
from __future__ import annotations

import re
from typing import IO, Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from semikg.graph.triples import TripleSet
from semikg.graph.vocab import canonical_lang
from semikg.loaders.normalise import dense_table

PREFIXES = (
    ("skg", "https://semikg.org/ns#"),
    ("e", "https://semikg.org/id/e/"),
    ("article", "https://semikg.org/id/article/"),
    ("ev", "https://semikg.org/id/ev/"),
    ("m", "https://semikg.org/id/m/"),
    ("src", "https://semikg.org/id/source/"),
    ("id", "https://semikg.org/id/"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("schema", "https://schema.org/"),
    ("dcterms", "http://purl.org/dc/terms/"),
)
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_IRI_BAD = set('<>"{}|^`\\ ')
_STR_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


_PREFIX_OF = {ns: pfx for pfx, ns in PREFIXES}
_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")


def _iri(u: str) -> str:
    # Every namespace ends in / or #, and a prefixed local name holds neither: so the namespace
    # can only be the text up to the last / or #, one dict lookup instead of a scan of PREFIXES.
    cut = max(u.rfind("/"), u.rfind("#")) + 1
    pfx = _PREFIX_OF.get(u[:cut]) if cut else None
    if pfx is not None and _LOCAL.fullmatch(u, cut):
        return f"{pfx}:{u[cut:]}"
    out = []
    for c in u:
        if c in _IRI_BAD or ord(c) < 0x20:
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    return "<" + "".join(out) + ">"


def _string_table() -> list[int | str | None]:
    # Indexed by code point (see dense_table): str.translate then escapes in C.
    escapes: dict[int, str | None] = {c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F, *range(0xD800, 0xE000)]}
    escapes.update((ord(c), esc) for c, esc in _STR_ESC.items())
    return dense_table(escapes)


_STRING_TABLE = _string_table()


def _string(s: str) -> str:
    return '"' + s.translate(_STRING_TABLE) + '"'


def _term(t) -> str:
    if isinstance(t, URIRef):
        return _iri(str(t))
    if isinstance(t, BNode):
        return f"_:{t}"
    if isinstance(t, Literal):
        lex = _string(str(t))
        if t.language:
            # Equal literals may carry a tag in any case (Oxigraph hands zh-Hans back as zh-hans):
            # one spelling, whichever of them is met first.
            return f"{lex}@{canonical_lang(t.language)}"
        if t.datatype is not None and str(t.datatype) != str(XSD.string):
            return f"{lex}^^{_iri(str(t.datatype))}"
        return lex
    raise TypeError(f"not an RDF term: {t!r}")


def write_canonical_turtle(triples: Iterable[tuple], out: IO[str]) -> int:
    """Write triples as canonical Turtle; returns the number of triples written."""
    # A build hands over a TripleSet, already grouped by subject and predicate; anything else
    # (an rdflib Graph) is grouped into one first.
    table = triples if isinstance(triples, TripleSet) else TripleSet(triples)
    # Grouped by plain strings: rdflib terms compare with a Python-level __eq__. A builder hands
    # the same term objects over and over, so each object's text is looked up by identity first
    # (an int hash, where a Literal's hash runs Python code); the term is kept with its text so
    # that its id cannot be reused by another object while the triples are read.
    obj_ids: dict[int, tuple[object, str]] = {}
    rendered: dict = {}  # term -> its Turtle text, for equal terms that are distinct objects
    pred_ids: dict[int, tuple[object, str]] = {}

    def text_of(o) -> str:
        text = rendered.get(o)
        if text is None:
            text = rendered[o] = _term(o)
        obj_ids[id(o)] = (o, text)
        return text

    by_subject: dict[tuple[bool, str], tuple[str, dict[str, str | set[str]]]] = {}
    for s, preds in table.grouped():
        key = (s.__class__ is BNode, str(s))
        entry = by_subject.get(key)
        if entry is None:
            entry = by_subject[key] = (_term(s), {})
        texts = entry[1]
        for p, objs in preds.items():
            seen = pred_ids.get(id(p))
            if seen is None:
                pkey = str(p)
                pred_ids[id(p)] = (p, pkey)
            else:
                pkey = seen[1]
            if objs.__class__ is set:
                new = set()
                for o in objs:
                    hit = obj_ids.get(id(o))
                    new.add(hit[1] if hit else text_of(o))
            else:
                hit = obj_ids.get(id(objs))
                new = hit[1] if hit else text_of(objs)
            old = texts.get(pkey)
            if old is None:
                texts[pkey] = new
            else:  # a second term with the same text (subject or predicate): merge its objects
                merged = {old} if old.__class__ is str else set(old)
                merged.update((new,) if new.__class__ is str else new)
                texts[pkey] = merged
    parts = [f"@prefix {pfx}: <{ns}> .\n" for pfx, ns in PREFIXES]
    predicate_text: dict[str, str] = {}
    n = 0
    for key in sorted(by_subject):
        subject, preds = by_subject[key]
        parts.append("\n" + subject)
        sep = " "
        order = sorted(preds)
        if _RDF_TYPE in preds:  # rdf:type first, the other predicates by IRI
            order.remove(_RDF_TYPE)
            order.insert(0, _RDF_TYPE)
        for p in order:
            objs = preds[p]
            ptxt = predicate_text.get(p)
            if ptxt is None:
                ptxt = predicate_text[p] = "a" if p == _RDF_TYPE else _iri(p)
            if objs.__class__ is str:
                n += 1
                parts.append(sep + ptxt + " " + objs)
            else:
                n += len(objs)
                parts.append(sep + ptxt + " " + ",\n        ".join(sorted(objs)))
            sep = " ;\n    "
        parts.append(" .\n")
        if len(parts) > 4096:  # bounded buffer: written in chunks, not one string per line
            out.write("".join(parts))
            parts.clear()
    out.write("".join(parts))
    return n


term = _term


def canonical_turtle(graph: Graph) -> str:
    import io

    buf = io.StringIO()
    write_canonical_turtle(graph, buf)
    return buf.getvalue()
