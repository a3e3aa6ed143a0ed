"""required_literals (semikg/extract/relations.py) reads off a rule's pattern the words every match
holds; a rule whose required words are all missing from a sentence is not run. The prefilter must
never skip a sentence the pattern matches."""
from __future__ import annotations

from semikg.extract.passes.lexicon import compiled_lexicon, lexicon
from semikg.extract.relations import TOK_CLOSE, TOK_OPEN, compiled_rules, required_literals, rule_file
from semikg.loaders.normalise import normalise

LEXICONS = ("places.yaml", "policies.yaml", "usage.yaml", "trade.yaml", "finance.yaml")


def groups(pattern: str) -> list[set[str]]:
    return [set(g) for g in required_literals(pattern)]


def test_literal_runs_groups_and_branches():
    assert groups("甲(?:向|为|给)乙") == [{"甲"}, {"向", "为", "给"}, {"乙"}]
    assert groups("(?P<T>收购|并购)") == [{"收购", "并购"}]
    assert groups("[和与]") == [{"和", "与"}]
    assert groups("(?:合作){1,3}") == [{"合作"}]


def test_optional_parts_lookarounds_and_open_branches_say_nothing():
    assert groups("(?:宣布)?收购") == [{"收购"}]
    assert groups("(?:宣布)*收购") == [{"收购"}]
    assert groups("(?<!不)(?=将)(?!未)收购") == [{"收购"}]
    assert groups("(?:向|.)供应") == [{"供应"}]  # one alternative holds no literal: the branch says nothing
    assert groups("[^和与]供应") == [{"供应"}]


def test_token_marks_class_names_and_case_folding_say_nothing():
    token = f"{TOK_OPEN}(?P<S>\\d+):(?=[^{TOK_CLOSE}]*\\|Agent\\|)[^{TOK_CLOSE}]*{TOK_CLOSE}"
    assert groups(token + "供应") == [{"供应"}]
    assert groups("supply|供应") == []  # an ASCII word may stand inside a token's class names
    assert required_literals("(?i)供应") == ()
    assert groups("(?i:ab)供应") == [{"供应"}]


def test_a_rule_requires_what_its_expanded_pattern_requires():
    """Rules read their requirement off the pattern with macros standing for any text; the
    expanded pattern they compile to requires the same words (or more)."""
    rules = [*compiled_rules(), *(r for name in LEXICONS for r in compiled_lexicon(name))]
    assert sum(1 for r in rules if r.required) >= 20
    for r in rules:
        expanded = set(required_literals(r.regex.pattern, r.regex.flags))
        assert set(r.required) <= expanded | {r.triggers}, r.id


def test_an_unparsable_pattern_requires_nothing():
    assert required_literals("(?P<T>") == ()


def _examples():
    yield from ((r.id, r.pattern, r.examples) for r in rule_file().rules)
    for name in LEXICONS:
        yield from ((r.id, r.pattern, r.examples) for r in lexicon(name).rules)


def test_every_rule_example_holds_a_word_of_each_required_group():
    """A rule fires on each of its examples (tests/extract/test_rule_examples.py), so each example
    holds a word of every group the prefilter requires of the rule."""
    compiled = {r.id: r for r in compiled_rules()}
    compiled.update({r.id: r for name in LEXICONS for r in compiled_lexicon(name)})
    checked = 0
    for rid, _, examples in _examples():
        rule = compiled[rid]
        for g in rule.required:
            for text in examples:
                assert any(w in normalise(text) for w in g), (rid, sorted(g), text)
                checked += 1
    assert checked > 100
