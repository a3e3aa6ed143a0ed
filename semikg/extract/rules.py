"""The rule-based extractor: catalog matching, discovery, relations and quantities for one article.

``Extractor`` is the interface: anything with ``run(article) -> ExtractionResult`` (an LLM-based
extractor, say) can replace ``RuleBasedExtractor`` in the pipeline.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple, Protocol, runtime_checkable

from semikg.extract.discovery import Discoverer, Found
from semikg.extract.indexes import FirmTails, Occupancy, Spans
from semikg.extract.matcher import CatalogMatcher, Hit
from semikg.extract.measure import QuantityFinder
from semikg.extract.relations import RelationExtractor, SentenceMention, hedge_status, same_kind
from semikg.graph.vocab import digest
from semikg.ontology.classes import classes_for
from semikg.loaders.normalise import normalise
from semikg.models import (
    Article, Catalog, EntityRef, Evidence, ExtractionResult, Measurement, Relation, Status,
)


@runtime_checkable
class Extractor(Protocol):
    name: str

    def run(self, article: Article) -> ExtractionResult: ...


_SENTENCE = re.compile(r"[^。!?！？;；\n]+[。!?！？;；]*")
# (?<=[a-z0-9)\]])\.\s+(?=…), written to open with its literal: see the note on scanning patterns
# in discovery.Discoverer.
_EN_BREAK = re.compile(r"\.(?<=[a-z0-9)\]]\.)\s+(?=[A-Z\u4e00-\u9fff])")
# Anaphors that stand for the company named last: 该公司 从 ASML 采购 -> <company> customerOf ASML.
# A bare 公司 opening a clause (据ASML首席技术官透露，公司与蔡司……) is the firm just named; inside
# a clause it is a common noun (半导体公司).
_ANAPHOR = re.compile(r"该公司|这家公司|此公司|该企业|这家企业|该集团|the company")
_BARE_ANAPHOR = re.compile(r"公司(?=[与和同跟将已正在于也还])")  # counted only after a clause break
_CLAUSE_BREAK = frozenset("，,。；;：:")
ANAPHOR_WINDOW = 400
# 该芯片 stands for the chip named last, if it was named in the same or the previous sentence or so.
_CHIP_ANAPHOR = re.compile(r"该芯片|这款芯片|该款芯片|此芯片|这颗芯片|该处理器|这款处理器")
CHIP_ANAPHOR_WINDOW = 120
# A clause that opens with one of these continues the sentence's subject: 该公司从A采购, 并在B建厂.
_CONTINUATION = re.compile(r"[,，]\s*(?=(?:并且|而且|同时|随后|此外|并|还|也|且|亦|又|再|将)(?![\ue000]))")
_LEGAL = re.compile(r"(股份有限公司|有限责任公司|有限公司|股份公司|集团有限公司|集团|公司|inc\.?|ltd\.?|corp\.?|corporation|co\.,? ltd\.?|llc|gmbh|ag)$")


class SiteFact(NamedTuple):
    """A fact read off how a site or chip is named, before sentences are looked at."""

    pos: int
    subject: str
    predicate: str
    object: str
    rule: str
    confidence: float
    # A name says who operates or designs it whatever the sentence hedges (长江存储武汉第三工厂 is
    # YMTC's); a site named in quotes (建设晶圆厂“晶越二厂”) is linked by the sentence, and takes its hedges.
    hedged: bool = False


def _site_ref(refs: dict[str, EntityRef], name: str) -> str:
    """The id of a site found by a site rule, its ref added to the article's refs."""
    fid = discovered_id("Fab", name)
    refs.setdefault(fid, EntityRef(id=fid, type="Fab", name=name, origin="discovered"))
    return fid


def _wordish(c: str) -> bool:
    return c.isascii() and c.isalnum()


# Longer than this, a "sentence" is a table, a list or text that lost its punctuation, and the
# relation rules (quadratic in the mentions of a sentence) would take minutes on it: it is cut into
# pieces of at most this length, each ending at a clause break where there is one. News sentences
# stay far below it (the longest in the seed files has 387 characters).
MAX_SENTENCE_CHARS = 1000
_PIECE_BREAK = re.compile(r"[，,、：:\s]")


