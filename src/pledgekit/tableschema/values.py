"""Typed values as frictionless reads them, and one canonical text per value for comparing keys.

``read`` mirrors frictionless's value readers for the types the engine checks on columns (integer,
number, year, boolean, date, string): it reads a schema's constraint values (``minimum: "10"``,
``enum: [1, 2]``), so that constraints compare typed values, as frictionless compares them. A test
runs it against frictionless's own readers.

``canonical`` gives equal values equal texts and unequal values unequal ones, as Python's ``==``
decides (frictionless compares keys with it): ``7``, ``7.0`` and ``Decimal("7.00")`` are ``n:7``;
``True`` is ``n:1`` (``True == 1`` in Python); the string ``"7"`` is ``s:7``.
"""

from __future__ import annotations

import datetime
import json
import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

NOT_BARE = re.compile(r"((^[^-\d]*)|(\D*$))")
TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")


def _integer(field: dict[str, Any], cell: Any) -> int | None:  # noqa: PLR0911 (frictionless's reader, branch by branch)
    if isinstance(cell, str):
        cell = cell.strip()
        if field.get("bareNumber", True) is False:
            cell = NOT_BARE.sub("", cell)
        try:
            return int(cell)
        except ValueError:
            return None
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    if isinstance(cell, Decimal) and cell % 1 == 0:
        return int(cell)
    return None


def _number(field: dict[str, Any], cell: Any) -> Decimal | int | None:  # noqa: PLR0911 (as _integer)
    if isinstance(cell, str):
        cell = cell.strip()
        if {"groupChar", "decimalChar", "bareNumber"} & set(field):
            if field.get("bareNumber", True) is False:
                cell = NOT_BARE.sub("", cell)
            cell = cell.replace(str(field.get("groupChar", "")), "")
            decimal = str(field.get("decimalChar", "."))
            if decimal != "." and "." in cell:
                return None
            cell = cell.replace(decimal, ".")
        try:
            return Decimal(cell)
        except (InvalidOperation, ValueError):
            return None
    if isinstance(cell, Decimal):
        return cell
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        return Decimal(str(cell))
    return None


def _year(cell: Any) -> int | None:
    if not isinstance(cell, int):
        if not isinstance(cell, str) or len(cell) != 4:
            return None
        try:
            cell = int(cell)
        except ValueError:
            return None
    return cell if 0 <= cell <= 9999 else None


def _boolean(field: dict[str, Any], cell: Any) -> bool | None:
    if cell is True or cell is False:
        return bool(cell)
    if isinstance(cell, str):
        if cell in field.get("trueValues", TRUE_VALUES):
            return True
        if cell in field.get("falseValues", FALSE_VALUES):
            return False
    return None


def _date(cell: Any) -> datetime.date | None:
    if isinstance(cell, datetime.datetime):
        if cell.time() == datetime.time(0, 0):
            return cell.date()
        return None
    if isinstance(cell, datetime.date):
        return cell
    if not isinstance(cell, str):
        return None
    try:
        return datetime.datetime.strptime(cell, "%Y-%m-%d").date()
    except ValueError:
        return None


def read(field: dict[str, Any], cell: Any) -> Any:
    """``cell`` read as frictionless reads it for a field of a natively checked type (default format)."""
    readers: dict[str, Any] = {
        "integer": _integer,
        "number": _number,
        "year": lambda _, c: _year(c),
        "boolean": _boolean,
        "date": lambda _, c: _date(c),
    }
    kind = field.get("type", "string")
    if kind in readers:
        return readers[kind](field, cell)
    return cell if isinstance(cell, str) else None


def is_nan(value: Any) -> bool:
    """NaN, which frictionless's bound constraints reject (it equals nothing, itself included)."""
    return (isinstance(value, float) and math.isnan(value)) or (isinstance(value, Decimal) and value.is_nan())


def _decimal_text(value: Decimal) -> str:
    if value.is_zero():
        return "0"
    return format(value.normalize(), "f")


def _numeric(value: float | Decimal) -> str | None:
    if is_nan(value):
        return None
    if value in (math.inf, -math.inf):
        return "n:inf" if value > 0 else "n:-inf"
    return "n:" + _decimal_text(Decimal(value))


def canonical(value: Any) -> str | None:  # noqa: PLR0911 (one return per kind of value)
    """One text per value, equal where Python's ``==`` says the values are equal; None for a value that
    equals nothing, itself included (a missing value, NaN)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "n:1" if value else "n:0"
    if isinstance(value, int):
        return f"n:{value}"
    if isinstance(value, float | Decimal):
        return _numeric(value)
    if isinstance(value, str):
        return "s:" + value
    if isinstance(value, datetime.datetime):
        return "t:" + value.isoformat()
    if isinstance(value, datetime.date):
        return "d:" + value.isoformat()
    if isinstance(value, datetime.time):
        return "h:" + value.isoformat()
    if isinstance(value, tuple):
        return "u:" + json.dumps([canonical(v) for v in value])
    if isinstance(value, list | dict):
        return "j:" + json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return f"{type(value).__name__}:{value!r}"
