"""Every rule file's trigger rules (relations.yaml and the lexicons) as one engine per extractor."""
from __future__ import annotations

from semikg.extract.passes.state import ArticleState, SentenceView
from semikg.extract.relations import CompiledRule, FoundRelation, RelationExtractor, RuleScan

_NONE: dict[str, list[FoundRelation]] = {}


class RuleBook:
    """The rule passes' engines made one: each sentence view is read once for every rule file
    (one trigger lookup, one rule plan, one token string, one call), and each pass takes the
    findings of its own file. A file's findings are exactly what an engine over that file alone
    finds (tests/extract/test_rule_book.py): a rule's matches never depend on another file's rules.

    Passes add their file when they are built; the findings of an article are worked out on the
    first pass's request and kept in its state (``ArticleState.rule_findings``, one entry per view,
    with the engine that found them)."""

    def __init__(self, scan: RuleScan):
        self.scan = scan
        self._files: dict[str, tuple[CompiledRule, ...]] = {}
        self._engine: RelationExtractor | None = None

    def add(self, source: str, rules: tuple[CompiledRule, ...]) -> None:
        if any(r.source != source for r in rules):
            raise ValueError(f"rules added as {source!r} come from another file")
        if source not in self._files:
            self._files[source] = rules
            self._engine = None

    @property
    def engine(self) -> RelationExtractor:
        if self._engine is None:
            self._engine = RelationExtractor(tuple(r for rules in self._files.values() for r in rules), self.scan)
        return self._engine

    def findings(self, state: ArticleState, source: str) -> list[tuple[SentenceView, list[FoundRelation]]]:
        """The views of the article where ``source``'s rules find something, with what they find."""
        if source not in self._files:
            raise ValueError(f"no rule file {source!r} in the book")
        engine = self.engine
        # Read again if a file joined the book since (a pass may be built after others have run).
        if state.rule_findings is None or state.rule_findings[0] is not engine:
            state.rule_findings = (engine, [])
        done = state.rule_findings[1]
        if len(done) < len(state.views):
            norm = state.norm
            for s0, s1, ms in state.views[len(done):]:
                done.append(engine.run_by_source(norm[s0:s1], s0, ms) if len(ms) >= 2 else _NONE)
        return [(view, got[source]) for view, got in zip(state.views, done) if source in got]
