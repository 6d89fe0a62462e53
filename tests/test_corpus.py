"""Every failure mode of the corpus yields exactly its expected issues, at the right coordinates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus import CASES, EXPECTED, VALID_VARIANTS, expected, make_small, updating
from pledgekit import Settings, validate_paths

SPEC = ["resource", "row", "field", "code"]
GOLDEN = {} if updating() else expected()
FOUND: dict[str, list[list[object]]] = {}


def _validate(package: Path) -> list[list[object]]:
    return validate_paths([package], cwd=package.parent).flatten(SPEC)


def test_the_small_package_is_valid(tmp_path: Path) -> None:
    assert _validate(make_small(tmp_path / "pkg")) == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_case(tmp_path: Path, case: str) -> None:
    package = make_small(tmp_path / "pkg")
    CASES[case](package)
    found = _validate(package)
    if updating():
        FOUND[case] = found
        EXPECTED.write_text(
            json.dumps(dict(sorted({**expected(), **FOUND}.items())), ensure_ascii=False, indent=1) + "\n"
        )
        return
    assert found == GOLDEN[case]
    assert found, "every corpus case must produce an issue"


@pytest.mark.parametrize("case", sorted(VALID_VARIANTS))
def test_valid_variant(tmp_path: Path, case: str) -> None:
    package = make_small(tmp_path / "pkg")
    VALID_VARIANTS[case](package)
    assert _validate(package) == []


def test_golden_file_has_exactly_the_cases() -> None:
    assert set(GOLDEN) == set(CASES) or updating()


@pytest.mark.parametrize("case", sorted({**CASES, **VALID_VARIANTS}))
def test_batches_of_any_size_give_the_same_issues(tmp_path: Path, case: str) -> None:
    """Every layer (bytes, structure, cells, domain rules, provenance, consistency) reports the same issues,
    value for value, whether the files are read whole or in batches of a few records."""
    package = make_small(tmp_path / "pkg")
    {**CASES, **VALID_VARIANTS}[case](package)
    spec = ["code", "path", "row", "field", "value"]
    whole = validate_paths([package], cwd=package.parent).flatten(spec)
    batched = validate_paths([package], cwd=package.parent, settings=Settings(batch_bytes=700, workers=2)).flatten(spec)
    assert sorted(batched, key=str) == sorted(whole, key=str)


@pytest.mark.parametrize("batch_bytes", [64, 300, 1_000])
def test_rows_read_again_after_a_bom_and_a_record_across_batches(tmp_path: Path, batch_bytes: int) -> None:
    """The end checks read again only the batches holding the rows they need (from where each batch was
    read): with a BOM before the header and a quoted cell spanning lines (a record carried over a batch's
    end), a repeated id is still reported at its line with its value, as when the file is read whole."""
    from corpus import METRICS, M, edit_bytes, set_cell

    package = make_small(tmp_path / "pkg")
    set_cell(package, M, "m-002-0015", "note", "first line\nsecond line")
    set_cell(package, M, "m-003-0058", "id", "m-003-0007")  # the last row repeats an id of a row before it
    edit_bytes(package, METRICS, lambda b: b"\xef\xbb\xbf" + b)
    spec = ["code", "path", "row", "field", "value"]
    whole = validate_paths([package], cwd=package.parent).flatten(spec)
    settings = Settings(batch_bytes=batch_bytes, workers=2)
    batched = validate_paths([package], cwd=package.parent, settings=settings).flatten(spec)
    assert sorted(batched, key=str) == sorted(whole, key=str)
    assert any(issue[0] in ("primary-key", "unique-error") and issue[4] == "m-003-0007" for issue in batched)


def test_a_file_edited_while_it_is_validated_is_refused_not_misread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The end checks read rows again from where their batches were first read; if the file was saved
    again meanwhile (an editor, a sync tool), the bytes there are not the ones checked: exit 5 naming the
    file, never a traceback or issues of rows that are not in the file."""
    from typer.testing import CliRunner

    from corpus import M, set_cell
    from pledgekit import pipeline
    from pledgekit.cli import app

    package = make_small(tmp_path / "pkg")
    set_cell(package, M, "m-003-0058", "id", "m-003-0007")  # a repeated id: its rows are read again
    real = pipeline.Validation._finish

    def edited_then_finished(self: pipeline.Validation, runs: list[pipeline.Run]) -> list[object]:
        set_cell(package, M, "m-002-0001", "note", "saved again meanwhile")
        return real(self, runs)  # type: ignore[return-value]

    monkeypatch.setattr(pipeline.Validation, "_finish", edited_then_finished)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "pkg", "--batch-bytes", "200"])
    assert result.exit_code == 5, result.output
    assert "[changed-during-validation]" in result.output and "metrics.csv" in result.output
    assert "Traceback" not in result.output


def test_a_source_text_edited_while_it_is_validated_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A source text is checked against its sha256, then read again for the quotes of the first batch that
    cites it: a text saved again in between (here as GBK) is refused with exit 5 naming it, never read as
    another text or a traceback."""
    from typer.testing import CliRunner

    from pledgekit.checks import provenance
    from pledgekit.cli import app

    package = make_small(tmp_path / "pkg")
    text = sorted((package / "sources").glob("*.txt"))[0]
    real = provenance.source_files

    def checked_then_edited(*args: object) -> object:
        found = real(*args)  # type: ignore[arg-type]
        text.write_bytes(text.read_text(encoding="utf-8").encode("gb18030"))
        return found

    monkeypatch.setattr(provenance, "source_files", checked_then_edited)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "pkg"])
    assert result.exit_code == 5, result.output
    assert "[changed-during-validation]" in result.output and text.name in result.output
