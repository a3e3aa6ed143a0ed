"""The keys the in-page search box matches: every name and alias of a node, in both Chinese scripts.

The page's JavaScript only folds case and width (NFKC + lower case), so the Simplified/Traditional
variants are precomputed here; typing 台积电, 臺積電 or tsmc finds the same node.
"""
from __future__ import annotations

import unicodedata

from semikg.graph.view import GraphNode
from semikg.loaders.normalise import to_simplified, to_traditional


def name_key(text: str) -> str:
    """Compatibility-fold, lower-case, drop whitespace: mirrors ``key()`` in viz/page.js."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in folded if not ch.isspace())


def search_keys(node: GraphNode) -> tuple[str, ...]:
    names = {node.label, node.id, *node.pref_labels.values(), *(t for t, _ in node.alt_labels)}
    keys = set()
    for n in names:
        for variant in (n, to_simplified(n), to_traditional(n)):
            k = name_key(variant)
            if k:
                keys.add(k)
    return tuple(sorted(keys))
