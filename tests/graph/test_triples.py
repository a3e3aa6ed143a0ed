"""TripleSet stores triples grouped by subject and predicate; it must behave exactly as a set of
triples does, with rdflib's term equality (a Literal's datatype and language count)."""
from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
import rdflib  # rdflib.XSD, not XSD: pytest probes module globals, and XSD warns on unknown names

from semikg.graph.triples import TripleSet
from semikg.graph.turtle import write_canonical_turtle

_SUBJECTS = [URIRef("https://semikg.org/id/e/a"), URIRef("https://semikg.org/id/e/b"), BNode("b1"),
             URIRef("b1")]  # a BNode and a URIRef with the same text are different subjects
_PREDICATES = [URIRef("https://semikg.org/ns#p"), URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
               URIRef("https://semikg.org/ns#q")]
_OBJECTS = [Literal("1"), Literal("1", datatype=rdflib.XSD.integer), Literal(1), Literal("01", datatype=rdflib.XSD.integer),
            Literal("台积电", lang="zh-Hans"), Literal("台积电", lang="zh-hans"), Literal("台积电"),
            URIRef("https://semikg.org/id/e/a"), BNode("b1")]
_TRIPLE = st.tuples(st.sampled_from(_SUBJECTS), st.sampled_from(_PREDICATES), st.sampled_from(_OBJECTS))


def _copy(t):
    # Equal terms that are distinct objects: the table must not rely on identity.
    return tuple(type(x)(x) if isinstance(x, (URIRef, BNode)) else
                 Literal(str(x), lang=x.language, datatype=x.datatype) for x in t)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TRIPLE, max_size=40), st.lists(_TRIPLE, max_size=10))
def test_behaves_as_a_set_of_triples(added, probes):
    table, reference = TripleSet(), set()
    for t in added:
        table.add(_copy(t))
        reference.add(t)
    assert len(table) == len(reference)
    assert set(table) == reference
    assert sorted(map(repr, table)) == sorted(map(repr, reference))  # no duplicates when iterated
    for t in [*added, *probes]:
        assert (t in table) == (t in reference)
    for s in [None, *_SUBJECTS]:
        for p in _PREDICATES:
            assert table.objects(s, p) == {o for (s2, p2, o) in reference if p2 == p and (s is None or s2 == s)}


@settings(max_examples=100, deadline=None)
@given(st.lists(_TRIPLE, max_size=40))
def test_writer_output_is_the_same_from_a_graph_and_from_a_table(added):
    g = Graph()
    for t in added:
        g.add(t)
    a, b = io.StringIO(), io.StringIO()
    assert write_canonical_turtle(g, a) == write_canonical_turtle(TripleSet(added), b) == len(set(added))
    assert a.getvalue() == b.getvalue()
    assert len(TripleSet(added).to_graph()) == len(g)


def test_grouped_view_keeps_one_object_unwrapped():
    a, p, q = _SUBJECTS[0], _PREDICATES[0], _PREDICATES[2]
    table = TripleSet([(a, p, Literal("x")), (a, q, Literal("y")), (a, q, Literal("z")), (a, q, Literal("y"))])
    (subject, preds), = table.grouped()
    assert subject == a and preds[p] == Literal("x") and preds[q] == {Literal("y"), Literal("z")}
    assert len(table) == 3


def test_language_tags_are_written_in_one_case():
    # Oxigraph hands tags back lower-cased; the same graph read from it or built must write alike.
    assert write_canonical_turtle([(_SUBJECTS[0], _PREDICATES[0], Literal("台积电", lang="zh-hans"))], io.StringIO()) == 1
    out = io.StringIO()
    write_canonical_turtle([(_SUBJECTS[0], _PREDICATES[0], Literal("台积电", lang="ZH-hans-tw"))], out)
    assert out.getvalue().endswith('"台积电"@zh-Hans-TW .\n')


class _OtherRef(URIRef):
    """A URIRef subclass: equal text, yet a distinct term to rdflib (as a store's own IRI class is)."""

    __slots__ = ()


def test_terms_that_share_a_text_are_written_as_one():
    a, p, q = _PREDICATES[0], _PREDICATES[0], _PREDICATES[2]
    s = _SUBJECTS[0]
    table = TripleSet([(s, p, Literal("x")), (_OtherRef(str(s)), p, Literal("y")), (_OtherRef(str(s)), q, Literal("z")),
                       (_SUBJECTS[1], p, Literal("u")), (_SUBJECTS[1], _OtherRef(str(p)), Literal("v"))])
    assert len(table) == 5
    out = io.StringIO()
    assert write_canonical_turtle(table, out) == 5
    body = out.getvalue().split("\n\n", 1)[1]
    assert body == ('e:a skg:p "x",\n        "y" ;\n    skg:q "z" .\n\n'
                    'e:b skg:p "u",\n        "v" .\n')


