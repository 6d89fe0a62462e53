"""Property tests of the semantic checks: rows and quotes are generated together, agreeing or contradicting,
and each rule must catch exactly the contradictions (both ways). Oracles: cn2an for Chinese numerals, opencc
for the traditional forms of the words read, Python's ``str.find`` for numbers cut by a quote."""

from __future__ import annotations

import re

import cn2an
import opencc
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import STANDARD, read_rows
from pledgekit.checks import numerals, occurrences, quotes, wording
from pledgekit.codes import Code
from pledgekit.io.tables import Table

UNITS = read_rows(STANDARD / "codelists/units.csv")
INDICATORS = read_rows(STANDARD / "codelists/indicators.csv")
HELD = {
    "units": Table("units", "codelists/units.csv", "units.csv", pl.DataFrame(UNITS), None),
    "indicators": Table("indicators", "codelists/indicators.csv", "indicators.csv", pl.DataFrame(INDICATORS), None),
}
# Text around the number that holds none of the words read (no 近, 约, 超, 多, 余, 增, 降 …).
FILLER = st.text(alphabet=st.sampled_from(list("全区企业数量达到新建学校规模指标完成情况年")), max_size=6)
NUMBER = st.one_of(
    st.integers(0, 99999).map(str),
    st.tuples(st.integers(0, 9999), st.integers(1, 99)).map(lambda p: f"{p[0]}.{p[1]}".rstrip("0")),
)
QUALIFIERS = ("exact", "about", "at-least", "at-most")
WORDS = [(w, q) for w, q in occurrences.AFTER.items()] + [(w, q) for w, q in occurrences.BEFORE.items()]


def _metric(**cells: str) -> Table:
    row = {"id": "m-000-0001", "indicator": "gdp-growth", "value": "1", "value_text": None, "unit": "pct",
           "qualifier": "exact", "status": "actual", "quote": "", **cells}  # fmt: skip
    frame = pl.DataFrame([row], schema=dict.fromkeys(row, pl.String)).with_columns(pl.lit(2, pl.Int64).alias("_row"))
    return Table("metrics", "data/metrics.csv", "metrics.csv", frame, None)


def _codes(table: Table) -> set[Code]:
    return {issue.code for issue in wording.check(table, HELD, "p")}


@settings(max_examples=300, deadline=None)
@given(FILLER, NUMBER, st.sampled_from([("", None), *WORDS]), st.sampled_from(QUALIFIERS), FILLER)
def test_prop_a_qualifying_word_at_the_number_decides_the_qualifier(
    lead: str, number: str, word: tuple[str, str | None], qualifier: str, tail: str
) -> None:
    said, meaning = word
    after = said in occurrences.AFTER
    quote = f"{lead}{number}%{said}，{tail}" if after else f"{lead}{said}{number}%，{tail}"
    table = _metric(value=number, qualifier=qualifier, quote=quote)
    contradicts = meaning is not None and meaning != qualifier
    assert (Code.QUALIFIER_CONTRADICTS_QUOTE in _codes(table)) == contradicts, quote


@settings(max_examples=200, deadline=None)
@given(FILLER, NUMBER, st.sampled_from([("", None), *occurrences.VERBS.items()]), st.booleans(), st.booleans())
def test_prop_a_word_of_decrease_contradicts_a_positive_growth_and_one_of_increase_a_negative_growth(
    lead: str, number: str, verb: tuple[str, str | None], growth: bool, fall: bool
) -> None:
    said, direction = verb
    indicator = "gdp-growth" if growth else "energy-intensity-reduction"
    value = f"-{number}" if growth and fall and number.strip("0.") else number
    table = _metric(indicator=indicator, value=value, quote=f"{lead}{said}{number}%")
    negative = value.startswith("-")
    contradicts = (growth and direction == ("up" if negative else "down")) or (not growth and direction == "up")
    assert (Code.DIRECTION_CONTRADICTS_QUOTE in _codes(table)) == contradicts


UNIT_PAIRS = [("item", ""), ("item-10k", "万"), ("cny-100m", "亿"), ("cny-10k", "万"), ("cny-1t", "万亿"),
              ("pct", ""), ("pp", "")]  # fmt: skip
WRITTEN = [("", "个"), ("万", "个"), ("亿", "元"), ("万", "元"), ("万亿", "元"), ("", "%"), ("", "个百分点")]


@settings(max_examples=300, deadline=None)
@given(FILLER, NUMBER, st.sampled_from(UNIT_PAIRS), st.sampled_from(WRITTEN))
def test_prop_the_unit_matches_the_magnitude_and_unit_word_written_after_the_number(
    lead: str, number: str, unit: tuple[str, str], written: tuple[str, str]
) -> None:
    code, magnitude = unit
    written_magnitude, word = written
    symbol = next(u["symbol_zh"] for u in UNITS if u["code"] == code)
    table = _metric(indicator="x", value=number, unit=code, quote=f"{lead}{number}{written_magnitude}{word}")
    word_class = occurrences.UNIT_WORDS.get(word)
    symbol_class = next((c for w, c in occurrences.UNIT_WORDS.items() if symbol.startswith(w)), None)
    contradicts = written_magnitude != magnitude or (word_class is not None and word_class != symbol_class)
    assert (Code.UNIT_CONTRADICTS_QUOTE in _codes(table)) == contradicts, (table.frame.row(0), symbol)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**12))
