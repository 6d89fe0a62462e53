"""Property tests (hypothesis): canonical integers, district hints, formula guard."""

from __future__ import annotations

import re
import unicodedata

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import STANDARD, read_rows
from pledgekit.checks import cells
from pledgekit.checks.districts import DistrictIndex
from pledgekit.io.tables import Table

DISTRICTS = read_rows(STANDARD / "codelists/districts.csv")
BEIJING = [d for d in DISTRICTS if d["parent"] == "110000" and not d["valid_to"]]  # curated names and aliases
INDEX = DistrictIndex(Table("districts", "codelists/districts.csv", "d.csv", pl.DataFrame(DISTRICTS), None))
# Kangxi radicals and CJK compatibility ideographs that NFKC folds onto a character of a district name
LOOKALIKES = {
    unicodedata.normalize("NFKC", chr(c)): chr(c)
    for c in [*range(0x2F00, 0x2FD6), *range(0xF900, 0xFADA)]
    if len(unicodedata.normalize("NFKC", chr(c))) == 1
}


def _table(field: str, kind: str, values: list[str]) -> Table:
    frame = pl.DataFrame({field: values}, schema={field: pl.String}).with_columns(
        pl.int_range(2, len(values) + 2, dtype=pl.Int64).alias("_row")
    )
    return Table("metrics", "data/metrics.csv", "metrics.csv", frame, {"fields": [{"name": field, "type": kind}]})


CELL = st.text(alphabet=st.sampled_from([*"0123456789+-_ ", "٠", "٣", "０", "５", "۹", "१"]), min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(CELL, min_size=1, max_size=20))
def test_prop_integer_cell_accepted_iff_canonical_ascii(values: list[str]) -> None:
    issues = cells.check(_table("year", "integer", values), "p", 32_768)
    flagged = {i.location.row for i in issues if i.code == "number-not-canonical"}
    expected = {n for n, v in enumerate(values, start=2) if not re.fullmatch(r"-?(0|[1-9][0-9]*)", v, re.ASCII)}
    assert flagged == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=6), min_size=1, max_size=10))
def test_prop_formula_guard_flags_exactly_the_dangerous_first_characters(values: list[str]) -> None:
    present = [v for v in values if v != ""]
    if not present:
        return
    issues = cells.check(_table("statement_zh", "string", present), "p", 32_768)
    flagged = {i.location.row for i in issues if i.code == "formula-injection"}
    assert flagged == {n for n, v in enumerate(present, start=2) if v[:1] in ("=", "+", "-", "@", "\t", "\r")}


@st.composite
def _disguised(draw: st.DrawFn) -> tuple[str, str]:
    district = draw(st.sampled_from(BEIJING))
    name = draw(st.sampled_from([district["name_zh"], district["name_zh_hant"], *district["aliases"].split("|")]))
    chars = [LOOKALIKES.get(ch, ch) if draw(st.booleans()) else ch for ch in name]
    if draw(st.booleans()):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(["\u200b", "\u3000", " ", "\ufeff"])))
    return "".join(chars), district["code"]


@settings(max_examples=300, deadline=None)
@given(_disguised())
def test_prop_district_hint_recovers_the_canonical_code(case: tuple[str, str]) -> None:
    disguised, code = case
    found = INDEX.suggest(disguised, near=["110000"])  # in a Beijing package: 朝阳区 is also in Changchun
    assert found is not None and found[0] == code


@given(st.sampled_from(DISTRICTS))
def test_prop_full_width_code_is_recognised(district: dict[str, str]) -> None:
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in district["code"])
    assert INDEX.suggest(full_width) == (district["code"], district["name_zh"])


@pytest.mark.parametrize("char", ["\u00ad", "\u034f", "\u180e", "\u2028", "\u2029", "\u200b", "\u202e"])
def test_characters_that_print_as_nothing_are_reported(char: str) -> None:
    """Soft hyphen, combining grapheme joiner, Mongolian vowel separator and the line/paragraph separators
    once passed the cells check; each is control-character at its position."""
    issues = cells.check(_table("statement_zh", "string", [f"建成{char}学校", "建成学校"]), "p", 32_768)
    found = [(i.code, i.location.row, i.context.get("position")) for i in issues if i.code == "control-character"]
    assert found == [("control-character", 2, 3)]


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\n", "U+000A LINE FEED (a line break in the cell)"),
        ("\x1b", "U+001B ESCAPE"),
        ("\x01", "U+0001 control character"),
    ],
)
def test_a_control_character_is_named_for_the_steward(char: str, name: str) -> None:
    """A line break in a cell was "U+000A control character": the name says what to look for."""
    issues = cells.check(_table("statement_zh", "string", [f"建成{char}学校"]), "p", 32_768)
    assert [i.context["char"] for i in issues if i.code == "control-character"] == [name]


# Valid text with bytes spliced in: truncated sequences, surrogates, overlongs, code points past U+10FFFF.
_BAD_BYTES = [b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe4\xb8", b"\x80", b"\xf0\x9f\x98"]


@st.composite
def _bytes_near_utf8(draw: st.DrawFn) -> bytes:
    parts = draw(
        st.lists(
            st.one_of(st.text(max_size=8).map(str.encode), st.sampled_from(_BAD_BYTES), st.binary(max_size=3)),
            max_size=8,
        )
    )
    return b"".join(parts)


@settings(max_examples=500, deadline=None)
@given(_bytes_near_utf8())
def test_prop_utf8_check_agrees_with_python(data: bytes) -> None:
    """The bytes layer's UTF-8 check (a polars cast) accepts exactly what Python's strict decoder accepts,
    and names the same first bad byte."""
    from pledgekit.checks.hygiene import utf8_error

    for found in (utf8_error(data), utf8_error(data, cast_limit=0)):  # by polars, and as a chunk over its limit
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            assert found is not None and found.start == exc.start
        else:
            assert found is None
