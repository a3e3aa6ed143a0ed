"""Sites: a site named after its operator (长江存储武汉第三工厂), in quotes after its kind
(建设晶圆厂“晶越二厂”) or after 位于 … 的 (晶睿科技位于苗栗的竹南新厂) becomes a Fab that the firm
operates, located in the places its name holds."""
from __future__ import annotations

import re
from bisect import bisect_left

from semikg.extract.indexes import Spans
from semikg.extract.naming import discovered_id
from semikg.extract.passes.context import CatalogContext
from semikg.extract.passes.state import ArticleState, NameFact
from semikg.extract.relations import hedge_status
from semikg.keywords import matches_at
from semikg.loaders.normalise import normalise
from semikg.models import EntityRef, Evidence, Relation

# A site named after its operator: 长江存储 + 武汉第三工厂, Rapidus + 首座晶圆厂.
# (?<!代)(?:晶圆厂|工厂|厂区|园区|生产基地|新厂|[一二三四五六七八九十\d]厂|fab\s?\d{1,2}[a-z]?), written to
# open with a character class (see the note on scanning patterns in discovery.Discoverer): the
# first character, then the rest of the one word that starts with it (no two start alike).
FAB_WORD = re.compile(r"[晶工厂园生新一二三四五六七八九十\df](?<!代.)(?:(?<=晶)圆厂|(?<=工)厂|(?<=厂)区|(?<=园)区"
                       r"|(?<=生)产基地|(?<=新)厂|(?<=[一二三四五六七八九十\d])厂|(?<=f)ab\s?\d{1,2}[a-z]?)")
# 位于 <places> 的, right before a site's name (the places are checked to be mentions), and a
# site's short code (M16, B3).
_AT_WORDS = ("位于", "坐落于", "设在")
_AT_WORD = re.compile("|".join(_AT_WORDS))
_AT_PLACE = re.compile(r"(?:位于|坐落于|设在)[^,，。;；:：!?！？\n的]{1,20}的$")
_SITE_CODE = re.compile(r"(?<![a-z0-9])[a-z]{0,3}\d{1,3}[a-z]?$")
# A site named in quotes after its kind: 建设12英寸晶圆厂“晶越二厂”.
_QUOTED_KINDS = ("晶圆厂", "工厂", "新厂", "厂区", "生产基地", "封测厂", "fab")
_FAB_QUOTED = re.compile("(?:" + "|".join(_QUOTED_KINDS) + r")\s*[“\"「『]([^”\"」』\n]{2,16})[”\"」』]")
_FAB_MIDDLE = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9\-]{1,10}$")
_FAB_MIDDLE_STOP = set("的了是在和与将被把对从向以为其该这那也都还就而但要会能可并及等")
# The words a site's name ends with, and the name read backwards from one: an ordinal or number
# (第三, 2号, 首座, 一 of 一厂), a short code (p3, ap8, f22), a wafer size (12吋), a kind (晶圆,
# 封装), then the site word. Written to open with the site word's character class and matched
# with ``search(norm, lo, end)`` so that ``$`` stands at the site word's end.
_SITE_END = re.compile(r"厂(?:区|房)?|基地")
_SITE_END_WORDS = ("厂", "基地")
# FAB_WORD's words that hold no 厂.
_FAB_WORDS_WITHOUT_FACTORY = ("园区", "生产基地", "fab")
_SITE_NAME = re.compile(
    r"(?:晶圆)?(?:(?P<ord>第[一二三四五六七八九十\d]{1,3}(?:号|座)?|[一二三四五六七八九十\d]{1,2}号|首座|[一二三四五六七八九十](?=厂))"
    r"|(?<![a-z0-9])(?P<code>[a-z]{1,3}\d{1,3}[a-z]?))?"
    r"(?P<size>\d{1,2}(?:吋|英寸|寸))?(?P<kind>(?:先进)?(?:半导体|晶圆|封装|封测|测试|存储|芯片))?(?P<word>晶圆厂|工厂|新厂|厂区|厂房|厂|基地)$")
