"""docs/cli.md and the command line cannot disagree: the page's synopses and option lists are generated from
the commands (``python -m pledgekit.cli.reference docs/cli.md``) and this file fails when they are stale."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
import typer.main
from typer.core import TyperGroup, TyperOption

from conftest import ROOT, run_cli
from pledgekit.cli import app, options, reference

PAGE = ROOT / "docs" / "cli.md"
# typer's value placeholders: `<bool>`, `<int range>`, `<list[Path]>`, `<text|json>`, `<path>`…
PLACEHOLDER = re.compile(
    r"<(?:bool|int|float|str|text|path|file|directory|uuid|datetime|[^<>\s]*[|\[][^<>]*|\w+ range)>"
)


def _page() -> str:
    return PAGE.read_text(encoding="utf-8")


def _runnable() -> list[str]:
    """Every command a user can type, walked here from the click objects (not through the generator)."""
    names: list[str] = []

    def walk(prefix: list[str], group: TyperGroup) -> None:
        for name, command in group.commands.items():
            if isinstance(command, TyperGroup):
                walk([*prefix, name], command)
            else:
                names.append(" ".join([*prefix, name]))

    root = typer.main.get_command(app)
    assert isinstance(root, TyperGroup)
    walk([], root)
    return names


def test_the_committed_page_is_what_the_commands_generate() -> None:
    stale = reference.drift(_page(), app)
    assert stale == [], "docs/cli.md is stale; run `python -m pledgekit.cli.reference docs/cli.md`:\n" + "\n".join(
        stale
    )


def test_a_changed_help_text_is_named_as_drift() -> None:
    text = _page().replace("Print the plan; write nothing.", "Print the plan.")
    assert reference.drift(text, app) == ["pledgekit publish options: differs from the command"]


def test_a_command_without_its_blocks_and_a_block_of_no_command_are_named() -> None:
    text = _page().replace("[[[generated: pledgekit verify usage]]]", "[[[generated: pledgekit verfiy usage]]]")
    assert sorted(reference.drift(text, app)) == [
        "pledgekit verfiy usage: names no command",
        "pledgekit verify usage: missing",
    ]


def test_regenerating_rewrites_a_stale_block_and_keeps_the_prose(tmp_path: Path) -> None:
    page = tmp_path / "cli.md"
    page.write_text(_page().replace("- `--dry-run`: Print the plan; write nothing.\n", ""), encoding="utf-8")
    assert reference.main([str(page), "--check"]) == 1
    assert reference.main([str(page)]) == 0
    assert page.read_text(encoding="utf-8") == _page()


@pytest.mark.parametrize("name", _runnable())
def test_every_command_and_sub_command_has_a_section_with_its_generated_blocks(name: str) -> None:
    text = _page()
    section = text.split(f"## `pledgekit {name}`\n", 1)
    assert len(section) == 2, f"pledgekit {name} has no section"
    body = section[1].split("\n## ", 1)[0]
    for part in ("usage", "options"):
        assert f"<!-- [[[generated: pledgekit {name} {part}]]] -->" in body, f"pledgekit {name}: no {part} block"


def test_the_page_shows_no_type_placeholder() -> None:
    assert PLACEHOLDER.findall(_page()) == []
    for match in reference.BLOCK.finditer(_page()):
        assert "<" not in match["body"], match["key"]


def test_the_placeholder_pattern_finds_what_typer_would_print() -> None:
    for shown in ("<bool>", "<int range>", "<list[Path]>", "<text|json>", "<path>"):
        assert PLACEHOLDER.search(f"--x {shown}"), shown
    assert PLACEHOLDER.search("DIR/<package>/<version>/ and .pledgekit-backup/<time>/") is None


@pytest.mark.parametrize("name", ["", *_runnable()])
def test_help_shows_no_bool_placeholder_not_even_for_help(name: str) -> None:
    result = run_cli(*name.split(), "--help", cwd=ROOT)
    assert result.returncode == 0
    assert "<bool>" not in result.stdout


@pytest.mark.parametrize("name", ["", *_runnable()])
def test_help_wraps_sentences_to_the_terminal_not_at_the_docstring_line_breaks(name: str) -> None:
    """On a wide terminal every paragraph of a command's help is one line: the docstring's own line breaks
    (``… 5 a file\\n changed while …``) never show as a sentence cut in two."""
    command = reference.commands(app)[f"pledgekit {name}".strip()]
    paragraphs = [p for p in (command.help or "").split("\n\n") if not p.startswith("\b")]
    result = run_cli(*name.split(), "--help", cwd=ROOT, env={"COLUMNS": "1000"})
    assert result.returncode == 0
    shown = [line.strip(" │") for line in result.stdout.splitlines()]
    for paragraph in paragraphs:
        assert "\n" not in paragraph, (name, paragraph)
        assert paragraph.strip() in shown, (name, paragraph)


def _documented_formats(name: str) -> list[str] | None:
    block = re.search(rf"<!-- \[\[\[generated: pledgekit {name} options\]\]\] -->\n(.*?)<!--", _page(), re.S)
    assert block, name
    found = re.search(r"^- `--format`, `-f` `([^`]+)`", block.group(1), re.M)
    return found.group(1).split("|") if found else None


@pytest.mark.parametrize("name", _runnable())
def test_format_lists_exactly_the_choices_the_command_accepts(name: str) -> None:
    command = reference.commands(app)[f"pledgekit {name}"]
    option = next((p for p in command.params if isinstance(p, TyperOption) and "--format" in p.opts), None)
    documented = _documented_formats(name)
    if option is None:
        assert documented is None, f"{name} documents a --format it does not take"
        return
    ctx = command.context_class(command)
    candidates = {*options.OutputFormat, *options.DataFormat, "xml", "csv", "TEXT"}
    accepted = set()
    for value in sorted(str(c) for c in candidates):
        try:
            option.process_value(ctx, value)
        except typer.BadParameter:
            continue
        accepted.add(value)
    assert documented is not None and set(documented) == accepted, name
    assert len(documented) == len(accepted)


@pytest.mark.parametrize("name", sorted(reference.commands(app)))
def test_no_help_text_holds_what_rich_would_take_for_markup(name: str) -> None:
    """``--help`` renders help texts as rich markup, where ``[tool.pledgekit]`` is a style tag and vanishes."""
    command = reference.commands(app)[name]
    for text in [command.help or "", *(getattr(p, "help", None) or "" for p in command.params)]:
        assert not re.search(r"\[[A-Za-z#/@]", text), (name, text)
