"""The same issues at every batch size, for the checks pledgekit adds to the Table Schema.

The tests' own package (commitments and metrics with their quotes, sources, areas) is edited at random:
cells set to another row's value or to a near miss (a wrong unit, a full-width year, a value with a sign or a
trailing zero, a quote with its number changed, traditional characters, a repeated id), rows repeated,
dropped, blanked, cut short or given an extra cell. Each package is validated whole and in batches of a few
records on two workers; every issue (code, file, line, field, value) must be the same. The corpus checks the
same for its named cases; this finds the combinations nobody named. ``PLEDGEKIT_EXAMPLES`` runs more.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import fixture_package
from corpus import read, write
from pledgekit import Settings, validate_paths

RESOURCES = ("commitments", "metrics")
SPEC = ["code", "path", "row", "field", "value"]
# Near misses any column may be given, besides the values the column holds in other rows.
SPECIALS = ["", " ", "-3.2", "5.20", "２０２４", "1e3", "1,000", "110199", "pp", "万人", "以上", "不存在的句子",
            "预计增长5.2%", "約3450億元", "m-002-0001", "c-000-0001", "src-009", "2031", "0", "NaN"]  # fmt: skip
BATCHES = st.sampled_from([64, 200, 400, 1500])  # a few records a batch, down to less than one


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_package(tmp_path_factory.mktemp("base") / "pledges")


def _quote_variant(quote: str, which: int) -> str:
    """A quote with its numbers changed, cut at a number, or in traditional characters."""
    if which == 0:
        return "".join(str((int(c) + 1) % 10) if c.isdigit() else c for c in quote)
    if which == 1:
        digits = [n for n, c in enumerate(quote) if c.isdigit()]
        return quote[: digits[len(digits) // 2] + 1] if digits else quote
    return quote.translate(str.maketrans("万亿计约过个长点", "萬億計約過個長點"))


EDIT = st.one_of(
    st.tuples(st.just("cell"), st.sampled_from(RESOURCES), st.integers(0, 40), st.integers(0, 40),
              st.integers(0, 60)),
    st.tuples(st.just("quote"), st.sampled_from(RESOURCES), st.integers(0, 40), st.integers(0, 2), st.just(0)),
    st.tuples(st.sampled_from(["repeat", "drop", "blank", "short", "long"]), st.sampled_from(RESOURCES),
              st.integers(0, 40), st.integers(1, 5), st.just(0)),
)  # fmt: skip


def _apply(package: Path, edits: list[tuple[str, str, int, int, int]]) -> None:
    tables = {name: read(package / "data" / f"{name}.csv") for name in RESOURCES}
    for kind, name, at, a, b in edits:
        header, body = tables[name][0], tables[name][1:]
        if not body:
            continue
        row = body[at % len(body)]
        if kind == "cell" and len(row) == len(header):
            column = a % len(header)
            pool = sorted({r[column] for r in body if len(r) == len(header)}) + SPECIALS
            row[column] = pool[b % len(pool)]
        elif kind == "quote" and len(row) == len(header):
            column = header.index("quote")
            row[column] = _quote_variant(row[column], a)
        elif kind == "repeat":
            body.insert(at % len(body), list(row))
        elif kind == "drop":
            body.remove(row)
        elif kind == "blank":
            row[:] = [""] * len(header)
        elif kind == "short":
            del row[max(1, len(row) - a) :]
        elif kind == "long":
            row.extend(["x"] * a)
        tables[name] = [header, *body]
    for name, rows in tables.items():
        write(package / "data" / f"{name}.csv", rows)


@settings(
    max_examples=int(os.environ.get("PLEDGEKIT_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=st.lists(EDIT, min_size=1, max_size=6), batch_bytes=BATCHES)
def test_random_edits_give_the_same_issues_whole_and_in_batches(
    base: Path, tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, str, int, int, int]], batch_bytes: int
) -> None:
    package = tmp_path_factory.mktemp("edited") / "pledges"
    shutil.copytree(base, package)
    _apply(package, edits)
    expected = sorted(validate_paths([package], cwd=package.parent).flatten(SPEC), key=str)  # never raises
    batched = validate_paths([package], cwd=package.parent, settings=Settings(batch_bytes=batch_bytes, workers=2))
    assert sorted(batched.flatten(SPEC), key=str) == expected


def test_the_edits_reach_the_later_layers(base: Path, tmp_path: Path) -> None:
    """The edits above reach past the structure layer: a changed quote is a provenance issue and a repeated
    row a key issue found at the end, the same whole and in batches."""
    package = tmp_path / "pledges"
    shutil.copytree(base, package)
    _apply(package, [("quote", "metrics", 0, 0, 0), ("repeat", "metrics", 5, 1, 0), ("cell", "metrics", 2, 7, 2)])
    found = validate_paths([package], cwd=package.parent).flatten(SPEC)
    codes = {issue[0] for issue in found}
    assert {"quote-not-in-source", "primary-key"} <= codes, codes
    batched = validate_paths([package], cwd=package.parent, settings=Settings(batch_bytes=64, workers=2))
    assert sorted(batched.flatten(SPEC), key=str) == sorted(found, key=str)
