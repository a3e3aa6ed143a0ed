"""Pipeline components from a decoded file to classified, normalised articles."""
from __future__ import annotations

import re
from collections import Counter
from functools import cached_property
from pathlib import Path

from semikg.keywords import KeywordIndex
from semikg.loaders.lexicon import lexicon
from semikg.loaders.normalise import normalise, prepare_tables, script_of
from semikg.loaders.split import split_articles, title_of
from semikg.models import Article, SourceFile

# The suffix most news files have is left out of their key; any other one is kept after "~".
PLAIN_SUFFIX = ".txt"


def _iri_safe(text: str) -> str:
    """Letters, digits, "-", "_" and "." as they are; every other character percent-encoded (UTF-8),
    "%" and "~" included, so the mapping is one-to-one and always a valid IRI segment."""
    return "".join(c if c.isalnum() or c in "-_." else "".join(f"%{b:02X}" for b in c.encode("utf-8", "surrogatepass"))
                   for c in text)


def file_key(name: str) -> str:
    """A file name as an IRI-safe key, distinct for distinct names: ``news.txt`` -> ``news``,
    ``news.md`` -> ``news~md``, ``a b"%zz.txt`` -> ``a%20b%22%25zz``."""
    p = Path(name)
    stem, suffix = (p.stem, p.suffix) if p.suffix else (p.name, None)
    if suffix == PLAIN_SUFFIX:
        return _iri_safe(stem)
    return _iri_safe(stem) + "~" + ("" if suffix is None else _iri_safe(suffix[1:]))


class SpamFilter:
    """Finds boilerplate lines (copyright notices, ads, link farms) in normalised text."""

    def __init__(self):
        lex = lexicon().spam
        self._phrases = re.compile("|".join(re.escape(p) for p in lex.phrases))
        self._patterns = [re.compile(p) for p in lex.patterns]
        # The phrases are plain strings: a line holds none of them when the whole text holds none
        # (most texts), which one Aho-Corasick scan tells faster than the regex scans a line.
        self._phrase_index = KeywordIndex(lex.phrases) if lex.phrases and all(lex.phrases) else None

    def is_spam(self, norm_line: str) -> bool:
        if self._phrases.search(norm_line):
            return True
        return any(p.search(norm_line) for p in self._patterns)

    def run(self, norm_text: str) -> tuple[tuple[int, int], ...]:
        # is_spam line by line, unrolled: this runs on every line of every article.
        searches = [p.search for p in self._patterns]
        if self._phrase_index is None or self._phrase_index.longest_words(norm_text):
            searches.append(self._phrases.search)
        spans, pos = [], 0
        lines = norm_text.split("\n")
        last = len(lines) - 1
        for i, line in enumerate(lines):
            n = len(line)
            if line.strip():
                if i != last:
                    line += "\n"  # a line is checked with its line break, as it has always been
                for search in searches:
                    if search(line):
                        spans.append((pos, pos + n))
                        break
            pos += n + 1
        return tuple(spans)


def mask(text: str, spans) -> str:
    """Blank spans with spaces: dropped lines contribute nothing yet offsets stay true."""
    if not spans:
        return text
    parts, pos = [], 0
    for s, e in spans:
        parts.append(text[pos:s])
        parts.append(" " * (e - s))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


class RelevanceClassifier:
    """Is an article about the semiconductor industry? Keyword topics from loaders/lexicon.yaml."""

    MIN_HITS = 3
    MIN_PER_1000 = 1.0

    @cached_property
    def _keywords(self) -> tuple[KeywordIndex, dict[str, str]]:
        topic_of: dict[str, str] = {}
        lex = lexicon()
        for topic, words in (*lex.topics.items(), *lex.supporting.items()):
            for w in words:
                topic_of.setdefault(w, topic)  # a word listed under two topics counts for the first
        return KeywordIndex(topic_of), topic_of

    def scores(self, norm_text: str) -> dict[str, int]:
        """Keyword hits per topic, supporting topics included (one pass, longest keyword wins)."""
        lex = lexicon()
        counts = {t: 0 for t in (*lex.topics, *lex.supporting)}
        index, topic_of = self._keywords
        # Matches counted per keyword in C first: an article has hundreds, a few dozen keywords.
        for word, hits in Counter(index.longest_words(norm_text)).items():
            counts[topic_of[word]] += hits
        return counts

    def run(self, norm_text: str) -> tuple[bool, str | None, float]:
        sc = self.scores(norm_text)
        semi = sc.pop("semiconductor", 0)
        support = sum(sc.pop(t) for t in lexicon().supporting)
        # An article on export controls names chips once and the controls many times: the controls
        # are its semiconductor news, as long as the industry is named at all.
        industry = semi + support if semi else 0
        chars = max(1, len(norm_text.strip()))
        density = industry * 1000 / chars
        other, other_hits = max(sc.items(), key=lambda kv: kv[1], default=("none", 0))
        if industry < self.MIN_HITS or density < self.MIN_PER_1000:
            return False, (f"off-topic: {semi} semiconductor terms"
                           + (f" and {support} trade-control terms" if support else "")
                           + f" in {chars} characters"
                           + (f"; main topic {other} ({other_hits} terms)" if other_hits else "")), density
        if other_hits > industry:
            return False, (f"off-topic: main topic {other} ({other_hits} terms) outweighs semiconductor "
                           f"({industry} terms)"), density
        return True, None, density


class ArticleReader:
    """SourceFile -> articles: split, drop spam lines, normalise, detect script, classify relevance."""

    def __init__(self):
        self.spam = SpamFilter()
        self.relevance = RelevanceClassifier()
        prepare_tables()

    def run(self, source: SourceFile) -> list[Article]:
        stem = file_key(source.name)
        out = []
        for index, span in enumerate(split_articles(source)):
            text = source.text[span.start:span.end]
            norm = normalise(text)
            spam = self.spam.run(norm)
            clean_norm = mask(norm, spam)
            clean_text = mask(text, spam)
            relevant, reason, score = self.relevance.run(clean_norm)
            script = script_of(clean_text)
            out.append(Article(
                id=f"{stem}-{index:03d}", source_file=source.name, encoding=source.encoding, index=index,
                start=span.start, end=span.end, title=title_of(clean_text) or title_of(text),
                text=text, norm_text=clean_norm, spam_spans=spam, script=script,
                language="en" if script == "en" else "zh",
                relevant=relevant, skip_reason=reason, relevance_score=round(score, 3),
            ))
        return out
