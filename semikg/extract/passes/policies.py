"""Policies: who issues a policy, whom it restricts, whom it funds (issuedBy, restricts, funds),
from how a policy is named and from the cues of semikg/extract/policies.yaml.

A policy named after its issuer (美国出口管制, 日本半导体补贴计划) is issued by that place or
body; a restricting policy named after its target (某某芯片出口禁令, EDA禁令) restricts it. A policy
issued by a body named with its state (某国商务部) is issued by that state too. News names a state
by one character in set phrases: a policy 对华 (对华出口管制) restricts China, and one of 美方 / 日方
(美方出口限制) is that state's. A restriction found for one item of a list (包括A、3项B、C) holds
for the other items of the same kind.

A restriction stated without naming its policy (美方禁止某公司向中国出售某芯片) is the article's:
it is attached to the nearest policy of a restricting kind that the article names, issued by the
state that forbids (or by nobody the article says), and restricts the seller, the destination and
the goods of the clause.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import compress
from operator import itemgetter

from semikg.extract.passes.context import CatalogContext
from semikg.extract.passes.lexicon import LexiconPass, quote_facts
from semikg.extract.passes.state import ArticleState, Span
from semikg.loaders.normalise import normalise
from semikg.extract.relations import hedge_status, negation
from semikg.extract.naming import discovered_id
from semikg.models import EntityRef, Evidence, Relation

# A span's start and entity id, read in C.
_START, _ENTITY = itemgetter(0), itemgetter(2)
# A policy whose name says it restricts: its other nested names are its targets.
_RESTRICTING = re.compile(r"管制|禁令|禁运|禁售|禁止|限制|制裁|清单|名单|封锁|ban|control|sanction|restriction")
# The places pass's facts that a body is its state's (某国商务部, 某国 + 某部).
_BODY_PLACE_RULES = frozenset({"places.name-body", "places.place-body"})
_TARGETS = frozenset({"Technology", "Chip", "Equipment", "Company"})
# One-character names of states in set phrases (对华, 美方), and the state's full name in the catalog.
# 美方出口限制, 被美列入实体清单: the policy is that state's.
_SIDE_HEAD = re.compile(r"(?:([美中日韩荷英德法])方(?:的|之)?|(?:被|遭)([美中日韩荷英德法])方?(?:列入|列为|纳入|列))$")
_DESTINATION = {"华": "中国"}  # 对华 + policy: restricts exports to that state
_SIDE = {"美": "美国", "中": "中国", "日": "日本", "韩": "韩国", "荷": "荷兰", "英": "英国", "德": "德国", "法": "法国"}
# A funding rule whose policy restricts (获得出口许可) states no funding.
_NOT_FUNDING = re.compile(_RESTRICTING.pattern + "|许可|执照|牌照|关税|税费")
# A licence is what a revoking rule's policy must be (撤销…出口许可证).
_LICENCE = re.compile(r"许可|执照|牌照|授权")
_REVOKING_RULES = frozenset({"policies.issued.revoke", "policies.restricts.revoke"})
# Between two items of a list: a separator, and a count with its measure word (、11项).
# A restriction without a policy's name: a verb of forbidding, then (a seller, 向/对 a destination)
# a verb of selling, and what is sold up to the end of the clause.
_FORBID = re.compile(r"(?P<verb>禁止|禁售|不得|不准|停止|暂停|限制)(?P<mid>[^,，。;；:：]{0,14}?)"
                     r"(?P<sale>出口|出售|销售|售卖|供应|供货|出货|发货|交付|运送|运往)(?P<rest>[^,，。;；:：]{0,30})")
# The verbs _FORBID opens with, found by the passes' shared keyword scan.
_FORBID_VERBS = ("禁止", "禁售", "不得", "不准", "停止", "暂停", "限制")
# Who forbids, when not a mention: 美方 / 被美 (one character for the state).
_SIDE_BEFORE = re.compile(r"(?:被|遭)([美中日韩荷英德法])方?|([美中日韩荷英德法])方")
# A sentence about the measure just named, by an anaphor: 此举是针对A、B的反制 (the measure
# restricts A and B); 这些设备涉及A、B等企业 (the restricted items' makers are restricted too).
_RETALIATION = re.compile(r"(?:据信|据悉|外界认为|分析认为|业界认为)?[,，]?(?:这|此举|此|该措施|这项措施|该政策|这一措施)"
                          r"(?:被视为|被认为是|被认为|是|为|乃)?[^,，。;；]{0,4}?针对")
_RETALIATION_WORD = re.compile(r"反击|反制|报复|回击|还击")
_ITEMS_OF = re.compile(r"(?:这些|上述|相关|该等|该批)(?:设备|产品|芯片|物项|机台|工具)(?:主要)?(?:涉及|来自|包括|由)")
# Every character a match of _RETALIATION or _ITEMS_OF can open with.
_ANAPHORIC_FIRSTS = frozenset("据外分业,，这此该上相")
# A demand before the firm it binds: 要求某公司停止….
_DEMAND = re.compile(r"(?:要求|命令|勒令|迫使|指示|令)\s*$")
# What a state's restriction is named when the article names no policy for it: its kind.
STATED_RESTRICTION = "出口限制"
RESTRICTION_WINDOW = 600  # characters between the restriction and the policy it is attached to
# A place before a list item that qualifies it (日本本地某公司, 美国的某公司).
_PLACE_QUALIFIER = re.compile(r"(?:本地|本土|当地|的)?")
_PLAIN_ITEM = re.compile(r"[^、,，。;；\s]{1,10}(?=、|,|，)")
_LIST_GAP = re.compile(r"\s*(?:、|,|，|和|与|及|以及)\s*(?:\d+\s*(?:项|种|类|款|个|台|家))?\s*")


class PoliciesPass(LexiconPass):
    name = "policies"
    lexicon_file = "policies.yaml"

    def __init__(self, ctx: CatalogContext):
        super().__init__(ctx)
        by_name = {normalise(x): e.id for e in ctx.catalog.entries if e.type == "Place"
                   for x in (e.zh_hans, e.zh_hant) if x}
        self.destination = {k: by_name[v] for k, v in _DESTINATION.items() if v in by_name}
        self.side = {k: by_name[v] for k, v in _SIDE.items() if v in by_name}
        self.place_names = by_name
        ctx.words.register({"policies.forbid": _FORBID_VERBS})

    def run(self, state: ArticleState) -> None:
        self._named(state)
        self._abbreviated_states(state)
        first = len(state.relations)
        super().run(state)
        self._keep_sound(state, first)
        self._listed_targets(state, first)
        self._state_of_issuer(state)
        self._unnamed_restrictions(state)
        self._anaphoric_restrictions(state)

    def _abbreviated_states(self, state: ArticleState) -> None:
        """对华 in or before a policy's name: it restricts China; 美方 (日方 …) right before it, or
        被美列入 before it: that state issued it."""
        norm, refs = state.norm, state.refs
        facts = []
        taken: set[int] | None = None  # characters that end or start a name, made when needed
        # The article's policies, picked from its refs once (a ref was read per mention).
        policies = {eid for eid, ref in refs.items() if ref.type == "Policy"}
        if not policies:
            return  # most articles name none
        spans = state.spans
        for k in list(compress(range(len(spans)), map(policies.__contains__, map(_ENTITY, spans)))):  # picked in C
            s, e, eid = spans[k]
            glued = norm[max(0, s - 3):s]
            head = glued.rstrip("的之")
            inside = norm[s:e].find("对")
            if head[-2:-1] == "对" and head[-1:] in self.destination:
                facts.append((s, eid, "restricts", self.destination[head[-1]], "policies.abbreviated-destination", 0.65))
                if taken is None:
                    taken = {p for a, b, _ in state.spans for p in (a, b - 1)}
                if head == glued and s - 2 not in taken and s - 1 not in taken:
                    state.spans[k] = (s - 2, e, eid)  # 对华 + a known name (某国出口管制) is the name as written
            elif 0 <= inside < e - s - 1 and norm[s + inside + 1] in self.destination:
                facts.append((s, eid, "restricts", self.destination[norm[s + inside + 1]],
                              "policies.abbreviated-destination", 0.65))
            side = _SIDE_HEAD.search(norm, max(0, s - 6), s)
            if side is not None and (side.group(1) or side.group(2)) in self.side:
                facts.append((s, eid, "issuedBy", self.side[side.group(1) or side.group(2)],
                              "policies.abbreviated-side", 0.65))
        for fact in facts:  # the state is named by one character: an entity of the article all the same
            state.add_ref(self.ctx.catalog_ref(fact[3]))
        quote_facts(state, facts)

    def _keep_sound(self, state: ArticleState, first: int) -> None:
        """Drop what the lexicon rules found that the policy's own name contradicts: funding by a
        restriction (获得出口许可), a revoked thing that is no licence."""
        if not any(r.predicate == "funds" or r.evidence.rule in _REVOKING_RULES for r in state.relations[first:]):
            self._drop_head_nouns(state, first)
            return
        names = {eid: state.norm[s:e] for s, e, eid in state.spans if state.refs[eid].type == "Policy"}

        def sound(r: Relation) -> bool:
            name = names.get(r.subject, state.refs[r.subject].name if r.subject in state.refs else "")
            if r.predicate == "funds" and state.refs.get(r.subject) is not None \
                    and state.refs[r.subject].type == "Policy" and _NOT_FUNDING.search(name):
                return False
            return r.evidence.rule not in _REVOKING_RULES or bool(_LICENCE.search(name))
        state.relations[first:] = [r for r in state.relations[first:] if sound(r)]
        self._drop_head_nouns(state, first)

    @staticmethod
    def _drop_head_nouns(state: ArticleState, first: int) -> None:
        """A tool class right after a model of its kind (某型号 光刻机) is the model's head noun, not
        a second restricted item: restricting the model says nothing of every tool of the class."""
        found = [r for r in state.relations[first:] if r.predicate == "restricts"]
        if len(found) < 2:
            return
        spans = sorted(state.spans)
        objects: dict[tuple[str, int], set[str]] = {}
        for r in found:
            objects.setdefault((r.subject, r.evidence.start), set()).add(r.object)
        heads = set()
        for (subject, start), objs in objects.items():
            for (s1, e1, a), (s2, _, b) in zip(spans, spans[1:]):
                if a in objs and b in objs and a != b and state.refs[a].type == state.refs[b].type \
                        and not state.norm[e1:s2].strip() and s1 >= start - state.base:
                    heads.add((subject, b, start))
        if heads:
            state.relations[first:] = [r for r in state.relations[first:] if r.predicate != "restricts"
                                       or (r.subject, r.object, r.evidence.start) not in heads]

    def _listed_targets(self, state: ArticleState, first: int) -> None:
        """A restricted or funded item of a list (包括3项A、11项B、1项C; 补助A和日本本地B): the
        items after it of its kind too."""
        found = [r for r in state.relations[first:] if r.predicate in ("restricts", "funds")]
        if not found:
            return
        refs = state.refs
        spans = sorted(state.spans)
        by_start = {s: (s, e, eid) for s, e, eid in spans}
        starts = [s for s, _, _ in spans]
        at: dict[str, list[tuple[int, int]]] = {r.object: [] for r in found}
        for s, e, eid in spans:
            if eid in at:
                at[eid].append((s, e))
        seen = {(r.subject, r.predicate, r.object, r.evidence.start) for r in state.relations}
        for r in found:
            lo, hi = r.evidence.start - state.base, r.evidence.end - state.base
            kind = refs[r.object].type
            for s, e in at[r.object]:
                if not lo <= s < hi:
                    continue
                while True:
                    item = self._next_item(state.norm, refs, e, by_start, starts, kind)
                    if item is None or item[1] > hi:
                        break
                    key = (r.subject, r.predicate, item[2], r.evidence.start)
                    if key not in seen:
                        seen.add(key)
                        state.relations.append(Relation(subject=r.subject, predicate=r.predicate, object=item[2],
                                                        evidence=r.evidence.model_copy(update={
                                                            "rule": "policies.listed-target",
                                                            "confidence": round(min(r.evidence.confidence, 0.6), 3)})))
                    e = item[1]

    @staticmethod
    def _next_item(norm: str, refs: dict, end: int, by_start: dict[int, Span], starts: list[int],
                   kind: str) -> Span | None:
        """The list item after the one ending at ``end``, if it is a mention of ``kind``: past a
        separator and a count (、11项), an item no mention names (、4项某某设备、), and a place that
        qualifies the item (和日本本地某公司)."""
        gap = _LIST_GAP.match(norm, end)
        if gap is None:
            return None
        pos = gap.end()
        if pos not in by_start:
            item = _PLAIN_ITEM.match(norm, pos)
            if item is None or bisect_right(starts, item.end() - 1) != bisect_right(starts, pos - 1):
                return None  # no item, or a mention inside it
            gap = _LIST_GAP.match(norm, item.end())
            if gap is None or gap.end() not in by_start:
                return None
            pos = gap.end()
        nxt: Span | None = by_start[pos]
        if kind != "Place" and refs[nxt[2]].type == "Place":
            nxt = by_start.get(_PLACE_QUALIFIER.match(norm, nxt[1]).end())
        return nxt if nxt is not None and refs[nxt[2]].type == kind else None

    def _state_of_issuer(self, state: ArticleState) -> None:
        """A body named with its state (某国商务部) issues its state's policy: the policy is issued
        by that place too, quoted with the same sentence. So does a state's government (某国政府),
        which the places pass leaves without a place (a government is its place)."""
        if not any(r.predicate == "issuedBy" for r in state.relations):
            return
        place_of = {r.subject: r.object for r in state.relations
                    if r.predicate == "locatedIn" and r.evidence.rule in _BODY_PLACE_RULES}
        for eid, ref in state.refs.items():
            if ref.type == "Organization" and ref.name.endswith("政府"):
                name = normalise(ref.name)
                if name[:-2] in self.place_names:
                    place_of.setdefault(eid, self.place_names[name[:-2]])
        if not place_of:
            return
        seen = {(r.subject, r.predicate, r.object, r.evidence.start) for r in state.relations}
        # A state issues policies; a region named in a body's name (欧洲议会) does not.
        place_of = {body: place for body, place in place_of.items()
                    if place in self.ctx.entries and "Country" in self.ctx.entries[place].roles}
        for r in list(state.relations):
            place = place_of.get(r.object) if r.predicate == "issuedBy" else None
            if place is None or (r.subject, "issuedBy", place, r.evidence.start) in seen:
                continue
            seen.add((r.subject, "issuedBy", place, r.evidence.start))
            state.add_ref(self.ctx.catalog_ref(place))
            ev = r.evidence.model_copy(update={"rule": "policies.issuer-state",
                                               "confidence": round(min(r.evidence.confidence, 0.6), 3)})
            state.relations.append(Relation(subject=r.subject, predicate="issuedBy", object=place, evidence=ev))

    def _named(self, state: ArticleState) -> None:
        if not state.nested:
            return
        norm, refs = state.norm, state.refs
        spans = sorted(state.spans)
        starts = list(map(_START, spans))
        facts = []
        for a, b, inner in state.nested:
            k = bisect_right(starts, a) - 1
            if k < 0 or spans[k][1] < b:
                continue
            s, e, outer = spans[k]
            if refs[outer].type != "Policy":
                continue
            kind = refs[inner].type
            if kind in ("Place", "Organization") and a == s:
                facts.append((s, outer, "issuedBy", inner, "policies.name-issuer", 0.7))
            elif kind in _TARGETS and (_RESTRICTING.search(norm[b:e]) or _RESTRICTING.search(norm[s:a])):
                facts.append((s, outer, "restricts", inner, "policies.name-target", 0.65))
        quote_facts(state, facts)

    def _unnamed_restrictions(self, state: ArticleState) -> None:
        """A sentence that forbids selling something and names no policy: the restriction is the
        one of a policy the article names after what the sentence restricts, else of the nearest
        restricting policy whose issuer is the forbidding state (or unknown). A state that forbids
        where the article names no such policy states an export restriction of its own: a Policy
        named by its kind (出口限制), issued by that state."""
        norm, refs = state.norm, state.refs
        # Where the verbs _FORBID opens with start: a sentence holding none is not searched.
        verbs = self.ctx.words.of(state).get("policies.forbid")
        if not verbs:
            return  # most articles forbid nothing
        # The spans of the article's policies, picked in C off the policies its refs name.
        named = {eid for eid, ref in refs.items() if ref.type == "Policy"}
        policies = sorted(sp for sp in compress(state.spans, map(named.__contains__, map(_ENTITY, state.spans)))
                          if _RESTRICTING.search(norm[sp[0]:sp[1]]) and not _LICENCE.search(norm[sp[0]:sp[1]]))
        issuers: dict[str, set[str]] = {}
        for r in state.relations:
            if r.predicate == "issuedBy":
                issuers.setdefault(r.subject, set()).add(r.object)
        seen = {(r.subject, r.predicate, r.object, r.evidence.start) for r in state.relations}
        named_in: dict[str, set[str]] = {}  # policy -> the names nested in its name (禁售某芯片的命令)
        for a, b, inner in state.nested:
            for s, e, eid in policies:
                if s <= a and b <= e:
                    named_in.setdefault(eid, set()).add(inner)
        for s0, s1, ms in state.views:
            k = bisect_left(verbs, s0)
            if k == len(verbs) or verbs[k] >= s1:
                continue  # no forbidding verb in the sentence (most sentences)
            if any(refs[m.entity_id].type == "Policy" for m in ms):
                continue  # the rules read a sentence that names its policy
            for f in _FORBID.finditer(norm, s0, s1):
                if negation().search(norm, max(s0, f.start() - 4), f.start()):
                    continue
                actor = self._actor(state, ms, s0, f.start())
                targets = self._targets(state, ms, f, s0)
                if not targets:
                    continue
                facts = [(obj, "restricts") for obj in targets]
                policy = self._named_after(policies, named_in, targets, f.start()) \
                    or self._policy_of(policies, issuers, actor, f.start())
                if policy is None and actor in self.ctx.place_ids:
                    # Named by its state (美国出口限制): one state's restrictions are one node across
                    # articles, and never merge with another state's.
                    entry = self.ctx.entries[actor]
                    name = f"{entry.zh_hans or entry.name}{STATED_RESTRICTION}"
                    policy = state.add_ref(EntityRef(
                        id=discovered_id("Policy", name, self.ctx.place_prefixes), type="Policy",
                        name=name, origin="discovered"))
                    state.add_ref(self.ctx.catalog_ref(actor))
                    policies.append((f.start(), f.end(), policy))
                    issuers.setdefault(policy, set()).add(actor)
                    facts.append((actor, "issuedBy"))
                if policy is None:
                    continue
                status = hedge_status(norm[s0:s1])
                for obj, predicate in facts:
                    key = (policy, predicate, obj, state.base + s0)
                    if key in seen:
                        continue
                    seen.add(key)
                    state.relations.append(Relation(subject=policy, predicate=predicate, object=obj, evidence=Evidence(
                        quote=state.text[s0:s1], start=state.base + s0, end=state.base + s1,
                        rule="policies.unnamed-restriction", confidence=0.5, status=status, trigger=f.group("verb"))))

    def _actor(self, state: ArticleState, ms, s0: int, verb: int) -> str | None:
        """The state that forbids: 美方/被美 in the verb's clause, else the last place or body named
        in it before the verb (a body stands for its state: its catalog seat, or the place its name
        opens with)."""
        clause = max([s0, *(state.norm.rfind(c, s0, verb) + 1 for c in ",，;；:：")])
        sides = list(_SIDE_BEFORE.finditer(state.norm, clause, verb))
        if sides:
            return self.side.get(sides[-1].group(1) or sides[-1].group(2))
        before = [m for m in ms if clause <= m.start and m.end <= verb
                  and state.refs[m.entity_id].type in ("Place", "Organization")]
        if not before:
            return None
        eid = before[-1].entity_id
        if state.refs[eid].type == "Place":
            return eid
        entry = self.ctx.entries.get(eid)
        if entry is not None and entry.hq:
            return entry.hq  # a catalog body stands for its state (白宫, 某国商务部)
        name = normalise(state.refs[eid].name)
        for n in range(min(6, len(name) - 1), 1, -1):
            if name[:n] in self.place_names:
                return self.place_names[name[:n]]
        return None

    @staticmethod
    def _named_after(policies, named_in: dict[str, set[str]], targets: list[str], pos: int) -> str | None:
        """A policy within the window named after what the clause restricts (禁售某芯片的命令 for a
        clause that forbids selling that chip): the clause states that very policy."""
        near = [eid for s, e, eid in policies if abs((s if s > pos else e) - pos) <= RESTRICTION_WINDOW
                and named_in.get(eid, set()) & set(targets)]
        return near[0] if near else None

    @staticmethod
    def _policy_of(policies, issuers: dict[str, set[str]], actor: str | None, pos: int) -> str | None:
        """The nearest restricting policy within the window that the actor issued, or whose issuer
        the article does not say; one issued by someone else is another state's measure."""
        before = after = None
        for s, e, eid in policies:
            by = issuers.get(eid, set())
            if actor is not None and by and actor not in by:
                continue
            if pos - RESTRICTION_WINDOW <= e <= pos:
                before = eid  # policies are in text order: the last one before is the nearest
            elif pos < s <= pos + RESTRICTION_WINDOW and after is None:
                after = eid
        return before or after  # one named later only when none was named before

    @staticmethod
    def _targets(state: ArticleState, ms, f: re.Match, s0: int) -> list[str]:
        """The seller between the verbs or between a demand and the verb (要求某公司停止…), the
        destination after 向/对/到, the goods after the sale verb."""
        out = []
        for m in ms:
            kind = state.refs[m.entity_id].type
            if kind == "Company" and m.end <= f.start() and not state.norm[m.end:f.start()].strip() \
                    and _DEMAND.search(state.norm, max(s0, m.start - 4), m.start):
                out.append(m.entity_id)
            if f.start("mid") <= m.start and m.end <= f.end("mid"):
                if kind == "Place" or kind == "Company" or kind in _TARGETS:
                    out.append(m.entity_id)
            elif f.start("rest") <= m.start and m.end <= f.end("rest"):
                if kind in ("Chip", "Equipment", "Technology", "Place"):
                    out.append(m.entity_id)
        return list(dict.fromkeys(out))

    def _anaphoric_restrictions(self, state: ArticleState) -> None:
        """A sentence that opens with an anaphor for the measure just named: a retaliation 针对
        states restricts them; the makers of 这些设备 that the measure restricts are restricted."""
        norm, refs = state.norm, state.refs
        policies = {eid for eid, ref in refs.items() if ref.type == "Policy"}
        policy_spans = sorted((s, eid) for s, _, eid in compress(state.spans, map(policies.__contains__, map(_ENTITY, state.spans)))) \
            if policies else []
        restricted = {}  # policy -> the equipment and chips it restricts
        for r in state.relations:
            if r.predicate == "restricts" and refs.get(r.object) is not None \
                    and refs[r.object].type in ("Equipment", "Chip"):
                restricted.setdefault(r.subject, []).append(r.evidence.start - state.base)
        if not policy_spans and not restricted:
            return  # no measure named before any sentence: nothing an anaphor could stand for
        facts = []
        for s0, s1, ms in state.views:
            if norm[s0] not in _ANAPHORIC_FIRSTS:
                continue  # neither pattern below can match: most sentences, without two regex calls
            head = norm[s0:min(s1, s0 + 16)]
            retaliation = _RETALIATION.match(head)
            items = _ITEMS_OF.match(head) if retaliation is None else None
            if retaliation is not None and _RETALIATION_WORD.search(norm, s0, s1):
                before = [eid for s, eid in policy_spans if s0 - RESTRICTION_WINDOW // 2 <= s < s0]
                kinds = ("Place",)
            elif items is not None:
                before = [p for p, at in restricted.items() for a in at if s0 - RESTRICTION_WINDOW // 2 <= a < s0]
                kinds = ("Company",)
            else:
                continue
            if not before:
                continue
            pos = s0 + (retaliation or items).end()
            for m in ms:  # the list right after the verb: 针对A、B和C, 涉及A、B等
                if m.start < pos:
                    continue
                if refs[m.entity_id].type not in kinds or not _LIST_GAP.fullmatch(" " + norm[pos:m.start]) \
                        and norm[pos:m.start].strip():
                    break
                facts.append((m.start, before[-1], "restricts", m.entity_id, "policies.anaphoric-restriction", 0.5))
                pos = m.end
        quote_facts(state, facts)
