"""Entity resolution of ETO providers against catalog entities and entities found in articles.

Order: manual overrides, the catalog's own ``eto_provider_id``, exact normalised names and aliases
(with country agreement), then a fuzzy score. A fuzzy match merges only when it is high, unique
and the countries agree; anything weaker is reported as ambiguous and left unmerged, because a
wrong merge silently mixes two firms' supply facts while a missed one only leaves a visible gap.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Literal

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz, process
from rdflib import Graph

from semikg.errors import DatasetError
from semikg.eto.models import EtoDataset, Provider
from semikg.eto.names import name_key, normalise_name
from semikg.eto.overrides import EtoOverrides
from semikg.eto.report import Ambiguity, CandidateScore, Merge, ResolutionReport, Unmatched
from semikg.graph.vocab import entity_iri
from semikg.models import Catalog, CatalogEntry

FUZZY_MERGE = 94.0   # token-sort ratio needed to merge (with country agreement and a clear margin)
FUZZY_REPORT = 85.0  # scores from here up are reported as ambiguous instead of unmatched
FUZZY_MARGIN = 4.0   # the best candidate must beat the next one by this much
MIN_FUZZY_LEN = 4    # short names ("AMD", "SK") only ever match exactly
RULE_RANK = {"override": 0, "catalog.eto_provider_id": 1, "name+country": 2, "name": 3, "fuzzy+country": 4}


class Candidate(BaseModel):
    """An entity a provider may be merged into."""

    model_config = ConfigDict(frozen=True)

    entity_id: str
    iri: str
    name: str
    kind: Literal["catalog", "graph"]
    place: bool
    keys: frozenset[str]
    forms: tuple[str, ...]
    country: str | None = None
    eto_provider_id: str | None = None


def _names_of(entry: CatalogEntry) -> list[str]:
    return [n for n in (entry.name, entry.zh_hans, entry.zh_hant, *entry.aliases) if n]


def _country_of(entry: CatalogEntry, by_id: dict[str, CatalogEntry]) -> str | None:
    """The catalog country an entry sits in, following hq then part_of (city -> country, subsidiary -> parent)."""
    seen: set[str] = set()
    e: CatalogEntry | None = entry
    while e is not None and e.id not in seen:
        seen.add(e.id)
        if e.type == "Place" and "Country" in e.roles:
            return e.id
        nxt = e.hq or e.part_of
        e = by_id.get(nxt) if nxt else None
    return None


def _candidate(entity_id: str, iri: str, name: str, names: list[str], kind, place: bool, **extra) -> Candidate:
    forms = tuple(sorted({normalise_name(n) for n in names} - {""}))
    keys = frozenset(k for k in (name_key(n) for n in names) if k)
    return Candidate(entity_id=entity_id, iri=iri, name=name, kind=kind, place=place, keys=keys, forms=forms, **extra)


def catalog_candidates(catalog: Catalog) -> list[Candidate]:
    by_id = catalog.by_id()
    out = []
    for e in catalog.entries:
        if e.type not in ("Company", "Organization", "Place"):
            continue
        out.append(_candidate(e.id, str(entity_iri(e.id)), e.name, _names_of(e), "catalog", e.type == "Place",
                              country=_country_of(e, by_id), eto_provider_id=e.eto_provider_id))
    return out


def graph_candidates(graph: Graph) -> list[Candidate]:
    """Entities discovered in articles (not in the catalog) that could be the same firm or place."""
    from semikg.graph.view import GraphView  # the view is only needed when a base graph is given

    out = []
    for n in GraphView(graph).nodes():
        if n.origin != "discovered":
            continue
        place = "Place" in n.classes
        if not place and not ({"Company", "Organization"} & set(n.classes)):
            continue
        names = [n.label, *n.pref_labels.values(), *(t for t, _ in n.alt_labels)]
        out.append(_candidate(n.id, n.iri, n.label, names, "graph", place))
    return out


class Resolver:
    def __init__(self, candidates: list[Candidate], overrides: EtoOverrides, overrides_path: str = "eto_overrides.yaml"):
        self.candidates = candidates
        self.by_id = {c.entity_id: c for c in candidates}
        self.overrides = overrides
        self.overrides_path = overrides_path
        self.by_eto_id: dict[str, list[Candidate]] = defaultdict(list)
        self.by_key: dict[tuple[bool, str], list[Candidate]] = defaultdict(list)
        for c in candidates:
            if c.eto_provider_id:
                self.by_eto_id[c.eto_provider_id].append(c)
            for k in c.keys:
                self.by_key[(c.place, k)].append(c)
        self.iso3: dict[str, str] = {}  # provider country code -> entity id of that country
        self._fuzzy_choices: dict[bool, tuple[list[str], list[Candidate]]] = {}

    # ------------------------------------------------------------------ one provider
    def _name_hits(self, p: Provider, keys: set[str]) -> list[Candidate]:
        """Candidates of the provider's kind (place or agent) sharing a normalised name, in catalog order."""
        want_place = p.type == "country"
        found = {c.entity_id for k in keys for c in self.by_key.get((want_place, k), ())}
        return [c for c in self.candidates if c.entity_id in found and not self.overrides.forbidden(p.id, c.entity_id)]

    def _country_note(self, p: Provider, c: Candidate) -> Literal["agree", "disagree", "unknown"]:
        if p.type == "country":
            return "unknown"
        mine = self.iso3.get(p.country or "")
        if not mine or not c.country:
            return "unknown"
        return "agree" if mine == c.country else "disagree"

    def _merge(self, p: Provider, c: Candidate, rule: str, score: float) -> Merge:
        return Merge(provider_id=p.id, provider_name=p.name, entity_id=c.entity_id, entity_name=c.name, rule=rule, score=score)

    def _resolve(self, p: Provider) -> Merge | Ambiguity | Unmatched:
        ov = self.overrides
        if p.id in ov.merge:
            target = self.by_id.get(ov.merge[p.id])
            if target is None:
                raise DatasetError(self.overrides_path, f"merge: {p.id} -> {ov.merge[p.id]!r} is no catalog or graph entity")
            return self._merge(p, target, "override", 100.0)
        if p.id in ov.keep_separate or p.id in ov.aggregates:
            why = "aggregate placeholder" if p.id in ov.aggregates else "kept separate by override"
            return Unmatched(provider_id=p.id, provider_name=p.name, country=p.country, reason=why)

        claimed = [c for c in self.by_eto_id.get(p.id, ()) if not ov.forbidden(p.id, c.entity_id)]
        if len(claimed) == 1:
            return self._merge(p, claimed[0], "catalog.eto_provider_id", 100.0)
        if len(claimed) > 1:
            return Ambiguity(provider_id=p.id, provider_name=p.name, reason="several catalog entries carry this eto_provider_id",
                             candidates=tuple(CandidateScore(entity_id=c.entity_id, name=c.name, score=100.0) for c in claimed))

        names = [p.name, *p.aliases]
        hits = self._name_hits(p, {k for k in map(name_key, names) if k})
        if hits:
            notes = {c.entity_id: self._country_note(p, c) for c in hits}
            ok = [c for c in hits if notes[c.entity_id] != "disagree"]
            agree = [c for c in ok if notes[c.entity_id] == "agree"]
            if len(ok) == 1:
                return self._merge(p, ok[0], "name+country" if agree else "name", 100.0)
            if len(agree) == 1:
                return self._merge(p, agree[0], "name+country", 100.0)
            reason = "name matches but the country disagrees" if not ok else "name matches several entities"
            return Ambiguity(provider_id=p.id, provider_name=p.name, reason=reason, candidates=tuple(
                CandidateScore(entity_id=c.entity_id, name=c.name, score=100.0, note=f"country {notes[c.entity_id]}") for c in hits))
        return self._fuzzy(p, names)

    def _choices(self, place: bool) -> tuple[list[str], list[Candidate]]:
        if place not in self._fuzzy_choices:
            choices: list[str] = []
            owners: list[Candidate] = []
            for c in self.candidates:
                if c.place != place:
                    continue
                for f in c.forms:
                    if len(f.replace(" ", "")) >= MIN_FUZZY_LEN:
                        choices.append(f)
                        owners.append(c)
            self._fuzzy_choices[place] = (choices, owners)
        return self._fuzzy_choices[place]

    def _fuzzy(self, p: Provider, names: list[str]) -> Merge | Ambiguity | Unmatched:
        choices, owners = self._choices(p.type == "country")
        best: dict[str, float] = {}
        for form in sorted({normalise_name(n) for n in names}):
            if len(form.replace(" ", "")) < MIN_FUZZY_LEN:
                continue
            for _, score, idx in process.extract(form, choices, scorer=fuzz.token_sort_ratio, limit=None, score_cutoff=50):
                eid = owners[idx].entity_id
                if not self.overrides.forbidden(p.id, eid):
                    best[eid] = max(best.get(eid, 0.0), float(score))
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
        if not ranked or ranked[0][1] < FUZZY_REPORT:
            nearest = None
            if ranked:
                eid, score = ranked[0]
                nearest = CandidateScore(entity_id=eid, name=self.by_id[eid].name, score=round(score, 1))
            return Unmatched(provider_id=p.id, provider_name=p.name, country=p.country,
                             reason="no candidate scores high enough", nearest=nearest)
        # A similar name in another country is a different firm (Achronix/USA vs Macronix/Taiwan):
        # not worth a human's attention, so it only shows as the nearest candidate.
        plausible = [(eid, s) for eid, s in ranked if self._country_note(p, self.by_id[eid]) != "disagree"]
        if not plausible or plausible[0][1] < FUZZY_REPORT:
            eid, score = ranked[0]
            return Unmatched(provider_id=p.id, provider_name=p.name, country=p.country,
                             reason="similar names only in other countries",
                             nearest=CandidateScore(entity_id=eid, name=self.by_id[eid].name, score=round(score, 1),
                                                    note="country disagree"))
        ranked = plausible
        top_id, top = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        top_c = self.by_id[top_id]
        country = self._country_note(p, top_c)
        if top >= FUZZY_MERGE and country == "agree" and top - second >= FUZZY_MARGIN:
            return self._merge(p, top_c, "fuzzy+country", round(top, 1))
        if top < FUZZY_MERGE:
            reason = f"fuzzy score below {FUZZY_MERGE:.0f}"
        elif country != "agree":
            reason = f"fuzzy match but country {country}"
        else:
            reason = "two candidates score almost the same"
        cands = tuple(
            CandidateScore(entity_id=eid, name=self.by_id[eid].name, score=round(s, 1),
                           note=f"country {self._country_note(p, self.by_id[eid])}")
            for eid, s in ranked if s >= FUZZY_REPORT)[:5]
        return Ambiguity(provider_id=p.id, provider_name=p.name, reason=reason, candidates=cands)

    # ------------------------------------------------------------------ the whole dataset
    def resolve(self, ds: EtoDataset) -> ResolutionReport:
        # Countries first: their resolution tells which entity each ISO3 code stands for, which the
        # country-agreement rule for organisations needs.
        countries = [p for p in ds.providers if p.type == "country"]
        orgs = [p for p in ds.providers if p.type != "country"]
        results: dict[str, Merge | Ambiguity | Unmatched] = {}
        for p in countries:
            results[p.id] = r = self._resolve(p)
            if isinstance(r, Merge):
                self.iso3[p.name] = r.entity_id
        for p in orgs:
            results[p.id] = self._resolve(p)
        results = self._settle_claims(results, {p.id: p for p in ds.providers})
        order = {p.id: i for i, p in enumerate(ds.providers)}
        ordered = sorted(results.items(), key=lambda kv: order[kv[0]])
        codes = {p.name for p in countries} | set(self.iso3)
        unknown = sorted({p.country for p in orgs if p.country and p.country not in codes})
        return ResolutionReport(
            dataset=ds.path, providers=len(ds.providers), candidates=len(self.candidates),
            merged=tuple(r for _, r in ordered if isinstance(r, Merge)),
            ambiguous=tuple(r for _, r in ordered if isinstance(r, Ambiguity)),
            unmatched=tuple(r for _, r in ordered if isinstance(r, Unmatched)),
            unknown_countries=tuple(unknown),
            stale_catalog_ids=tuple(sorted(c.entity_id for eto_id, cs in self.by_eto_id.items()
                                           if eto_id not in order for c in cs)),
        )

    def _settle_claims(self, results: dict, providers: dict[str, Provider]) -> dict:
        """Two providers merged into one entity: the stronger rule keeps it, a tie merges neither."""
        by_entity: dict[str, list[Merge]] = defaultdict(list)
        for r in results.values():
            if isinstance(r, Merge):
                by_entity[r.entity_id].append(r)
        out = dict(results)
        for eid, merges in by_entity.items():
            if len(merges) < 2 or all(m.rule == "override" for m in merges):
                continue
            merges.sort(key=lambda m: (RULE_RANK[m.rule], m.provider_id))
            best = RULE_RANK[merges[0].rule]
            winners = [m for m in merges if RULE_RANK[m.rule] == best]
            keep = winners[0] if len(winners) == 1 or best == RULE_RANK["override"] else None
            for m in merges:
                if m is keep or m.rule == "override":
                    continue
                others = ", ".join(f"{o.provider_id} ({o.rule})" for o in merges if o is not m)
                out[m.provider_id] = Ambiguity(
                    provider_id=m.provider_id, provider_name=m.provider_name,
                    reason=f"{eid} is also claimed by {others}",
                    candidates=(CandidateScore(entity_id=eid, name=m.entity_name, score=m.score, note=m.rule),))
        return out