def sentences(norm: str, original: str) -> list[tuple[int, int]]:
    """Sentence spans [start, end) with surrounding whitespace trimmed."""
    out = []
    find = original.find
    for m in _SENTENCE.finditer(norm):
        s, e = m.start(), m.end()
        # English sentences inside a line: split at ". " followed by a capital (original case).
        # Most Chinese sentences hold no full stop at all: nothing to scan there.
        if find(".", s, e) < 0:
            cuts = (s, e)
        else:
            cuts = [s] + [s + b.end() for b in _EN_BREAK.finditer(original[s:e])] + [e]
        for a, b in zip(cuts, cuts[1:]):
            while a < b and norm[a].isspace():
                a += 1
            while b > a and norm[b - 1].isspace():
                b -= 1
            while b - a > MAX_SENTENCE_CHARS:
                cut = end = _last_break(norm, a, a + MAX_SENTENCE_CHARS)
                while end > a and norm[end - 1].isspace():
                    end -= 1
                out.append((a, end))
                a = cut
                while a < b and norm[a].isspace():
                    a += 1
            if b - a >= 4:
                out.append((a, b))
    return out


def _last_break(norm: str, start: int, limit: int) -> int:
    """Where to end a piece of an over-long sentence: after the last clause break in the second
    half of norm[start:limit], or at limit if there is none."""
    last = None
    for last in _PIECE_BREAK.finditer(norm, start + (limit - start) // 2, limit):
        pass
    return last.end() if last is not None else limit


# A site named after its operator: 长江存储 + 武汉第三工厂, Rapidus + 首座晶圆厂.
# (?<!代)(?:晶圆厂|工厂|厂区|园区|生产基地|新厂|[一二三四五六七八九十\d]厂|fab\s?\d{1,2}[a-z]?), written to
# open with a character class (see the note on scanning patterns in discovery.Discoverer): the
# first character, then the rest of the one word that starts with it (no two start alike).
_FAB_WORD = re.compile(r"[晶工厂园生新一二三四五六七八九十\df](?<!代.)(?:(?<=晶)圆厂|(?<=工)厂|(?<=厂)区|(?<=园)区"
                       r"|(?<=生)产基地|(?<=新)厂|(?<=[一二三四五六七八九十\d])厂|(?<=f)ab\s?\d{1,2}[a-z]?)")
# 位于 <places> 的, right before a site's name (the places are checked to be mentions), and a
# site's short code (M16, B3).
_AT_WORD = re.compile(r"位于|坐落于|设在")
_AT_PLACE = re.compile(r"(?:位于|坐落于|设在)[^,，。;；:：!?！？\n的]{1,20}的$")
_SITE_CODE = re.compile(r"(?<![a-z0-9])[a-z]{0,3}\d{1,3}[a-z]?$")
# A site named in quotes after its kind: 建设12英寸晶圆厂“晶越二厂”.
_FAB_QUOTED = re.compile(r"(?:晶圆厂|工厂|新厂|厂区|生产基地|封测厂|fab)\s*[“\"「『]([^”\"」』\n]{2,16})[”\"」』]")
_FAB_MIDDLE = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9\-]{1,10}$")
_FAB_MIDDLE_STOP = set("的了是在和与将被把对从向以为其该这那也都还就而但要会能可并及等")
_TRADE_TAIL = re.compile(r"(科技|技术|集团|控股|股份)$")
_ABBREV = re.compile(
    r"^\s*[（(][^）)]{0,40}?(?:以下)?(?:简称|下称|简称为|hereinafter)[:：\s]*[\"“「『']?([^\"”」』'）),，]{2,16}?)[\"”」』']?\s*[）)]")
_LATIN_NAME = re.compile(r"^\s*[（(]\s*([A-Za-z][A-Za-z0-9 &\-.]{2,40}?)\s*[,，）)]")


