"""Coreference: one entity however the article names it again. A firm's short form or declared
abbreviation, a site's or tool's name without the cue that found it, and an anaphor (该公司,
该芯片, 他) all become mentions of the entity named first."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import compress, count
from operator import itemgetter, methodcaller

from semikg.extract.indexes import FirmTails, Occupancy
from semikg.keywords import KeywordGroups, matches_at
from semikg.extract.passes.context import CatalogContext
from semikg.extract.passes.state import ArticleState, Span
from semikg.loaders.normalise import normalise

# Anaphors that stand for the company named last: 该公司 从 ASML 采购 -> <company> customerOf ASML.
# A bare 公司 opening a clause (据ASML首席技术官透露，公司与蔡司……) is the firm just named; inside
# a clause it is a common noun (半导体公司).
_ANAPHOR_WORDS = ("该公司", "这家公司", "此公司", "该企业", "这家企业", "该集团", "the company")
_ANAPHOR = re.compile("|".join(_ANAPHOR_WORDS))
# Counted only at a clause's start: 公司计划…, 公司成立早期…, 公司的客户…; not 公司法, 公司们.
_BARE_ANAPHOR = re.compile(r"公司(?![们法数名治内外间债股])")
_CLAUSE_BREAK = frozenset("，,。；;：:!?\n")
_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)
_IS_DISCOVERED = methodcaller("startswith", "d-")  # of an entity id
ANAPHOR_WINDOW = 400
# 该芯片 stands for the chip named last, if it was named in the same or the previous sentence or so.
_CHIP_ANAPHOR_WORDS = ("该芯片", "这款芯片", "该款芯片", "此芯片", "这颗芯片", "该晶片", "这款晶片", "该款晶片", "此晶片",
                       "这颗晶片", "该处理器", "这款处理器")
_CHIP_ANAPHOR = re.compile("|".join(_CHIP_ANAPHOR_WORDS))
CHIP_ANAPHOR_WINDOW = 120
# 该厂 stands for the fab named last (该工厂将生产…, 这座晶圆厂预计…).
_FAB_ANAPHOR = re.compile(r"(?:该|这|此)(?:座|家)?(?:晶圆厂|工厂|厂房|新厂|厂)(?![商区房长])")
_FAB_ANAPHOR_WORDS = tuple(a + b + c for a in "该这此" for b in ("", "座", "家") for c in ("晶圆厂", "工厂", "厂房", "新厂", "厂"))
FAB_ANAPHOR_WINDOW = 300
# 他/她 opening a clause stands for the person named last (陈某现年65岁。他曾任…): not 他们, 其他, 他国.
_PERSON_ANAPHOR = re.compile(r"[他她](?![们人国乡])")
_PERSON_ANAPHOR_WORDS = ("他", "她")
PERSON_ANAPHOR_WINDOW = 200
# A site, tool, policy or body found once by its full name (晶越二厂) is the same one when the name
# recurs without the cue that found it.
RECURRING_TYPES = frozenset({"Fab", "Equipment", "Technology", "Policy", "Organization"})


def _wordish(c: str) -> bool:
    return c.isascii() and c.isalnum()


class CoreferencePass:
    name = "coreference"

    def __init__(self, ctx: CatalogContext):
        self.ctx = ctx
        ctx.words.register(ANAPHOR_WORDS)

    def run(self, state: ArticleState) -> None:
        norm, refs, aliases = state.norm, state.refs, state.aliases
        # Where the discovered entities' spans stand, found in C: most names are the catalog's, and
        # only these are looked at below.
        at = list(compress(count(), map(_IS_DISCOVERED, map(_THIRD, state.spans))))
        discovered = [state.spans[i] for i in at]
        for s, e, eid in discovered:
            if refs[eid].type in RECURRING_TYPES and e - s >= 3:
                aliases.setdefault(norm[s:e], eid)
        # A firm first named in full and later by a short form is one firm, not two: the short
        # form is a declared abbreviation, a derived form, or the tail of the full name.
        full_names = {normalise(refs[eid].name): eid for _, _, eid in discovered if refs[eid].type == "Company"}
        tails = FirmTails(full_names, aliases)
        text = state.text

        def same_firm(s: int, e: int, eid: str) -> str:
            """The firm a discovered entity's mention names."""
            surface = normalise(text[s:e])
            if surface in aliases:
                return aliases[surface]
            return tails.firm_of(surface, eid)

        spans = list(state.spans)
        # A site or firm found twice under two ids is one entity: the facts read off its name
        # follow the mention to the id it keeps, so that no fact names an entity the graph lacks.
        moved = {}
        for i, (s, e, eid) in zip(at, discovered):
            new = same_firm(s, e, eid)
            spans[i] = (s, e, new)
            if new != eid:
                moved[eid] = new
        if moved:
            state.facts = [g for f in state.facts
                           if (g := f._replace(subject=moved.get(f.subject, f.subject),
                                               object=moved.get(f.object, f.object))).subject != g.object]
        spans.extend(local_mentions(norm, spans, aliases))
        used = set(map(_THIRD, spans))
        # A place absorbed into a site's name (高雄 of 高雄厂) or nested in another is still named.
        used.update(x for f in state.facts for x in (f.subject, f.object))
        used.update(eid for _, _, eid in state.nested)
        state.refs = {k: v for k, v in refs.items() if k in used}
        spans.sort()
        state.spans = spans
        state.corefs = anaphors(norm, spans, state, self.ctx.words.of(state))


