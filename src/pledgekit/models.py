"""The standard's resources as pandera schemas, to check a polars DataFrame of your own in a notebook or
another program::

    import polars as pl
    from pledgekit.models import model

    metrics = pl.read_csv("data/metrics.csv", infer_schema=False)   # every cell as text, as in the CSV
    model("metrics").validate(metrics, lazy=True)                   # pandera's SchemaErrors on failure

A model holds what the standard says of one resource's rows: each field's presence, `required`, `enum`,
`pattern`, lengths, canonical numbers and bounds, the foreign keys into the codelists (districts, units,
indicators), and the domain rules, named by their issue codes (`unit-dimension-mismatch` …), which are the
same rule objects ``pledgekit validate`` runs. What needs the whole package is left to ``pledgekit
validate``: keys across rows, provenance (the source texts), consistency between rows, and the rules
that read a row's source unless its ``sources`` frame is given.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .checks import domain, numbers
from .checks.rules import RULES
from .io.tables import Table
from .standard.locate import standard_dir

if TYPE_CHECKING:
    import pandera.polars as pa
    import polars as pl

CODELISTS = ("districts", "units", "indicators")
RESOURCES = ("sources", "commitments", "metrics", *CODELISTS)


def _frame(path: Path) -> pl.DataFrame:
    import polars as pl

    return pl.read_csv(path, infer_schema=False)


def _table(name: str, frame: pl.DataFrame) -> Table:
    import polars as pl

    rows = frame.with_columns(pl.int_range(2, frame.height + 2, dtype=pl.Int64).alias("_row"))
    return Table(name, name, name, rows, None)


def _field_checks(field: dict[str, Any], codes: dict[str, set[str]], reference: str | None) -> list[pa.Check]:
    import pandera.polars as pa
    import polars as pl

    from .tableschema.fields import polars_pattern

    constraints = field.get("constraints", {})
    kind = field.get("type", "string")
    checks = []
    if "enum" in constraints:
        checks.append(pa.Check.isin([str(v) for v in constraints["enum"]], error="enum"))
    if "pattern" in constraints and (pattern := polars_pattern(constraints["pattern"])) is not None:
        checks.append(pa.Check.str_matches(pattern, error="pattern"))
    if "minLength" in constraints or "maxLength" in constraints:
        checks.append(pa.Check.str_length(constraints.get("minLength"), constraints.get("maxLength"), error="length"))
    if kind in numbers.NUMBER_PATTERNS:
        checks.append(pa.Check.str_matches(numbers.NUMBER_PATTERNS[kind], error="number-not-canonical"))
        for bound, compare in (("minimum", "ge"), ("maximum", "le")):
            if bound in constraints:
                limit = float(constraints[bound])
                checks.append(
                    pa.Check(
                        lambda data, limit=limit, compare=compare: data.lazyframe.select(
                            getattr(pl.col(data.key).cast(pl.Float64, strict=False), compare)(limit).fill_null(True)
                        ),
                        error=bound,
                    )
                )
    if reference is not None:
        checks.append(pa.Check.isin(sorted(codes[reference]), error="foreign-key"))
    return checks


def model(
    resource: str, *, sources: pl.DataFrame | None = None, standard: Path | None = None,
    extensions: Mapping[str, pl.DataFrame] | None = None,
) -> pa.DataFrameSchema:  # fmt: skip
    """The pandera schema of one of the standard's resources (``metrics``, ``commitments``, ``sources`` or a
    codelist), with the codelists of ``standard`` (default: the installed standard). ``sources``, the
    package's sources frame, lets the rules that read a row's source run (`metric-should-be-estimate` …).
    ``extensions`` maps a codelist (``indicators``, ``units``) to a package's extension rows, looked up with
    the standard's (docs/standard.md, Extensions)."""
    import pandera.polars as pa
    import polars as pl

    if resource not in RESOURCES:
        raise ValueError(f"the standard has no resource {resource!r}; it has {', '.join(RESOURCES)}")
    root = standard_dir(standard)
    schema = json.loads((root / "table" / f"{resource}.schema.json").read_text(encoding="utf-8"))
    codelists = {name: _frame(root / "codelists" / f"{name}.csv") for name in CODELISTS}
    for name, rows in (extensions or {}).items():
        if name not in codelists:
            raise ValueError(f"no codelist {name!r} to extend; the codelists are {', '.join(CODELISTS)}")
        codelists[name] = pl.concat([codelists[name], rows], how="diagonal_relaxed")
    codes = {name: set(frame["code"].drop_nulls().to_list()) for name, frame in codelists.items()}
    into = {
        tuple(fk["fields"]) if isinstance(fk["fields"], list) else (fk["fields"],): fk["reference"]["resource"]
        for fk in schema.get("foreignKeys", [])
    }
    columns = {}
    for field in schema["fields"]:
        name = field["name"]
        target = into.get((name,))
        required = bool(field.get("constraints", {}).get("required"))
        columns[name] = pa.Column(
            pl.String,
            checks=_field_checks(field, codes, target if target in CODELISTS else None),
            nullable=not required,
            required=True,
        )
    lookups = {name: _table(name, frame) for name, frame in codelists.items()}
    if sources is not None:
        lookups["sources"] = _table("sources", sources)

    def rule_check(rule: Any) -> pa.Check:
        def rows_keeping(data: Any) -> pl.LazyFrame:
            frame = domain.prepare(_table(resource, data.lazyframe.collect()), lookups)
            return frame.lazy().select(rule.ok().fill_null(True).alias(str(rule.code)))

        return pa.Check(rows_keeping, error=str(rule.code))

    return pa.DataFrameSchema(
        columns,
        checks=[rule_check(rule) for rule in RULES.get(resource, ())],
        strict=False,
        name=resource,
        description=schema.get("description"),
    )
