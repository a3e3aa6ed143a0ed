"""Discovery of entities the catalog does not know: companies by suffix, stock code or their place
in a list of firms; banks, funds, bodies and zones by suffix; chip and equipment model numbers,
products by count and kind, tool classes; process nodes; policies by title or by what they do;
people by office words; technologies by cue word or list; fabs by number. Each is a named rule
of ``Discoverer``, run in the order of ``Discoverer.RULES``.

Every rule works on normalised text with article-relative offsets and yields ``Found`` records;
spans already covered by catalog hits are left alone (the catalog knows better).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice
from operator import attrgetter, itemgetter, lt
from importlib import resources

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict

from semikg.extract.indexes import Occupancy
from semikg.extract.matcher import Hit
from semikg.keywords import KeywordGroups, matches_at
from semikg.loaders.normalise import code_points, normalise


class DiscoveryLexicon(BaseModel):
    model_config = ConfigDict(frozen=True)
    legal_suffixes: tuple[str, ...]
    trade_suffixes: tuple[str, ...]
    name_stop_chars: str
    name_cut_words: tuple[str, ...]
    generic_stems: tuple[str, ...]
    generic_latin: tuple[str, ...] = ()
    english_company_suffixes: tuple[str, ...]
    chip_cues: tuple[str, ...]
    equipment_cues: tuple[str, ...]
    architecture_heads: tuple[str, ...] = ()
    node_context: tuple[str, ...]
    wavelength_context: tuple[str, ...]
    policy_suffixes: tuple[str, ...]
    policy_title_words: tuple[str, ...]
    person_roles: tuple[str, ...]
    leader_roles: tuple[str, ...]
    speech_verbs: tuple[str, ...] = ()
    person_frame_stop_chars: str = ""
    surnames: str
    compound_surnames: tuple[str, ...]
    org_suffixes: dict[str, tuple[str, ...]]
    legal_cut_chars: str = ""
    finance_suffixes: tuple[str, ...] = ()
    standalone_bodies: tuple[str, ...] = ()
    verbs_and_adverbs: tuple[str, ...] = ()
    equipment_classes: tuple[str, ...] = ()
    zone_suffixes: tuple[str, ...] = ()
    policy_cut_words: tuple[str, ...] = ()
    policy_standalone: tuple[str, ...] = ()
    policy_needs_name: tuple[str, ...] = ()
    policy_topic_words: tuple[str, ...] = ()
    policy_enacting_verbs: tuple[str, ...] = ()
    policy_measure_verbs: tuple[str, ...] = ()
    policy_measure_heads: tuple[str, ...] = ()
    policy_rate_heads: tuple[str, ...] = ()
    product_heads: tuple[str, ...] = ()
    product_modifiers: tuple[str, ...] = ()
    kind_chip_kinds: tuple[str, ...] = ()
    kind_chip_heads: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def lexicon() -> DiscoveryLexicon:
    text = (resources.files("semikg.extract") / "discovery.yaml").read_text(encoding="utf-8")
    return DiscoveryLexicon(**yaml.safe_load(text))


# Not frozen: a frozen dataclass's __init__ sets each field through object.__setattr__, which made
# a Found cost ~6x as much to make (an article makes a dozen, most of them never kept). Nothing
# changes a Found once made; ``replace`` makes a new one.
@dataclass(slots=True, unsafe_hash=True)
class Found:
    type: str
    name: str  # canonical name for the discovered entity
    start: int
    end: int
    rule: str
    role: str | None = None  # for people: the role word
    role_start: int | None = None
    # Catalog place hits inside the name (深圳 in 深圳芯存微电子有限公司): the name absorbs them.
    absorbed: tuple[tuple[int, int, str], ...] = ()
    roles: tuple[str, ...] = ()


def _absorbing_add(f: Found, places: list, taken: Occupancy, out: list[Found]) -> None:
    """Add a name that contains catalog place hits (深圳 in 深圳芯存微电子有限公司) and absorbs them,
    if nothing else stands in its way; otherwise the places keep their spans."""
    for h in places:
        taken.release(h.start, h.end)
    if taken.free(f.start, f.end):
        # Made anew, not by ``dataclasses.replace`` (which reads the fields' list each time).
        out.append(Found(f.type, f.name, f.start, f.end, f.rule, f.role, f.role_start,
                         tuple((h.start, h.end, h.entity_id) for h in places), f.roles))
        taken.append((f.start, f.end))
    else:
        for h in places:
            taken.append((h.start, h.end))


def add_free(f: Found, taken: Occupancy, out: list[Found]) -> None:
    """Keep ``f`` if no character of it is claimed yet, and claim them."""
    if f.end > f.start and taken.free(f.start, f.end):
        out.append(f)
        taken.append((f.start, f.end))


# A Chinese numeral and 号 after a brand (not a site: 某某2号工厂 is the sites pass's). The brand's
# two characters are checked by the rule: a pattern opening with them would be tried everywhere.
_NUMERALS = "一二三四五六七八九十"
_NUMBERED = re.compile(rf"[{_NUMERALS}]号(?!工厂|厂|基地|线|机|楼|院)")
# Words for a process or technique that a Latin name before them names (FDX技术, CoW制程).
_MATERIAL_CUES = frozenset({"光刻胶", "材料"})
_TECH_CUE_WORDS = ("技术", "工艺", "制程", "封装技术", "平台技术", "光刻胶", "材料")
_TECH_CUE = re.compile("|".join(_TECH_CUE_WORDS))
_LATIN_TOKEN_BEFORE = re.compile(r"(?<![A-Za-z0-9\-])([A-Za-z][A-Za-z\-]{1,9})\s?$")
_TOKEN_LAST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-")  # a token's last character
# A Latin item right after or before a list separator next to a technology.
_LISTED_LATIN_AFTER = re.compile(r"\s?[、，,和与與及/]\s?([A-Za-z][A-Za-z\-]{1,9})(?![A-Za-z0-9])")
_LISTED_LATIN_BEFORE = re.compile(r"(?<![A-Za-z0-9\-])([A-Za-z][A-Za-z\-]{1,9})\s?[、，,和与與及/]\s?$")
# An upper-case acronym glued before a tool class: CCP刻蚀机, ALD 设备.
_ACRONYM_BEFORE = re.compile(r"(?<![A-Za-z0-9])([A-Z]{2,6})\s?$")
# An item of a list: two to four Chinese characters up to the next separator, or before one.
_LIST_ITEM_AFTER = re.compile(r"[\u4e00-\u9fff]{2,4}(?=\s?(?:[(（]\d{4,6}[)）])?\s?[、，,和与及等])")
_LAST_ITEM_AFTER = re.compile(r"[\u4e00-\u9fff]{2,4}(?=[的、，,。等])")
# A node in Chinese numerals: 一点六纳米 (1.6), 十四纳米 (14); its integer part in group 1, tenths in group 2.
_CN_NODE = re.compile(r"([一二三四五六七八九十两]{1,3})(?:点([一二三四五六七八九]))?\s?(?:纳米|奈米)")
_NM_WORDS = ("纳米", "奈米")
_NODE_UNITS = ("nm", *_NM_WORDS)
_NM_WORD = re.compile("|".join(_NM_WORDS))
# What may stand before a one-character node (导入二纳米, 微缩到五纳米, 及三纳米).
_BEFORE_CN_NODE = frozenset("到至入为的在及和与进用级代是达向往从比产推首")
_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)} | {"两": 2}


def _cn_number(whole: str, tenth: str | None) -> float | None:
    """一点六 -> 1.6, 十四 -> 14, 二十八 -> 28; None for what is no number below 100."""
    if "十" in whole:
        tens, _, ones = whole.partition("十")
        if "十" in ones or (tens and tens not in _CN_DIGITS) or (ones and ones not in _CN_DIGITS):
            return None
        value = (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    elif len(whole) == 1:
        value = _CN_DIGITS[whole]
    else:
        return None
    return value + (_CN_DIGITS[tenth] / 10 if tenth else 0)


# Characters that end the modifier before a process-named tool: 研发出|高密度…, 及|立式炉….
_TOOL_RUN_CUT = frozenset("出了的和与及是在将为从把被对向由其该这款种项台")
# After a firm's name: a product line named by the firm, a kind and its acronym (某某图形处理器(GPU)).
_BRAND_LINE = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:协处理器|处理器|芯片|晶片|加速器|加速卡)(?=\s?[(（]\s?[A-Za-z]{2,6}\s?[)）])")
# A node right before a chip's kind (6nm 5G芯片).
_NODE_BEFORE = re.compile(r"(?<![0-9a-z.])(\d{1,3}(?:\.\d)?\s?(?:nm|纳米|奈米))\s?$")
# A process named as a tool with its acronym in brackets: 低压化学气相沉积(LPCVD).
_PROCESS_WORDS = ("化学气相沉积", "物理气相沉积", "原子层沉积", "原子层刻蚀", "等离子体刻蚀", "外延生长")
_PROCESS_TOOL = re.compile("(?:" + "|".join(_PROCESS_WORDS) + r")\s?[(（]\s?[A-Za-z][A-Za-z\-]{1,9}\s?[)）]")
# A model number of three or four digits and a letter or two (910c), alone.
_NUMBER_LETTER = re.compile(r"(\d(?<![0-9a-z.\-:]\d)\d{2,3})([a-z]{1,2})(?![0-9a-z])")
# A name with its stock code in brackets: 某某（2464）, 某某(688012).
_STOCK_CODED = re.compile(r"[(（](?:\d{4}|\d{6})(?:\.[a-z]{2})?[)）]")
_LIST_ITEM_BEFORE = re.compile(r"(?:^|[^\u4e00-\u9fff]|[、，,])([\u4e00-\u9fff]{2,4})$")
_LEGAL_AFTER_BRACKET = re.compile(r"\s*(?:股份)?(?:有限)?(?:公司|集团|分公司|子公司)")
# The industry word a firm's name ends with before a bracketed place: 某某集成电路制造（成都）.
_INDUSTRY_END = re.compile(r"(?:科技|技术|半导体|微电子|电子|集成电路|制造|材料|装备|设备)$")
# Words a firm's legal name may hold in brackets before its suffix: 某某(集团)有限公司.
# 控股 or 投控 ending a name: a bracket, a list mark or the end of the clause follows.
_HOLDING = re.compile(r"(控股|投控)(?=\s?[(（、,，;；。]|和|与|及)")
# A firm set up under its parent's name: 设立某某集成和某某微电子两家子公司.
_FOUNDING = ("设立", "成立", "组建", "设立了", "成立了", "组建了", "子公司", "旗下")
_LIST_MARKS = frozenset({"和", "与", "及", "、", ",", "，", "以及"})
# Words every founding word holds: a text holding none of them holds no founding word.
_FOUNDING_CORES = ("设立", "成立", "组建", "子公司", "旗下")
_FOUNDED = re.compile(r"(集成电路|集成|微电子|半导体|科技|电子|控股|投资|资本)(?=和|与|及|、|,|，|两家|三家|等|子公司|公司|。)")
# A Latin name after 子公司/孙公司 (子公司GWA将扩产): upper-case first, not a model or a year.
_SUBSIDIARY_WORDS = ("子公司", "孙公司", "孫公司")
_SUBSIDIARY_LATIN = re.compile("(?:" + "|".join(_SUBSIDIARY_WORDS) + r")\s?([A-Z][A-Za-z&\-]{1,11}(?:\s[A-Z][A-Za-z&\-]{1,11}){0,2})(?![A-Za-z0-9])")
# The units a count opens a described product with (16gb, 232层): ``Discoverer._described``'s.
_COUNT_UNITS = ("层", "g", "tb")
# A fund's phase, part of its name: 某某基金二期.
_PHASE = re.compile(r"[一二三四五六]期")
_BRACKETED_WORDS = frozenset({"集团", "控股", "股份", "中国"})


def _bracket_before(norm: str, end: int) -> int | None:
    """Where a bracket of at most six characters closing right before ``end`` opens, or None."""
    if end < 3 or norm[end - 1] not in ")）":
        return None
    for k in range(end - 2, max(-1, end - 9), -1):
        if norm[k] in "(（":
            return k if k + 1 < end - 1 else None
        if not _is_cjk(norm[k]):
            return None
    return None


def _org_roles(role: str) -> tuple[str, ...]:
    return () if role == "Organization" else (role,)


def _by_length(words) -> list[str]:
    return sorted(set(words), key=len, reverse=True)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in _by_length(words))


# "Fab 18": opens with its literal (see the note on scanning patterns in ``Discoverer``).
_FAB_NUMBER = re.compile(r"fab(?<![a-z]fab)\s?\d{1,2}[a-z]?(?![a-z0-9])")


CJK = r"\u4e00-\u9fff"


_TRADE_LEFT = set("与和及、的是在由为向从对将被了")


def _is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _is_cjk_run(text: str, s: int, e: int) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in text[s:e])


# A place inside the one just named: glossed with its Latin name, or ending in an administrative
# word not followed by a word that makes it something else (市场, 市长, 区域, 县府).
_GLOSSED_PLACE = re.compile(r"([\u4e00-\u9fff]{2,4})\s?[(（][A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}[)）]")
_SUFFIXED_PLACE = re.compile(r"([\u4e00-\u9fff]{2,4}?(?:市|(?<!地)区|县|町))(?![场长值民政面况占委府级内外区域立中辖属])")
# The brackets a gloss opens with, two to five characters after the outer place (``_GLOSSED_PLACE``);
# the suffixes that end the inner one, two to four after it (``_SUFFIXED_PLACE``).
_OPENING_BRACKETS = frozenset("(（")
_PLACE_SUFFIXES = frozenset("市区县町")
_AT_PLACE_WORDS = ("位于", "坐落于", "地处")
_AT_SUFFIXED_PLACE = re.compile("(?:" + "|".join(_AT_PLACE_WORDS) + r")\s*([\u4e00-\u9fff]{2,4}?(?:市|(?<!地)区|县|町))"
                                r"(?![场长值民政面况占委府级内外区域立中辖属])")
# Words no place name holds: the run after a place is then a phrase (美国半导体市场).
_NOT_PLACE_WORDS = ("半导体", "芯片", "晶圆", "产业", "企业", "公司", "政府", "工厂", "科技", "电子", "集成电路",
                    "产能", "投资", "股市", "新厂", "厂区", "上市", "时区", "专区", "展区", "社区", "园区", "产区",
                    "灾区", "门市", "超市", "城市", "总统", "部长", "首相", "总理", "州长", "市长", "议员", "官员",
                    "执行长", "董事长", "总裁", "厂商", "大厂", "集团", "新创", "教授", "分析师", "大学", "学院",
                    "工业", "商业", "住宅", "开发", "保税", "中心")


# The Chinese characters ending a stretch of text (possessive: no backtracking in vain).
_CJK_TAIL = re.compile(r"[\u4e00-\u9fff]++$")


def _cjk_run_before(text: str, p: int, limit: int) -> str:
    """The run of Chinese characters right before ``p``, of at most ``limit`` characters."""
    if p == 0 or not "\u4e00" <= text[p - 1] <= "\u9fff":
        return ""
    # The leftmost match in the window ending at p is the longest run: found in C, not char by char.
    return _CJK_TAIL.search(text, p - limit if p > limit else 0, p).group()


_START_END = itemgetter(1, 2)  # a Hit's (start, end)
_START = itemgetter(1)
_END = itemgetter(2)
_START_END_OF_FOUND = attrgetter("start", "end")


class _Hits:
    """Catalog hits sorted by start, for the hits lying inside a span (bisect, not a scan per match)."""

    def __init__(self, hits: list[Hit]):
        starts = list(map(_START, hits))
        # The matcher's hits do not overlap: their starts grow, and they are in order already (a
        # check in C; sorting by (start, end) keys made a tuple and compared tuples per hit).
        self.in_order = all(map(lt, starts, islice(starts, 1, None)))
        if self.in_order:
            self.hits, self.starts = list(hits), starts
        else:
            self.hits = sorted(hits, key=_START_END)
            self.starts = list(map(_START, self.hits))

    def first_within(self, lo: int, hi: int, ids: frozenset[str]) -> Hit | None:
        """The first of ``within(lo, hi)`` naming one of ``ids``, or None."""
        i, hits = bisect_left(self.starts, lo), self.hits
        while i < len(hits) and hits[i].start < hi:
            if hits[i].end <= hi and hits[i].entity_id in ids:
                return hits[i]
            i += 1
        return None

    def starting_at(self, lo: int, hi: int) -> Hit | None:
        """The first of ``within(lo, hi)`` that starts at ``lo``, or None."""
        i, hits = bisect_left(self.starts, lo), self.hits
        while i < len(hits) and hits[i].start == lo:
            if hits[i].end <= hi:
                return hits[i]
            i += 1
        return None

    def within(self, lo: int, hi: int) -> list[Hit]:
        out, i, hits = [], bisect_left(self.starts, lo), self.hits
        while i < len(hits) and hits[i].start < hi:
            if hits[i].end <= hi:
                out.append(hits[i])
            i += 1
        return out


# What may not stand before a number's first digit in the levy-rate and count patterns
# ((?<![0-9.]\d), (?<![0-9a-z.]\d)): \d, which opens both, is a decimal digit (str.isdecimal).
_DIGITS_OR_POINT = frozenset("0123456789.")
_DIGITS_LETTERS_OR_POINT = _DIGITS_OR_POINT | frozenset("abcdefghijklmnopqrstuvwxyz")
# A year or a size (2024, ab16gb), which a model pattern also matches.
_NOT_A_MODEL = re.compile(r"(?i)(19|20)\d\d|[a-z]{1,3}\d{2,4}(nm|mm|gb|tb|w|v|k|m|hz)")


_LETTERS = re.compile(r"[A-Za-z]*")


def _model_prefix(token: str) -> str:
    """The letters a model number starts with, which name its family: AX of AX-9, RK of RK3588."""
    return _LETTERS.match(token).group(0).upper()


_LATIN_UPPER = re.compile(r"[A-Z]")
_LIST_SEPARATORS = frozenset("、，,和与與及")
_LIST_STEPS_OR_BRACKETS = _LIST_SEPARATORS | frozenset("(（")
_LIST_STEPS_OR_SLASH = _LIST_SEPARATORS | frozenset("/")


def _opens_list_step(c: str, more: str = "") -> bool:
    """Whether ``c``, the character right next to a listed name, may be where a separator and
    maybe a space (or one of ``more``) lead to the next item: the list patterns below need one."""
    return c != "" and (c in _LIST_SEPARATORS or c in more or c.isspace())


_SEP_THEN_LATIN = re.compile(r"(?:\s?[(（][^)）]{0,20}[)）])?\s?[、，,和与與及]\s?[A-Z]")
_LATIN_THEN_SEP = re.compile(r"[A-Za-z0-9)）]\s?[、，,和与與及]\s?$")
_NAME_END = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789)）")  # its first character
# Capitalised words that start English sentences and clauses (However, Samsung …), never names.
_LATIN_FUNCTION_WORDS = frozenset("""However Meanwhile Moreover Also And But The In On At For With This That These
    Those According Besides Furthermore Therefore Thus Still Yet Then Now Today Yesterday Last Next First Second
    Finally Overall Additionally Separately Previously Recently Currently Earlier Later Since While When After
    Before As If So Its Their Our We They It He She You Both Other Others Some Many Most All Each Such Even
    Instead Indeed Notably Similarly Likewise Nevertheless Otherwise""".split())
_LATIN_ORG_HEADS = {"University": "University", "College": "University", "Institute": "ResearchInstitute",
                    "Laboratory": "ResearchInstitute", "Lab": "ResearchInstitute", "Labs": "ResearchInstitute"}
# Bodies named after the person heading them: 拜登政府, 岸田内阁.
_HEADED_BODIES = ("行政当局", "政府", "当局", "内阁")
_AFTER_NAME = set("表称指说认透介强宣在的是和与也还对将曾则等于今近已昨日亦就先")
# Titles and verbs after a name (梁晶博士, 张桥作为…): a three-character "name" ending in the
# first character of one of these is a two-character name followed by it.
_WORDS_AFTER_NAME = ("博士", "教授", "先生", "女士", "院士", "老师", "主任", "总裁", "总监",
                     "作为", "出席", "致辞", "莅临", "参加", "坦言", "直言", "回应", "发言")


_NAMED_WORDS = ("名为", "叫做", "称为", "名叫")
# What a Latin name before 公司 (Enosemi公司) is followed by: ``Discoverer._ascii_company``'s look-ahead.
_FIRM_WORDS = ("公司", "集团", "股份")
_CODENAME_WORDS = ("代号", "代號", "code-named", "codenamed")
# A run of Latin letters: a Latin name or model number starts a run (its pattern says the letter
# before it is none), so its patterns are tried only there. With it, the character after it that
# the model patterns look at, in a group of its own: a hyphen or a digit (group 1), a space (2), a
# colon (3). ``Scan._find_latin_runs`` finds the same runs without it; a run's class is its group
# number (0: none of these), named "0", " " or ":" by ``_FOLLOWER_CODES``.
_LATIN_RUN_FOLLOWED = re.compile(r"[A-Za-z]+(?:([-\d])|( )|(:))?")
_FOLLOWER_CODES = {"0": 1, " ": 2, ":": 3}
# The characters of a Latin name but spaces: ``Scan.latin_matches_up_to``'s.
_LATIN_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789&-")
_FOLLOWER_OF = {"-": 1, " ": 2, ":": 3, **{c: 1 for c in "0123456789"}}
_TABLE_END = 0x10000  # the followers' table covers the Basic Multilingual Plane


@lru_cache(maxsize=1)
def _follower_table() -> np.ndarray:
    """The class of the character after a run (``_FOLLOWER_OF``, any other decimal digit 1, else 0)
    by code point, below ``_TABLE_END``: the runs' followers are classed in one look-up."""
    table = np.zeros(_TABLE_END, dtype=np.uint8)
    table[[c for c in range(0x80, _TABLE_END) if chr(c).isdecimal()]] = 1
    for c, f in _FOLLOWER_OF.items():
        table[ord(c)] = f
    return table