def company_short_forms(name: str, place_prefixes: tuple[str, ...]) -> list[str]:
    """深圳芯存微电子有限公司 -> [深圳芯存微电子, 芯存微电子]: how the article names it later."""
    forms = []
    base = name
    for _ in range(2):
        base = _LEGAL.sub("", base).strip()
    if base != name and len(base) >= 2:
        forms.append(base)
    for pfx in place_prefixes:
        if base.startswith(pfx) and len(base) - len(pfx) >= 3:
            base = base[len(pfx):].lstrip("市省")
            forms.append(base)
            break
    # 芯测电子科技 is also written 芯测电子: drop trade suffixes while a name is left.
    while (m := _TRADE_TAIL.search(base)) and len(base) - len(m.group(0)) >= 2 and m.start() > 0:
        shorter = base[:m.start()]
        if len(shorter) < 3:
            break
        base = shorter
        forms.append(base)
    return [f for f in dict.fromkeys(forms) if len(f) >= 3]


def discovered_id(entity_type: str, name: str, place_prefixes: tuple[str, ...] = ()) -> str:
    key = normalise(name).strip()
    if entity_type == "Company":
        short = company_short_forms(key, place_prefixes)
        key = short[-1] if short else key
    key = re.sub(r"\s+", " ", key)
    return "d-" + digest(entity_type, key, size=12)


