"""Tests of the hand-labelled dev set (bench/devset) and of the scorer (bench/quality.py).

They do not need the real extractor: the scorer is fed ExtractionResult objects built by hand.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.bench_quality import load_quality

# ../shared/devcorpus/score.py (read-only, not ours) opens files it never closes; only its
# ResourceWarnings are let through here, every other warning still fails the test.
pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning",
                                         "ignore:Exception ignored in.*FileIO:pytest.PytestUnraisableExceptionWarning")

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "bench" / "devset"
LABEL_FILES = sorted((DEVSET / "labels").glob("*.yaml"))


Q = load_quality()


# ------------------------------------------------------------------------------------------ labels


def test_label_files_present():
    names = {p.name for p in LABEL_FILES}
    assert "002_d06103b35aac7e13.yaml" in names
    assert "004_4d48e57e114efd5a.yaml" in names
    extras = sorted((DEVSET / "extra").glob("*.txt"))
    assert len(extras) == 6
    for e in extras:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.txt", e.name), e.name
        assert f"extra_{e.stem}.yaml" in names, f"no labels for {e.name}"


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda p: p.name)
def test_label_file_parses_and_is_consistent(path):
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(doc, dict) and isinstance(doc["articles"], list)
    for art in doc["articles"]:
        names = {e["name"] for e in art["entities"]}
        assert len(names) == len(art["entities"]), "duplicate entity rows"
        for e in art["entities"]:
            assert isinstance(e["name"], str) and e["name"].strip() == e["name"] and e["name"]
            assert e["type"] in Q.ENTITY_TYPES, e
            for a in e.get("also", []):
                assert isinstance(a, str) and a, e
        for r in art.get("relations") or []:
            assert r["s"] in names, f"{path.name} #{art['index']}: subject {r['s']!r} not an entity"
            assert r["o"] in names, f"{path.name} #{art['index']}: object {r['o']!r} not an entity"
            assert r["p"] in Q.PREDICATES, r
            assert r["status"] in Q.STATUSES, r
        for m in art.get("measurements") or []:
            assert m["about"] in names and m["kind"] in Q.MEASUREMENT_KINDS, m
    # the full validator: surface forms occur in the text, titles/indexes exist, domain/range, duplicates
    arts = Q.load_label_file(path)
    assert arts


def test_article_indexes_exist_in_sources():
    text4 = Q.read_text(ROOT / "seeds" / "004_4d48e57e114efd5a.txt")
    heads = Q.numbered_headings(text4)
    assert [n for n, _ in heads] == list(range(1, 11)), "004 must have headings 1..10"
    gold = Q.load_gold()
    by_src: dict[str, list[int]] = {}
    for g in gold:
        by_src.setdefault(g.source, []).append(g.index)
        assert Q.source_path(g.source).is_file()
        assert 0 <= g.start < g.end <= len(Q.read_text(Q.source_path(g.source)))
    assert sorted(by_src["004_4d48e57e114efd5a.txt"]) == list(range(10))
    assert by_src["002_d06103b35aac7e13.txt"] == [0]
    for src, idx in by_src.items():
        if src.startswith("extra/"):
            assert idx == [0]
    # article 3 of 004 is the advanced-packaging section; its span holds its title and not the next one
    a3 = next(g for g in gold if g.source.startswith("004") and g.index == 3)
    assert "先进封装" in a3.text and "专属晶圆代工榜单" not in a3.text


def test_totals_meet_targets():
    gold = Q.load_gold()
    assert sum(len(g.entities) for g in gold) >= 120
    assert sum(len(g.relations) for g in gold) >= 60
    extra = [g for g in gold if g.is_extra]
    assert sum(e.novel for g in extra for e in g.entities) >= 15
    statuses = {r.status for g in gold for r in g.relations}
    assert {"stated", "planned", "expected", "reported", "rumoured"} <= statuses


def test_extra_scripts():
    trad = simp = 0
    for p in sorted((DEVSET / "extra").glob("*.txt")):
        t = p.read_text(encoding="utf-8")
        if Q.norm(t) != re.sub(r"\s+", "", __import__("unicodedata").normalize("NFKC", t).casefold()):
            trad += 1
        else:
            simp += 1
    assert trad == 3 and simp == 3


def test_validator_rejects_bad_labels(tmp_path):
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "01_t.txt").write_text("台積電為芯存微電子代工。", encoding="utf-8")
    lab = tmp_path / "labels"
    lab.mkdir()
    bad = {
        "unknown_type": "{name: 台積電, type: Foundry}",
        "missing_form": "{name: 英特尔, type: Company}",
    }
    for key, ent in bad.items():
        f = lab / f"{key}.yaml"
        f.write_text(f"source: extra/01_t.txt\narticles:\n  - index: 0\n    entities:\n      - {ent}\n", encoding="utf-8")
        with pytest.raises(Q.LabelError) as ei:
            Q.load_label_file(f, devset_dir=tmp_path)
        assert f.name in str(ei.value)
        f.unlink()
    f = lab / "bad_rel.yaml"
    f.write_text(
        "source: extra/01_t.txt\narticles:\n  - index: 0\n    entities:\n"
        "      - {name: 台積電, type: Company}\n      - {name: 芯存微電子, type: Company}\n"
        "    relations:\n      - {s: 台積電, p: fabricatesFor, o: 三星, status: stated}\n",
        encoding="utf-8",
    )
    with pytest.raises(Q.LabelError, match="三星"):
        Q.load_label_file(f, devset_dir=tmp_path)


def test_main_exits_1_on_malformed_labels(tmp_path, capsys):
    (tmp_path / "x.yaml").write_text("source: nope.txt\narticles: []\n", encoding="utf-8")
    assert Q.main(["--labels", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("labels error: x.yaml") and "\n" not in err


# ------------------------------------------------------------------------------------------ scorer

TEXT = "台積電為芯存微電子代工XK-7200晶片。芯存微電子總部位於深圳。ASML與台積電合作，並向台積電供應設備。"
LABELS = """\
source: extra/01_t.txt
articles:
  - index: 0
    entities:
      - {name: 台積電, type: Company}
      - {name: 芯存微電子, type: Company, novel: true}
      - {name: XK-7200, type: Chip, novel: true}
      - {name: 深圳, type: Place}
      - {name: ASML, type: Company}
    relations:
      - {s: 台積電, p: fabricatesFor, o: 芯存微電子, status: stated}
      - {s: 芯存微電子, p: locatedIn, o: 深圳, status: stated}
      - {s: ASML, p: partnersWith, o: 台積電, status: stated}
      - {s: ASML, p: supplies, o: 台積電, status: stated}