# Every character _SITE_NAME's words are written with (its digits: any decimal digit). A site's name
# ends in a run of them: the search starts where that run does instead of trying each position before.
_SITE_NAME_CHARS = frozenset("晶圆第号座首一二三四五六七八九十abcdefghijklmnopqrstuvwxyz吋英寸先进半导体封装测试存储芯片"
                             "工新厂区房基地")
_CITY_WORDS = frozenset("市县町")
_STEM_SITE = re.compile(r"(?:工厂|晶圆厂|厂区|厂房|新厂|厂)")
_FUNCTION_CHARS = frozenset("的了是在和与将被把对从向及等也都还就而但要会能可这那其该于并或如所让使给至到、")
# A site named by its number alone (二厂, 第三厂) is its operator's: the firm named within this many
# characters before it.
SITE_OPERATOR_WINDOW = 200
# A site named by its number alone takes the places of its operator's site named this close before it.
SIBLING_WINDOW = 120


def site_ref(state: ArticleState, name: str) -> str:
    """The id of a site found by a site rule, its ref added to the article's refs."""
    fid = discovered_id("Fab", name)
    if fid in state.refs:
        return fid  # named before: the ref it has stays
    return state.add_ref(EntityRef(id=fid, type="Fab", name=name, origin="discovered"))


