"""The state one article's extraction passes share, and what a pass is.

Each pass reads what earlier passes left in an ``ArticleState`` and extends it; the extractor runs
an ordered list of passes over one state per article. Offsets in the state are article-relative
(into ``norm`` and ``text``, which have the same length); the file offset is ``base`` plus them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple, Protocol, runtime_checkable

from semikg.extract.discovery import Found
from semikg.extract.matcher import Hit
from semikg.extract.relations import FoundRelation, SentenceMention
from semikg.loaders.normalise import width_folded
from semikg.models import Article, EntityRef, Measurement, Relation

# (start, end, entity id): one mention of an entity in the article.
Span = tuple[int, int, str]


class NameFact(NamedTuple):
    """A fact read off how an entity is named (长江存储武汉第三工厂 is operated by 长江存储),
    before sentences are looked at; the relations pass quotes the sentence around ``pos``."""

    pos: int
    subject: str
    predicate: str
    object: str
    rule: str
    confidence: float
    # A name says who operates or designs it whatever the sentence hedges (长江存储武汉第三工厂 is
    # YMTC's); a site named in quotes (建设晶圆厂“晶越二厂”) is linked by the sentence, and takes its hedges.
    hedged: bool = False


class SentenceView(NamedTuple):
    """One sentence [start, end) with the mentions the relation and quantity rules see in it."""

    start: int
    end: int
    mentions: list[SentenceMention]


@dataclass
class ArticleState:
    article: Article
    norm: str
    text: str
    base: int
    # ``text`` with full-width digits and letters as ASCII (ＩＢＭ -> IBM), same length: what the
    # case-sensitive patterns read and what names are cut from. Quotes and mention surfaces are
    # cut from ``text``, verbatim.
    cased: str
    hits: list[Hit] = field(default_factory=list)  # catalog matches
    found: list[Found] = field(default_factory=list)  # discovered names
    refs: dict[str, EntityRef] = field(default_factory=dict)  # every entity the article names
    spans: list[Span] = field(default_factory=list)  # named mentions, disjoint
    nested: list[Span] = field(default_factory=list)  # names inside a longer name (湖南 of 湖南某某有限公司)
    aliases: dict[str, str] = field(default_factory=dict)  # normalised surface -> entity id, this article only
    facts: list[NameFact] = field(default_factory=list)
    corefs: list[Span] = field(default_factory=list)  # anaphors (该公司) resolved to an entity
    sentences: list[tuple[int, int]] = field(default_factory=list)  # every sentence [start, end)
    views: list[SentenceView] = field(default_factory=list)  # the sentences that name something
    # Per view, the trigger rules' findings by rule file, with the engine that found them
    # (RuleBook.findings fills it on first use).
    rule_findings: tuple[object, list[dict[str, list[FoundRelation]]]] | None = None
    relations: list[Relation] = field(default_factory=list)
    measurements: list[Measurement] = field(default_factory=list)
    # Where the words the passes' patterns open with start, found once (``CatalogContext.words``),
    # with the scan that found them.
    word_starts: tuple[object, dict[str, list[int]]] | None = None

    def add_ref(self, ref: EntityRef) -> str:
        """Add ``ref`` unless an entity of its id is already named; its id."""
        self.refs.setdefault(ref.id, ref)
        return ref.id

    @classmethod
    def of(cls, article: Article) -> "ArticleState":
        return cls(article=article, norm=article.norm_text, text=article.text, base=article.start,
                   cased=width_folded(article.text))


@runtime_checkable
class Pass(Protocol):
    """One step of extraction: reads and extends the article's state."""

    name: str

    def run(self, state: ArticleState) -> None: ...
