"""The extractor's article-level lookups are indexed so that an article naming thousands of firms or
sites stays linear (bench/scaling_bench.py prints the figures). Each index is checked here against
the plain scan it replaced, on generated data, so the two cannot drift apart."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from semikg.extract.indexes import FirmTails, Spans

_SPAN = st.tuples(st.integers(0, 60), st.integers(0, 12), st.sampled_from(["a", "b", "c"])).map(
    lambda t: (t[0], t[0] + t[1], t[2]))  # zero-length spans, overlaps and duplicates included


@settings(max_examples=300, deadline=None)
@given(st.lists(_SPAN, max_size=30), st.lists(st.tuples(st.integers(-5, 80), st.integers(0, 20)), max_size=8),
       st.lists(st.tuples(st.sampled_from(["add", "remove", "remove_one"]), _SPAN), max_size=6))
def test_span_windows_match_plain_filters(spans, windows, edits):
    index, plain = Spans(spans), sorted(spans)
    for op, sp in edits:
        getattr(index, op)(sp)
        if op == "add":
            plain = sorted(plain + [sp])
        elif op == "remove":
            plain = [x for x in plain if x != sp]
        elif sp in plain:
            plain.remove(sp)
    assert index.items == plain and index.starts == [s for s, _, _ in plain]
    for lo, width in windows:
        hi = lo + width
        assert index.starting(lo, hi) == [sp for sp in plain if lo <= sp[0] <= hi]
        assert index.ending(lo, hi) == [sp for sp in plain if lo <= sp[1] <= hi]
        assert sorted(index.overlapping(lo, hi)) == [sp for sp in plain if sp[0] < hi and sp[1] > lo]


def _firm_of_by_scan(surface: str, eid: str, full_names: dict[str, str], aliases: dict[str, str]) -> str:
    """The loop FirmTails replaced (rules.RuleBasedExtractor.run, before indexing)."""
    for full, fid in full_names.items():
        if fid != eid and len(surface) >= 3 and surface != full and (
                full.endswith(surface) or any(a.endswith(surface) for a, t in aliases.items() if t == fid)):
            return fid
    return eid


_NAME = st.text(alphabet="芯存微电子科技", min_size=1, max_size=7)
_FIRM = st.sampled_from(["d-1", "d-2", "d-3", "d-4"])


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(_NAME, _FIRM, max_size=6), st.dictionaries(_NAME, _FIRM, max_size=6),
       st.lists(st.tuples(_NAME, _FIRM), min_size=1, max_size=10))
def test_firm_tails_match_the_scan(full_names, aliases, probes):
    tails = FirmTails(full_names, aliases)
    for surface, eid in probes:
        assert tails.firm_of(surface, eid) == _firm_of_by_scan(surface, eid, full_names, aliases)
