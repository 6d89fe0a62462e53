"""Sub-areas: a row's ``area_zh`` is one of its division's areas in the package's ``areas`` list."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import edit_cell, run_cli
from fixtures import csv_bytes, declare, tiny_package
from pledgekit import validate_paths
from pledgekit.codes import Code

AREAS = [
    ["district_code", "name_zh", "name_en", "kind", "note"],
    ["110115", "新城西片区", "Western area of the new town", "functional-area", ""],
    ["110115", "生物医药基地", "Biomedicine Base", "development-zone", ""],
    ["110111", "河北镇", "Hebei Town", "township", ""],
]


def _with_areas(target: Path, rows: list[list[str]] | None = None) -> Path:
    """The tiny package with an ``areas`` resource holding ``rows``."""
    package = tiny_package(target)
    (package / "data" / "areas.csv").write_bytes(csv_bytes(rows or AREAS))
    declare(package, "areas", at=4)
    return package


def _area_issues(package: Path) -> list[tuple[str, str | None, int | None, str | None, str | None, dict[str, str]]]:
    report = validate_paths([package], cwd=package.parent)
    return [
        (i.code.value, i.location.resource, i.location.row, i.location.field, i.value, dict(i.context))
        for i in report.issues
        if i.code in (Code.AREA_UNKNOWN, Code.AREA_OUTSIDE_DIVISION)
    ]


def test_a_listed_area_of_the_row_division_is_valid(tmp_path: Path) -> None:
    package = _with_areas(tmp_path / "example-pledges")
    edit_cell(package / "data" / "metrics.csv", "m-000-0002", "area_zh", "新城西片区")
    edit_cell(package / "data" / "commitments.csv", "c-000-0002", "area_zh", "生物医药基地")
    report = validate_paths([package], cwd=package.parent)
    assert report.valid, [i.code for i in report.issues]
    assert _area_issues(package) == []


def test_an_area_no_list_has_is_unknown_and_a_variant_spelling_gets_the_listed_name(tmp_path: Path) -> None:
    package = _with_areas(tmp_path / "example-pledges")
    typo = edit_cell(package / "data" / "metrics.csv", "m-000-0001", "area_zh", "新城西区")
    hant = edit_cell(package / "data" / "metrics.csv", "m-000-0002", "area_zh", "新城西片區")
    other = edit_cell(package / "data" / "metrics.csv", "m-000-0003", "area_zh", "中关村科学城北区")
    found = _area_issues(package)
    assert [f[:5] for f in found] == [
        ("area-unknown", "metrics", typo, "area_zh", "新城西区"),
        ("area-unknown", "metrics", hant, "area_zh", "新城西片區"),
        ("area-unknown", "metrics", other, "area_zh", "中关村科学城北区"),
    ]
    assert "'新城西片区'" in found[0][5]["did_you_mean"]
    assert "'新城西片区'" in found[1][5]["did_you_mean"]
    assert "did_you_mean" not in found[2][5]
    assert not validate_paths([package], cwd=package.parent).valid


def test_an_area_of_another_division_is_outside_the_row_division(tmp_path: Path) -> None:
    package = _with_areas(tmp_path / "example-pledges")
    row = edit_cell(package / "data" / "commitments.csv", "c-000-0001", "area_zh", "河北镇")
    assert _area_issues(package) == [
        (
            "area-outside-division",
            "commitments",
            row,
            "area_zh",
            "河北镇",
            {"district": "110115", "area_district": "110111"},
        )
    ]


def test_an_area_inside_a_division_below_the_row_division_is_valid(tmp_path: Path) -> None:
    """A Beijing row (110000) may name an area of Daxing (110115): Daxing lies inside Beijing."""
    package = _with_areas(tmp_path / "example-pledges")
    edit_cell(package / "data" / "metrics.csv", "m-000-0002", "district_code", "110000")
    edit_cell(package / "data" / "metrics.csv", "m-000-0002", "area_zh", "新城西片区")
    assert _area_issues(package) == []


def test_without_an_areas_resource_every_named_area_is_unknown(tmp_path: Path) -> None:
    """Dropping the list does not turn the check off."""
    package = tiny_package(tmp_path / "example-pledges")
    row = edit_cell(package / "data" / "metrics.csv", "m-000-0002", "area_zh", "新城西片区")
    assert [f[:5] for f in _area_issues(package)] == [("area-unknown", "metrics", row, "area_zh", "新城西片区")]


@pytest.mark.parametrize(
    ("cell", "value", "code"),
    [("kind", "park", Code.CONSTRAINT_ERROR), ("district_code", "110199", Code.FOREIGN_KEY)],
)
def test_the_list_itself_is_checked_by_its_table_schema(tmp_path: Path, cell: str, value: str, code: Code) -> None:
    rows = [list(r) for r in AREAS]
    rows[1][rows[0].index(cell)] = value
    package = _with_areas(tmp_path / "example-pledges", rows)
    report = validate_paths([package], cwd=package.parent)
    assert [(i.code, i.location.resource, i.location.row, i.location.field) for i in report.issues] == [
        (code, "areas", 2, cell)
    ]


def test_the_same_area_twice_in_a_division_is_a_key_error(tmp_path: Path) -> None:
    package = _with_areas(tmp_path / "example-pledges", [*AREAS, AREAS[1]])
    report = validate_paths([package], cwd=package.parent)
    assert [(i.code, i.location.resource, i.location.row) for i in report.issues] == [
        (Code.PRIMARY_KEY, "areas", len(AREAS) + 1)
    ]


def test_the_command_names_the_cell_and_exits_1(tmp_path: Path) -> None:
    package = _with_areas(tmp_path / "example-pledges")
    row = edit_cell(package / "data" / "metrics.csv", "m-000-0001", "area_zh", "新城西区")
    result = run_cli("validate", str(package), cwd=tmp_path)
    assert result.returncode == 1
    assert f"metrics.csv:{row} [area_zh] error[area-unknown]" in result.stdout