def local_mentions(norm: str, spans: list[Span], aliases: dict[str, str]) -> list[Span]:
    """Later mentions of a discovered entity by an alias the article gave it."""
    out: list[Span] = []
    taken = None  # made when an alias first occurs: many articles give none, or none recurs
    for alias in sorted(aliases, key=len, reverse=True):
        start = 0
        while (i := norm.find(alias, start)) >= 0:
            j = i + len(alias)
            start = j
            # A Latin or digit edge needs a word boundary: UNT is not in count, A55 not in Cortex-A55.
            if (_wordish(alias[0]) and i > 0 and (_wordish(norm[i - 1]) or norm[i - 1] == "-")) or (
                    _wordish(alias[-1]) and j < len(norm) and (_wordish(norm[j]) or norm[j] == "-")):
                continue
            if taken is None:
                taken = Occupancy.covering(len(norm), map(_FIRST, spans), map(_SECOND, spans), len(spans))
            if taken.free(i, j):
                out.append((i, j, aliases[alias]))
                taken.append((i, j))
    return out


def anaphors(norm: str, spans: list[Span], state: ArticleState, words: dict[str, list[int]] | None = None) -> list[Span]:
    """该公司 / 该芯片 / 该厂 / 他 as the firm, chip, fab or person named last within a window; ``spans``
    sorted, disjoint. ``words``, if given, are where the groups of ``ANAPHOR_WORDS`` start in ``norm``."""
    if words is None:
        words = KeywordGroups(ANAPHOR_WORDS).starts(norm)
    out = []
    refs = state.refs
    starts = list(map(_FIRST, spans))  # spans are sorted and do not overlap: ends are sorted too
    firm = [m.span() for m in matches_at(_ANAPHOR, norm, words.get("coreference.firm", ()))]
    firm += [m.span() for m in _BARE_ANAPHOR.finditer(norm) if m.start() and norm[m.start() - 1] in _CLAUSE_BREAK]
    chip = [m.span() for m in matches_at(_CHIP_ANAPHOR, norm, words.get("coreference.chip", ()))]
    fab = [m.span() for m in matches_at(_FAB_ANAPHOR, norm, words.get("coreference.fab", ()))]
    person = [m.span() for m in matches_at(_PERSON_ANAPHOR, norm, words.get("coreference.person", ()))
              if not m.start() or norm[m.start() - 1] in _CLAUSE_BREAK or norm[m.start() - 1] in "！？"]
    for found, types, window in ((firm, ("Company", "Organization"), ANAPHOR_WINDOW),
                                 (chip, ("Chip",), CHIP_ANAPHOR_WINDOW),
                                 (fab, ("Fab",), FAB_ANAPHOR_WINDOW),
                                 (person, ("Person",), PERSON_ANAPHOR_WINDOW)):
        if not found:
            continue
        ids = {eid for eid, ref in refs.items() if ref.type in types}  # read off the refs, not per mention
        named = [sp for sp in spans if sp[2] in ids]
        ends = list(map(_SECOND, named))
        for a, b in found:
            k = bisect_left(starts, b)  # the spans starting before the anaphor ends
            if k and spans[k - 1][1] > a:
                continue  # inside a name
            j = bisect_right(ends, a)
            if not j or a - ends[j - 1] > window:
                continue
            # The firm an anaphor stands for is the one the text is about, not one named as the
            # object of a preposition (尽管A落后于B，但该企业… is A): those are passed over.
            pick = j - 1
            while pick >= 0 and a - named[pick][1] <= window and _governed(norm, named[pick][0]):
                pick -= 1
            if pick < 0 or a - named[pick][1] > window:
                pick = j - 1
            out.append((a, b, named[pick][2]))
    out.extend(pair_anaphors(norm, spans, state, words.get("coreference.pair", ())))
    return sorted(out)


