"""Split a source file into articles.

Three layouts are recognised, in this order:
1. CDATA-style dumps where ``]]>`` closes each article;
2. numbered digests ("1. title", "2. title" … at line start, numbered consecutively);
3. title/body pairs (a short title line followed by a long body line, for most of the file);
plus Markdown ``#`` headings and HTML ``<h1>``/``<h2>`` headings. Anything else is one article.
Spans are [start, end) in the original text; nothing is copied or rewritten.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from semikg.models import SourceFile


@dataclass(frozen=True)
class Span:
    start: int
    end: int


_LINE = re.compile(r"[^\n]*\n?")
_NUMBERED = re.compile(r"^[ \t]*(\d{1,2})[.、．][ \t]*\S")
_MD_HEADING = re.compile(r"^#{1,2}[ \t]+\S")
_HTML_HEADING = re.compile(r"<h[12]\b", re.I)
_SENTENCE_END = re.compile(r"[。；;，,]$")

MIN_ARTICLE_CHARS = 40
TITLE_MAX = 100
BODY_MIN = 300


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, line without its line break) for every line: lines end at "\n" only."""
    out, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line) + 1  # its "\n" (one past the text for the last line, trimmed below)
        out.append((pos, end, line.rstrip("\r")))
        pos = end
    if out:  # the text after the last "\n": a line without a break, or nothing
        start, _end, line = out.pop()
        if start < len(text):
            out.append((start, len(text), line))
    return out


def _cut(text: str, starts: list[int]) -> list[Span]:
    starts = sorted(set(starts))
    bounds = starts + [len(text)]
    return [Span(bounds[i], bounds[i + 1]) for i in range(len(starts))]


def _by_marker(text: str, marker: str = "]]>") -> list[Span]:
    spans, pos = [], 0
    for m in re.finditer(re.escape(marker), text):
        spans.append(Span(pos, m.start()))
        pos = m.end()
    spans.append(Span(pos, len(text)))
    return spans


def _by_numbered_headings(lines) -> list[int] | None:
    starts, expected = [], 1
    for start, _end, line in lines:
        m = _NUMBERED.match(line)
        # A heading is short and numbered in sequence; list items inside an article restart at 1
        # or sit in long lines, so they do not form the file-level sequence.
        if m and int(m.group(1)) == expected and len(line) <= TITLE_MAX and not _SENTENCE_END.search(line.strip()):
            starts.append(start)
            expected += 1
    return starts if len(starts) >= 2 else None


def _by_title_body_pairs(lines) -> list[int] | None:
    content = [(s, e, ln) for s, e, ln in lines if ln.strip()]
    if len(content) < 4:
        return None
    starts, paired = [], 0
    for (s, _e, ln), (_s2, _e2, nxt) in zip(content, content[1:]):
        t = ln.strip()
        if len(t) <= TITLE_MAX and len(nxt.strip()) >= BODY_MIN and len(nxt.strip()) >= 5 * len(t):
            starts.append(s)
            paired += 2
    # Title/body is the file's layout only if such pairs make up most of it.
    if len(starts) >= 2 and paired >= 0.8 * len(content):
        return starts
    return None


def split_articles(source: SourceFile) -> list[Span]:
    text = source.text
    if "]]>" in text:
        spans = _by_marker(text)
    else:
        lines = _lines(text)
        starts = None
        if source.name.lower().endswith((".html", ".htm")):
            hs = [m.start() for m in _HTML_HEADING.finditer(text)]
            starts = hs if len(hs) >= 2 else None
        if starts is None and source.name.lower().endswith((".md", ".markdown")):
            hs = [s for s, _e, ln in lines if _MD_HEADING.match(ln)]
            starts = hs if len(hs) >= 2 else None
        if starts is None:
            starts = _by_numbered_headings(lines) or _by_title_body_pairs(lines)
        if starts:
            # A short preamble (digest title, date line) before the first heading is not an article.
            spans = _cut(text, starts)
            if len(text[: starts[0]].strip()) >= 200:
                spans.insert(0, Span(0, starts[0]))
        else:
            spans = [Span(0, len(text))]
    # A trimmed span is as long as its text stripped (both drop what str.isspace calls a space),
    # measured without copying the text twice.
    return [sp for sp in (_trim(text, sp) for sp in spans) if sp.end - sp.start >= MIN_ARTICLE_CHARS]


def _trim(text: str, sp: Span) -> Span:
    s, e = sp.start, sp.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Span(s, e)


# What str.splitlines breaks lines at.
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_NON_SPACE = re.compile(r"\S")  # \s is what str.isspace (and so str.strip) calls a space


def title_of(text: str, limit: int = 120) -> str:
    """The first non-blank line (of ``text.splitlines()``), stripped and cut at ``limit``. It is
    the line the first non-space character is on: found by two searches, without splitting (or
    copying) the rest of the article."""
    first = _NON_SPACE.search(text)
    if first is None:
        return ""
    end = _LINE_BREAK.search(text, first.start())
    t = text[first.start():end.start() if end is not None else len(text)].rstrip()
    return t if len(t) <= limit else t[:limit] + "…"