"""


@pytest.fixture()
def fake(tmp_path):
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "01_t.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "labels").mkdir()
    f = tmp_path / "labels" / "extra_01_t.yaml"
    f.write_text(LABELS, encoding="utf-8")
    return Q.load_label_file(f, devset_dir=tmp_path)


def _results():
    from semikg.models import Article, EntityRef, Evidence, ExtractionResult, Mention, Relation

    cut = TEXT.index("芯存微電子總部")  # the extractor splits the one gold article in two

    def art(i, s, e):
        return Article(id=f"01_t-{i}", source_file="01_t.txt", encoding="utf-8", index=i, start=s, end=e,
                       title=TEXT[s:s + 8], text=TEXT[s:e], norm_text=TEXT[s:e], script="zh-Hant")

    def ev(status="stated"):
        return Evidence(quote="q", start=0, end=1, rule="test", confidence=0.9, status=status)

    ents0 = (
        EntityRef(id="tsmc", type="Company", name="TSMC", origin="catalog"),
        EntityRef(id="d-1", type="Company", name="芯存微电子", origin="discovered"),
        EntityRef(id="d-2", type="Equipment", name="XK-7200", origin="discovered"),  # type error
    )
    ents1 = (
        EntityRef(id="d-1", type="Company", name="芯存微电子", origin="discovered"),
        EntityRef(id="d-3", type="Place", name="上海", origin="discovered"),           # not in gold
        EntityRef(id="asml", type="Company", name="ASML", origin="catalog"),
        EntityRef(id="tsmc", type="Company", name="TSMC", origin="catalog"),
        EntityRef(id="d-4", type="Company", name="芯存微電子", origin="discovered"),   # duplicate of d-1
    )
    r0 = ExtractionResult(
        article=art(0, 0, cut), entities=ents0,
        mentions=(Mention(entity_id="tsmc", surface="台積電", start=0, end=3, rule="catalog"),),
        relations=(Relation(subject="tsmc", predicate="fabricatesFor", object="d-1", evidence=ev()),),
    )
    r1 = ExtractionResult(
        article=art(1, cut, len(TEXT)), entities=ents1,
        relations=(
            Relation(subject="tsmc", predicate="partnersWith", object="asml", evidence=ev()),      # reversed: ok
            Relation(subject="tsmc", predicate="customerOf", object="asml", evidence=ev("planned")),  # == supplies
            Relation(subject="asml", predicate="supplies", object="d-3", evidence=ev()),           # FP
        ),
    )
    return [r0, r1]


def _labels(eid):
    return {"tsmc": {"TSMC", "台积电", "台湾积体电路制造"}, "asml": {"ASML", "阿斯麦"}}.get(eid, set())


def test_scorer_on_fake_prediction(fake):
    preds, notes = Q.align(fake, {"extra/01_t.txt": _results()}, _labels)
    assert any("split differs" in n for n in notes)
    rep = Q.score(fake, preds)
    ent = rep["entities"]["overall"]
    # gold 5; predicted 6 distinct ids; found: 台積電, 芯存微電子, XK-7200, ASML; d-3 wrong, d-4 duplicate
    assert (ent["gold"], ent["pred"], ent["tp"], ent["tp_pred"]) == (5, 6, 4, 4)
    assert ent["precision"] == pytest.approx(4 / 6, abs=1e-4)
    assert ent["recall"] == pytest.approx(0.8)
    typed = rep["entities"]["overall_typed"]
    assert typed["recall"] == pytest.approx(3 / 5) and typed["precision"] == pytest.approx(3 / 6)
    assert rep["entities"]["by_type"]["Chip"]["recall"] == 0.0
    assert rep["entities"]["by_type"]["Equipment"]["precision"] == 0.0
    assert rep["entities"]["by_type"]["Company"]["recall"] == pytest.approx(1.0)
    assert rep["entities"]["by_type"]["Company"]["precision"] == pytest.approx(3 / 4)
    rel = rep["relations"]["overall"]
    assert (rel["gold"], rel["pred"], rel["tp"]) == (4, 4, 3)
    assert rel["precision"] == pytest.approx(0.75) and rel["recall"] == pytest.approx(0.75)
    assert rep["relations"]["by_predicate"]["locatedIn"]["recall"] == 0.0
    assert rep["relations"]["by_predicate"]["customerOf"]["precision"] == pytest.approx(1.0)
    assert rep["relations"]["status_agreement"] == {"agree": 2, "matched": 3, "rate": pytest.approx(2 / 3, abs=1e-4)}
    ca = rep["catalog_absent"]
    assert ca["novel_gold_recall"]["recall"] == pytest.approx(1.0)
    assert ca["discovered_pred_precision"]["precision"] == pytest.approx(0.5)
    err = rep["errors"]["extra/01_t.txt#0"]
    assert any("duplicate of 芯存微電子" in x for x in err["entity_fp"])
    assert any(x.startswith("深圳") for x in err["entity_fn"])
    assert any("locatedIn" in x for x in err["relation_fn"])
    assert any("上海" in x for x in err["relation_fp"])
    text = Q.render(rep, notes)
    assert "RELATIONS" in text and "CATALOG-ABSENT" in text


def test_scorer_perfect_and_empty(fake):
    from semikg.models import Article, EntityRef, Evidence, ExtractionResult, Relation

    art = Article(id="01_t-0", source_file="01_t.txt", encoding="utf-8", index=0, start=0, end=len(TEXT),
                  title="x", text=TEXT, norm_text=TEXT, script="zh-Hant")
    ev = Evidence(quote="q", start=0, end=1, rule="t", confidence=1.0)
    ents = tuple(EntityRef(id=f"e{i}", type=e.type, name=e.name, origin="discovered") for i, e in enumerate(fake[0].entities))
    ids = {e.name: f"e{i}" for i, e in enumerate(fake[0].entities)}
    rels = tuple(Relation(subject=ids[r.s], predicate=r.p, object=ids[r.o], evidence=ev) for r in fake[0].relations)
    perfect = ExtractionResult(article=art, entities=ents, relations=rels)
    rep = Q.score(fake, Q.align(fake, {"extra/01_t.txt": [perfect]}, lambda _id: set())[0])
    assert rep["entities"]["overall_typed"]["f1"] == 1.0
    assert rep["relations"]["overall"]["f1"] == 1.0
    # irrelevant article: everything is a false negative, nothing is predicted
    off = ExtractionResult(article=art.model_copy(update={"relevant": False}), entities=ents, relations=rels)
    preds, notes = Q.align(fake, {"extra/01_t.txt": [off]}, lambda _id: set())
    rep = Q.score(fake, preds)
    assert rep["entities"]["overall"]["recall"] == 0.0 and rep["entities"]["overall"]["precision"] is None
    assert any("irrelevant" in n for n in notes)


def test_norm_matches_scripts_and_case():
    assert Q.norm("臺積電") == Q.norm("台积电") or Q.norm("台積電") == Q.norm("台积电")
    assert Q.norm("Intel 18A") == Q.norm("intel18a")
    assert Q.norm("（中国）") == Q.norm("(中国)")


def test_the_dev_sets_own_articles_build_into_a_graph_that_passes_shacl(tmp_path):
    # The seed part of the dev set is checked by tests/graph/test_seed_build.py.
    from semikg.pipeline import Pipeline

    report = Pipeline().build(sorted((DEVSET / "extra").glob("*.txt")), tmp_path)
    assert report.articles_used == report.articles_total > 0
    assert report.shacl_conforms, f"{report.shacl_violations} SHACL violation(s)"
