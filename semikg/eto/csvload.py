"""Strict reading of the ETO CSV files: every defect is a DatasetError naming the file and line.

The dataset is maintained by hand upstream; a silently skipped row would change market-share
totals without anyone noticing, so nothing is skipped or coerced.
"""
from __future__ import annotations

import csv
import io
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Iterator

from pydantic import ValidationError

from semikg.errors import DatasetError
from semikg.eto.models import EtoDataset, Provider, Provision, SequenceLink, Stage, SupplyInput

# Columns each file must have (the dataset may add more; those are ignored).
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "stages.csv": ("stage_id", "stage_name", "description"),
    "inputs.csv": ("input_id", "input_name", "type", "stage_id", "description", "year"),
    "providers.csv": ("provider_name", "alias", "provider_id", "provider_type", "country"),
    "provision.csv": ("provider_name", "provider_id", "provided_name", "provided_id", "share_provided", "year", "source"),
    "sequence.csv": ("input_name", "input_id", "goes_into_name", "goes_into_id", "is_type_of_name", "is_type_of_id"),
}
MARKET_SIZE_COLUMN = "market_share_chart_global_market_size_info"
MAX_FILE_BYTES = 50_000_000
_YEAR = re.compile(r"^\d{4}$")


class _Record(dict):
    """One CSV record as column -> value, remembering where it was."""

    def __init__(self, path: Path, line: int, values: dict[str, str]):
        super().__init__(values)
        self.path = path
        self.line = line

    def fail(self, column: str, message: str) -> DatasetError:
        return DatasetError(self.path, f"column {column!r}: {message}", self.line)

    def text(self, column: str, required: bool = True) -> str:
        value = self[column].strip()
        if required and not value:
            raise self.fail(column, "is empty")
        return value

    def year(self, column: str, required: bool = False) -> int | None:
        value = self.text(column, required)
        if not value:
            return None
        if not _YEAR.match(value):
            raise self.fail(column, f"not a year: {value!r}")
        return int(value)

    def percent(self, column: str) -> Decimal | None:
        value = self.text(column, required=False)
        if not value:
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise self.fail(column, f"not a number: {value!r}") from None
        if not number.is_finite() or not (0 <= number <= 100):
            raise self.fail(column, f"not a percentage between 0 and 100: {value!r}")
        return number