class SitesPass:
    name = "sites"

    def __init__(self, ctx: CatalogContext):
        self.ctx = ctx
        # A city named without its 市/县 before a site word (北上工厂 of 北上市): stem -> place id.
        self.city_stems = {}
        for e in ctx.catalog.entries:
            if e.type != "Place" or "Country" in e.roles:
                continue
            for x in (e.zh_hans, e.zh_hant, *e.aliases):
                x = normalise(x or "")
                # Not a stem a date could end in (四日 of 四日市市: 四日工厂停工 is the fourth).
                if len(x) >= 3 and x[-1] in _CITY_WORDS and x[-2] not in "日月年" and ctx.matcher.lookup(x[:-1]) is None:
                    self.city_stems.setdefault(x[:-1], e.id)
        stems = "|".join(re.escape(x) for x in sorted(self.city_stems, key=lambda x: (-len(x), x)))
        self._stem_site = re.compile(rf"(?:{stems})(?={_STEM_SITE.pattern})") if stems else None
        self.words = ctx.words
        # The words the scanning patterns open with (FAB_WORD's: see _fab_word_starts).
        self.words.register({"sites.at": _AT_WORDS, "sites.quoted": _QUOTED_KINDS, "sites.end": _SITE_END_WORDS,
                             "sites.factory": ("厂",), "sites.fab_word": _FAB_WORDS_WITHOUT_FACTORY,
                             "sites.city": tuple(self.city_stems)})

    def run(self, state: ArticleState) -> None:
        words = self.words.of(state)
        index = Spans(state.spans)
        self._city_stems(state, index, words.get("sites.city", ()))
        fab_words = list(matches_at(FAB_WORD, state.norm, _fab_word_starts(words)))
        self._after_operator(state, index, fab_words)
        self._quoted(state, index, words.get("sites.quoted", ()))
        self._at_places(state, index, fab_words, "sites.at" in words)
        self._numbered(state, index, words.get("sites.end", ()))
        self._coded(state, index)
        state.spans = index.items

    @staticmethod
    def _after_operator(state: ArticleState, index: Spans, fab_words: list[re.Match]) -> None:
        norm, refs = state.norm, state.refs
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
            fid = site_ref(state, state.cased[comp[0]:m.end()])
            kept = _country_before_local(refs, between)
            for sp in between[kept:]:
                index.remove(sp)
            index.add((between[kept][0] if kept else comp[1], m.end(), fid))
            state.facts.append(NameFact(m.start(), comp[2], "operates", fid, "discover.fab.operator", 0.7))
            for sp in between:
                state.facts.append(NameFact(m.start(), fid, "locatedIn", sp[2], "discover.fab.place", 0.7))

    @staticmethod
    def _quoted(state: ArticleState, index: Spans, starts: list[int]) -> None:
        """``starts``: where the words _FAB_QUOTED opens with start."""
        norm, refs = state.norm, state.refs
        for m in matches_at(_FAB_QUOTED, norm, starts):
            s_, e_ = m.start(1), m.end(1)
            if index.overlapping(s_, e_):
                continue
            sent_start = max(norm.rfind(c, 0, m.start()) for c in "。!?！？\n") + 1
            in_sentence = index.starting(sent_start, m.start() - 1)
            agents = [sp for sp in in_sentence if refs[sp[2]].type == "Company"]
            if not agents:
                continue
            fid = site_ref(state, state.cased[s_:e_])
            index.add((s_, e_, fid))
            state.facts.append(NameFact(m.start(), agents[0][2], "operates", fid, "discover.fab.quoted", 0.65, hedged=True))
            places = [sp for sp in in_sentence if refs[sp[2]].type == "Place"
                      and norm[max(0, sp[0] - 2):sp[0]].endswith(("在", "于", "位于"))]
            if places:
                state.facts.append(NameFact(m.start(), fid, "locatedIn", places[-1][2], "discover.fab.quoted-place",
                                            0.6, hedged=True))

    @staticmethod
    def _at_places(state: ArticleState, index: Spans, fab_words: list[re.Match], at_word: bool) -> None:
        """A site named by its place or a short code, after 位于 … 的: 晶睿科技位于苗栗的竹南新厂,
        晶越半导体位于合肥的B3工厂. The firm before 位于 operates it; the places name where it is.
        ``at_word``: whether the article writes 位于 or another of _AT_WORDS at all."""
        norm, refs = state.norm, state.refs
        if not at_word:
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
            fid = site_ref(state, state.cased[name_start:m.end()])
            if here is not None:
                index.remove_one(here)
            index.add((name_start, m.end(), fid))
            state.facts.append(NameFact(m.start(), comp[2], "operates", fid, "discover.fab.at-place", 0.65))
            for sp in inside:  # a place that names the site (竹南) is absorbed into the name
                state.facts.append(NameFact(m.start(), fid, "locatedIn", sp[2], "discover.fab.at-place", 0.65))

    def _city_stems(self, state: ArticleState, index: Spans, starts: list[int]) -> None:
        """A city named without its 市/县 right before a site word (某某在北上工厂扩产): a mention
        of that city, for the site rules to read. ``starts``: where the city stems start."""
        norm = state.norm
        if self._stem_site is None:
            return
        for m in matches_at(self._stem_site, norm, starts):
            s0, e0 = m.start(), m.end()
            pid = self.city_stems[norm[s0:e0]]
            if index.overlapping(s0, e0):
                continue
            if s0 > 0 and _glued(norm[s0 - 1]) and not any(
                    state.refs[sp[2]].type in ("Company", "Place") for sp in index.ending(s0, s0)):
                continue  # the tail of a longer word
            if pid not in state.refs:
                state.refs[pid] = self.ctx.catalog_ref(pid)
            index.add((s0, e0, pid))

    @staticmethod
    def _coded(state: ArticleState, index: Spans) -> None:
        """A site named by its code alone (某公司宣布，Fab 62将于明年投产) is the site of the firm
        named last before it in its sentence."""
        refs = state.refs
        coded = [f for f in state.found if f.rule == "discover.fab.number"]
        if not coded:
            return  # most articles name no site by its code: the facts are not read
        operated = {f.object for f in state.facts if f.predicate == "operates"}
        for f in coded:
            sp = next((x for x in index.starting(f.start, f.start) if x[1] == f.end), None)
            if sp is None or sp[2] in operated or refs[sp[2]].type != "Fab":
                continue
            firm = next((x for x in reversed(index.ending(_sentence_start(state.norm, f.start), f.start))
                         if refs[x[2]].type == "Company"), None)
            if firm is not None:
                operated.add(sp[2])
                state.facts.append(NameFact(f.start, firm[2], "operates", sp[2], "discover.fab.code-operator", 0.6,
                                            hedged=True))

    @staticmethod
    def _numbered(state: ArticleState, index: Spans, ends: list[int]) -> None:
        """A site named by its place, number, code or wafer size before a site word: 高雄厂,
        新竹p3厂, 平泽2号工厂, 第二座晶圆厂, 新加坡12吋厂, 二厂. Its operator is the firm its name
        starts with, or else the firm named last before it; its places are where it is. A site
        word with nothing but a country or a kind before it (美国晶圆厂, 封装厂) names no site.
        ``ends``: where the words of _SITE_END_WORDS start."""
        norm, refs = state.norm, state.refs
        named: dict[str, str] = {}  # a site named again is the same site, whoever was named in between
        for m in matches_at(_SITE_END, norm, ends):
            end = m.end()
            if index.overlapping(m.start(), end):
                continue
            lo, k = max(0, end - 16), m.start()
            while k > lo and ((c := norm[k - 1]) in _SITE_NAME_CHARS or c.isdecimal()):
                k -= 1
            name = _SITE_NAME.search(norm, k, end)
            if name is None:
                continue
            start = name.start()
            # A technology the site is named by (某地先进封装厂) is part of its name: the site uses it.
            techs = index.overlapping(start, end)
            if techs and (name.group("kind") is None or any(
                    refs[sp[2]].type != "Technology" or sp[0] < name.start("kind") or sp[1] > name.end("kind")
                    for sp in techs)):
                continue
            places = []
            while (p := next((sp for sp in index.ending(start, start) if refs[sp[2]].type == "Place"), None)):
                places.insert(0, p)
                start = p[0]
            firm = next((sp for sp in index.ending(start, start) if refs[sp[2]].type == "Company"), None)
            if not (places or firm) and start and _glued(norm[start - 1]):
                continue  # 某某二厂: the tail of a name this rule cannot read
            numbered = name.group("ord") or name.group("code")
            local = places and "Country" not in refs[places[-1][2]].roles
            if not (numbered or local or (places or firm) and name.group("size")):
                continue
            if name.group("word") in ("基地", "厂房") and not (places or firm):
                continue
            operator = firm or _firm_before(index, refs, start)
            if operator is None and not (places or firm):
                continue  # 二厂 of no firm named: nobody's site
            # A country before a local place (美国德州新厂) qualifies the site's name, it is not part of it.
            kept = _country_before_local(refs, places)
            name_start = places[kept][0] if kept else firm[1] if firm else places[0][0] if places else name.start()
            surface = state.cased[name_start:end]
            again = named.get(norm[name_start:end]) if firm is None else None
            if again is not None:
                fid, operator = again, None
            else:
                qualified = surface if firm or operator is None else state.cased[operator[0]:operator[1]] + surface
                fid = site_ref(state, state.cased[firm[0]:end] if firm else qualified)
                named[norm[name_start:end]] = fid
            for sp in (*places[kept:], *techs):
                index.remove_one(sp)
            index.add((name_start, end, fid))
            for sp in techs:
                state.nested.append(sp)
                state.facts.append(NameFact(m.start(), fid, "usesTechnology", sp[2], "discover.fab.named-technology", 0.65))
            if operator is not None:
                state.facts.append(NameFact(m.start(), operator[2], "operates", fid, "discover.fab.named", 0.65,
                                            hedged=firm is None))
            for sp in places:
                state.facts.append(NameFact(m.start(), fid, "locatedIn", sp[2], "discover.fab.named-place", 0.65))
            if not places and firm is None and operator is not None and name.group("ord") and again is None:
                for place in _sibling_places(state.facts, operator[2], fid, m.start()):
                    state.facts.append(NameFact(m.start(), fid, "locatedIn", place, "discover.fab.sibling-place", 0.6))


