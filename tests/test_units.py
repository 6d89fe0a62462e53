"""Conversion to base units is exact and never crosses dimensions."""

from __future__ import annotations

import csv
import doctest
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import pledgekit.units
from conftest import ROOT, STANDARD
from pledgekit.units import IncompatibleUnits, UnitTable

TABLE = UnitTable.from_csv(STANDARD / "codelists/units.csv")


@pytest.mark.parametrize(
    ("value", "unit", "expected", "base"),
    [
        ("2.16", "item-10k", "21600", "item"),
        ("1", "cny-1t", "1000000000000", "cny"),
        ("61.7", "usd-100m", "6170000000", "usd"),
        ("56.8", "person-10k", "568000", "person"),
        ("53", "km2", "53000000", "m2"),
        ("5.2", "pct", "5.2", "pct"),
    ],
)
def test_to_base(value: str, unit: str, expected: str, base: str) -> None:
    assert TABLE.to_base(value, unit) == (Decimal(expected), base)


def test_convert_within_a_base_unit() -> None:
    assert TABLE.convert("1", "cny-1t", "cny-100m") == Decimal(10000)
    assert TABLE.convert("690", "m2-10k", "km2") == Decimal("6.9")


@pytest.mark.parametrize(("a", "b"), [("pct", "pp"), ("school", "bed"), ("cny-100m", "usd-100m"), ("dwelling", "item")])
def test_different_things_never_convert(a: str, b: str) -> None:
    with pytest.raises(IncompatibleUnits):
        TABLE.convert("1", a, b)


def test_module_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    failures, tried = doctest.testmod(pledgekit.units)
    assert (failures, tried > 0) == (0, True)


# The checks compare converted values in floating point (checks/base_units.py); UnitTable is exact. On the
# codelist's units with decimal factors, for figures of up to eleven significant digits (133.48, 21600,
# 6170000000), they agree both ways: the same figure in two units is the same, one unit more in its last
# written digit is not.
with (STANDARD / "codelists/units.csv").open(encoding="utf-8", newline="") as _handle:
    DECIMAL_UNITS = sorted(
        (row["code"], row["base_unit"], Decimal(row["factor"]))
        for row in csv.DictReader(_handle)
        if len(Decimal(row["factor"]).normalize().as_tuple().digits) <= 13
    )


def _floating_same(value: Decimal, factor: Decimal, other: Decimal, other_factor: Decimal) -> bool:
    import polars as pl

    from pledgekit.checks import base_units

    frame = pl.DataFrame({"a": [float(value) * float(factor)], "b": [float(other) * float(other_factor)]})
    return bool(frame.select(base_units.same(pl.col("a"), pl.col("b")))[0, 0])


def _written(number: Decimal) -> str:
    """As a report writes it: plain digits, no trailing zeros after the point."""
    text = format(number.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _significant(text: str) -> int:
    return len(text.replace(".", "").lstrip("0"))


@given(data=st.data(), digits=st.integers(min_value=1, max_value=11), scale=st.integers(0, 4), nudge=st.booleans())
@settings(max_examples=300, deadline=None)
def test_the_checks_floating_comparison_agrees_with_exact_conversion(
    data: st.DataObject, digits: int, scale: int, nudge: bool
) -> None:
    code, base, factor = data.draw(st.sampled_from(DECIMAL_UNITS))
    other_code, other_factor = data.draw(st.sampled_from([(c, f) for c, b, f in DECIMAL_UNITS if b == base]))
    value = Decimal(data.draw(st.integers(min_value=1, max_value=10**digits - 1))).scaleb(-scale)
    exact = TABLE.convert(str(value), code, other_code)  # the same figure written in the other unit
    written = _written(exact)
    assume(_significant(written) <= 11)
    last = Decimal(1).scaleb(-len(written.partition(".")[2]))  # one in the last written digit
    other = exact + last if nudge else exact
    assert (TABLE.to_base(str(value), code)[0] == TABLE.to_base(str(other), other_code)[0]) is (not nudge)
    assert _floating_same(value, factor, other, other_factor) is (not nudge)
