"""Relation extraction: typed trigger rules (semikg/extract/relations.yaml) over sentences.

Each sentence is rewritten as a token string where every mention is one token carrying its
classes; rules are regular expressions over that string. Rules name the classes, as if a token read
``\\ue0003:|Company|Foundry|Agent|Entity|\\ue001``, and test one with ``\\|Place\\|`` or
``\\|(?:Company|Fab)\\|``. A token holds each class as one private-use character (``CLASS_MARKS``)
and a compiled rule tests that character or a set of them (``class_marks_in``): a class test reads a
few characters, not a list of names. Domain and range come from the ontology, as the generated SHACL
shapes do, so a rule can never emit a relation the validator would reject.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict

from semikg.errors import SemikgError
from semikg.keywords import KeywordIndex

try:  # the standard library's regex parser: re._parser from Python 3.11 on, sre_parse before it
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre
    import sre_parse as _sre_parse
from semikg.models import Status
from semikg.ontology import RELATIONS, SKG
from semikg.ontology.classes import ontology_classes, shape_constraints

TOK_OPEN, TOK_CLOSE = "\ue000", "\ue001"
# Each ontology class as one character in a mention's token (after its marks, in the private-use area).
CLASS_MARKS: dict[str, str] = {c: chr(0xE100 + i) for i, c in enumerate(ontology_classes())}
# A class test as rules write it: |Place| or |(?:Company|Fab)|, bars escaped.
_CLASS_TEST = re.compile(r"\\\|(?:\(\?:([A-Za-z]+(?:\|[A-Za-z]+)*)\)|([A-Za-z]+))\\\|")
_SENT_END = "。!?！？;；\n"


class RuleSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str
    predicate: str
    pattern: str
    confidence: float | None = None
    # The relation is background inside a noun phrase (荷兰ASML, 美国企业AMD): a hedge on the
    # sentence's news (传 AMD 将与台积电合资) does not make it rumoured.
    presupposed: bool = False
    # Sentences written for the rule that it must fire on (tests/extract/test_rule_examples.py).
    examples: tuple[str, ...] = ()


class RuleFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    defaults: dict[str, float]
    hedges: dict[str, tuple[str, ...]]
    negations: tuple[str, ...]
    rules: tuple[RuleSpec, ...]


@dataclass(frozen=True)
class CompiledRule:
    id: str
    predicate: str
    regex: re.Pattern
    confidence: float
    subject_classes: tuple[str, ...]
    object_classes: tuple[str, ...]
    triggers: frozenset[str] | None  # literal trigger words; None: the rule must always run
    presupposed: bool = False
    source: str = ""  # the rule file it comes from: an engine over several files tells their findings apart
    # Beyond the trigger, groups of words every match holds one of (向|为|给 of A向B供应): the rule is
    # not run on a sentence lacking all words of a group (see required_literals).
    required: tuple[frozenset[str], ...] = ()
    # "SO" when every match holds the subject's token before the object's, "OS" when after, None
    # when not known (see slot_order).
    order: str | None = None


_META = set(".^$*+?{}[]\\|()")


def literal_triggers(pattern: str) -> frozenset[str] | None:
    """The literal alternatives of the (?P<T>...) group, or None if any is not a plain literal."""
    start = pattern.find("(?P<T>")
    if start < 0:
        return None
    depth, i, body = 1, start + len("(?P<T>"), []
    while i < len(pattern) and depth:
        c = pattern[i]
        depth += (c == "(") - (c == ")")
        if depth:
            body.append(c)
        i += 1
    if i < len(pattern) and pattern[i] in "?*":
        return None  # an optional trigger: the rule can match without any of them
    alts = "".join(body).split("|")
    if not alts or any(not a or any(ch in _META for ch in a) for a in alts):
        return None
    return frozenset(alts)


# What a mention token is written with (its marks and class marks, index digits, ':'), and what a
# rule's class test is written with before it becomes class marks ('|', class names): a literal
# holding one of these can match inside a token, so the sentence's own words say nothing of it.
_TOKEN_CHARS = re.compile(r"[\ue000-\uf8ff0-9:|A-Za-z]")


# The last pattern parsed, with its parse: compile_rule reads two things off one parse. Only the
# last is kept: every kept parse tree is work for each garbage collection from then on.
_LAST_PARSE: list = [None, None]


def _parsed(pattern: str, flags: int = 0):
    """The parsed pattern (read, never changed)."""
    if _LAST_PARSE[0] != (pattern, flags):
        _LAST_PARSE[:] = [(pattern, flags), _sre_parse.parse(pattern, flags)]
    return _LAST_PARSE[1]


@lru_cache(maxsize=None)
def required_literals(pattern: str, flags: int = 0) -> tuple[frozenset[str], ...]:
    """Groups of words of which every match of the pattern holds one each (a group is a literal
    run, or literal alternatives such as 向|为|给), read off the parsed pattern: its literal runs,
    groups, branches whose every alternative holds a group, literal character sets and the bodies
    of repeats that run at least once. Lookarounds, optional parts and case-folded parts say
    nothing. A sentence that lacks every word of one group cannot match the pattern."""
    try:
        parsed = _parsed(pattern, flags)
    except Exception:  # a pattern the parser of this Python reads differently: no requirement
        return ()
    if (flags | parsed.state.flags) & re.IGNORECASE:
        return ()
    return tuple(dict.fromkeys(_required(parsed)))


def _required(items, excluded: re.Pattern = _TOKEN_CHARS) -> list[frozenset[str]]:
    groups: list[frozenset[str]] = []
    run: list[str] = []

    def add(words: frozenset[str]) -> None:
        if words and not any(excluded.search(w) for w in words):
            groups.append(words)

    for op, av in items:
        if op is _sre.LITERAL and not excluded.match(chr(av)):
            run.append(chr(av))
            continue
        add(frozenset(("".join(run),)) if run else frozenset())
        run = []
        if op is _sre.SUBPATTERN and not av[1] & _sre.SRE_FLAG_IGNORECASE:
            groups.extend(_required(av[3], excluded))
        elif op is _sre.BRANCH:
            picks = _one_group_each([_required(alt, excluded) for alt in av[1]])
            if picks is not None:
                add(picks)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            groups.extend(_required(av[2], excluded))
        elif op is _sre.IN and all(o is _sre.LITERAL for o, _ in av):
            add(frozenset(chr(c) for _, c in av))
    add(frozenset(("".join(run),)) if run else frozenset())
    return groups


def _one_group_each(alternatives: list[list[frozenset[str]]]) -> frozenset[str] | None:
    """Words one of which every match of a branch holds: every alternative must hold a group, one
    is taken from each (the one whose shortest word is longest), and a match holds a word of their
    union. None when some alternative holds no group."""
    picks = [max(g, key=lambda w: min(map(len, w)), default=None) for g in alternatives]
    return frozenset().union(*picks) if all(picks) else None


# Nothing is left out of a hedge word: hedges are read from the sentence itself, not a token string.
_NO_CHARS = re.compile(r"(?!)")


def cue_words(pattern: str) -> tuple[str, ...] | None:
    """Words one of which every match of ``pattern`` holds, none holding another (a word that holds
    another is found wherever it is); None when the pattern says no such thing. ``any(w in text
    ...)`` is then false only for a text the pattern cannot match: a cheap test before the search."""
    try:
        parsed = _sre_parse.parse(pattern)
    except Exception:
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    items = list(parsed)
    alternatives = items[0][1][1] if len(items) == 1 and items[0][0] is _sre.BRANCH else [items]
    words = _one_group_each([_required(alt, _NO_CHARS) for alt in alternatives])
    if words is None:
        return None
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


_LOOKAROUNDS = (_sre.ASSERT, _sre.ASSERT_NOT)
# The items that may hold a group: a rule's pattern is mostly literals, passed over at once.
_NESTING = frozenset(op for op in (_sre.SUBPATTERN, _sre.BRANCH, _sre.MAX_REPEAT, _sre.MIN_REPEAT, *_LOOKAROUNDS,
                                   _sre.GROUPREF_EXISTS, getattr(_sre, "POSSESSIVE_REPEAT", None),
                                   getattr(_sre, "ATOMIC_GROUP", None)) if op is not None)


def _groups_in(items) -> set[int]:
    """The numbers of the capturing groups anywhere in parsed pattern items."""
    out: set[int] = set()
    # a parsed pattern's list itself: iterating the parser's object calls its __getitem__ per item
    for op, av in getattr(items, "data", items):
        if op is _sre.SUBPATTERN:
            if av[0] is not None:
                out.add(av[0])
            out |= _groups_in(av[3])
        elif op is _sre.BRANCH:
            for alt in av[1]:
                out |= _groups_in(alt)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) or op is getattr(_sre, "POSSESSIVE_REPEAT", None):
            out |= _groups_in(av[2])
        elif op in _LOOKAROUNDS:
            out |= _groups_in(av[1])
        elif op is _sre.GROUPREF_EXISTS:
            out |= _groups_in(av[1]) | (_groups_in(av[2]) if av[2] else set())
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            out |= _groups_in(av)
    return out


def _order_in(items, s: int, o: int) -> str | None:
    first = second = None
    for k, item in enumerate(getattr(items, "data", items)):
        op, av = item
        if op not in _NESTING:
            continue
        got = _groups_in((item,))
        if s not in got and o not in got:
            continue
        if op in _LOOKAROUNDS:
            return None  # a slot inside a look-around may stand anywhere
        if s in got and o in got:
            return _order_in(av[3], s, o) if op is _sre.SUBPATTERN else None
        if s in got:
            first = k
        else:
            second = k
    if first is None or second is None:
        return None
    return "SO" if first < second else "OS"


def slot_order(pattern: str) -> str | None:
    """"SO" when every match of the pattern (both groups S and O take part in each) holds group S
    before group O, "OS" when after, None when the pattern does not say (a group inside a
    look-around, or both inside one branch or repeat). Items of a sequence match one after another,
    each over its own stretch of text: a group in an earlier item than the other's, outside
    look-arounds, stands before it."""
    try:
        parsed = _parsed(pattern, 0)  # the arguments required_literals parses it with: one parse
    except Exception:  # a pattern the parser of this Python reads differently: no order
        return None
    groups = parsed.state.groupdict
    if "S" not in groups or "O" not in groups:
        return None
    return _order_in(parsed, groups["S"], groups["O"])


def _any_text(m: re.Match) -> str:
    """A macro as any text; a slot as a group of that name holding it."""
    kind = m.group(1)
    return rf"(?P<{kind}>[\s\S]*)" if kind in ("S", "O") else r"[\s\S]*"


class SentenceMention(NamedTuple):
    """One mention as a rule sees it (a named tuple: one is made per mention per sentence)."""

    index: int
    entity_id: str
    start: int  # article-relative normalised/original offset
    end: int
    classes: tuple[str, ...]
    coref: bool = False  # stands for an anaphor (该公司) resolved to the last company named


class FoundRelation(NamedTuple):
    """One relation a rule or the pair scorer finds in a sentence (a named tuple: a sentence makes
    one per pair a rule links, and a tuple is made ~3x faster than a frozen dataclass)."""

    subject: str
    predicate: str
    object: str
    rule: str
    confidence: float
    status: Status
    trigger: str | None


# A name may be followed by its own translation in brackets: Fremont(弗里蒙特), 奥尔巴尼(Albany).
_GLOSSED = (rf"(?:\s?[(（](?:{TOK_OPEN}[^{TOK_CLOSE}]*{TOK_CLOSE}"
            rf"|[^()（）{TOK_OPEN}{TOK_CLOSE}{re.escape(_SENT_END)}]{{1,24}})[)）])?")


def expand_macro(m: re.Match) -> str:
    kind, arg = m.group(1), m.group(2)
    if kind in ("S", "O"):
        classes = "|".join(re.escape(c) for c in arg.split("/"))
        slot = rf"(?P<{kind}>\d+):(?=[^{TOK_CLOSE}]*\|(?:{classes})\|)[^{TOK_CLOSE}]*{TOK_CLOSE}"
        if "Place" not in arg.split("/") and "Country" not in arg.split("/"):
            # A nationality in front of a name (荷兰ASML, 美国的英伟达) does not break the slot.
            # (?:<place>的?)?<slot> with the opening mark of both written once, first: a pattern
            # that opens with a literal is skipped to in C, not tried at every position.
            token = rf"{TOK_OPEN}(?:{_PLACE_TOKEN_REST}(?:的)?{TOK_OPEN})?" + slot
        else:
            token = TOK_OPEN + slot
        token += _GLOSSED
        if kind == "O" and "Place" in arg.split("/"):
            # A chain of places (佛罗里达州坦帕(Tampa)): the slot is the first, the places pass adds the rest.
            token += rf"(?:{TOK_OPEN}{_PLACE_TOKEN_REST}{_GLOSSED})*"
        if kind == "O":
            # An object slot takes a coordinated list (A、B 和 C); the extra members are added
            # after matching, each checked against the rule's range. Lazily: only as far as the
            # rest of the pattern needs, so that a match does not swallow the next clause's subject.
            token += rf"(?:\s*(?:、|,|，|和|与|及|以及|跟|/|&|and|or)\s*{TOK_OPEN}[^{TOK_CLOSE}]*{TOK_CLOSE}{_GLOSSED})*?"
        return token
    if kind == "M":
        # An optional mention that is neither slot, and a few characters after it: the maker in
        # 采用台积电N3P工艺, 采用纳光科技自研的硅光子技术.
        classes = "|".join(re.escape(c) for c in arg.split("/"))
        return (rf"(?:{TOK_OPEN}\d+:(?=[^{TOK_CLOSE}]*\|(?:{classes})\|)[^{TOK_CLOSE}]*{TOK_CLOSE}{_GLOSSED}"
                rf"[^{TOK_OPEN}{TOK_CLOSE}{re.escape(_SENT_END)},，]{{0,4}}?)?")
    if kind == "g":
        n = int(arg) if arg else 12
        return rf"[^{TOK_OPEN}{TOK_CLOSE}{re.escape(_SENT_END)}]{{0,{n}}}?"
    if kind == "c":
        # A gap that stays inside one clause: no mention, no comma, colon or semicolon.
        n = int(arg) if arg else 6
        return rf"[^{TOK_OPEN}{TOK_CLOSE}{re.escape(_SENT_END)},，:：、]{{0,{n}}}?"
    if kind == "x":
        # A wide gap whose mentions are none of the given classes: {x:30:Chip} lets 采用纳光科技自研的
        # 硅光子技术，计划由 stand between a chip and its maker, but not another chip.
        n, _, banned = arg.partition(":")
        classes = "|".join(re.escape(c) for c in banned.split("/"))
        token = rf"{TOK_OPEN}(?![^{TOK_CLOSE}]*\|(?:{classes})\|)[^{TOK_CLOSE}]*{TOK_CLOSE}"
        return rf"(?:[^{TOK_OPEN}{re.escape(_SENT_END)}]|{token}){{0,{int(n)}}}?"
    if kind == "w":
        # A mention token counts as one character here, however long its class list is.
        n = int(arg) if arg else 30
        return rf"(?:[^{TOK_OPEN}{re.escape(_SENT_END)}]|{TOK_OPEN}[^{TOK_CLOSE}]*{TOK_CLOSE}){{0,{n}}}?"
    raise ValueError(kind)


# A place's mention token, after its opening mark.
_PLACE_TOKEN_REST = rf"\d+:(?=[^{TOK_CLOSE}]*\|Place\|)[^{TOK_CLOSE}]*{TOK_CLOSE}"
MACRO = re.compile(r"\{([SOMgwcx])(?::([A-Za-z/0-9:]+))?\}")


def _group_end(pattern: str, i: int) -> int:
    """The index after the group that opens at ``pattern[i]``."""
    depth, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern.startswith("]", i + 1) or pattern.startswith("^]", i + 1):
                i += 1 + (pattern[i + 1] == "^")  # a ] first in a class is a literal
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unbalanced group")


def class_marks_in(pattern: str) -> str:
    """The pattern with each class test written as the classes' marks (see CLASS_MARKS):
    ``\\|Place\\|`` as Place's mark, ``\\|(?:Company|Fab)\\|`` as a set of two marks."""
    def marks(m: re.Match) -> str:
        names = (m.group(1) or m.group(2)).split("|")
        unknown = [n for n in names if n not in CLASS_MARKS]
        if unknown:
            raise ValueError(f"unknown ontology class {unknown[0]!r} in a class test")
        chars = "".join(CLASS_MARKS[n] for n in names)
        return chars if len(chars) == 1 else f"[{chars}]"
    return _CLASS_TEST.sub(marks, pattern)


