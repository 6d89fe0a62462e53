"""Canonical numbers, written once: what a number cell of each type must look like, reading them from
text cells (only canonical ASCII numbers count: ``NaN``, ``1e999``, ``２０２４`` and ``1,334`` stay null, and
the cells layer reports them, so rules never compute with them), and the one folding rule that turns a
full-width number into ASCII (used by ``fix``, ``import`` and the cells layer's hint)."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

# A canonical number cell, by Table Schema type: ASCII digits, an optional minus, no leading zeros, no
# exponent, group separator, sign or unit.
NUMBER_PATTERNS = {
    "integer": r"^-?(0|[1-9][0-9]*)$",
    "number": r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$",
    "year": r"^-?(0|[1-9][0-9]*)$",
}
CANONICAL = NUMBER_PATTERNS["number"]
DIGITS = r"^[0-9]+(\.[0-9]+)?$"  # a number written with digits only (as a quote writes it)


def is_canonical(value: str, kind: str) -> bool:
    return re.fullmatch(NUMBER_PATTERNS[kind], value) is not None


def folded(value: str, kind: str) -> str | None:
    """The ASCII form of a number cell when NFKC alone (full-width digits, signs and points) makes it
    canonical; None when it does not (then only a person can say what the cell means)."""
    ascii_form = unicodedata.normalize("NFKC", value)
    return ascii_form if is_canonical(ascii_form, kind) else None


def suggestion(value: str) -> str:
    """What a non-canonical number cell probably means, for a hint (never written by itself): folded,
    without separators, a leading ``+``, a trailing ``年`` or ``%``, ``.0`` or leading zeros."""
    guess = unicodedata.normalize("NFKC", value).strip().replace("_", "").replace(",", "")
    guess = guess.removeprefix("+").removesuffix("年").removesuffix("%")
    if guess.endswith(".0"):
        guess = guess[:-2]
    return (guess.lstrip("0") or "0") if guess.isdigit() else guess


def number(column: str) -> pl.Expr:
    """The column as Float64 where it holds a canonical number, null elsewhere."""
    import polars as pl

    return pl.when(pl.col(column).str.contains(CANONICAL)).then(pl.col(column).cast(pl.Float64, strict=False))


def integer(column: str) -> pl.Expr:
    """The column as Int64 where it holds a canonical integer, null elsewhere."""
    import polars as pl

    return pl.when(pl.col(column).str.contains(NUMBER_PATTERNS["integer"])).then(
        pl.col(column).cast(pl.Int64, strict=False)
    )