def _decode(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise DatasetError(path, f"larger than {MAX_FILE_BYTES} bytes; not an ETO CSV")
        data = path.read_bytes()
    except FileNotFoundError:
        raise DatasetError(path, "file not found (expected in the ETO dataset folder)") from None
    except IsADirectoryError:
        raise DatasetError(path, "is a directory, expected a CSV file") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise DatasetError(path, f"not valid UTF-8 (byte 0x{data[e.start]:02x}); the dataset is UTF-8", line) from None


def read_records(path: Path) -> Iterator[_Record]:
    """Yield the records of one CSV file after checking its header and the width of every row."""
    text = _decode(path)
    if "\x00" in text:
        raise DatasetError(path, "contains NUL bytes; not a CSV text file", text[: text.index("\x00")].count("\n") + 1)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise DatasetError(path, "is empty (no header row)")
        header = [h.strip() for h in header]
        missing = [c for c in REQUIRED_COLUMNS[path.name] if c not in header]
        if missing:
            raise DatasetError(path, f"missing column(s) {', '.join(missing)} in the header", 1)
        if len(set(header)) != len(header):
            raise DatasetError(path, "duplicate column names in the header", 1)
        last = reader.line_num
        for row in reader:
            line = last + 1  # a quoted field may span lines: report where the record starts
            last = reader.line_num
            if not row:
                continue
            if len(row) != len(header):
                raise DatasetError(path, f"ragged row: {len(row)} fields, header has {len(header)}", line)
            yield _Record(path, line, dict(zip(header, row)))
    except csv.Error as e:
        raise DatasetError(path, f"malformed CSV: {e}", reader.line_num) from None


def _build(record: _Record, model, **fields):
    try:
        return model(line=record.line, **fields)
    except ValidationError as e:
        err = e.errors()[0]
        column = ".".join(str(p) for p in err["loc"])
        raise DatasetError(record.path, f"field {column}: {err['msg']}", record.line) from None


def _stages(path: Path) -> list[Stage]:
    return [
        _build(r, Stage, id=r.text("stage_id"), name=r.text("stage_name"),
               description=r.text("description", False), market_size=r.get(MARKET_SIZE_COLUMN, "").strip())
        for r in read_records(path)
    ]


def _inputs(path: Path) -> list[SupplyInput]:
    return [
        _build(r, SupplyInput, id=r.text("input_id"), name=r.text("input_name"), type=r.text("type"),
               stage_id=r.text("stage_id", False) or None, description=r.text("description", False),
               year=r.year("year"), market_size=r.get(MARKET_SIZE_COLUMN, "").strip())
        for r in read_records(path)
    ]


def _providers(path: Path) -> tuple[list[Provider], int]:
    """Fold the alias rows of one provider into a single Provider (first row wins the line number)."""
    merged: dict[str, dict] = {}
    rows = 0
    for r in read_records(path):
        rows += 1
        pid = r.text("provider_id")
        name, ptype, country = r.text("provider_name"), r.text("provider_type"), r.text("country", False) or None
        alias = r.text("alias", False)
        if pid not in merged:
            merged[pid] = {"record": r, "name": name, "type": ptype, "country": country, "aliases": []}
        else:
            first = merged[pid]
            if (first["name"], first["type"], first["country"]) != (name, ptype, country):
                raise r.fail("provider_id", f"{pid} repeats with a different name, type or country than on line {first['record'].line}")
        if alias and alias != name and alias not in merged[pid]["aliases"]:
            merged[pid]["aliases"].append(alias)
    out = [
        _build(m["record"], Provider, id=pid, name=m["name"], aliases=tuple(m["aliases"]), type=m["type"], country=m["country"])
        for pid, m in merged.items()
    ]
    return out, rows


def _provision(path: Path) -> list[Provision]:
    out = []
    for r in read_records(path):
        out.append(_build(r, Provision, provider_id=r.text("provider_id"), provider_name=r.text("provider_name"),
                          provided_id=r.text("provided_id"), provided_name=r.text("provided_name"),
                          share=r.percent("share_provided"), year=r.year("year"), source=r.text("source", False)))
    return out


def _sequence(path: Path) -> list[SequenceLink]:
    out = []
    for r in read_records(path):
        source = r.text("input_id")
        goes, kind = r.text("goes_into_id", False), r.text("is_type_of_id", False)
        if not goes and not kind:
            raise r.fail("goes_into_id", "neither goes_into_id nor is_type_of_id is set")
        if goes:
            out.append(_build(r, SequenceLink, input_id=source, relation="goes_into", target_id=goes))
        if kind:
            out.append(_build(r, SequenceLink, input_id=source, relation="is_type_of", target_id=kind))
    return out


def _check_references(folder: Path, ds: EtoDataset) -> None:
    stages = {s.id for s in ds.stages}
    inputs = {i.id for i in ds.inputs}
    providers = {p.id for p in ds.providers}
    for name, ids in (("stages.csv", [s.id for s in ds.stages]), ("inputs.csv", [i.id for i in ds.inputs])):
        seen: set[str] = set()
        rows = ds.stages if name == "stages.csv" else ds.inputs
        for row, i in zip(rows, ids):
            if i in seen:
                raise DatasetError(folder / name, f"duplicate id {i}", row.line)
            seen.add(i)
    for i in ds.inputs:
        if i.stage_id and i.stage_id not in stages:
            raise DatasetError(folder / "inputs.csv", f"column 'stage_id': unknown stage {i.stage_id}", i.line)
    seen_pairs: dict[tuple[str, str, int | None], int] = {}
    for p in ds.provision:
        if p.provider_id not in providers:
            raise DatasetError(folder / "provision.csv", f"column 'provider_id': unknown provider {p.provider_id}", p.line)
        if p.provided_id not in inputs and p.provided_id not in stages:
            raise DatasetError(folder / "provision.csv", f"column 'provided_id': unknown input or stage {p.provided_id}", p.line)
        key = (p.provider_id, p.provided_id, p.year)
        if key in seen_pairs:
            raise DatasetError(folder / "provision.csv", f"duplicate row for {p.provider_id} -> {p.provided_id} ({p.year}); first on line {seen_pairs[key]}", p.line)
        seen_pairs[key] = p.line
    for s in ds.sequence:
        for column, i in (("input_id", s.input_id), ("goes_into_id" if s.relation == "goes_into" else "is_type_of_id", s.target_id)):
            if i not in inputs:
                raise DatasetError(folder / "sequence.csv", f"column {column!r}: unknown input {i}", s.line)


def load_eto(path: str | Path) -> EtoDataset:
    """Read and validate the five CSV files of an ETO dataset folder."""
    folder = Path(path)
    if not folder.is_dir():
        raise DatasetError(folder, "not a folder (expected the ETO dataset folder with providers.csv, inputs.csv, ...)")
    providers, provider_rows = _providers(folder / "providers.csv")
    ds = EtoDataset(
        path=str(folder),
        stages=tuple(_stages(folder / "stages.csv")),
        inputs=tuple(_inputs(folder / "inputs.csv")),
        providers=tuple(providers),
        provision=tuple(_provision(folder / "provision.csv")),
        sequence=tuple(_sequence(folder / "sequence.csv")),
        provider_rows=provider_rows,
    )
    _check_references(folder, ds)
    return ds
