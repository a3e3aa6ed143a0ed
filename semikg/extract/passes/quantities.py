"""Quantities: figures in a sentence (capacity, market share, price …), each attached to the
mention it measures."""
from __future__ import annotations

import re

from semikg.extract.measure import HAS_DIGIT, QuantityFinder
from semikg.extract.passes.context import CatalogContext
from semikg.extract.passes.state import ArticleState
from semikg.extract.relations import SentenceMention, hedge_status, same_kind
from semikg.models import Measurement

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
# A figure for several at once (合计占比, 整体市占率): about a list, it belongs to none of its members.
_AGGREGATE = re.compile(r"合计|总计|共计|合共|整体|加起来|总共|combined|together")
_LIST_GAP = re.compile(r"^\s*(?:[(（][^)）]{0,16}[)）])?\s*(?:、|和|与|及|以及|,|，|/)\s*$")
# Who reports a number: 据TrendForce, 根据 SEMI, SEMI 数据显示, 摩根士丹利预测, 美国商务部统计.
_SOURCE_BEFORE = re.compile(r"(?:据|根据|援引|引述|来自|according to|citing)\s*$")
_SOURCE_AFTER = re.compile(r"^[^,，。；;:：、]{0,8}?(?:数据显示|数据|统计|报告|调查|预测|预估|估算|研究|报道|显示)")
# Analyst firms report other firms' figures; companies' own reports (台积电财报显示) are about them.
_REPORTER_CLASSES = frozenset({"AnalystFirm"})


class QuantitiesPass:
    name = "quantities"

    def __init__(self, ctx: CatalogContext):
        self.finder = QuantityFinder()

    def run(self, state: ArticleState) -> None:
        norm, text, base = state.norm, state.text, state.base
        digit = HAS_DIGIT.search
        # The first digit at or after the view's start, found again only once a view starts past
        # it: the views between two digits are passed over without a search each.
        next_digit = -1
        for s0, s1, ms in state.views:
            if not ms:
                continue
            if next_digit is not None and next_digit < s0:
                m = digit(norm, s0)
                next_digit = m.start() if m is not None else None
            if next_digit is None or next_digit >= s1:
                continue  # no number, no figure (most sentences): not cut out for the finder
            sent_norm = norm[s0:s1]
            for q in self.finder.figures(sent_norm):
                subject = about(ms, s0 + q.start, q.kind, sent_norm, s0)
                if subject is None:
                    continue
                state.measurements.append(Measurement(
                    about=subject, kind=q.kind, value=q.value, low=q.low, unit=q.unit,
                    raw=text[s0 + q.start:s0 + q.end], year=q.year, figure_start=base + s0 + q.start,
                    # a dict: validated with the measurement, one validator call instead of two
                    evidence=dict(quote=text[s0:s1], start=base + s0, end=base + s1, rule=f"measure.{q.kind}",
                                  confidence=0.6, status=hedge_status(sent_norm[:q.end]))))


def about(ms: list[SentenceMention], pos: int, kind: str, sent_norm: str, s0: int) -> str | None:
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
    for group in _ABOUT_PRIORITY_BY_KIND.get(kind, _ABOUT_PRIORITY):
        for m in pool:
            if any(cls in m.classes for cls in group):
                if _AGGREGATE.search(sent_norm[max(0, pos - s0 - 12):pos - s0]) and _listed(m, ms, sent_norm, s0):
                    return None  # 台积电、联电……整体市占率: the figure is the list's, no one member's
                return m.entity_id
    return None


def _listed(m: SentenceMention, ms: list[SentenceMention], sent_norm: str, s0: int) -> bool:
    """Whether ``m`` is one item of a list of mentions of its kind (A、B 和 C). An item may be
    named twice in a row (世界先进VIS, 联电(UMC)): those mentions make one item."""
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
