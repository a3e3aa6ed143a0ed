"""Parameter bindings for Oxigraph: ``initBindings`` become a VALUES block, checked by round trip.

pyoxigraph's own substitutions (SEP-0007) only accept variables that the query projects, while the
saved queries bind parameters used inside patterns and filters (``?firm``, ``?year``). rdflib binds
such variables for the whole query; a ``VALUES`` block at the start of every group pattern gives
the same answers on Oxigraph.

The block is not interpolated user text: each value is a typed RDF term, written by a strict
serializer (IRIs with any delimiter or escape character are refused, strings use only the four
ECHAR escapes), and the block is then evaluated on its own and must give back exactly those terms,
or the query is refused.
"""
from __future__ import annotations

import re
from typing import Mapping

from rdflib import BNode, Literal, URIRef

from semikg.errors import QueryError

_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANG = re.compile(r"^[A-Za-z]+(-[A-Za-z0-9]+)*$")
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}


def _iri(value: str) -> str:
    if not value or _IRI_FORBIDDEN.search(value):
        raise QueryError(f"cannot bind IRI {value[:80]!r}: it contains characters not allowed in an IRI")
    return f"<{value}>"


def term_text(t: object) -> str:
    """SPARQL text of one RDF term, or QueryError for anything that is not a plain IRI or literal."""
    if isinstance(t, URIRef):
        return _iri(str(t))
    if isinstance(t, Literal):
        lex = '"' + "".join(_ECHAR.get(c, c) for c in str(t)) + '"'
        if t.language:
            if not _LANG.match(t.language):
                raise QueryError(f"cannot bind a literal with language tag {t.language[:40]!r}")
            return f"{lex}@{t.language}"
        if t.datatype is not None:
            return f"{lex}^^{_iri(str(t.datatype))}"
        return lex
    if isinstance(t, BNode):
        raise QueryError("cannot bind a blank node as a query parameter")
    raise QueryError(f"cannot bind {type(t).__name__} as a query parameter (an IRI or literal is needed)")


def values_block(bindings: Mapping[str, object]) -> tuple[str, list[str]]:
    names = sorted(str(k) for k in bindings)
    for n in names:
        if not _VAR.match(n):
            raise QueryError(f"bad parameter variable name {n[:40]!r}")
    cells = " ".join(term_text(bindings[n]) for n in names)
    head = " ".join(f"?{n}" for n in names)
    return f"VALUES ({head}) {{ ({cells}) }}", names


def _verify(block: str, names: list[str], bindings: Mapping[str, object]) -> None:
    """Evaluate the block alone: it must yield one row holding exactly the intended terms."""
    import pyoxigraph as ox

    from semikg.store.terms import term_from_ox

    try:
        rows = list(ox.Store().query(f"SELECT * WHERE {{ {block} }}"))
    except SyntaxError:
        rows = []
    ok = len(rows) == 1 and all(_same(term_from_ox(rows[0][n]), bindings[n]) for n in names)
    if not ok:
        raise QueryError("a parameter value could not be bound safely; the query was not run")


def _same(got: object, want: object) -> bool:
    if isinstance(want, Literal) and isinstance(got, Literal):
        return (str(got), got.language, got.datatype) == (str(want), want.language, want.datatype)
    return got == want


def _skip_string(q: str, i: int) -> int:
    quote = q[i]
    if q.startswith(quote * 3, i):
        end = q.find(quote * 3, i + 3)
        while end != -1 and q[end - 1] == "\\":
            end = q.find(quote * 3, end + 1)
        return len(q) if end == -1 else end + 3
    j = i + 1
    while j < len(q) and q[j] != quote:
        j += 2 if q[j] == "\\" else 1
    return j + 1


