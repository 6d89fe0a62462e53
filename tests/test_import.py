"""``pledgekit import``: a steward's workbook into a resource; issues name the sheet and the cell."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from conftest import read_rows, run_cli
from corpus import make_small

NAME = "beijing-district-pledges"


def _workbook(
    path: Path, package: Path, edit: dict[tuple[int, str], object] | None = None, merge: str | None = None
) -> None:
    """The package's metrics as a sheet 'Sheet1', with cells replaced by (sheet row, field)."""
    rows = read_rows(package / "data/metrics.csv")
    fields = list(rows[0])
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append(fields)
    for row in rows:
        sheet.append([_typed(field, row[field]) for field in fields])
    for (sheet_row, field), value in (edit or {}).items():
        sheet.cell(row=sheet_row, column=fields.index(field) + 1, value=value)
    if merge:
        sheet.merge_cells(merge)
    book.save(path)


def _typed(field: str, value: str) -> object:
    if value == "":
        return None
    if field in ("year", "period_start"):
        return int(value)
    if field == "value":
        return float(value)
    return value


@pytest.fixture
def work(tmp_path: Path) -> Path:
    make_small(tmp_path / "datapackages" / NAME)
    return tmp_path


def _import(work: Path, *extra: str) -> tuple[int, dict[str, object]]:
    result = run_cli(
        "import",
        "book.xlsx",
        "--resource",
        "metrics",
        "--into",
        f"datapackages/{NAME}",
        "--format",
        "json",
        *extra,
        cwd=work,
    )
    return result.returncode, json.loads(result.stdout)


def test_a_clean_workbook_round_trips_to_the_same_csv(work: Path) -> None:
    package = work / "datapackages" / NAME
    before = (package / "data/metrics.csv").read_bytes()
    _workbook(work / "book.xlsx", package)
    code, report = _import(work)
    assert code == 0, report
    assert (package / "data/metrics.csv").read_bytes() == before


def test_formula_merged_cells_and_dates_stop_the_import(work: Path) -> None:
    package = work / "datapackages" / NAME
    before = (package / "data/metrics.csv").read_bytes()
    _workbook(
        work / "book.xlsx", package, {(3, "value"): "=1+4", (5, "year"): datetime.datetime(2024, 1, 1)}, merge="N6:O6"
    )
    code, report = _import(work)
    assert code == 1
    found = sorted((i["code"], i["ref"], i["field"]) for i in report["issues"])  # type: ignore[union-attr]
    assert found == [
        ("xlsx-date", "Sheet1!D5", "year"),
        ("xlsx-formula", "Sheet1!F3", "value"),
        ("xlsx-merged-cells", "Sheet1!N6", "breakdown"),
    ]
    assert (package / "data/metrics.csv").read_bytes() == before  # nothing written


def test_full_width_numbers_are_normalised_and_validation_issues_name_the_cell(work: Path) -> None:
    package = work / "datapackages" / NAME
    _workbook(work / "book.xlsx", package, {(2, "year"): "２０２４", (4, "unit"): "cny-100m"})
    result = run_cli("import", "book.xlsx", "--resource", "metrics", "--into", f"datapackages/{NAME}", cwd=work)
    assert result.returncode == 1
    assert "book.xlsx:Sheet1!D2 [year] '２０２４' → '2024': full-width number → ASCII" in result.stderr
    assert "book.xlsx:4 [unit] Sheet1!H4 error[unit-dimension-mismatch]" in result.stdout
    assert read_rows(package / "data/metrics.csv")[0]["year"] == "2024"


OLE = bytes.fromhex("d0cf11e0a1b11ae1")  # the start of a compound file: how Excel saves a workbook with a password
NOT_WORKBOOKS = {
    "text": b"id,value\n1,2\n",
    "zip-header-then-garbage": b"PK\x03\x04" + b"\x00" * 40,
    "password-protected": OLE + b"\x00" * 504,
    "empty": b"",
}


@pytest.mark.parametrize("case", sorted(NOT_WORKBOOKS))
def test_a_file_that_is_not_a_workbook_is_refused_and_nothing_written(work: Path, case: str) -> None:
    (work / "book.xlsx").write_bytes(NOT_WORKBOOKS[case])
    metrics = work / "datapackages" / NAME / "data/metrics.csv"
    before = metrics.read_bytes()
    result = run_cli("import", "book.xlsx", "--resource", "metrics", "--into", f"datapackages/{NAME}", cwd=work)
    assert result.returncode == 1, result.stderr
    assert "[xlsx-unreadable]" in result.stderr
    assert metrics.read_bytes() == before


