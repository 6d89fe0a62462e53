"""A Table Schema field compiled into column checks: missing values, type, constraints and typed keys.

Each field splits its cells three ways: missing (one of its ``missingValues``), values whose type the
engine decides on the column for certain (``^-?[0-9]{1,18}$`` is an integer Python reads as polars
does; a string field takes any text), and the rest, which frictionless's own cell reader reads, once
per distinct value. The rest is rare in curated data (``２０２４``, `` 7``, ``1e3``) and is every
value of a type or format the engine does not read itself (datetime, duration, geopoint, ``email``, a
date ``format``, ``groupChar`` …), so the answer is frictionless's in every case.

Constraints follow frictionless: checked only on cells of the right type, on typed values (``minimum``
and ``enum`` are read as the field's type), ``pattern`` as Python's ``re.match("^…$")``. A pattern polars
can run with the same meaning runs on the column; any other (look-around, ``\\w``, flags) runs in
Python's ``re`` once per distinct value.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import values

if TYPE_CHECKING:
    import polars as pl

Reader = Callable[[str], tuple[Any, dict[str, str] | None]]

BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
CONSTRAINTS = ("required", "enum", "minLength", "maxLength", "pattern", *BOUNDS)
# Values whose type the engine decides itself: Python and polars read them alike.
FAST = {
    "integer": r"^-?[0-9]{1,18}$",
    "number": r"^-?[0-9]{1,15}(?:\.[0-9]{1,15})?$",
    "year": r"^[0-9]{4}$",
    "date": r"^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$",
}
NUMBER_DIGITS = 15  # a float64 tells apart and orders every decimal of up to 15 significant digits
# Escapes that mean the same in Python's re and in polars (Rust) regexes: \d is Unicode decimal digits in
# both, the rest are literal characters. \w, \s and \b differ, so a pattern using them runs in Python.
_ESCAPES = set("dD.-\\()[]{}+*?|^$/")


class SchemaProblem(ValueError):
    """A field the engine cannot read values with (a schema-error of the resource)."""


def _safe(pattern: str) -> bool:
    """Whether every construct of ``pattern`` means the same in Python and in polars: literals, classes
    of literals, ranges and ``\\d``, groups ``(…)``/``(?:…)``, alternation, quantifiers, ``^``, ``$``."""
    inside = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            if index + 1 >= len(pattern) or pattern[index + 1] not in _ESCAPES:
                return False
            index += 2
            continue
        if inside:
            if char == "[" or pattern.startswith(("&&", "--", "~~"), index):
                return False  # nested classes and set operations exist in Rust only
            if char == "]":
                inside = False
        elif char == "[":
            inside = True
            if pattern.startswith(("[^]", "[]", "[:", "[^:"), index):
                return False
        elif char == "(" and pattern.startswith("(?", index) and not pattern.startswith("(?:", index):
            return False  # flags, look-around, named groups
        index += 1
    return not inside


@functools.lru_cache(maxsize=1024)  # a pure function of the pattern: polars compiles it here to try it
def polars_pattern(pattern: str) -> str | None:
    """The pattern as a polars (Rust) regex matching exactly what ``re.match("^" + pattern + "$")``
    matches on a text without a line break, or None when the two could differ."""
    import polars as pl

    if not _safe(pattern) or "{," in pattern:
        return None
    translated = f"^(?:^{pattern}$)"
    try:
        pl.select(pl.lit("").str.contains(translated))
    except pl.exceptions.PolarsError:
        return None
    return translated


@dataclass
class FieldPlan:
    """How one field's cells are checked."""

    name: str
    descriptor: dict[str, Any]
    kind: str
    missing: tuple[str, ...]
    native: bool  # the engine reads values itself (values.read), in Python where not on the column
    columnar: bool = True  # values matching FAST are decided on the column (bounds compare exactly as floats)
    constraints: dict[str, Any] = field(default_factory=dict)  # declared, as written
    typed: dict[str, Any] = field(default_factory=dict)  # bounds and enum read as the field's type
    pattern: str | None = None  # the polars regex of ``pattern``, when it has the same meaning
    python_pattern: re.Pattern[str] | None = None

    @property
    def checked(self) -> list[str]:
        return [name for name in CONSTRAINTS if name in self.constraints]