# 双方 / 两家公司 stand for the two firms named last: 英特尔和美光合作多年，双方共同营运一座工厂.
# Each alternative opens with a literal, which the regex engine skips to in C: same matches as
# 双方|(?:这|此)?两家(?:公司|企业)|二者.
_PAIR_ANAPHOR = re.compile(r"双方|这两家(?:公司|企业)|此两家(?:公司|企业)|两家(?:公司|企业)|二者")
_PAIR_ANAPHOR_WORDS = ("双方", "这两家公司", "这两家企业", "此两家公司", "此两家企业", "两家公司", "两家企业", "二者")
# The words each anaphor pattern opens with (every string its match may start with), found by the
# passes' shared keyword scan: the patterns are tried only where these start.
ANAPHOR_WORDS = {"coreference.firm": _ANAPHOR_WORDS, "coreference.chip": _CHIP_ANAPHOR_WORDS,
                 "coreference.fab": _FAB_ANAPHOR_WORDS, "coreference.person": _PERSON_ANAPHOR_WORDS,
                 "coreference.pair": _PAIR_ANAPHOR_WORDS}
PAIR_ANAPHOR_WINDOW = 120


def pair_anaphors(norm: str, spans: list[Span], state: ArticleState, starts: list[int]) -> list[Span]:
    """Each pair anaphor as two mentions over its span, one of each of the last two firms or
    bodies named before it within a window (the relation rules and the coordination pass read
    two names over one span as a list of two). ``starts``: where the words of _PAIR_ANAPHOR start."""
    out: list[Span] = []
    found = list(matches_at(_PAIR_ANAPHOR, norm, starts))
    if not found:
        return out  # most articles
    named = [(s, e, eid) for s, e, eid in spans if state.refs[eid].type in ("Company", "Organization")]
    ends = [e for _, e, _ in named]
    for m in found:
        a, b = m.span()
        # A subject opening its clause (，双方共同营运…) or a demonstrative (这两家公司); inside a
        # clause (限制两家公司取得…) it may count any two firms.
        if not (norm[a] in "这此" or a == 0 or norm[a - 1] in _CLAUSE_BREAK):
            continue
        two: list[str] = []
        for s, e, eid in reversed(named[:bisect_right(ends, a)]):
            if a - e > PAIR_ANAPHOR_WINDOW or len(two) == 2:
                break
            if eid not in two:
                two.append(eid)
        if len(two) == 2:
            out.extend((a, b, eid) for eid in sorted(two))
    return out


# A mention right after one of these is a preposition's object (落后于B, 与B竞争, 比B), not a clause's subject.
_PREPOSITIONS = frozenset("于与同跟比向从对给")


def _governed(norm: str, start: int) -> bool:
    return start > 0 and norm[start - 1] in _PREPOSITIONS