# The groups of words ``Discoverer.original_words`` names are found by their normal forms, in
# groups named with this prefix.
ORIGINAL_PREFIX = "original."
# How far from a code name a chip word must stand for the name to be a chip's.
CODENAME_CUE_WINDOW = 16


class Discoverer:
    """Pipeline component: (normalised text, original text, catalog hits) -> discovered entities."""

    def __init__(self, place_ids: frozenset[str] = frozenset(), company_ids: frozenset[str] = frozenset(),
                 technology_ids: frozenset[str] = frozenset(), person_ids: frozenset[str] = frozenset(),
                 chip_ids: frozenset[str] = frozenset(), country_ids: frozenset[str] = frozenset()):
        self.chip_ids = chip_ids
        self.place_ids = place_ids
        self.person_ids = person_ids
        self.country_ids = country_ids
        self.company_ids = company_ids
        self.technology_ids = technology_ids
        # The kinds of catalog hit the rules look at: an article's hits are sorted into them once
        # (``Scan.of_kind``), instead of each rule filtering all of them by an id set.
        self._kind_of = {eid: kind for kind, ids in (("place", place_ids), ("company", company_ids),
                                                      ("technology", technology_ids), ("person", person_ids),
                                                      ("chip", chip_ids)) for eid in ids}
        lx = lexicon()
        self.lx = lx
        # The rules' functions, looked up once (``run`` calls each for every article).
        self._rules = tuple((getattr(type(self), "_rule_" + rule), self.RULE_OPENERS.get(rule)) for rule in self.RULES)
        self._generic = set(lx.generic_stems) | set(lx.verbs_and_adverbs)
        self._verbs = tuple(lx.verbs_and_adverbs)
        self._generic_latin = frozenset(w.lower() for w in lx.generic_latin)
        # Longest first (ties by text: a set's order changes between runs), built once, used per stem.
        self._generic_multi = tuple(sorted((g for g in self._generic if len(g) > 1), key=lambda g: (-len(g), g)))
        # Removing words never adds a character, so only words whose first character is in the
        # stem can ever be removed from it: indexed by that character, with their place in the order.
        self._generic_by_first: dict[str, list[tuple[int, str]]] = {}
        for i, g in enumerate(self._generic_multi):
            self._generic_by_first.setdefault(g[0], []).append((i, g))
        self._stop_chars = set(lx.name_stop_chars)
        # Suffixes are found first (cheap literal search); the name stem is then read backwards
        # from each suffix, instead of trying a lazy stem at every position of the text.
        # Python's regex engine skips ahead in C only when a pattern opens with a literal or a
        # character class; one that opens with a repeat, a group of groups or a look-behind is
        # tried at every position of the text (~5x slower on Chinese text). So the scanning
        # patterns below open with their first character, and check what precedes it after it:
        # (?<![A-Z])X is written X(?<![A-Z]X). Each is the same language, tried in the same order.
        trade, legal = _alt(lx.trade_suffixes), _alt(lx.legal_suffixes)
        # (?:T)*(?:L)+, opened by each suffix: t(?:T)*(?:L)+ for every trade suffix t, then l(?:L)*.
        self._legal = re.compile("|".join(
            [*(re.escape(t) + rf"(?:{trade})*(?:{legal})+" for t in _by_length(lx.trade_suffixes)),
             *(re.escape(w) + rf"(?:{legal})*" for w in _by_length(lx.legal_suffixes))]))
        self._trade = re.compile(rf"(?:{trade})(?:{trade})*")
        self._named = re.compile("(?:" + "|".join(_NAMED_WORDS) + r")[\s“\"']{0,2}([A-Za-z][A-Za-z0-9&\-\. ]{1,30}?|[\u4e00-\u9fff]{2,10}?)[”\"']?(?=的|公司|,|，|。)")
        self._ascii_company = re.compile(r"([A-Z](?<![A-Za-z0-9][A-Z])[A-Za-z0-9&\-]{2,24})(?=公司|集团|股份)")
        self._cut = re.compile(_alt(lx.name_cut_words))
        # The characters cut words start and end with: a text holding none of the first holds no
        # cut word, and no cut word ends before a character not among the last.
        self._cut_firsts = frozenset(w[0] for w in lx.name_cut_words)
        self._cut_lasts = frozenset(w[-1] for w in lx.name_cut_words)
        latin_name = r"(?<![A-Za-z0-9&\-.])([A-Z][A-Za-z0-9&\-]*(?: (?:&|of|and|de|for)?\s?[A-Z][A-Za-z0-9&\-]*){0,4})"
        self._latin_name = re.compile(latin_name + r"(?![A-Za-z0-9])")
        self._latin_name_at_end = re.compile(latin_name + r"$")
        en_suffix = _alt(lx.english_company_suffixes)
        self._en_company = re.compile(
            rf"([A-Z](?<![A-Za-z0-9][A-Z])(?:[A-Za-z0-9&\-]+\s+[A-Z]){{0,3}}[A-Za-z0-9&\-]*)\s+({en_suffix})(?![A-Za-z])")
        # The English-name pattern backtracks at every capital letter; it needs a suffix, so a
        # text without one (``Scan.original_starts`` finds none) is skipped.
        self._spaced_model = re.compile(r"([A-Z](?<![A-Za-z0-9][A-Z])[A-Za-z]{2,15} \d{3,5}[A-Z]{0,2})(?![A-Za-z0-9])")
        # Two capitals, a space and a number (MI 308) name a part only right before a chip word:
        # elsewhere they are too often a code or a unit.
        self._spaced_short = re.compile(
            r"([A-Z](?<![A-Za-z0-9][A-Z])[A-Z] \d{3,4}[A-Za-z]{0,2})(?![A-Za-z0-9])(?=\s?(?:" + _alt(lx.chip_cues) + "))")
        # A tool model written family:number (XYZ:1980i).
        self._colon_model = re.compile(r"([A-Z](?<![A-Za-z0-9][A-Z])[A-Z]{1,4}:\d{3,5}[A-Za-z]{0,2})(?![A-Za-z0-9])")
        # One digit is enough after a hyphen (AX-9); without a hyphen two are needed (H100): short
        # tokens such as M4 or A7 are too often something else, and are left to the catalog.
        self._model = re.compile(r"([A-Za-z](?<![A-Za-z0-9\-][A-Za-z])[A-Za-z]{0,5}(?:-\d{1,5}|\d{2,5})[A-Za-z]{0,3}(?:-[A-Za-z0-9]{1,4})?)(?![A-Za-z0-9])")
        self._chip_cue = re.compile(_alt(lx.chip_cues))
        # A product's code name: 代号/代號(为)「Name Words」, a Latin name of up to four capitalised words.
        self._codename = re.compile(
            "(?:" + "|".join(_CODENAME_WORDS) + r")(?:为|為|是)?\s?[「“\"'『]?([A-Z][A-Za-z0-9]*(?: [A-Z][A-Za-z0-9]*){0,3})(?![A-Za-z0-9])")
        self._equip_cue = re.compile(_alt(lx.equipment_cues))
        self._arch_head = re.compile(r"\s?(?:" + _alt(lx.architecture_heads) + ")") if lx.architecture_heads else None
        # A number before nm (its first digit, then the rest in group 1, the unit in group 2), or a
        # node token N3E / 18A / 1c (its first character, then the rest in group 3).
        self._node = re.compile(
            r"[0-9n](?:(?<=\d)(?<![0-9a-z.]\d)(\d{0,2}(?:\.\d)?)\s?(nm|纳米|奈米)(?![a-z])"
            r"|(?<![0-9a-z][0-9n])((?<=n)\d{1,2}[epxa]?|(?<=\d)\da|(?<=1)[abcxyzαβγ])(?![0-9a-z]))")
        self._node_ctx = re.compile(_alt(lx.node_context))
        self._wave = re.compile(_alt(lx.wavelength_context))
        # 《title》, or a title in corner quotes (「某某计划」) that ends with a policy word.
        self._policy_title = re.compile(r"《([^》\n]{2,40})》|「([^」\n]{2,20})」")
        self._policy_title_word = re.compile(_alt(lx.policy_title_words))
        self._policy = re.compile(_alt(lx.policy_suffixes))
        # Corner quotes also quote slogans and names of anything: only a title that ends with a
        # policy word (法, 法案, 计划 …) is a policy's.
        self._policy_title_end = re.compile("(?:" + _alt(lx.policy_title_words) + ")$")
        self._policy_standalone = frozenset(lx.policy_standalone)
        self._policy_needs_name = frozenset(lx.policy_needs_name)
        self._policy_topic = re.compile(_alt(lx.policy_topic_words)) if lx.policy_topic_words else None
        # 禁售某芯片的命令: a measure named by what it forbids (its verb opens the name, its object is
        # nested). 15%的税费: a levy named by its rate (a digit opens the pattern: see the scanning note).
        self._policy_measure = re.compile(
            "(?:" + _alt(lx.policy_measure_verbs) + r")[^\s,，。、;；:：的]{1,12}的(?:" + _alt(lx.policy_measure_heads) + ")"
        ) if lx.policy_measure_verbs and lx.policy_measure_heads else None
        self._policy_rate = re.compile(
            r"\d(?<![0-9.]\d)\d?(?:\.\d{1,2})?\s?%\s?(?:的)?(?:" + _alt(lx.policy_rate_heads) + ")"
        ) if lx.policy_rate_heads else None
        self._policy_enacted = re.compile("(?:" + _alt(lx.policy_enacting_verbs) + ")$") if lx.policy_enacting_verbs else None
        roles = _alt(lx.person_roles)
        sur = re.escape(lx.surnames)
        comp = _alt(lx.compound_surnames)
        self._person_cn = re.compile(rf"({roles})\s*((?:{comp})[{CJK}]{{1,2}}|[{sur}][{CJK}]{{1,2}})")
        self._person_en = re.compile(rf"({roles})\s+([A-Z][a-z]+(?:[\- ][A-Z][a-z]+){{1,2}})")
        # Any name between a role and a speech verb (a date or a time word allowed before the verb),
        # or its own Latin form in brackets: 执行长小池敦义表示, 大臣甘利明(Akira Amari).
        self._person_framed = re.compile(
            rf"({roles})\s*([{CJK}][{CJK}·・]{{1,5}}?)(?:(?:\d{{1,2}}月\d{{1,2}}日|[昨今前]日|[昨今]天|日前|近日|也|则|亦|更)?"
            rf"(?:{_alt(lx.speech_verbs)})|\s?[(（][a-z][a-z .\-]{{2,40}}[)）])") if lx.speech_verbs else None
        self._person_frame_stop = frozenset(lx.person_frame_stop_chars)
        self._speech = _alt(lx.speech_verbs)
        self._org_role = {suffix: role for role, suffixes in lx.org_suffixes.items() for suffix in suffixes}
        self._org = re.compile(_alt(self._org_role))
        self._standalone = frozenset(lx.standalone_bodies)
        self._zone = re.compile(_alt(lx.zone_suffixes)) if lx.zone_suffixes else None
        self._policy_cut = re.compile(_alt(lx.policy_cut_words)) if lx.policy_cut_words else None
        self._tool_class = re.compile(_alt(lx.equipment_classes)) if lx.equipment_classes else None
        # A count (16gb, 232层) opens a described product: its first digit, then the rest, then
        # modifiers and a head word (see the note on scanning patterns above).
        mods, heads = _alt(lx.product_modifiers), _alt(lx.product_heads)
        self._product_kind = re.compile(mods)
        self._described = re.compile(  # its units: _COUNT_UNITS (gb opens with g)
            rf"\d(?<![0-9a-z.]\d)\d{{0,3}}\s?(?:层|gb|tb|g)(?:\s?(?:{mods}))*\s?(?:{heads})(?![a-z0-9])") if heads else None
        self._kind_chip = re.compile(rf"(?:{_alt(lx.kind_chip_kinds)})\s?(?:{_alt(lx.kind_chip_heads)})(?![a-z0-9])") \
            if lx.kind_chip_kinds and lx.kind_chip_heads else None
        self._legal_cut_chars = frozenset(lx.legal_cut_chars)
        self._finance = re.compile(_alt(lx.finance_suffixes)) if lx.finance_suffixes else None
        # The words each scanning pattern below opens with (exactly the strings its first element
        # matches): the pattern is tried only where one of them starts.
        self.opener_groups = {
            "org": tuple(self._org_role), "policy": lx.policy_suffixes, "policy_measure": lx.policy_measure_verbs,
            "roles": lx.person_roles, "legal": lx.trade_suffixes + lx.legal_suffixes, "trade": lx.trade_suffixes,
            "zone": lx.zone_suffixes, "finance": lx.finance_suffixes, "tool_class": lx.equipment_classes,
            "kind_chip": lx.kind_chip_kinds, "at_place": _AT_PLACE_WORDS, "nm": _NM_WORDS, "tech_cue": _TECH_CUE_WORDS,
            "process_tool": _PROCESS_WORDS, "policy_title": ("《", "「"), "bracket": ("(", "（"),
            "numbered": tuple(c + "号" for c in _NUMERALS), "percent": ("%",), "headed": _HEADED_BODIES,
            "fab_number": ("fab",), "count_unit": _COUNT_UNITS, "node_unit": _NODE_UNITS,
            "node_context": lx.node_context}
        # The same for the patterns scanning the original text (Latin names keep their case there),
        # found by their normal forms in the same scan (``Scan.original_starts``).
        self.original_words = {
            "en_suffix": tuple(lx.english_company_suffixes), "roles": tuple(lx.person_roles), "codename": _CODENAME_WORDS,
            "named": _NAMED_WORDS, "subsidiary": _SUBSIDIARY_WORDS, "firm_word": _FIRM_WORDS}
        self.opener_groups.update({ORIGINAL_PREFIX + group: tuple(dict.fromkeys(normalise(w) for w in words))
                                   for group, words in self.original_words.items()})
        self._openers = KeywordGroups(self.opener_groups)
        _follower_table()  # built with the discoverer, not in its first article

    # ------------------------------------------------------------------ helpers
    def _without_generic_words(self, text: str) -> str:
        """``text`` with every generic word of two or more characters removed, longest first."""
        words = sorted(w for c in set(text) for w in self._generic_by_first.get(c, ()))
        for _, g in words:
            text = text.replace(g, "")
        return text

    def _names_a_line(self, rest: str) -> bool:
        """Whether what follows a parent firm's name in a legal name names a business of its own
        (汽车电子 of 某某科技汽车电子有限公司), not only trade words (科技 of the parent's own full name)."""
        return len(self._trade.sub("", rest)) >= 2

    def _cut_ends_at(self, norm: str, pos: int) -> bool:
        """Whether a cut word (旗下, 子公司, 包括 …) ends right at ``pos``."""
        if pos == 0 or norm[pos - 1] not in self._cut_lasts:
            return False  # no cut word ends with the character before ``pos``
        return any(c.end() == pos for c in self._cut.finditer(norm, max(0, pos - 4), pos))

    def _cut_run(self, run: str) -> str:
        """What follows the last cut word of ``run``."""
        if self._cut_firsts.isdisjoint(run):
            return run  # no cut word starts in it
        last = None
        for last in self._cut.finditer(run):
            pass
        return run[last.end():] if last is not None else run

    def _legal_stem(self, run: str) -> str | None:
        """The stem of a name with a legal suffix: what follows the last cut word and the last
        function character of the run before the suffix, if a name is left (中国某某银行 of
        中国某某银行股份有限公司, whose 中 and 行 would end a weaker name)."""
        stem = self._cut_run(run)
        if len(self._without_generic_words(stem)) < 2:
            # Only generic words after the last cut word: it is inside the name (某某投资发展有限公司);
            # the name starts after the cut word before it, or with the run.
            cuts = list(self._cut.finditer(run))
            starts = [c.end() for c in cuts[:-1]] or ([0] if cuts and cuts[0].start() > 0 else [])
            for s in reversed(starts):
                if len(self._without_generic_words(run[s:])) >= 2:
                    stem = run[s:]
                    break
        for i in range(len(stem) - 1, -1, -1):
            if stem[i] in self._legal_cut_chars:
                stem = stem[i + 1:]
                break
        if not 2 <= len(stem) <= 14 or len(self._without_generic_words(stem)) < 2:
            return None
        return stem

    def _company_stem(self, stem: str, max_len: int) -> str | None:
        # Keep only what follows the last cut word: "据悉深圳芯存微" -> "深圳芯存微".
        if not self._cut_firsts.isdisjoint(stem):
            last = None
            for m in self._cut.finditer(stem):
                last = m
            if last is not None:
                stem = stem[last.end():]
        if not 2 <= len(stem) <= max_len or stem in self._generic:
            return None
        if not self._stop_chars.isdisjoint(stem):
            return None
        if stem.endswith(self._verbs):
            return None  # 某某带动 + 半导体: the suffix word is the verb's object, not a name's end
        # A stem made only of generic words names nobody (美国科技, 国产芯片).
        # Single-character generics (光, 微, 新) only disqualify a stem that is exactly them.
        if len(self._without_generic_words(stem)) < 2:
            return None
        return stem

    def _organisations(self, scan: "Scan", norm: str, original: str, hits: _Hits, taken: Occupancy, out: list[Found]) -> None:
        for m in scan.matches("org", self._org):
            if not taken.free(m.start(), m.end()):
                continue  # every name below ends with the suffix, whose characters are claimed
            suffix = m.group(0)
            if len(suffix) == 1 and suffix not in self._standalone \
                    and hits.first_within(max(0, m.start() - 10), m.start(), self.place_ids) is None:
                continue  # as below, for whatever run stands before it (ten characters at most), before it is read
            run = _cjk_run_before(norm, m.start(), 10)
            if suffix in self._standalone and (not run or self._cut_run(run) == ""):
                # 财政部 on its own (…，财政部表示); with a country before it the rule below names both.
                add_free(Found("Organization", original[m.start():m.end()], m.start(), m.end(),
                               "discover.organization.body", roles=_org_roles(self._org_role[suffix])), taken, out)
                continue
            if not run:
                continue
            if len(suffix) == 1 and hits.first_within(m.start() - len(run), m.start(), self.place_ids) is None:
                continue  # a one-character suffix needs a place in its name (below): most 部, 局 have none
            stem_start = m.start() - len(run)
            last = None
            for c in self._cut.finditer(run):
                last = c
            if last is not None:
                stem_start += last.end()
            # The place the organisation belongs to, if its name starts with one.
            place = hits.first_within(stem_start, m.start(), self.place_ids)
            if place is not None:
                stem_start = place.start
                middle = norm[place.end:m.start()]
            else:
                middle = norm[stem_start:m.start()]
            if len(suffix) == 1 and (place is None or not 2 <= len(middle) <= 6):
                continue  # 美国南部 is a region, 美国商务部 a ministry
            shortest = 2
            if place is None:
                # 上交所, 深交所: an exchange is named by one character and 交所.
                shortest = 1 if suffix == "交所" else 2
                if len(middle) < shortest or len(self._without_generic_words(middle)) < shortest:
                    continue
            if shortest > 1 and not self._stop_chars.isdisjoint(middle):
                continue
            inside = hits.within(stem_start, m.start())
            if any(h.entity_id not in self.place_ids for h in inside):
                continue
            _absorbing_add(Found("Organization", original[stem_start:m.end()], stem_start, m.end(),
                                 "discover.organization.suffix", roles=_org_roles(self._org_role[suffix])),
                           inside, taken, out)

    def _listed_latin_companies(self, norm: str, original: str, hits: list[Hit], taken, out: list[Found]) -> None:
        # ``hits``: the catalog's firms.
        """Latin names listed with companies (Entegris、Siltronic与Moses Lake Industries共同构成…):
        an unknown capitalised name that is an item of a list whose neighbouring item is a company
        is a company too. Acronyms of four letters or fewer are left alone (CPU, PLC, IQE?).

        Worked outwards from the firms' edges (a separator, then a capitalised word), so the cost
        follows the number of firms, not of words; a name found becomes an edge in turn."""
        if not self.company_ids:
            return
        work = list(map(_START_END, hits))  # (start, end) of each, made in C
        work += [(f.start, f.end) for f in out if f.type == "Company"]
        used = taken.used
        while work:
            s, e = work.pop()
            # Each pattern needs a separator (or a bracket) or a space right next to the firm.
            c = original[e:e + 1]  # _opens_list_step(c, "(（"), inlined: a loop over every firm named
            m = _SEP_THEN_LATIN.match(original, e) if c in _LIST_STEPS_OR_BRACKETS or c.isspace() else None  # Firm、Name
            if m is not None and not used[m.end() - 1]:
                name = self._latin_name.match(original, m.end() - 1)
                if name is not None:
                    self._take_listed(name.group(1), name.start(1), name.end(1), taken, out, work)
            # Name、Firm or Name(gloss)、Firm: the name's last character (or the gloss's bracket) stands
            # two or three characters before the firm (most firms listed after another Chinese name).
            m = _LATIN_THEN_SEP.search(original, max(0, s - 3), s) \
                if s > 0 and (original[s - 1] in _LIST_SEPARATORS or original[s - 1].isspace()) \
                and (original[s - 2:s - 1] in _NAME_END or original[s - 3:s - 2] in _NAME_END) else None
            if m is None:
                continue
            k = m.start() + 1
            if original[k - 1] in ")）":
                g = max(original.rfind("(", max(0, k - 22), k), original.rfind("（", max(0, k - 22), k))
                if g < 0:
                    continue
                k = g
                while k > 0 and original[k - 1] == " ":
                    k -= 1
            if k == 0 or used[k - 1] or not _LATIN_UPPER.search(original, max(0, k - 60), k):
                continue
            name = self._latin_name_at_end.search(original, max(0, k - 60), k)  # the longest name ending at k
            if name is not None:
                self._take_listed(name.group(1), name.start(1), name.end(1), taken, out, work)

    def _take_listed(self, name: str, s0: int, e0: int, taken, out: list[Found], work: list) -> None:
        words = name.split()
        if (name.isupper() and len(name) <= 4) or name.lower() in self._generic_latin or name in _LATIN_ORG_HEADS \
                or words[0] in _LATIN_FUNCTION_WORDS or words[0].lower() in self._generic_latin \
                or not taken.free(s0, e0) or (s0 > 0 and taken.used[s0 - 1]):
            return  # the last: glued to a name before it (小米CyberDog), a firm's product, not a firm
        head = next((w for w in words if w in _LATIN_ORG_HEADS), None)
        if head is not None:  # Brown University: listed with firms, still a university
            out.append(Found("Organization", name, s0, e0, "discover.organization.listed",
                             roles=(_LATIN_ORG_HEADS[head],)))
        else:
            out.append(Found("Company", name, s0, e0, "discover.company.listed"))
        taken.append((s0, e0))
        work.append((s0, e0))

    # ------------------------------------------------------------------ rules
    # In order: a rule claims characters, and a later rule leaves claimed characters alone.
    RULES = ("policy_titles", "policy_rates", "policy_measures", "policy_suffixes", "people", "person_governments", "legal_companies", "trade_companies",
             "organisations", "zones", "inner_places", "finance_companies", "stock_coded_companies", "listed_cjk_companies", "bracketed_places", "named_companies", "latin_companies", "process_nodes", "codenames", "models", "numbered_products", "sibling_models", "described_products", "kind_chips", "brand_lines", "process_tools", "tool_classes", "cued_technologies",
             "listed_technologies", "fab_numbers")
    # The opener groups (``opener_groups``) a rule finds every name of its own with: an article none
    # of whose groups occurs in it (most articles, for a third of the rules) gives the rule nothing
    # to do, and the rule is not called. A rule not named here runs for every article.
    RULE_OPENERS = {
        "policy_titles": ("policy_title",), "policy_rates": ("percent",), "policy_measures": ("policy_measure",),
        "policy_suffixes": ("policy",), "people": ("roles", ORIGINAL_PREFIX + "roles"), "person_governments": ("headed",),
        "legal_companies": ("legal",), "trade_companies": ("trade",), "organisations": ("org",), "zones": ("zone",),
        "stock_coded_companies": ("bracket",), "bracketed_places": ("bracket",),
        "named_companies": (ORIGINAL_PREFIX + "named", ORIGINAL_PREFIX + "firm_word"),
        "process_nodes": ("node_unit", "node_context"), "codenames": (ORIGINAL_PREFIX + "codename",),
        "numbered_products": ("numbered",), "described_products": ("count_unit",), "kind_chips": ("kind_chip",),
        "brand_lines": ("bracket",), "process_tools": ("process_tool",), "tool_classes": ("tool_class",),
        "cued_technologies": ("tech_cue",), "fab_numbers": ("fab_number",)}

    def run(self, norm: str, original: str, hits: list[Hit], openers: dict[str, list[int]] | None = None) -> list[Found]:
        """The names found in an article; ``openers``, if given, are where the words of
        ``opener_groups`` start in ``norm`` (found by a scan shared with other passes)."""
        scan = self.scan(norm, original, hits, openers)
        present = scan.openers.keys()
        for rule, groups in self._rules:
            if groups is None or not present.isdisjoint(groups):
                rule(self, scan)
        return sorted(scan.out, key=_START_END_OF_FOUND)

    def scan(self, norm: str, original: str, hits: list[Hit], openers: dict[str, list[int]] | None = None) -> "Scan":
        """The article as the rules share it, before any rule has run."""
        of_kind: dict[str, list[Hit]] = {"place": [], "company": [], "technology": [], "person": [], "chip": []}
        kind_of = self._kind_of
        for h in hits:
            kind = kind_of.get(h.entity_id)
            if kind is not None:
                of_kind[kind].append(h)
        return Scan(norm, original, hits, _Hits(hits), Occupancy.covering(len(norm), map(_START, hits), map(_END, hits), len(hits)),
                    self._openers.starts(norm) if openers is None else openers, of_kind, self.original_words)

    def _rule_codenames(self, scan: "Scan") -> None:
        """A code name (代号「某某」) names a chip when its sentence speaks of chips or processors
        within a few characters of it: news names a product line by its code name long before the
        catalog can."""
        norm, original = scan.norm, scan.original
        for m in scan.original_matches("codename", self._codename):
            lo = max(0, m.start() - CODENAME_CUE_WINDOW)
            hi = min(len(norm), m.end() + CODENAME_CUE_WINDOW)
            if self._chip_cue.search(norm, lo, hi):
                scan.add(Found("Chip", m.group(1), m.start(1), m.end(1), "discover.chip.codename"))

    def _rule_policy_titles(self, scan: "Scan") -> None:
        """《...》 titles are unambiguous."""
        norm, original, sorted_hits = scan.norm, scan.original, scan.sorted_hits
        for m in scan.matches("policy_title", self._policy_title):
            g = 1 if m.group(1) is not None else 2
            title = m.group(g)
            inside = list(sorted_hits.within(m.start(g), m.end(g)))
            if g == 2 and not (self._policy_title_end.search(title) and (
                    any(h.entity_id in self.place_ids for h in inside)
                    or self._policy_topic is not None and self._policy_topic.search(title)
                    or self._policy_enacted is not None and self._policy_enacted.search(norm, max(0, m.start() - 3), m.start()))):
                continue
            if g == 2 or self._policy_title_word.search(title):
                f = Found("Policy", original[m.start(g):m.end(g)], m.start(g), m.end(g), "discover.policy.title")
                # A title names the whole policy: a place in it (《安徽省集成电路产业促进条例》) is part of it.
                if inside and all(h.entity_id in self.place_ids for h in inside):
                    _absorbing_add(f, inside, scan.taken, scan.out)
                else:
                    scan.add(f)

    def _rule_policy_rates(self, scan: "Scan") -> None:
        """A levy named by its rate: 15%的税费, 25%关税."""
        if self._policy_rate is None:
            return
        percent = scan.openers.get("percent")
        if not percent:
            return  # the rate's sign is in every match
        # It stands one to six characters after the match's start: the pattern is tried only there
        # (it opens with a digit, and digits are everywhere in news).
        norm = scan.norm
        # Of those, only where a number starts (a digit with no digit or point before it) can it match.
        starts = sorted({k for p in percent for k in range(max(0, p - 6), p)
                         if norm[k].isdecimal() and (k == 0 or norm[k - 1] not in _DIGITS_OR_POINT)})
        for m in matches_at(self._policy_rate, norm, starts):
            scan.add(Found("Policy", scan.original[m.start():m.end()], m.start(), m.end(), "discover.policy.rate"))

    def _rule_policy_measures(self, scan: "Scan") -> None:
        """A measure named by what it forbids: 禁售某芯片的命令; the names in it stay named, nested."""
        if self._policy_measure is None:
            return
        for m in scan.matches("policy_measure", self._policy_measure):
            f = Found("Policy", scan.original[m.start():m.end()], m.start(), m.end(), "discover.policy.measure")
            inside = scan.sorted_hits.within(m.start(), m.end())
            if inside:
                _absorbing_add(f, inside, scan.taken, scan.out)
            else:
                scan.add(f)

    def _rule_policy_suffixes(self, scan: "Scan") -> None:
        norm, original, sorted_hits = scan.norm, scan.original, scan.sorted_hits
        for m in scan.matches("policy", self._policy):
            stem_start = m.start()
            while stem_start > 0 and m.start() - stem_start < 10 and (
                    _is_cjk(norm[stem_start - 1]) or "a" <= norm[stem_start - 1] <= "z"):
                stem_start -= 1
            if norm.startswith("年", stem_start) and stem_start > 0 and norm[stem_start - 1].isdigit() \
                    and not norm.startswith("年度", stem_start):
                stem_start += 1  # 2021年启动某某计划: the year is no part of the name
            start = stem_start + self._policy_name_start(norm[stem_start:m.start()])
            # A catalog name inside the stem (美国 in 美国出口管制) is the issuer, not the policy; a
            # leader's name opening it (某总统关税政策) is part of the policy's name, nested.
            leader = None
            for h in sorted_hits.within(start, m.start()):  # in order of start, as start only grows
                if start <= h.start:
                    start = max(start, h.end)
                    leader = h if h.end == m.start() and h.entity_id in self.person_ids else None
            if leader is not None:
                if m.end() - leader.end >= 2:
                    _absorbing_add(Found("Policy", original[leader.start:m.end()], leader.start, m.end(),
                                         "discover.policy.suffix"), [leader], scan.taken, scan.out)
            elif start == m.start() and m.group(0) in self._policy_standalone:
                scan.add(Found("Policy", original[start:m.end()], start, m.end(), "discover.policy.suffix"))
            elif m.end() - start >= 4 and (start < m.start() or m.group(0) not in self._policy_needs_name) and (
                    len(m.group(0)) >= 4 or len(self._without_generic_words(norm[start:m.start()])) >= 2):
                # 海外制裁 names no policy: a short suffix needs a name of its own before it.
                scan.add(Found("Policy", original[start:m.end()], start, m.end(), "discover.policy.suffix"))

    def _policy_name_start(self, stem: str) -> int:
        """Where a policy's name starts in the run before its suffix: after the last cut word, or
        function character other than the 对 of 对华."""
        start = 0
        if self._policy_cut is not None:
            for c in self._policy_cut.finditer(stem):
                start = max(start, c.end())
        for i in range(len(stem) - 1, start - 1, -1):
            if stem[i] in self._legal_cut_chars and not stem.startswith("对华", i):
                return i + 1
        return start

    def _rule_people(self, scan: "Scan") -> None:
        """People by role words: 首席执行官张伟, CEO Jane Smith."""
        norm, original = scan.norm, scan.original
        # First: a name closed by what the person says is whole (范德林登 is not 范德林).
        if self._person_framed is not None:
            for m in scan.matches("roles", self._person_framed):
                if not self._person_frame_stop.intersection(m.group(2)):
                    scan.add(Found("Person", original[m.start(2):m.end(2)], m.start(2), m.end(2),
                                   "discover.person.framed", role=m.group(1), role_start=m.start(1)))
        for m in scan.matches("roles", self._person_cn):
            end = m.end(2)
            # Two-character given names are common; a third character that starts a verb
            # (表示, 称, 指出 ...) belongs to the sentence, not the name.
            if end - m.start(2) == 3 and (norm[end - 1] in _AFTER_NAME or norm.startswith(_WORDS_AFTER_NAME, end - 1)):
                end -= 1
            if end - m.start(2) == 2 and norm[end - 1] in _AFTER_NAME:
                continue  # 董事曾在…: a surname-like character and a verb, no name
            scan.add(Found("Person", original[m.start(2):end], m.start(2), end, "discover.person.role",
                           role=m.group(1), role_start=m.start(1)))
        for m in scan.original_matches("roles", self._person_en):
            scan.add(Found("Person", m.group(2), m.start(2), m.end(2), "discover.person.role.en",
                           role=m.group(1).lower(), role_start=m.start(1)))
        self._people_by_family_name(scan)

    def _people_by_family_name(self, scan: "Scan") -> None:
        """A person named in full once and later by the family name alone, when speaking: 小池 of
        小池敦义, 基辛格 of 帕特·基辛格 (小池强调……)."""
        if self._person_framed is None:
            return
        norm, original = scan.norm, scan.original
        short: dict[str, str] = {}
        for f in list(scan.out):
            if f.type != "Person":
                continue
            name = norm[f.start:f.end]
            parts = re.split(r"[·・]", name)
            form = parts[-1] if len(parts) > 1 else (name[:2] if len(name) == 4 else "")
            if len(form) >= 2:
                short.setdefault(form, f.name)
        for form, full in sorted(short.items()):
            for m in re.finditer(rf"{re.escape(form)}(?=(?:也|则|亦|更|再)?(?:{self._speech}))", norm):
                scan.add(Found("Person", full, m.start(), m.end(), "discover.person.family-name"))

    def _rule_person_governments(self, scan: "Scan") -> None:
        """A government named by its head (拜登政府, 川普政府): a body the named person leads."""
        norm, original = scan.norm, scan.original
        if "headed" not in scan.openers:
            return  # most articles name no government
        for h in scan.of_kind["person"]:
            if norm.startswith(_HEADED_BODIES, h.end):
                word = next(w for w in _HEADED_BODIES if norm.startswith(w, h.end))
                _absorbing_add(Found("Organization", original[h.start:h.end + len(word)], h.start, h.end + len(word),
                                     "discover.organization.headed", roles=_org_roles("GovernmentAgency")),
                               [h], scan.taken, scan.out)

    def _rule_legal_companies(self, scan: "Scan") -> None:
        """Legal suffixes (有限公司, 股份有限公司) after a name stem: the strongest sign of a firm."""
        norm, original, sorted_hits = scan.norm, scan.original, scan.sorted_hits
        for m in scan.matches("legal", self._legal):
            name_end = m.start()
            bracket = _bracket_before(norm, name_end)
            if bracket is not None:
                # 某某电子(深圳)有限公司, 某某(集团)有限公司: a place or a group word in brackets
                # between the name and its legal suffix belongs to the name.
                inner = norm[bracket + 1:name_end - 1]
                if not (inner in _BRACKETED_WORDS or self._place_covers(sorted_hits, bracket + 1, name_end - 1)):
                    continue
                name_end = bracket
            run = _cjk_run_before(norm, name_end, 16)
            stem = self._company_stem(run, 12) if len(run) >= 2 else None
            if stem is None and len(run) >= 2:
                # A city name may hold a character no name stem has (上 of 上海微纳仪器有限公司):
                # judge the stem after the last place in the run, and start the name at that place.
                places = [h for h in sorted_hits.within(name_end - len(run), name_end) if h.entity_id in self.place_ids]
                if places and self._company_stem(norm[places[-1].end:name_end], 12) is not None:
                    stem = norm[places[-1].start:name_end]
            if stem is None and len(run) >= 2 and m.group(0).endswith("公司"):
                stem = self._legal_stem(run)
            if stem is not None:
                start = name_end - len(stem)
                # A legal name may start with its city (深圳芯存微电子有限公司): absorb place hits
                # that sit inside the name instead of letting them block it.
                # A subsidiary's legal name may start with its parent's (某某电子汽车电子(天津)有限公司):
                # the parent stays named inside it.
                # A site's company named after the site (某某晶圆制造(上海)有限公司 after the fab
                # 某某晶圆) holds the site's name too.
                inside = [h for h in sorted_hits.within(start, m.start()) if h.entity_id in self.place_ids
                          or h.entity_id in self.company_ids and h.start == start and m.group(0).endswith("公司")
                          and self._names_a_line(norm[h.end:name_end])
                          or h.start == start and m.group(0).endswith("有限公司") and h.entity_id not in self.company_ids
                          and h.entity_id not in self.technology_ids]
                f = Found("Company", original[start:m.end()], start, m.end(), "discover.company.legal")
                if inside:
                    _absorbing_add(f, inside, scan.taken, scan.out)
                else:
                    scan.add(f)

    def _place_covers(self, hits: "_Hits", s: int, e: int) -> bool:
        inside = hits.within(s, e)
        return len(inside) == 1 and inside[0].entity_id in self.place_ids and (inside[0].start, inside[0].end) == (s, e)

    def _rule_trade_companies(self, scan: "Scan") -> None:
        """Trade suffixes (科技, 微电子) after a short stem: a weak sign, so the stem is short."""
        norm, original, taken = scan.norm, scan.original, scan.taken
        place_ends = {h.end: h for h in scan.of_kind["place"]}
        for m in scan.matches("trade", self._trade):
            p = m.start()
            if not taken.free(p, m.end()):
                continue  # whatever name it would end, the suffix's characters are claimed (a catalog name's)
            cjk = len(_cjk_run_before(norm, p, 4))  # a stem is Chinese characters only
            for length in (2, 3, 4):  # shortest stem first, as a lazy pattern would
                s0 = p - length
                if length > cjk:
                    break
                place = place_ends.get(s0)
                if s0 == 0 or not _is_cjk(norm[s0 - 1]) or norm[s0 - 1] in _TRADE_LEFT or place is not None \
                        or self._cut_ends_at(norm, s0):
                    stem = self._company_stem(norm[s0:p], 4)
                    if stem is None:
                        break
                    start = p - len(stem)
                    if place is not None and start == s0 and taken.free(start, m.end()):
                        # 苏州 + 盛芯 + 科技: the city is part of the firm's name.
                        _absorbing_add(Found("Company", original[place.start:m.end()], place.start, m.end(),
                                             "discover.company.trade"), [place], taken, scan.out)
                    else:
                        scan.add(Found("Company", original[start:m.end()], start, m.end(), "discover.company.trade"))
                    break

    def _rule_organisations(self, scan: "Scan") -> None:
        self._organisations(scan, scan.norm, scan.original, scan.sorted_hits, scan.taken, scan.out)

    def _rule_zones(self, scan: "Scan") -> None:
        """Zones and parks: a place's name, a short name or both before a zone word (某市高新区,
        台南科学园区, 东湖高新区) make a Place; the place in it stays named, nested."""
        if self._zone is None:
            return
        norm, original = scan.norm, scan.original
        for m in scan.matches("zone", self._zone):
            run = self._cut_run(_cjk_run_before(norm, m.start(), 8))
            start = m.start() - len(run)
            places = [h for h in scan.sorted_hits.within(start, m.start()) if h.entity_id in self.place_ids]
            if places:
                start = places[0].start
                rest = norm[places[-1].end:m.start()].lstrip("省市县区")
            else:
                rest = run
            if rest:
                stem = self._company_stem(rest, 4)
                if stem is None:
                    continue
                if not places:
                    start = m.start() - len(stem)
            elif not places:
                continue
            scan.add_over_places(Found("Place", original[start:m.end()], start, m.end(), "discover.place.zone"),
                                 self.place_ids)

    def _rule_inner_places(self, scan: "Scan") -> None:
        """A place named right after the place it lies in: glossed in Latin (某州坦帕(Tampa)) or
        with a district's, city's or county's word (东京都千代田区, 某县某某市). Its later mentions
        without the outer place (坦帕的新厂) name it too."""
        norm, original, taken = scan.norm, scan.original, scan.taken
        names: dict[str, str] = {}
        used = taken.used
        for h in scan.of_kind["place"]:
            e = h.end
            if used[e] or not ("\u4e00" <= norm[e:e + 1] <= "\u9fff" or "\u4e00" <= original[e:e + 1] <= "\u9fff"):
                continue  # claimed, or no Chinese name follows (both patterns below open with one)
            # A Latin gloss vouches for a transliteration (某州坦帕(Tampa)) inside a state, province or
            # city (after a country it may gloss a firm or a person); a suffix alone does not.
            # Each pattern is tried only if its bracket or its suffix stands where it may.
            m = _GLOSSED_PLACE.match(original, e) if h.entity_id not in self.country_ids \
                and not _OPENING_BRACKETS.isdisjoint(original[e + 2:e + 6]) else None
            if m is None:
                m = _SUFFIXED_PLACE.match(norm, e) if not _PLACE_SUFFIXES.isdisjoint(norm[e + 2:e + 5]) else None
                if m is None or not self._stop_chars.isdisjoint(m.group(1)):
                    continue
            if any(w in norm[m.start(1):m.end(1)] for w in _NOT_PLACE_WORDS):
                continue
            s0, e0 = m.start(1), m.end(1)
            if not taken.free(s0, e0):
                continue
            f = Found("Place", original[s0:e0], s0, e0, "discover.place.inner")
            scan.add(f)
            names.setdefault(norm[s0:e0], original[s0:e0])
        # A city or district after 位于 (位于某某市的工厂): a place may lie inside its name (东广岛市).
        for m in scan.matches("at_place", _AT_SUFFIXED_PLACE):
            s0, e0 = m.start(1), m.end(1)
            if not self._stop_chars.isdisjoint(m.group(1)) or any(w in m.group(1) for w in _NOT_PLACE_WORDS):
                continue
            inside = scan.sorted_hits.within(s0, e0)
            if inside and norm[s0:e0] in {norm[h.start:h.end] for h in inside}:
                continue  # the catalog's own name of the place
            before = len(scan.out)
            scan.add_over_places(Found("Place", original[s0:e0], s0, e0, "discover.place.inner"), self.place_ids)
            if len(scan.out) > before:
                names.setdefault(norm[s0:e0], original[s0:e0])
        for key, name in names.items():
            k = norm.find(key)
            while k >= 0:
                if taken.free(k, k + len(key)):
                    scan.add(Found("Place", name, k, k + len(key), "discover.place.inner"))
                k = norm.find(key, k + len(key))

    def _rule_finance_companies(self, scan: "Scan") -> None:
        """Banks, funds and investment houses: 某某银行, 湖南省集成电路产业基金, 某某国投. A name
        that starts with a place may name a kind after it (集成电路); one without must name itself.
        Then the subsidiaries and holdings that money and ownership news names (_branch_companies)."""
        if self._finance is None:
            self._branch_companies(scan)
            return
        norm, original = scan.norm, scan.original
        for m in scan.matches("finance", self._finance):
            run = self._cut_run(_cjk_run_before(norm, m.start(), 10))
            start = m.start() - len(run)
            place = scan.sorted_hits.first_within(start, m.start(), self.place_ids)
            if place is not None:
                start = place.start
                middle = norm[place.end:m.start()].lstrip("省市")
                if not self._stop_chars.isdisjoint(self._without_generic_words(middle)):
                    continue
            else:
                stem = self._company_stem(run, 4)
                if stem is None:
                    continue
                start = m.start() - len(stem)
            end = m.end() + 2 if m.group(0).endswith("基金") and _PHASE.match(norm, m.end()) else m.end()
            scan.add_over_places(Found("Company", original[start:end], start, end, "discover.company.finance"),
                                 self.place_ids)
        self._branch_companies(scan)

    def _branch_companies(self, scan: "Scan") -> None:
        """Subsidiaries named after their parent or their kind: 某某控股 right after 子公司 or 旗下,
        firms set up under the parent's name (合资设立某某集成和某某微电子), and a Latin name right
        after 子公司. Each holds its parent's name (partOf)."""
        norm, original = scan.norm, scan.original
        # 子公司GWA: a Latin name right after the word for a subsidiary is a firm.
        for m in scan.original_matches("subsidiary", _SUBSIDIARY_LATIN):
            scan.add(Found("Company", m.group(1), m.start(1), m.end(1), "discover.company.branch"))
        if not any(w in norm for w in _FOUNDING_CORES):
            return  # no firm below can pass either test (most articles name no founding)
        listed_to = -1  # where the last firm set up under its parent's name ends
        firms = scan.of_kind["company"]  # in the order of ``hits``
        for h in firms if scan.sorted_hits.in_order else sorted(firms, key=_START_END):  # of ``sorted_hits``
            # 旗下子公司某某控股(…)、: a subsidiary's holding name after its parent's short name;
            # 合资设立某某集成和某某微电子: firms set up under their parent's name.
            lo = h.start - 4 if h.start > 4 else 0  # the four characters before the firm
            founding = norm.endswith(_FOUNDING, lo, h.start)  # 子公司 and 旗下 among them
            if not founding and listed_to < 0:
                continue  # most firms: neither test below can pass
            held = _HOLDING.match(norm, h.end) if norm.endswith(("子公司", "旗下"), lo, h.start) else None
            if held is None and (founding or listed_to >= 0 and norm[listed_to:h.start] in _LIST_MARKS):
                held = _FOUNDED.match(norm, h.end)
                listed_to = held.end(1) if held is not None else -1
            if held is not None:
                _absorbing_add(Found("Company", original[h.start:held.end(1)], h.start, held.end(1),
                                     "discover.company.branch"), [h], scan.taken, scan.out)

    def _rule_stock_coded_companies(self, scan: "Scan") -> None:
        """A short name followed by a stock code in brackets (某某（2464）) is a listed firm."""
        norm, original = scan.norm, scan.original
        # A code's first digit right after its bracket (\d is str.isdecimal): tried only there.
        codes = [k for k in scan.openers.get("bracket", ()) if norm[k + 1:k + 2].isdecimal()]
        for m in matches_at(_STOCK_CODED, norm, codes):
            code = norm[m.start() + 1:m.start() + 5]
            if code.startswith(("19", "20")) and norm[m.start() + 5] in ")）":
                continue  # （2024）: a year
            run = self._cut_run(_cjk_run_before(norm, m.start(), 5))
            if len(run) < 2 or not self._legal_cut_chars.isdisjoint(run) or run in self._generic \
                    or len(self._without_generic_words(run)) < 2:
                continue
            scan.add(Found("Company", original[m.start() - len(run):m.start()], m.start() - len(run), m.start(),
                           "discover.company.stock-code"))

    def _rule_listed_cjk_companies(self, scan: "Scan") -> None:
        """A short unknown name listed with firms (某某、乙丙、台积电等) is a firm too: an item of
        two to four Chinese characters between enumeration commas (or before 等 / after 和) next to a
        firm. Worked outwards from the firms, so a name found is an edge in turn."""
        norm, original, taken = scan.norm, scan.original, scan.taken
        work = list(map(_START_END, scan.of_kind["company"]))  # (start, end) of each, made in C
        work += [(f.start, f.end) for f in scan.out if f.type == "Company"]
        while work:
            s, e = work.pop()
            if e < len(norm) and norm[e] in "、和与及":  # firm、ITEM or firm和ITEM的
                item = (_LIST_ITEM_AFTER if norm[e] == "、" else _LAST_ITEM_AFTER).match(norm, e + 1)
                if item is not None:
                    self._take_listed_cjk(scan, item.start(), item.end(), work)
            if s >= 2 and norm[s - 1] in "、和与及":  # ITEM、firm
                item = _LIST_ITEM_BEFORE.search(norm, max(0, s - 6), s - 1)
                if item is not None and (norm[s - 1] == "、" or item.start(1) > 0 and norm[item.start(1) - 1] == "、"):
                    self._take_listed_cjk(scan, item.start(1), item.end(1), work)

    def _take_listed_cjk(self, scan: "Scan", s0: int, e0: int, work: list) -> None:
        name = scan.norm[s0:e0]
        # Bounded by separators on both sides, an item is no phrase: only function characters rule it out.
        if (not scan.taken.free(s0, e0) or name in self._generic or not self._legal_cut_chars.isdisjoint(name)
                or name.endswith(self._verbs) or len(self._without_generic_words(name)) < 2):
            return
        scan.out.append(Found("Company", scan.original[s0:e0], s0, e0, "discover.company.listed"))
        scan.taken.append((s0, e0))
        work.append((s0, e0))

    def _rule_bracketed_places(self, scan: "Scan") -> None:
        """A firm's name followed by its place in brackets (某某科技（苏州）) is one name; so is a
        name that ends with an industry word before a bracketed place (某某集成电路制造（成都）)."""
        norm, out = scan.norm, scan.out
        for b in scan.openers.get("bracket", ()):  # brackets are far fewer than catalog hits
            h = scan.sorted_hits.starting_at(b + 1, b + 9)
            if h is None or h.entity_id not in self.place_ids or h.start < 3 or h.end >= len(norm) \
                    or norm[h.end] not in ")）" or not scan.taken.free(h.start - 1, h.start):
                continue
            firm = next((x for x in scan.sorted_hits.within(max(0, h.start - 31), h.start - 1)
                         if x.end == h.start - 1 and x.entity_id in self.company_ids), None)
            if firm is not None and _LEGAL_AFTER_BRACKET.match(norm, h.end + 1):
                # A catalog firm with a place in brackets and a firm word (某某（北京）公司) is its
                # subsidiary registered there, a firm of its own.
                f = Found("Company", scan.original[firm.start:h.end + 1], firm.start, h.end + 1,
                          "discover.company.bracketed")
                _absorbing_add(f, [firm, h], scan.taken, out)
                continue
            run = _cjk_run_before(norm, h.start - 1, 14)
            head = _INDUSTRY_END.search(run)
            stem = self._legal_stem(run) if head is not None else None
            if stem is None or len(stem) <= len(head.group(0)):
                continue
            start = h.start - 1 - len(stem)
            nested = [x for x in scan.sorted_hits.within(start, h.start - 1) if x.entity_id in self.place_ids
                      or x.entity_id in self.company_ids and x.start == start and self._names_a_line(norm[x.end:h.start - 1])]
            f = Found("Company", scan.original[start:h.end + 1], start, h.end + 1, "discover.company.bracketed")
            _absorbing_add(f, [*nested, h], scan.taken, out)
        for i, f in enumerate(out):
            if f.type != "Company" or f.end >= len(norm) or norm[f.end] not in "(（":
                continue
            close = next((k for k in range(f.end + 2, min(len(norm), f.end + 8)) if norm[k] in ")）"), None)
            if close is None or not self._place_covers(scan.sorted_hits, f.end + 1, close):
                continue
            place = scan.sorted_hits.within(f.end + 1, close)
            scan.taken.release(f.end + 1, close)
            if not scan.taken.free(f.end, close + 1):
                scan.taken.append((f.end + 1, close))
                continue
            scan.taken.append((f.end, close + 1))
            out[i] = replace(f, name=scan.original[f.start:close + 1], end=close + 1,
                             absorbed=f.absorbed + tuple((h.start, h.end, h.entity_id) for h in place))

    def _rule_named_companies(self, scan: "Scan") -> None:
        """Naming phrases (一家名为X的公司) and Latin names before 公司 (Enosemi公司)."""
        original = scan.original
        for m in scan.original_matches("named", self._named):
            name = m.group(1).strip()
            if len(name) >= 2 and self._stop_chars.isdisjoint(name):
                scan.add(Found("Company", name, m.start(1), m.start(1) + len(name), "discover.company.named"))
        for m in scan.latin_matches_before(self._ascii_company, "firm_word", (3, 25)):
            if m.group(1).lower() not in self._generic_latin:
                scan.add(Found("Company", m.group(1), m.start(1), m.end(1), "discover.company.latin"))

    def _rule_latin_companies(self, scan: "Scan") -> None:
        """English names with a company suffix (Apple Inc), and Latin names listed with firms."""
        original = scan.original
        for m in scan.latin_matches_up_to(self._en_company, "en_suffix"):
            name = m.group(0)
            if m.group(1).split()[0].lower() in {"the", "a", "an", "and", "of", "in"}:
                continue
            scan.add(Found("Company", name, m.start(), m.end(), "discover.company.en"))
        self._listed_latin_companies(scan.norm, original, scan.of_kind["company"], scan.taken, scan.out)

    def _node_matches(self, scan: "Scan"):
        """``self._node.finditer(norm)``, but for node tokens (N3E) with no process word (``node_context``)
        within the window the rule reads around them: the pattern is run only near a unit (nm, 纳米) or
        such a word, as digits are everywhere in news. No match of it can start inside another, so
        each place it matches at is one of the whole text's matches."""
        norm = scan.norm
        # A number's unit stands at most six characters after its start; a token (four characters at
        # most) needs a word of two or more characters wholly within 20 characters of it.
        spans = sorted([*((max(0, u - 6), u) for u in scan.openers.get("node_unit", ())),
                        *((max(0, q - 22), q + 21) for q in scan.openers.get("node_context", ()))])
        stretches: list[list[int]] = []
        for s, e in spans:
            if stretches and s <= stretches[-1][1]:
                stretches[-1][1] = max(stretches[-1][1], e)
            else:
                stretches.append([s, e])
        for lo, hi in stretches:
            # Run on to ten characters past the stretch, so that no match starting in it is cut.
            for m in self._node.finditer(norm, lo, min(len(norm), hi + 10)):
                if m.start() >= hi:
                    break
                yield m

    def _rule_process_nodes(self, scan: "Scan") -> None:
        norm = scan.norm
        for m in self._node_matches(scan):
            ctx_before, ctx_after = norm[max(0, m.start() - 8):m.start()], norm[m.end():m.end() + 8]
            if m.group(2):
                if self._wave.search(ctx_before) or self._wave.search(ctx_after):
                    continue
                number = norm[m.start():m.end(1)]
                if not (0.5 <= float(number) <= 350):
                    continue
                name = f"{number}nm"
            else:
                token = norm[m.start():m.end(3)]
                # N3E / 18A / 1c only when the context talks about processes.
                window = norm[max(0, m.start() - 20):m.end() + 20]
                if not self._node_ctx.search(window):
                    continue
                name = token.upper() if token[0] == "n" else token.upper() if token[-1] == "a" else token
                if len(token) == 2 and norm.startswith("节点", m.end()):
                    # 1c节点: a DRAM generation is named with its word.
                    scan.add(Found("ProcessNode", name, m.start(), m.end() + 2, "discover.node"))
                    continue
            scan.add(Found("ProcessNode", name, m.start(), m.end(), "discover.node"))
        # 一点六纳米, 十四纳米: a node written in Chinese numerals.
        # Found from the unit backwards: numerals are everywhere in Chinese text, 纳米 is rare.
        for unit in scan.matches("nm", _NM_WORD):
            m = _CN_NODE.search(norm, max(0, unit.start() - 8), unit.end())
            if m is None or m.end() != unit.end():
                continue
            if len(m.group(1)) == 1 and not m.group(2) and m.start() > 0 and _is_cjk(norm[m.start() - 1]) \
                    and norm[m.start() - 1] not in _BEFORE_CN_NODE:
                continue  # 均一纳米结构: a numeral ending a word
            value = _cn_number(m.group(1), m.group(2))
            if value is not None and 0.5 <= value <= 350 and not self._wave.search(norm[max(0, m.start() - 8):m.end() + 8]):
                f = Found("ProcessNode", f"{value:g}nm", m.start(), m.end(), "discover.node.chinese")
                # 二纳米 inside 一点二纳米 is the catalog's 2nm: the longer number replaces it.
                inside = [h for h in scan.sorted_hits.within(m.start(), m.end()) if (h.start, h.end) != (m.start(), m.end())]
                if inside and all(self._cn_node_hit(norm, h) for h in inside):
                    _absorbing_add(f, inside, scan.taken, scan.out)
                else:
                    scan.add(f)

    @staticmethod
    def _cn_node_hit(norm: str, h) -> bool:
        """Whether a catalog hit is a node written in Chinese numerals (二纳米)."""
        return _CN_NODE.fullmatch(norm, h.start, h.end) is not None

    def _rule_models(self, scan: "Scan") -> None:
        """Chip and equipment model numbers, typed by a cue word in the same clause."""
        norm, original = scan.norm, scan.original
        # Each pattern's letters stop where the run of letters does (a space, a digit or a colon
        # follows them), which says where it may match.
        models = sorted([*scan.latin_matches(self._spaced_model, capital=True, follower=" ", lengths=(3, 16)),
                         *scan.latin_matches(self._model, follower="0", lengths=(1, 6)),
                         *scan.latin_matches(self._spaced_short, capital=True, follower=" ", lengths=(2, 2)),
                         *scan.latin_matches(self._colon_model, capital=True, follower=":", lengths=(2, 5))],
                        key=lambda m: m.start())
        family: dict[str, tuple[str, str]] = {}  # letter prefix (AX of AX-9) -> the type a cue gave it
        uncued = []
        for m in models:
            token = m.group(1)
            if _NOT_A_MODEL.fullmatch(token):
                continue
            clause = norm[max(0, m.start() - 15):m.end() + 15]
            if self._arch_head is not None and self._arch_head.match(norm, m.end()):
                # LA264架构, X86 instruction set: the number names a design, not a part.
                typ, rule = "Technology", "discover.technology.model"
            elif self._equip_cue.search(clause):
                typ, rule = "Equipment", "discover.equipment.model"
            elif self._chip_cue.search(clause):
                typ, rule = "Chip", "discover.chip.model"
            else:
                uncued.append(m)
                continue
            family.setdefault(_model_prefix(token), (typ, rule))
            scan.add(Found(typ, token, m.start(1), m.end(1), rule))
        # A sibling of a typed model (AX-5 beside the AX-9 chip) is of its kind, cue word or not.
        for m in uncued:
            kind = family.get(_model_prefix(m.group(1)))
            if kind is not None:
                scan.add(Found(kind[0], m.group(1), m.start(1), m.end(1), kind[1]))

    def _rule_sibling_models(self, scan: "Scan") -> None:
        """A number a catalog chip is named by, with another letter (910D beside 910C): a sibling
        of that chip, cue word or not; its family name right before it (昇腾910D) is part of it."""
        if not self.chip_ids:
            return
        norm, original = scan.norm, scan.original
        known: dict[str, set[str]] = {}  # number -> the letters catalog chips of the article carry after it
        for h in scan.of_kind["chip"]:
            if not "a" <= norm[h.end - 1] <= "z":
                continue  # no number and letters end the name (the letters are the pattern's last)
            m = _NUMBER_LETTER.search(norm, h.start, h.end)
            if m is not None and m.end() == h.end:
                known.setdefault(m.group(1), set()).add(m.group(2))
        if not known:
            return
        for m in _NUMBER_LETTER.finditer(norm):
            letters = known.get(m.group(1))
            if letters is None or m.group(2) in letters or not scan.taken.free(m.start(), m.end()):
                continue
            family = next((h for h in scan.sorted_hits.within(max(0, m.start() - 8), m.start())
                           if h.end == m.start() and h.entity_id in self.chip_ids), None)
            start = family.start if family is not None else m.start()
            f = Found("Chip", original[start:m.end()], start, m.end(), "discover.chip.sibling")
            if family is not None:
                _absorbing_add(f, [family], scan.taken, scan.out)
            else:
                scan.add(f)

    def _rule_numbered_products(self, scan: "Scan") -> None:
        """A chip line numbered by 号 after its brand (某某一号, 星河二号) in a clause about chips,
        and its siblings (某某三号) wherever they stand; a maker's name as the brand is nested."""
        norm, original = scan.norm, scan.original
        typed: set[str] = set()
        pending = []
        for m in scan.matches("numbered", _NUMBERED):
            num = m.start()
            if num < 2 or not _is_cjk_run(norm, num - 2, num):
                continue  # a brand of two Chinese characters before the numeral
            maker = next((h for h in scan.sorted_hits.within(max(0, num - 8), num)
                          if h.end == num and h.entity_id in self.company_ids), None)
            start = maker.start if maker is not None else num - 2
            brand = norm[start:num]
            if maker is None and (not self._stop_chars.isdisjoint(brand) or brand in self._generic):
                continue
            clause = norm[max(0, start - 15):m.end() + 15]
            if self._chip_cue.search(clause) or brand in typed:
                typed.add(brand)
                self._add_numbered(scan, start, m.end(), maker)
            else:
                pending.append((brand, start, m.end(), maker))
        for brand, start, end, maker in pending:
            if brand in typed:
                self._add_numbered(scan, start, end, maker)

    def _add_numbered(self, scan: "Scan", start: int, end: int, maker) -> None:
        f = Found("Chip", scan.original[start:end], start, end, "discover.chip.numbered")
        if maker is not None:
            _absorbing_add(f, [maker], scan.taken, scan.out)
        else:
            scan.add(f)

    def _rule_described_products(self, scan: "Scan") -> None:
        """A memory or chip product named by its capacity or layer count and kind: 16Gb DDR5 DRAM,
        200层TLC 3D NAND闪存."""
        if self._described is None:
            return
        norm = scan.norm
        # A count's unit (层, gb, tb, g) follows its one to four digits, maybe after a space: the
        # pattern (which opens with a digit) is tried only up to five characters before a unit
        # that a digit or a digit and a space stand right before.
        starts = sorted({k for p in scan.openers.get("count_unit", ())
                         if p > 0 and (norm[p - 1].isdigit() or p > 1 and norm[p - 1].isspace() and norm[p - 2].isdigit())
                         for k in range(max(0, p - 5), p)
                         # the count's first digit: no digit, letter or point before it
                         if norm[k].isdecimal() and (k == 0 or norm[k - 1] not in _DIGITS_LETTERS_OR_POINT)})
        for m in matches_at(self._described, norm, starts):
            if not self._product_kind.search(scan.norm, m.start(), m.end()):
                continue  # 8gb内存, 64g存储: a size, not a product
            f = Found("Chip", scan.original[m.start():m.end()], m.start(), m.end(), "discover.chip.described")
            # The kinds it is named by (DDR5, 3D NAND) are catalog technologies it uses: nested in its name.
            inside = scan.sorted_hits.within(m.start(), m.end())
            if inside and not any(h.entity_id in self.place_ids or h.entity_id in self.company_ids for h in inside):
                _absorbing_add(f, inside, scan.taken, scan.out)
            else:
                scan.add(f)

    def _rule_kind_chips(self, scan: "Scan") -> None:
        """A chip named by its kind and a chip word (DRAM芯片, 5G芯片, 电源管理IC); a catalog
        technology it is named by (DRAM) is nested in its name, which says the chip uses it."""
        if self._kind_chip is None:
            return
        norm = scan.norm
        for m in scan.matches("kind_chip", self._kind_chip):
            if m.start() > 0 and (norm[m.start() - 1].isascii() and norm[m.start() - 1].isalnum()):
                continue  # LPDDR5 of 16GB LPDDR5芯片 is the described-products rule's; xDRAM is another word
            start = m.start()
            node = _NODE_BEFORE.search(norm, max(0, start - 10), start)
            if node is not None and scan.taken.free(node.start(), start) or node is not None and all(
                    (h.start, h.end) == (node.start(1), node.end(1)) for h in scan.sorted_hits.within(node.start(), start)):
                start = node.start()  # 6nm 5G芯片: the node it is made on is part of its name
            f = Found("Chip", scan.original[start:m.end()], start, m.end(), "discover.chip.kind")
            self._add_named_by_kind(scan, f)

    def _rule_brand_lines(self, scan: "Scan") -> None:
        """A chip line named by its maker, a kind and the kind's acronym in brackets: 某某图形处理器
        (GPU). The firm is nested in the name (it designs the line); the acronym becomes its alias."""
        norm, original = scan.norm, scan.original
        brackets = scan.openers.get("bracket", [])
        for h in scan.of_kind["company"]:
            # The acronym's bracket opens two to nine characters after the firm's name (see _BRAND_LINE).
            i = bisect_left(brackets, h.end + 2)
            if i == len(brackets) or brackets[i] > h.end + 9:
                continue
            m = _BRAND_LINE.match(norm, h.end)
            if m is None or not _TOOL_RUN_CUT.isdisjoint(norm[h.end:m.end()]):
                continue
            _absorbing_add(Found("Chip", original[h.start:m.end()], h.start, m.end(), "discover.chip.brand-line"),
                           [h], scan.taken, scan.out)

    def _add_named_by_kind(self, scan: "Scan", f: Found) -> None:
        """Keep a product or tool named by its kind: the catalog kinds inside (DRAM, ALD) stay
        named, nested; a name holding a place or a firm is something else."""
        inside = scan.sorted_hits.within(f.start, f.end)
        if any(h.entity_id in self.place_ids or h.entity_id in self.company_ids for h in inside):
            return
        if inside:
            _absorbing_add(f, inside, scan.taken, scan.out)
        else:
            scan.add(f)

    def _rule_process_tools(self, scan: "Scan") -> None:
        """A process named with its acronym in brackets and a modifier before it (立式炉原子层沉积
        (ALD)): a tool where the sentence goes on to speak of tools (…等设备), a technique elsewhere.
        The acronym (ALD) is a catalog technique nested in the name."""
        norm, original = scan.norm, scan.original
        for m in scan.matches("process_tool", _PROCESS_TOOL):
            run = _cjk_run_before(norm, m.start(), 8)
            for i in range(len(run) - 1, -1, -1):
                if run[i] in _TOOL_RUN_CUT:
                    run = run[i + 1:]
                    break
            if len(run) < 2:
                continue  # the bare process (外延生长 with its acronym) is the catalog's technique
            start = m.start() - len(run)
            end_of_sentence = min((k for k in (norm.find(c, m.end()) for c in "。;；\n") if k >= 0), default=len(norm))
            tool = self._equip_cue.search(norm, m.end(), min(end_of_sentence, m.end() + 120)) is not None
            typ, rule = ("Equipment", "discover.equipment.process") if tool else ("Technology", "discover.technology.process")
            f = Found(typ, original[start:m.end()], start, m.end(), rule)
            self._add_named_by_kind(scan, f)

    def _rule_tool_classes(self, scan: "Scan") -> None:
        """A generic tool class (清洗机, 热处理设备), with an acronym glued before it (CCP刻蚀机)."""
        if self._tool_class is None:
            return
        norm, original = scan.norm, scan.original
        for m in scan.matches("tool_class", self._tool_class):
            start = m.start()
            acro = _ACRONYM_BEFORE.search(original, max(0, start - 8), start)
            if acro is not None and scan.taken.free(acro.start(1), start):
                start = acro.start(1)
            scan.add(Found("Equipment", original[start:m.end()], start, m.end(), "discover.equipment.class"))

    def _rule_cued_technologies(self, scan: "Scan") -> None:
        """A Latin name right before a word for a process or technique (FDX技术, CoW制程, BCD工艺)."""
        norm, original = scan.norm, scan.original
        # The token (or a space after it) ends right before the word: most such words follow a
        # Chinese character, where the backwards search would try every position in vain. So the
        # word's pattern is tried only where it does not (a word starting inside one of the words,
        # all Chinese, follows a Chinese character too: no match found is lost).
        starts = [k for k in scan.openers.get("tech_cue", ()) if k and ((c := original[k - 1]) in _TOKEN_LAST or c.isspace())]
        for m in matches_at(_TECH_CUE, norm, starts):
            token = _LATIN_TOKEN_BEFORE.search(original, max(0, m.start() - 14), m.start())
            if token is None or not self._technology_like(token.group(1)):
                continue
            # A material is named with its word (ArF光刻胶, CMP材料); a process by its name alone.
            material = m.group(0) in _MATERIAL_CUES
            end = m.end() if material else token.end(1)
            f = Found("Technology", original[token.start(1):end], token.start(1), end, "discover.technology.cue")
            inside = scan.sorted_hits.within(f.start, f.end)
            if material and inside and not any(h.entity_id in self.place_ids or h.entity_id in self.company_ids
                                               for h in inside):
                _absorbing_add(f, inside, scan.taken, scan.out)  # KrF光刻胶: the tool and the kind stay named
            else:
                scan.add(f)

    def _rule_listed_technologies(self, scan: "Scan") -> None:
        """A Latin name listed with technologies (CoWoS、SoIC与XYZ) is a technology too; worked
        outwards from the technologies named, like firms listed with firms."""
        if not self.technology_ids:
            return
        original = scan.original
        work = list(map(_START_END, scan.of_kind["technology"]))  # (start, end) of each, made in C
        work += [(f.start, f.end) for f in scan.out if f.type == "Technology"]
        while work:
            s, e = work.pop()
            # Each pattern needs a separator or a space right next to the technology.
            c = original[e:e + 1]  # _opens_list_step(c, "/"), inlined
            after = _LISTED_LATIN_AFTER.match(original, e) if c in _LIST_STEPS_OR_SLASH or c.isspace() else None
            if after is not None:
                self._take_technology(scan, after.start(1), after.end(1), work)
            before = _LISTED_LATIN_BEFORE.search(original, max(0, s - 16), s) \
                if s > 0 and (original[s - 1] in _LIST_STEPS_OR_SLASH or original[s - 1].isspace()) else None
            if before is not None:
                self._take_technology(scan, before.start(1), before.end(1), work)

    def _take_technology(self, scan: "Scan", s0: int, e0: int, work: list) -> None:
        name = scan.original[s0:e0]
        if self._technology_like(name) and scan.taken.free(s0, e0):
            scan.out.append(Found("Technology", name, s0, e0, "discover.technology.listed"))
            scan.taken.append((s0, e0))
            work.append((s0, e0))

    def _technology_like(self, name: str) -> bool:
        """Three letters or more, two or more capitals (CoW, FDX, WoW), no digits, not a generic word (CPU, GPU) or a
        function word."""
        return (3 <= len(name) <= 10 and sum(c.isupper() for c in name) >= 2 and not any(c.isdigit() for c in name)
                and name.lower() not in self._generic_latin and name not in _LATIN_FUNCTION_WORDS)

    def _rule_fab_numbers(self, scan: "Scan") -> None:
        """Explicit "Fab 18" names; a site word after a firm is the sites pass's."""
        for m in scan.matches("fab_number", _FAB_NUMBER):
            scan.add(Found("Fab", scan.original[m.start():m.end()], m.start(), m.end(), "discover.fab.number"))


