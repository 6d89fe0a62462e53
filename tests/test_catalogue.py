"""The 政务信息资源目录 record of a release: one 信息项 per Table Schema field with the guide's data type,
the descriptor's ``catalogue`` block and its documented defaults, the workbook holding what the JSON
holds, a mistake in the block caught by validation, and the same bytes on every run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import STANDARD, run_cli
from fixtures import CATALOGUE, typed_package
from pledgekit.documents import CatalogueSettings
from pledgekit.publish.catalogue import SHEETS

NAME = "catalogued-pledges"
EPOCH = {"SOURCE_DATE_EPOCH": "1764000000"}  # 2025-11-24T16:00:00Z
# The guide's data types (字符型 C, 数值型 N, 整型 I, 日期型 D, 日期时间型 T, 逻辑型 L), written out here
# rather than imported, so that a change of the mapping fails this test.
EXPECTED_TYPES = {
    "string": ("字符型", "C"), "integer": ("整型", "I"), "year": ("整型", "I"), "number": ("数值型", "N"),
    "date": ("日期型", "D"), "datetime": ("日期时间型", "T"), "boolean": ("逻辑型", "L"),
}  # fmt: skip


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("catalogue")
    typed_package(work / "datapackages" / NAME)
    result = run_cli("publish", cwd=work, env=EPOCH)
    assert result.returncode == 0, result.stdout + result.stderr
    return work


def _record(work: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((work / "dist" / NAME / "1.0.0" / "catalogue.json").read_text("utf-8"))
    return data


def test_every_field_is_an_information_item_with_its_type(work: Path) -> None:
    release = work / "dist" / NAME / "1.0.0"
    descriptor = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    expected = []
    for resource in descriptor["resources"]:
        schema = json.loads((release / resource["schema"]).read_text(encoding="utf-8"))
        for field in schema["fields"]:
            kind = EXPECTED_TYPES.get(field["type"], ("字符型", "C"))
            title = field.get("title_zh") or field.get("title") or field["name"]
            expected.append([resource["name"], field["name"], title, *kind])
    items = [list(item.values()) for item in _record(work)["信息项"]]
    assert items == expected
    assert ["places", "code", "地点代码", "字符型", "C"] in items and [
        "places",
        "share",
        "share",
        "数值型",
        "N",
    ] in items
    assert ["places", "flag", "flag", "逻辑型", "L"] in items and ["places", "year", "Year", "整型", "I"] in items


def test_elements_come_from_the_descriptor_and_the_documented_defaults(work: Path) -> None:
    record = _record(work)
    assert record["信息资源代码"] == CATALOGUE["code"] and record["信息资源提供方代码"] == CATALOGUE["provider_code"]
    assert record["更新周期"] == "每年" and record["关联资源代码"] == CATALOGUE["related"]
    assert record["信息资源名称"] == "Example commitments and metrics (test fixture)"
    assert record["信息资源提供方"] == "pledgekit tests"  # the descriptor's publisher (its first contributor)
    assert (
        record["信息资源摘要"] == "A tiny package made by the test suite, from an invented report of Daxing District."
    )
    assert record["信息资源分类"] == {"代码": "3", "名称": "部门信息资源"}
    assert record["共享属性"] == {"共享类型": "无条件共享", "共享条件": "", "共享方式": "共享平台方式"}
    assert record["开放属性"] == {"是否向社会开放": True, "开放类型": "无条件开放", "开放条件": ""}
    assert record["信息资源格式"] == {"分类": "电子表格", "类型": ["CSV", "JSON", "XLSX"]}
    assert (record["发布日期"], record["版本"]) == ("2025-11-24", "1.0.0")


def _from_sheet(sheet: Any, lists: set[str]) -> dict[str, Any]:
    header, values = [[c.value for c in row] for row in sheet.iter_rows()]
    rebuilt: dict[str, Any] = {}
    for key, cell in zip(header, values, strict=True):
        element, _, part = key.partition("/")
        value = cell.split("、") if (part or element) in lists and cell else cell
        if part:
            rebuilt.setdefault(element, {})[part] = "" if value is None and part.endswith("条件") else value
        else:
            rebuilt[element] = [] if element in lists and value is None else value
    return rebuilt


def test_the_workbook_holds_what_the_json_holds(work: Path) -> None:
    record = _record(work)
    workbook = openpyxl.load_workbook(work / "dist" / NAME / "1.0.0" / "catalogue.xlsx")
    assert workbook.sheetnames == list(SHEETS)
    resource = _from_sheet(workbook[SHEETS[0]], {"类型", "关联资源代码"})
    assert resource == {key: value for key, value in record.items() if key != "信息项"}
    rows = [[c.value for c in row] for row in workbook[SHEETS[1]].iter_rows()]
    assert rows[0] == list(record["信息项"][0])
    assert rows[1:] == [list(item.values()) for item in record["信息项"]]


def test_the_record_and_workbook_are_the_same_bytes_on_every_run(work: Path) -> None:
    assert run_cli("publish", "--out", "again", cwd=work, env=EPOCH).returncode == 0
    for name in ("catalogue.json", "catalogue.xlsx"):
        first, second = work / "dist" / NAME / "1.0.0" / name, work / "again" / NAME / "1.0.0" / name
        assert first.read_bytes() == second.read_bytes(), name
    assert run_cli("verify", "dist", cwd=work).returncode == 0


def test_the_profile_accepts_what_the_settings_model_accepts() -> None:
    """The descriptor's ``catalogue`` block is checked by the profile at validation: it is the model's schema."""
    profile = json.loads((STANDARD / "datapackage.profile.json").read_text(encoding="utf-8"))
    expected = CatalogueSettings.model_json_schema()
    expected.pop("title")
    assert profile["properties"]["catalogue"] == expected


@pytest.mark.parametrize(
    ("key", "value", "where"),
    [("share_type", "随便共享", ".share_type"), ("update_cycle", "weekly", ".update_cycle"),
     ("code", "有/空格 码", ".code"), ("extra", 1, "")],
)  # fmt: skip
def test_a_mistake_in_the_catalogue_block_is_invalid_data(
    work: Path, tmp_path: Path, key: str, value: object, where: str
) -> None:
    package = tmp_path / "datapackages" / NAME
    shutil.copytree(work / "datapackages" / NAME, package)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["catalogue"][key] = value
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    report = run_cli("validate", "--format", "json", cwd=tmp_path)
    assert report.returncode == 1, report.stdout + report.stderr
    issues = json.loads(report.stdout)["issues"]
    assert [(i["code"], i["json_path"]) for i in issues] == [("descriptor-invalid", f"$.catalogue{where}")]
    assert run_cli("publish", cwd=tmp_path, env=EPOCH).returncode == 1
    assert not (tmp_path / "dist").exists()