def _native(descriptor: dict[str, Any]) -> bool:
    kind = descriptor.get("type", "any")
    if descriptor.get("format", "default") not in ("default", None):
        return False
    if kind == "number":
        return not ({"groupChar", "decimalChar", "bareNumber", "floatNumber"} & set(descriptor))
    if kind == "integer":
        return descriptor.get("bareNumber", True) is not False
    return kind in ("string", "year", "boolean", "date", "any")


def _fits(value: Any, kind: str) -> bool:
    """A constraint value the column comparison handles exactly."""
    if kind == "integer":
        return isinstance(value, int) and bool(-(2**63) <= value < 2**63)
    if kind == "number":
        if isinstance(value, int):
            return bool(abs(value) < 10**NUMBER_DIGITS)
        if not isinstance(value, Decimal) or not value.is_finite():
            return False
        return len(value.normalize().as_tuple().digits) <= NUMBER_DIGITS
    return True


def plan(descriptor: dict[str, Any], missing: list[str]) -> FieldPlan:
    """Compile a field; SchemaProblem when a constraint cannot be read as the field's type."""
    kind = str(descriptor.get("type", "any"))
    declared = descriptor.get("missingValues")
    if isinstance(declared, list):
        missing = [m["value"] if isinstance(m, dict) else m for m in declared]
    constraints = descriptor.get("constraints") or {}
    result = FieldPlan(
        name=str(descriptor["name"]),
        descriptor=descriptor,
        kind=kind,
        missing=tuple(str(m) for m in missing),
        native=_native(descriptor),
        constraints={k: v for k, v in constraints.items() if k in CONSTRAINTS},
    )
    if "pattern" in constraints:  # checked for every field: frictionless's reader would fail on it later
        try:
            result.python_pattern = re.compile(f"^{constraints['pattern']}$")
        except (re.error, TypeError) as exc:
            note = f'constraint "pattern" of field "{result.name}" is not a regular expression: {exc}'
            raise SchemaProblem(note) from exc
    if not result.native:
        return result
    reading = kind if kind != "any" else "string"
    for name in BOUNDS:
        if name in constraints:
            typed = values.read({**descriptor, "type": reading}, constraints[name])
            if typed is None:
                raise SchemaProblem(
                    f'constraint "{name}" of field "{result.name}" is not a {kind}: {constraints[name]!r}'
                )
            result.columnar = result.columnar and _fits(typed, kind)
            result.typed[name] = typed
    if "enum" in constraints:
        if not isinstance(constraints["enum"], list):
            raise SchemaProblem(f'constraint "enum" of field "{result.name}" is not a list')
        read = values.read if kind != "any" else (lambda _f, v: v)
        result.typed["enum"] = [values.canonical(read(descriptor, v)) for v in constraints["enum"]]
    if "pattern" in constraints:
        result.pattern = polars_pattern(str(constraints["pattern"]))
    return result


def _typed(plan: FieldPlan, column: pl.Expr) -> pl.Expr:
    import polars as pl

    if plan.kind in ("integer", "year"):
        return column.cast(pl.Int64, strict=False)
    if plan.kind == "number":
        return column.cast(pl.Float64, strict=False)
    if plan.kind == "date":
        return column.str.to_date("%Y-%m-%d", strict=False)
    return column


def _key(plan: FieldPlan, column: pl.Expr) -> pl.Expr:
    """The canonical text (values.canonical) of each value the engine reads itself."""
    import polars as pl

    if plan.kind in ("integer", "year"):
        return pl.lit("n:") + column.cast(pl.Int64, strict=False).cast(pl.String)
    if plan.kind == "number":
        text = (
            column.str.replace(r"^(-?)0+([0-9])", "${1}${2}")
            .str.replace(r"(\.[0-9]*?)0+$", "${1}")
            .str.replace(r"\.$", "")
        )
        return pl.lit("n:") + pl.when(text == "-0").then(pl.lit("0")).otherwise(text)
    if plan.kind == "boolean":
        true = list(plan.descriptor.get("trueValues", values.TRUE_VALUES))
        return pl.when(column.is_in(true)).then(pl.lit("n:1")).otherwise(pl.lit("n:0"))
    if plan.kind == "date":
        return pl.lit("d:") + column
    return pl.lit("s:") + column


