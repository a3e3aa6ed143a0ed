"""Coordination: a relation stated of one member of a coordinated list holds for the list's other
members. "台积电、三星和英特尔共同投资X" where a rule found 英特尔 investsIn X, or "A向B、C及D供货"
where a rule found only A supplies B, gives the same relation for every member of the list.

The pass runs after every relation pass, so it extends whatever found the relation (a trigger rule,
the pair scorer, a lexicon). A list is one noun phrase: mentions joined by 、/和/及/与/以及/或 with
nothing but an abbreviation or ticker in brackets or a shared head noun between them; a comma, a verb
or any other word ends it. Only members of the same kind as the matched one are added (a firm's
list gives firms), each checked against the predicate's domain and range, each quoted with the same
sentence, under its own rule id and a lower confidence than the relation it extends.
"""
from __future__ import annotations

import re
from operator import itemgetter

from semikg.extract.passes.context import CatalogContext
from semikg.extract.passes.state import ArticleState, SentenceView
from semikg.extract.relations import SentenceMention
from semikg.models import Evidence, Relation
from semikg.ontology.classes import shape_constraints

RULE_PREFIX = "coordination."
# A derived member is a step further from the words that state the fact than the member the rule
# matched: its confidence is the source's less this.
CONFIDENCE_STEP = 0.05
MAX_MEMBERS = 12
# What may stand between two members of one list (normalised text: full-width brackets and commas
# are ASCII). An abbreviation, a gloss or a stock code in brackets may follow a member
# (华邦(2344)、旺宏(2337)); a head noun the members share may close one (A公司和B公司).
_HEAD_NOUNS = "公司|集团|企业|厂商|工厂|晶圆厂|芯片|晶片|技术|工艺|制程|设备|材料|产品|政府|基金"
_BRACKET = r"(?:\([^()]{1,16}\))"
_WORD = r"[\u4e00-\u9fffa-z0-9]"
# A member the catalog and discovery missed may stand between two found ones (联想、某某、海尔).
_UNNAMED = rf"(?:、\s*{_WORD}{{1,4}}\s*{_BRACKET}?\s*)"
_SEPARATOR = re.compile(
    rf"^\s*\)?\s*{_BRACKET}?\s*(?:{_HEAD_NOUNS})?\s*{_UNNAMED}{{0,2}}"
    r"(?:、|和|与|及|以及|、以及|、及|、和|,\s*以及|跟|或|或者|/|&|and|or)\s*$"
    # The enumeration comma 、 lists nouns: a short tail of the member's name may precede it (某基金一期、).
    rf"|^{_WORD}{{1,3}}\s*{_UNNAMED}{{0,2}}、\s*$")
# A character every _SEPARATOR match holds (its joining word's, or the 、 of its second form): a gap
# with none (most gaps between two names) is no separator, found without the pattern's branches.
_SEPARATOR_CHARS = frozenset("、和与及跟或/&ao")
# 与 between two members; a preposition when a list enumerated with 、 follows it.
_PREPOSITION = re.compile(r"^\s*\)?\s*(?:\([^()]{1,16}\))?\s*(?:与|跟|同)\s*$")
_ENUMERATION_NEXT = re.compile(r"\s*(?:\([^()]{1,16}\))?\s*、")
# A member named twice in a row, the second time in brackets: 丰田(Toyota).
_GLOSS = re.compile(r"^\s*\(\s*$")
# Every word _SEPARATOR can join a list with, for a cheap test before any list is looked for:
# [、和与及跟或同/&]|and|or, written to open with one character class (a and o checked after it), so
# that the regex engine skips to it in C instead of trying the alternation at every position.
_ANY_SEPARATOR = re.compile(r"[、和与及跟或同/&ao](?:(?<=a)nd|(?<=o)r|(?<![ao]))")
# Firms and bodies are one kind of list member (某产业基金、联想和海尔 are all investors).
_KIND = {"Organization": "Company"}


