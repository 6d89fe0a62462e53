"""Settings of a validation run, passed down explicitly (no module-level state), and the configuration file
of a data repository."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UsageError
from .io.jsonfile import MAX_DEPTH, MAX_JSON_BYTES

# The steps a package goes through; the CLI's progress bar advances one tick per step.
STEPS = ("descriptor", "tables", "keys and consistency", "files")


@dataclass(frozen=True)
class Limits:
    """Caps checked before the work they bound (docs/threat-model.md C4-C5, F1): each refuses an input
    before it is read or parsed, never after."""

    file_bytes: int = 50_000_000  # a CSV resource or a source text
    cell_bytes: int = 32_768  # one cell
    columns: int = 200  # a header
    json_bytes: int = MAX_JSON_BYTES  # a descriptor, Table Schema or dialect file
    json_depth: int = MAX_DEPTH  # objects and arrays inside each other in a JSON file
    workbook_bytes: int = 50_000_000  # a workbook to import
    workbook_unpacked_bytes: int = 200_000_000  # its parts once decompressed (a 1.5 MB file can hold 1.5 GB)


@dataclass(frozen=True)
class Settings:
    limits: Limits = field(default_factory=Limits)
    # called as (package, step) before each step: the CLI draws a progress bar from it on a terminal
    on_step: Callable[[str, str], None] | None = None
    # files are read in batches of about this many bytes; a smaller file is one batch, and so is a resource
    # held whole for lookups (codelists, sources). The verdict and every issue are the same for any batch
    # size: it only bounds memory.
    batch_bytes: int = 8_000_000
    # batches checked at once, on threads (the reading and parsing of the file stays in order)
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)

    def step(self, package: str, name: str) -> None:
        if self.on_step is not None:
            self.on_step(package, name)


# The project configuration: ``pledgekit.toml`` (top-level keys) or the ``[tool.pledgekit]`` table of
# ``pyproject.toml``, found from the working directory upward (docs/cli.md, "Configuration").
CONFIG_FILES = ("pledgekit.toml", "pyproject.toml")
CONFIG_KEYS = {
    "standard": "the folder of the data standard, relative to the file",
    "ckan_url": "the CKAN site `pledgekit push` sends releases to (--url)",
    "ckan_organization": "the CKAN organization that owns the datasets (--organization)",
    "base_url": "the public URL of the releases folder (push --base-url)",
}
PUSH_KEYS = ("ckan_url", "ckan_organization", "base_url")


@dataclass(frozen=True)
class ProjectConfig:
    """What a data repository's configuration file says; ``path`` is the file it was read from."""

    path: Path
    standard: Path | None = None
    push: dict[str, str] = field(default_factory=dict)  # ckan_url, ckan_organization, base_url when given

    @property
    def shown(self) -> str:
        return str(self.path) if self.path.name == "pledgekit.toml" else f"{self.path} [tool.pledgekit]"


def _table(path: Path) -> dict[str, Any] | None:
    """The pledgekit table of a configuration file (None: a pyproject.toml without one)."""
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError("config-invalid", f"not valid TOML: {exc}", path=str(path)) from None
    except OSError as exc:
        raise UsageError("config-invalid", f"cannot be read: {exc.strerror or exc}", path=str(path)) from None
    if path.name == "pledgekit.toml":
        return data
    table = data.get("tool", {}).get("pledgekit") if isinstance(data.get("tool"), dict) else None
    if table is not None and not isinstance(table, dict):
        raise UsageError("config-invalid", "tool.pledgekit is not a table", path=str(path))
    return table


def read_config(path: Path) -> ProjectConfig | None:
    """The configuration in ``path``, checked: unknown keys and values of the wrong kind are refused
    (``config-invalid``, exit 2) with the file and the key named."""
    table = _table(path)
    if table is None:
        return None
    prefix = "" if path.name == "pledgekit.toml" else "tool.pledgekit."
    for key in table:
        if key not in CONFIG_KEYS:
            known = ", ".join(sorted(CONFIG_KEYS))
            raise UsageError("config-invalid", f"unknown key {prefix}{key} (known: {known})", path=str(path))
    push = {}
    for key in PUSH_KEYS:
        if key in table:
            if not isinstance(table[key], str) or not table[key].strip():
                raise UsageError("config-invalid", f"{prefix}{key} must be a non-empty string", path=str(path))
            push[key] = table[key].strip()
    standard = table.get("standard")
    if standard is None:
        return ProjectConfig(path, push=push)
    if not isinstance(standard, str) or not standard:
        raise UsageError("config-invalid", f"{prefix}standard must be a folder path (a string)", path=str(path))
    folder = (path.parent / standard).resolve()
    if not (folder / "datapackage.profile.json").is_file():
        raise UsageError(
            "config-invalid", f"{prefix}standard = {standard!r}: {folder} holds no datapackage.profile.json",
            path=str(path),
        )  # fmt: skip
    return ProjectConfig(path, folder, push)


def find_config(cwd: Path) -> ProjectConfig | None:
    """The configuration of the checkout ``cwd`` is in: the nearest ``pledgekit.toml``, or ``pyproject.toml``
    with a ``[tool.pledgekit]`` table, from ``cwd`` upward; the search stops at a git checkout's root."""
    for folder in [cwd, *cwd.parents]:
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                found = read_config(candidate)
                if found is not None:
                    return found
        if (folder / ".git").exists():
            return None
    return None
