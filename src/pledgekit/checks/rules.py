"""Domain rules, written once as polars expressions over a resource joined with its codelists.

Each rule says which cell an issue points at and is True where a row is fine; a null (a cell that
is empty or not a number) counts as fine, because other layers report it. The rules carry no engine
of their own: ``checks/domain.py`` evaluates them on whole columns for the validator, and
``pledgekit.models`` runs the same rule objects as pandera checks on a user's DataFrame.

Joined columns available to every rule (see ``domain.prepare``): ``_value`` (the figure as a float),
``_max``, ``_bv`` (the baseline value), ``_year`` (target year or year), ``_ps``/``_pe`` (period),
``_by`` (baseline year),
``unit_dimension``, ``unit_factor``, ``indicator_dimension``, ``indicator_kind``, ``published``
(the source's publication year), ``source_kind``, ``plan_year``; ``id``, ``source_id``, ``quote`` and
``breakdown`` as written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..codes import Code
from . import base_units

if TYPE_CHECKING:
    import polars as pl


@dataclass(frozen=True)
class Rule:
    code: Code
    field: str  # the cell an issue points at
    ok: Callable[[], pl.Expr]  # True where the row is fine
    context: tuple[str, ...] = ()  # columns copied into the context
    note: str = ""


def _c(name: str) -> pl.Expr:
    import polars as pl

    return pl.col(name)


def _lit(value: object) -> pl.Expr:
    import polars as pl

    return pl.lit(value)


def _dimension_fits() -> pl.Expr:
    return (
        _c("unit_dimension").is_null()
        | _c("indicator_dimension").is_null()
        | (_c("unit_dimension") == _c("indicator_dimension"))
    )


def _share_in_range() -> pl.Expr:
    return (_c("indicator_kind") != "share") | _c("_value").is_between(0, 100)


# Kinds whose values may be negative: a growth rate or a change can be a fall (GDP −3.2%).
SIGNED_KINDS = ("growth", "change")


def _signed(value: str) -> Callable[[], pl.Expr]:
    """True where ``value`` is not negative, or the indicator's kind allows a fall."""
    return lambda: (_c(value) >= 0) | _c("indicator_kind").is_in(SIGNED_KINDS)


def _count_whole() -> pl.Expr:
    return ~_c("unit_dimension").str.starts_with("count") | base_units.whole(_c("_value") * _c("unit_factor"))


def _numbered(fields: tuple[str, ...]) -> pl.Expr:
    import polars as pl

    return pl.all_horizontal(_c(f).is_not_null() for f in fields)


def _none(fields: tuple[str, ...]) -> pl.Expr:
    import polars as pl

    return pl.all_horizontal(_c(f).is_null() for f in fields)


NUMBERED = ("indicator", "target_value", "unit")
ESTIMATE_WORDS = "预计|預計|预期|預期|估计|估計"
# A year the quote names (2025年), unless it is a comparison base (由2016年的, 比2020年, 较2019年, 与2015年相比).
NAMED_YEAR = r"(?:^|[^由从從比较較与與自])((?:19|20)[0-9]{2})年"


def named_years() -> pl.Expr:
    """The years the quote names (not comparison bases), as integers: ``domain.prepare`` keeps them as
    ``_named_years`` (and as text, ``named_years``, for messages)."""
    import polars as pl

    found = _c("quote").str.extract_all(NAMED_YEAR)
    return found.list.eval(pl.element().str.extract(r"([0-9]{4})年$").cast(pl.Int64, strict=False))


def _names_a_year_of(*years: str) -> pl.Expr:
    """True where the quote names no year, or names one of the row's years."""
    import polars as pl

    named = _c("_named_years")
    return (named.list.len() == 0) | pl.any_horizontal(named.list.contains(_c(y)).fill_null(False) for y in years)


def _id_cites_source() -> pl.Expr:
    """The id's source number (c-007-0002 → 007) is the source's (src-007)."""
    import polars as pl

    shaped = _c("id").str.contains(r"^[a-z]-[0-9]{3}-") & _c("source_id").str.contains(r"^src-[0-9]{3}$")
    return pl.when(shaped).then(_c("id").str.slice(2, 3) == _c("source_id").str.slice(4, 3))  # null: not checked