def coordinated(norm: str, ms: list[SentenceMention], i: int, kinds: list[str],
                links: list[str | None] | None = None) -> list[int]:
    """The indices of the mentions in the list that mention ``i`` stands in, ``i`` included, in
    order; ``[i]`` when it stands in no list. ``ms`` are a sentence's named mentions, sorted.
    ``links``, if given, holds what stands between each two neighbours (``_link``) as far as found
    (None where not yet): the mentions' lists share their links."""
    if links is None:
        links = [None] * len(ms)
    out = [i]
    for step in (1, -1):
        j = i
        while 0 <= j + step < len(ms) and len(out) < MAX_MEMBERS:
            p = j if step == 1 else j - 1  # the link between ms[p] and ms[p + 1]
            link = links[p]
            if link is None:
                link = links[p] = _link(norm, ms[p], ms[p + 1])
            if link is _SAME:
                j += step  # the same member named twice: 丰田(Toyota), 台积电TSMC
                continue
            if link is _ONE_SPAN:
                j += step  # two firms over one span: 双方 stands for both
                if kinds[j] == kinds[i]:
                    out.append(j)
                continue
            if link is _APART:
                break
            j += step
            if kinds[j] == kinds[i]:
                if _qualifies_next(norm, ms, j, kinds):
                    break  # 以及欧洲的荷兰: the region qualifies the next member, it is none itself
                out.append(j)
    return sorted(out)


# What stands between two neighbouring mentions (``_link``).
_SAME, _ONE_SPAN, _APART, _LISTED = "same", "one span", "apart", "listed"


def _link(norm: str, a: SentenceMention, b: SentenceMention) -> str:
    """How mention ``a`` and the next one, ``b``, stand to each other: one member named twice
    (_SAME), two over one span (_ONE_SPAN), no list's neighbours (_APART), or joined as a list's (_LISTED)."""
    gap = norm[a.end:b.start]
    if a.entity_id == b.entity_id and (_GLOSS.match(gap) or not gap.strip()):
        return _SAME
    if a.start == b.start and a.end == b.end:
        return _ONE_SPAN
    if _SEPARATOR_CHARS.isdisjoint(gap) or not _SEPARATOR.match(gap):
        return _APART
    # 与 before a list enumerated with 、 is a preposition: 台积电与AMD、博通和英伟达 lists three firms
    # (A、B与C lists three: there 与 closes the list).
    if _PREPOSITION.match(gap) and _ENUMERATION_NEXT.match(norm, b.end):
        return _APART
    return _LISTED


def _qualifies_next(norm: str, ms: list[SentenceMention], j: int, kinds: list[str]) -> bool:
    """Whether mention ``j`` and 的 open the next mention of its kind (欧洲的荷兰, 亚洲的日本)."""
    return j + 1 < len(ms) and kinds[j + 1] == kinds[j] and norm[ms[j].end:ms[j + 1].start].strip() == "的"


_UNSEEN = object()  # a sentence not looked at yet
# Fields of a SentenceView (its start) and of a SentenceMention (start, end), read in C.
_FIRST, _START, _END, _SPAN = itemgetter(0), itemgetter(2), itemgetter(3), itemgetter(2, 3)


