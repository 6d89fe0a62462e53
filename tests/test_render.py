"""The renderers of one report, and the options that choose them, as the process shows them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, edit_cell, run_cli
from corpus import make_small, set_cell
from pledgekit.issues import Issue, Location
from pledgekit.render import github
from pledgekit.report import Report

CONTRACT = {
    "code",
    "severity",
    "package",
    "resource",
    "path",
    "row",
    "field",
    "json_path",
    "ref",
    "value",
    "message",
    "hint",
    "new",
}


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A small package with a unit error, a traditional district and a stray file (a warning); returns cwd."""
    package = make_small(tmp_path / "datapackages" / "beijing-district-pledges")
    set_cell(package, "metrics", "m-002-0015", "unit", "pct")
    set_cell(package, "metrics", "m-002-0001", "district_code", "大興區")
    (package / "notes.txt").write_text("x", encoding="utf-8")
    return tmp_path


def test_json_is_the_documented_contract(broken: Path) -> None:
    result = run_cli("validate", "--format", "json", cwd=broken)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert set(report) == {"valid", "packages", "stats", "issues"}
    assert set(report["stats"]) == {"rows", "errors", "warnings", "existing", "by_code", "omitted"}
    assert report["stats"]["by_code"] == {
        "district-not-canonical": 1,
        "file-not-listed": 1,
        "unit-dimension-mismatch": 1,
    }
    for issue in report["issues"]:
        assert set(issue) == CONTRACT
    rows = [(i["path"], i["row"], i["field"], i["code"], i["severity"]) for i in report["issues"]]
    data = "datapackages/beijing-district-pledges"
    assert rows == [
        (f"{data}/data/metrics.csv", 2, "district_code", "district-not-canonical", "error"),
        (f"{data}/data/metrics.csv", 3, "unit", "unit-dimension-mismatch", "error"),
        (f"{data}/notes.txt", None, None, "file-not-listed", "warning"),
    ]


def test_text_is_grouped_by_file_without_colour_in_a_pipe(broken: Path) -> None:
    result = run_cli("validate", cwd=broken)
    assert "\x1b[" not in result.stdout
    lines = result.stdout.splitlines()
    data = "datapackages/beijing-district-pledges"
    assert lines[0] == f"{data}/data/metrics.csv"
    assert lines[1].startswith(f"{data}/data/metrics.csv:2 [district_code] error[district-not-canonical]: ")
    assert lines[2] == (
        "    hint: Write the district's GB/T 2260 code: 110115 "
        "(`pledgekit fix datapackages/beijing-district-pledges/data/metrics.csv` does)."
    )
    districts = len((broken / data / "codelists" / "districts.csv").read_text(encoding="utf-8").splitlines()) - 1
    assert lines[-1] == f"invalid: 1 package(s), {404 + districts} rows: 2 error(s), 1 warning(s)"


