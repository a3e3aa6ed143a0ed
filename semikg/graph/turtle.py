"""Canonical Turtle: sorted subjects, predicates and objects, fixed prefixes, one layout.

rdflib's serialiser does not promise a stable byte order across runs; a knowledge graph that is
diffed and checked into golden files needs one, so this writer defines it.
"""
from __future__ import annotations

import re
from operator import itemgetter
from typing import IO, Iterable, Iterator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from semikg.graph.triples import MULTI, TripleSet
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
_XSD_STRING = str(XSD.string)
_IRI_BAD = set('<>"{}|^`\\ ')
_STR_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


_PREFIX_OF = {ns: pfx for pfx, ns in PREFIXES}
# A known namespace followed by a local name. Every namespace ends in / or #, which a local name
# never holds: so the only namespace that can match is the text up to the last / or # (the
# longer of two nested namespaces is tried first, the other one then fails on its / anyway).
_PREFIXED = re.compile("(" + "|".join(re.escape(ns) for ns in sorted(_PREFIX_OF, key=len, reverse=True))
                       + r")([A-Za-z0-9_][A-Za-z0-9_-]*)")


def _iri(u: str) -> str:
    m = _PREFIXED.fullmatch(u)
    if m is not None:
        ns, local = m.groups()
        return _PREFIX_OF[ns] + ":" + local
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


# The characters _STRING_TABLE changes: most strings hold none, and a search for them runs ~10x
# faster than translate (which builds a new string character by character).
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\\ud800-\udfff]')


def _string(s: str) -> str:
    if _NEEDS_ESCAPE.search(s) is None:
        return '"' + s + '"'
    return '"' + s.translate(_STRING_TABLE) + '"'


def _term(t) -> str:
    # The exact classes first: URIRef and Literal are ABCs, whose isinstance runs Python code.
    cls = t.__class__
    if cls is URIRef or (cls is not Literal and isinstance(t, URIRef)):
        return _iri(str(t))
    if cls is BNode or (cls is not Literal and isinstance(t, BNode)):
        return f"_:{t}"
    if cls is Literal or isinstance(t, Literal):
        return _literal(str(t), t.language, t.datatype)
    raise TypeError(f"not an RDF term: {t!r}")


def _literal(lexical: str, lang: str | None, datatype) -> str:
    lex = _string(lexical)
    if lang:
        # Equal literals may carry a tag in any case (Oxigraph hands zh-Hans back as zh-hans):
        # one spelling, whichever of them is met first.
        return f"{lex}@{canonical_lang(lang)}"
    if datatype is not None and str(datatype) != _XSD_STRING:
        return f"{lex}^^{_iri(str(datatype))}"
    return lex


def write_canonical_turtle(triples: Iterable[tuple], out: IO[str]) -> int:
    """Write triples as canonical Turtle; returns the number of triples written."""
    # A build hands over a TripleSet, already grouped by subject and predicate; anything else
    # (an rdflib Graph) is grouped into one first.
    table = triples if isinstance(triples, TripleSet) else TripleSet(triples)
    out.write("".join(f"@prefix {pfx}: <{ns}> .\n" for pfx, ns in PREFIXES))
    made = _render_subjects(table)
    if made is not None:
        blocks, subjects, exact = made
        breaks = _write_chunked(blocks, out)
        # A block holds one line break per triple and one more (see _layout), as no term's text
        # holds one; should one (a blank node's id may), the triples are counted instead.
        return breaks - subjects if exact else len(table)
    # Distinct terms with one text: their triples are merged by text first.
    blocks, n = _render_merged(table)
    _write_chunked((group[key] for group in blocks for key in sorted(group)), out)
    return n


def _write_chunked(blocks: Iterable[str], out: IO[str]) -> int:
    """Write the blocks; returns the number of line breaks written."""
    chunk: list[str] = []
    breaks = 0
    for block in blocks:
        chunk.append(block)
        if len(chunk) >= 2048:  # bounded buffer: written in chunks, not one string per subject
            text = "".join(chunk)
            breaks += text.count("\n")
            out.write(text)
            chunk.clear()
    text = "".join(chunk)
    out.write(text)
    return breaks + text.count("\n")


def _predicate_order(pkeys) -> list[str]:
    """Predicate IRIs in the order written: rdf:type first, the others by IRI."""
    order = sorted(pkeys)
    if _RDF_TYPE in pkeys:
        order.remove(_RDF_TYPE)
        order.insert(0, _RDF_TYPE)
    return order


def _predicate_text(p: str) -> str:
    return "a" if p == _RDF_TYPE else _iri(p)


def _layout(shape: tuple):
    """How a subject with these predicates (in the table's order) is written: a %-template taking
    the subject's text and its objects' texts, and the picker that puts those objects in written
    order; None when two of the predicates have one text (their objects must be merged)."""
    pkeys = [str(p) for p in shape]
    if len(set(pkeys)) != len(pkeys):
        return None
    order = _predicate_order(pkeys)
    template = "\n%s" + "".join((" " if i == 0 else " ;\n    ") + _predicate_text(p).replace("%", "%%") + " %s"
                                 for i, p in enumerate(order)) + " .\n"
    where = [pkeys.index(p) for p in order]
    return template, (itemgetter(*where) if len(where) > 1 else lambda v, i=where[0]: (v[i],))


