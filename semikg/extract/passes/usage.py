"""Usage: what firms, sites and chips use (usesTechnology) and what makers make (manufactures),
from the cues of semikg/extract/usage.yaml; and what names and generations say: a memory maker
makes what it designs, a tool named by a technology uses it (EUV光刻机), a chip in development is
developed by the designer its name gives, a chip of a later generation succeeds the earlier one."""
from __future__ import annotations

import re

from semikg.extract.passes.context import CatalogContext
from semikg.extract.passes.lexicon import LexiconPass, quote_facts
from semikg.extract.passes.state import ArticleState
from semikg.extract.relations import hedge_status, mask_mentions
from semikg.loaders.normalise import normalise
from semikg.models import Evidence, Relation

# Firms that make the chips they sell in their own fabs: a chip such a firm is said to design or
# launch (三星推出的LPDDR5, 美光的GDDR7) is one it makes. Not IDMs in general: many have
# some of their chips made by foundries.
MAKES_ITS_OWN = frozenset({"MemoryMaker"})
MAKER_RULE = "usage.make.own-design"
SITE_RULE = "usage.make.at-site"
# Rules that read a firm's product line: its chips are made by it unless it designs chips only.
_LINE_RULES = frozenset({"usage.make.main-business", "usage.make.focus"})
# A chip said to be a memory maker's only by the possessive (美光的GDDR7) is one it makes; that
# it designs it is more than the words say. A chip it has just developed (研发成功) it does not make yet.
_POSSESSIVE_DESIGNS = frozenset({"designs.possessive", "designs.adjacent", "usage.design.possessive-wide"})
_NOT_YET_MADE = frozenset({"usage.design.success"})
# Right after a chip: it is being developed (某某三号仍处于开发阶段).
_IN_DEVELOPMENT = re.compile(r"\s?(?:芯片|产品|处理器|系列)?(?:目前|仍|尚|正)?(?:处于|正处于|仍处于|尚处于|尚在|进入)(?:研发|开发|研制)阶段|\s?(?:芯片|产品|处理器|系列)?(?:正在|仍在|尚在)(?:研发|开发|研制)(?:中|当中)?")
# Right after a chip: which generation it is (海光二号是第二代CPU产品).
_GENERATION = re.compile(r"\s?(?:是|为|系|属于)?(?:公司的|该公司)?第([一二三四五六七八九十]|\d{1,2})代")
# What every generation _GENERATION reads names (第二代): an article without one has no generations.
_GENERATION_WORD = re.compile(r"第(?:[一二三四五六七八九十]|\d{1,2})代")
_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
# After a node: it goes into production (N2 如期进入量产, 将于明年量产).
_INTO_PRODUCTION = re.compile(r"(?:[^。!?！？;；\n]{0,24}?)(?:进入量产|开始量产|实现量产|量产|投产|试产|开始生产)")


