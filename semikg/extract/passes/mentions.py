"""Mentions: catalog hits and discovered names become entity refs and spans; a discovered firm's
short forms, a model number, and a declared abbreviation (以下简称…) become the article's aliases."""
from __future__ import annotations

import re
from itertools import compress
from operator import itemgetter, not_

from semikg.extract.naming import company_id, company_short_forms, discovered_id
from semikg.extract.passes.context import CatalogContext
from semikg.extract.passes.state import ArticleState, NameFact
from semikg.loaders.normalise import normalise
from semikg.models import EntityRef

_ABBREV = re.compile(
    r"^\s*[（(][^）)]{0,40}?(?:以下)?(?:简称|下称|简称为|hereinafter)[:：\s]*[\"“「『']?([^\"”」』'）),，]{2,16}?)[\"”」』']?\s*[）)]")
# (type of a name, type of a catalog name nested in it) -> what the name says of the two. A firm
# named by its city is not said to be there: the name may keep a city it has left.
# "^designs": the nested name is the subject (某某一号 is designed by 某某). A firm whose legal
# name starts with another's is its subsidiary.
_NESTED_FACT = {("Company", "Company"): "partOf", ("Chip", "Company"): "^designs", ("Chip", "Technology"): "usesTechnology", ("Equipment", "Technology"): "usesTechnology",
                ("Chip", "ProcessNode"): "usesNode",
                ("Organization", "Person"): "^leads"}  # 拜登政府 is led by 拜登
# Discovery rules whose sign names a firm for sure but is not repeated with the name (a stock code,
# 子公司 before it): a legal or bank suffix is, and discovery finds those names again itself.
_NAMING_RULES = frozenset({"discover.company.stock-code", "discover.company.branch"})
_OPEN_BRACKETS = ("(", "（")
# Fields of a catalog hit (entity id, start, end, …) and of a span (start, end, entity id), read in C.
_ENTITY, _START_END, _SPAN, _END = itemgetter(0), itemgetter(1, 2), itemgetter(1, 2, 0), itemgetter(1)
_LATIN_NAME = re.compile(r"^\s*[（(]\s*([A-Za-z][A-Za-z0-9 &\-.]{2,40}?)\s*[,，）)]")


class MentionsPass:
    name = "mentions"

    def __init__(self, ctx: CatalogContext):
        self.ctx = ctx
        ctx.words.register({"mentions.bracket": _OPEN_BRACKETS})

    def run(self, state: ArticleState) -> None:
        ctx, refs, spans, aliases = self.ctx, state.refs, state.spans, state.aliases
        absorbed = {(a[0], a[1]) for f in state.found for a in f.absorbed}
        hits = list(compress(state.hits, map(not_, map(absorbed.__contains__, map(_START_END, state.hits))))) \
            if absorbed else state.hits
        for eid in dict.fromkeys(map(_ENTITY, hits)):  # an entity is named many times: its ref once
            if eid not in refs:
                refs[eid] = ctx.catalog_ref(eid)
        spans.extend(map(_SPAN, hits))  # (start, end, entity id) of each, made in C
        made: dict[tuple[str, str], tuple] = {}
        for f in state.found:
            known = ctx.matcher.lookup(f.name)
            if known is None and f.rule == "discover.organization.body":
                known = _full_name_of(state, f)
            if known is not None:
                # Found by a discovery rule but named as a catalog entity: it is that entity.
                if known not in refs:
                    refs[known] = ctx.catalog_ref(known)
                spans.append((f.start, f.end, known))
                continue
            # A name recurs in an article (a quarter of the names found): its id (and a firm's
            # short forms, which give the article's aliases too) is made once per article.
            named = made.get((f.type, f.name))
            if named is None:
                if f.type == "Company":
                    norm = normalise(f.name)
                    key = norm.strip()
                    forms = company_short_forms(key, ctx.place_prefixes)
                    named = made[f.type, f.name] = (company_id(key, forms), norm, key, forms)
                else:
                    named = made[f.type, f.name] = (discovered_id(f.type, f.name, ctx.place_prefixes), None, None, None)
            eid, norm, key, forms = named
            if eid not in refs:  # a name found again keeps its first ref: no model made for nothing
                refs[eid] = EntityRef(id=eid, type=f.type, roles=f.roles, name=f.name.strip(), origin="discovered")
            spans.append((f.start, f.end, eid))
            for a, b, inner in f.absorbed:
                if f.type == "ProcessNode":
                    continue  # 二纳米 of 一点二纳米 is a part of the number, no node of its own
                # A name nested in another (湖南 of 湖南某某微电子有限公司) is named by the article
                # too; a product named by its kind (16Gb DDR5 DRAM) uses that technology.
                if inner not in refs:
                    refs[inner] = ctx.catalog_ref(inner)
                state.nested.append((a, b, inner))
                predicate = _NESTED_FACT.get((f.type, ctx.entries[inner].type))
                if predicate is not None:
                    subject, obj = (inner, eid) if predicate.startswith("^") else (eid, inner)
                    predicate = predicate.lstrip("^")
                    state.facts.append(NameFact(f.start, subject, predicate, obj, f"discover.name-{predicate}", 0.6))
            if f.type == "Company":
                if f.rule in _NAMING_RULES:
                    # A firm named by a strong sign once (某某(002371.SZ)) is that firm wherever its
                    # name recurs without the sign.
                    aliases.setdefault(norm, eid)
                for form in forms if norm == key else company_short_forms(norm, ctx.place_prefixes):
                    aliases.setdefault(form, eid)
            elif f.rule.endswith(".model"):
                # A model number found once (推出芯片AX-9) is the same product wherever it recurs,
                # cue word or not (AX-9預計第四季開始出貨).
                aliases.setdefault(normalise(f.name), eid)
        self._declared(state, self.ctx.words.of(state).get("mentions.bracket", ()))

    @staticmethod
    def _declared(state: ArticleState, brackets: list[int]) -> None:
        """A name followed by its abbreviation or its Latin name in brackets: 某某公司（以下简称“某某”）.
        ``brackets``: where the article's opening brackets stand."""
        norm = state.norm
        # Both patterns open with a bracket after optional space: the ends of names they may follow.
        ends = set()
        for k in brackets:
            ends.add(k)
            while k > 0 and norm[k - 1].isspace():
                k -= 1
                ends.add(k)
        if not ends:
            return
        # Most names end where no bracket follows: only those that do are looked at (found in C).
        for s, e, eid in list(compress(state.spans, map(ends.__contains__, map(_END, state.spans)))):
            tail = norm[e:e + 60]
            for rx in (_ABBREV, _LATIN_NAME):
                m = rx.match(tail) if rx is _ABBREV or eid.startswith("d-") else None
                if m and len(m.group(1).strip()) >= 2:
                    state.aliases.setdefault(normalise(m.group(1).strip()), eid)


def _full_name_of(state: ArticleState, body) -> str | None:
    """The catalog body an article names in full (美国国防部) that a bare body word (国防部)
    stands for, or None."""
    word = normalise(body.name)
    for h in state.hits:
        if state.norm.endswith(word, h.start, h.end) and h.end - h.start > len(word):
            return h.entity_id
    return None