def mark_first(pattern: str) -> str:
    """The same pattern opening with its first mention token's mark instead of look-behinds.

    A pattern that opens with a look-behind (不在…之后的 {O:Place}: ``(?<![在…])\ue000…``) is tried
    at every position of the token string; one that opens with a literal is skipped to it in C.
    ``(?<!B)(?P<T>)\ue000`` and ``(?P<T>)\ue000(?<!(?:B)\ue000)`` match the same strings with the
    same groups: the mark is where the look-behind stood, so the look-behind ends one character later."""
    looks, i = [], 0
    while pattern.startswith(("(?<!", "(?<="), i):
        end = _group_end(pattern, i)
        looks.append((pattern[i:i + 4], pattern[i + 4:end - 1]))
        i = end
    if not looks:
        return pattern
    lead = "(?P<T>)" if pattern.startswith("(?P<T>)", i) else ""
    i += len(lead)
    if not pattern.startswith(TOK_OPEN, i):
        return pattern
    return lead + TOK_OPEN + "".join(f"{kind}(?:{body}){TOK_OPEN})" for kind, body in looks) + pattern[i + 1:]


@lru_cache(maxsize=1)
def rule_file() -> RuleFile:
    text = (resources.files("semikg.extract") / "relations.yaml").read_text(encoding="utf-8")
    return RuleFile(**yaml.safe_load(text))


