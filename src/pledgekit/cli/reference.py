"""The generated parts of ``docs/cli.md``: each command's synopsis and option list, read from the typer app.

The page's prose is written by hand; only the blocks between ``<!-- [[[generated: pledgekit validate usage]]] -->``
(or ``… options]]] -->``) and ``<!-- [[[end]]] -->`` are generated, from the command objects themselves (names,
metavars, the choices of an enum-typed option, defaults, ranges, environment variables, help texts)::

    python -m pledgekit.cli.reference docs/cli.md          # rewrite the generated blocks in place
    python -m pledgekit.cli.reference docs/cli.md --check  # exit 1 naming every block that is stale
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
import typing
from enum import Enum
from pathlib import Path
from typing import Any

import typer
import typer.main
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

Command = TyperCommand | TyperGroup
Param = TyperArgument | TyperOption

BLOCK = re.compile(r"<!-- \[\[\[generated: (?P<key>[^\]]+)\]\]\] -->\n(?P<body>.*?)<!-- \[\[\[end\]\]\] -->", re.S)
WIDTH = 110  # lines wrap here: the synopsis under its first option, a bullet indented


def commands(app: typer.Typer) -> dict[str, Command]:
    """Every command a user can run, by its full name: ``pledgekit``, ``pledgekit validate``,
    ``pledgekit catalog rebuild``… (a group is listed through its sub-commands, the top level for its own options)."""
    root = typer.main.get_command(app)
    assert isinstance(root, TyperGroup)
    found: dict[str, Command] = {"pledgekit": root}

    def walk(prefix: str, group: TyperGroup) -> None:
        for name, command in group.commands.items():
            if isinstance(command, TyperGroup):
                walk(f"{prefix} {name}", command)
            elif isinstance(command, TyperCommand):
                found[f"{prefix} {name}"] = command

    walk("pledgekit", root)
    return found


def _params(command: Command) -> list[Param]:
    return [p for p in command.params if isinstance(p, TyperArgument | TyperOption) and not p.hidden]


def _choices(param: Param, hints: dict[str, Any]) -> list[str]:
    """The values an enum-typed parameter accepts, read from the command function's annotation."""
    hint = hints.get(param.name or "")
    for candidate in typing.get_args(hint) or (hint,):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return [str(member.value) for member in candidate]
    return []


def _is_flag(param: Param) -> bool:
    return isinstance(param, TyperOption) and param.is_flag


def _value(param: Param, hints: dict[str, Any]) -> str:
    """What follows an option (or stands for an argument): its choices, its metavar, or its name."""
    choices = _choices(param, hints)
    word = "|".join(choices) if choices else (param.metavar or (param.name or "").upper())
    return f"{word}..." if isinstance(param, TyperArgument) and param.nargs != 1 else word


def _long(option: TyperOption) -> str:
    return next((o for o in option.opts if o.startswith("--")), option.opts[0])


def _token(param: Param, hints: dict[str, Any]) -> str:
    if isinstance(param, TyperArgument):
        word = _value(param, hints)
    elif param.is_flag:
        word = "/".join([_long(param), *param.secondary_opts])
    else:
        word = f"{_long(param)} {_value(param, hints)}"
    return word if param.required else f"[{word}]"


def usage(name: str, command: Command) -> str:
    """The ``sh`` synopsis: the command, its arguments and options in their order, wrapped at ``WIDTH``."""
    hints = _hints(command)
    tokens = [_token(p, hints) for p in _params(command)]
    if isinstance(command, TyperGroup):
        tokens.append("COMMAND [ARGS]...")
    lines = [name]
    for token in tokens:
        if len(lines[-1]) + 1 + len(token) > WIDTH and lines[-1].strip() != name:
            lines.append(" " * len(name))
        lines[-1] += f" {token}"
    return "```sh\n" + "\n".join(lines) + "\n```\n"


