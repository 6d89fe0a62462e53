"""Extensions: a package's own indicators and units, checked by the standard's Table Schemas, merged with the
standard's rows for every check, and never touched by `standard sync` nor reported as drift."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from fixtures import STANDARD, csv_bytes, declare, tiny_package
from pledgekit.standard import copies
from pledgekit.validation import validate_paths

ANJI = ROOT / "tests" / "packages" / "anji-county"
HEADER = (STANDARD / "codelists/indicators.csv").read_text(encoding="utf-8").split("\n", 1)[0].split(",")
UNIT_HEADER = (STANDARD / "codelists/units.csv").read_text(encoding="utf-8").split("\n", 1)[0].split(",")


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _indicator(**cells: str) -> list[str]:
    row = dict.fromkeys(HEADER, "")
    row.update(name_zh="新建乡村学校数", name_en="Rural schools added", dimension="count-school", kind="level",
               direction="up", stage="completed", concept=cells.get("code", ""), broader="public-facilities",
               topic="education")  # fmt: skip
    row.update(cells)
    return [row[h] for h in HEADER]


def _declare(package: Path, name: str, path: str, schema: str) -> None:
    declare(package, name, path=path, schema=schema)


def _extended(tmp_path: Path, rows: list[list[str]], schema: str = "schemas/indicators.schema.json") -> Path:
    """The tiny package with an indicators extension of ``rows``; its second commitment (新建学校6所) uses the
    first row's code."""
    package = tiny_package(tmp_path / "pkg")
    (package / "extensions").mkdir()
    (package / "extensions/indicators.csv").write_bytes(csv_bytes([HEADER, *rows]))
    _declare(package, "indicators-extension", "extensions/indicators.csv", schema)
    path = package / "data/commitments.csv"
    lines = _rows(path)
    lines[2][lines[0].index("indicator")] = rows[0][HEADER.index("code")]
    path.write_bytes(csv_bytes(lines))
    return package


def _found(package: Path) -> list[tuple[str | None, int | None, str | None, str]]:
    report = validate_paths([package], cwd=package.parent)
    return [(i.location.resource, i.location.row, i.location.field, i.code) for i in report.issues]


def test_an_extension_code_is_valid_wherever_a_standard_code_is(tmp_path: Path) -> None:
    package = _extended(tmp_path, [_indicator(code="rural-schools-added")])
    assert _found(package) == []


def test_the_extension_rows_are_looked_up_by_the_domain_rules(tmp_path: Path) -> None:
    package = _extended(tmp_path, [_indicator(code="rural-schools-added", dimension="area")])
    assert _found(package) == [("commitments", 3, "unit", "unit-dimension-mismatch")]


def test_without_the_extension_the_code_is_unknown(tmp_path: Path) -> None:
    package = _extended(tmp_path, [_indicator(code="rural-schools-added")])
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "indicators-extension"]
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    shutil.rmtree(package / "extensions")
    assert _found(package) == [("commitments", 3, "indicator", "foreign-key")]


def test_an_extension_code_the_standard_has_is_a_collision(tmp_path: Path) -> None:
    package = _extended(tmp_path, [_indicator(code="rural-schools-added"), _indicator(code="gdp")])
    assert _found(package) == [("indicators-extension", 3, "code", "extension-collision")]


@pytest.mark.parametrize("broader", ["", "gdp-growth", "no-such-indicator", "rural-schools-added"])
def test_an_extension_indicator_narrows_a_core_indicator_of_the_standard(tmp_path: Path, broader: str) -> None:
    # empty (a new core indicator), a specific indicator, an unknown code, the extension's own code
    package = _extended(tmp_path, [_indicator(code="rural-schools-added", broader=broader)])
    assert _found(package) == [("indicators-extension", 2, "broader", "extension-broader")]


def test_extension_rows_are_checked_by_the_standard_table_schema(tmp_path: Path) -> None:
    package = _extended(tmp_path, [_indicator(code="rural-schools-added", kind="amount")])
    assert ("indicators-extension", 2, "kind", "constraint-error") in _found(package)