def _group_braces(q: str) -> list[int]:
    """Offsets of every ``{`` that opens a group graph pattern, found by scanning past comments,
    strings and IRIs. Not included: a CONSTRUCT template, the data block of a VALUES clause, and a
    group whose only content is a sub-SELECT (its own WHERE group is included instead)."""
    i, n = 0, len(q)
    upper = q.upper()
    out: list[int] = []
    template = False  # after CONSTRUCT and before its template
    data_block = False  # after VALUES and before its data block
    while i < n:
        c = q[i]
        if c == "#":
            nl = q.find("\n", i)
            i = n if nl == -1 else nl + 1
        elif c in "\"'":
            i = _skip_string(q, i)
        elif c == "<" and _IRIREF.match(q, i):
            i = _IRIREF.match(q, i).end()  # type: ignore[union-attr]
        elif c == "?" or c == "$":
            m = _NAME.match(q, i + 1)
            i += 1 + (m.end() - m.start() if m else 0)
        elif c.isalpha():
            m = _NAME.match(q, i)
            word = upper[i:m.end()]  # type: ignore[union-attr]
            if (i > 0 and q[i - 1] in ":_-.") or q.startswith(":", m.end()):  # type: ignore[union-attr]
                word = ""  # part of a prefixed name such as skg:select, not a keyword
            if word == "CONSTRUCT":
                template = True
            elif word == "WHERE":
                template = False
            elif word == "VALUES":
                data_block = True
            i = m.end()  # type: ignore[union-attr]
        elif c == "{":
            if template or data_block:
                depth, i = 1, i + 1
                while i < n and depth:
                    if q[i] in "\"'":
                        i = _skip_string(q, i)
                        continue
                    if q[i] == "<" and _IRIREF.match(q, i):
                        i = _IRIREF.match(q, i).end()  # type: ignore[union-attr]
                        continue
                    depth += {"{": 1, "}": -1}.get(q[i], 0)
                    i += 1
                template = data_block = False
                continue
            nxt = _NEXT_WORD.match(q, i + 1)
            if not (nxt and nxt.group(1).upper() == "SELECT"):
                out.append(i)
            i += 1
        else:
            i += 1
    if not out:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    return out


_NEXT_WORD = re.compile(r"(?:\s|#[^\n]*\n)*([A-Za-z]+)")
_IRIREF = re.compile(r"<[^\s<>\"{}|^`\\]*>")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _group_end(q: str, i: int) -> int:
    """Offset just past the ``}`` closing the group opened at ``i``."""
    depth, i, n = 1, i + 1, len(q)
    while i < n and depth:
        c = q[i]
        if c in "\"'":
            i = _skip_string(q, i)
            continue
        if c == "#":
            nl = q.find("\n", i)
            i = n if nl == -1 else nl + 1
            continue
        if c == "<" and _IRIREF.match(q, i):
            i = _IRIREF.match(q, i).end()  # type: ignore[union-attr]
            continue
        depth += {"{": 1, "}": -1}.get(c, 0)
        i += 1
    return i


def inject_values(query: str, bindings: Mapping[str, object]) -> str:
    """The query with ``bindings`` as VALUES blocks: in the outermost group, and in every inner group
    that mentions a bound variable (a FILTER inside a UNION branch or a sub-query must see the value,
    as with rdflib's ``initBindings``; groups that do not mention it are left alone so Oxigraph keeps
    evaluating them by nested lookups)."""
    if not bindings:
        return query
    _, names = values_block(bindings)
    braces = _group_braces(query)
    blocks: dict[tuple[str, ...], str] = {}
    inserts: list[tuple[int, str]] = []
    for k, at in enumerate(braces):
        if k == 0:
            used = tuple(names)
        else:
            span = query[at:_group_end(query, at)]
            used = tuple(n for n in names if re.search(r"[?$]" + re.escape(n) + r"(?![A-Za-z0-9_])", span))
        if not used:
            continue
        if used not in blocks:
            block, _ = values_block({n: bindings[n] for n in used})
            _verify(block, list(used), bindings)
            blocks[used] = block
        inserts.append((at, blocks[used]))
    out = query
    for at, block in reversed(inserts):
        out = out[:at + 1] + " " + block + " " + out[at + 1:]
    return out
