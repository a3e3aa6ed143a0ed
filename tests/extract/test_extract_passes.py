"""The extractor's passes, one at a time: each reads the article state the passes before it left
and extends it (semikg/extract/passes/)."""
from __future__ import annotations

import pytest

from semikg.extract.passes import DEFAULT_PASSES, ArticleState, CatalogContext, NameFact
from semikg.extract.passes.coreference import CoreferencePass
from semikg.extract.passes.discovery import DiscoveryPass
from semikg.extract.passes.matching import MatchingPass
from semikg.extract.passes.mentions import MentionsPass
from semikg.extract.passes.owners import OwnersPass
from semikg.extract.passes.quantities import QuantitiesPass
from semikg.extract.passes.relations import RelationsPass
from semikg.extract.passes.sentences import SentencesPass
from semikg.extract.passes.sites import SitesPass
from semikg.extract.rules import RuleBasedExtractor
from semikg.loaders.catalog import load_catalog
from semikg.loaders.normalise import normalise, script_of
from semikg.models import Article, EntityRef


@pytest.fixture(scope="module")
def ctx(mini_catalog_path) -> CatalogContext:
    return CatalogContext(load_catalog(mini_catalog_path))


def article(text: str) -> Article:
    return Article(id="p-000", source_file="p.txt", encoding="utf-8", index=0, start=0, end=len(text),
                   title=text[:20], text=text, norm_text=normalise(text), script=script_of(text))


def run_until(ctx: CatalogContext, text: str, last: type) -> ArticleState:
    """The state after the default passes up to and including ``last``."""
    state = ArticleState.of(article(text))
    for make in DEFAULT_PASSES:
        make(ctx).run(state)
        if make is last:
            return state
    raise AssertionError(f"{last.__name__} is not a default pass")


def named(state: ArticleState) -> set[tuple[str, str]]:
    return {(state.refs[eid].type, state.text[s:e]) for s, e, eid in state.spans}


def test_default_passes_run_in_dependency_order(ctx):
    names = [make(ctx).name for make in DEFAULT_PASSES]
    assert names == ["matching", "discovery", "mentions", "sites", "coreference", "owners", "sentences",
                     "relations", "places", "built-sites", "policies", "usage", "trade", "finance", "pairs",
                     "coordination", "givers", "quantities"]


def test_an_appended_pass_sees_the_finished_state_and_its_additions_reach_the_result(mini_catalog_path):
    seen = {}

    class CountRelations:
        name = "count"

        def __init__(self, ctx):
            pass

        def run(self, state):
            seen["relations"] = len(state.relations)
            state.refs.setdefault("x-extra", EntityRef(id="x-extra", type="Company", name="Extra", origin="discovered"))

    ex = RuleBasedExtractor(load_catalog(mini_catalog_path), passes=(*DEFAULT_PASSES, CountRelations))
    r = ex.run(article("台积电为苹果代工芯片。"))
    assert seen["relations"] == len(r.relations) >= 1
    assert "x-extra" in {e.id for e in r.entities}


def test_matching_finds_catalog_names(ctx):
    state = run_until(ctx, "三星与台積電在美国竞争。", MatchingPass)
    assert [h.entity_id for h in state.hits] == ["samsung", "tsmc", "usa"]
    assert not state.spans  # mentions are the mentions pass's


def test_discovery_finds_names_the_catalog_lacks(ctx):
    state = run_until(ctx, "杭州云芯半导体有限公司今年投产。", DiscoveryPass)
    assert [(f.type, f.name) for f in state.found] == [("Company", "杭州云芯半导体有限公司")]


def test_mentions_give_discovered_firms_their_short_forms_and_declared_abbreviations(ctx):
    state = run_until(ctx, "杭州云芯半导体有限公司（下称“云芯”）今年投产。", MentionsPass)
    firm = next(eid for _, _, eid in state.spans if state.refs[eid].type == "Company")
    assert state.aliases == {"杭州云芯半导体": firm, "云芯": firm}


def test_sites_make_a_fab_operated_by_the_firm_named_before_it(ctx):
    state = run_until(ctx, "三星美国第二工厂明年投产。", SitesPass)
    # The name holds the firm; the mention after it is the site's own part.
    assert named(state) == {("Company", "三星"), ("Fab", "美国第二工厂")}
    facts = {(state.refs[f.subject].name, f.predicate, state.refs[f.object].name) for f in state.facts}
    assert facts == {("Samsung", "operates", "三星美国第二工厂"), ("三星美国第二工厂", "locatedIn", "United States")}


