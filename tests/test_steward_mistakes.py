"""The issue's acceptance list: each mistake a steward can make in a CSV of the bundled package exits 1
with an issue at the right file, line and field, in both languages and all four output formats."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import edit_cell, read_rows, run_cli
from pledgekit import validate_paths
from pledgekit.cli.validate import RENDERERS
from pledgekit.issues import Lang

METRICS = "data/metrics.csv"
COMMITMENTS = "data/commitments.csv"


def _gbk(package: Path) -> tuple[str, int, str]:
    path = package / METRICS
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("gb18030"))
    first_line = next(n for n, line in enumerate(text.splitlines(), start=1) if not line.isascii())
    return METRICS, first_line, "quote"


def _cell(relpath: str, row_id: str, field: str, value: str) -> Callable[[Path], tuple[str, int, str]]:
    def apply(package: Path) -> tuple[str, int, str]:
        return relpath, edit_cell(package / relpath, row_id, field, value), field

    return apply


MISTAKES: dict[str, tuple[Callable[[Path], tuple[str, int, str]], str]] = {
    "wrong district": (_cell(METRICS, "m-002-0015", "district_code", "110199"), "foreign-key"),
    "traditional district name": (_cell(METRICS, "m-002-0015", "district_code", "大興區"), "district-not-canonical"),
    "unit that does not fit the indicator": (_cell(METRICS, "m-002-0015", "unit", "pct"), "unit-dimension-mismatch"),
    "past target year": (_cell(COMMITMENTS, "c-002-0503", "target_year", "2023"), "target-year-past"),
    "figure not in the quote": (_cell(METRICS, "m-002-0015", "value", "1334"), "value-not-in-quote"),
    "full-width digits": (_cell(METRICS, "m-002-0015", "year", "２０２４"), "number-not-canonical"),
    "GBK file": (_gbk, "encoding-not-utf8"),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_mistake_is_caught_everywhere(package_copy: Path, mistake: str) -> None:
    make, code = MISTAKES[mistake]
    relpath, line, field = make(package_copy)
    cwd = package_copy.parent.parent
    path = f"datapackages/{package_copy.name}/{relpath}"

    result = run_cli("validate", cwd=cwd)
    assert result.returncode == 1
    assert f"{path}:{line} [{field}] error[{code}]" in result.stdout

    report = validate_paths([package_copy], cwd=cwd)
    assert [path, line, field, code] in report.flatten(["path", "row", "field", "code"])
    languages: tuple[Lang, ...] = ("en", "zh")
    for lang in languages:
        rendered = {}
        for fmt, render in RENDERERS.items():
            out = io.StringIO()
            render(report, out, lang, None)
            rendered[fmt] = out.getvalue()
        issue = next(i for i in report.issues if i.code == code)
        message = issue.message(lang)
        assert f"{path}:{line} [{field}] error[{code}]: {message}" in rendered["text"]
        found = json.loads(rendered["json"])["issues"]
        assert {"path": path, "row": line, "field": field, "code": code, "message": message}.items() <= next(
            i for i in found if i["code"] == code
        ).items()
        assert f"::error file={path},line={line},title={code} [{field}]::" in rendered["github"]
        cases = {(c.get("classname"), c.get("name")): c for c in ET.fromstring(rendered["junit"]).iter("testcase")}
        failure = cases[(f"beijing-district-pledges/{relpath.split('/')[1].removesuffix('.csv')}", code)].find(
            "failure"
        )
        assert failure is not None and f"{path}:{line} [{field}]: {message}" in (failure.text or "")


LOOSE = {"fields": [{"name": n, "type": "string"} for n in ("id", "district_code", "indicator", "year", "value")]}


@pytest.mark.parametrize("how", ["other-file", "inline", "none"])
def test_a_standard_resource_is_checked_against_the_standard_whatever_it_declares(package_copy: Path, how: str) -> None:
    """A package that points its metrics resource at its own loosened schema (or an inline one, or none)
    once validated a garbage row, exit 0: it is now schema-not-standard, and the row is still checked."""
    descriptor_path = package_copy / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    number, metrics = next((n, r) for n, r in enumerate(descriptor["resources"]) if r["name"] == "metrics")
    if how == "other-file":
        (package_copy / "schemas/loose.schema.json").write_text(json.dumps(LOOSE), encoding="utf-8")
        metrics["schema"] = "schemas/loose.schema.json"
    elif how == "inline":
        metrics["schema"] = LOOSE
    else:
        del metrics["schema"]
    descriptor_path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    line = edit_cell(package_copy / "data/metrics.csv", "m-002-0001", "year", "not a year")
    report = validate_paths([package_copy], cwd=package_copy.parent)
    found = {(i.code, i.location.json_path, i.location.row, i.location.field) for i in report.issues}
    assert ("schema-not-standard", f"$.resources[{number}].schema", None, None) in found
    assert any(row == line and field == "year" for _, _, row, field in found)  # the bad year is still found
    assert not report.valid


def test_a_header_over_the_column_limit_stops_that_file_at_one_issue(package_copy: Path) -> None:
    """A header of 100,000 columns once took 83 s and 4.6 GB and reported 1.2M issues: it is one
    too-many-columns, and the file's rows are not parsed."""
    metrics = package_copy / "data/metrics.csv"
    lines = metrics.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = lines[0].rstrip("\n") + "".join(f",x{i}" for i in range(100_000)) + "\n"
    metrics.write_text("".join(lines), encoding="utf-8")
    report = validate_paths([package_copy], cwd=package_copy.parent)
    on_metrics = [i for i in report.issues if i.location.path and i.location.path.endswith("data/metrics.csv")]
    assert [str(i.code) for i in on_metrics] == ["too-many-columns"]