def _fab_word_starts(words: dict[str, list[int]]) -> list[int]:
    """Where FAB_WORD may match: each of its words but 园区, 生产基地 and fab holds 厂 as its first,
    second or third character."""
    starts = {k for q in words.get("sites.factory", ()) for k in (q - 2, q - 1, q) if k >= 0}
    starts.update(words.get("sites.fab_word", ()))
    return sorted(starts)


def _sentence_start(norm: str, pos: int) -> int:
    return max(norm.rfind(c, 0, pos) for c in "。!?！？\n") + 1


def _sibling_places(facts: list[NameFact], operator: str, fid: str, pos: int) -> list[str]:
    """The places of the site named last before ``pos`` (within SIBLING_WINDOW) by the same
    operator: 某地一厂已量产，二厂明年动工 / 某地第三厂及第四厂 number sites of one place."""
    operated = {f.object for f in facts if f.predicate == "operates" and f.subject == operator and f.object != fid}
    last = None
    for f in facts:
        if f.predicate == "operates" and f.object in operated and pos - SIBLING_WINDOW <= f.pos < pos:
            if last is None or f.pos >= last.pos:
                last = f
    if last is None:
        return []
    return [f.object for f in facts if f.predicate == "locatedIn" and f.subject == last.object
            and f.rule.startswith("discover.fab.")]


