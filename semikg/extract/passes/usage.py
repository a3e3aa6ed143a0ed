"""Usage: what firms, sites and chips use (usesTechnology) and what makers make (manufactures),
from the cues of semikg/extract/usage.yaml."""
from __future__ import annotations

from semikg.extract.passes.lexicon import LexiconPass


class UsagePass(LexiconPass):
    name = "usage"
    lexicon_file = "usage.yaml"
