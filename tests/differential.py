"""Differential testing against plain frictionless: the rows each tool flags, compared resource by resource.

frictionless is the oracle of the Table Schema: every row it flags, pledgekit flags (under the same code or
a more specific one of its own); every row pledgekit flags that frictionless does not is flagged only by a
code of pledgekit's documented extra strictness (``STRICTER``). A package frictionless refuses outright
(invalid schema) is one pledgekit reports as ``schema-error``, with exit 1 and no crash.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pledgekit.config import Settings
from pledgekit.validation import validate_paths

# Codes by which pledgekit is stricter than frictionless (docs/codes.md): canonical numbers, cell hygiene,
# bytes hygiene. The domain, provenance and consistency codes only apply to the standard's resources,
# which these packages do not have.
STRICTER = {
    "number-not-canonical", "cell-whitespace", "control-character", "formula-injection", "cell-too-long",
    "utf8-bom", "line-endings-mixed", "final-newline-missing", "trailing-blank-line", "too-many-columns",
    "file-not-listed", "dialect-not-plain",
}  # fmt: skip
META = {
    "title": "differential",
    "description": "A package made by the differential tests.",
    "licenses": [{"name": "CC-BY-4.0"}],
    "sources": [{"title": "test"}],
    "contributors": [{"title": "test"}],
}
V2 = "https://datapackage.org/profiles/2.0/datapackage.json"
# frictionless's file-level codes, and pledgekit's names for the same finding
SAME_FINDING = {"source-error": {"file-empty"}, "encoding-error": {"encoding-not-utf8"}}


@dataclass
class Table:
    name: str
    text: str  # the CSV file's content
    schema: dict[str, Any] | None = None
    dialect: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # more resource properties (hash, bytes, format …)


def write_package(folder: Path, tables: list[Table], *, v2: bool = True) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "data").mkdir(parents=True)
    resources = []
    for table in tables:
        path = f"data/{table.name}.csv"
        (folder / path).write_bytes(table.text.encode("utf-8"))
        resource: dict[str, Any] = {"name": table.name, "path": path, **table.extra}
        if table.schema is not None:
            resource["schema"] = table.schema
        # frictionless guesses the header row when the dialect does not name it (the first row near the
        # average width); pledgekit never guesses (docs/standard.md): both read row 1 when it is named.
        dialect = table.dialect or {}
        if "header" not in dialect and "headerRows" not in dialect:
            dialect = {**dialect, "headerRows": [1]}
        resource["dialect"] = dialect
        resources.append(resource)
    descriptor = {**({"$schema": V2} if v2 else {}), "name": "differential", **META, "resources": resources}
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=1), encoding="utf-8")
    return folder


@dataclass
class Flags:
    rows: dict[str, dict[int, set[str]]] = field(default_factory=dict)  # resource → line → codes
    files: dict[str, set[str]] = field(default_factory=dict)  # resource → codes without a row
    fatal: str | None = None  # frictionless refused the package as a whole
    crashed: str | None = None  # frictionless failed with an exception of its own: nothing to compare


def _sniffed(text: str, dialect: dict[str, Any] | None) -> Any:
    """The csv dialect frictionless reads with (its own rule: sniff the first 100 lines)."""
    dialect = dialect or {}
    sample = "".join(io.StringIO(text, newline="").readlines()[:100])
    try:
        sniffed = csv.Sniffer().sniff(sample, dialect.get("delimiter", ",\t;|"))
    except csv.Error:
        sniffed = csv.excel()
    config = csv.excel()
    config.delimiter = dialect.get("delimiter", sniffed.delimiter)
    quote = dialect.get("quoteChar", '"' if sniffed.quotechar == "'" else sniffed.quotechar)
    config.quotechar = quote or None
    config.quoting = csv.QUOTE_NONE if quote == "" else csv.QUOTE_MINIMAL
    config.escapechar = dialect.get("escapeChar", sniffed.escapechar)
    config.doublequote = dialect.get("doubleQuote", True) if config.escapechar else True
    config.skipinitialspace = dialect.get("skipInitialSpace", sniffed.skipinitialspace)
    return config


def record_lines(text: str, dialect: dict[str, Any] | None) -> dict[int, int]:
    """frictionless's row number (the record's, header = 1) → the file line the record starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), _sniffed(text, dialect))
    lines, previous = {}, 0
    for number, _ in enumerate(reader, 1):
        lines[number] = previous + 1
        previous = reader.line_num
    return lines


