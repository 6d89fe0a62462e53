"""Safe, lossless normalisations of a steward's CSV files, never a change of meaning.

- GBK/GB18030 bytes → UTF-8, only when strict UTF-8 fails and the GB18030 decoding round-trips exactly;
- a BOM removed; CRLF and lone CR → LF;
- full-width digits and punctuation in number cells → ASCII, only when NFKC gives a canonical number;
- leading and trailing whitespace (U+3000 included) trimmed, in header labels too;
- a sniffed dialect (``;`` or ``|`` delimiters …) written as plain CSV; a declared one refused, never rewritten;
- a district name, traditional form or alias in a ``district_code`` cell → its code, when it names exactly one.

An ambiguous cell (``2025年``, ``85%``, ``1,234``) is reported, never rewritten. Nothing here writes:
``plan_fix`` returns the new bytes and the list of changes; ``cli/fix.py`` writes them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from ..checks import numbers
from ..checks.districts import DistrictIndex
from ..checks.numbers import NUMBER_PATTERNS
from ..tableschema import dialect as dialects
from ..tableschema.records import lift_field_limit

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Change:
    line: int | None  # None for whole-file changes
    field: str | None
    before: str
    after: str
    what: str


@dataclass
class FixResult:
    path: str
    original: bytes
    fixed: bytes
    changes: list[Change] = field(default_factory=list)
    ambiguous: list[Change] = field(default_factory=list)  # reported, not rewritten
    refused: str | None = None  # why the file could not be fixed at all

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


def _decode(data: bytes) -> tuple[str | None, list[Change], str | None]:
    try:
        return data.decode("utf-8"), [], None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None, [], "neither UTF-8 nor GB18030: convert it by hand"
    if text.encode("gb18030") != data:
        return None, [], "GB18030 decoding does not round-trip: convert it by hand"
    return text, [Change(None, None, "GB18030", "UTF-8", "encoding converted")], None


def _cell(value: str, kind: str, name: str, districts: DistrictIndex | None) -> tuple[str, str | None, bool]:
    """(new value, what changed, ambiguous?)."""
    stripped = value.strip()
    what = "whitespace trimmed" if stripped != value else None
    value = stripped
    if kind in NUMBER_PATTERNS and value and not numbers.is_canonical(value, kind):
        ascii_form = numbers.folded(value, kind)
        if ascii_form is None:
            return value, what, True
        return ascii_form, "full-width number → ASCII", False
    if name == "district_code" and districts is not None and value and value not in districts.codes:
        found = districts.suggest(value)
        if found is not None:
            return found[0], f"district name → code ({found[1]})", False
        return value, what, True
    return value, what, False


def _fix_cells(rows: list[list[str]], types: dict[str, str], districts: DistrictIndex | None, into: FixResult) -> None:
    """Each cell of ``rows`` (the header first) normalised in place, its change or ambiguity noted in ``into``."""
    header = rows[0]
    for column, label in enumerate(header):  # validate reads labels stripped; the file must say the same
        if label != label.strip():
            header[column] = label.strip()
            into.changes.append(Change(1, header[column], label, header[column], "whitespace trimmed"))
    for number, row in enumerate(rows[1:], start=2):
        for column, value in enumerate(row):
            name = header[column] if column < len(header) else ""
            new, what, ambiguous = _cell(value, types.get(name, "string"), name, districts)
            if ambiguous:
                into.ambiguous.append(Change(number, name, value, value, "ambiguous: not rewritten"))
            if new != value:
                row[column] = new
                into.changes.append(Change(number, name, value, new, what or "normalised"))


def _reading(text: str, declared: dict[str, Any] | None, tab: bool) -> tuple[csv.Dialect | None, str, str | None]:
    """The csv dialect ``text`` is read with (None: plain CSV), how it departs from plain CSV, and why it
    cannot be fixed here, if so. A sniffed dialect (``;`` or ``|`` delimiters, ``'`` quotes, spaces after a
    delimiter) is read as validation reads it and written as plain CSV: every cell as validated, only the
    separators change. A declared one (or a TSV file) stays: the descriptor says how to read the file, and a
    file written otherwise would no longer match it."""
    try:
        found = dialects.resolve(declared, dialects.sample_lines(text), tsv=tab)
    except dialects.DialectError as exc:
        return None, "", f"its dialect cannot be used ({exc})"
    departures = found.described()[0]
    if not departures:
        return None, "", None
    if declared is not None or tab:
        why = (
            f"it is read with {departures}, as its resource declares: fix reads plain CSV only; remove the "
            "dialect from datapackage.json (or save the file as CSV UTF-8), then run fix again"
        )
        return None, departures, why
    return found.python(), departures, None


def plan_fix(
    path: str,
    data: bytes,
    types: dict[str, str],
    districts: DistrictIndex | None,
    declared: dict[str, Any] | None = None,
    *,
    tab: bool = False,
) -> FixResult:
    """What fixing ``data`` (a CSV whose fields have ``types``, read with the ``declared`` dialect, or one
    sniffed) would give; writes nothing."""
    result = FixResult(path, data, data)
    text, changes, refused = _decode(data)
    if text is None:
        result.refused = refused
        return result
    result.changes += changes
    if text.startswith("\ufeff"):
        text = text[1:]
        result.changes.append(Change(None, None, "BOM", "", "byte-order mark removed"))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        result.changes.append(Change(None, None, "CRLF", "LF", "line endings → LF"))
    dialect, departures, refused = _reading(text, declared, tab)
    if refused is not None:
        result.refused = refused
        return result
    lift_field_limit()  # a long cell is read as validate reads it (and reported there as cell-too-long)
    reader = csv.reader(io.StringIO(text, newline=""), dialect or csv.excel)
    try:
        rows = list(reader)
    except csv.Error as exc:  # a quote in an unquoted cell under strict rules, …
        result.refused = f"line {reader.line_num} cannot be read as CSV ({exc}): fix it by hand"
        return result
    if not rows:
        result.fixed = text.encode("utf-8")
        return result
    _fix_cells(rows, types, districts, into=result)
    if dialect is not None:
        result.changes.append(Change(None, None, departures, "plain CSV", "written as plain CSV"))
    cell_changes = dialect is not None or any(c.line is not None for c in result.changes)
    if cell_changes:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        text = buffer.getvalue()
    if text.endswith("\n\n"):
        text = text.rstrip("\n") + "\n"
        result.changes.append(Change(None, None, "", "", "trailing blank lines removed"))
    if text and not text.endswith("\n"):
        text += "\n"
        result.changes.append(Change(None, None, "", "", "final newline added"))
    result.fixed = text.encode("utf-8")
    return result
