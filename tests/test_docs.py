"""Docs and code are kept in sync: every command and option, every issue code, every resource field."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import typer.main
from typer.core import TyperGroup

from conftest import ROOT, STANDARD
from pledgekit.cli import app
from pledgekit.messages.issues import CATALOGUE

DOCS = ROOT / "docs"


def _commands() -> list[tuple[str, Any]]:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    found: list[tuple[str, Any]] = []
    for name, command in group.commands.items():
        if isinstance(command, TyperGroup):
            found += [(f"{name} {sub}", c) for sub, c in command.commands.items()]
        else:
            found.append((name, command))
    return found


@pytest.mark.parametrize(("name", "command"), _commands(), ids=[n for n, _ in _commands()])
def test_every_command_and_option_is_documented(name: str, command: Any) -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert f"## `pledgekit {name}`" in text
    section = text.split(f"## `pledgekit {name}`", 1)[1].split("\n## ", 1)[0]
    assert command.help
    for param in command.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--") and opt != "--help":
                assert f"`{opt}`" in section, f"{name}: {opt} is not documented"


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_issue_code_is_documented_with_an_example(code: str) -> None:
    text = (DOCS / "codes.md").read_text(encoding="utf-8")
    match = re.search(rf"^### `{re.escape(code)}`\n(.*?)(?=^### |\Z)", text, re.M | re.S)
    assert match, f"{code} is not in docs/codes.md"
    assert "Example:" in match.group(1)


def test_docs_list_no_code_that_does_not_exist() -> None:
    text = (DOCS / "codes.md").read_text(encoding="utf-8")
    assert set(re.findall(r"^### `([a-z0-9-]+)`", text, re.M)) == set(CATALOGUE)


def test_every_field_of_the_standard_is_in_the_standard_doc() -> None:
    text = (DOCS / "standard.md").read_text(encoding="utf-8")
    for path in sorted((STANDARD / "table").glob("*.schema.json")):
        resource = path.name.removesuffix(".schema.json")
        section = text.split(f"### `{resource}`", 1)
        assert len(section) == 2, f"{resource} has no section"
        body = section[1].split("\n### ", 1)[0]
        for field in json.loads(path.read_text(encoding="utf-8"))["fields"]:
            assert f"`{field['name']}`" in body, f"{resource}.{field['name']}"


def test_the_generated_field_reference_is_current() -> None:
    from pledgekit.standard import reference

    text = (DOCS / "standard.md").read_text(encoding="utf-8")
    block = text.split("<!-- generated: pledgekit standard docs -->\n", 1)[1].split("<!-- end generated -->", 1)[0]
    assert block == reference.render(STANDARD)
