"""Sentences: the article cut into sentences, each with the mentions the relation and quantity
rules read in it.

A fact is often stated of a subject the clause does not name. Each sentence's topic (the firm,
body or fab it opens with, or the firm whose head, as the catalog knows, opens it: 黄仁勋表示，…)
stands in for it, as a mention the rules read like any other (marked
``coref``, which costs a rule some confidence):
- a clause that continues the sentence (该公司从A采购，并在B建厂) gets a zero-width mention of the
  topic where it opens;
- a sentence that opens with a verb or an adverb instead of a subject (还与三星合资建设新厂。,
  并于德州设厂。) gets one of the previous sentence's topic;
- 其 opening a clause (其客户包括…) is a one-character mention of the topic;
- a section heading naming one firm, body, fab or place (一、英特尔：) is the subject of the first
  sentence below it that does not open with a name.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache, partial
from itertools import compress, count
from operator import itemgetter

import numpy as np

from semikg.extract.passes.context import CatalogContext
from semikg.extract.matcher import surface_forms
from semikg.extract.passes.state import ArticleState, SentenceView
from semikg.extract.relations import SentenceMention
from semikg.extract.sentences import sentences
from semikg.loaders.normalise import code_points, normalise

# Words that open a clause continuing the subject before it: 该公司从A采购, 并在B建厂.
_CONTINUATION = re.compile(r"[,，]\s*(?=(?:并且|而且|同时|随后|此外|并|还|也|且|亦|又|再|将)(?![\ue000]))")
# 也被称为…, 还被列入…: a passive clause's subject is not the sentence's agent.
_PASSIVE = re.compile(r"(?:并且|而且|同时|随后|此外|并|还|也|且|亦|又|再|将)(?:已|曾|将)?(?:被|遭|受)")
# A sentence that opens with one of these and names no subject of its own continues the last one's
# (还与三星合资…, 并于德州设厂, 计划明年投产); 目前/此外 are usually followed by a subject of their own.
_SENTENCE_LEAD = re.compile(r"并且|而且|随后|并|还|也|且|亦|又|再|将|已|拟|预计|计划|正|于|曾")
# 其 as a possessive or subject pronoun (其客户, 其在日本的工厂), not 其中, 其他, 其实, 尤其, nor
# 其背后/其原因 (what lies behind an event, not a firm's).
_ITS = re.compile(r"其(?![中他它实余次后间一]|背后|原因|目的|意图|意义)")
_CLAUSE_BREAK = frozenset(",，;；:：")
_CLAUSE_LINK = frozenset("而并且但")
# Who a sentence is about: a firm, a body or a fab it names near its start...
TOPIC_TYPES = frozenset({"Company", "Organization", "Fab"})
TOPIC_REACH = 24
CLAUSE_SUBJECT_REACH = 6
# ... unless that name is a preposition's object (与三星合资, 向苹果供货) or a source (据台积电).
_GOVERNORS = frozenset("与同跟比向从对给于在为由据被将把和及")
_NOT_PREPOSITIONS = frozenset({"现在", "正在", "实在", "所在", "存在", "认为", "因为"})
_SOURCE_WORDS = ("报导", "报道", "引述", "援引", "消息", "指出", "分析")
_SOURCE = re.compile(r"\s*(?:" + "|".join(_SOURCE_WORDS) + ")")
# The first characters of those words: the pattern is tried only after a name one of them (or a
# space) follows; most names are followed by a verb, a particle or a comma.
_SOURCE_NEXT = frozenset(w[0] for w in _SOURCE_WORDS)

# ``SentenceMention(...)`` without the named tuple's Python-level __new__ (one per mention per
# sentence): tuple.__new__(SentenceMention, all six fields), called directly (a partial's layer cost
# ~10 % of making one).
_tuple_new = tuple.__new__
_new_view = partial(tuple.__new__, SentenceView)

# (start, end, entity id, coref): one mark in a sentence.
Mark = tuple[int, int, str, bool]
_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)


class SentencesPass:
    name = "sentences"

    def __init__(self, ctx: CatalogContext):
        self.ctx = ctx
        # A person the catalog names as the head of one firm speaks for it: 黄仁勋表示，将在台湾扩大投资.
        self.firm_of = {}
        for e in ctx.catalog.entries:
            heads = [ln.object for ln in e.links if ln.predicate == "leads" and ln.object in ctx.entries
                     and ctx.entries[ln.object].type in ("Company", "Organization")]
            if e.type == "Person" and len(heads) == 1:
                self.firm_of[e.id] = heads[0]
        # The first characters of the catalog firms' names: a node or chip opening with none of them
        # has no maker in front, and its prefixes need no look-up.
        self.firm_initials = frozenset(key[0] for e in ctx.catalog.entries if e.id in ctx.company_ids
                                       for form in surface_forms(e) if (key := normalise(form.strip())))
        self.firms = ctx.matcher.keys_of(ctx.company_ids)
        renormalised()  # made with the pass, not in its first article

    def run(self, state: ArticleState) -> None:
        norm = state.norm
        state.sentences = sentences(norm, state.cased)
        marks = sorted([(s, e, eid, False) for s, e, eid in firm_openings(state, self.ctx, self.firm_initials, self.firms)]
                       + [(s, e, eid, True) for s, e, eid in state.corefs])
        mark_starts = list(map(_FIRST, marks))
        # Where no mark reaches past the start of a later one (the rule), the marks ending by a
        # sentence's end are a prefix of those starting in it: found by bisection, not filtered.
        mark_ends = list(map(_SECOND, marks))
        ends_sorted = mark_ends == sorted(mark_ends)
        classes: dict[str, tuple[str, ...]] = {}  # of the entities the views name, found as they come
        refs = state.refs
        headings = section_headings(norm, marks, mark_starts, state)
        last: tuple[int, str | None] = (-1, None)  # where the previous sentence ended, and its topic
        for s0, s1 in state.sentences:
            lo, hi = bisect_left(mark_starts, s0), bisect_left(mark_starts, s1)
            if ends_sorted:
                in_sent = marks[lo:bisect_right(mark_ends, s1, lo, hi)]
            else:
                in_sent = [m for m in marks[lo:hi] if m[1] <= s1]
            # A blank line ends a paragraph, and the subject it was about; a heading opens one about
            # what it names.
            heading = heading_before(norm, s0, headings) if headings else None
            # A sentence with no mark has no topic and no speaker (both are looked for among its marks).
            topic = topic_of(norm, s0, in_sent, state) if in_sent else None
            if topic is None and in_sent:
                topic = self.speaker_firm(norm, s0, in_sent, state)
            if heading is not None and not (in_sent and in_sent[0][0] - s0 <= 1):
                # The paragraph's first sentence does not open with a name: the heading is its subject
                # (美国\n\n聚集了苹果、AMD等公司 is about the United States).
                in_sent.insert(0, (s0, s0, heading, True))
                if state.refs[heading].type in TOPIC_TYPES:
                    topic = heading
            elif topic is None and last[1] is not None and _same_paragraph(norm, last[0], s0) \
                    and opens_without_subject(norm, s0, in_sent, state):
                carried = last[1]
                in_sent.insert(0, (s0, s0, carried, True))
                topic = carried
            if topic is not None:
                in_sent = carry_subject(norm, s0, s1, topic, in_sent, state)
            last = (s1, topic)
            if not in_sent:
                continue  # no mention: no relation, no figure to attach
            for _s, _e, eid, _c in in_sent:
                if eid not in classes:
                    ref = refs.get(eid)
                    if ref is None:  # a speaker's firm the article does not name: named by its stand-ins
                        ref = self.ctx.catalog_ref(eid)
                        state.add_ref(ref)
                    classes[eid] = self.ctx.classes(ref)
            ms = [_tuple_new(SentenceMention, (i, eid, s, e, classes[eid], coref)) for i, (s, e, eid, coref) in enumerate(in_sent)]
            state.views.append(_new_view((s0, s1, ms)))

    def speaker_firm(self, norm: str, s0: int, in_sent: list[Mark], state: ArticleState) -> str | None:
        """The firm a sentence's opening speaker heads (黄仁勋表示，… speaks for NVIDIA), if the catalog
        names one."""
        for s, _e, eid, _c in in_sent:
            if s - s0 > TOPIC_REACH:
                return None
            if state.refs[eid].type == "Place" or _governed(norm, s, s0):
                continue
            return self.firm_of.get(eid) if state.refs[eid].type == "Person" else None
        return None


# A node or product the catalog names with its maker in front (台积电N2, 英特尔18A): the maker is
# the clause's agent (台积电N2获得苹果订单), so the rules see two mentions, maker then node.
_MAKER_LED = frozenset({"ProcessNode", "Chip"})
_MAX_MAKER_CHARS = 12


def firm_openings(state: ArticleState, ctx: CatalogContext, initials: frozenset[str] | None = None,
                  firms: dict[str, str] | None = None) -> list:
    """The article's spans with every maker-led node or chip split into the maker and the rest;
    the maker is then named by the article (a nested mention). ``initials``, if given, holds the
    first character of every catalog firm's name; ``firms``, if given, the catalog firms by their
    keys (``CatalogMatcher.keys_of``)."""
    # The article's nodes and chips (a firm's ref added below is neither).
    led = {eid for eid, ref in state.refs.items() if ref.type in _MAKER_LED}
    if not led:
        return list(state.spans)
    spans, norm = state.spans, state.norm
    unstable = renormalised() if firms is not None else None
    out, named, done = [], set(state.nested), 0
    # Only the spans of nodes and chips are looked at (found in C): the others are copied as they are.
    for i in compress(count(), map(led.__contains__, map(_THIRD, spans))):
        s, e, eid = spans[i]
        if e - s <= 2:
            continue
        firm = None
        if unstable is not None and unstable.isdisjoint(norm[s:e]):
            # Normalised text that normalising leaves as it is (all but a rare character): its
            # prefixes are the firms' keys as they stand, looked up without normalising each again.
            if initials is None or norm[s] in initials or norm[s].isspace():
                for k in range(min(e - s - 1, _MAX_MAKER_CHARS), 1, -1):
                    firm = firms.get(norm[s:s + k].strip())
                    if firm is not None:
                        break
        elif initials is None or norm[s].isspace() or normalise(norm[s]) in initials:
            for k in range(min(e - s - 1, _MAX_MAKER_CHARS), 1, -1):
                firm = ctx.matcher.lookup(norm[s:s + k])
                if firm is not None and firm in ctx.company_ids:
                    break
                firm = None
        if firm is None:
            continue
        while norm[s + k - 1].isspace():
            k -= 1  # Intel 18A: the space is no part of the maker's name
        if firm not in state.refs:
            state.refs[firm] = ctx.catalog_ref(firm)
        if (s, s + k, firm) not in named:
            state.nested.append((s, s + k, firm))
        out += spans[done:i]
        out.append((s, s + k, firm))
        s += k
        while s < e and norm[s].isspace():
            s += 1
        out.append((s, e, eid))
        done = i + 1
    return out + spans[done:] if done else list(spans)


@lru_cache(maxsize=1)
def renormalised() -> frozenset[str]:
    """The characters of normalised text that normalising changes again (苧, which 薴 becomes,
    becomes 苎): text holding none of them is its own normal form."""
    once = normalise("".join(map(chr, range(0x10000))))
    twice = normalise(once)
    return frozenset(once[i] for i in np.flatnonzero(code_points(once) != code_points(twice)).tolist())


# A section heading: a short line of its own (a number or 一、 before it, a colon after it) that
# names one firm, body, fab or place, the topic of the paragraph below it.
_HEADING_NUMBER = re.compile(r"\s*(?:[一二三四五六七八九十]+\s*[、.]|\d{1,2}\s*[、.]|\(\w{1,2}\)|#+)?\s*")
HEADING_MAX = 16
_SENTENCE_END = "。.!?;"


def section_headings(norm: str, marks: list[Mark], mark_starts: list[int], state: ArticleState) -> dict[int, str]:
    """The entity each heading line names, by the position of the newline that ends the line."""
    out: dict[int, str] = {}
    # Each line [a, b) that a newline ends (the last line heads nothing), found by str.find: a regex
    # for a line tested every character against its class.
    b = -1
    while (b := norm.find("\n", (a := b + 1))) >= 0:
        if a == b or norm[b - 1] in _SENTENCE_END:
            continue  # an empty line; a sentence is no heading
        body_start = _HEADING_NUMBER.match(norm, a).end()
        body = norm[body_start:b].strip().rstrip(":").strip()
        if not body or len(body) > HEADING_MAX:
            continue
        named = [m for m in marks[bisect_left(mark_starts, a):bisect_left(mark_starts, b)] if m[1] > m[0]]
        ids = {m[2] for m in named}
        if len(ids) != 1 or sum(m[1] - m[0] for m in named) * 2 < len(body):
            continue  # a heading names one thing, and mostly that: 台积电 or 亚利桑那州, not 台积电的未来
        eid = ids.pop()
        if state.refs[eid].type in TOPIC_TYPES or state.refs[eid].type == "Place":
            out[a + len(norm[a:b].rstrip())] = eid
    return out


def _same_paragraph(norm: str, end: int, s0: int) -> bool:
    """Whether a sentence starting at ``s0`` is in the paragraph of the one ending at ``end``:
    no blank line between them."""
    gap = norm[end:s0]
    return "\n" not in gap or "\n\n" not in gap.replace(" ", "")


def heading_before(norm: str, s0: int, headings: dict[int, str]) -> str | None:
    """What the heading right above a sentence opening a line names, if there is one."""
    if not headings:
        return None
    k = s0
    while k > 0 and norm[k - 1].isspace():
        k -= 1
    return headings.get(k) if "\n" in norm[k:s0] else None


def _governed(norm: str, start: int, s0: int) -> bool:
    if start <= s0 or norm[start - 1] not in _GOVERNORS:
        return False
    # 现在/正在 are adverbs, 认为 a verb: in 现在台积电向苹果供货, 认为三星将… the firm is a subject.
    return not (start - 2 >= s0 and norm[start - 2:start] in _NOT_PREPOSITIONS)


def topic_of(norm: str, s0: int, in_sent: list[Mark], state: ArticleState) -> str | None:
    """The firm, body or fab a sentence opens with, as its subject: the first name near the start
    that is no place (美国英特尔), no preposition's object and no news source (彭博报导，…), if it is
    of a topic type."""
    refs = state.refs
    for s, e, eid, _coref in in_sent:
        if s - s0 > TOPIC_REACH:
            break
        t = refs[eid].type
        # _governed's first test inlined: most names follow no preposition.
        if t == "Place" or s > s0 and norm[s - 1] in _GOVERNORS and _governed(norm, s, s0):
            continue
        if ((c := norm[e:e + 1]) in _SOURCE_NEXT or c.isspace()) and _SOURCE.match(norm, e):
            return None
        return eid if t in TOPIC_TYPES else None
    return None


def opens_without_subject(norm: str, s0: int, in_sent: list[Mark], state: ArticleState) -> bool:
    """Whether a sentence opens with a verb or adverb (还与…, 并于…, 将投资…) and names no subject
    of its own before its first clause break."""
    if not _SENTENCE_LEAD.match(norm, s0):
        return False
    return not any(state.refs[eid].type in TOPIC_TYPES and not _governed(norm, s, s0)
                   for s, _e, eid, _c in in_sent if s - s0 <= TOPIC_REACH)


def _in_brackets(norm: str, s0: int, pos: int) -> bool:
    """Whether ``pos`` is inside a parenthesis opened earlier in the sentence (即CMC清单,也被称为…)."""
    text = norm[s0:pos]
    return text.count("(") > text.count(")")


def clause_subject(norm: str, s0: int, pos: int, in_sent: list[Mark], topic: str, state: ArticleState) -> str:
    """Who 其 opening the clause at ``pos`` stands for: the firm the clause before it opens with, if
    it names one (英伟达推出新品，AMD也在发力，其MI300系列… is AMD's), else the sentence's topic."""
    end = pos - 1  # the clause break before 其
    start = end
    while start > s0 and norm[start - 1] not in _CLAUSE_BREAK:
        start -= 1
    for s, e, eid, _coref in in_sent:
        if s < start or e <= s:
            continue
        if s >= min(end, start + CLAUSE_SUBJECT_REACH):
            break
        t = state.refs[eid].type
        if t == "Place" or _governed(norm, s, start):
            continue
        return eid if t in TOPIC_TYPES else topic
    return topic


def carry_subject(norm: str, s0: int, s1: int, topic: str, in_sent: list[Mark], state: ArticleState) -> list[Mark]:
    """The sentence's marks with its topic added where a continuing clause opens (zero width) and
    at each 其 opening a clause."""
    # Most sentences have neither (a search each, in C, before anything is made for them).
    cont = _CONTINUATION.search(norm, s0, s1)
    if cont is None and norm.find("其", s0, s1) < 0:
        return in_sent
    first_end = next((e for s, e, eid, _c in in_sent if eid == topic), s0)
    extra: list[Mark] = []
    for m in _CONTINUATION.finditer(norm, cont.start(), s1) if cont is not None else ():
        pos = m.end()
        if pos > first_end and not any(s <= pos < e for s, e, _, _ in in_sent) \
                and not _PASSIVE.match(norm, pos) and not _in_brackets(norm, s0, pos):
            extra.append((pos, pos, topic, True))
    for m in (_ITS.finditer(norm, s0, s1) if norm.find("其", s0, s1) >= 0 else ()):  # most sentences hold no 其
        i = m.start()
        before = i - 1 if i > s0 and norm[i - 1] in _CLAUSE_LINK else i
        if (before == s0 or norm[before - 1] in _CLAUSE_BREAK) and i >= first_end \
                and not any(s <= i < e for s, e, _, _ in in_sent):
            extra.append((i, i + 1, clause_subject(norm, s0, before, in_sent, topic, state), True))
    return sorted(in_sent + extra) if extra else in_sent
