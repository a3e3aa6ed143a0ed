"""The throughput work replaced several simple loops by table-driven C-level calls. Each fast path
is checked here against the plain reference it replaced, on generated text, so a later edit to
either side cannot drift silently."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from semikg.graph import turtle
from semikg.loaders import files, normalise

# Chinese in both scripts, ASCII, full-width forms, controls, quotes, astral characters (emoji,
# CJK extension B): everything the tables treat differently.
_ALPHABET = st.sampled_from(
    list("台積電台积电臺灣湾半導體导体芯片晶圓圆廠厂") + list("AZaz09 _-.#/:\"'\\\n\r\t\b\f")
    + ["\x00", "\x01", "\x7f", "\u3000", "\uff21", "\uff41", "“", "—", "\U0001F600", "\U00020000", "\ud800"])
_TEXT = st.text(alphabet=_ALPHABET, max_size=60)


def _script_reference(text: str) -> str:
    """script_of as it was written before the single-translate version: the counting differs,
    the decision from the counts is shared."""
    sample = text[:normalise.SCRIPT_SAMPLE]
    t2s, s2t = normalise.t2s_table(), normalise.s2t_table()
    cjk = sum(1 for c in sample if any(lo <= ord(c) <= hi for lo, hi in normalise._CJK_RANGES))
    trad = sum(1 for c in sample if ord(c) in t2s)
    simp = sum(1 for c in sample if ord(c) in s2t and ord(c) not in t2s)
    return normalise.script_from_counts(cjk, trad, simp)


def _iri_reference(u: str) -> str:
    """turtle._iri as it was written before the namespace lookup (first matching prefix wins)."""
    ok = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
    for pfx, ns in turtle.PREFIXES:
        if u.startswith(ns):
            local = u[len(ns):]
            if local and all(c in ok for c in local) and local[0] != "-" and local[-1] != ".":
                return f"{pfx}:{local}"
    return "<" + "".join(f"\\u{ord(c):04X}" if c in turtle._IRI_BAD or ord(c) < 0x20 else c for c in u) + ">"


def _string_reference(s: str) -> str:
    out = []
    for c in s:
        if c in turtle._STR_ESC:
            out.append(turtle._STR_ESC[c])
        elif ord(c) < 0x20 or ord(c) == 0x7F or 0xD800 <= ord(c) <= 0xDFFF:
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_dense_tables_translate_like_the_dicts(text):
    assert normalise.normalise(text) == text.translate(normalise._fold_table())
    assert normalise.to_simplified(text) == text.translate(normalise.t2s_table())
    assert normalise.to_traditional(text) == text.translate(normalise.s2t_table())


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.sampled_from(["fold", "t2s", "s2t"]))
def test_code_point_arrays_translate_like_str_translate(text, name):
    # The array path serves texts of ARRAY_MIN characters and more; it must agree on any text.
    assert normalise.translate_array(text, name) == text.translate(normalise._dense_table(name))
    assert normalise.script_counts_array(text) == normalise.script_counts(text)


def test_long_texts_take_the_array_path(monkeypatch):
    text = ("台積電為蘋果代工晶片，ＡＢＣ “x” \U0001F600\ud800\n" * 40)
    assert len(text) >= normalise.ARRAY_MIN
    expected = (text.translate(normalise._fold_table()), normalise.script_counts(text))
    calls = []
    monkeypatch.setattr(normalise, "code_points", lambda t, f=normalise.code_points: calls.append(len(t)) or f(t))
    assert normalise.normalise(text) == expected[0]
    assert normalise.script_of(text) == normalise.script_from_counts(*expected[1]) == "zh-Hant"
    assert calls == [len(text), len(text)]


def test_astral_characters_pass_through_unchanged():
    text = "台積電\U0001F600\U00020000"
    assert normalise.normalise(text) == "台积电\U0001F600\U00020000"


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_script_detection_matches_counting(text):
    assert normalise.script_of(text) == _script_reference(text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([ns for _, ns in turtle.PREFIXES] + ["https://example.org/", "urn:x:", ""]), _TEXT)
def test_iri_prefixing_matches_the_prefix_scan(ns, local):
    u = ns + local
    assert turtle._iri(u) == _iri_reference(u)


def test_nested_namespace_iris():
    # id/ is a prefix of e/; a local name with a slash is never prefixed.
    assert turtle._iri("https://semikg.org/id/e/tsmc") == "e:tsmc"
    assert turtle._iri("https://semikg.org/id/x") == "id:x"
    assert turtle._iri("https://semikg.org/id/e/a/b") == "<https://semikg.org/id/e/a/b>"
    assert turtle._iri("https://semikg.org/id/e/-x") == "<https://semikg.org/id/e/-x>"


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_string_escaping_matches_the_loop(text):
    assert turtle._string(text) == _string_reference(text)


def test_the_escape_search_finds_exactly_what_the_table_escapes():
    # _string skips translate when the search finds nothing: the two must agree on every character.
    changed = [c for c in range(0x10000) if turtle._STRING_TABLE[c] != c]
    found = [c for c in range(0x10000) if turtle._NEEDS_ESCAPE.search(chr(c))]
    assert changed == found and not turtle._NEEDS_ESCAPE.search("\U0001F600")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_binary_check_counts_control_bytes_like_the_loop(data):
    sample = data[:65536]
    ctrl = sum(1 for b in sample if b < 9 or 13 < b < 32)
    expected = b"\x00" in sample or ctrl > max(8, len(sample) // 100)
    assert files._looks_binary(data) == expected


def test_lines_are_cut_at_newlines_only():
    from semikg.loaders.split import _lines

    for text in ["", "\n", "a", "a\n", "a\r\nb", "a\n\nb\n", "x\x0by\u2028z\n", "\r\n\r", "\n\n "]:
        expected, pos = [], 0  # the regex scan _lines was before
        for m in re.finditer(r"[^\n]*\n?", text):
            if not m.group(0):
                break
            expected.append((pos, pos + len(m.group(0)), m.group(0).rstrip("\r\n")))
            pos += len(m.group(0))
        assert _lines(text) == expected



# Lines made of boilerplate pieces, so that the generated texts do hold spam lines.
_SPAM_PIECES = st.sampled_from(["版权所有", "责任编辑", "编辑", "：", ":", "张三", "app下载", "官网", "***", "x", " ",
                                "\n", "\n", "\r", "1234567890", ":12", "新闻", "-", "\t"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_SPAM_PIECES, max_size=30).map("".join))
def test_spam_lines_are_the_lines_is_spam_flags(text):
    from semikg.loaders.articles import SpamFilter

    spam, expected, pos = SpamFilter(), [], 0
    for m in re.finditer(r"[^\n]*\n?", text):  # the scan run() was before
        line = m.group(0)
        if not line:
            break
        if line.strip() and spam.is_spam(line):
            expected.append((pos, pos + len(line.rstrip("\n"))))
        pos += len(line)
    assert spam.run(text) == tuple(expected)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_label_languages_of_short_forms_match_the_table_scan(text):
    assert normalise.label_languages(text) == normalise._label_languages_long(text)


def _title_reference(text: str, limit: int = 120) -> str:
    """title_of as it was written before the two searches."""
    for line in text.splitlines():
        t = line.strip()
        if t:
            return t if len(t) <= limit else t[:limit] + "…"
    return ""


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("台积电 x\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029\u3000\xa0")), max_size=40),
       st.integers(min_value=1, max_value=8))
def test_titles_are_the_first_non_blank_line(text, limit):
    from semikg.loaders.split import title_of

    assert title_of(text, limit) == _title_reference(text, limit)
