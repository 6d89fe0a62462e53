"""The standard's profile on datapackage.json, checked by jsonschema-rs, against the reference implementation
(Python's jsonschema, with its date-time and uri format checkers) as the oracle: the same places and keywords
on broken descriptors and on the two formats the profile uses. A profile that is not a JSON Schema refuses
the run (exit 1) instead of crashing."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from fixtures import STANDARD, tiny_package
from pledgekit.checks import descriptor
from pledgekit.errors import LoadError

PROFILE: dict[str, Any] = json.loads((STANDARD / "datapackage.profile.json").read_text(encoding="utf-8"))
ORACLE = jsonschema.Draft202012Validator(PROFILE, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
DESCRIPTOR: dict[str, Any] = {
    "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
    "name": "example-pledges",
    "title": "Example",
    "description": "A descriptor made by the test suite.",
    "contributors": [{"title": "pledgekit tests"}],
    "created": "2026-01-02T03:04:05Z",
    "homepage": "https://example.org/pledges",
    "licenses": [{"name": "CC-BY-4.0"}],
    "sources": [{"title": "示例区2024年工作报告", "path": "https://example.org/report"}],
    "resources": [
        {"name": name, "type": "table", "path": f"data/{name}.csv", "format": "csv", "mediatype": "text/csv",
         "encoding": "utf-8", "schema": f"schemas/{name}.schema.json"}
        for name in ("units", "indicators", "districts", "sources", "commitments", "metrics")
    ],
}  # fmt: skip
# A leap second: RFC 3339 and the JSON Schema test suite accept 23:59:60, the oracle's rfc3339-validator not.
LEAP_SECOND = ":60"


def ours(instance: Any) -> list[tuple[str, str]]:
    return sorted((descriptor.json_path(e.instance_path), e.kind.name) for e in descriptor.errors(instance, PROFILE))


def oracle(instance: Any) -> list[tuple[str, str]]:
    return sorted((e.json_path, str(e.validator)) for e in ORACLE.iter_errors(instance))


def _set(path: list[str | int], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(found: dict[str, Any]) -> None:
        target: Any = found
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _drop(path: list[str | int]) -> Callable[[dict[str, Any]], None]:
    def change(found: dict[str, Any]) -> None:
        target: Any = found
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return change


def _without(name: str) -> Callable[[dict[str, Any]], None]:
    return lambda found: found.__setitem__("resources", [r for r in found["resources"] if r["name"] != name])


CHANGES = {
    "as written": lambda found: None,
    "no name": _drop(["name"]),
    "name a number": _set(["name"], 7),
    "name with capitals": _set(["name"], "Example"),
    "no resources": _drop(["resources"]),
    "empty resources": _set(["resources"], []),
    "a resource without path": _drop(["resources", 0, "path"]),
    "a path with a hidden segment": _set(["resources", 4, "path"], "data/.hidden.csv"),
    "a path with a parent segment": _set(["resources", 4, "path"], "../commitments.csv"),
    "a path that is a URL": _set(["resources", 4, "path"], "https://example.org/c.csv"),
    "an encoding other than utf-8": _set(["resources", 5, "encoding"], "gbk"),
    "a date-time without zone": _set(["created"], "2026-01-02T03:04:05"),
    "a date-time with a space": _set(["created"], "2026-01-02 03:04:05Z"),
    "a date that does not exist": _set(["created"], "2026-02-30T03:04:05Z"),
    "a homepage over http": _set(["homepage"], "http://example.org/"),
    "a homepage with a space": _set(["homepage"], "https://example.org/a b"),
    "a homepage with a bad escape": _set(["homepage"], "https://example.org/%zz"),
    "a source path with a brace": _set(["sources", 0, "path"], "https://example.org/{x}"),
    "licenses not a list": _set(["licenses"], {"name": "CC-BY-4.0"}),
    "no districts": _without("districts"),
    "no metrics": _without("metrics"),
    "no units and no sources": lambda found: (_without("units")(found), _without("sources")(found)),
}


@pytest.mark.parametrize("case", CHANGES)
def test_broken_descriptors_break_the_profile_where_the_reference_implementation_says(case: str) -> None:
    instance = copy.deepcopy(DESCRIPTOR)
    CHANGES[case](instance)
    assert ours(instance) == oracle(instance)
    assert bool(ours(instance)) is (case != "as written"), "each change breaks the profile, or tests nothing"


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.from_regex(r"\A\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})?\Z"),
        st.text(alphabet="0123456789-:TZ+. ", max_size=26),
    )
)
def test_date_time_as_the_reference_implementation_reads_it(value: str) -> None:
    instance = {**DESCRIPTOR, "created": value}
    if LEAP_SECOND not in value:
        assert ours(instance) == oracle(instance)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abz09-._~:/?#[]@!$&'()*+,;=% {}|^`\\<>\"中", max_size=24))
def test_a_uri_as_the_reference_implementation_reads_it(tail: str) -> None:
    instance = {**DESCRIPTOR, "homepage": f"https://{tail}"}
    assert ours(instance) == oracle(instance)


def test_a_leap_second_is_a_date_time_as_rfc_3339_says() -> None:
    assert ours({**DESCRIPTOR, "created": "2016-12-31T23:59:60Z"}) == []
    assert ours({**DESCRIPTOR, "created": "2016-12-31T23:59:61Z"}) == [("$.created", "format")]


def test_a_missing_resource_is_named() -> None:
    package = {**DESCRIPTOR, "resources": [r for r in DESCRIPTOR["resources"] if r["name"] != "districts"]}
    errors = descriptor.errors(package, PROFILE)
    assert [descriptor.required_resource(error, PROFILE) for error in errors] == ["districts"]


def test_a_profile_that_is_not_a_json_schema_is_refused() -> None:
    with pytest.raises(LoadError) as caught:
        descriptor.errors(DESCRIPTOR, {**PROFILE, "type": "nope"}, "standard/datapackage.profile.json")
    assert caught.value.code == "profile-invalid"
    assert caught.value.exit_code == 1
    assert "$.type" in str(caught.value)


def test_validate_with_a_broken_profile_names_it_and_exits_1(tmp_path: Path) -> None:
    standard = tmp_path / "standard"
    shutil.copytree(STANDARD, standard)
    profile = standard / "datapackage.profile.json"
    profile.write_text(json.dumps({**PROFILE, "required": "name"}), encoding="utf-8")
    package = tiny_package(tmp_path / "example-pledges")
    result = run_cli("validate", str(package), "--standard", str(standard), cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "[profile-invalid]" in result.stderr
    assert "datapackage.profile.json" in result.stderr
    assert "$.required" in result.stderr