def test_layouts_are_shared_by_subjects_with_the_same_predicates():
    p, t, q = _PREDICATES
    table = TripleSet([(_SUBJECTS[0], q, Literal("1")), (_SUBJECTS[0], t, _SUBJECTS[1]), (_SUBJECTS[0], p, Literal("2")),
                       (_SUBJECTS[1], q, Literal("3")), (_SUBJECTS[1], t, _SUBJECTS[0]), (_SUBJECTS[1], p, Literal("4")),
                       (_SUBJECTS[1], p, Literal("5")), (BNode("z"), q, Literal("6"))])
    out = io.StringIO()
    assert write_canonical_turtle(table, out) == 8
    assert out.getvalue().split("\n\n", 1)[1] == (
        'e:a a e:b ;\n    skg:p "2" ;\n    skg:q "1" .\n\n'
        'e:b a e:a ;\n    skg:p "4",\n        "5" ;\n    skg:q "3" .\n\n'
        '_:z skg:q "6" .\n')


@settings(max_examples=200, deadline=None)
@given(st.lists(_TRIPLE, max_size=30), st.lists(_TRIPLE, max_size=30), st.lists(_TRIPLE, max_size=30))
def test_whole_subjects_and_object_sets_add_as_their_triples(before, described, listed):
    table, reference = TripleSet(before), set(before)
    nodes: dict = {}
    for s, p, o in described:  # one dict per subject, a set where a predicate has two objects
        objs = nodes.setdefault(s, {}).setdefault(p, set())
        objs.add(o)
        reference.add((s, p, o))
    for s, preds in nodes.items():
        table.add_subject(_copy((s,))[0], {p: (next(iter(objs)) if len(objs) == 1 else objs) for p, objs in preds.items()})
    by_pair: dict = {}
    for s, p, o in listed:
        by_pair.setdefault((s, p), set()).add(o)
        reference.add((s, p, o))
    for (s, p), objs in by_pair.items():
        table.add_objects(s, p, objs)
    assert len(table) == len(reference) and set(table) == reference
    assert sorted(map(repr, table)) == sorted(map(repr, reference))
    out_table, out_graph = io.StringIO(), io.StringIO()
    g = Graph()
    for t in reference:
        g.add(t)
    assert write_canonical_turtle(table, out_table) == write_canonical_turtle(g, out_graph) == len(reference)
    assert out_table.getvalue() == out_graph.getvalue()


def test_digest_iris_are_the_uriref_rdflib_makes():
    from semikg.graph.vocab import ID, digest, evidence_iri, measurement_iri, relation_evidence_iri

    parts = (URIRef("https://semikg.org/id/article/a-000"), "tsmc", "supplies", "apple", 3, 40, "rule")
    for made, expected in ((evidence_iri(*parts), ID[f"ev/{digest(*parts)}"]),
                           (relation_evidence_iri(*parts), ID[f"ev/{digest(*parts)}"]),
                           (measurement_iri(*parts), ID[f"m/{digest(*parts)}"])):
        assert type(made) is URIRef and made == expected and hash(made) == hash(expected)
        assert made.n3() == expected.n3() and str(made) == str(expected)


def test_a_shared_frozenset_of_objects_is_never_changed():
    # A builder may give many subjects one frozenset of objects: a subject that gets another object
    # gets a set of its own, and the others keep theirs.
    a, b = _SUBJECTS[0], _SUBJECTS[1]
    p = _PREDICATES[1]
    shared = frozenset({URIRef("https://semikg.org/ns#A"), URIRef("https://semikg.org/ns#B")})
    table = TripleSet()
    table.add_subject(a, {p: shared})
    table.add_subject(b, {p: shared})
    table.add((a, p, URIRef("https://semikg.org/ns#A")))  # already there: nothing changes
    table.add((b, p, URIRef("https://semikg.org/ns#C")))
    assert len(shared) == 2 and dict(table.grouped())[a][p] is shared
    assert table.objects(b, p) == {*shared, URIRef("https://semikg.org/ns#C")}
    assert len(table) == 5 and (a, p, URIRef("https://semikg.org/ns#B")) in table
    out = io.StringIO()
    assert write_canonical_turtle(table, out) == 5
    g = Graph()
    for t in table:
        g.add(t)
    assert out.getvalue() == _written(g)


def _written(triples) -> str:
    out = io.StringIO()
    write_canonical_turtle(triples, out)
    return out.getvalue()


def test_the_count_of_triples_written_holds_for_terms_with_line_breaks():
    # The writer counts the triples it writes by their line breaks, as no IRI or literal is written
    # with one; a blank node's id is written as it is, and may hold one.
    odd = BNode("x\ny")
    triples = [(odd, _PREDICATES[0], Literal("a\nb")), (_SUBJECTS[0], _PREDICATES[0], odd),
               (_SUBJECTS[0], _PREDICATES[2], Literal("c")), (_SUBJECTS[0], _PREDICATES[2], Literal("d"))]
    assert write_canonical_turtle(TripleSet(triples), io.StringIO()) == 4
    assert write_canonical_turtle(TripleSet(triples[2:]), io.StringIO()) == 2