class RuleBasedExtractor:
    """Pipeline component: Article -> ExtractionResult, with rules from semikg/extract/*.yaml."""

    name = "rules"

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.entries = catalog.by_id()
        self.matcher = CatalogMatcher(catalog)
        places = [e for e in catalog.entries if e.type == "Place"]
        self.discoverer = Discoverer(place_ids=frozenset(e.id for e in places),
                                     company_ids=frozenset(e.id for e in catalog.entries if e.type == "Company"))
        prefixes = {normalise(x) for e in places for x in (e.zh_hans, e.zh_hant) if x and len(x) >= 2}
        self.place_prefixes = tuple(sorted(prefixes, key=len, reverse=True))
        # Who a chip or site is named after: chip -> designer, fab -> operator (from catalog links).
        self._owners: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
        names_of = {e.id: tuple(normalise(x) for x in (e.name, e.zh_hans, e.zh_hant, *e.aliases) if x and len(x) >= 2)
                    for e in catalog.entries}
        for e in catalog.entries:
            for link in e.links:
                if link.predicate in ("designs", "operates"):
                    self._owners.setdefault(link.object, []).append((e.id, link.predicate, names_of[e.id]))
            if e.type == "Fab" and e.part_of and self.entries[e.part_of].type == "Company":
                self._owners.setdefault(e.id, []).append((e.part_of, "operates", names_of[e.part_of]))
        self.relations = RelationExtractor()
        self.quantities = QuantityFinder()
        self._classes_cache: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
        self._catalog_refs: dict[str, EntityRef] = {}

    def _catalog_ref(self, entity_id: str) -> EntityRef:
        """A catalog entity's ref, made once per extractor (refs are immutable)."""
        ref = self._catalog_refs.get(entity_id)
        if ref is None:
            ref = self._catalog_refs[entity_id] = EntityRef.of_catalog(self.entries[entity_id])
        return ref

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
        absorbed = {(a[0], a[1]) for f in found for a in f.absorbed}
        for h in hits:
            if (h.start, h.end) in absorbed:
                continue
            if h.entity_id not in refs:  # an entity is named many times: look its ref up once
                refs[h.entity_id] = self._catalog_ref(h.entity_id)
            spans.append((h.start, h.end, h.entity_id))
        local_aliases: dict[str, str] = {}
        for f in found:
            known = self.matcher.lookup(f.name)
            if known is not None:
                # Found by a discovery rule but named as a catalog entity: it is that entity.
                if known not in refs:
                    refs[known] = self._catalog_ref(known)
                spans.append((f.start, f.end, known))
                continue
            eid = discovered_id(f.type, f.name, self.place_prefixes)
            refs.setdefault(eid, EntityRef(id=eid, type=f.type, roles=f.roles, name=f.name.strip(), origin="discovered"))
            spans.append((f.start, f.end, eid))
            if f.type == "Company":
                for form in company_short_forms(normalise(f.name), self.place_prefixes):
                    local_aliases.setdefault(form, eid)
            elif f.rule.endswith(".model"):
                # A model number found once (推出芯片AX-9) is the same product wherever it recurs,
                # cue word or not (AX-9預計第四季開始出貨).
                local_aliases.setdefault(normalise(f.name), eid)
        n = len(norm)
        for s, e, eid in list(spans):
            k = e
            while k < n and norm[k].isspace():
                k += 1
            if k == n or norm[k] not in "(（":
                continue  # both patterns open with a bracket after optional space: most names have none
            tail = norm[e:e + 60]
            for rx in (_ABBREV, _LATIN_NAME):
                m = rx.match(tail) if rx is _ABBREV or eid.startswith("d-") else None
                if m and len(m.group(1).strip()) >= 2:
                    local_aliases.setdefault(normalise(m.group(1).strip()), eid)
        spans, fab_facts = self._fabs(norm, text, spans, refs)
        # A site, tool, policy or body found once by its full name (晶越二厂) is the same one when
        # the name recurs without the cue that found it.
        for s, e, eid in spans:
            if eid.startswith("d-") and refs[eid].type in _RECURRING_TYPES and e - s >= 3:
                local_aliases.setdefault(norm[s:e], eid)
        # A firm first named in full and later by a short form is one firm, not two: the short
        # form is a declared abbreviation, a derived form, or the tail of the full name.
        full_names = {normalise(refs[eid].name): eid for _, _, eid in spans
                      if eid.startswith("d-") and refs[eid].type == "Company"}
        tails = FirmTails(full_names, local_aliases)

        def same_firm(s: int, e: int, eid: str) -> str:
            if not eid.startswith("d-"):
                return eid
            surface = normalise(text[s:e])
            if surface in local_aliases:
                return local_aliases[surface]
            return tails.firm_of(surface, eid)

        spans = [(s, e, same_firm(s, e, eid)) for s, e, eid in spans]
        spans.extend(self._local_mentions(norm, spans, local_aliases))
        used = {eid for _, _, eid in spans}
        refs = {k: v for k, v in refs.items() if k in used}
        spans.sort()
        corefs = self._anaphors(norm, spans, refs)
        # Plain tuples: ExtractionResult validates them into Mentions, once.
        mentions = [(eid, text[s:e], base + s, base + e, "catalog" if not eid.startswith("d-") else "discovered")
                    for s, e, eid in spans]
        relations: list[Relation] = []
        measurements: list[Measurement] = []
        seen_rel: set[tuple[str, str, str, int]] = set()
        sents = sentences(norm, text)
        designer_facts = self._designers_in_names(text, spans, refs)
        sent_starts = [a for a, _ in sents]
        for f in fab_facts + designer_facts:
            k = bisect_right(sent_starts, f.pos) - 1  # sentences are disjoint: at most one holds pos
            s0, s1 = sents[k] if k >= 0 and f.pos < sents[k][1] else (f.pos, f.pos)
            if s1 > s0:
                relations.append(Relation(subject=f.subject, predicate=f.predicate, object=f.object, evidence=Evidence(
                    quote=text[s0:s1], start=base + s0, end=base + s1, rule=f.rule, confidence=f.confidence,
                    status=hedge_status(norm[s0:s1]) if f.hedged else Status.stated, trigger=None)))
        marks = sorted([(s, e, eid, False) for s, e, eid in spans] + [(s, e, eid, True) for s, e, eid in corefs])
        mark_starts = [m[0] for m in marks]
        classes = {eid: self._classes(ref) for eid, ref in refs.items()}
        for s0, s1 in sents:
            lo, hi = bisect_left(mark_starts, s0), bisect_left(mark_starts, s1)
            if lo == hi:
                continue  # no mention: no relation, no figure to attach
            in_sent = [m for m in marks[lo:hi] if m[1] <= s1]
            quote = text[s0:s1]
            sent_norm = norm[s0:s1]
            in_sent = self._carry_subject(sent_norm, s0, in_sent, refs)
            ms = [SentenceMention(i, eid, s, e, classes[eid], coref) for i, (s, e, eid, coref) in enumerate(in_sent)]
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
                    about = self._about(ms, s0 + q.start, q.kind, sent_norm, s0)
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

    def _fabs(self, norm: str, text: str, spans: list[tuple[int, int, str]], refs: dict[str, EntityRef]):
        """Sites named after their operator become Fab entities: operates + locatedIn facts."""
        facts: list[SiteFact] = []
        index = Spans(spans)
        fab_words = list(_FAB_WORD.finditer(norm))
        for m in fab_words:
            before = index.ending(m.start() - 10, m.start())
            if not before:
                continue  # most site words: no mention ends right before them
            comp = next((sp for sp in reversed(before) if refs[sp[2]].type == "Company"), None)
            if comp is None:
                continue
            between = [sp for sp in index.starting(comp[1], m.start()) if sp[1] <= m.start()]
            if any(refs[sp[2]].type != "Place" for sp in between):
                continue
            middle = norm[comp[1]:m.start()]
            if not _FAB_MIDDLE.match(middle) or any(c in _FAB_MIDDLE_STOP for c in middle):
                continue
            inner = {(b[0], b[1]) for b in between}
            if any((s, e) not in inner for s, e, _ in index.overlapping(comp[1], m.end())):
                continue
            name = text[comp[0]:m.end()]
            fid = _site_ref(refs, name)
            for sp in between:
                index.remove(sp)
            index.add((comp[1], m.end(), fid))
            facts.append(SiteFact(m.start(), comp[2], "operates", fid, "discover.fab.operator", 0.7))
            for sp in between:
                facts.append(SiteFact(m.start(), fid, "locatedIn", sp[2], "discover.fab.place", 0.7))
        for m in _FAB_QUOTED.finditer(norm):
            s_, e_ = m.start(1), m.end(1)
            if index.overlapping(s_, e_):
                continue
            sent_start = max(norm.rfind(c, 0, m.start()) for c in "。!?！？\n") + 1
            in_sentence = index.starting(sent_start, m.start() - 1)
            agents = [sp for sp in in_sentence if refs[sp[2]].type == "Company"]
            if not agents:
                continue
            name = text[s_:e_]
            fid = _site_ref(refs, name)
            index.add((s_, e_, fid))
            facts.append(SiteFact(m.start(), agents[0][2], "operates", fid, "discover.fab.quoted", 0.65, hedged=True))
            places = [sp for sp in in_sentence if refs[sp[2]].type == "Place"
                      and norm[max(0, sp[0] - 2):sp[0]].endswith(("在", "于", "位于"))]
            if places:
                facts.append(SiteFact(m.start(), fid, "locatedIn", places[-1][2], "discover.fab.quoted-place", 0.6,
                                      hedged=True))
        self._fabs_at_places(norm, text, index, refs, facts, fab_words)
        return index.items, facts

    def _fabs_at_places(self, norm: str, text: str, index: Spans, refs: dict[str, EntityRef],
                        facts: list[SiteFact], fab_words: list[re.Match]) -> None:
        """A site named by its place or a short code, after 位于 … 的: 晶睿科技位于苗栗的竹南新厂,
        晶越半导体位于合肥的B3工厂. The firm before 位于 operates it; the places name where it is."""
        if not _AT_WORD.search(norm):
            return  # most articles: no 位于 at all
        for m in fab_words:
            if not _AT_WORD.search(norm, max(0, m.start() - 40), m.start()):
                continue
            if index.overlapping(m.start(), m.start() + 1):
                continue  # already part of a name (a catalog fab, a site named after its operator)
            here = next((sp for sp in index.ending(m.start(), m.start()) if refs[sp[2]].type == "Place"), None)
            if here is not None:
                name_start = here[0]
            else:
                code = _SITE_CODE.search(norm, max(0, m.start() - 6), m.start())
                if code is None:
                    continue
                name_start = code.start()
            at = _AT_PLACE.search(norm, max(0, name_start - 30), name_start)
            if at is None or at.end() != name_start:
                continue
            comp = next((sp for sp in index.ending(at.start(), at.start()) if refs[sp[2]].type == "Company"), None)
            inside = [sp for sp in index.starting(at.start() + 1, name_start) if sp[1] <= name_start]
            if comp is None or not inside or any(refs[sp[2]].type != "Place" for sp in inside):
                continue
            name = text[name_start:m.end()]
            fid = _site_ref(refs, name)
            if here is not None:
                index.remove_one(here)
            index.add((name_start, m.end(), fid))
            facts.append(SiteFact(m.start(), comp[2], "operates", fid, "discover.fab.at-place", 0.65))
            for sp in inside:  # a place that names the site (竹南) is absorbed into the name
                facts.append(SiteFact(m.start(), fid, "locatedIn", sp[2], "discover.fab.at-place", 0.65))

    def _designers_in_names(self, text: str, spans: list[tuple[int, int, str]], refs: dict[str, EntityRef]):
        """A chip or site named with its owner's name (NVIDIA H100, 长江存储武汉第三工厂) says who
        designs or operates it."""
        facts, seen = [], set()
        for s, e, eid in spans:
            if eid not in self._owners:
                continue
            surface = normalise(text[s:e])
            for owner, pred, names in self._owners[eid]:
                if (owner, pred, eid) not in seen and any(n in surface for n in names):
                    seen.add((owner, pred, eid))
                    if owner not in refs:
                        refs[owner] = self._catalog_ref(owner)
                    facts.append(SiteFact(s, owner, pred, eid, f"catalog.name-{pred}", 0.75))
        return facts

    @staticmethod
    def _local_mentions(norm: str, spans: list[tuple[int, int, str]], aliases: dict[str, str]) -> list[tuple[int, int, str]]:
        """Later mentions of a discovered firm by its short form or declared abbreviation."""
        out: list[tuple[int, int, str]] = []
        taken = Occupancy(len(norm), [(s, e) for s, e, _ in spans])
        for alias in sorted(aliases, key=len, reverse=True):
            start = 0
            while (i := norm.find(alias, start)) >= 0:
                j = i + len(alias)
                start = j
                # A Latin or digit edge needs a word boundary: UNT is not in count, A55 not in Cortex-A55.
                if (_wordish(alias[0]) and i > 0 and (_wordish(norm[i - 1]) or norm[i - 1] == "-")) or (
                        _wordish(alias[-1]) and j < len(norm) and (_wordish(norm[j]) or norm[j] == "-")):
                    continue
                if taken.free(i, j):
                    out.append((i, j, aliases[alias]))
                    taken.append((i, j))
        return out

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
        starts = [s for s, _, _ in spans]  # spans are sorted and do not overlap: ends are sorted too
        firm = [m.span() for m in _ANAPHOR.finditer(norm)]
        firm += [m.span() for m in _BARE_ANAPHOR.finditer(norm) if m.start() and norm[m.start() - 1] in _CLAUSE_BREAK]
        chip = [m.span() for m in _CHIP_ANAPHOR.finditer(norm)]
        for found, types, window in ((firm, ("Company", "Organization"), ANAPHOR_WINDOW),
                                     (chip, ("Chip",), CHIP_ANAPHOR_WINDOW)):
            if not found:
                continue
            named = [(e, eid) for _, e, eid in spans if refs[eid].type in types]
            ends = [e for e, _ in named]
            for a, b in found:
                k = bisect_left(starts, b)  # the spans starting before the anaphor ends
                if k and spans[k - 1][1] > a:
                    continue  # inside a name
                j = bisect_right(ends, a)
                if j and a - ends[j - 1] <= window:
                    out.append((a, b, named[j - 1][1]))
        return out

    # Groups of classes in order; within a group the mention nearest the number wins.
    _ABOUT_PRIORITY = (("Agent",), ("Chip",), ("Fab",), ("Equipment",), ("Technology",), ("ProcessNode",), ("Place",))
    # A product's own figures (16Gb DDR5 颗粒的价格, GB200 机柜功耗) belong to the product, not to
    # the firm named earlier in the sentence; a capacity to the site or the firm named last.
    # A node is what a product is made on, seldom what a figure measures (RK3588采用8nm工艺……算力6TOPS).
    _PRODUCT_FIRST = (("Chip", "Equipment"), ("Technology",), ("Fab", "Agent"), ("ProcessNode",), ("Place",))
    _ABOUT_PRIORITY_BY_KIND = {
        **dict.fromkeys(("Price", "Power", "Performance", "Bandwidth", "DieArea"), _PRODUCT_FIRST),
        "Capacity": (("Fab", "Agent"), ("Chip", "Equipment", "Technology", "ProcessNode"), ("Place",)),
    }

    def _about(self, ms: list[SentenceMention], pos: int, kind: str, sent_norm: str, s0: int) -> str | None:
        """The entity a quantity is about: the nearest mention before it, by class priority.

        Whoever reported the figure (an analyst firm; an organisation followed by 数据显示 / 预测,
        or after 据 / 根据) is its source, not its subject, and is passed over; a mention after
        the number is used only when none stands before it.
        """
        before = [m for m in ms if m.end <= pos]
        pool = before or [m for m in ms if m.start >= pos]
        pool = [m for m in pool if not _is_source(m, ms, sent_norm, s0)]
        if before:
            pool.reverse()  # nearest first
        # A possessor (AX-9是AX-5的后继产品，功耗为350W) modifies the noun after it: the others first.
        pool.sort(key=lambda m: sent_norm.startswith("的", m.end - s0))
        for group in self._ABOUT_PRIORITY_BY_KIND.get(kind, self._ABOUT_PRIORITY):
            for m in pool:
                if any(cls in m.classes for cls in group):
                    if _AGGREGATE.search(sent_norm[max(0, pos - s0 - 12):pos - s0]) and _listed(m, ms, sent_norm, s0):
                        return None  # 台积电、联电……整体市占率: the figure is the list's, no one member's
                    return m.entity_id
        return None


