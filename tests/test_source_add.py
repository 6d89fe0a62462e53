"""``pledgekit source add``: the text stored as UTF-8 under its number and hash, its row and descriptor entry
added, the change validated first, and nothing written when it is refused."""

from __future__ import annotations

import codecs
import hashlib
import json
from pathlib import Path

import pytest

from conftest import ROOT, read_rows, run_cli
from fixtures import TEXT, tiny_package
from pledgekit.steward.text import TextProblem, canonical

VERSION = json.loads((ROOT / "schemas" / "datapackage.profile.json").read_bytes())["version"]
REPORT = "示例区2025年工作报告(测试用虚构文本)\r\n2025年全区地区生产总值增长5.5%。\r\n新建学校3所。"
STORED = REPORT.replace("\r\n", "\n") + "\n"
OPTIONS = (
    "--district", "110115", "--kind", "government-work-report", "--published", "2025-01",
    "--title-zh", "示例区2025年工作报告", "--publisher", "示例区人民政府",
)  # fmt: skip


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A data repository: datapackages/ holding the tests' tiny package (its only source is src-000)."""
    tiny_package(tmp_path / "datapackages" / "example-pledges")
    return tmp_path


def _package(repo: Path) -> Path:
    return repo / "datapackages" / "example-pledges"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _report(repo: Path, data: bytes, name: str = "report.txt") -> Path:
    path = repo / name
    path.write_bytes(data)
    return path