class CoordinationPass:
    name = "coordination"

    def __init__(self, ctx: CatalogContext):
        self.ctx = ctx
        self.constraints = shape_constraints()

    def _allowed(self, predicate: str, s: SentenceMention, o: SentenceMention) -> bool:
        dom, rng = self.constraints[predicate]
        return bool(dom.intersection(s.classes) and rng.intersection(o.classes))

    def run(self, state: ArticleState) -> None:
        views = dict(zip(map(_FIRST, state.views), state.views))  # by start
        sentences: dict[int, _Sentence | None] = {}
        seen = None  # the relations known, made when a first sentence holds a list (most hold none)
        added: list[Relation] = []
        base, norm = state.base, state.norm
        for r in state.relations:
            ev = r.evidence
            at = ev.start - base
            sent = sentences.get(at, _UNSEEN)
            if sent is _UNSEEN:
                view = views.get(at)
                sent = sentences[at] = _Sentence.of(norm, view) if view is not None else None
            if sent is not None and not ev.rule.startswith(RULE_PREFIX):
                if seen is None:
                    seen = {(x.subject, x.predicate, x.object, x.evidence.start) for x in state.relations}
                for new in self.extend(state, r, sent, seen):
                    key = (new.subject, new.predicate, new.object, new.evidence.start)
                    if key not in seen:
                        seen.add(key)
                        added.append(new)
        state.relations.extend(added)

    def extend(self, state: ArticleState, r: Relation, sent: "_Sentence",
               known: set[tuple[str, str, str, int]] = frozenset()) -> list[Relation]:
        """The relations ``r`` gives the other members of a list its subject or object stands in,
        but those ``known`` already, by (subject, predicate, object, evidence start)."""
        norm = state.norm
        found = sent.members(r.subject, r.object)
        ms = found.ms
        subj, obj = found.positions(r.subject), found.positions(r.object)
        if not subj or not obj:
            return []  # a fact read off a name (the firm inside its fab's name): no list to follow
        kinds = found.kinds(state)
        # Of an entity named twice in the sentence, the mention nearest the other end is the one
        # the fact was read from (英特尔与财政部签约后，该公司将在俄亥俄州建厂: 该公司).
        if len(subj) == 1 and len(obj) == 1:
            si, oi = subj[0], obj[0]
        else:
            si, oi = min(((a, b) for a in subj for b in obj), key=lambda ab: _distance(ms[ab[0]], ms[ab[1]]))
        lists = [(i, other, is_subject, members) for i, other, is_subject in ((si, oi, True), (oi, si, False))
                 if len(members := found.coordinated(norm, i, kinds)) > 1
                 # the other end in the list: A与B合作 (与 is a preposition)
                 and not any(k in obj or k in subj for k in members if k != i)]
        if not lists or _named_inside(state, ms[si], ms[oi]) or _named_inside(state, ms[oi], ms[si]):
            return []  # no list, or read off a name (美国商务部 locatedIn 美国), not off the sentence's list
        ev, out, derived = r.evidence, [], None
        for i, other, is_subject, members in lists:
            if _attached(norm, ms[i], ms[other]) or sent.inside(ms[other]) or not _joint(norm, ms, members):
                continue  # 荷兰ASML和蔡司, 大连工厂(辽宁省)和…: the place is one member's alone
            for k in members:
                if k == i:
                    continue
                sm, om = (ms[k], ms[other]) if is_subject else (ms[other], ms[k])
                if not self._allowed(r.predicate, sm, om) or (sm.entity_id, r.predicate, om.entity_id, ev.start) in known:
                    continue
                if derived is None:
                    # Built from fields of valid models, within their bounds: nothing to validate again.
                    derived = Evidence.model_construct(
                        quote=ev.quote, start=ev.start, end=ev.end, rule=RULE_PREFIX + ev.rule,
                        confidence=round(max(0.0, ev.confidence - CONFIDENCE_STEP), 3), status=ev.status,
                        trigger=ev.trigger)
                out.append(Relation.model_construct(subject=sm.entity_id, predicate=r.predicate, object=om.entity_id,
                                                    evidence=derived))
        return out


def _named_inside(state: ArticleState, m: SentenceMention, other: SentenceMention) -> bool:
    """Whether ``other``'s entity is named inside ``m``'s name (美国 in 美国商务部), as a nested
    name or by the words it is named with elsewhere in the sentence."""
    oid = other.entity_id
    for s, e, eid in state.nested:
        if eid == oid and m.start <= s and e <= m.end:
            return True
    return state.norm[other.start:other.end] in state.norm[m.start:m.end]