def test_the_dialect_sample_is_bounded() -> None:
    """csv.Sniffer takes time quadratic in a line's length: the sample stops at SAMPLE_CHARS."""
    from pledgekit.tableschema import dialect

    row = "m-1,110101," + "," * 100_000 + "\n"
    sample = dialect.sample_lines("id,district_code\n" + row * 3)
    assert len(sample) <= dialect.SAMPLE_CHARS and sample.startswith("id,district_code\n")
    assert dialect.sample_lines(row)[:20] == row[:20] and len(dialect.sample_lines(row)) == dialect.SAMPLE_CHARS
    resolved = dialect.resolve(None, sample)
    assert resolved.delimiter == ","


@pytest.mark.parametrize(
    ("field", "wrong", "meant"), [("unit", "percent", "pct"), ("district_code", "110151", "110115")]
)
def test_a_code_that_is_not_in_its_codelist_gets_a_did_you_mean(
    package_copy: Path, field: str, wrong: str, meant: str
) -> None:
    line = edit_cell(package_copy / "data/metrics.csv", "m-002-0001", field, wrong)
    report = validate_paths([package_copy], cwd=package_copy.parent)
    [issue] = [i for i in report.issues if i.code == "foreign-key" and i.location.row == line]
    assert issue.hint("en").startswith(f"Did you mean {meant!r}? ")
    assert issue.hint("zh").startswith(f"是否应为 {meant!r}?")


@pytest.mark.parametrize(
    ("field", "value", "zh", "en"),
    [
        ("year", "1800", "取值须不小于 1949", "the value must be at least 1949"),
        ("status", "sometimes", "取值须为以下取值之一:actual、estimate", "the value must be one of actual, estimate"),
    ],
)
def test_constraint_messages_are_whole_sentences_in_each_language(
    package_copy: Path, field: str, value: str, zh: str, en: str
) -> None:
    line = edit_cell(package_copy / "data/metrics.csv", "m-002-0001", field, value)
    report = validate_paths([package_copy], cwd=package_copy.parent)
    [issue] = [i for i in report.issues if i.location.row == line and i.code == "constraint-error"]
    assert zh in issue.message("zh") and en in issue.message("en")
    for words in (issue.message("zh"), issue.hint("zh")):
        assert "minimum" not in words and "enum" not in words and "docs/" not in words