def test_language_follows_the_locale_unless_chosen(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert "提示: 请填写该区的GB/T 2260代码:110115(`pledgekit fix" in run_cli("validate", cwd=broken).stdout
    assert "hint: Write the district's GB/T 2260 code" in run_cli("validate", "--lang", "en", cwd=broken).stdout


def test_github_annotations_put_errors_first_and_write_the_summary(broken: Path) -> None:
    summary = broken / "summary.md"
    result = run_cli("validate", "--format", "github", "--step-summary", str(summary), cwd=broken)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::error", "::warning"]
    first = "::error file=datapackages/beijing-district-pledges/data/metrics.csv,line=2,"
    assert lines[0].startswith(first + "title=district-not-canonical [district_code]::")
    text = summary.read_text(encoding="utf-8")
    assert "## pledgekit validate: invalid" in text
    assert "| `unit-dimension-mismatch` | 1 |" in text


def test_github_escaping() -> None:
    issue = Issue("cell-whitespace", Location(path="a,b:c.csv", row=3, field="x"), value="50%\nx")
    line = github.annotation(issue, "en")
    assert line.startswith("::error file=a%2Cb%3Ac.csv,line=3,title=cell-whitespace [x]::")
    assert "%25" in line and "%0A" in line and "\n" not in line


def test_junit_has_a_case_per_rule_and_resource(broken: Path) -> None:
    result = run_cli("validate", "--format", "junit", cwd=broken)
    root = ET.fromstring(result.stdout)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    metrics = suites["beijing-district-pledges/metrics"]
    failed = {c.get("name") for c in metrics.iter("testcase") if c.find("failure") is not None}
    assert failed == {"district-not-canonical", "unit-dimension-mismatch"}
    assert "beijing-district-pledges/commitments" in suites
    assert root.get("failures") == "3"


def test_output_file_and_strict_warnings(tmp_path: Path, small_package: Callable[[int], Path]) -> None:
    package = small_package(5)
    cwd = package.parent.parent
    (package / "stray.txt").write_text("x", encoding="utf-8")
    out = tmp_path / "report.json"
    assert run_cli("validate", "-f", "json", "-o", str(out), cwd=cwd).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["stats"]["warnings"] == 1
    assert run_cli("validate", "--strict", cwd=cwd).returncode == 1


def test_output_inside_a_package_is_refused(small_package: Callable[[int], Path]) -> None:
    package = small_package(5)
    result = run_cli("validate", "-o", str(package / "report.txt"), cwd=package.parent.parent)
    assert result.returncode == 2
    assert not (package / "report.txt").exists()


def test_max_per_code_caps_and_counts_the_rest(small_package: Callable[[int], Path]) -> None:
    package = small_package(5)
    for row_id in ("c-000-0002", "c-000-0003", "c-000-0004"):
        edit_cell(package / "data/commitments.csv", row_id, "statement_zh", " x")
    result = run_cli("validate", "--format", "json", "--max-per-code", "1", cwd=package.parent.parent)
    report = json.loads(result.stdout)
    assert [i["code"] for i in report["issues"]] == ["cell-whitespace"]
    assert report["stats"]["omitted"] == {"cell-whitespace": 2}
    assert report["stats"]["by_code"] == {"cell-whitespace": 3}
    text = run_cli("validate", "--max-per-code", "1", cwd=package.parent.parent).stdout
    assert "… and 2 more cell-whitespace issue(s) not shown" in text


def test_report_capping_keeps_order() -> None:
    report = Report(issues=[Issue("cell-whitespace", Location(path="a", row=n)) for n in (3, 1, 2)])
    kept, left = report.capped(2)
    assert [i.location.row for i in kept] == [1, 2]
    assert left == {"cell-whitespace": 1}


def test_bundled_data_in_every_format_is_valid() -> None:
    for fmt in ("text", "json", "github", "junit"):
        assert run_cli("validate", "--format", fmt, cwd=ROOT).returncode == 0, fmt


def test_the_step_summary_counts_agree_with_its_table() -> None:
    """With --changed-since, issues already there before are counted apart, in the line and in the table."""
    import re

    from pledgekit.issues import Issue, Location
    from pledgekit.render import github
    from pledgekit.report import Report

    at = Location(package="p", resource="metrics", path="p/data/metrics.csv", row=2, field="unit")
    issues = [
        Issue("foreign-key", at, value="x", context={"reference": "units.code"}, new=True),
        Issue("foreign-key", at, value="y", context={"reference": "units.code"}, new=False),
        Issue("foreign-key", at, value="z", context={"reference": "units.code"}, new=False),
        Issue("file-not-listed", Location(package="p", path="p/notes.txt"), value="notes.txt", new=True),
    ]  # type: ignore[arg-type]
    text = github.summary(Report(packages=["p"], issues=issues))
    assert "1 error(s), 1 warning(s), 2 already there before" in text
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| (\d+ \| \d+) \|$", text, re.M))
    assert rows == {"file-not-listed": "1 | 0", "foreign-key": "1 | 2"}