def frictionless_flags(folder: Path) -> Flags:
    from frictionless import FrictionlessException, Package

    flags = Flags()
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    texts = {r["name"]: (folder / r["path"]).read_text(encoding="utf-8") for r in descriptor["resources"]}
    dialects = {r["name"]: r.get("dialect") for r in descriptor["resources"]}
    try:
        report = Package(str(folder / "datapackage.json")).validate(limit_errors=10**6)
    except FrictionlessException as exc:
        flags.fatal = exc.error.type
        return flags
    except Exception as exc:  # frictionless itself fails (a unique array field, a pattern re cannot compile)
        flags.crashed = f"{type(exc).__name__}: {exc}"
        return flags
    for error in report.errors:
        flags.fatal = error.type
    for task in report.tasks:
        lines = record_lines(texts[task.name], dialects[task.name])
        for error in task.errors:
            number = getattr(error, "row_number", None)
            if number is not None:
                flags.rows.setdefault(task.name, {}).setdefault(lines.get(number, number), set()).add(error.type)
            elif hasattr(error, "label"):
                flags.rows.setdefault(task.name, {}).setdefault(1, set()).add(error.type)
            else:
                flags.files.setdefault(task.name, set()).add(error.type)
    return flags


def pledgekit_report(folder: Path, batch_bytes: int = 16_000_000) -> Any:
    """pledgekit in-process; any exception (an exit 70 of the CLI) fails the test that calls it."""
    return validate_paths([folder], cwd=folder.parent, settings=Settings(batch_bytes=batch_bytes))


def pledgekit_flags(report: Any) -> Flags:
    flags = Flags()
    for issue in report.issues:
        where = issue.location
        resource = where.resource or ""
        if where.row is not None:
            flags.rows.setdefault(resource, {}).setdefault(where.row, set()).add(issue.code)
        else:
            flags.files.setdefault(resource, set()).add(issue.code)
    return flags


def compare(folder: Path) -> None:
    """Assert that pledgekit flags what frictionless flags, row by row, and whole or in tiny batches alike."""
    report = pledgekit_report(folder)
    ours, theirs = pledgekit_flags(report), frictionless_flags(folder)
    codes = {issue.code for issue in report.issues}
    if theirs.crashed is None and theirs.fatal is not None:
        assert {"schema-error", "descriptor-invalid"} & codes, f"frictionless: {theirs.fatal}; pledgekit: {codes}"
        assert not report.valid
        return
    for resource in set(theirs.rows) | set(ours.rows) | set(theirs.files) if theirs.crashed is None else ():
        refused = theirs.files.get(resource, set()) & {"resource-error", "schema-error", "field-error"}
        if refused:  # frictionless did not read the rows at all (a foreign key to a missing resource …)
            assert {"schema-error", "reference-missing"} & codes, (resource, refused, codes)
            continue
        flagged, mine = theirs.rows.get(resource, {}), ours.rows.get(resource, {})
        missed = {line: flagged[line] for line in set(flagged) - set(mine)}
        assert not missed, f"{resource}: rows frictionless flags and pledgekit does not: {missed}"
        extra = {line: c for line, c in mine.items() if line not in flagged and not c <= STRICTER}
        assert not extra, f"{resource}: rows pledgekit flags and frictionless does not: {extra}"
        for code in theirs.files.get(resource, set()):
            names = {code} | SAME_FINDING.get(code, set())
            assert names & ours.files.get(resource, set()), (resource, code, ours.files.get(resource))
    whole = sorted(report.flatten(["code", "path", "row", "field", "value"]), key=str)
    batched = pledgekit_report(folder, batch_bytes=64)
    assert sorted(batched.flatten(["code", "path", "row", "field", "value"]), key=str) == whole