def compile_rule(source: str, r, confidence: float) -> CompiledRule:
    """One YAML rule checked against the vocabulary and compiled; ``source`` names its file in errors."""
    if r.predicate not in RELATIONS:
        raise SemikgError(f"{source}: rule {r.id}: unknown predicate {r.predicate!r}")
    getattr(SKG, r.predicate)  # the vocabulary must know it
    classes = {k: tuple(v.split("/")) for k, v in re.findall(r"\{([SO]):([A-Za-z/]+)\}", r.pattern)}
    try:
        regex = re.compile(class_marks_in(mark_first(MACRO.sub(expand_macro, r.pattern))))
    except (re.error, ValueError) as e:
        raise SemikgError(f"{source}: rule {r.id}: bad pattern: {e}") from None
    if "S" not in regex.groupindex or "O" not in regex.groupindex:
        raise SemikgError(f"{source}: rule {r.id}: pattern needs {{S:...}} and {{O:...}}")
    triggers = literal_triggers(r.pattern)
    # Read off the pattern with each macro standing for any text: it matches whatever the rule
    # matches, so the words it requires the rule requires too (and it parses ~5x faster). A slot
    # is a group of its name there: a macro expands in its place, its slot's group outside
    # look-arounds, so the slots stand in the order the expanded pattern holds them in
    # (tests/extract/test_rule_scan.py).
    short = MACRO.sub(_any_text, r.pattern)
    required = tuple(g for g in required_literals(short) if g != triggers)
    order = slot_order(short)
    return CompiledRule(r.id, r.predicate, regex, confidence, classes.get("S", ()), classes.get("O", ()),
                        triggers, r.presupposed, source, required, order)