_RECURRING_TYPES = frozenset({"Fab", "Equipment", "Technology", "Policy", "Organization"})
# A figure for several at once (合计占比, 整体市占率): about a list, it belongs to none of its members.
_AGGREGATE = re.compile(r"合计|总计|共计|合共|整体|加起来|总共|combined|together")
_LIST_GAP = re.compile(r"^\s*(?:[(（][^)）]{0,16}[)）])?\s*(?:、|和|与|及|以及|,|，|/)\s*$")


def _listed(m: SentenceMention, ms: list[SentenceMention], sent_norm: str, s0: int) -> bool:
    """Whether ``m`` is one item of a list of mentions of its kind (A、B 和 C). An item may be
    named twice in a row (世界先进VIS, 格芯(GlobalFoundries)): those mentions make one item."""
    def joined(a: int, b: int) -> bool:
        return not sent_norm[a - s0:b - s0].strip("()（） ")

    same = [o for o in ms if o.entity_id == m.entity_id]
    start, end = m.start, m.end
    for o in sorted(same, key=lambda x: -x.end):
        if o.end <= start and joined(o.end, start):
            start = o.start
    for o in sorted(same, key=lambda x: x.start):
        if o.start >= end and joined(end, o.start):
            end = o.end
    for o in ms:
        if o.entity_id == m.entity_id or not same_kind(o, m):
            continue
        if o.end <= start:
            gap = sent_norm[o.end - s0:start - s0]
        elif o.start >= end:
            gap = sent_norm[end - s0:o.start - s0]
        else:
            continue
        if _LIST_GAP.match(gap):
            return True
    return False


# Who reports a number: 据TrendForce, 根据 SEMI, SEMI 数据显示, 摩根士丹利预测, 美国商务部统计.
_SOURCE_BEFORE = re.compile(r"(?:据|根据|援引|引述|来自|according to|citing)\s*$")
_SOURCE_AFTER = re.compile(r"^[^,，。；;:：、]{0,8}?(?:数据显示|数据|统计|报告|调查|预测|预估|估算|研究|报道|显示)")
# Analyst firms report other firms' figures; companies' own reports (台积电财报显示) are about them.
_REPORTER_CLASSES = frozenset({"AnalystFirm"})


def _is_source(m: SentenceMention, ms: list[SentenceMention], sent_norm: str, s0: int) -> bool:
    if "Organization" not in m.classes:
        return False
    if _REPORTER_CLASSES.intersection(m.classes):
        return True
    if m.coref:
        return False
    start, end = m.start - s0, m.end - s0
    nxt = min((o.start - s0 for o in ms if o.start >= m.end), default=len(sent_norm))
    return bool(_SOURCE_BEFORE.search(sent_norm[max(0, start - 12):start])
                or _SOURCE_AFTER.match(sent_norm[end:nxt]))
