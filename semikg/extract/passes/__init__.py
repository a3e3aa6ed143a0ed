"""The rule-based extractor as an ordered list of passes over one article's state.

``DEFAULT_PASSES`` is the order: each pass reads what the ones before it left in the
``ArticleState`` and extends it. A new kind of extraction is a new pass appended (or inserted)
here, built from the shared ``CatalogContext``.
"""
from __future__ import annotations

from typing import Callable

from semikg.extract.passes.context import CatalogContext
from semikg.extract.passes.coordination import CoordinationPass
from semikg.extract.passes.coreference import CoreferencePass
from semikg.extract.passes.discovery import DiscoveryPass
from semikg.extract.passes.finance import FinancePass, GiversPass
from semikg.extract.passes.matching import MatchingPass
from semikg.extract.passes.mentions import MentionsPass
from semikg.extract.passes.owners import OwnersPass
from semikg.extract.passes.pairs import PairsPass
from semikg.extract.passes.places import PlacesPass
from semikg.extract.passes.policies import PoliciesPass
from semikg.extract.passes.quantities import QuantitiesPass
from semikg.extract.passes.relations import RelationsPass
from semikg.extract.passes.sentences import SentencesPass
from semikg.extract.passes.sites import BuiltSitesPass, SitesPass
from semikg.extract.passes.trade import TradePass
from semikg.extract.passes.usage import UsagePass
from semikg.extract.passes.state import ArticleState, NameFact, Pass, SentenceView, Span

PassFactory = Callable[[CatalogContext], Pass]

DEFAULT_PASSES: tuple[PassFactory, ...] = (
    MatchingPass,      # catalog names -> hits
    DiscoveryPass,     # unknown names -> found
    MentionsPass,      # hits + found -> refs, spans, aliases
    SitesPass,         # sites named by operator / quotes / 位于 -> Fab spans, facts
    CoreferencePass,   # aliases, short forms, anaphors -> one entity per thing named
    OwnersPass,        # owners read off catalog names -> facts
    SentencesPass,     # sentences and the mentions in each
    RelationsPass,     # facts and trigger rules -> relations
    PairsPass,         # every admissible mention pair, scored, the rules' findings as votes -> relations
    # After the scorer, so that its votes are the relations rules' alone, as when it was fitted.
    PlacesPass,        # places in names, place cues (places.yaml) -> locatedIn
    BuiltSitesPass,    # a site a firm builds in a place it names -> Fab, operates, locatedIn
    PoliciesPass,      # policy names, policy cues (policies.yaml) -> restricts, issuedBy, funds
    UsagePass,         # use, make, design cues (usage.yaml) -> usesTechnology, manufactures, designs, develops
    TradePass,         # trade cues (trade.yaml) -> supplies, customerOf
    FinancePass,       # money and ownership cues (finance.yaml) -> investsIn, funds, partOf, acquires
    CoordinationPass,  # a relation of one list member -> the same relation of the others (after every relation pass)
    GiversPass,        # who gives the money: a public body funds, a firm invests; a site bought is invested in
    QuantitiesPass,    # figures -> measurements
)

__all__ = ["ArticleState", "CatalogContext", "DEFAULT_PASSES", "NameFact", "Pass", "PassFactory",
           "SentenceView", "Span"]
