"""pledgekit.models: the standard's resources as pandera schemas a user runs on a DataFrame of their own.
On the corpus's row-level cases they flag the same rows with the same codes as ``pledgekit validate``."""

from __future__ import annotations

from pathlib import Path

import pandera.errors
import polars as pl
import pytest

from corpus import CASES, make_small
from pledgekit import validate_paths
from pledgekit.checks.rules import RULES
from pledgekit.models import model

RULE_CODES = {str(rule.code) for rules in RULES.values() for rule in rules}
CODELIST_FIELDS = {"district_code", "unit", "indicator"}
ROW_CASES = ["growth-recorded-as-level", "unit-of-other-dimension", "past-target-year", "target-outside-period",
             "share-over-100", "count-not-whole", "completion-pledge-with-value", "future-metric-year",
             "actual-in-publication-year", "range-without-maximum", "period-start-after-year",
             "unknown-district-code", "percentage-points-for-percent"]  # fmt: skip


def _theirs(package: Path, resource: str) -> set[tuple[str, int, str]]:
    frame = pl.read_csv(package / "data" / f"{resource}.csv", infer_schema=False)
    sources = pl.read_csv(package / "data/sources.csv", infer_schema=False)
    try:
        model(resource, sources=sources).validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as errors:
        cases = errors.failure_cases.filter(pl.col("check").is_in([*RULE_CODES, "foreign-key"]))
        return {(resource, int(index) + 2, str(check)) for index, check in cases.select("index", "check").iter_rows()}
    return set()


@pytest.mark.parametrize("case", ROW_CASES)
def test_the_models_flag_what_validate_flags(tmp_path: Path, case: str) -> None:
    package = make_small(tmp_path / "pkg")
    CASES[case](package)
    report = validate_paths([package], cwd=package.parent)
    ours = {
        (i.location.resource, i.location.row, str(i.code))
        for i in report.issues
        if str(i.code) in RULE_CODES or (str(i.code) == "foreign-key" and i.location.field in CODELIST_FIELDS)
    }
    theirs = _theirs(package, "commitments") | _theirs(package, "metrics")
    assert ours, "the case plants a row-level error"
    assert theirs == {o for o in ours if o[0] in ("commitments", "metrics")}


def test_a_valid_frame_passes_and_a_user_frame_is_returned(tmp_path: Path) -> None:
    package = make_small(tmp_path / "pkg")
    frame = pl.read_csv(package / "data/metrics.csv", infer_schema=False)
    assert model("metrics").validate(frame).equals(frame)


def test_field_constraints_of_the_table_schema(tmp_path: Path) -> None:
    package = make_small(tmp_path / "pkg")
    frame = pl.read_csv(package / "data/metrics.csv", infer_schema=False)
    broken = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 0).then(pl.lit("２０２４")).otherwise(pl.col("year")).alias("year"),
        pl.when(pl.int_range(pl.len()) == 1).then(pl.lit("sometimes")).otherwise(pl.col("status")).alias("status"),
    )
    with pytest.raises(pandera.errors.SchemaErrors) as raised:
        model("metrics").validate(broken, lazy=True)
    found = {(c, i) for c, i in raised.value.failure_cases.select("check", "index").iter_rows()}
    assert ("number-not-canonical", 0) in found and ("enum", 1) in found


def test_an_unknown_resource_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no resource 'metric'"):
        model("metric")


def test_the_models_look_codes_up_in_a_package_s_extension_too(tmp_path: Path) -> None:
    package = make_small(tmp_path / "pkg")
    frame = pl.read_csv(package / "data/metrics.csv", infer_schema=False)
    own = frame.with_columns(pl.lit("rural-schools-added").alias("indicator")).head(1)
    indicators = pl.read_csv(package / "codelists/indicators.csv", infer_schema=False)
    extension = indicators.filter(pl.col("code") == "gdp-growth").with_columns(code=pl.lit("rural-schools-added"))
    with pytest.raises(pandera.errors.SchemaErrors) as unknown:
        model("metrics").validate(own, lazy=True)
    assert "foreign-key" in set(unknown.value.failure_cases["check"].to_list())
    assert model("metrics", extensions={"indicators": extension}).validate(own).equals(own)
    with pytest.raises(ValueError, match="no codelist 'areas'"):
        model("metrics", extensions={"areas": extension})
