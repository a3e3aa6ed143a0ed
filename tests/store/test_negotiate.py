from semikg.store.negotiate import choose, parse_accept


def test_default_is_json_for_solutions_and_turtle_for_graphs():
    assert choose(None, "solutions").mime == "application/sparql-results+json"
    assert choose("*/*", "graph").mime == "text/turtle"


def test_q_values_order_the_choice():
    assert choose("text/csv;q=0.5, application/sparql-results+xml", "solutions").name == "XML"
    assert choose("text/csv;q=0.9, text/tab-separated-values", "solutions").name == "TSV"


def test_wildcards_within_a_major_type():
    assert choose("text/*", "solutions").mime == "text/csv"
    assert choose("image/png", "solutions") is None


def test_q_zero_means_not_acceptable():
    assert parse_accept("text/csv;q=0") == []
    assert choose("text/csv;q=0", "solutions") is None