def test_an_extension_declaring_another_schema_is_checked_against_the_standard(tmp_path: Path) -> None:
    package = _extended(tmp_path, [_indicator(code="rural-schools-added")], schema="schemas/loose.schema.json")
    (package / "schemas/loose.schema.json").write_text('{"fields": [{"name": "code"}]}', encoding="utf-8")
    report = validate_paths([package], cwd=tmp_path)
    [issue] = report.issues
    assert (issue.code, issue.location.resource, issue.context) == (
        "schema-not-standard", "indicators-extension", {"schema": "schemas/indicators.schema.json"}
    )  # fmt: skip


def test_a_units_extension_adds_a_unit(tmp_path: Path) -> None:
    package = _extended(tmp_path, [_indicator(code="rural-schools-added")])
    unit = dict.fromkeys(UNIT_HEADER, "")
    unit.update(code="qing", symbol_zh="顷", name_en="qing (100 mu)", dimension="area", base_unit="m2",
                factor="66666.66666666667")  # fmt: skip
    taken = dict(unit, code="mu-again", symbol_zh="亩")  # the standard's mu has this symbol
    (package / "extensions/units.csv").write_bytes(csv_bytes([UNIT_HEADER, list(unit.values()), list(taken.values())]))
    _declare(package, "units-extension", "extensions/units.csv", "schemas/units.schema.json")
    path = package / "data/commitments.csv"
    path.write_bytes(path.read_bytes().replace(b",school,", b",qing,"))
    found = [f for f in _found(package) if f[3] in ("foreign-key", "extension-collision")]
    assert found == [("units-extension", 3, "symbol_zh", "extension-collision")]  # qing is a known unit


def test_sync_never_touches_an_extension_and_drift_never_reports_one(tmp_path: Path) -> None:
    package = _extended(tmp_path, [_indicator(code="rural-schools-added")])
    before = (package / "extensions/indicators.csv").read_bytes()
    (package / "codelists/units.csv").write_text("code\n", encoding="utf-8")  # a stale copy, for sync to write
    synced = run_cli("standard", "sync", "pkg", cwd=tmp_path)
    assert synced.returncode == 0
    assert synced.stdout.splitlines() == ["pkg/codelists/units.csv: written"]
    assert (package / "extensions/indicators.csv").read_bytes() == before
    assert [c.target for c in copies.drift(STANDARD, package)] == []
    assert run_cli("standard", "sync", "--check", "pkg", cwd=tmp_path).returncode == 0
    assert _found(package) == []


def test_rows_added_to_a_copy_are_drift_whose_hint_points_at_an_extension(tmp_path: Path) -> None:
    package = tiny_package(tmp_path / "pkg")
    path = package / "codelists/indicators.csv"
    path.write_bytes(path.read_bytes() + csv_bytes([_indicator(code="rural-schools-added")]))
    report = validate_paths([package], cwd=tmp_path)
    [issue] = report.issues
    assert (issue.code, issue.location.path) == ("standard-drift", "pkg/codelists/indicators.csv")
    assert "indicators-extension" in issue.hint("en")


def test_a_county_outside_beijing_validates_with_an_extension_of_its_own(tmp_path: Path) -> None:
    package = tmp_path / "anji-county"
    shutil.copytree(ANJI, package)
    copies.sync(STANDARD, package)
    sources = _rows(package / "data/sources.csv")
    assert {row[sources[0].index("district_code")] for row in sources[1:]} == {"330523"}  # 安吉县, Huzhou, Zhejiang
    valid = run_cli("validate", "--format", "json", "anji-county", cwd=tmp_path)
    assert valid.returncode == 0, valid.stdout
    assert json.loads(valid.stdout)["issues"] == []
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "indicators-extension"]
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    (package / "extensions/indicators.csv").unlink()
    unknown = run_cli("validate", "--format", "json", "anji-county", cwd=tmp_path)
    assert unknown.returncode == 1
    found = [(i["resource"], i["row"], i["field"], i["value"], i["code"]) for i in json.loads(unknown.stdout)["issues"]]
    assert found == [
        ("commitments", 3, "indicator", "tea-garden-area-added", "foreign-key"),
        ("metrics", 3, "indicator", "tea-garden-area", "foreign-key"),
    ]