def _default(param: Param) -> str | None:
    if isinstance(param.show_default, str):
        return param.show_default
    if param.show_default is False or param.required:
        return None
    value = param.default
    if isinstance(param, TyperOption) and param.is_flag:  # a plain flag is off unless given
        return (param.opts if value else param.secondary_opts)[0] if param.secondary_opts else None
    if value is None or value in ("", [], ()):
        return None
    return str(value.value if isinstance(value, Enum) else value)


def _range(param: Param) -> str | None:
    # typer ≥ 0.29 keeps a parameter's bounds on the parameter, earlier versions on its click range type
    kind = getattr(param, "type", None)
    low = getattr(param, "min", getattr(kind, "min", None))
    high = getattr(param, "max", getattr(kind, "max", None))
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f"at least {low}"
    return None if high is None else f"at most {high}"


def _item(param: Param, hints: dict[str, Any]) -> str:
    if isinstance(param, TyperArgument):
        label = f"`{_value(param, hints)}`"
    else:
        names = [*param.opts, *param.secondary_opts]
        label = (" / " if param.secondary_opts else ", ").join(f"`{o}`" for o in names)
        if not param.is_flag:
            label += f" `{_value(param, hints)}`"
    facts = ["required"] if param.required else []
    facts += [f for f in (_range(param),) if f]
    if (default := _default(param)) is not None:
        facts.append(f"default `{default}`")
    if isinstance(param, TyperOption) and param.envvar and param.show_envvar:
        envvars = [param.envvar] if isinstance(param.envvar, str) else list(param.envvar)
        facts.append("environment " + ", ".join(f"`{e}`" for e in envvars))
    said = f" ({', '.join(facts)})" if facts else ""
    line = f"- {label}{said}: {param.help or ''}"
    return textwrap.fill(line, WIDTH, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False) + "\n"


def option_list(command: Command) -> str:
    """One bullet per argument and option (``--help`` aside): names, value, facts in brackets, help text."""
    hints = _hints(command)
    return "".join(_item(p, hints) for p in _params(command))


def _hints(command: Command) -> dict[str, Any]:
    return typing.get_type_hints(command.callback) if command.callback is not None else {}


def blocks(app: typer.Typer) -> dict[str, str]:
    """Every generated block of the page, by its marker key (``pledgekit validate usage``…)."""
    found: dict[str, str] = {}
    for name, command in commands(app).items():
        found[f"{name} usage"] = usage(name, command)
        found[f"{name} options"] = option_list(command)
    return found


def update(text: str, app: typer.Typer) -> str:
    """The page with every generated block rewritten; a marker naming no command is left as it is."""
    wanted = blocks(app)

    def fill(match: re.Match[str]) -> str:
        body = wanted.get(match["key"], match["body"])
        return f"<!-- [[[generated: {match['key']}]]] -->\n{body}<!-- [[[end]]] -->"

    return BLOCK.sub(fill, text)


def drift(text: str, app: typer.Typer) -> list[str]:
    """What is stale in the page, one line per block: changed, missing (a command without its block) or
    unknown (a block naming no command)."""
    wanted = blocks(app)
    found = {m["key"]: m["body"] for m in BLOCK.finditer(text)}
    stale = [f"{key}: differs from the command" for key in wanted if key in found and found[key] != wanted[key]]
    stale += [f"{key}: missing" for key in wanted if key not in found]
    return stale + [f"{key}: names no command" for key in found if key not in wanted]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m pledgekit.cli.reference", description=__doc__)
    parser.add_argument("page", type=Path, help="the Markdown page, e.g. docs/cli.md")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a block is stale")
    args = parser.parse_args(argv)
    from . import app

    text = args.page.read_text(encoding="utf-8")
    if args.check:
        stale = drift(text, app)
        for line in stale:
            print(f"{args.page}: {line}", file=sys.stderr)
        return 1 if stale else 0
    args.page.write_text(update(text, app), encoding="utf-8")
    unmarked = [line for line in drift(text, app) if not line.endswith("differs from the command")]
    for line in unmarked:
        print(f"{args.page}: {line} (its markers are placed by hand)", file=sys.stderr)
    return 1 if unmarked else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