@lru_cache(maxsize=1)
def compiled_rules() -> tuple[CompiledRule, ...]:
    rf = rule_file()
    return tuple(compile_rule("relations.yaml", r, r.confidence or rf.defaults.get("confidence", 0.7))
                 for r in rf.rules)


@lru_cache(maxsize=1)
def _hedges() -> tuple[tuple[Status, re.Pattern, re.Pattern | None], ...]:
    # A key may carry a tag after a colon (planned:future): the same status, checked at its place.
    # Most texts hold none of a status's cue words: its search, tried at every position where an
    # alternative opens with a look-behind or ^, is skipped for them.
    out = []
    for k, v in rule_file().hedges.items():
        cues = cue_words("|".join(v))
        # The cue words as one alternation of plain words: searched in C from the characters they
        # open with, much cheaper than the hedge pattern (and than a Python loop over the words).
        out.append((Status(k.partition(":")[0]), re.compile("|".join(v)),
                    re.compile("|".join(map(re.escape, cues))) if cues else None))
    return tuple(out)


@lru_cache(maxsize=1)
def negation() -> re.Pattern:
    return re.compile("|".join(re.escape(n) for n in rule_file().negations))


@lru_cache(maxsize=1)
def _any_hedge_cue() -> re.Pattern | None:
    """Every status's cue words as one alternation, when every status has some: a text holding
    none of them is stated, found with one search instead of one per status (most texts)."""
    hedges = _hedges()
    if any(cues is None for _, _, cues in hedges):
        return None
    return re.compile("|".join(cues.pattern for _, _, cues in hedges))


