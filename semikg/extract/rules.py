"""The rule-based extractor: catalog matching, discovery, relations and quantities for one article.

``Extractor`` is the interface: anything with ``run(article) -> ExtractionResult`` (an LLM-based
extractor, say) can replace ``RuleBasedExtractor`` in the pipeline.
"""
from __future__ import annotations

import re
from typing import Protocol, runtime_checkable

from semikg.extract.discovery import Discoverer, Found
from semikg.extract.matcher import CatalogMatcher, Hit
from semikg.extract.measure import QuantityFinder
from semikg.extract.relations import RelationExtractor, SentenceMention, hedge_status
from semikg.graph.vocab import classes_for, digest
from semikg.loaders.normalise import normalise
from semikg.models import (
    Article, Catalog, EntityRef, Evidence, ExtractionResult, Measurement, Mention, Relation,
)


@runtime_checkable
class Extractor(Protocol):
    name: str

    def run(self, article: Article) -> ExtractionResult: ...


_SENTENCE = re.compile(r"[^。!?！？;；\n]+[。!?！？;；]*")
_EN_BREAK = re.compile(r"(?<=[a-z0-9)\]])\.\s+(?=[A-Z\u4e00-\u9fff])")
# Anaphors that stand for the company named last: 该公司 从 ASML 采购 -> <company> customerOf ASML.
_ANAPHOR = re.compile(r"该公司|这家公司|此公司|该企业|这家企业|该集团|the company")
ANAPHOR_WINDOW = 400
# A clause that opens with one of these continues the sentence's subject: 该公司从A采购, 并在B建厂.
_CONTINUATION = re.compile(r"[,，]\s*(?=(?:并且|而且|同时|随后|此外|并|还|也|且|亦|又|再|将)(?![\ue000]))")
_LEGAL = re.compile(r"(股份有限公司|有限责任公司|有限公司|股份公司|集团有限公司|集团|公司|inc\.?|ltd\.?|corp\.?|corporation|co\.,? ltd\.?|llc|gmbh|ag)$")


def sentences(norm: str, original: str) -> list[tuple[int, int]]:
    """Sentence spans [start, end) with surrounding whitespace trimmed."""
    out = []
    for m in _SENTENCE.finditer(norm):
        s, e = m.start(), m.end()
        # English sentences inside a line: split at ". " followed by a capital (original case).
        cuts = [s] + [s + b.end() for b in _EN_BREAK.finditer(original[s:e])] + [e]
        for a, b in zip(cuts, cuts[1:]):
            while a < b and norm[a].isspace():
                a += 1
            while b > a and norm[b - 1].isspace():
                b -= 1
            if b - a >= 4:
                out.append((a, b))
    return out


def discovered_id(entity_type: str, name: str) -> str:
    key = normalise(name).strip()
    if entity_type == "Company":
        key = _LEGAL.sub("", key).strip() or key
    key = re.sub(r"\s+", " ", key)
    return "d-" + digest(entity_type, key, size=12)


