"""One catalogue of codes: every issue code and every refusal code has its messages and hints in both
languages and a documented example; a code outside the catalogue fails where it is made."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from pledgekit import Issue, Location, PolicyError
from pledgekit.codes import Code, Refusal
from pledgekit.messages.issues import CATALOGUE
from pledgekit.messages.refusals import REFUSALS

DOCS = (ROOT / "docs" / "codes.md").read_text(encoding="utf-8")
KIND_EXIT = {"LoadError": 1, "UsageError": 2, "PolicyError": 3, "EnvironmentFailure": 4, "IntegrityError": 5}


@pytest.mark.parametrize("code", list(Code))
def test_every_issue_code_has_messages_and_hints_in_both_languages(code: Code) -> None:
    entry = CATALOGUE[code]
    assert entry.en and entry.zh and entry.hint_en and entry.hint_zh
    assert re.search(r"[\u4e00-\u9fff]", entry.zh + entry.hint_zh)  # the Chinese texts are Chinese


@pytest.mark.parametrize("code", list(Refusal))
def test_every_refusal_code_has_messages_a_hint_and_a_documented_exit(code: Refusal) -> None:
    entry = REFUSALS[code]
    assert entry.en and entry.zh and entry.hint_en and entry.hint_zh
    section = DOCS.split("## Refusals", 1)[1]
    assert f"| `{code}` | {entry.exit} |" in section


def test_each_refusal_is_raised_with_the_exception_of_its_exit_code() -> None:
    raised = []
    for path in (ROOT / "src" / "pledgekit").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for kind, code in re.findall(
            r"\b(LoadError|UsageError|PolicyError|EnvironmentFailure|IntegrityError)\(\s*\"([a-z-]+)\"", text
        ):
            assert REFUSALS[Refusal(code)].exit == KIND_EXIT[kind], (path.name, kind, code)
            raised.append(code)
    assert len(raised) > 30


def test_a_code_outside_the_catalogue_fails_where_it_is_made() -> None:
    with pytest.raises(ValueError, match="not-a-code"):
        Issue("not-a-code", Location())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not-a-refusal"):
        PolicyError("not-a-refusal", "x")


def test_a_refusal_is_described_in_both_languages() -> None:
    error = PolicyError("path-symlink", "data/x.csv is a link", path="pkg/datapackage.json")
    assert error.exit_code == 3
    assert "symbolic link" in error.describe("en") and "[path-symlink]" in error.describe("en")
    assert "符号链接" in error.describe("zh")


def test_every_report_label_has_both_languages_with_the_same_placeholders() -> None:
    import string

    from pledgekit.messages.labels import LABELS

    def names(template: str) -> set[str]:
        return {field for _, field, _, _ in string.Formatter().parse(template) if field}

    for key, entry in LABELS.items():
        assert entry.en.strip() and entry.zh.strip(), key
        assert names(entry.en) == names(entry.zh), key


def test_no_hint_points_at_a_file_a_data_repository_does_not_hold() -> None:
    """A steward's repository holds packages, not pledgekit's docs/ or tests/: hints name commands instead."""
    for entry in CATALOGUE.values():
        for hint in (entry.hint_en, entry.hint_zh):
            assert "docs/" not in hint and "tests/" not in hint, entry.code