@dataclass
class Scan:
    """One article as the discovery rules share it: the text, the catalog hits, which characters
    are claimed, and what has been found so far."""

    norm: str
    original: str
    hits: list[Hit]
    sorted_hits: _Hits
    taken: Occupancy
    openers: dict[str, list[int]]  # where each group of opening words starts (``KeywordGroups``)
    of_kind: dict[str, list[Hit]]  # the catalog hits of each kind (place, company, …), in the order of ``hits``
    original_words: dict[str, tuple[str, ...]]  # the word groups of patterns scanning the original text
    out: list[Found] = field(default_factory=list)
    _original_starts: dict[str, list[int]] = field(default_factory=dict)
    _capital_starts: list[int] | None = None
    # The runs of Latin letters a model pattern may start, by the class of the character after them
    # (``_FOLLOWER_CODES``): where each starts, its length and whether a capital opens it.
    _runs: dict[int, list[tuple[int, int, bool]]] | None = None

    def original_starts(self, group: str) -> list[int]:
        """Where the words of ``group`` of ``original_words`` start in the original text."""
        starts = self._original_starts.get(group)
        if starts is None:
            # Found where their normal forms start in ``norm`` (one scan shared with the other word
            # groups): normalising maps character to character, so each is a place where one of
            # them may start, and is one where it does.
            words, original = self.original_words[group], self.original
            starts = self._original_starts[group] = [
                k for k in self.openers.get(ORIGINAL_PREFIX + group, ()) if original.startswith(words, k)]
        return starts

    def original_matches(self, group: str, pattern: re.Pattern):
        """``pattern.finditer(self.original)``, for a pattern opening with the words of ``group``."""
        return matches_at(pattern, self.original, self.original_starts(group))

    def latin_matches(self, pattern: re.Pattern, capital: bool = False, follower: str | None = None,
                      lengths: tuple[int, int] = (1, 0)):
        """``pattern.finditer(self.original)``, for a pattern whose match starts a run of Latin
        letters with a capital letter.

        ``follower`` and ``lengths``, where given, are what the pattern needs of that run when its
        letters must stop where the run does (AX of AX-9: a digit follows them): the class of the
        character after the run (``_LATIN_RUN_FOLLOWED``), which a digit must follow, and the run's
        shortest and longest length; a capital then opens it only if ``capital``. The pattern is then tried only at such runs: a
        model's pattern is otherwise tried at every Latin word of the article, and finds nothing at
        almost all of them."""
        if self._runs is None:
            self._find_latin_runs()
        if follower is None:
            if not capital:
                raise ValueError("a pattern tried at every run names the character after it")
            return matches_at(pattern, self.original, self._capital_starts)
        shortest, longest = lengths
        code = _FOLLOWER_CODES[follower]
        starts = [k for k, n, cap in self._runs[code] if shortest <= n <= longest and (cap or not capital)]
        return matches_at(pattern, self.original, starts)

    def latin_matches_before(self, pattern: re.Pattern, group: str, reach: tuple[int, int],
                             last: frozenset[str] = _LATIN_NAME_CHARS):
        """``pattern.finditer(self.original)``, for a pattern whose match starts a run of Latin
        letters with a capital, ends with one of ``last`` and is followed by a word of ``group`` of
        the original openers, ``reach`` (shortest, longest) characters after its start: tried only
        where such a word follows a capital."""
        original = self.original
        # Most firm words follow a Chinese character: no match ends before them.
        words = [q for q in self.original_starts(group) if q and original[q - 1] in last]
        if not words:
            return ()
        if self._runs is None:
            self._find_latin_runs()
        lo, hi = reach
        capitals, starts = self._capital_starts, set()
        for q in words:  # the capitals lo to hi characters before each word
            starts.update(capitals[bisect_left(capitals, q - hi):bisect_right(capitals, q - lo)])
        return matches_at(pattern, self.original, sorted(starts))

    def latin_matches_up_to(self, pattern: re.Pattern, group: str):
        """``pattern.finditer(self.original)``, for a pattern whose match starts a run of Latin
        letters with a capital and runs over ASCII letters, digits, ``&``, ``-`` and spaces only up to
        a word of ``group`` of the original openers (Apple Inc): tried only at the capitals of such
        a stretch before such a word, as the pattern backtracks at every capital it is tried at."""
        words = self.original_starts(group)
        if not words:
            return ()
        if self._runs is None:
            self._find_latin_runs()
        original, capitals, starts = self.original, self._capital_starts, []
        b = q0 = -1
        for q in words:  # in order: a stretch reaching back to the word before is that word's
            k = q
            while k > 0 and k != q0 and (original[k - 1] in _LATIN_NAME_CHARS or original[k - 1].isspace()):
                k -= 1
            if k != q0:
                b = k
            starts.extend(capitals[bisect_left(capitals, max(b, q0)):bisect_left(capitals, q)])
            q0 = q
        return matches_at(pattern, original, starts)

    def _find_latin_runs(self) -> None:
        """The runs of ``_LATIN_RUN_FOLLOWED``: where each run of ASCII letters starts, and those a
        model pattern may start (a hyphen, a digit, a space or a colon after them, then a digit). The runs' edges
        are found on the text's code points: a regex tries its opening character class at every
        character of the text, and makes a match object per run (twice the cost on Chinese text)."""
        original = self.original
        n = len(original)
        cp = code_points(original)
        letter = ((cp | 32) - 97) < 26  # A-Z and a-z (unsigned: what lies below 97 wraps round)
        edges = np.flatnonzero(letter[1:] != letter[:-1]) + 1
        if n and letter[0]:
            edges = np.concatenate(((0,), edges))
        if n and letter[-1]:
            edges = np.append(edges, n)
        starts, ends = edges[0::2], edges[1::2]
        self._capital_starts = starts[cp[starts] <= 90].tolist()  # a run's first letter is A-Z
        runs: dict[int, list[tuple[int, int, bool]]] = {1: [], 2: [], 3: []}
        self._runs = runs
        if len(ends) and ends[-1] == n:
            starts, ends = starts[:-1], ends[:-1]  # nothing follows the run that ends the text
        if not len(ends):
            return
        # The class of each run's follower, looked up in C: most runs (a Latin name in Chinese text)
        # have none, and are not looked at again. \d is any decimal digit: full-width ０-９ and those
        # of other scripts too.
        after = cp[ends]
        follows = _follower_table()[np.minimum(after, _TABLE_END - 1)]
        if after.max() >= _TABLE_END:
            for i in np.flatnonzero(after >= _TABLE_END).tolist():
                follows[i] = 1 if chr(after[i]).isdecimal() else 0
        kept = np.flatnonzero(follows)
        for f, k, e in zip(follows[kept].tolist(), starts[kept].tolist(), ends[kept].tolist()):
            # A model's digits start right after that character (AX-9, H100, Xeon 6980P, ABC:1980):
            # a run followed by none (Intel 表示, x-ray) starts no model.
            if original[e + 1:e + 2].isdecimal():
                runs[f].append((k, e - k, original[k] <= "Z"))

    def matches(self, group: str, pattern: re.Pattern):
        """``pattern.finditer(self.norm)``, for a pattern opening with the words of ``group``."""
        return matches_at(pattern, self.norm, self.openers.get(group, ()))

    def add(self, f: Found) -> None:
        """Keep ``f`` if no character of it is claimed yet, and claim them."""
        add_free(f, self.taken, self.out)

    def add_over_places(self, f: Found, place_ids: frozenset[str]) -> None:
        """Keep ``f``, a name that may hold catalog places (they stay named, nested) but no other
        catalog name."""
        inside = self.sorted_hits.within(f.start, f.end)
        if any(h.entity_id not in place_ids for h in inside):
            return
        if inside:
            _absorbing_add(f, inside, self.taken, self.out)
        else:
            self.add(f)