def _country_before_local(refs: dict, places: list) -> int:
    """1 when the places that open a site's name are a country and then a place within it (日本熊本,
    美国德州): the site's own name starts after the country, which stays a mention of its own."""
    return int(len(places) >= 2 and "Country" in refs[places[0][2]].roles
               and "Country" not in refs[places[1][2]].roles)


def _glued(c: str) -> bool:
    """Whether a name before ``c``'s right edge would run into it: a letter or digit, or a Chinese
    character other than a function word (在二厂, 的第三厂 stand apart)."""
    return c.isascii() and c.isalnum() or "\u4e00" <= c <= "\u9fff" and c not in _FUNCTION_CHARS


def _firm_before(index: Spans, refs: dict, pos: int):
    """The firm named last before ``pos`` within the window, or None."""
    for sp in reversed(index.ending(max(0, pos - SITE_OPERATOR_WINDOW), pos)):
        if refs[sp[2]].type == "Company":
            return sp
    return None


# A site a firm builds in a place: 某公司将在某州某市兴建新厂 / 在位于某市的园区内建设一座工厂.
_BUILD_VERBS = ("兴建", "新建", "建设", "建造", "设立", "打造", "扩建", "新设", "盖")
_BUILD = re.compile("(?:" + "|".join(_BUILD_VERBS) + r")(?:了)?\s*"
                    r"(?:[一二两三四五六七八九十\d]{1,2}座|首座|一个)?"
                    r"(?P<desc>[^，,。;；、:：!?！？\n的\ue000\ue001]{0,14}?)"
                    r"(?P<word>新厂房|新工厂|新厂|晶圆厂|工厂|厂房|生产基地|制造基地)")
_NAMED_NEXT = re.compile(r"\s*[“\"「『(（]")
_BUILT_AT = re.compile(r"(?:在|于)(?:位于)?")
# Between 在 and the verb: the places, the site they are inside (某某厂区内), few other words.
_BUILT_GAP = re.compile(r"^[^，,。;；、:：!?！？\n]{0,10}$")
_BUILT_NOT_SUBJECT = frozenset("向对给与和同跟由被")


