"""``pledgekit fix``: each safe normalisation, idempotence, --check, atomic writes, ambiguity reported."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import STANDARD, read_rows, run_cli
from corpus import make_small
from pledgekit import validate_paths
from pledgekit.checks.districts import DistrictIndex
from pledgekit.cli import app
from pledgekit.io.tables import RawFile, parse
from pledgekit.steward.fix import plan_fix

NAME = "beijing-district-pledges"
TYPES = {"year": "integer", "value": "number", "district_code": "string", "quote": "string"}
_TABLE = parse(RawFile("districts", "d.csv", "d.csv", (STANDARD / "codelists/districts.csv").read_bytes(), None))
assert _TABLE is not None
DISTRICTS = DistrictIndex(_TABLE)
HEADER = "id,district_code,year,value,quote\n"


def _fix(data: bytes) -> bytes:
    result = plan_fix("t.csv", data, TYPES, DISTRICTS)
    assert result.refused is None
    return result.fixed


def test_gbk_with_chinese_only_in_late_rows_is_converted() -> None:
    text = (
        HEADER + "".join(f"m-{n},110115,2024,{n},plain ascii\n" for n in range(2000)) + "m-x,110115,2024,1,增长5.2%\n"
    )
    fixed = _fix(text.encode("gb18030"))
    assert fixed == text.encode("utf-8")


def test_bytes_that_are_neither_utf8_nor_gb18030_are_refused() -> None:
    result = plan_fix("t.csv", HEADER.encode() + b"\x80\xff\xfe\n", TYPES, DISTRICTS)
    assert result.refused is not None and not result.changed


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\ufeff" + HEADER + "a,110115,2024,1,q\n", HEADER + "a,110115,2024,1,q\n"),
        ((HEADER + "a,110115,2024,1,q\n").replace("\n", "\r\n"), HEADER + "a,110115,2024,1,q\n"),
        (HEADER + "a,110115\u3000,2024, 1,q \n", HEADER + "a,110115,2024,1,q\n"),
        (HEADER + "a,110115,２０２５,５.２,q\n", HEADER + "a,110115,2025,5.2,q\n"),
        (HEADER + "a,石景山區,2024,1,q\n", HEADER + "a,110107,2024,1,q\n"),
        (HEADER + "a,\u2f24兴区,2024,1,q\n", HEADER + "a,110115,2024,1,q\n"),
        (HEADER + "a,110115,2024,1,q", HEADER + "a,110115,2024,1,q\n"),
        (HEADER + "a,110115,2024,1,q\n\n\n", HEADER + "a,110115,2024,1,q\n"),
        (HEADER.replace("year", "year\u3000") + "a,110115,２０２４,1,q\n", HEADER + "a,110115,2024,1,q\n"),
    ],
    ids=[
        "bom",
        "crlf",
        "ideographic-space",
        "full-width-digits",
        "traditional-district",
        "kangxi-district",
        "final-newline",
        "trailing-blank-lines",
        "header-label-whitespace",
    ],
)
def test_each_normalisation(raw: str, expected: str) -> None:
    assert _fix(raw.encode("utf-8")) == expected.encode("utf-8")


@pytest.mark.parametrize("cell", ["2025年", "85%", "1,234", "二〇二五"])
def test_an_ambiguous_number_is_reported_and_never_rewritten(cell: str) -> None:
    data = (HEADER + f'a,110115,"{cell}",1,q\n').encode()
    result = plan_fix("t.csv", data, TYPES, DISTRICTS)
    assert result.fixed == data
    assert [(c.line, c.field) for c in result.ambiguous] == [(2, "year")]


def test_a_canonical_file_is_left_byte_identical() -> None:
    data = (HEADER + 'a,110115,2024,1,"quoted, with comma"\n').encode()
    result = plan_fix("t.csv", data, TYPES, DISTRICTS)
    assert result.fixed == data and not result.changes


CELLS = st.sampled_from(["110115", "大興區", " 2024", "２０２４", "5.2", "５", "text", "a,b", "x\u3000", "", "2025年"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(CELLS, CELLS, CELLS), min_size=1, max_size=8), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_prop_fix_twice_is_fix_once(rows: list[tuple[str, str, str]], newline: str, bom: bool) -> None:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerows([["district_code", "year", "quote"], *rows])
    data = (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8")
    once = _fix(data)
    assert _fix(once) == once


@pytest.fixture
def work(tmp_path: Path) -> Path:
    package = make_small(tmp_path / "datapackages" / NAME)
    path = package / "data/metrics.csv"
    text = path.read_text(encoding="utf-8").replace(
        "m-002-0001,110115,gdp-growth,2024,", "m-002-0001,大興區,gdp-growth,２０２４,"
    )
    path.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    return tmp_path


def test_check_exits_1_and_writes_nothing_then_fix_makes_the_package_valid(work: Path) -> None:
    path = work / "datapackages" / NAME / "data/metrics.csv"
    before = path.read_bytes()
    assert not validate_paths([work / "datapackages"], cwd=work).valid
    check = run_cli("fix", "--check", cwd=work)
    assert check.returncode == 1
    assert "data/metrics.csv:2 [district_code] '大興區' → '110115': district name → code (大兴区)" in check.stdout
    assert path.read_bytes() == before
    fixed = run_cli("fix", cwd=work)
    assert fixed.returncode == 0
    assert validate_paths([work / "datapackages"], cwd=work).valid
    backups = list((work / ".pledgekit-backup").rglob("metrics.csv"))
    assert len(backups) == 1 and backups[0].read_bytes() == before
    assert f"the original is kept in {backups[0].relative_to(work).as_posix()}" in fixed.stderr
    assert run_cli("fix", "--check", cwd=work).returncode == 0
    assert run_cli("fix", "--exit-code", cwd=work).returncode == 0


def test_an_interrupted_write_leaves_the_original_intact(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = work / "datapackages" / NAME / "data/metrics.csv"
    before = path.read_bytes()
    monkeypatch.chdir(work)

    def no_space(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    result = CliRunner().invoke(app, ["fix", "--no-backup"])
    assert result.exit_code == 4
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_fix_on_a_single_file_uses_its_package_schema(work: Path) -> None:
    result = run_cli("fix", "datapackages/beijing-district-pledges/data/metrics.csv", cwd=work)
    assert result.returncode == 0
    rows = read_rows(work / "datapackages" / NAME / "data/metrics.csv")
    assert (rows[0]["district_code"], rows[0]["year"]) == ("110115", "2024")


def test_a_backup_stays_in_the_backup_folder(tmp_path: Path) -> None:
    """Whatever path the file is shown as (outside the working folder, absolute), its backup is kept
    under .pledgekit-backup/ and holds the original bytes."""
    from pledgekit.io import backup

    for shown in ("../outside/metrics.csv", "/abs/data/metrics.csv", "data/metrics.csv"):
        saved = backup.save(tmp_path, "20250101T000000Z", shown, b"id\n1\n")
        assert saved.is_relative_to(tmp_path / ".pledgekit-backup" / "20250101T000000Z")
        assert saved.name == "metrics.csv" and saved.read_bytes() == b"id\n1\n"


@pytest.mark.parametrize("cell", ["x" * 200_000, '"' + "y" * 140_000 + '"'], ids=["plain", "quoted"])
def test_a_cell_over_the_csv_modules_limit_is_read_not_a_crash(cell: str) -> None:
    """A cell longer than Python's csv field limit (131,072 characters) once crashed fix (exit 70); fix reads
    it as validate does (which reports it as cell-too-long) and leaves it as it is."""
    data = f"id,note\n1,{cell}\n".encode()
    result = plan_fix("data/metrics.csv", data, {"id": "string", "note": "string"}, None)
    assert result.refused is None and not result.changed
    assert result.fixed == data


def _semicolons(raw: bytes) -> bytes:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


FIXABLE = {  # a mistake fix repairs, and the code validate gives it
    "utf8-bom": lambda raw: b"\xef\xbb\xbf" + raw,
    "encoding-not-utf8": lambda raw: raw.decode("utf-8").encode("gb18030"),
    "line-endings-mixed": lambda raw: raw.replace(b"\n", b"\r\n", 2),
    "final-newline-missing": lambda raw: raw.rstrip(b"\n"),
    "number-not-canonical": lambda raw: raw.replace(b",2024,", ",２０２４,".encode(), 1),
    "cell-whitespace": lambda raw: raw.replace(b"district_code", b"district_code ", 1),  # in the header
    "dialect-not-plain": _semicolons,  # sniffed, not declared
}


@pytest.mark.parametrize("code", sorted(FIXABLE))
def test_a_hint_that_names_fix_is_kept_by_fix(tmp_path: Path, code: str) -> None:
    """Where the hint says `pledgekit fix FILE`, running exactly that makes the issue go away."""
    from conftest import fixture_package, run_cli

    package = fixture_package(tmp_path / "pkg")
    metrics = package / "data/metrics.csv"
    metrics.write_bytes(FIXABLE[code](metrics.read_bytes()))
    before = validate_paths([package], cwd=tmp_path)
    found = [i for i in before.issues if i.code == code]
    assert found, f"the mistake gives {code}"
    hint = found[0].hint("en")
    assert f"`pledgekit fix {found[0].location.path}`" in hint and "pledgekit fix" in found[0].hint("zh")
    assert run_cli("fix", found[0].location.path or "", "--no-backup", cwd=tmp_path).returncode == 0
    after = validate_paths([package], cwd=tmp_path)
    assert not [i for i in after.issues if i.code == code]


def _with_note(raw: bytes, note: str) -> bytes:
    """The fixture's metrics with ``note`` in the first row's last cell (written by csv, quoted if need be)."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    rows[1][-1] = note
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def test_a_file_with_a_declared_dialect_is_refused_never_rewritten_on_commas(tmp_path: Path) -> None:
    """fix read every file on commas: a ';' file whose resource declares its dialect, with one cell to trim,
    was written back with each row one cell (every cell holding a ';' quoted on commas)."""
    import json

    from conftest import fixture_package

    package = fixture_package(tmp_path / "pkg")
    metrics = package / "data/metrics.csv"
    metrics.write_bytes(_semicolons(_with_note(metrics.read_bytes(), "a note; with a semicolon ")))
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == "metrics":
            resource["dialect"] = {"delimiter": ";"}
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    before = metrics.read_bytes()
    result = run_cli("fix", str(package), "--no-backup", cwd=tmp_path)
    assert result.returncode == 1
    assert "data/metrics.csv: cannot fix: it is read with delimiter ';', as its resource declares" in result.stderr
    assert metrics.read_bytes() == before