def test_a_damaged_workbook_is_refused(work: Path) -> None:
    """Bytes flipped inside a real workbook's compressed parts: a refusal, never an internal error."""
    _workbook(work / "good.xlsx", work / "datapackages" / NAME)
    original = (work / "good.xlsx").read_bytes()
    codes = set()
    for position in range(40, len(original), max(1, len(original) // 60)):
        damaged = bytearray(original)
        damaged[position] ^= 0xFF
        (work / "book.xlsx").write_bytes(bytes(damaged))
        result = run_cli("import", "book.xlsx", "--resource", "metrics", "--into", f"datapackages/{NAME}", cwd=work)
        assert result.returncode in (0, 1), (position, result.stderr)
        codes.add(result.returncode)
    assert 1 in codes


def test_a_fifo_is_refused_not_waited_on(work: Path) -> None:
    import os

    os.mkfifo(work / "book.xlsx")
    result = run_cli("import", "book.xlsx", "--resource", "metrics", "--into", f"datapackages/{NAME}", cwd=work)
    assert result.returncode == 1 and "[xlsx-unreadable]" in result.stderr and "not a regular file" in result.stderr


def test_a_workbook_that_unpacks_too_large_is_refused_before_it_is_read(work: Path) -> None:
    """A small file holding a huge part (a 1.5 MB workbook once held a 1.5 GB string): refused from the
    zip's directory, before openpyxl reads a byte of it; nothing is written. The limit is a setting."""
    import zipfile

    from pledgekit import Limits
    from pledgekit.errors import LoadError
    from pledgekit.steward.importer import import_workbook

    assert Limits().workbook_unpacked_bytes == 200_000_000  # the default
    with zipfile.ZipFile(work / "book.xlsx", "w", compression=zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/sharedStrings.xml", b"<sst>" + b"a" * 2_100_000 + b"</sst>")
    metrics = work / "datapackages" / NAME / "data/metrics.csv"
    before = metrics.read_bytes()
    with pytest.raises(LoadError, match="over the 2000000-byte limit") as refused:
        import_workbook(
            work / "book.xlsx", "metrics", metrics.parent.parent, sheet=None, cwd=work,
            limits=Limits(workbook_unpacked_bytes=2_000_000),
        )  # fmt: skip
    assert refused.value.code == "xlsx-unreadable"
    assert metrics.read_bytes() == before


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 2 else "&lol;" * 10}">' for n in range(2, 10))
    + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
    '<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)
XXE = LAUGHS.replace("<!DOCTYPE lolz [", '<!DOCTYPE lolz [<!ENTITY xxe SYSTEM "file:///etc/passwd">').replace(
    "&lol9;", "&xxe;"
)


@pytest.mark.parametrize("sheet", [LAUGHS, XXE], ids=["billion-laughs", "external-entity"])
def test_a_hostile_xml_workbook_is_refused(work: Path, sheet: str) -> None:
    """Entity expansion and external entities in a sheet: a refusal, no expansion, no file read."""
    import io
    import zipfile

    _workbook(work / "good.xlsx", work / "datapackages" / NAME)
    source = zipfile.ZipFile(io.BytesIO((work / "good.xlsx").read_bytes()))
    with zipfile.ZipFile(work / "book.xlsx", "w") as book:
        for info in source.infolist():
            data = sheet.encode() if info.filename == "xl/worksheets/sheet1.xml" else source.read(info)
            book.writestr(info, data)
    result = run_cli("import", "book.xlsx", "--resource", "metrics", "--into", f"datapackages/{NAME}", cwd=work)
    assert result.returncode == 1 and "[xlsx-unreadable]" in result.stderr
    assert "root:" not in result.stdout + result.stderr


def test_the_sheet_named_after_the_resource_is_taken_and_a_missing_one_lists_the_sheets(work: Path) -> None:
    from openpyxl import load_workbook

    _workbook(work / "book.xlsx", work / "datapackages" / NAME)
    book = load_workbook(work / "book.xlsx")
    book["Sheet1"].title = "Metrics"
    notes = book.create_sheet("notes", 0)  # first, so only the name can choose the right sheet
    notes.append(["not", "data"])
    book.save(work / "book.xlsx")
    code, report = _import(work)
    assert code == 0, report
    result = run_cli(
        "import", "book.xlsx", "--resource", "metrics", "--sheet", "Sheet9", "--into", f"datapackages/{NAME}", cwd=work
    )
    assert result.returncode == 1
    assert "its sheets are 'notes', 'Metrics'" in result.stdout


def test_an_unknown_resource_lists_the_resources(work: Path) -> None:
    _workbook(work / "book.xlsx", work / "datapackages" / NAME)
    result = run_cli("import", "book.xlsx", "--resource", "metric", "--into", f"datapackages/{NAME}", cwd=work)
    assert result.returncode != 0 and "it has 'districts', 'units'" in result.stderr
