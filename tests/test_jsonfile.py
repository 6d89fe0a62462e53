"""Descriptors are parsed strictly (threat model F1-F4): every defect is a LoadError, never a traceback."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pledgekit.errors import LoadError
from pledgekit.io import jsonfile


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('{"version": "1", "version": "2"}', "duplicate key 'version'"),
        ('{"x": NaN}', "NaN is not valid JSON"),
        ('{"x": Infinity}', "Infinity is not valid JSON"),
        ('{"x": 1e400}', "out of range"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
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
