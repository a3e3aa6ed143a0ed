"""Strict CSV loading: counts match the files, every defect names its file and line."""
from __future__ import annotations

import csv

import pytest

from semikg.errors import DatasetError
from semikg.eto.csvload import load_eto


def _rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_real_dataset_counts_match_the_csv_files(eto_dir, eto_dataset):
    assert len(eto_dataset.providers) == len({r["provider_id"] for r in _rows(eto_dir / "providers.csv")})
    assert eto_dataset.provider_rows == len(_rows(eto_dir / "providers.csv"))
    assert len(eto_dataset.inputs) == len(_rows(eto_dir / "inputs.csv"))
    assert len(eto_dataset.provision) == len(_rows(eto_dir / "provision.csv"))
    assert len(eto_dataset.stages) == len(_rows(eto_dir / "stages.csv"))
    seq = _rows(eto_dir / "sequence.csv")
    assert len(eto_dataset.sequence) == sum(bool(r["goes_into_id"]) + bool(r["is_type_of_id"]) for r in seq)
    assert len(eto_dataset.providers) > 370


def test_alias_rows_fold_into_one_provider(eto_dataset):
    canon = [p for p in eto_dataset.providers if p.id == "P159"]
    assert len(canon) == 1
    assert set(canon[0].aliases) == {"Canon ANELVA", "Canon Machinery"}


def test_mini_dataset_loads_with_record_lines(mini_dir):
    ds = load_eto(mini_dir)
    assert [s.id for s in ds.stages] == ["S1", "S2"]
    # N1's description spans two lines, so N2's record starts on line 4.
    assert [(i.id, i.line) for i in ds.inputs] == [("N1", 2), ("N2", 4), ("N3", 5)]
    assert ds.provision[1].share is None and str(ds.provision[0].share) == "100.0"
    assert {(s.input_id, s.relation, s.target_id) for s in ds.sequence} == {("N2", "is_type_of", "N1"), ("N1", "goes_into", "N3")}


def _error(make_mini, **replace) -> str:
    folder = make_mini(**replace)
    with pytest.raises(DatasetError) as ei:
        load_eto(folder)
    msg = str(ei.value)
    assert "\n" not in msg
    return msg


def test_missing_column_names_file_and_header_line(make_mini, mini_texts):
    bad = mini_texts["provision.csv"].replace("share_provided,", "", 1)
    msg = _error(make_mini, **{"provision.csv": bad})
    assert "provision.csv:1:" in msg and "share_provided" in msg and "missing column" in msg


def test_bad_number_names_file_line_and_column(make_mini, mini_texts):
    bad = mini_texts["provision.csv"].replace("60.5", "sixty")
    msg = _error(make_mini, **{"provision.csv": bad})
    assert "provision.csv:4:" in msg and "share_provided" in msg and "'sixty'" in msg


def test_share_above_100_is_rejected(make_mini, mini_texts):
    msg = _error(make_mini, **{"provision.csv": mini_texts["provision.csv"].replace("100.0", "140")})
    assert "provision.csv:2:" in msg and "percentage" in msg


def test_bad_year_is_rejected(make_mini, mini_texts):
    msg = _error(make_mini, **{"inputs.csv": mini_texts["inputs.csv"].replace(",,2022\n", ",,20x2\n")})
    assert "inputs.csv:4:" in msg and "year" in msg


def test_wrong_encoding_names_file_and_line(make_mini, mini_texts):
    latin1 = mini_texts["providers.csv"].replace("Canon ANELVA", "Canon ANELVA Sécurité").encode("latin-1")
    msg = _error(make_mini, **{"providers.csv": latin1})
    assert "providers.csv:7:" in msg and "UTF-8" in msg


def test_ragged_row_names_file_and_line(make_mini, mini_texts):
    bad = mini_texts["providers.csv"].replace("TSMC,,P34,organization,TWN", "TSMC,,P34,organization,TWN,extra")
    msg = _error(make_mini, **{"providers.csv": bad})
    assert "providers.csv:4:" in msg and "ragged" in msg


def test_unknown_reference_names_line(make_mini, mini_texts):
    bad = mini_texts["provision.csv"].replace("P34,Fabrication,N3", "P34,Fabrication,N77")
    msg = _error(make_mini, **{"provision.csv": bad})
    assert "provision.csv:4:" in msg and "N77" in msg


def test_inconsistent_alias_row_is_rejected(make_mini, mini_texts):
    bad = mini_texts["providers.csv"].replace("Canon,Canon ANELVA,P159,organization,JPN", "Canon,Canon ANELVA,P159,organization,USA")
    msg = _error(make_mini, **{"providers.csv": bad})
    assert "providers.csv:7:" in msg and "line 6" in msg


def test_missing_file_and_missing_folder(tmp_path, make_mini):
    folder = make_mini("nofile")
    (folder / "sequence.csv").unlink()
    with pytest.raises(DatasetError, match="sequence.csv: file not found"):
        load_eto(folder)
    with pytest.raises(DatasetError, match="not a folder"):
        load_eto(tmp_path / "absent")


def test_unterminated_quote_is_an_error_not_a_crash(make_mini, mini_texts):
    msg = _error(make_mini, **{"stages.csv": 'stage_id,stage_name,description\nS1,Design,"never closed\n'})
    assert "stages.csv" in msg