class BuiltSitesPass:
    """A site a firm builds in a place it names (某公司将在某州某市兴建新厂): a Fab the firm
    operates, located in each place named there. A country alone names no site (在美国建厂 says
    where the firm invests, not which plant); nor does a site already named."""

    name = "built-sites"

    def __init__(self, ctx: CatalogContext):
        self.ctx = ctx
        ctx.words.register({"sites.build": _BUILD_VERBS})

    def run(self, state: ArticleState) -> None:
        norm, refs = state.norm, state.refs
        verbs = self.ctx.words.of(state).get("sites.build", ())
        if next(matches_at(_BUILD, norm, verbs), None) is None:
            return
        occupied = Spans(state.spans)
        for s0, s1, ms in state.views:
            k = bisect_left(verbs, s0)
            if k == len(verbs) or verbs[k] >= s1:
                continue  # no building verb in the sentence (most sentences): not searched
            for m in _BUILD.finditer(norm, s0, s1):
                w0, w1 = m.start("word"), m.end("word")
                if occupied.overlapping(m.start(), w1) or any(x.start < w1 and x.end > m.start() for x in ms):
                    continue
                if _NAMED_NEXT.match(norm, w1) or occupied.starting(w1, w1):
                    continue  # 建设晶圆厂“某某二厂”: the site has a name of its own, found by the name
                at = [a for a in _BUILT_AT.finditer(norm, max(s0, m.start() - 40), m.start())]
                if not at:
                    continue
                a = at[-1]
                inside = [x for x in ms if a.end() <= x.start and x.end <= m.start()]
                places = [x for x in inside if refs[x.entity_id].type == "Place" and not x.coref]
                if not places or any(refs[x.entity_id].type not in ("Place", "Fab") for x in inside):
                    continue
                if all("Country" in refs[x.entity_id].roles for x in places):
                    continue
                gap = "".join(norm[p:q] for p, q in _outside(a.end(), m.start(), inside))
                if not _BUILT_GAP.match(gap):
                    continue
                firm = next((x for x in reversed(ms) if x.end <= a.start() and "Agent" in self.ctx.classes(refs[x.entity_id])), None)
                if firm is None or refs[firm.entity_id].type != "Company":
                    continue
                if firm.start > s0 and norm[firm.start - 1] in _BUILT_NOT_SUBJECT and not firm.coref:
                    continue
                place = next(x for x in reversed(places) if not _glossing(norm, x.start))
                firm_name = next((state.cased[p:q] for p, q, eid in sorted(state.spans) if eid == firm.entity_id),
                                 refs[firm.entity_id].name)
                name = firm_name + state.cased[place.start:place.end] + state.cased[w0:w1]
                fid = site_ref(state, name)
                state.spans.append((w0, w1, fid))
                occupied.add((w0, w1, fid))
                status = hedge_status(norm[s0:m.end()])
                facts = [(firm.entity_id, "operates", fid)] + [(fid, "locatedIn", p) for p in
                                                                 dict.fromkeys(x.entity_id for x in places)]
                for subject, predicate, obj in facts:
                    state.relations.append(Relation(subject=subject, predicate=predicate, object=obj, evidence=Evidence(
                        quote=state.text[s0:s1], start=state.base + s0, end=state.base + s1,
                        rule="sites.built-in-place", confidence=0.6, status=status, trigger=norm[m.start():m.start() + 2])))


def _glossing(norm: str, pos: int) -> bool:
    """Whether a mention at ``pos`` opens a bracket: a gloss of the name before it (坦帕(Tampa))."""
    return pos > 0 and norm[pos - 1] in "(（"


def _outside(lo: int, hi: int, mentions: list) -> list[tuple[int, int]]:
    """The stretches of [lo, hi) outside the given mentions."""
    out, pos = [], lo
    for x in sorted(mentions, key=lambda x: x.start):
        if x.start > pos:
            out.append((pos, x.start))
        pos = max(pos, x.end)
    if pos < hi:
        out.append((pos, hi))
    return out
