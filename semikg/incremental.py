"""Incremental builds: extraction results cached per input file, keyed by content hash.

Extraction dominates a build's cost, so a file whose bytes (and name, and the extractor's
configuration) are unchanged is not extracted again: its ``ExtractionResult`` list is read back from
``OUT/cache/extract/<key>.json``. The graph itself is always rebuilt from the results of the
*current* inputs, so a removed file takes its articles, facts and every entity only it supported
with it, and the output is byte-identical to a full build of the same inputs.

The SHACL report is cached too, keyed by the graph's content and the shapes: an unchanged graph
is not validated again (SHACL costs about as much as extracting the five seed files).
"""
from __future__ import annotations

import hashlib
import os
import shutil
from importlib import resources
from pathlib import Path

from pydantic import BaseModel

from semikg.fsutil import write_text_atomic
from semikg.graph.builder import BuiltGraph
from semikg.graph.shacl import ShaclReport
from semikg.models import ExtractionResult
from semikg.pipeline import Pipeline

CACHE_DIR = Path("cache") / "extract"
SHACL_CACHE = "shacl"  # beside CACHE_DIR: OUT/cache/shacl/<key>.json, only the latest kept
# /2: a mention is stored as an array [entity_id, surface, start, end, rule], not an object.
CACHE_FORMAT = "semikg-extract-cache/2"


class CachedFile(BaseModel):
    format: str = CACHE_FORMAT
    file: str
    results: list[ExtractionResult]


class CacheStats(BaseModel):
    hits: list[str] = []
    extracted: list[str] = []
    pruned: int = 0
    shacl_cached: bool = False


def extractor_fingerprint(pipe: Pipeline) -> str:
    """Hash of everything that decides extraction output: catalog, rule files, extractor code, vocabulary."""
    h = hashlib.sha256(CACHE_FORMAT.encode())
    h.update(pipe.catalog.model_dump_json().encode())
    h.update(type(pipe.extractor).__qualname__.encode())
    for pkg in ("semikg.extract", "semikg.loaders"):
        root = Path(str(resources.files(pkg)))
        for f in sorted(p for p in root.iterdir() if p.suffix in (".py", ".yaml")):
            h.update(f.name.encode() + b"\0" + f.read_bytes())
    h.update(Path(str(resources.files("semikg") / "models.py")).read_bytes())
    # The generated vocabulary holds the relations' domains and ranges, which the rules obey.
    h.update(Path(str(resources.files("semikg.ontology") / "namespace.py")).read_bytes())
    return h.hexdigest()


def shacl_key(built: BuiltGraph, extra_shapes: list[Path] | None) -> str:
    """Hash of what decides a SHACL report: every triple of the graph (in any order) and the shapes."""
    from importlib.metadata import version

    from semikg.ontology import shapes_paths

    h = hashlib.sha256(f"pyshacl {version('pyshacl')}".encode())
    for shapes in (*shapes_paths(), *(extra_shapes or ())):
        h.update(Path(shapes).read_bytes())
    lines = sorted(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in built.graph)
    h.update("\n".join(lines).encode("utf-8"))
    return h.hexdigest()


class CachingPipeline(Pipeline):
    """A Pipeline whose ``extract_file`` first looks in the extraction cache."""

    def __init__(self, *args, cache_dir: Path, previous_dir: Path | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cache_dir = Path(cache_dir)
        # The cache of the output set this build replaces: hits are linked from there into cache_dir.
        self.previous_dir = Path(previous_dir) if previous_dir is not None else None
        self.fingerprint = extractor_fingerprint(self)
        self.stats = CacheStats()
        self._used: set[str] = set()

    def _key(self, path: Path) -> str | None:
        try:
            if path.stat().st_size > self.loader.max_bytes:
                return None  # let the loader refuse it with its own message
            data = path.read_bytes()
        except OSError:
            return None
        h = hashlib.sha256(self.fingerprint.encode())
        h.update(path.name.encode() + b"\0")
        h.update(data)
        return h.hexdigest()

    def extract_file(self, path: str | Path) -> list[ExtractionResult]:
        p = Path(path)
        key = self._key(p)
        cached = self._read(key) if key else None
        if cached is not None:
            self._used.add(key)
            self.stats.hits.append(p.name)
            self.add_surfaces(cached)
            return cached
        results = super().extract_file(p)
        if key:
            entry = CachedFile(file=p.name, results=results)
            write_text_atomic(self.cache_dir / f"{key}.json", entry.model_dump_json())
            self._used.add(key)
        self.stats.extracted.append(p.name)
        return results

    def validate(self, built: BuiltGraph, extra_shapes: list[Path] | None) -> ShaclReport:
        folder = self.cache_dir.parent / SHACL_CACHE
        key = shacl_key(built, extra_shapes)
        f = folder / f"{key}.json"
        # This output set's cache, else the one of the set this build replaces.
        places = [f] + ([self.previous_dir.parent / SHACL_CACHE / f.name] if self.previous_dir is not None else [])
        for place in places:
            try:
                report = ShaclReport.model_validate_json(place.read_text(encoding="utf-8"))
            except (ValueError, OSError):
                continue  # absent or damaged: look further, else validate
            self.stats.shacl_cached = True
            if place != f:
                _link_or_copy(place, f)
            return report
        report = super().validate(built, extra_shapes)
        write_text_atomic(f, report.model_dump_json())
        for old in folder.glob("*.json"):
            if old != f:
                old.unlink(missing_ok=True)
        return report

    def _read(self, key: str) -> list[ExtractionResult] | None:
        f = self.cache_dir / f"{key}.json"
        if not f.is_file() and self.previous_dir is not None and (self.previous_dir / f.name).is_file():
            f = self.previous_dir / f.name
        if not f.is_file():
            return None
        try:
            entry = CachedFile.model_validate_json(f.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            return None  # a damaged cache entry is re-extracted, never trusted
        if entry.format != CACHE_FORMAT:
            return None
        if f.parent != self.cache_dir:
            _link_or_copy(f, self.cache_dir / f.name)
        return entry.results

    def prune(self) -> int:
        """Delete cache entries no current input used (removed or edited files); the previous set's
        entries were never carried into this one, so they count as pruned."""
        n = 0
        if self.cache_dir.is_dir():
            for f in self.cache_dir.glob("*.json"):
                if f.stem not in self._used:
                    f.unlink(missing_ok=True)
                    n += 1
        if self.previous_dir is not None and self.previous_dir.is_dir():
            n += sum(1 for f in self.previous_dir.glob("*.json") if f.stem not in self._used)
        self.stats.pruned = n
        return n


def _link_or_copy(src: Path, dst: Path) -> None:
    """Entries are immutable once written (renamed into place), so two output sets can share one."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except FileExistsError:
        pass
    except OSError:
        shutil.copy2(src, dst)


def carry_cache(previous: Path, cache_dir: Path) -> None:
    """Link every entry of the previous set's cache into a new set's (a full build keeps the cache)."""
    if previous.is_dir():
        for f in previous.glob("*.json"):
            _link_or_copy(f, cache_dir / f.name)
