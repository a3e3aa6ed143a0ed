"""Trade: who supplies (supplies) and buys from (customerOf) whom, from the
cues of semikg/extract/trade.yaml."""
from __future__ import annotations

from semikg.extract.passes.lexicon import LexiconPass


class TradePass(LexiconPass):
    name = "trade"
    lexicon_file = "trade.yaml"