def first_hedge_cue(text: str) -> int:
    """Where the first hedge cue word of ``text`` starts (its length if none; -1 if some status
    has no cue words): a prefix ending at or before it is stated, with or without its mentions
    blanked (blanking only takes words away), so the blanked text need not be made for it."""
    any_cue = _any_hedge_cue()
    if any_cue is None:
        return -1
    m = any_cue.search(text)
    return len(text) if m is None else m.start()


def hedge_status(text: str) -> Status:
    any_cue = _any_hedge_cue()
    if any_cue is not None and any_cue.search(text) is None:
        return Status.stated
    for status, rx, cues in _hedges():
        if cues is not None and cues.search(text) is None:
            continue
        if rx.search(text):
            return status
    return Status.stated


_SAME_KIND = {
    "successorOf": frozenset({"Chip", "ProcessNode", "Technology", "Equipment", "Policy"}),
    "competesWith": frozenset({"Agent", "Chip", "ProcessNode", "Technology", "Equipment", "Place"}),
}
# Coordinated mentions: separated by a conjunction, optionally after an abbreviation in brackets
# or a head noun shared by the list (RibbonFET(GAA)晶体管和PowerVia, A芯片和B, A公司，以及B公司).
_HEAD_NOUNS = "技术|工艺|晶体管|芯片|架构|封装|平台|系列|处理器|产品|公司|集团|工厂|设备|材料|方案|解决方案"
_COORD = re.compile(
    r"^\s*(?:[(（][^)）]{0,12}[)）])?\s*[)）]?\s*"
    r"(?:(?:、|,|，|和|与|及|以及|跟|/|&|and|or|或|、以及|[,，]\s*(?:以及|及)|)"
    rf"|(?:{_HEAD_NOUNS})\s*(?:、|和|与|及|以及|/|&|[,，]\s*(?:以及|及)))"
    # a role noun before a bracketed name: 设备商(ASML)、材料商(信越化学)
    r"\s*(?:[\u4e00-\u9fffA-Za-z]{1,4}\s*[(（])?\s*$"
    # an enumeration naming each firm's kind: IDM企业A、封测企业B、EDA企业C
    r"|^\s*、\s*[\u4e00-\u9fffA-Za-z]{1,4}(?:企业|厂商)\s*$")


_BLANK = "\ue002"


def mask_mentions(sentence: str, offset: int, mentions: list[SentenceMention]) -> str:
    """The sentence with every mention blanked: a hedge word inside a name (创世纪计划, 五年规划)
    hedges nothing."""
    parts, pos = [], 0
    for m in mentions:
        s, e = m.start - offset, m.end - offset
        if s >= pos:
            parts.append(sentence[pos:s])
            parts.append(_BLANK * (e - s))
            pos = e
    parts.append(sentence[pos:])
    return "".join(parts)


_GENERIC = frozenset({"Agent", "Entity"})


def same_kind(a: SentenceMention, b: SentenceMention) -> bool:
    """Whether two mentions share a class more specific than Entity or Agent."""
    return bool(set(a.classes).intersection(b.classes) - _GENERIC)


@lru_cache(maxsize=256)
def slot_set_of(slot: tuple[str, ...]) -> frozenset[str]:
    return frozenset(slot)


_SYMMETRIC = frozenset({"partnersWith", "competesWith"})
# A subject right after one of these is a preposition's object (与B竞争, 落后于B, 比B), not the actor.
_SUBJECT_PREPOSITIONS = frozenset("与同跟于比")


def after_preposition(sentence: str, offset: int, mentions: list[SentenceMention], i: int) -> bool:
    """Whether mention i follows a preposition (spaces between allowed: 与 NVIDIA): 与 after a
    mention (Arm与Ansys) joins a list instead."""
    pos = mentions[i].start - offset
    while pos > 0 and sentence[pos - 1] in " \u3000":
        pos -= 1
    if pos <= 0 or sentence[pos - 1] not in _SUBJECT_PREPOSITIONS:
        return False
    return not (i and mentions[i - 1].end - offset == pos - 1 and sentence[pos - 1] in "与同跟")


_GLOSS_OPEN = re.compile(r"^\s*[(（]\s*$")
_PREPOSITION_GAP = re.compile(r"^\s*(?:与|跟|同)\s*$")
# What the text between two mentions is (RelationExtractor._find): a gloss bracket between two
# names of one entity, the end of a list, or a list's joint, with what else it says as bits.
_GAP_GLOSS, _GAP_END, _GAP_LIST = -1, 0, 1
_GAP_PREPOSITION, _GAP_ENUMERATION, _GAP_SPLIT = 2, 4, 8