class RuleBasedExtractor:
    """Pipeline component: Article -> ExtractionResult, with rules from semikg/extract/*.yaml."""

    name = "rules"

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.entries = catalog.by_id()
        self.matcher = CatalogMatcher(catalog)
        self.discoverer = Discoverer()
        self.relations = RelationExtractor()
        self.quantities = QuantityFinder()
        self._classes_cache: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}

    def _classes(self, ref: EntityRef) -> tuple[str, ...]:
        key = (ref.type, ref.roles)
        if key not in self._classes_cache:
            self._classes_cache[key] = classes_for(ref.type, ref.roles)
        return self._classes_cache[key]

    def run(self, article: Article) -> ExtractionResult:
        if not article.relevant:
            return ExtractionResult(article=article, entities=(), extractor=self.name)
        norm, text, base = article.norm_text, article.text, article.start
        hits: list[Hit] = self.matcher.run(norm, text)
        found: list[Found] = self.discoverer.run(norm, text, hits)

        refs: dict[str, EntityRef] = {}
        spans: list[tuple[int, int, str]] = []  # article-relative
        for h in hits:
            e = self.entries[h.entity_id]
            refs.setdefault(e.id, EntityRef(id=e.id, type=e.type, roles=e.roles, name=e.name, origin="catalog"))
            spans.append((h.start, h.end, e.id))
        for f in found:
            eid = discovered_id(f.type, f.name)
            refs.setdefault(eid, EntityRef(id=eid, type=f.type, name=f.name.strip(), origin="discovered"))
            spans.append((f.start, f.end, eid))
        spans.sort()
        corefs = self._anaphors(norm, spans, refs)
        mentions = tuple(
            Mention(entity_id=eid, surface=text[s:e], start=base + s, end=base + e,
                    rule="catalog" if not eid.startswith("d-") else "discovered")
            for s, e, eid in spans)

        relations: list[Relation] = []
        measurements: list[Measurement] = []
        seen_rel: set[tuple[str, str, str, int]] = set()
        for s0, s1 in sentences(norm, text):
            in_sent = sorted([(s, e, eid, False) for s, e, eid in spans if s >= s0 and e <= s1]
                             + [(s, e, eid, True) for s, e, eid in corefs if s >= s0 and e <= s1])
            quote = text[s0:s1]
            sent_norm = norm[s0:s1]
            in_sent = self._carry_subject(sent_norm, s0, in_sent, refs)
            ms = [SentenceMention(i, eid, s, e, self._classes(refs[eid]), coref)
                  for i, (s, e, eid, coref) in enumerate(in_sent)]
            for r in self.relations.run(sent_norm, s0, ms):
                key = (r.subject, r.predicate, r.object, s0)
                if key in seen_rel:
                    continue
                seen_rel.add(key)
                relations.append(Relation(subject=r.subject, predicate=r.predicate, object=r.object,
                                          evidence=Evidence(quote=quote, start=base + s0, end=base + s1, rule=r.rule,
                                                            confidence=r.confidence, status=r.status, trigger=r.trigger)))
            if ms:
                for q in self.quantities.run(sent_norm):
                    about = self._about(ms, s0 + q.start)
                    if about is None:
                        continue
                    measurements.append(Measurement(
                        about=about, kind=q.kind, value=q.value, unit=q.unit,
                        raw=text[s0 + q.start:s0 + q.end], year=q.year,
                        evidence=Evidence(quote=quote, start=base + s0, end=base + s1, rule=f"measure.{q.kind}",
                                          confidence=0.6, status=hedge_status(sent_norm[:q.end]))))
        return ExtractionResult(article=article, entities=tuple(sorted(refs.values(), key=lambda r: r.id)),
                                mentions=mentions, relations=tuple(relations), measurements=tuple(measurements),
                                extractor=self.name)

    def _carry_subject(self, sent_norm: str, s0: int, in_sent: list, refs: dict[str, EntityRef]) -> list:
        """Zero-width subject mentions at clauses that continue the sentence's first agent."""
        if not in_sent:
            return in_sent
        first = in_sent[0]
        if refs[first[2]].type not in ("Company", "Organization") or first[0] - s0 > 12:
            return in_sent
        extra = []
        for m in _CONTINUATION.finditer(sent_norm):
            pos = s0 + m.end()
            if pos > first[1] and not any(s <= pos < e for s, e, _, _ in in_sent):
                extra.append((pos, pos, first[2], True))
        return sorted(in_sent + extra) if extra else in_sent

    def _anaphors(self, norm: str, spans: list[tuple[int, int, str]], refs: dict[str, EntityRef]) -> list[tuple[int, int, str]]:
        out = []
        agents = [(s, e, eid) for s, e, eid in spans if refs[eid].type in ("Company", "Organization")]
        for m in _ANAPHOR.finditer(norm):
            if any(not (m.end() <= s or m.start() >= e) for s, e, _ in spans):
                continue
            before = [a for a in agents if a[1] <= m.start() and m.start() - a[1] <= ANAPHOR_WINDOW]
            if before:
                out.append((m.start(), m.end(), before[-1][2]))
        return out

    _ABOUT_PRIORITY = ("Agent", "Chip", "Fab", "Equipment", "Technology", "ProcessNode", "Place")

    def _about(self, ms: list[SentenceMention], pos: int) -> str | None:
        """The entity a quantity is about: the nearest mention before it, by class priority."""
        before = [m for m in ms if m.end <= pos]
        pool = before or [m for m in ms if m.start >= pos]
        for cls in self._ABOUT_PRIORITY:
            cands = [m for m in pool if cls in m.classes]
            if cands:
                return (cands[-1] if before else cands[0]).entity_id
        return None