COMMITMENT_RULES: tuple[Rule, ...] = (
    Rule(Code.UNIT_DIMENSION_MISMATCH, "unit", _dimension_fits, ("unit_dimension", "indicator", "indicator_dimension")),
    Rule(Code.SHARE_OUT_OF_RANGE, "target_value", _share_in_range),
    Rule(Code.VALUE_NEGATIVE, "target_value", _signed("_value"), ("indicator", "indicator_kind")),
    Rule(Code.VALUE_NEGATIVE, "target_value_max", _signed("_max"), ("indicator", "indicator_kind")),
    Rule(Code.VALUE_NEGATIVE, "baseline_value", _signed("_bv"), ("indicator", "indicator_kind")),
    Rule(Code.COUNT_NOT_WHOLE, "target_value", _count_whole, ("unit",)),
    Rule(Code.TARGET_YEAR_PAST, "target_year", lambda: _c("_year") >= _c("published"), ("published",)),
    Rule(
        Code.TARGET_OUTSIDE_PERIOD,
        "target_year",
        lambda: _c("_ps").is_null() | _c("_pe").is_null() | _c("_year").is_between(_c("_ps"), _c("_pe")),
        ("period_start", "period_end"),
    ),
    Rule(Code.PERIOD_INCOMPLETE, "period_end", lambda: _c("period_start").is_null() == _c("period_end").is_null()),
    Rule(
        Code.BREAKDOWN_WITHOUT_INDICATOR,
        "breakdown",
        lambda: _c("breakdown").is_null() | _c("indicator").is_not_null(),
    ),
    Rule(
        Code.COMPARATOR_VALUE_MISMATCH,
        "comparator",
        lambda: (_c("comparator") != "complete") | _none(NUMBERED),
        note="is a completion pledge, so it has no indicator, target value or unit",
    ),
    Rule(
        Code.COMPARATOR_VALUE_MISMATCH,
        "comparator",
        lambda: (_c("comparator") == "complete") | _numbered(NUMBERED),
        note="needs an indicator, a target value and a unit",
    ),
    Rule(
        Code.RANGE_BOUNDS,
        "target_value_max",
        lambda: (
            ((_c("comparator") == "range") == _c("target_value_max").is_not_null())
            & ((_c("comparator") != "range") | (_c("_max") > _c("_value")))
        ),
    ),
    Rule(
        Code.BASELINE_INCOMPLETE,
        "baseline_year",
        lambda: (_c("baseline_value").is_null() == _c("baseline_year").is_null()) & (_c("_by") < _c("_year")),
    ),
    Rule(Code.ID_SOURCE_MISMATCH, "id", _id_cites_source, ("source_id",)),
    Rule(
        Code.YEAR_CONTRADICTS_QUOTE,
        "target_year",
        lambda: _names_a_year_of("_year", "_ps", "_pe", "_by"),
        ("named_years",),
    ),
)

METRIC_RULES: tuple[Rule, ...] = (
    Rule(Code.UNIT_DIMENSION_MISMATCH, "unit", _dimension_fits, ("unit_dimension", "indicator", "indicator_dimension")),
    Rule(Code.SHARE_OUT_OF_RANGE, "value", _share_in_range),
    Rule(Code.VALUE_NEGATIVE, "value", _signed("_value"), ("indicator", "indicator_kind")),
    Rule(Code.COUNT_NOT_WHOLE, "value", _count_whole, ("unit",)),
    Rule(
        Code.BREAKDOWN_WITHOUT_INDICATOR,
        "breakdown",
        lambda: _c("breakdown").is_null() | _c("indicator").is_not_null(),
    ),
    Rule(Code.METRIC_YEAR_FUTURE, "year", lambda: _c("_year") <= _c("published"), ("published",)),
    Rule(
        Code.METRIC_SHOULD_BE_ESTIMATE,
        "status",
        lambda: (
            ~(
                (_c("_year") == _c("published"))
                & (_c("status") == "actual")
                & ~((_c("source_kind") == "plan-execution-report") & (_c("plan_year") == _c("_year")))
            )
        ),
        ("year",),
    ),
    Rule(Code.PERIOD_ORDER, "period_start", lambda: _c("_ps").is_null() | (_c("_ps") < _c("_year")), ("year",)),
    Rule(Code.ID_SOURCE_MISMATCH, "id", _id_cites_source, ("source_id",)),
    Rule(Code.YEAR_CONTRADICTS_QUOTE, "year", lambda: _names_a_year_of("_year", "_ps"), ("named_years",)),
    Rule(
        Code.YEAR_CONTRADICTS_SOURCE,
        "year",
        lambda: (
            (_c("source_kind") != "plan-execution-report")
            | _c("plan_year").is_null()
            | (_c("_year") == _c("plan_year"))
            | (_c("_named_years").list.len() > 0)
        ),
        ("plan_year",),
    ),
    Rule(
        Code.METRIC_SHOULD_BE_ACTUAL,
        "status",
        lambda: (
            ~(
                (_c("status") == "estimate")
                & (_c("_year") < _c("published"))
                & ~_c("quote").str.contains(ESTIMATE_WORDS)
            )
        ),
        ("published",),
    ),
)

RULES = {"commitments": COMMITMENT_RULES, "metrics": METRIC_RULES}
