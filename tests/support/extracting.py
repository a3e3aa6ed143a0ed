"""Running the extractor on a sentence a test writes, with a catalog the test writes."""
from __future__ import annotations

from pathlib import Path

from semikg.extract.rules import RuleBasedExtractor
from semikg.loaders.catalog import load_catalog
from semikg.loaders.normalise import normalise, script_of
from semikg.models import Article, ExtractionResult


def extractor_of(catalog_yaml: str, folder: Path) -> RuleBasedExtractor:
    """The default extractor over this catalog (written into ``folder`` and loaded as a user's is)."""
    path = folder / "catalog.yaml"
    path.write_text(catalog_yaml, encoding="utf-8")
    return RuleBasedExtractor(load_catalog(path))


def extract(ex: RuleBasedExtractor, text: str, article_id: str = "t-000") -> ExtractionResult:
    """``ex`` run on ``text`` as one whole article."""
    a = Article(id=article_id, source_file="t.txt", encoding="utf-8", index=0, start=0, end=len(text), title=text[:10],
                text=text, norm_text=normalise(text), script=script_of(text))
    return ex.run(a)


def found(result: ExtractionResult) -> tuple[set, set, list]:
    """What a reading of an article finds, without where: entities (id, type, name), relations
    (subject, predicate, object), and the entity of each mention in order."""
    return ({(e.id, e.type, e.name) for e in result.entities},
            {(x.subject, x.predicate, x.object) for x in result.relations},
            [m.entity_id for m in result.mentions])
