"""Descriptors are parsed strictly (threat model F1-F4): every defect is a LoadError, never a traceback."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fixtures
from pledgekit import Limits, Settings, validate_paths
from pledgekit.errors import LoadError
from pledgekit.io import jsonfile


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('{"version": "1", "version": "2"}', "duplicate key 'version'"),
        ('{"x": NaN}', "NaN is not valid JSON"),
        ('{"x": Infinity}', "Infinity is not valid JSON"),
        ('{"x": 1e400}', "out of range"),
        ("[" * 100_000 + "]" * 100_000, "nested more than 64 levels deep"),
        ("[" * 65 + "]" * 65, "nested more than 64 levels deep"),
        ('{"x": ' + "9" * 5000 + "}", "invalid JSON"),
        ('{"x": 1', "invalid JSON"),
    ],
)
def test_defects_are_load_errors(text: str, fragment: str) -> None:
    with pytest.raises(LoadError) as caught:
        jsonfile.loads(text, origin="datapackage.json")
    assert fragment in caught.value.message
    assert caught.value.path == "datapackage.json"


def test_large_files_are_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 2_000)
    with pytest.raises(LoadError, match="over the 1000-byte limit"):
        jsonfile.load(path, max_bytes=1_000)


def test_non_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gbk.json"
    path.write_bytes('{"title": "大兴区"}'.encode("gbk"))
    with pytest.raises(LoadError, match="not UTF-8 at byte 11"):
        jsonfile.load(path)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_prop_any_text_parses_or_is_a_load_error(text: str) -> None:
    with contextlib.suppress(LoadError):
        jsonfile.loads(text, origin="d")


def test_depth_is_counted_without_recursion() -> None:
    assert jsonfile.depth(1) == 0
    assert jsonfile.depth({"a": [1, {"b": []}]}) == 4
    deep: list[object] = []
    for _ in range(100_000):
        deep = [deep]
    assert jsonfile.depth(deep) == 100_001
    assert jsonfile.loads("[" * 64 + "]" * 64, origin="x") is not None


@pytest.mark.parametrize("command", ["validate", "publish"])
def test_a_deeply_nested_extra_key_is_refused_by_every_command(package_copy: Path, command: str) -> None:
    """An extra key nested 900 levels deep (under the parser's own limit) once passed validate and crashed
    publish (RecursionError, exit 70): both refuse it now, naming the file."""
    import json

    from conftest import run_cli

    descriptor = package_copy / "datapackage.json"
    text = descriptor.read_text(encoding="utf-8").rstrip().removesuffix("}")
    descriptor.write_text(text + ', "x-extra": ' + '{"k":' * 900 + "{}" + "}" * 900 + "}", encoding="utf-8")
    json.loads(descriptor.read_text(encoding="utf-8"))  # valid JSON
    args = ["--out", str(package_copy.parent.parent / "dist")] if command == "publish" else []
    result = run_cli(command, *args, cwd=package_copy.parent.parent)
    said = result.stdout + result.stderr  # validate reports it as an issue, publish as a refusal
    assert result.returncode == 1, said
    assert "datapackage.json" in said and "nested more than 64 levels deep" in said


def test_a_sparse_two_gigabyte_schema_is_refused_from_its_size(tmp_path: Path) -> None:
    """A 2 GB sparse file (no disk used) once bypassed the limit: its size is read, never its bytes."""
    path = tmp_path / "huge.schema.json"
    with path.open("wb") as handle:
        handle.truncate(2_000_000_000)
    with pytest.raises(LoadError, match="over the 1000000-byte limit"):
        jsonfile.load(path)


@pytest.mark.parametrize(
    ("limits", "said"),
    [(Limits(json_bytes=200), "over the 200-byte limit"), (Limits(json_depth=2), "nested more than 2 levels")],
)
def test_the_json_limits_are_settings_of_a_run(tmp_path: Path, limits: Limits, said: str) -> None:
    package = fixtures.tiny_package(tmp_path / "pkg")
    assert validate_paths([package], cwd=tmp_path).valid  # within the defaults
    report = validate_paths([package], cwd=tmp_path, settings=Settings(limits=limits))
    [issue] = report.issues
    assert issue.code == "package-unreadable" and said in (issue.note or "")
