"""The descriptor keeps up with the sources table: a source row missing from its ``sources`` list
(``source-not-listed``) and a description that does not name a source's government
(``description-omits-district``) are warnings that ``validate`` reports, wherever the row came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli
from fixtures import tiny_package
from pledgekit import validate_paths
from pledgekit.checks import listing


@pytest.fixture
def package(tmp_path: Path) -> Path:
    return tiny_package(tmp_path / "example-pledges")


def _edit(package: Path, **changes: Any) -> None:
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor.update(changes)
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def _found(package: Path) -> list[tuple[str, str | None, str | None]]:
    report = validate_paths([package], cwd=package.parent)
    wanted = {"source-not-listed", "description-omits-district"}
    return [(i.code, i.location.json_path, i.value) for i in report.issues if i.code in wanted]


def test_the_tests_package_is_listed_and_described(package: Path) -> None:
    assert _found(package) == []


def test_a_source_row_missing_from_the_descriptor_is_named_with_the_entry_to_add(package: Path) -> None:
    _edit(package, sources=[{"title": "another report"}])
    assert _found(package) == [("source-not-listed", "$.sources", "src-000")]
    result = run_cli("validate", "example-pledges", cwd=package.parent)
    assert result.returncode == 0  # a warning
    assert '{"title": "示例区2024年工作报告(测试) (示例区人民政府, 2025)"}' in result.stdout


@pytest.mark.parametrize(
    "entry",
    [
        {"title": "示例区2024年工作报告(测试)"},
        {"title": "示例区2024年工作报告(测试) (示例区人民政府, 2025)"},
        {"title": "Example report", "path": "sources/000_b5c9a3f0c1d2e4f6.txt"},
    ],
    ids=["title", "title as source add writes it", "path"],
)
def test_an_entry_names_a_row_by_its_title_or_path(package: Path, entry: dict[str, str]) -> None:
    rows = (package / "data" / "sources.csv").read_text(encoding="utf-8").splitlines()
    path = rows[1].split(",")[9]
    entry = {**entry, "path": path} if "path" in entry else entry
    _edit(package, sources=[entry])
    assert _found(package) == []


def test_a_title_that_only_begins_like_the_row_s_does_not_name_it(package: Path) -> None:
    _edit(package, sources=[{"title": "示例区2024年工作报告(测试)续编"}])
    assert [code for code, _, _ in _found(package)] == ["source-not-listed"]


def test_a_description_that_does_not_name_a_source_s_government_is_warned_in_each_language(package: Path) -> None:
    _edit(package, description="Reports of a county.", description_zh="某县的报告。")
    assert _found(package) == [
        ("description-omits-district", "$.description", "110115"),
        ("description-omits-district", "$.description_zh", "110115"),
    ]
    _edit(package, description="Reports of Daxing.", description_zh="大兴的报告。")  # short names count
    assert _found(package) == []


def test_the_names_a_description_may_use() -> None:
    district = {"name_zh": "安吉县", "name_zh_hant": "安吉縣", "name_en": "Anji County", "aliases": "安吉"}
    assert set(listing.names(district)) == {"安吉县", "安吉縣", "Anji County", "安吉", "Anji"}