def test_coreference_joins_short_forms_and_resolves_anaphors(ctx):
    text = "杭州云芯半导体有限公司今年投产。云芯半导体称，该公司将扩产。"
    state = run_until(ctx, text, CoreferencePass)
    firm_ids = {eid for _, _, eid in state.spans}
    assert len(firm_ids) == 1
    assert [(text[a:b], eid) for a, b, eid in state.corefs] == [("该公司", firm_ids.pop())]


def test_owners_read_a_designer_off_a_product_named_with_its_maker(tmp_path):
    cat = tmp_path / "c.yaml"
    cat.write_text("version: 1\nentities:\n"
                   "  - {id: acme, type: Company, name: Acme, zh_hans: 艾克美, links: [{predicate: designs, object: zx1}]}\n"
                   "  - {id: zx1, type: Chip, name: Acme ZX1, aliases: [艾克美ZX1]}\n", encoding="utf-8")
    state = run_until(CatalogContext(load_catalog(cat)), "新款艾克美ZX1已上市。", OwnersPass)
    assert [(f.subject, f.predicate, f.object) for f in state.facts] == [("acme", "designs", "zx1")]
    assert "acme" in state.refs  # the owner is named by the product's name


def test_sentences_split_a_maker_led_product_alike_with_and_without_the_firms_keys(tmp_path):
    from semikg.extract.passes.sentences import firm_openings

    cat = tmp_path / "c.yaml"
    cat.write_text("version: 1\nentities:\n"
                   "  - {id: acme, type: Company, name: Acme, zh_hans: 艾克美}\n"
                   "  - {id: zx1, type: Chip, name: Acme ZX1, aliases: [艾克美ZX1]}\n"
                   "  - {id: n5, type: ProcessNode, name: Acme 5A}\n", encoding="utf-8")
    ctx = CatalogContext(load_catalog(cat))
    text = "新款艾克美ZX1与Acme 5A制程已上市。"
    pass_ = SentencesPass(ctx)
    with_keys, without = run_until(ctx, text, OwnersPass), run_until(ctx, text, OwnersPass)
    got = firm_openings(with_keys, ctx, pass_.firm_initials, pass_.firms)
    assert got == firm_openings(without, ctx) and with_keys.nested == without.nested
    assert [(text[s:e], eid) for s, e, eid in got if eid == "acme"] == [("艾克美", "acme"), ("Acme", "acme")]


def test_normalised_text_free_of_the_renormalised_characters_is_its_own_normal_form():
    from semikg.extract.passes.sentences import renormalised

    once = normalise("".join(map(chr, range(0x10000))))
    twice = normalise(once)
    assert renormalised() == {a for a, b in zip(once, twice) if a != b}
    assert all(normalise(c) == c for c in set(once) - renormalised())


def test_sentences_carry_the_subject_into_a_continuing_clause(ctx):
    text = "台积电向苹果供货，并向英伟达供货。"
    state = run_until(ctx, text, SentencesPass)
    (view,) = state.views
    carried = [m for m in view.mentions if m.coref]
    assert [(m.entity_id, m.start == m.end, text[m.start:m.start + 1]) for m in carried] == [("tsmc", True, "并")]


def test_relations_quote_the_sentence_a_name_fact_stands_in(ctx):
    text = "前一句。三星美国第二工厂明年投产。"
    state = run_until(ctx, text, RelationsPass)
    operated = [r for r in state.relations if r.predicate == "operates"]
    assert [(r.subject, r.evidence.quote) for r in operated] == [("samsung", "三星美国第二工厂明年投产。")]


def test_relations_pass_turns_given_facts_into_relations(ctx):
    state = run_until(ctx, "台积电在美国建厂。", SentencesPass)
    state.facts.append(NameFact(0, "tsmc", "partnersWith", "samsung", "test.fact", 0.5))
    RelationsPass(ctx).run(state)
    assert ("tsmc", "partnersWith", "samsung", "test.fact") in {
        (r.subject, r.predicate, r.object, r.evidence.rule) for r in state.relations}


def test_quantities_attach_a_figure_to_the_mention_it_measures(ctx):
    state = run_until(ctx, "台积电今年营收达到900亿美元。", QuantitiesPass)
    assert [(m.about, m.kind) for m in state.measurements] == [("tsmc", "Revenue")]


def test_every_discovery_rule_named_in_order_exists():
    from semikg.extract.discovery import Discoverer

    d = Discoverer()
    assert len(set(d.RULES)) == len(d.RULES)
    assert all(callable(getattr(d, "_rule_" + r, None)) for r in d.RULES)