def test_a_gbk_report_with_crlf_is_stored_as_utf8_under_the_next_number_and_its_hash(repo: Path) -> None:
    descriptor_path = _package(repo) / "datapackage.json"
    declared = {**json.loads(descriptor_path.read_text(encoding="utf-8")), "standard_version": VERSION}
    descriptor_path.write_text(json.dumps(declared, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    report = _report(repo, REPORT.encode("gbk"))
    result = run_cli("source", "add", str(report), *OPTIONS, "--title-en", "Example report, 2025", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    digest = hashlib.sha256(STORED.encode("utf-8")).hexdigest()
    stored = _package(repo) / "sources" / f"001_{digest[:16]}.txt"
    assert stored.read_bytes() == STORED.encode("utf-8")
    row = read_rows(_package(repo) / "data" / "sources.csv")[-1]
    assert row["id"] == "src-001"
    assert row["path"] == f"sources/001_{digest[:16]}.txt"
    assert row["sha256"] == digest
    assert (row["district_code"], row["title_en"], row["language"]) == ("110115", "Example report, 2025", "zh-Hans")
    descriptor = json.loads((_package(repo) / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["sources"][-1] == {"title": "示例区2025年工作报告 (示例区人民政府, 2025-01)"}
    assert descriptor["standard_version"] == VERSION  # every other property of the descriptor is kept
    assert "converted from GB18030" in result.stdout
    assert run_cli("validate", cwd=repo).returncode == 0


@pytest.mark.parametrize(
    "data",
    [codecs.BOM_UTF8 + REPORT.encode("utf-8"), REPORT.encode("utf-16"), REPORT.replace("\r\n", "\r").encode("utf-8")],
    ids=["utf-8 with a BOM", "utf-16 with a BOM", "lone CR"],
)
def test_a_bom_utf16_and_old_mac_line_endings_become_plain_utf8_with_lf(repo: Path, data: bytes) -> None:
    result = run_cli("source", "add", str(_report(repo, data)), *OPTIONS, cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    (stored,) = (_package(repo) / "sources").glob("001_*.txt")
    assert stored.read_bytes() == STORED.encode("utf-8")


def test_numbers_follow_the_highest_id_or_file_and_are_never_reused(repo: Path) -> None:
    (_package(repo) / "sources" / "004_left-over.txt").write_bytes(b"a file no row names\n")
    assert run_cli("source", "add", str(_report(repo, b"first text\n", "a.txt")), *OPTIONS, cwd=repo).returncode == 0
    assert run_cli("source", "add", str(_report(repo, b"second text\n", "b.txt")), *OPTIONS, cwd=repo).returncode == 0
    ids = [row["id"] for row in read_rows(_package(repo) / "data" / "sources.csv")]
    assert ids == ["src-000", "src-005", "src-006"]


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_the_same_text_again_is_refused_naming_the_source_it_already_is(repo: Path, encoding: str) -> None:
    before = _tree(_package(repo))
    result = run_cli("source", "add", str(_report(repo, TEXT.encode(encoding))), *OPTIONS, cwd=repo)
    assert result.returncode == 3
    assert "[source-duplicate]" in result.stderr and "src-000" in result.stderr
    assert _tree(_package(repo)) == before


@pytest.mark.parametrize(
    ("option", "value", "code"),
    [("--published", "2025年", "constraint-error"), ("--kind", "report", "constraint-error"),
     ("--district", "11011", "constraint-error"), ("--district", "110199", "foreign-key"),
     ("--language", "en", "constraint-error"), ("--plan-year", "明年", "number-not-canonical")],
)  # fmt: skip
def test_a_wrong_cell_is_refused_with_its_issue_and_nothing_is_written(
    repo: Path, option: str, value: str, code: str
) -> None:
    before = _tree(_package(repo))
    options = list(OPTIONS)
    if option in options:
        options[options.index(option) + 1] = value
    else:
        options += [option, value]
    result = run_cli("source", "add", str(_report(repo, REPORT.encode("utf-8"))), *options, cwd=repo)
    assert result.returncode == 1
    field = option.removeprefix("--").replace("-", "_").replace("district", "district_code")
    assert f"data/sources.csv:3 [{field}] error[{code}]" in result.stdout
    assert "nothing written" in result.stderr
    assert _tree(_package(repo)) == before


def test_issues_the_package_already_had_do_not_block_a_new_source(repo: Path) -> None:
    metrics = _package(repo) / "data" / "metrics.csv"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace("5.2,", "5.3,", 1), encoding="utf-8")
    assert run_cli("validate", cwd=repo).returncode == 1
    result = run_cli("source", "add", str(_report(repo, REPORT.encode("utf-8"))), *OPTIONS, cwd=repo)
    assert result.returncode == 0, result.stdout
    assert "value-not-in-quote" not in result.stdout


def test_dry_run_prints_the_plan_and_writes_nothing(repo: Path) -> None:
    before = _tree(_package(repo))
    result = run_cli("source", "add", str(_report(repo, REPORT.encode("utf-8"))), *OPTIONS, "--dry-run", cwd=repo)
    assert result.returncode == 0
    assert "would write: sources/001_" in result.stdout and "id: src-001" in result.stdout
    assert _tree(_package(repo)) == before


def test_a_description_that_does_not_name_the_district_is_warned_about(repo: Path) -> None:
    """The tests' package describes Daxing (110115); a Pinggu (110117) source brings the warning."""
    pinggu = [("110117" if o == "110115" else o) for o in OPTIONS]
    result = run_cli("source", "add", str(_report(repo, REPORT.encode("utf-8"))), *pinggu, cwd=repo)
    assert result.returncode == 0 and "$.description warning[description-omits-district]" in result.stdout
    assert "110117" in result.stdout
    descriptor_path = _package(repo) / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["description"] = "Reports of Daxing and Pinggu districts."
    descriptor_path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    again = run_cli("source", "add", str(_report(repo, b"another text\n", "b.txt")), *pinggu, cwd=repo)
    assert again.returncode == 0
    assert "description-omits-district" not in again.stdout
    assert run_cli("validate", cwd=repo).returncode == 0


def test_the_package_is_the_current_folder_or_named_with_into_when_there_are_several(repo: Path) -> None:
    tiny_package(repo / "datapackages" / "second", name="second")
    report = str(_report(repo, REPORT.encode("utf-8")))
    ambiguous = run_cli("source", "add", report, *OPTIONS, cwd=repo)
    assert ambiguous.returncode == 2 and "[package-ambiguous]" in ambiguous.stderr
    assert run_cli("source", "add", report, *OPTIONS, "--into", "datapackages/second", cwd=repo).returncode == 0
    assert run_cli("source", "add", "../../a.txt", *OPTIONS, cwd=_package(repo)).returncode == 2  # no such FILE
    assert run_cli("source", "add", report, *OPTIONS, cwd=_package(repo)).returncode == 0
    assert [r["id"] for r in read_rows(_package(repo) / "data" / "sources.csv")] == ["src-000", "src-001"]


@pytest.mark.parametrize(
    "data", [b"\x80\x80 not a text", b"a\x00b\x00c\x00", b" \n\n"], ids=["undecodable", "NUL", "blank"]
)
def test_a_file_that_is_not_a_text_is_refused(repo: Path, data: bytes) -> None:
    before = _tree(_package(repo))
    result = run_cli("source", "add", str(_report(repo, data)), *OPTIONS, cwd=repo)
    assert result.returncode == 1 and "[source-unreadable]" in result.stderr
    assert _tree(_package(repo)) == before


def test_an_unknown_encoding_is_a_usage_error(repo: Path) -> None:
    result = run_cli("source", "add", str(_report(repo, b"x\n")), *OPTIONS, "--encoding", "klingon", cwd=repo)
    assert result.returncode == 2


def test_canonical_decodes_by_rule_and_a_named_encoding_wins() -> None:
    big5 = "臺北市政府工作報告\r\n".encode("big5")
    assert canonical(big5, "big5").data == "臺北市政府工作報告\n".encode()
    assert canonical("一二".encode("gb18030")).encoding == "gb18030"
    assert canonical("一二\n".encode()).changes == []
    with pytest.raises(TextProblem, match="byte-order mark"):
        canonical(codecs.BOM_UTF8 + b"\xff")
    with pytest.raises(TextProblem, match="not valid big5"):
        canonical(b"\xff\xff", "big5")


def test_a_sources_table_that_is_not_plain_csv_is_refused_and_nothing_is_written(repo: Path) -> None:
    """A row is appended as plain CSV: to a ';' table (sniffed) it would be one cell its readers cannot use."""
    table = _package(repo) / "data" / "sources.csv"
    table.write_bytes(table.read_bytes().replace(b",", b";"))
    before = _tree(_package(repo))
    result = run_cli("source", "add", str(_report(repo, REPORT.encode())), *OPTIONS, cwd=repo)
    assert result.returncode == 1 and "[sources-unreadable]" in result.stderr
    assert "read with delimiter ';'" in result.stderr
    assert _tree(_package(repo)) == before
