"""The build pipeline: files -> articles -> extraction results -> RDF graph -> outputs.

Each stage is a component with a typed ``run``; ``Pipeline`` wires them, times them and writes the
outputs atomically.
"""
from __future__ import annotations

import gc
import json
import time
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path
from typing import Callable, Iterable, Protocol, runtime_checkable

from rdflib import Graph

from semikg.errors import InputError
from semikg.extract.rules import Extractor, RuleBasedExtractor
from semikg.fsutil import atomic_open
from semikg.graph.builder import BuiltGraph, GraphBuilder
from semikg.graph.shacl import ShaclReport
from semikg.graph.turtle import write_canonical_turtle
from semikg.loaders.articles import ArticleReader
from semikg.loaders.catalog import default_catalog_path, load_catalog
from semikg.loaders.files import FileLoader, list_inputs
from semikg.loaders.normalise import normalise, to_simplified
from semikg.loaders.split import MIN_ARTICLE_CHARS
from semikg.models import BuildReport, Catalog, ExtractionResult, SkippedArticle, StageTimes
from semikg.paths import GRAPH_FILE, REPORT_FILE


# (what is being done, files done, files in all): "extracting 001.txt", then the later stages
# ("building the graph", "checking the SHACL shapes", "writing Turtle") with every file done.
Progress = Callable[[str, int, int], None]

# A build allocates millions of short-lived, acyclic objects (matches, terms, tuples); with the
# default threshold (700) the collector walks the growing graph over and over (~10 % of a large
# build). Collections still run, just less often; memory is unchanged (nothing cyclic piles up).
BUILD_GC_THRESHOLD = (100_000, 50, 100)


# (entity id, surface) of a Mention, picked in C.
_ENTITY_AND_SURFACE = itemgetter(0, 1)


@contextmanager
def batch_gc():
    old = gc.get_threshold()
    gc.set_threshold(*BUILD_GC_THRESHOLD)
    try:
        yield
    finally:
        # What the build keeps (its graph, its results) is still in the young generations, and the
        # build has run so few collections that restoring the thresholds triggers one of them at the
        # next allocation: it walks every object the build kept (~0.1 s after an x100 build) and
        # finds nothing, as builds make no cycles. The objects are moved to the oldest generation
        # instead, which a full collection walks as it would have anyway. (Only when nothing is
        # frozen already: unfreeze would thaw what a caller froze.)
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        gc.set_threshold(*old)


@runtime_checkable
class GraphExtension(Protocol):
    """A second source merged into the built graph (e.g. the ETO dataset), with its own shapes."""

    shapes: list[Path]

    def apply(self, graph: Graph) -> None: ...


def default_articles_dir() -> Path:
    from importlib import resources

    return Path(str(resources.files("semikg.seeds")))


