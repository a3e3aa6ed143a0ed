"""Places: where firms, sites and bodies are (locatedIn), from how they are named and from the
place cues of semikg/extract/places.yaml.

A place inside a name says where the thing is when the name is a site's (某某熊本工厂), a public
body's (某某国商务部), or the place in brackets in a firm's legal name (某某科技（上海）有限公司),
which registers it there. A place a firm's name opens with (湖南某某有限公司) may be one the firm
has left, so it says nothing; a government is its place, so it gets no fact.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import compress, count
from operator import itemgetter

from semikg.extract.passes.context import CatalogContext
from semikg.extract.passes.lexicon import LexiconPass, quote_facts
from semikg.extract.passes.sites import site_ref
from semikg.extract.passes.state import ArticleState
from semikg.loaders.normalise import normalise

_LONGEST_PLACE = 6
# A span's start and entity id, a sentence mention's entity id: read in C.
_START, _ENTITY, _MENTIONED = itemgetter(0), itemgetter(2), itemgetter(1)
# A firm's sites in a list of places: 某公司在A、B与C，以及D等地都有生产据点 / 在A、B两地设厂.
# The cue follows the list's last place; the list is read backwards from it.
_SITES_CUE = re.compile(
    r"\s*(?:等地|等国|等国家|等城市|等州|等省|两地|三地|四地|五地|两国|三国|各地)?\s*(?:也|亦|还|同样|目前)?"
    r"(?:都|均|皆|各|分别|共)?(?:(?:设|建|拥|持)?有|设立了?|设置了?|布局了?)"
    r"(?:(?P<count>\s*[\d一二两三四五六七八九十]{1,2}\s*座)[^，,。;；、:：!?！？\ue001]{0,16}?"
    r"|[^\s，,。;；、:：!?！？\ue000\ue001]{0,6}?)"
    r"(?P<word>生产据点|生产基地|制造基地|研发中心|研发基地|营运据点|据点|厂区|工厂|晶圆厂|厂房|基地|分公司|子公司|办事处|厂)"
    r"|\s*(?:等地|两地|三地|各地)?\s*(?:都|均|皆|分别)?(?:设厂|建厂|投产)")
# The characters a _SITES_CUE match opens with, after its spaces: a place followed by none of them
# (most places) is not matched against its branches.
_SITES_CUE_FIRSTS = frozenset("等两三四五各也亦还同目都均皆分共设建拥持有布投")
# Sites counted in the places listed (在A、B两地共拥有3座某某晶圆厂): one Fab, the firm's, in each place.
_COUNTED_SITE_WORDS = frozenset({"工厂", "晶圆厂", "厂房", "厂"})
# Between two places of the list: an enumeration mark or a conjunction, a comma only with 以及.
# After a conjunction, the next places may open with their region (，以及亚洲的A、B).
_LIST_GAP = re.compile(r"^\s*(?:、|(?:和|与|及|跟|以及|[,，、]\s*以及|[,，、]\s*还有)\s*(?:[\u4e00-\u9fff]{1,4}的)?)\s*$")
# Right before the list: a clause's opening (在, a comma) or a region the places are in (亚洲的).
_REGION_GAP = re.compile(r"^\s*的\s*$")
# A firm's nationality in one syllable before 厂/企/商 (Taiwanese news: 台厂, 美商, 陆企): the
# firms listed before it (A、B等台厂) or the firm right after it (美商某某) are of that country.
_NATIONALITY_WORDS = {"台": "taiwan", "陆": "china", "日": "japan", "韩": "south-korea", "美": "usa"}
_NATIONALITY = re.compile(r"([台陆日韩美])(?:系)?(?:厂|企|商|资)(?![房区长务品业标店场商])")
# Every string _NATIONALITY's match opens with: found by the passes' shared keyword scan, so that the
# pattern is tried only where one starts (a search of the whole text tested each character).
_NATIONALITY_OPENERS = tuple(n + mid + kind for n in "台陆日韩美" for mid in ("", "系") for kind in "厂企商资")
_AFTER_LIST = re.compile(r"等\s*(?:[\d一二三四五六七八九十几多数]+\s*家)?\s*$")
# Between two firms of the list: a stock code or gloss in brackets, a separator, and items the
# article names no firm by (某某（1234）、) which the list still runs through.
_FIRM_LIST_GAP = re.compile(r"^\s*(?:[(（][^()（）]{1,12}[)）])?\s*(?:、|和|与|及|以及|,|，)?\s*"
                            r"(?:[\u4e00-\u9fffA-Za-z]{1,6}\s*[(（]\d{4,6}[)）]\s*(?:、|和|与|及|,|，)\s*)*$")
# A firm has sites: 有/拥有/设有 and then the sites, with counted site words (两座厂) between them.
# (The look-behind comes after 有, so that the pattern opens with its first characters and the regex
# engine skips to them in C: opening with a look-behind, it was tried at every position.)
_HAS = re.compile(r"拥有|设有|建有|有(?<![现所没具持享含占]有)")
_SITES_GAP = re.compile(r"(?:\s*(?:[\d一二两三四五六七八九十]{1,2}座)?(?:厂|工厂|晶圆厂)?\s*(?:、|和|与|及|以及)?\s*)")
# A firm right after one of these is the object of a preposition, not who has the sites.
_NOT_SUBJECT_BEFORE = frozenset("向对给替为比与和同跟")


def _counted_sites(state: ArticleState, cue: re.Match, firm, places: list) -> list[tuple]:
    """The sites a firm counts in the places it lists, as one Fab named by what the text calls
    them (3座12英寸晶圆厂 -> 12英寸晶圆厂): the firm operates it, it is in each place. A name
    the words run into (another mention) is left alone, but for a technology it holds (DRAM),
    which stays named inside it."""
    s0 = cue.end("count")
    while s0 < cue.end() and state.norm[s0].isspace():
        s0 += 1
    e0 = cue.end("word")
    inside = [sp for sp in state.spans if sp[0] < e0 and sp[1] > s0]
    if any(state.refs[sp[2]].type != "Technology" or sp[0] < s0 or sp[1] > e0 for sp in inside):
        return []
    fid = site_ref(state, state.cased[firm.start:firm.end] + state.cased[s0:e0]) if not firm.coref else \
        site_ref(state, state.refs[firm.entity_id].name + state.cased[s0:e0])
    state.spans = [sp for sp in state.spans if sp not in inside] + [(s0, e0, fid)]
    state.nested.extend(inside)
    return [(cue.start(), firm.entity_id, "operates", fid, "places.counted-sites", 0.6)] + [
        (cue.start(), fid, "locatedIn", p.entity_id, "places.counted-sites", 0.6) for p in places]


class PlacesPass(LexiconPass):
    name = "places"
    lexicon_file = "places.yaml"

    def __init__(self, ctx: CatalogContext):
        super().__init__(ctx)
        # Catalog place names, to read the place a catalog body's or site's name opens with.
        self.place_names = {normalise(x): e.id for e in ctx.catalog.entries if e.type == "Place"
                            for x in (e.zh_hans, e.zh_hant) if x and 2 <= len(x) <= _LONGEST_PLACE}
        ctx.words.register({"places.nationality": _NATIONALITY_OPENERS})

    def run(self, state: ArticleState) -> None:
        self._named(state)
        super().run(state)
        self._listed_sites(state)
        self._has_named_sites(state)
        self._nationality_words(state)
        self._chained_places(state)

    @staticmethod
    def _chained_places(state: ArticleState) -> None:
        """Whatever is in a place named in a chain with others (佛罗里达州坦帕, 美国德州奥斯汀) is in each
        place of the chain: the places written next to each other, with nothing between."""
        located = [r for r in state.relations if r.predicate == "locatedIn"]
        if not located:
            return
        views = {state.base + v.start: v for v in state.views}
        refs = state.refs
        seen = None  # made when a chain is found: most articles have none
        added = []
        for r in located:
            view = views.get(r.evidence.start)
            if view is None:
                continue
            ms = view.mentions
            for k, m in enumerate(ms):
                if m.entity_id != r.object or m.coref:
                    continue
                chain = []
                for step in (-1, 1):
                    j = k
                    while 0 <= j + step < len(ms):
                        a, b = (ms[j + step], ms[j]) if step < 0 else (ms[j], ms[j + step])
                        nxt = ms[j + step]
                        if a.end != b.start or nxt.coref or refs[nxt.entity_id].type != "Place":
                            break
                        chain.append(nxt.entity_id)
                        j += step
                if chain and seen is None:
                    seen = {(x.subject, x.predicate, x.object, x.evidence.start) for x in state.relations}
                for place in chain:
                    key = (r.subject, "locatedIn", place, r.evidence.start)
                    if place != r.subject and key not in seen:
                        seen.add(key)
                        added.append(r.model_copy(update={"object": place, "evidence": r.evidence.model_copy(
                            update={"rule": "places.chained-place", "confidence": round(r.evidence.confidence * 0.95, 3)})}))
        state.relations.extend(added)

    def _nationality_words(self, state: ArticleState) -> None:
        """A、B（代码）等台厂 / 美商某某: each firm is of the country the word abbreviates."""
        norm, refs = state.norm, state.refs
        starts = self.ctx.words.of(state).get("places.nationality")
        if not starts:
            return  # most articles: none of these words
        facts = []
        for s0, s1, ms in state.views:
            # _NATIONALITY.finditer(norm, s0, s1), tried only where its words start (no two of its
            # matches can overlap: none holds a character its match opens with but the first).
            for k in starts[bisect_left(starts, s0):bisect_left(starts, s1)]:
                m = _NATIONALITY.match(norm, k, s1)
                if m is None:
                    continue
                place = _NATIONALITY_WORDS[m.group(1)]
                if place not in self.ctx.entries:
                    continue
                firms = []
                after = next((x for x in ms if x.start == m.end() and not x.coref), None)
                if after is not None and refs[after.entity_id].type == "Company":
                    firms.append(after)  # 美商某某
                elif _AFTER_LIST.search(norm, max(s0, m.start() - 8), m.start()):
                    before = [x for x in ms if x.end <= m.start() and not x.coref]
                    pos = _AFTER_LIST.search(norm, max(s0, m.start() - 8), m.start()).start()
                    for x in reversed(before):
                        if refs[x.entity_id].type != "Company" or not _FIRM_LIST_GAP.match(norm[x.end:pos]):
                            break
                        firms.append(x)
                        pos = x.start
                for x in firms:
                    facts.append((x.start, x.entity_id, "locatedIn", place, "places.nationality-word", 0.65))
        if facts:
            for _, _, _, place, _, _ in facts:
                if place not in refs:
                    refs[place] = self.ctx.catalog_ref(place)
            quote_facts(state, facts)

    @staticmethod
    def _has_named_sites(state: ArticleState) -> None:
        """A firm that has sites named by their places (某公司在美国有A州厂、B州厂): the firm is in
        each place its sites are named by."""
        norm, refs = state.norm, state.refs
        where: dict[tuple[str, int], list[str]] = {}  # (site, sentence start) -> places its name holds
        for r in state.relations:
            if r.predicate == "locatedIn" and r.evidence.rule.startswith("discover.fab.") and r.subject in refs \
                    and refs[r.subject].type == "Fab":
                where.setdefault((r.subject, r.evidence.start), []).append(r.object)
        if not where:
            return
        facts = []
        for s0, s1, ms in state.views:
            for m in _HAS.finditer(norm, s0, s1):
                firm = next((x for x in reversed(ms) if x.end <= m.start() and "Agent" in x.classes), None)
                if firm is None or refs[firm.entity_id].type != "Company":
                    continue
                pos = m.end()
                for x in (x for x in ms if x.start >= m.end()):
                    if not _SITES_GAP.match(norm, pos, x.start) or _SITES_GAP.match(norm, pos, x.start).end() != x.start:
                        break
                    if refs[x.entity_id].type == "Fab":
                        for place in where.get((x.entity_id, state.base + s0), ()):
                            facts.append((x.start, firm.entity_id, "locatedIn", place, "places.has-named-sites", 0.6))
                    elif refs[x.entity_id].type != "Place":
                        break
                    pos = x.end
        if facts:
            quote_facts(state, facts)

    @staticmethod
    def _listed_sites(state: ArticleState) -> None:
        """A firm with sites in each of a list of places: 某公司在A、B与C，以及D等地都有生产据点,
        某公司在欧洲的A、B都有厂区. Each listed place is where the firm is; a region the list is
        qualified by (欧洲的) is not listed. The firm is the one named last before the list in the
        sentence, not after a preposition, with no other agent between."""
        norm, refs = state.norm, state.refs
        facts = []
        # The article's places, picked from its refs once: the places among a sentence's mentions
        # are then found in C, and a sentence naming none (most) is passed over.
        places = {eid for eid, ref in refs.items() if ref.type == "Place"}
        if not places:
            return
        is_place = places.__contains__
        for s0, s1, ms in state.views:
            if len(ms) < 2 or places.isdisjoint(map(_MENTIONED, ms)):
                continue
            for k0 in compress(count(), map(is_place, map(_MENTIONED, ms))):
                # The cue is read right after each place: far fewer tries than scanning the text.
                place = ms[k0]
                c = norm[place.end:place.end + 1]
                cue = _SITES_CUE.match(norm, place.end, s1) if c in _SITES_CUE_FIRSTS or c.isspace() else None
                if cue is None:
                    continue
                k = k0
                listed = [k]
                while k > 0:
                    prev, gap = ms[k - 1], norm[ms[k - 1].end:ms[k].start]
                    if prev.entity_id not in places:
                        break
                    if _REGION_GAP.match(gap) and k > 1 and ms[k - 2].entity_id in places \
                            and _LIST_GAP.match(norm[ms[k - 2].end:prev.start]):
                        k -= 2  # …、B，以及亚洲的C: the region is no place of the list
                    elif _LIST_GAP.match(gap):
                        k -= 1
                    else:
                        break
                    listed.append(k)
                if k > 0 and _REGION_GAP.match(norm[ms[k - 1].end:ms[k].start]):
                    k -= 1  # 欧洲的: the region, not a place of the list
                firm = next((j for j in range(k - 1, -1, -1) if "Agent" in ms[j].classes), None)
                if firm is None or refs[ms[firm].entity_id].type != "Company":
                    continue
                start = ms[firm].start
                if start > s0 and norm[start - 1] in _NOT_SUBJECT_BEFORE and not ms[firm].coref:
                    continue
                for j in listed:
                    facts.append((ms[j].start, ms[firm].entity_id, "locatedIn", ms[j].entity_id,
                                  "places.listed-sites", 0.65))
                if cue.group("count") and cue.group("word") in _COUNTED_SITE_WORDS:
                    facts.extend(_counted_sites(state, cue, ms[firm], [ms[j] for j in listed]))
        if facts:
            quote_facts(state, facts)

    def _named(self, state: ArticleState) -> None:
        norm, refs = state.norm, state.refs
        spans = sorted(state.spans)
        starts = list(map(_START, spans))
        facts: list[tuple[int, str, str, str, float]] = []  # (position, subject, place, rule, confidence)
        opened: set[int] = set()  # spans whose name opens with a nested place
        for a, b, inner in state.nested:
            if refs[inner].type != "Place":
                continue
            k = bisect_right(starts, a) - 1
            if k < 0 or spans[k][1] < b:
                continue
            s, e, outer = spans[k]
            if a == s:
                opened.add(s)
            found = self._named_fact(norm, refs, s, e, outer, a, inner)
            if found:
                facts.append((s, outer, inner, *found))
        # The article's bodies and sites, picked from its refs once (a ref was read per mention).
        kinds = {eid: ref.type for eid, ref in refs.items() if ref.type in ("Organization", "Fab")}
        # Their spans, picked in C (most spans name neither).
        for s, e, eid in compress(spans, map(kinds.__contains__, map(_ENTITY, spans))) if kinds else ():
            kind = kinds[eid]
            if s in opened or norm[s:e].rstrip().endswith("政府"):
                continue
            for n in range(min(_LONGEST_PLACE, e - s - 2), 1, -1):
                place = self.place_names.get(norm[s:s + n])
                if place is not None and place != eid:
                    facts.append((s, eid, place, "places.name-site" if kind == "Fab" else "places.name-body",
                                  0.75 if kind == "Fab" else 0.7))
                    if place not in refs:
                        refs[place] = self.ctx.catalog_ref(place)
                    break
        if facts:
            quote_facts(state, [(pos, s, "locatedIn", o, rule, conf) for pos, s, o, rule, conf in facts])

    @staticmethod
    def _named_fact(norm: str, refs, s: int, e: int, outer: str, a: int, inner: str) -> tuple[str, float] | None:
        kind = refs[outer].type
        if kind == "Company":
            if a > s and norm[a - 1] in "(（":
                return "places.name-bracketed", 0.8
            return None
        if kind == "Fab":
            return "places.name-site", 0.75
        if kind == "Organization" and a == s and not norm[s:e].rstrip().endswith("政府"):
            return "places.name-body", 0.7
        return None