def test_a_number_hint_suggests_only_a_number(package_copy: Path) -> None:
    line = edit_cell(package_copy / "data/metrics.csv", "m-002-0001", "value", "abc")
    full_width = edit_cell(package_copy / "data/metrics.csv", "m-002-0002", "value", "１２.５")
    report = validate_paths([package_copy], cwd=package_copy.parent)
    hints = {i.location.row: i.hint("en") for i in report.issues if i.code == "number-not-canonical"}
    assert hints[line].startswith("Write the number itself:") and "'abc'" not in hints[line]
    assert hints[full_width].startswith("Write '12.5':")


def test_a_figure_that_disagrees_is_reported_on_both_rows_each_naming_the_other(tmp_path: Path) -> None:
    """Either row may be the wrong one: both carry the issue, and each names the other row's id."""
    from corpus import CASES, make_small

    package = make_small(tmp_path / "pkg")
    CASES["same-figure-disagrees"](package)
    report = validate_paths([package], cwd=tmp_path)
    found = [i for i in report.issues if i.code == "figure-conflict"]
    assert len(found) == 2
    rows = read_rows(package / "data/metrics.csv")
    ids = {n + 2: row["id"] for n, row in enumerate(rows)}
    first, second = sorted(found, key=lambda i: i.location.row or 0)
    assert first.context["other"] == ids[second.location.row or 0]
    assert second.context["other"] == ids[first.location.row or 0]


def test_a_row_of_100000_extra_cells_is_read_once(package_copy: Path) -> None:
    """One row with 100,000 extra cells (100 KB) once took 24 GB and was killed after 10 minutes (quadratic
    work per cell): each extra cell is one extra-cell issue on that row, and the other rows are still read.
    bench/hostile.py measures its time and memory as a process."""
    metrics = package_copy / "data/metrics.csv"
    edit = edit_cell(metrics, "m-002-0015", "year", "２０２４")  # a later row, still checked
    lines = metrics.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].rstrip("\n") + "," * 100_000 + "\n"
    metrics.write_text("".join(lines), encoding="utf-8")
    report = validate_paths([package_copy], cwd=package_copy.parent)
    found = [(i.code, i.location.row) for i in report.issues if str(i.location.path).endswith("data/metrics.csv")]
    assert found.count(("extra-cell", 2)) == 100_000
    assert ("number-not-canonical", edit) in found


def test_did_you_mean_is_looked_up_once_per_distinct_value_and_for_a_bounded_number_of_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file of thousands of wrong codes gets its hints in bounded time: each distinct value is looked up
    once, and only the first MAX_LOOKUPS distinct values of a codelist are looked up at all."""
    import polars as pl

    from pledgekit import Issue, Location
    from pledgekit.checks import suggestions
    from pledgekit.codes import Code
    from pledgekit.io.tables import Table

    looked_up: list[str] = []
    closest = suggestions._closest
    monkeypatch.setattr(
        suggestions, "_closest", lambda value, spellings: looked_up.append(value) or closest(value, spellings)
    )
    read: list[object] = []
    spellings = suggestions._spellings
    monkeypatch.setattr(suggestions, "_spellings", lambda held, ref: read.append(ref) or spellings(held, ref))
    units = Table("units", "codelists/units.csv", "units.csv", pl.DataFrame({"code": ["pct", "pp"]}), None)
    wrong = ["percent"] * 3 + [f"x{n}" for n in range(suggestions.MAX_LOOKUPS + 5)] + ["percent"]
    issues = [
        Issue(Code.FOREIGN_KEY, Location(row=n + 2, field="unit"), value=v, context={"reference": "units.code"})
        for n, v in enumerate(wrong)
    ]
    hinted = suggestions.suggest(issues, {"units": units})
    assert [i.context.get("did_you_mean") for i in hinted if i.value == "percent"] == ["Did you mean 'pct'? "] * 4
    assert len(hinted) == len(issues)  # every issue is kept, hinted or not
    assert len(looked_up) == suggestions.MAX_LOOKUPS and looked_up.count("percent") == 1
    assert read == ["units.code"]  # the codelist's spellings are read once