class Pipeline:
    def __init__(self, catalog: Catalog | str | Path | None = None, extractor: Extractor | None = None,
                 max_file_bytes: int | None = None):
        self.catalog = catalog if isinstance(catalog, Catalog) else load_catalog(catalog)
        self.loader = FileLoader() if max_file_bytes is None else FileLoader(max_file_bytes)
        self.reader = ArticleReader()
        self.extractor: Extractor = extractor or RuleBasedExtractor(self.catalog)
        # Every (entity id, surface) named so far: kept as the pairs, added in C; labels() groups
        # them by entity when asked (a build never asks).
        self._pairs: set[tuple[str, str]] = set()
        self._surfaces: dict[str, set[str]] = {}
        self._grouped = 0  # how many pairs _surfaces holds
        # The graph builder of the build running, if one is: it gathers the pairs of every result
        # the build reads (see add_surfaces).
        self._builder: GraphBuilder | None = None
        self.times = StageTimes()
        self.shacl_report = None
        self.errors: list[str] = []

    # ------------------------------------------------------------------ extraction
    def extract_file(self, path: str | Path) -> list[ExtractionResult]:
        t0 = time.perf_counter()
        source = self.loader.run(path)
        t1 = time.perf_counter()
        articles = self.reader.run(source)
        t2 = time.perf_counter()
        results = [self.extractor.run(a) for a in articles]
        t3 = time.perf_counter()
        self.times.load += t1 - t0
        self.times.read += t2 - t1
        self.times.extract += t3 - t2
        self.add_surfaces(results)
        return results

    def add_surfaces(self, results: Iterable[ExtractionResult]) -> None:
        """Remember the surface forms of every mention in ``results`` (see labels)."""
        pairs = self._pairs
        if self._builder is not None:
            # A build hands every result it reads to its graph builder, which gathers the pairs of
            # the relevant articles' mentions anyway: they are taken from it (_take_surfaces)
            # rather than gathered twice.
            results = [r for r in results if not r.article.relevant]
        for r in results:
            pairs.update(map(_ENTITY_AND_SURFACE, r.mentions))

    def _take_surfaces(self) -> None:
        if self._builder is not None:
            self._pairs |= self._builder.surfaces

    def labels(self, entity_id: str) -> set[str]:
        """Every name known for an entity: catalog names and aliases, and surface forms seen so far."""
        self._take_surfaces()
        if self._grouped != len(self._pairs):
            surfaces: dict[str, set[str]] = {}
            for known_id, surface in self._pairs:
                surfaces.setdefault(known_id, set()).add(surface)
            self._surfaces, self._grouped = surfaces, len(self._pairs)
        out = set(self._surfaces.get(entity_id, ()))
        entry = self.catalog.by_id().get(entity_id)
        if entry is not None:
            out.update(x for x in (entry.name, entry.zh_hans, entry.zh_hant, *entry.aliases) if x)
        return out

    # ------------------------------------------------------------------ build
    def validate(self, built: BuiltGraph, extra_shapes: list[Path] | None) -> ShaclReport:
        """The SHACL report of a built graph (a caching pipeline reuses the one of an unchanged graph)."""
        from semikg.graph.shacl import validate

        return validate(built.graph, extra_shapes)

    def build(self, inputs: Iterable[str | Path], out_dir: str | Path, progress: Progress | None = None,
              strict: bool = False, extension: GraphExtension | None = None, shacl: bool = True) -> BuildReport:
        with batch_gc():
            try:
                return self._build(inputs, out_dir, progress, strict, extension, shacl)
            finally:
                self._take_surfaces()
                self._builder = None

    def _build(self, inputs: Iterable[str | Path], out_dir: str | Path, progress: Progress | None,
               strict: bool, extension: GraphExtension | None, shacl: bool) -> BuildReport:
        files = sorted({Path(p) for p in inputs}, key=lambda p: p.name)
        builder = self._builder = GraphBuilder(self.catalog)
        skipped: list[SkippedArticle] = []
        used = total = chars = 0
        errors: list[str] = []
        for i, path in enumerate(files):
            if progress:
                progress(f"extracting {path.name}", i, len(files))
            try:
                results = self.extract_file(path)
            except InputError as e:
                if strict:
                    raise
                errors.append(str(e))
                continue
            if not results:
                # Readable, but nothing long enough to be an article once boilerplate is dropped.
                errors.append(f"{path}: no article in it (nothing of at least {MIN_ARTICLE_CHARS} characters "
                              "is left once spam and boilerplate lines are dropped)")
            t = time.perf_counter()
            for r in results:
                total += 1
                chars += r.article.end - r.article.start
                if r.article.relevant:
                    used += 1
                else:
                    skipped.append(SkippedArticle(article_id=r.article.id, source_file=r.article.source_file,
                                                  index=r.article.index, title=r.article.title,
                                                  reason=r.article.skip_reason or "off-topic"))
                builder.add(r)
            self.times.graph += time.perf_counter() - t
        if progress:
            progress("building the graph", len(files), len(files))
        if total == 0:
            shown = "; ".join(errors[:3]) + (f"; and {len(errors) - 3} more" if len(errors) > 3 else "")
            raise InputError(files[0].parent if files else out_dir,
                             "no article could be read" + (f": {shown}" if errors else ""))
        t = time.perf_counter()
        built: BuiltGraph = builder.finish()
        if extension is not None:
            extension.apply(built.graph)
            built.triples = type(built.triples)(built.graph)
        self.times.graph += time.perf_counter() - t
        self.shacl_report = None
        if shacl:
            if progress:
                progress("checking the SHACL shapes", len(files), len(files))
            t = time.perf_counter()
            self.shacl_report = self.validate(built, extension.shapes if extension is not None else None)
            self.times.shacl = time.perf_counter() - t
        out = Path(out_dir)
        ttl = out / GRAPH_FILE
        if progress:
            progress("writing Turtle", len(files), len(files))
        t = time.perf_counter()
        with atomic_open(ttl) as fh:
            n = write_canonical_turtle(built.triples, fh)
        self.times.serialise += time.perf_counter() - t
        report = BuildReport(
            files=[p.name for p in files], articles_total=total, articles_used=used, skipped=skipped,
            entities=built.entities, entities_discovered=built.entities_discovered, relations=built.relations,
            relations_hedged=built.relations_hedged, measurements=built.measurements, triples=n, characters=chars,
            seconds=StageTimes(**{k: round(v, 3) for k, v in self.times.model_dump().items()}),
            outputs={"graph": GRAPH_FILE, "report": REPORT_FILE},
            shacl_conforms=self.shacl_report.conforms if self.shacl_report else None,
            shacl_violations=len(self.shacl_report.violations) if self.shacl_report else None,
        )
        report_json = report.model_dump(mode="json")
        report_json["errors"] = errors
        report_json.pop("seconds")  # timings vary run to run; the report file stays byte-identical
        # One string, one write: json.dump writes every key and separator on its own (the
        # encoder that takes an indent is Python's), thousands of file writes for a large build.
        text = json.dumps(report_json, ensure_ascii=False, indent=2, sort_keys=True)
        with atomic_open(out / REPORT_FILE) as fh:
            fh.write(text + "\n")
        self.built = built
        self.errors = errors
        return report


def resolve_inputs(articles: str | Path | None) -> list[Path]:
    return list_inputs(articles if articles is not None else default_articles_dir())


__all__ = ["Pipeline", "resolve_inputs", "default_catalog_path", "normalise", "to_simplified"]