class _Sentence:
    """A sentence's named mentions (zero-width ones, a carried subject, are no list members), which
    of them stand in brackets, computed once for all the relations quoted from it."""

    __slots__ = ("named", "bracketed", "_inside", "_inside_at", "_members")

    def __init__(self, named: list[SentenceMention], bracketed: list[bool]):
        self.named, self.bracketed = named, bracketed
        self._inside = {m.index for m, b in zip(named, bracketed) if b}
        self._inside_at = [(k, m.entity_id) for k, (m, b) in enumerate(zip(named, bracketed)) if b]
        # By which bracketed mentions a relation keeps: the members, their kinds and the lists
        # found among them (many relations share a sentence, and most keep the same members).
        self._members: dict[tuple[int, ...], tuple[list[SentenceMention], list[str], dict[int, list[int]]]] = {}
    @classmethod
    def of(cls, norm: str, view: SentenceView) -> "_Sentence | None":
        named = [m for m in view.mentions if m.end > m.start]
        if len(named) < 3:
            return None  # a relation and a list need three names at least
        lo, hi = min(map(_START, named)), max(map(_END, named))
        if not _ANY_SEPARATOR.search(norm, lo, hi) and len(set(map(_SPAN, named))) == len(named):
            return None  # no word that joins a list, no two names over one span: no list
        if norm.find("(", view.start, named[-1].start) < 0:
            return cls(named, [False] * len(named))  # no bracket opens before a name: none is in one
        bracketed, depth, pos = [], 0, view.start
        for m in named:
            gap = norm[pos:m.start]
            depth += gap.count("(") - gap.count(")")
            bracketed.append(depth > 0)
            pos = m.start
        return cls(named, bracketed)

    def inside(self, m: SentenceMention) -> bool:
        return m.index in self._inside

    def members(self, subject: str, object_: str) -> "_Members":
        """The mentions that can be list members for a relation of these two ends. Names in
        brackets after a member (大连工厂(辽宁省)和成都工厂 lists two fabs) are no members, unless
        the relation names them."""
        key = tuple(k for k, eid in self._inside_at if eid == subject or eid == object_)
        got = self._members.get(key)
        if got is None:
            keep = None if not self._inside_at else [k for k, b in enumerate(self.bracketed) if not b or k in key]
            got = self._members[key] = _Members(self.named, keep)
        return got


class _Members:
    """The list members a relation's sentence offers (see _Sentence.members), their kinds, and the
    lists found among them: many relations share a sentence, and most share its members. It holds
    no reference back to its sentence: a build makes no reference cycles
    (tests/test_build_makes_no_cycles.py), so what it drops is freed at once."""

    __slots__ = ("ms", "_kinds", "_lists", "_positions", "_links")

    def __init__(self, named: list[SentenceMention], keep: list[int] | None):
        self.ms = named if keep is None else [named[k] for k in keep]
        self._kinds: list[str] | None = None
        self._lists: dict[int, list[int]] = {}
        self._positions: dict[str, list[int]] | None = None
        self._links: list[str | None] = [None] * len(self.ms)  # see ``coordinated``

    def kinds(self, state: ArticleState) -> list[str]:
        if self._kinds is None:
            refs = state.refs
            self._kinds = [_KIND.get(t, t) for t in (refs[m.entity_id].type for m in self.ms)]
        return self._kinds

    def positions(self, eid: str) -> list[int]:
        """Where ``eid``'s mentions stand among the members, in order (indexed once, as many
        relations share the members)."""
        if self._positions is None:
            self._positions = {}
            for k, m in enumerate(self.ms):
                self._positions.setdefault(m.entity_id, []).append(k)
        return self._positions.get(eid, [])

    def coordinated(self, norm: str, i: int, kinds: list[str]) -> list[int]:
        out = self._lists.get(i)
        if out is None:
            out = self._lists[i] = coordinated(norm, self.ms, i, kinds, self._links)
        return out


def _distance(a: SentenceMention, b: SentenceMention) -> int:
    return b.start - a.end if a.start < b.start else a.start - b.end


# Two firms joined by 与/跟/同 alone are a preposition and its object as often as a list (A与B达成协议:
# A acts): they are one list only where a word after them makes both the actors.
_TWO_WITH = re.compile(r"^\s*\)?\s*(?:\([^()]{1,16}\))?\s*(?:与|跟|同)\s*$")
_BOTH = re.compile(r"\s*(?:\([^()]{1,16}\))?\s*(?:共同|一起|联合|合资|合作|均|都|分别|各自|双方|两家|二者)")


def _joint(norm: str, ms: list[SentenceMention], members: list[int]) -> bool:
    if len(members) != 2 or members[1] - members[0] != 1:
        return True
    a, b = ms[members[0]], ms[members[1]]
    if not _TWO_WITH.match(norm[a.end:b.start]):
        return True
    return bool(_BOTH.match(norm, b.end))


def _attached(norm: str, a: SentenceMention, b: SentenceMention) -> bool:
    """Whether two mentions stand next to each other (荷兰ASML, 美国的英特尔): one modifies the other."""
    first, second = (a, b) if a.start < b.start else (b, a)
    return norm[first.end:second.start].strip() in ("", "的")