_PLAN_CACHE = 4096


# A mention's token, by its place in the sentence and its classes: the classes come from the
# ontology (a few dozen tuples), so tokens repeat across sentences and are made once.
_TOKENS: dict[tuple[int, tuple[str, ...]], str] = {}


def _token(i: int, classes: tuple[str, ...]) -> str:
    tok = _TOKENS.get((i, classes))
    if tok is None:
        tok = f"{TOK_OPEN}{i}:{''.join(CLASS_MARKS[c] for c in classes)}{TOK_CLOSE}"
        if len(_TOKENS) < 65536:
            _TOKENS[(i, classes)] = tok
    return tok


def token_parts(sentence: str, offset: int, mentions: list[SentenceMention]) -> list[str]:
    """The token string in parts: part 2i+1 is mention i's token, part 2i the sentence's text
    before it (from the end of mention i-1; empty where they touch or overlap), the last part the
    text after the last mention. Fixed places: a match's positions map back to the sentence, and
    the text between two mentions is read, with no map of segments made."""
    parts = []
    pos = 0
    get = _TOKENS.get
    for i, m in enumerate(mentions):
        parts += (sentence[pos:m.start - offset], get((i, m.classes)) or _token(i, m.classes))
        pos = m.end - offset
    parts.append(sentence[pos:])
    return parts


def token_text(sentence: str, offset: int, mentions: list[SentenceMention]) -> str:
    """What the patterns run over: the sentence with every mention one token."""
    return "".join(token_parts(sentence, offset, mentions))


class _View:
    """What the rule engines read of one sentence view, each part worked out on first use."""

    __slots__ = ("sentence", "offset", "mentions", "present", "parts", "text", "masked")

    def __init__(self, sentence: str, offset: int, mentions: list[SentenceMention]):
        self.sentence, self.offset, self.mentions = sentence, offset, mentions
        self.present: frozenset[str] | None = None
        self.parts: list[str] | None = None
        self.text: str | None = None
        self.masked: str | None = None

    @property
    def classes(self) -> frozenset[str]:
        """Every class a mention of the view carries (the engines plan with the classes' order instead)."""
        return frozenset().union(*(m.classes for m in self.mentions))


class RuleScan:
    """The trigger words of every engine built with it, found in one keyword scan per sentence
    view, and the view's mention classes and token string, each worked out on first use.

    A view is made afresh for each call and never remembered: the rule book reads each sentence
    view once for every rule file, and nothing carries over from one article to another."""

    def __init__(self):
        self._words: dict[str, None] = {}
        self._index: KeywordIndex | None = None

    @property
    def word_count(self) -> int:
        return len(self._words)

    def register(self, words) -> None:
        """Add an engine's trigger words to the scan."""
        new = [w for w in words if w not in self._words]
        if new:
            self._words.update(dict.fromkeys(new))
            self._index = None

    @staticmethod
    def view(sentence: str, offset: int, mentions: list[SentenceMention]) -> _View:
        return _View(sentence, offset, mentions)

    def present(self, v: _View) -> frozenset[str]:
        if v.present is None:
            if self._index is None:
                self._index = KeywordIndex(self._words) if self._words else None
            v.present = self._index.present(v.sentence) if self._index is not None else frozenset()
        return v.present

    @staticmethod
    def parts(v: _View) -> list[str]:
        if v.parts is None:
            v.parts = token_parts(v.sentence, v.offset, v.mentions)
        return v.parts

    @staticmethod
    def token_text(v: _View) -> str:
        if v.text is None:
            v.text = "".join(RuleScan.parts(v))
        return v.text

    @staticmethod
    def masked(v: _View) -> str:
        if v.masked is None:
            v.masked = mask_mentions(v.sentence, v.offset, v.mentions)
        return v.masked


