"""Structural defects are reported with frictionless's code at the row and field a steward sees."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pledgekit import validate_paths


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _write(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines), encoding="utf-8")


def _found(package: Path) -> list[list[object]]:
    return validate_paths([package], cwd=package.parent).flatten(["resource", "row", "field", "code"])


def test_duplicate_id(small_package: Callable[[int], Path]) -> None:
    package = small_package(5)
    lines = _lines(package / "data/metrics.csv")
    lines[3] = lines[2]
    _write(package / "data/metrics.csv", lines)
    assert _found(package) == [["metrics", 4, "id", "primary-key"], ["metrics", 4, "id", "unique-error"]]


def test_short_row_is_never_padded(small_package: Callable[[int], Path]) -> None:
    package = small_package(5)
    lines = _lines(package / "data/metrics.csv")
    lines[4] = lines[4].rsplit(",", 1)[0]
    _write(package / "data/metrics.csv", lines)
    assert _found(package) == [["metrics", 5, "note", "missing-cell"]]


def test_renamed_header(small_package: Callable[[int], Path]) -> None:
    package = small_package(5)
    lines = _lines(package / "data/metrics.csv")
    lines[0] = lines[0].replace(",year,", ",年份,")
    _write(package / "data/metrics.csv", lines)
    assert ["metrics", 1, "year", "incorrect-label"] in _found(package)


@pytest.mark.parametrize("label", ["year ", " year", "year\u3000", "\tyear"])
def test_a_header_label_with_whitespace_at_an_edge_is_named_though_it_matches_its_field(
    small_package: Callable[[int], Path], label: str
) -> None:
    """frictionless reads labels stripped, so the label matches its field and the data is checked as usual;
    the file's header still is not the field's name, which its readers would get."""
    package = small_package(5)
    lines = _lines(package / "data/metrics.csv")
    lines[0] = lines[0].replace(",year,", f",{label},")
    _write(package / "data/metrics.csv", lines)
    report = validate_paths([package], cwd=package.parent)
    assert report.flatten(["resource", "row", "field", "code", "value"]) == [
        ["metrics", 1, "year", "cell-whitespace", label]
    ]


def test_missing_resource_file(small_package: Callable[[int], Path]) -> None:
    package = small_package(5)
    (package / "data/commitments.csv").unlink()
    assert _found(package) == [["commitments", None, None, "scheme-error"]]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("2024.0", "number-not-canonical"),
        ("2024年", "number-not-canonical"),
        ("20244", "constraint-error"),
        ("２０２４", "number-not-canonical"),
        ("٢٠٢٤", "number-not-canonical"),
        ("2_024", "number-not-canonical"),
        ("+2024", "number-not-canonical"),
        ("02024", "number-not-canonical"),
    ],
)
def test_non_canonical_year(small_package: Callable[[int], Path], value: str, code: str) -> None:
    package = small_package(5)
    lines = _lines(package / "data/metrics.csv")
    lines[1] = lines[1].replace(",2024,", f",{value},", 1)
    _write(package / "data/metrics.csv", lines)
    assert _found(package) == [["metrics", 2, "year", code]]


def test_non_canonical_number_hint_gives_the_ascii_form(small_package: Callable[[int], Path]) -> None:
    package = small_package(5)
    lines = _lines(package / "data/metrics.csv")
    lines[1] = lines[1].replace(",5.2,", ",５.２,", 1)
    _write(package / "data/metrics.csv", lines)
    (issue,) = validate_paths([package], cwd=package.parent).issues
    assert (issue.code, issue.location.field, issue.value) == ("number-not-canonical", "value", "５.２")
    assert "'5.2'" in issue.hint("en")
    assert "'5.2'" in issue.hint("zh")


def test_gbk_bytes_are_an_encoding_error_not_a_guess(small_package: Callable[[int], Path]) -> None:
    package = small_package(5)
    path = package / "data/metrics.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    codes = {code for *_, code in _found(package)}
    assert "encoding-error" in codes or "value-not-in-quote" not in codes
    assert not validate_paths([package], cwd=package.parent).valid


def test_a_file_over_the_byte_limit_is_one_issue_from_its_size(small_package: Callable[[int], Path]) -> None:
    """A CSV over --max-bytes is file-too-large, decided from its size: none of its rows is parsed (the
    broken cell below would otherwise be a second issue), and the exit code is 1."""
    from conftest import edit_cell, run_cli

    package = small_package(5)
    metrics = package / "data/metrics.csv"
    edit_cell(metrics, "m-002-0001", "year", "two thousand")
    limit = max(p.stat().st_size for p in package.rglob("*") if p.is_file() and p != metrics)
    for row_id in ("m-002-0002", "m-002-0003", "m-002-0004"):
        edit_cell(metrics, row_id, "note", "注" * 6_000)  # each under the cell limit, together over the file limit
    text = metrics.read_text(encoding="utf-8")
    last = text.splitlines()[-1] + "\n"
    metrics.write_text(text + last * (limit // len(last.encode()) + 1), encoding="utf-8")  # past the largest codelist
    assert metrics.stat().st_size > limit
    result = run_cli("validate", "--max-bytes", str(limit), "--format", "json", cwd=package.parent.parent)
    assert result.returncode == 1
    import json

    issues = [(i["path"], i["code"]) for i in json.loads(result.stdout)["issues"]]
    assert issues == [(f"datapackages/{package.name}/data/metrics.csv", "file-too-large")]


def test_a_pattern_polars_runs_is_read_as_python_reads_it_on_a_cell_with_a_line_break(
    small_package: Callable[[int], Path],
) -> None:
    """``^[0-9]+$`` matches ``12`` and a line break in Python (frictionless), not in polars: a batch with a
    line break in a pattern field's cells reads them again in Python; one without has nothing to read again."""
    import json

    import polars as pl

    from fixtures import declare
    from pledgekit.io.package import open_package
    from pledgekit.pipeline import Validation
    from pledgekit.standard.locate import standard_dir
    from pledgekit.validation import Settings

    package = small_package(3)
    schema = {"fields": [{"name": "n", "type": "integer"}, {"name": "code", "constraints": {"pattern": "[0-9]+"}}]}
    (package / "schemas/codes.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (package / "data/codes.csv").write_text("n,code\n1,12\n", encoding="utf-8")
    declare(package, "codes")
    validation = Validation(open_package(package, package.parent), standard_dir(), Settings())
    validation.run()
    structure = validation.done["codes"].structure
    assert structure is not None

    def pattern_failed(*cells: str) -> list[bool]:
        content = pl.DataFrame({"_row": range(2, 2 + len(cells)), "_cells": [["1", cell] for cell in cells]})
        return structure.evaluate(content)["c1_pattern"].to_list()

    assert pattern_failed("12\n", "1\n2", "1a", "12") == [False, True, True, False]
    assert pattern_failed("1a", "12") == [True, False]
    assert pattern_failed("12", "1 2") == [False, True]


def test_rows_read_again_for_their_cells_are_the_cells_of_the_checked_rows(tmp_path: Path) -> None:
    """The end checks that only read cells again (the assessments against the figures) get the frame the
    structure layer's full evaluation gives: the same cells, missing values, widths and blank rows."""
    import polars as pl

    from fixtures import typed_package
    from pledgekit.io.package import open_package
    from pledgekit.pipeline import Validation
    from pledgekit.standard.locate import standard_dir
    from pledgekit.tableschema import records
    from pledgekit.validation import Settings

    package = typed_package(tmp_path / "typed-pledges")
    with (package / "data/places.csv").open("a", encoding="utf-8") as places:
        places.write(",,,,,\n0400,2025\n0500,2025,3,2024-02-01,乙,false,extra\n")  # blank, short, long rows
    validation = Validation(open_package(package, package.parent), standard_dir(), Settings())
    validation.run()
    compared = 0
    for run in validation.done.values():
        structure, dialect = run.structure, run.dialect
        assert structure is not None and dialect is not None
        content = pl.concat([records.content(r, dialect) for r in run.reading.again(None)])
        full, light = structure.evaluate(content), structure.cells(content)
        columns = ["_row", "_width", "_blank", *[f"{p}{n}" for n in range(len(structure.plans)) for p in "fm"]]
        assert light.select(columns).equals(full.select(columns)), run.resource.name
        assert structure.values(light).equals(structure.values(full))
        compared += content.height
    assert compared > 10
