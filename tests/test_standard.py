"""The standard: valid schemas, complete bilingual metadata, bounded numbers, clean codelists, no drift."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import frictionless
import jsonschema
import pytest

from conftest import BUNDLED, STANDARD, read_rows
from pledgekit.standard import copies

TABLE_SCHEMAS = sorted((STANDARD / "table").glob("*.schema.json"))
CODELISTS = {p.stem: read_rows(p) for p in sorted((STANDARD / "codelists").glob("*.csv"))}


def _load(path: Path) -> dict[str, object]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("path", TABLE_SCHEMAS, ids=[p.name for p in TABLE_SCHEMAS])
def test_table_schema_is_a_valid_frictionless_schema(path: Path) -> None:
    report = frictionless.Schema.validate_descriptor(str(path))
    assert report.valid, [e.message for e in report.errors]


@pytest.mark.parametrize("path", TABLE_SCHEMAS, ids=[p.name for p in TABLE_SCHEMAS])
def test_every_field_is_described_in_zh_and_en_and_numbers_are_bounded(path: Path) -> None:
    schema = _load(path)
    fields = schema["fields"]
    assert isinstance(fields, list)
    for field in fields:
        for key in ("title", "title_zh", "description", "description_zh"):
            assert field.get(key), f"{path.name}: {field['name']} lacks {key}"
        if field["type"] in ("number", "integer"):
            constraints = field.get("constraints", {})
            assert "minimum" in constraints and "maximum" in constraints, f"{path.name}: {field['name']} is unbounded"
    assert schema["primaryKey"]


def test_table_schemas_reference_only_existing_resources_and_fields() -> None:
    names = {p.name.removesuffix(".schema.json"): _load(p) for p in TABLE_SCHEMAS}
    for name, schema in names.items():
        for fk in schema.get("foreignKeys", []):  # type: ignore[union-attr]
            target = names[fk["reference"]["resource"] or name]
            target_fields = {f["name"] for f in target["fields"]}  # type: ignore[union-attr]
            assert set(fk["reference"]["fields"]) <= target_fields


def test_descriptor_profile_is_a_valid_2020_12_json_schema() -> None:
    profile = _load(STANDARD / "datapackage.profile.json")
    assert profile["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(profile)


@pytest.mark.parametrize("name", sorted(CODELISTS))
def test_codelists_have_no_duplicate_codes_or_labels(name: str) -> None:
    rows = CODELISTS[name]
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes))
    label = {"districts": "code", "units": "symbol_zh", "indicators": "code"}[name]  # division names repeat
    assert len({r[label] for r in rows}) == len(rows)


def test_districts_are_the_divisions_of_all_china_with_their_history() -> None:
    rows = CODELISTS["districts"]
    by_code = {r["code"]: r for r in rows}
    assert all(re.fullmatch(r"[1-9][0-9]{5}", code) for code in by_code)
    assert {r["parent"] for r in rows} - {""} <= set(by_code)
    assert {r["code"] for r in rows if not r["parent"]} == {r["code"] for r in rows if r["level"] == "province"}
    assert all(not r["valid_from"] or not r["valid_to"] or r["valid_from"] <= r["valid_to"] for r in rows)
    current = [r for r in rows if not r["valid_to"]]
    assert len([r for r in current if r["level"] == "province"]) == 34
    assert len(current) > 3000
    beijing = {r["code"] for r in current if r["parent"] == "110000"}
    assert beijing == {f"1101{n:02d}" for n in (1, 2, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19)}
    # 密云县 and 延庆县 became districts in 2015 under new codes
    assert (by_code["110228"]["name_zh"], by_code["110228"]["valid_to"]) == ("密云县", "2015-10")
    assert (by_code["110118"]["name_zh"], by_code["110118"]["valid_from"]) == ("密云区", "2015-11")
    assert (by_code["110229"]["valid_to"], by_code["110119"]["valid_from"]) == ("2015-10", "2015-11")
    assert by_code["110118"]["valid_to"] == by_code["110228"]["valid_from"] == ""


def test_traditional_names_are_not_over_converted() -> None:
    by_code = {r["code"]: r for r in CODELISTS["districts"]}
    assert by_code["110108"]["name_zh_hant"] == "海淀區"
    assert not [r["code"] for r in CODELISTS["districts"] if "澱" in r["name_zh_hant"]]
    assert {"城市副中心", "北京城市副中心"}.isdisjoint(by_code["110112"]["aliases"].split("|"))


def test_every_indicator_dimension_exists_in_the_units_codelist() -> None:
    dimensions = {u["dimension"] for u in CODELISTS["units"]}
    missing = {i["code"]: i["dimension"] for i in CODELISTS["indicators"] if i["dimension"] not in dimensions}
    assert missing == {}


def test_indicator_concepts_are_indicators() -> None:
    codes = {i["code"] for i in CODELISTS["indicators"]}
    assert {i["concept"] for i in CODELISTS["indicators"]} <= codes


def test_each_unit_converts_to_a_base_unit_of_its_own_dimension() -> None:
    units = {u["code"]: u for u in CODELISTS["units"]}
    for unit in units.values():
        base = units[unit["base_unit"]]
        assert base["dimension"] == unit["dimension"]
        assert Decimal(base["factor"]) == 1


def test_percent_and_percentage_points_and_different_counts_never_share_a_base() -> None:
    units = {u["code"]: u for u in CODELISTS["units"]}
    assert units["pct"]["base_unit"] != units["pp"]["base_unit"]
    assert len({units[c]["base_unit"] for c in ("school", "bed", "dwelling", "item")}) == 4
    assert units["usd-100m"]["base_unit"] != units["cny-100m"]["base_unit"]


def test_package_copies_of_the_standard_do_not_drift() -> None:
    assert [c.target for c in copies.drift(STANDARD, BUNDLED)] == []


def test_drift_is_detected_and_sync_repairs_it(package_copy: Path) -> None:
    (package_copy / "codelists/units.csv").write_text("code\n", encoding="utf-8")
    (package_copy / "schemas/metrics.schema.json").unlink()
    assert sorted(c.target for c in copies.drift(STANDARD, package_copy)) == [
        "codelists/units.csv",
        "schemas/metrics.schema.json",
    ]
    assert sorted(copies.sync(STANDARD, package_copy)) == ["codelists/units.csv", "schemas/metrics.schema.json"]
    assert copies.drift(STANDARD, package_copy) == []


def test_the_indicator_vocabulary_is_core_and_specific_indicators() -> None:
    from pledgekit.standard.vocabulary import problems

    rows = CODELISTS["indicators"]
    assert problems(rows) == []
    core = [r for r in rows if not r["broader"]]
    assert core and len(core) < len(rows), "a core set, and specific indicators that narrow it"


def test_every_level_indicator_is_a_stock_or_a_flow_and_no_other_kind_has_a_measure() -> None:
    rows = CODELISTS["indicators"]
    level = {r["code"]: r["measure"] for r in rows if r["kind"] == "level"}
    assert level and {code for code, measure in level.items() if measure not in ("stock", "flow")} == set()
    assert {r["code"]: r["measure"] for r in rows if r["kind"] != "level" and r["measure"]} == {}


def _indicator(code: str, broader: str = "", definition: str = "x") -> dict[str, str]:
    return {"code": code, "broader": broader, "definition_zh": definition, "definition_en": definition}


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([_indicator("gdp"), _indicator("gdp-growth", "gdp")], []),
        ([_indicator("gdp", definition="")], ["gdp: a core indicator needs definition_zh and definition_en"]),
        ([_indicator("gdp-growth", "gdp")], ["gdp-growth: broader 'gdp' is not an indicator"]),
        (
            [_indicator("gdp"), _indicator("gdp-growth", "gdp"), _indicator("gdp-q", "gdp-growth")],
            ["gdp-q: broader 'gdp-growth' is not a core indicator (it has a broader itself)"],
        ),
        (
            [_indicator("a", "b"), _indicator("b", "a")],
            [
                "a: broader 'b' is not a core indicator (it has a broader itself)",
                "a: broader indicators form a cycle: a → b → a",
                "b: broader 'a' is not a core indicator (it has a broader itself)",
                "b: broader indicators form a cycle: b → a → b",
            ],
        ),
        (
            [_indicator("a", "a")],
            [
                "a: broader 'a' is not a core indicator (it has a broader itself)",
                "a: broader indicators form a cycle: a → a",
            ],
        ),
    ],
)
def test_the_vocabulary_rules_find_each_broken_hierarchy(rows: list[dict[str, str]], expected: list[str]) -> None:
    from pledgekit.standard.vocabulary import problems

    assert problems(rows) == expected


def test_indicator_kinds_that_may_fall_are_the_ones_whose_values_may_be_negative() -> None:
    kinds = {f["name"]: f for f in _load(STANDARD / "table/indicators.schema.json")["fields"]}["kind"]  # type: ignore[index]
    assert set(kinds["constraints"]["enum"]) >= {"growth", "change", "level", "share"}
    for resource, field in (("metrics", "value"), ("commitments", "target_value"), ("commitments", "baseline_value")):
        fields = {f["name"]: f for f in _load(STANDARD / f"table/{resource}.schema.json")["fields"]}  # type: ignore[index]
        assert fields[field]["constraints"]["minimum"] < 0, f"{resource}.{field} cannot record a fall"


def test_synced_copies_get_the_mode_of_any_new_file(package_copy: Path, tmp_path: Path) -> None:
    """Synced copies were once mode 0600 (a private temporary file renamed into place), so a web server or a
    colleague could not read them: they get the mode any new file gets (the umask's)."""
    import stat

    (package_copy / "schemas/metrics.schema.json").unlink()
    (package_copy / "codelists/units.csv").write_text("code\n", encoding="utf-8")
    copies.sync(STANDARD, package_copy)
    reference = tmp_path / "reference"
    reference.write_bytes(b"")
    for relpath in ("schemas/metrics.schema.json", "codelists/units.csv"):
        assert stat.S_IMODE((package_copy / relpath).stat().st_mode) == stat.S_IMODE(reference.stat().st_mode)


def test_a_copy_of_another_size_is_drift_without_being_read(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 2 GB sparse file in place of a schema copy was read whole to compare it (48 s, 2 GB): a copy of
    another size, or a symlink, is drift from its size and type alone."""
    schema = package_copy / "schemas/metrics.schema.json"
    schema.unlink()
    with schema.open("wb") as handle:
        handle.truncate(2_000_000_000)
    (package_copy / "schemas/units.schema.json").unlink()
    (package_copy / "schemas/units.schema.json").symlink_to(STANDARD / "table/units.schema.json")
    read: list[Path] = []
    real = Path.read_bytes

    def recording(self: Path) -> bytes:
        read.append(self)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", recording)
    stale = sorted(c.target for c in copies.drift(STANDARD, package_copy))
    assert stale == ["schemas/metrics.schema.json", "schemas/units.schema.json"]
    assert schema not in read and package_copy / "schemas/units.schema.json" not in read