def _render_subjects(table: TripleSet) -> tuple[Iterable[str], int, bool] | None:
    """Every subject's block in written order (IRIs, then blank nodes, each by their text), made
    as it is iterated, the number of subjects, and whether no term's text holds a line break;
    None if two subjects (or two predicates of one subject) have one text: their objects are then
    merged (``_render_merged``).

    Most subjects have the same few predicates (every evidence record, every measurement): the
    layout of a set of predicates is worked out once, and a subject is then one %-format of its
    objects' texts. Those texts are looked up here, in the table's order, where a subject's dict
    sits in memory next to the ones made with it (twice as fast as in written order, which is
    random for hashed IRIs); a block is only formatted when it is written, so the whole document
    is never held at once. An object's text is looked up by identity (an int hash, where a
    Literal's hash runs Python code), as a builder hands the same term objects over and over;
    every term stays referenced by the table while it is read, so no id is reused meanwhile. (A
    frozenset of objects, which a table may share between subjects, is looked up by identity too.)"""
    layouts: dict[tuple, tuple | None] = {}
    by_text: tuple[dict[str, tuple], dict[str, tuple]] = ({}, {})
    text_by_id: dict[int, str] = {}
    rendered: dict = {}  # term -> its Turtle text, for equal terms that are distinct objects
    sets: dict[tuple, str] = {}  # the ids of a set's objects -> its text
    lookup = text_by_id.get
    exact = True

    def text_of(o) -> str:
        nonlocal exact
        # A term's text is all its Turtle depends on: keyed by plain strings, not by the term,
        # whose equality (and a literal's hash) runs Python code. (The slots are read directly:
        # Literal's properties are Python functions too.)
        cls = o.__class__
        if cls is Literal:
            lexical, lang, datatype = str(o), o._language, o._datatype
            key = (lexical, lang, None if datatype is None else str(datatype))
            text = rendered.get(key)
            if text is None:
                text = rendered[key] = _literal(lexical, lang, datatype)
                if "\n" in text:
                    exact = False
        else:
            key = (str(o), cls)
            text = rendered.get(key)
            if text is None:
                text = rendered[key] = _term(o)
                if "\n" in text:
                    exact = False
        text_by_id[id(o)] = text
        return text

    for s, preds in table.grouped():
        shape = tuple(preds)
        layout = layouts.get(shape)
        if layout is None:
            if shape in layouts:
                return None
            layout = layouts[shape] = _layout(shape)
            if layout is None:
                return None
        template, pick = layout
        values = preds.values()
        texts = list(map(lookup, map(id, values)))
        missing = texts.count(None)
        if missing:
            objs = list(values)
            i = -1
            for _ in range(missing):
                i = texts.index(None, i + 1)
                o = objs[i]
                cls = o.__class__
                if cls is set or cls is frozenset:
                    # Keyed by the objects' ids as the set lists them: the same objects in another
                    # order only miss the cache.
                    ids = tuple(map(id, o))
                    text = sets.get(ids)
                    if text is None:
                        # Equal texts of distinct terms (a language tag in two cases) are written once.
                        distinct = {lookup(id(x)) or text_of(x) for x in o}
                        text = sets[ids] = ",\n        ".join(sorted(distinct))
                    if cls is frozenset:
                        text_by_id[id(o)] = text
                    texts[i] = text
                else:
                    texts[i] = text_of(o)
        key = str(s)
        if s.__class__ is URIRef:
            head = _iri(key)
        else:
            head = _term(s)
            if "\n" in head:
                exact = False
        by_text[s.__class__ is BNode][key] = (template, (head, *pick(texts)))
    subjects = len(table.grouped())
    if subjects != len(by_text[0]) + len(by_text[1]):
        return None
    return _formatted([group[key] for group in by_text for key in sorted(group)]), subjects, exact


def _formatted(blocks: list[tuple[str, tuple]]) -> Iterator[str]:
    for template, args in blocks:
        yield template % args


def _render_merged(table: TripleSet) -> tuple[list[dict[str, str]], int]:
    """Every subject's block keyed by its text (IRIs, then blank nodes) and the number of triples,
    for a table where distinct terms share a text: their objects are grouped by text first."""
    merged: tuple[dict[str, tuple[str, dict[str, set[str]]]], ...] = ({}, {})
    for s, preds in table.grouped():
        group = merged[s.__class__ is BNode]
        entry = group.get(str(s))
        if entry is None:
            entry = group[str(s)] = (_term(s), {})
        for p, objs in preds.items():
            texts = entry[1].setdefault(str(p), set())
            texts.update(map(_term, objs) if objs.__class__ in MULTI else (_term(objs),))
    blocks: list[dict[str, str]] = []
    n = 0
    for group in merged:
        out: dict[str, str] = {}
        for key, (subject, preds) in group.items():
            lines = []
            for p in _predicate_order(preds):
                n += len(preds[p])
                lines.append(_predicate_text(p) + " " + ",\n        ".join(sorted(preds[p])))
            out[key] = "\n" + subject + " " + " ;\n    ".join(lines) + " .\n"
        blocks.append(out)
    return blocks, n


term = _term


def canonical_turtle(graph: Graph) -> str:
    import io

    buf = io.StringIO()
    write_canonical_turtle(graph, buf)
    return buf.getvalue()