def test_a_sniffed_dialect_is_written_as_plain_csv_with_every_cell_as_validated(tmp_path: Path) -> None:
    from conftest import fixture_package
    from pledgekit.tableschema import texts

    package = fixture_package(tmp_path / "pkg")
    metrics = package / "data/metrics.csv"
    metrics.write_bytes(_semicolons(_with_note(metrics.read_bytes(), 'a note; with "quotes", a comma')))
    raw = RawFile("metrics", "data/metrics.csv", "data/metrics.csv", metrics.read_bytes(), None)
    found = texts.dialect(raw)
    assert found is not None and found.delimiter == ";"
    before = texts.read(raw, found).frame
    assert run_cli("fix", str(metrics), "--no-backup", cwd=tmp_path).returncode == 0
    raw = RawFile("metrics", "data/metrics.csv", "data/metrics.csv", metrics.read_bytes(), None)
    found = texts.dialect(raw)
    assert found is not None and found.departures() == []
    assert texts.read(raw, found).frame.equals(before)
    assert not [i for i in validate_paths([package], cwd=tmp_path).issues if i.code == "dialect-not-plain"]


def test_a_tsv_file_is_left_as_tsv() -> None:
    data = b"id\tyear\na\t2024 \n"
    result = plan_fix("t.tsv", data, TYPES, None, tab=True)
    assert result.refused is not None and "delimiter '\\t'" in result.refused
    assert result.fixed == data
