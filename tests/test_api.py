"""The public API: its names are pinned, and the example in docs/api.md runs as written."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

import pledgekit
from fixtures import ROOT, tiny_package

PUBLIC = [
    "EnvironmentFailure", "IntegrityError", "Issue", "Limits", "LoadError", "Location", "PledgekitError",
    "PolicyError", "Report", "Settings", "__version__", "diff", "publish", "validate", "validate_paths", "verify",
]  # fmt: skip


def test_the_public_names_are_pinned() -> None:
    assert sorted(pledgekit.__all__) == sorted(PUBLIC)
    for name in PUBLIC:
        assert getattr(pledgekit, name) is not None


def test_every_public_name_is_in_the_api_page() -> None:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    for name in PUBLIC:
        if not name.startswith("_") and name != "validate_paths":
            assert f"`{name}" in text, name


def test_the_api_page_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tiny_package(tmp_path / "datapackages" / "example-pledges")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert len(blocks) >= 4
    namespace: dict[str, object] = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for block in blocks:
            exec(compile(block, "docs/api.md", "exec"), namespace)
    lines = printed.getvalue().splitlines()
    assert lines[0] == "[('number-not-canonical', 3, 'value', '１３３４.8')]"  # the documented output
    assert "规范" in lines[1]
    assert lines[2].startswith("patch")
    assert (tmp_path / "dist" / "example-pledges" / "1.0.0").is_dir()
