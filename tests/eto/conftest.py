"""Fixtures for the ETO tests: the real dataset (read in place, never copied) and small hand-made ones."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ETO_DIR = REPO.parent / "shared" / "eto"
DATA = Path(__file__).parent / "data"
MINI_CATALOG = DATA / "catalog_mini.yaml"
REAL_CATALOG = REPO / "seeds" / "catalog.yaml"

# A tiny dataset in the ETO layout, written by the tests themselves (the real one is CC BY-NC and
# stays outside the repository).
MINI = {
    "stages.csv": "stage_id,stage_name,description\nS1,Design,Design stage\nS2,Fabrication,\"Fabrication,\nmulti-line\"\n",
    "inputs.csv": (
        "input_id,input_name,type,stage_id,description,year\n"
        "N1,Lithography tools,tool_resource,,\"Tools that\nprint patterns\",2022\n"
        "N2,EUV lithography tools,tool_resource,,,2022\n"
        "N3,Fabrication,process,S2,,\n"
    ),
    "providers.csv": (
        "provider_name,alias,provider_id,provider_type,country\n"
        "USA,United States,P1,country,\n"
        "TWN,Taiwan,P8,country,\n"
        "TSMC,,P34,organization,TWN\n"
        "ASML,,P88,organization,NLD\n"
        "Canon,,P159,organization,JPN\n"
        "Canon,Canon ANELVA,P159,organization,JPN\n"
    ),
    "provision.csv": (
        "provider_name,provider_id,provided_name,provided_id,share_provided,year,source\n"
        "ASML,P88,EUV lithography tools,N2,100.0,2022,Mini source text\n"
        "Canon,P159,Lithography tools,N1,,2022,\n"
        "TSMC,P34,Fabrication,N3,60.5,2022,Another source\n"
        "TWN,P8,Fabrication,S2,19.0,2022,\n"
    ),
    "sequence.csv": (
        "input_name,input_id,goes_into_name,goes_into_id,is_type_of_name,is_type_of_id\n"
        "EUV lithography tools,N2,,,Lithography tools,N1\n"
        "Lithography tools,N1,Fabrication,N3,,\n"
    ),
}


def write_mini(folder: Path, **replace: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {**MINI, **replace}.items():
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture
def mini_texts() -> dict[str, str]:
    return dict(MINI)


@pytest.fixture
def make_mini(tmp_path: Path):
    """Factory: a copy of the tiny dataset with some files replaced (text or raw bytes)."""
    def make(name: str = "bad", **replace: str | bytes) -> Path:
        return write_mini(tmp_path / name, **replace)
    return make


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    return write_mini(tmp_path / "eto")


@pytest.fixture(scope="session")
def eto_dir() -> Path:
    if not (ETO_DIR / "providers.csv").is_file():
        pytest.skip(f"ETO dataset not found at {ETO_DIR} (download it from https://eto.tech/dataset-docs/chipexplorer)")
    return ETO_DIR


@pytest.fixture(scope="session")
def eto_dataset(eto_dir):
    from semikg.eto.csvload import load_eto

    return load_eto(eto_dir)


@pytest.fixture(scope="session")
def mini_catalog():
    from semikg.loaders.catalog import load_catalog

    return load_catalog(MINI_CATALOG)


@pytest.fixture(scope="session")
def overrides():
    from semikg.eto.overrides import load_overrides

    return load_overrides(REPO / "seeds" / "eto_overrides.yaml")


@pytest.fixture(scope="session")
def mini_resolved(eto_dataset, mini_catalog, overrides):
    """(graph, report) of the real dataset against the mini catalog, no article graph."""
    from semikg.eto.graph import eto_to_graph

    return eto_to_graph(eto_dataset, mini_catalog, None, overrides)


def article_graph(catalog):
    """A small article graph: TSMC (catalog) and Lasertec (discovered) mentioned, one stated relation."""
    from semikg.graph.builder import GraphBuilder
    from semikg.models import Article, EntityRef, Evidence, ExtractionResult, Relation

    text = "台积电采购Lasertec的检测设备。"
    art = Article(id="news-000", source_file="news.txt", encoding="utf-8", index=0, start=0, end=len(text),
                  title="t", text=text, norm_text=text, script="zh-Hans")
    ev = Evidence(quote=text, start=0, end=len(text), rule="test", confidence=0.9)
    res = ExtractionResult(
        article=art,
        entities=(EntityRef(id="tsmc", type="Company", roles=("Foundry",), name="TSMC"),
                  EntityRef(id="d-0123456789ab", type="Company", name="Lasertec", origin="discovered")),
        relations=(Relation(subject="d-0123456789ab", predicate="supplies", object="tsmc", evidence=ev),),
    )
    return GraphBuilder(catalog).run([res]).graph


@pytest.fixture(scope="session")
def base_graph(mini_catalog):
    return article_graph(mini_catalog)


@pytest.fixture(scope="session")
def mini_catalog_path() -> Path:
    return MINI_CATALOG


@pytest.fixture(scope="session")
def cli_app():
    from semikg.cli.main import app

    return app
