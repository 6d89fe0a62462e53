"""A hint says what to do in the case found: an upper-case or empty sha256 is only written wrong."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import edit_cell, fixture_package
from fixtures import TEXT
from pledgekit import validate_paths
from pledgekit.codes import Code
from pledgekit.messages.issues import CASE_HINTS

DIGEST = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("key", sorted(CASE_HINTS), ids=lambda k: f"{k[0]}-{k[1]}")
def test_every_case_hint_is_written_in_both_languages(key: tuple[Code, str]) -> None:
    en, zh = CASE_HINTS[key]
    assert en and re.search(r"[\u4e00-\u9fff]", zh)
    assert "docs/" not in en + zh


@pytest.mark.parametrize(
    ("cell", "says"),
    [(DIGEST.upper(), "lower case"), ("", "pledgekit source add"), ("0" * 64, "Restore the original text")],
    ids=["upper-case", "empty", "changed"],
)
def test_a_sha256_cell_gets_the_hint_of_its_case(tmp_path: Path, cell: str, says: str) -> None:
    package = fixture_package(tmp_path / "pkg")
    sources = package / "data" / "sources.csv"
    row_id = sources.read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    text = (package / sources.read_text(encoding="utf-8").splitlines()[1].split(",")[9]).read_bytes()
    digest = hashlib.sha256(text).hexdigest()
    edit_cell(sources, row_id, "sha256", cell.replace(DIGEST.upper(), digest.upper()))
    report = validate_paths([package], cwd=tmp_path)
    (issue,) = [i for i in report.issues if i.code == Code.SOURCE_HASH_MISMATCH]
    assert says in issue.hint("en")
    if cell != "0" * 64:
        assert digest in issue.hint("en") and digest in issue.hint("zh")
    assert issue.hint("zh") != issue.hint("en")


def test_a_gbk_source_text_is_told_to_be_added_as_utf8(tmp_path: Path) -> None:
    package = fixture_package(tmp_path / "pkg")
    sources = package / "data" / "sources.csv"
    line = sources.read_text(encoding="utf-8").splitlines()[1].split(",")
    data = (package / line[9]).read_bytes().decode("utf-8").encode("gb18030")
    (package / line[9]).write_bytes(data)
    edit_cell(sources, line[0], "sha256", hashlib.sha256(data).hexdigest())
    report = validate_paths([package], cwd=tmp_path)
    (issue,) = [i for i in report.issues if i.code in {Code.SOURCE_MISSING, Code.SOURCE_NOT_UTF8}]
    assert (issue.code, issue.location.row, issue.value) == (Code.SOURCE_NOT_UTF8, 2, line[0])
    assert "pledgekit source add" in issue.hint("en")


@pytest.mark.parametrize(
    "resave",
    [
        lambda text: text.encode("gb18030"),
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    ],
    ids=["GBK", "CRLF", "BOM"],
)
def test_a_source_saved_again_by_an_editor_is_told_to_be_saved_back(
    tmp_path: Path, resave: Callable[[str], bytes]
) -> None:
    """Notepad's "Save": the words and the sha256 cell unchanged, the bytes not; not "restore the text"."""
    package = fixture_package(tmp_path / "pkg")
    sources = package / "data" / "sources.csv"
    line = sources.read_text(encoding="utf-8").splitlines()[1].split(",")
    stored = package / line[9]
    stored.write_bytes(resave(stored.read_bytes().decode("utf-8")))
    report = validate_paths([package], cwd=tmp_path)
    (issue,) = [i for i in report.issues if i.code == Code.SOURCE_HASH_MISMATCH]
    assert issue.context["case"] == "resaved" and "LF line endings" in issue.hint("en")


def test_a_source_whose_words_changed_is_still_to_be_restored(tmp_path: Path) -> None:
    package = fixture_package(tmp_path / "pkg")
    sources = package / "data" / "sources.csv"
    stored = package / sources.read_text(encoding="utf-8").splitlines()[1].split(",")[9]
    stored.write_bytes(stored.read_bytes().decode("utf-8").replace("\n", "\r\n", 1).encode("gb18030") + "改".encode())
    report = validate_paths([package], cwd=tmp_path)
    (issue,) = [i for i in report.issues if i.code == Code.SOURCE_HASH_MISMATCH]
    assert issue.context["case"] == "changed"


@pytest.mark.parametrize(
    ("field", "value", "extension"),
    [("indicator", "tea-garden-area", "indicators-extension"), ("unit", "qing", "units-extension"),
     ("source_id", "src-404", None)],
)  # fmt: skip
def test_an_unknown_code_without_a_close_one_gets_a_hint_without_a_placeholder(
    tmp_path: Path, field: str, value: str, extension: str | None
) -> None:
    """No did-you-mean left a '?' at the hint's start; a code of an extensible codelist is told where it goes."""
    package = fixture_package(tmp_path / "pkg")
    metrics = package / "data" / "metrics.csv"
    row_id = metrics.read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    edit_cell(metrics, row_id, field, value)
    report = validate_paths([package], cwd=tmp_path)
    (issue,) = [i for i in report.issues if i.code == Code.FOREIGN_KEY and i.location.field == field]
    for hint in (issue.hint("en"), issue.hint("zh")):
        assert not hint.startswith("?")
        assert (extension in hint) if extension else ("extension" not in hint and "扩展" not in hint)
