"""Publishing, diffs and tracking read a table as validation reads it (``tableschema/texts.py``): the same
dialect, declared or sniffed. A ``;`` file that validation reads correctly was read on commas by the others:
``track`` rated its pledges "no data" and ``publish`` crashed (exit 70). A release's readers expect plain CSV,
so ``publish`` refuses a file that is not (``dialect-not-publishable``)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from fixtures import tiny_package
from pledgekit import api, validate_paths
from pledgekit.io.tables import RawFile, parse
from pledgekit.tableschema import texts
from pledgekit.tableschema.dialect import CsvDialect


def _rewrite(path: Path, **dialect: str) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", **dialect).writerows(rows)  # type: ignore[arg-type]
    path.write_text(buffer.getvalue(), encoding="utf-8")


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """The tiny package, and a copy whose metrics are written with ``;`` (no dialect declared: sniffed)."""
    plain = tiny_package(tmp_path / "plain" / "example-pledges")
    semicolons = tiny_package(tmp_path / "semicolons" / "example-pledges")
    _rewrite(semicolons / "data/metrics.csv", delimiter=";")
    return plain, semicolons


def test_validation_reads_the_semicolon_file_as_frictionless_does_and_warns_it_is_not_plain(
    pair: tuple[Path, Path],
) -> None:
    plain, semicolons = pair
    assert validate_paths([plain], cwd=plain.parent).issues == []
    report = validate_paths([semicolons], cwd=semicolons.parent)
    assert report.valid  # a warning: the rows are checked as read
    assert report.flatten(["resource", "row", "code", "severity"]) == [
        ["metrics", None, "dialect-not-plain", "warning"]
    ]
    assert report.issues[0].context == {"what": "delimiter ';'", "what_zh": "分隔符 ';'"}


@pytest.mark.parametrize(
    ("dialect", "what"),
    [
        (CsvDialect(delimiter="\t"), ["delimiter '\\t'"]),
        (CsvDialect(quote_char="'"), ['quote character "\'"']),
        (
            CsvDialect(escape_char="\\", skip_initial_space=True),
            ["escape character '\\\\'", "spaces after a delimiter skipped"],
        ),
        (CsvDialect(header=False), ["no header row"]),
        (CsvDialect(header_rows=(1, 2)), ["header rows [1, 2]"]),
        (CsvDialect(comment_char="#", comment_rows=frozenset({3})), ["comment character '#'", "comment rows [3]"]),
        (CsvDialect(skip_blank_rows=True), ["blank rows skipped"]),
        (CsvDialect(header_case=False, header_join="-", double_quote=False), []),  # read alike by plain readers
    ],
)
def test_each_way_a_dialect_departs_from_plain_csv_is_named(dialect: CsvDialect, what: list[str]) -> None:
    assert [en for en, _ in dialect.departures()] == what
    assert all(zh for _, zh in dialect.departures())


def test_track_rates_the_semicolon_package_as_the_plain_one(pair: tuple[Path, Path]) -> None:
    plain, semicolons = pair
    ours = run_cli("track", str(semicolons), "--format", "json", cwd=semicolons.parent)
    theirs = run_cli("track", str(plain), "--format", "json", cwd=plain.parent)
    assert ours.returncode == theirs.returncode == 0
    assert ours.stdout.replace("semicolons", "plain") == theirs.stdout
    assert '"no-data": 0' in ours.stdout  # the metric's figure was read (on commas, both pledges had none)


def test_a_diff_between_the_two_finds_exactly_the_changed_figure(pair: tuple[Path, Path]) -> None:
    plain, semicolons = pair
    assert api.diff(plain, semicolons, cwd=plain.parent).rows == []
    metrics = semicolons / "data/metrics.csv"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace(";5.2;", ";5.3;", 1), encoding="utf-8")
    changes = api.diff(plain, semicolons, cwd=plain.parent).rows
    assert [(c.resource, c.key, c.kind, c.changed_fields()) for c in changes] == [
        ("metrics", "m-000-0001", "changed", {"value": ("5.2", "5.3")})
    ]


@pytest.mark.parametrize(
    ("dialect", "declared", "departure"),
    [
        ({"delimiter": ";"}, None, "delimiter ';'"),
        ({"delimiter": "|"}, {"delimiter": "|"}, "delimiter '|'"),
        ({"delimiter": ",", "quotechar": "'"}, {"quoteChar": "'"}, 'quote character "\'"'),
    ],
    ids=["sniffed-semicolon", "declared-pipe", "declared-quote"],
)
def test_publish_refuses_a_file_that_is_not_plain_csv_and_writes_nothing(
    tmp_path: Path, dialect: dict[str, str], declared: dict[str, str] | None, departure: str
) -> None:
    import json

    package = tiny_package(tmp_path / "example-pledges")
    _rewrite(package / "data/metrics.csv", **dialect)
    if declared is not None:
        descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
        for resource in descriptor["resources"]:
            if resource["name"] == "metrics":
                resource["dialect"] = declared
        (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    assert run_cli("validate", str(package), cwd=tmp_path).returncode == 0
    result = run_cli("publish", str(package), "--out", str(tmp_path / "dist"), "--version", "1.0.0", cwd=tmp_path)
    assert result.returncode == 3
    assert "[dialect-not-publishable]" in result.stderr and departure in result.stderr
    assert "data/metrics.csv" in result.stderr
    assert not (tmp_path / "dist").exists()


CELLS = st.one_of(
    st.sampled_from(["", "a", "a,b", 'say "hi"', "line\nbreak", " padded ", "１２", "增长5.2%"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=6),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(CELLS, min_size=3, max_size=3), max_size=6), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_prop_a_plain_csv_file_is_read_as_the_polars_reader_read_it(
    rows: list[list[str]], newline: str, bom: bool
) -> None:
    """On plain CSV the shared reading gives what publishing read before (polars' reader): the same columns,
    cells and row numbers, and the line each record starts on. Two differences, kept on purpose: a quoted
    empty cell (``""``) is missing, as frictionless reads it, where polars kept an empty string; and a
    carriage return inside a quoted cell is kept, where the old reading made every CR a LF first (such a
    file is refused for its line endings anyway)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerows([["id", "name", "note"], *rows])
    data = (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8")
    raw = RawFile("metrics", "data/metrics.csv", "data/metrics.csv", data, None)
    found = texts.dialect(raw)
    assert found is not None
    assume(not found.departures())  # sniffed otherwise (`"a,b", padded`: initial spaces skipped): not plain
    ours, before = texts.read(raw, found), parse(raw)
    assert before is not None
    expected = before.frame.with_columns(pl.col(c).replace("", None) for c in ("id", "name", "note"))
    assert ours.frame.equals(expected)
    assert [ours.line_of(r) for r in ours.frame["_row"]] == [before.line_of(r) for r in before.frame["_row"]]