def _classify(plan: FieldPlan, v: pl.Expr, missing: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """Which cells the engine decides on the column, and which of those are not of the field's type."""
    import polars as pl

    if not plan.native or (plan.kind in FAST and not plan.columnar):
        return pl.lit(False), pl.lit(False)
    if plan.kind == "boolean":
        known = [*plan.descriptor.get("trueValues", values.TRUE_VALUES),
                 *plan.descriptor.get("falseValues", values.FALSE_VALUES)]  # fmt: skip
        return ~missing, ~missing & ~v.is_in(known)
    if plan.kind in FAST:
        native = ~missing & v.str.contains(FAST[plan.kind])
        if plan.kind == "number":  # a float64 orders decimals of up to 15 digits exactly
            native = native & (v.str.len_bytes() <= NUMBER_DIGITS)
        return native, (native & _typed(plan, v).is_null()) if plan.kind == "date" else pl.lit(False)
    return ~missing, pl.lit(False)  # string, any


def _check(plan: FieldPlan, name: str, v: pl.Expr, ok: pl.Expr, missing: pl.Expr) -> pl.Expr:  # noqa: PLR0911 (a return per constraint)
    """The cells on the column that break constraint ``name`` (``pattern`` in Python: ``_python_patterns``)."""
    import polars as pl

    if name == "required":
        return missing & pl.lit(bool(plan.constraints[name]))
    if not plan.native or not plan.columnar:
        return pl.lit(False)  # every value of this field is read one by one
    if name == "enum":
        return ok & ~_key(plan, v).is_in([k for k in plan.typed["enum"] if k is not None])
    if name in BOUNDS:
        return ok & _bound(name, _typed(plan, v), plan.typed[name])
    if name in ("minLength", "maxLength") and plan.kind in ("string", "any"):
        length, bound = v.str.len_chars(), int(plan.constraints[name])
        failing: pl.Expr = (length < bound) if name == "minLength" else (length > bound)
        return ok & failing
    if name == "pattern" and plan.kind in ("string", "any") and plan.pattern is not None:
        return ok & ~v.str.contains("\n", literal=True) & ~v.str.contains(plan.pattern)
    return pl.lit(False)


def columns(plan: FieldPlan, n: int, raw: str, *, keyed: bool) -> list[pl.Expr]:
    """The expressions of field ``n`` over its cells in column ``raw``: ``m<n>`` missing, ``r<n>`` left to
    be read one by one, ``t<n>`` type error, ``k<n>`` canonical key (when ``keyed``), ``c<n>_<constraint>``."""
    import polars as pl

    v = pl.col(raw)
    missing = missing_cells(plan, v)
    native, type_bad = _classify(plan, v, missing)
    ok = native & ~type_bad
    exprs = [
        missing.alias(f"m{n}"),
        (~missing & ~native).fill_null(False).alias(f"r{n}"),
        type_bad.fill_null(False).alias(f"t{n}"),
        *[_check(plan, name, v, ok, missing).fill_null(False).alias(f"c{n}_{name}") for name in plan.checked],
    ]
    if keyed:
        exprs.append(pl.when(ok).then(_key(plan, v)).alias(f"k{n}"))
    return exprs


def missing_cells(plan: FieldPlan, cells: pl.Expr) -> pl.Expr:
    """The field's missing cells: absent, or one of its ``missingValues``."""
    return cells.is_null() | cells.is_in(list(plan.missing)) if plan.missing else cells.is_null()


def _bound(name: str, typed: pl.Expr, bound: Any) -> pl.Expr:
    import polars as pl

    value = pl.lit(float(bound) if isinstance(bound, Decimal) else bound)
    if name == "minimum":
        return typed < value
    if name == "maximum":
        return typed > value
    if name == "exclusiveMinimum":
        return typed <= value
    return typed >= value


def python_reader(plan: FieldPlan) -> Reader:
    """frictionless's cell reader for a field the engine reads itself, in Python (a non-missing cell):
    its value, and notes naming a type error or the constraints it breaks."""
    kind = plan.kind if plan.kind != "any" else "string"
    descriptor = {**plan.descriptor, "type": kind}
    enum = {k for k in plan.typed.get("enum", []) if k is not None}
    compare = {
        "minimum": lambda v, b: v >= b,
        "maximum": lambda v, b: v <= b,
        "exclusiveMinimum": lambda v, b: v > b,
        "exclusiveMaximum": lambda v, b: v < b,
    }

    def read(cell: str) -> tuple[Any, dict[str, str] | None]:
        value = values.read(descriptor, cell) if plan.kind != "any" else cell
        if value is None:
            return None, {"type": f'type is "{plan.kind}/default"'}
        notes = {}
        for name in plan.checked:
            if name == "enum":
                failed = values.canonical(value) not in enum
            elif name in compare:
                failed = values.is_nan(value) or not compare[name](value, plan.typed[name])
            elif name in ("minLength", "maxLength"):
                failed = (
                    len(value) < plan.constraints[name] if name == "minLength" else len(value) > plan.constraints[name]
                )
            elif name == "pattern":
                failed = plan.python_pattern is not None and not plan.python_pattern.match(value)
            else:
                failed = False
            if failed:
                notes[name] = f'constraint "{name}" is "{plan.constraints[name]}"'
        return value, notes or None

    return read


def _residual(plan: FieldPlan, cells: list[str], reader: Reader, n: int) -> pl.DataFrame:
    """The answer for each distinct cell the engine does not decide on the column, read one by one."""
    import polars as pl

    rows = []
    for cell in cells:
        value, notes = reader(cell)
        notes = notes or {}
        bad = "type" in notes
        rows.append((cell, bad, None if bad else values.canonical(value), *[name in notes for name in plan.checked]))
    schema = {"_v": pl.String, "_t": pl.Boolean, "_k": pl.String, **{f"_c_{name}": pl.Boolean for name in plan.checked}}
    return pl.DataFrame(rows, schema=schema, orient="row")


def settle(
    plan: FieldPlan,
    n: int,
    raw: str,
    frame: pl.DataFrame,
    reader: Callable[[], Reader],
    *,
    keyed: bool,
) -> pl.DataFrame:
    """``frame`` (with ``columns`` of field ``n``) with the cells left to be read one by one read: by the
    engine's Python reader for a type it knows, by frictionless's own (``reader``) for any other. A pattern
    polars cannot run with Python's meaning runs here too, once per distinct value; one it can runs again
    only on cells with a line break (``$`` means the same on the others), and not at all when no cell of
    the column holds one (one scan of the column, most batches)."""
    import polars as pl

    python = plan.python_pattern if plan.native and plan.columnar else None
    if python is not None and (plan.pattern is None or frame[raw].str.contains("\n", literal=True).any()):
        odd = ~pl.col(f"r{n}") & ~pl.col(f"m{n}") & ~pl.col(f"t{n}")
        if plan.pattern is not None:
            odd = odd & pl.col(raw).str.contains("\n", literal=True)
        texts = frame.select(pl.col(raw).filter(odd).unique())[raw].to_list()  # one column, not the wide frame
        failing = [text for text in texts if not python.match(text)]
        if failing:
            frame = frame.with_columns((pl.col(f"c{n}_pattern") | pl.col(raw).is_in(failing)).alias(f"c{n}_pattern"))
    if not frame[f"r{n}"].any():
        return frame
    rest = frame.select(pl.col(raw).filter(pl.col(f"r{n}")).unique())[raw].to_list()
    answers = _residual(plan, rest, python_reader(plan) if plan.native else reader(), n)
    joined = frame.join(answers, left_on=raw, right_on="_v", how="left", maintain_order="left")
    residual = pl.col(f"r{n}")
    settled = [
        (pl.col(f"t{n}") | (residual & pl.col("_t"))).alias(f"t{n}"),
        *[
            pl.when(residual)
            .then(pl.col(f"_c_{name}"))
            .otherwise(pl.col(f"c{n}_{name}"))
            .fill_null(False)
            .alias(f"c{n}_{name}")
            for name in plan.checked
        ],
    ]
    if keyed:
        settled.append(pl.when(residual).then(pl.col("_k")).otherwise(pl.col(f"k{n}")).alias(f"k{n}"))
    return joined.with_columns(settled).drop(answers.columns[1:])