class UsagePass(LexiconPass):
    name = "usage"
    lexicon_file = "usage.yaml"

    def __init__(self, ctx: CatalogContext):
        super().__init__(ctx)
        # Technology names a tool's or chip's catalog name may open with (EUV of EUV光刻机), by first character.
        techs: dict[str, list[tuple[str, str]]] = {}
        for e in ctx.catalog.entries:
            if e.type == "Technology":
                for name in {normalise(x) for x in (e.name, e.zh_hans, e.zh_hant, *e.aliases) if x and len(x) >= 2}:
                    techs.setdefault(name[0], []).append((name, e.id))
        self._tech_prefixes = {c: sorted(v, key=lambda t: (-len(t[0]), t[0])) for c, v in techs.items()}
        # A node named by its maker (TSMC N2P, Intel 18A): the node's owner.
        firms = {normalise(x): e.id for e in ctx.catalog.entries if e.type == "Company"
                 for x in (e.name, *e.aliases) if x and x.isascii()}
        self._node_owner = {}
        for e in ctx.catalog.entries:
            words = e.name.split() if e.type == "ProcessNode" else []
            for k in range(len(words) - 1, 0, -1):
                owner = firms.get(normalise(" ".join(words[:k])))
                if owner is not None:
                    self._node_owner[e.id] = owner
                    break

    def run(self, state: ArticleState) -> None:
        super().run(state)
        self._fabless_lines(state)
        self._site_makers(state)
        self._own_designs(state)
        facts = [*self._named_technologies(state), *self._in_development(state), *self._generations(state)]
        if facts:
            quote_facts(state, facts)
        self._owned_nodes_in_production(state)

    def _owned_nodes_in_production(self, state: ArticleState) -> None:
        """A node named by its maker (N2 is TSMC N2) said to go into production in a sentence that
        names no firm or site: its maker offers it (N2 将于明年量产). The sentence's hedges count."""
        if self._node_owner.keys().isdisjoint(state.refs):
            return  # the article names no node whose maker its name gives (every mention has a ref)
        seen = None  # built on the first candidate: most articles have none
        for s0, s1, ms in state.views:
            if not any(m.entity_id in self._node_owner for m in ms) \
                    or any("Agent" in m.classes or "Fab" in m.classes for m in ms):
                continue
            for m in ms:
                owner = self._node_owner.get(m.entity_id)
                if owner is None or _INTO_PRODUCTION.match(state.norm, m.end, s1) is None:
                    continue
                if seen is None:
                    seen = {(r.subject, r.predicate, r.object, r.evidence.start) for r in state.relations}
                key = (owner, "offersNode", m.entity_id, state.base + s0)
                if key in seen:
                    continue
                seen.add(key)
                if owner not in state.refs:
                    state.refs[owner] = self.ctx.catalog_ref(owner)
                state.relations.append(Relation(subject=owner, predicate="offersNode", object=m.entity_id, evidence=Evidence(
                    quote=state.text[s0:s1], start=state.base + s0, end=state.base + s1, rule="usage.node.owner-production",
                    confidence=0.6, status=hedge_status(mask_mentions(state.norm[s0:s1], s0, ms)), trigger=None)))

    @staticmethod
    def _fabless_lines(state: ArticleState) -> None:
        """A chip designer's product line (主营/产品线包括 + chips) is what it designs, not makes."""
        for k, r in enumerate(state.relations):
            if r.evidence.rule in _LINE_RULES and "FablessCompany" in state.refs[r.subject].roles \
                    and state.refs[r.object].type == "Chip":
                state.relations[k] = r.model_copy(update={"predicate": "designs"})

    def _site_makers(self, state: ArticleState) -> None:
        """Chips made at a site (usage.make.at-site) are made by its operator, when the article
        (operates) or the catalog (a fab's firm) names one; the site stays the subject otherwise."""
        at_site = [k for k, r in enumerate(state.relations) if r.evidence.rule == SITE_RULE]
        if not at_site:
            return
        operators = {r.object: r.subject for r in state.relations if r.predicate == "operates"}
        for k in at_site:
            r = state.relations[k]
            entry = self.ctx.entries.get(r.subject)
            op = operators.get(r.subject) or (entry.part_of if entry is not None and entry.part_of in self.ctx.company_ids else None)
            if op is not None:
                if op not in state.refs:
                    state.refs[op] = self.ctx.catalog_ref(op)
                state.relations[k] = r.model_copy(update={"subject": op})

    @staticmethod
    def _own_designs(state: ArticleState) -> None:
        """designs(memory maker, chip) -> manufactures too, quoting the same sentence; instead of
        designs where only a possessive said it."""
        if not any(r.predicate == "designs" and MAKES_ITS_OWN.intersection(state.refs[r.subject].roles)
                   for r in state.relations):
            return
        seen = {(r.subject, r.predicate, r.object, r.evidence.start) for r in state.relations}
        added, kept = [], []
        for r in state.relations:
            if r.predicate != "designs" or not MAKES_ITS_OWN.intersection(state.refs[r.subject].roles) \
                    or state.refs[r.object].type != "Chip" or r.evidence.rule in _NOT_YET_MADE:
                kept.append(r)
                continue
            if r.evidence.rule not in _POSSESSIVE_DESIGNS:
                kept.append(r)
            key = (r.subject, "manufactures", r.object, r.evidence.start)
            if key in seen:
                continue
            seen.add(key)
            ev = r.evidence
            added.append(Relation(subject=r.subject, predicate="manufactures", object=r.object, evidence=Evidence(
                quote=ev.quote, start=ev.start, end=ev.end, rule=MAKER_RULE, confidence=round(ev.confidence * 0.9, 3),
                status=ev.status, trigger=ev.trigger)))
        state.relations[:] = kept + added

    def _named_technologies(self, state: ArticleState) -> list[tuple[int, str, str, str, str, float]]:
        """A catalog tool or chip whose name opens with a technology's name and a word of its own
        (EUV光刻机, DUV设备) uses that technology; HBM3 is a generation of HBM, not a user of it."""
        out, done = [], set()
        # The article's catalog tools and chips, picked from its refs once: a span's ref was read per mention.
        named = {eid for eid, ref in state.refs.items() if ref.type in ("Equipment", "Chip") and ref.origin == "catalog"}
        if not named:
            return out
        for s, e, eid in state.spans:
            if eid not in named or eid in done:
                continue
            surface = state.norm[s:e]
            for name, tech in self._tech_prefixes.get(surface[:1], ()):
                if len(surface) > len(name) and surface.startswith(name):
                    nxt = surface[len(name)]
                    if not (nxt.isascii() and (nxt.isalnum() or nxt in "-+")) and tech != eid:
                        if tech not in state.refs:
                            state.refs[tech] = self.ctx.catalog_ref(tech)
                        out.append((s, eid, "usesTechnology", tech, "usage.name-usesTechnology", 0.6))
                        done.add(eid)
                    break
        return out

    @staticmethod
    def _in_development(state: ArticleState) -> list[tuple[int, str, str, str, str, float]]:
        """A chip said to be in development (处于研发阶段) is developed by the firm its name gives."""
        designers: dict[str, set[str]] = {}
        for f in state.facts:
            if f.predicate == "designs":
                designers.setdefault(f.object, set()).add(f.subject)
        if not designers:
            return []
        out = []
        for s, e, eid in state.spans:
            if eid in designers and _IN_DEVELOPMENT.match(state.norm, e):
                out += [(s, who, "develops", eid, "usage.develop.name-stage", 0.6) for who in sorted(designers[eid])]
        return out

    @staticmethod
    def _generations(state: ArticleState) -> list[tuple[int, str, str, str, str, float]]:
        """Chips said to be of consecutive generations in one sentence or the next (X是第一代…;
        Y是第二代): the later succeeds the earlier, quoted with the later's sentence."""
        out = []
        if not _GENERATION_WORD.search(state.norm):
            return out
        previous: dict[int, list[str]] = {}
        last_end = -1
        for s0, s1, ms in state.views:
            gens: dict[int, list[tuple[int, str]]] = {}
            for m in ms:
                if "Chip" not in m.classes:
                    continue
                g = _GENERATION.match(state.norm, m.end)
                if g is not None and g.end() <= s1:
                    n = _NUMERALS.get(g.group(1)) or int(g.group(1))
                    gens.setdefault(n, []).append((m.start, m.entity_id))
            # The sentence before counts only when nothing but space stands between the two.
            before = previous if state.norm[last_end:s0].strip() == "" else {}
            for n, later in gens.items():
                older = [eid for _, eid in gens.get(n - 1, ())] + before.get(n - 1, [])
                for pos, new in later:
                    out += [(pos, new, "successorOf", old, "usage.successor.generation", 0.6)
                            for old in dict.fromkeys(older) if old != new]
            previous = {n: [eid for _, eid in v] for n, v in gens.items()}
            last_end = s1
        return out