def test_prop_chinese_numerals_read_as_cn2an_writes_them(number: int) -> None:
    for written in (cn2an.an2cn(number), cn2an.an2cn(number).replace("二", "两", 1) if number >= 200 else ""):
        if written:
            assert numerals.integer(written) == number, written


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 99), st.integers(-2, 2))
def test_prop_value_text_agrees_with_the_value_or_is_reported(number: int, offset: int) -> None:
    text = cn2an.an2cn(number)
    table = _metric(indicator="x", value=str(number + offset), value_text=text, unit="item", quote=f"建成{text}所学校")
    assert (Code.VALUE_TEXT_MISMATCH in _codes(table)) == (offset != 0)


def test_tenths_doublings_and_halves() -> None:
    assert [numerals.value(t) for t in ("四成", "九成", "翻一番", "翻两番", "3天半", "一半", "千", "两")] == [
        40, 90, 100, 300, 3.5, 50, 1000, 2,
    ]  # fmt: skip
    assert numerals.value("若干") is None


def test_the_traditional_forms_of_every_word_read_are_known() -> None:
    convert = opencc.OpenCC("s2t")
    words = [*occurrences.BEFORE, *occurrences.AFTER, *occurrences.VERBS, *occurrences.MAGNITUDES,
             *occurrences.UNIT_WORDS, *occurrences.ESTIMATE.split("|"), "两"]  # fmt: skip
    for word in words:
        traditional = convert.convert(word)
        assert traditional.translate(str.maketrans(occurrences.TRADITIONAL)) == word, (word, traditional)


TEXT_ALPHABET = st.sampled_from(list("12345.增长%，"))


@settings(max_examples=300, deadline=None)
@given(st.text(TEXT_ALPHABET, min_size=1, max_size=40), st.data())
def test_prop_a_quote_is_cut_exactly_when_every_occurrence_continues_a_number(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    quote = text[start : data.draw(st.integers(start + 1, len(text)))]
    found = quotes.cut(
        pl.DataFrame({"source_id": ["s"], "quote_n": [quote]}), pl.DataFrame({"source_id": ["s"], "text": [text]})
    )
    at = [m.start() for m in re.finditer(f"(?={re.escape(quote)})", text)]
    ends = [text[a + len(quote) :] for a in at]
    starts = [text[:a] for a in at]
    end_cut = quote[-1].isdigit() and all(re.match(r"[0-9]|\.[0-9]", e) for e in ends)
    start_cut = quote[0].isdigit() and all(re.search(r"[0-9.]$", s) for s in starts)
    expected = {"end"} if end_cut else {"start"} if start_cut else set()
    assert set(found["_side"].to_list()) == expected, (text, quote)


_SOURCE_NUMBER = st.sampled_from(["007", "008", "070", "7", "0a7", "0007", "００７"])
_ID = st.one_of(
    st.tuples(st.sampled_from(["m", "c", "M", "", "中"]), st.sampled_from(["-", "_"]), _SOURCE_NUMBER,
              st.sampled_from(["-0001", "0001", "-", ""])).map("".join),
    st.text(max_size=8),
)  # fmt: skip
_SOURCE = st.one_of(
    st.tuples(st.sampled_from(["src-", "src_", "SRC-", "xsrc-"]), _SOURCE_NUMBER, st.sampled_from(["", "\n", "1"])).map(
        "".join
    ),
    st.text(max_size=8),
)
_ID_PAIR = st.tuples(_ID, _SOURCE)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ID_PAIR, min_size=1, max_size=20))
def test_prop_id_source_rule_reads_the_source_number_as_written(pairs: list[tuple[str, str]]) -> None:
    """``id-source-mismatch`` flags exactly the ids whose three-digit source number (``m-007-…``) differs
    from their source's (``src-007``); an id or source id of another shape is not checked."""
    from pledgekit.checks.rules import _id_cites_source

    frame = pl.DataFrame({"id": [p[0] for p in pairs], "source_id": [p[1] for p in pairs]})
    flagged = frame.select((~_id_cites_source().fill_null(True)).alias("x"))["x"].to_list()
    for (id_, source), flag in zip(pairs, flagged, strict=True):
        mine, theirs = re.match(r"[a-z]-([0-9]{3})-", id_), re.fullmatch(r"src-([0-9]{3})", source)
        assert flag is bool(mine and theirs and mine.group(1) != theirs.group(1)), (id_, source)
