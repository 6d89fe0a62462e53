"""Conversion to base units is exact and never crosses dimensions."""

from __future__ import annotations

import doctest
from decimal import Decimal

import pytest

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
