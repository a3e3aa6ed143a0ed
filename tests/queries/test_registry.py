"""The registry: headers parse into QuerySpecs, both languages promise the same interface."""
from __future__ import annotations

import pytest

from semikg.errors import QueryError
from semikg.queries.registry import get_query, load_library, load_spec
from semikg.queries.result import QueryResult, to_csv, to_markdown, to_table


def test_every_query_documents_itself():
    for spec in load_library().values():
        assert spec.title and spec.question.en and spec.question.zh and spec.example
        assert spec.example.startswith(f"semikg query run {spec.name}")
        assert spec.columns
        for p in spec.params:
            assert p.help
            assert f"?{p.name}" in spec.sparql, f"{spec.name}: ${p.name} unused in SPARQL"
            assert f"${p.name}" in (spec.cypher or ""), f"{spec.name}: ${p.name} unused in Cypher"


def test_no_query_is_neo4j_only():
    assert not [n for n, s in load_library().items() if s.neo4j_only]


def test_unknown_name_lists_closest():
    with pytest.raises(QueryError, match="did you mean: firm-products"):
        get_query("firm-product")


def test_cypher_header_must_match_sparql(tmp_path):
    rq = tmp_path / "x.rq"
    cy = tmp_path / "x.cypher"
    head = ("title: T\nquestion: {en: q, zh: 问}\nparams:\n  a: {type: int, default: 1, help: h}\n"
            "columns: {n: count}\nexample: semikg query run x\n")
    rq.write_text("".join(f"# {l}\n" for l in head.splitlines()) + "SELECT ?n WHERE {}\n")
    cy.write_text("".join(f"// {l}\n" for l in head.replace("default: 1", "default: 2").splitlines()) + "\nRETURN 1 AS n\n")
    with pytest.raises(QueryError, match="differ"):
        load_spec("x", rq, cy)


def test_bad_header_is_a_query_error(tmp_path):
    rq = tmp_path / "y.rq"
    rq.write_text("# title: [unclosed\nSELECT * WHERE {}\n")
    with pytest.raises(QueryError, match="y.rq"):
        load_spec("y", rq, None)


def test_renderers_escape_and_align():
    r = QueryResult(columns=("a", "b"), rows=(("x|y", None), ("台积电", 1.5)))
    assert "x\\|y" in to_markdown(r)
    assert to_csv(r).splitlines() == ["a,b", "x|y,", "台积电,1.5"]
    lines = to_table(r).splitlines()
    assert lines[-1] == "(2 rows)"


def test_get_query_reads_one_file_as_the_library_does():
    lib = load_library()
    for name, spec in lib.items():
        assert get_query(name) == spec
    for bad in ("../queries/sparql/fabs", "sparql/fabs", "fabs.rq", ""):
        with pytest.raises(QueryError, match="no saved query named"):
            get_query(bad)