class RelationExtractor:
    """Pipeline component: one sentence with its mentions -> relations.

    Engines built with one ``RuleScan`` (the passes of one extractor share theirs) scan each
    sentence once between them."""

    def __init__(self, rules: tuple[CompiledRule, ...] | None = None, scan: RuleScan | None = None):
        self.rules = compiled_rules() if rules is None else rules
        self.constraints = shape_constraints()
        # Run a rule only on sentences containing one of its trigger words: most sentences hold
        # few triggers, so most rules are skipped without running their regex.
        self._always = tuple(r for r in self.rules if r.triggers is None)
        # Rule positions per trigger word: a plan is built from the triggered rules alone, in rule order.
        self._always_at = tuple(k for k, r in enumerate(self.rules) if r.triggers is None)
        self._at_by_trigger: dict[str, list[int]] = {}
        for k, r in enumerate(self.rules):
            for t in r.triggers or ():
                self._at_by_trigger.setdefault(t, []).append(k)
        self._trigger_words = frozenset(self._at_by_trigger)
        self._required = [r.required for r in self.rules]
        self._plan_words = self._trigger_words.union(*(w for gs in self._required for w in gs))
        self.scan = scan if scan is not None else RuleScan()
        self.scan.register(self._plan_words)
        self._plans: dict[tuple[frozenset[str], int], tuple[CompiledRule, ...]] = {}
        # Per rule, the classes of the slot its matches hold first and of the one they hold second
        # (see slot_order). A rule can match only a view where a mention of a first-slot class
        # stands before one of a second-slot class: a view's rules by that are one bit set, made
        # with two bit operations per mention (rule k: bit k).
        # By class: the rules whose first slot, and whose second, takes it.
        self._first_of: dict[str, int] = {}
        self._second_of: dict[str, int] = {}
        self._unordered = 0  # rules whose slots' order the pattern does not fix: never ruled out by it
        for k, r in enumerate(self.rules):
            if r.order is None:
                self._unordered |= 1 << k
            first, second = (r.object_classes, r.subject_classes) if r.order == "OS" else (r.subject_classes, r.object_classes)
            for c in first:
                self._first_of[c] = self._first_of.get(c, 0) | 1 << k
            for c in second:
                self._second_of[c] = self._second_of.get(c, 0) | 1 << k
        # By a mention's classes: the rules it can stand first in, and second in (as bit sets).
        self._fits: dict[tuple[str, ...], tuple[int, int]] = {}

    def _fit(self, classes: tuple[str, ...]) -> tuple[int, int]:
        first = second = self._unordered
        for c in classes:
            first |= self._first_of.get(c, 0)
            second |= self._second_of.get(c, 0)
        if len(self._fits) >= _PLAN_CACHE:
            self._fits.clear()
        got = self._fits[classes] = (first, second)
        return got

    def _candidate_rules(self, v: _View) -> tuple[CompiledRule, ...]:
        """Rules that can match: a trigger word of theirs is in the sentence (or they have none), a
        word of each group their matches require is too, and a mention of a class of the slot their
        matches hold first stands before a mention of a class of the other slot (a slot only
        matches a token listing one of its classes, and tokens stand in the mentions' order)."""
        words = self.scan.present(v)
        if self.scan.word_count != len(self._plan_words):
            words = words & self._plan_words  # the scan holds other engines' words too
        fits, ordered, seen = self._fits, 0, 0
        for m in v.mentions:
            f = fits.get(m.classes) or self._fit(m.classes)
            ordered |= seen & f[1]
            seen |= f[0]
        key = (words, ordered)
        rules = self._plans.get(key)
        if rules is None:
            at = set(self._always_at)
            for t in words & self._trigger_words:
                at.update(self._at_by_trigger[t])
            every, required = self.rules, self._required
            rules = tuple(every[k] for k in sorted(at)
                          if ordered >> k & 1 and all(not g.isdisjoint(words) for g in required[k]))
            if len(self._plans) >= _PLAN_CACHE:
                self._plans.clear()  # bounded: keys are small sets, but a corpus could hold many
            self._plans[key] = rules
        return rules

    def _allowed(self, predicate: str, s: SentenceMention, o: SentenceMention) -> bool:
        dom, rng = self.constraints[predicate]
        if not (dom.intersection(s.classes) and rng.intersection(o.classes)):
            return False
        if predicate in _SAME_KIND:
            # A generation follows one of its own kind; a rival is a rival of the same kind.
            return bool(_SAME_KIND[predicate].intersection(s.classes).intersection(o.classes))
        return True

    def run(self, norm_sentence: str, offset: int, mentions: list[SentenceMention]) -> list[FoundRelation]:
        return list(self._find(norm_sentence, offset, mentions).values())

    def run_by_source(self, norm_sentence: str, offset: int,
                      mentions: list[SentenceMention]) -> dict[str, list[FoundRelation]]:
        """The findings of each rule file the engine's rules come from: what an engine over that
        file alone finds, in the same order."""
        out: dict[str, list[FoundRelation]] = {}
        for (source, *_), r in self._find(norm_sentence, offset, mentions).items():
            out.setdefault(source, []).append(r)
        return out

    def _find(self, norm_sentence: str, offset: int,
              mentions: list[SentenceMention]) -> dict[tuple[str, str, str, str], FoundRelation]:
        if len(mentions) < 2:
            return {}
        v = self.scan.view(norm_sentence, offset, mentions)
        rules = self._candidate_rules(v)
        if not rules:
            return {}  # most sentences: no trigger word of any rule whose slots their mentions fit
        tstr = self.scan.token_text(v)
        # Most rules tried match nothing: a search tells so without the iterator finditer makes
        # (~40 % of a rule's cost then). A rule that matches goes on from the end of its first
        # match, as finditer would (a match holds two mention tokens: it is never empty).
        # (A loop, not comprehensions: one here would make the locals it reads cells, slower to
        # read everywhere in this function.)
        hits = []
        for rule in rules:
            m = rule.regex.search(tstr)
            if m is not None:
                hits.append((rule, m))
                for m in rule.regex.finditer(tstr, m.end()):
                    hits.append((rule, m))
        if not hits:
            return {}
        parts = self.scan.parts(v)
        # ends[k]: where part k of the token string ends (see token_parts); part k starts at ends[k-1].
        ends = list(accumulate(map(len, parts)))
        last = len(ends) - 1

        def to_sent(tp: int) -> int:
            # The last part starting at or before tp: a token rather than the empty text before it.
            k = bisect_right(ends, tp, 0, last)
            if k & 1:
                mm = mentions[k >> 1]
                return (mm.start if tp == ends[k - 1] else mm.end) - offset
            return tp - ends[k - 1] + mentions[(k >> 1) - 1].end - offset if k else tp

        # What the text between mentions j and j+1 (parts[2j+2]) makes of them, worked out once for
        # all the lists that cross it: the same gap is read from both ends and for every match.
        gap_kinds: dict[int, int] = {}

        def gap_kind(j: int) -> int:
            gap, a, b = parts[2 * j + 2], mentions[j], mentions[j + 1]
            if _GLOSS_OPEN.match(gap) and a.entity_id == b.entity_id:
                kind = _GAP_GLOSS  # Fremont(弗里蒙特): one list item, named twice
            elif not _COORD.match(gap):
                kind = _GAP_END
            else:
                kind = _GAP_LIST
                if _PREPOSITION_GAP.match(gap):
                    kind |= _GAP_PREPOSITION
                if "、" in gap:
                    kind |= _GAP_ENUMERATION
                if not gap.strip() and a.classes != b.classes:
                    kind |= _GAP_SPLIT  # 台积电TSMC is one list item twice; Rapidus首座晶圆厂 is a firm and its fab
            gap_kinds[j] = kind
            return kind

        def coordinated(i: int, step: int) -> list[int]:
            out, j, enumerated, n = [], i, False, len(mentions)
            while 0 <= j + step < n:
                lo = j if step > 0 else j - 1
                kind = gap_kinds.get(lo)
                if kind is None:
                    kind = gap_kind(lo)
                if kind == _GAP_GLOSS:
                    j += step
                    continue
                # A list enumerated with 、 ends in 和/及; a 与 next to it is the preposition:
                # 台积电与AMD、博通和英伟达等美国公司 lists three American firms, not four.
                if kind == _GAP_END or kind & _GAP_SPLIT or (enumerated and kind & _GAP_PREPOSITION):
                    break
                enumerated = enumerated or kind & _GAP_ENUMERATION
                j += step
                out.append(j)
            return out

        def members(i: int, other: int, slot: tuple[str, ...]) -> list[int]:
            """The matched mention and the list it is in. A list may run either way from the matched
            member (a wide gap lets a pattern match the first of 中微公司、北方华创等……); towards the
            other slot only members of the same kind count: in 亚利桑那州，台积电的凤凰城 the comma
            makes no list. Every member must fit the rule's slot as the matched one does: in
            位于圣何塞与波士顿、Arm与Ansys均在圣何塞 Boston ends one list, it does not start the firms'."""
            away = 1 if i > other else -1
            fits = []
            for j in coordinated(i, away):
                if slot and slot_set_of(slot).isdisjoint(mentions[j].classes):
                    break
                fits.append(j)
            return [i, *fits,
                    *(j for j in coordinated(i, -away)
                      if (j > other) == (i > other) and j != other and same_kind(mentions[j], mentions[i]))]

        # Keyed by rule file too: the best finding of each file, as an engine over it alone keeps.
        found: dict[tuple[str, str, str, str], FoundRelation] = {}
        neg = negation()
        masked: str | None = None  # the sentence with mentions blanked, for hedge words
        first_cue: int | None = None  # where the sentence's first hedge cue word stands, once a match needs it
        for rule, m in hits:
            si, oi = int(m.group("S")), int(m.group("O"))
            if rule.predicate not in _SYMMETRIC and si < oi and after_preposition(norm_sentence, offset, mentions, si):
                continue  # 将A转变为能与B竞争的…投入: B is what A is measured against, not who acts
            t_start, t_end = (m.start("T"), m.end("T")) if "T" in rule.regex.groupindex and m.group("T") is not None else (m.start(), m.end())
            span_start, span_end = to_sent(m.start()), to_sent(m.end())
            t0, t1 = to_sent(t_start), to_sent(t_end)
            trigger = norm_sentence[t0:t1].strip() or None
            if neg.search(norm_sentence[span_start:span_end]):
                continue
            if rule.presupposed:
                status = Status.stated
            else:
                if first_cue is None:
                    first_cue = first_hedge_cue(norm_sentence)
                end = max(t1, span_end)
                if first_cue >= end:
                    status = Status.stated  # no cue word before the match's end: nothing to blank
                else:
                    if masked is None:
                        masked = self.scan.masked(v)
                    status = hedge_status(masked[:end])
            gap = max(0, (span_end - span_start) - 24)
            conf = max(0.3, rule.confidence - 0.01 * gap - (0.05 if len(mentions) > 8 else 0)
                       - (0.15 if mentions[si].coref or mentions[oi].coref else 0))
            objs, subs = members(oi, si, rule.object_classes), members(si, oi, rule.subject_classes)
            for a in subs:
                for b in objs:
                    sm, om = mentions[a], mentions[b]
                    if sm.entity_id == om.entity_id or not self._allowed(rule.predicate, sm, om):
                        continue
                    key = (rule.source, sm.entity_id, rule.predicate, om.entity_id)
                    prev = found.get(key)
                    if prev is None or conf > prev.confidence:
                        found[key] = FoundRelation(sm.entity_id, rule.predicate, om.entity_id, rule.id,
                                                   round(conf, 3), status, trigger)
        return found
