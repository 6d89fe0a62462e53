"""Units of measure: values are stored as written (2.16 with 万个); this converts them to base units.

Conversion is exact (``Decimal``) and only ever happens within one base unit: 万个 → 个 works,
所 (schools) → 张 (beds) or % → 个百分点 raises IncompatibleUnits. Nothing converts silently.

>>> table = UnitTable.from_csv(Path("schemas/codelists/units.csv"))
>>> table.to_base("2.16", "item-10k")
(Decimal('21600'), 'item')
>>> table.convert("1", "cny-1t", "cny-100m")
Decimal('10000')
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .errors import LoadError, PledgekitError


class IncompatibleUnits(PledgekitError):
    """Two units that measure different things were asked to convert into each other."""


@dataclass(frozen=True)
class Unit:
    code: str
    symbol_zh: str
    dimension: str
    base_unit: str
    factor: Decimal


def _decimal(text: str | Decimal | int) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number") from None
    if not value.is_finite():
        raise ValueError(f"{text!r} is not a finite number")
    return value


def _tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (10000, not 1E+4)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


class UnitTable:
    """The units codelist, keyed by code."""

    def __init__(self, units: list[Unit]) -> None:
        self._units = {u.code: u for u in units}

    @classmethod
    def from_csv(cls, path: Path) -> UnitTable:
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader(handle))
            units = [
                Unit(r["code"], r["symbol_zh"], r["dimension"], r["base_unit"], _decimal(r["factor"])) for r in rows
            ]
        except (OSError, KeyError, ValueError) as exc:
            raise LoadError("codelist-unreadable", f"cannot read the units codelist: {exc}", path=str(path)) from None
        return cls(units)

    def __getitem__(self, code: str) -> Unit:
        try:
            return self._units[code]
        except KeyError:
            raise PledgekitError("unit-unknown", f"unknown unit {code!r}") from None

    def __contains__(self, code: object) -> bool:
        return code in self._units

    def to_base(self, value: str | Decimal | int, unit: str) -> tuple[Decimal, str]:
        """``value`` in ``unit`` expressed in the unit's base unit, exactly."""
        entry = self[unit]
        return _tidy(_decimal(value) * entry.factor), entry.base_unit

    def convert(self, value: str | Decimal | int, source: str, target: str) -> Decimal:
        """Convert between two units of the same base unit; IncompatibleUnits otherwise."""
        a, b = self[source], self[target]
        if a.base_unit != b.base_unit:
            raise IncompatibleUnits(
                "unit-incompatible",
                f"{a.symbol_zh} ({a.dimension}) cannot be converted to {b.symbol_zh} ({b.dimension})",
            )
        return _tidy(_decimal(value) * a.factor / b.factor)
