"""A resource's CSV dialect: what it declares (Table Dialect v1 and v2), completed as frictionless does.

frictionless reads every CSV file with Python's csv module. A property the dialect leaves out is
sniffed by ``csv.Sniffer`` from the file's first 100 lines (the delimiter among ``,`` tab ``;`` ``|``,
the quote character, whether spaces after a delimiter are skipped); a sniffed ``'`` quote is taken as
``"``. The same sniff on the same lines gives the same dialect here, with one bound frictionless does
not have: the sample stops at 10,000 characters (``SAMPLE_CHARS``), because the sniffer's regular
expressions take time quadratic in a line's length (a row of 100,000 empty cells took 70 s).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from typing import Any

SAMPLE_LINES = 100
SAMPLE_CHARS = 10_000
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


class DialectError(ValueError):
    """The dialect cannot be used to read the file (a schema-error for the resource)."""


@dataclass(frozen=True)
class CsvDialect:
    delimiter: str = ","
    quote_char: str = '"'
    double_quote: bool = True
    escape_char: str | None = None
    skip_initial_space: bool = False
    header: bool = True
    header_rows: tuple[int, ...] = (1,)
    header_join: str = " "
    header_case: bool = True
    comment_char: str | None = None
    comment_rows: frozenset[int] = field(default_factory=frozenset)
    skip_blank_rows: bool = False

    @property
    def native(self) -> bool:
        """Whether a line without a quote character is its cells split at the delimiter (no escape
        character, no skipped spaces): then only lines holding a quote need the csv module."""
        return self.escape_char is None and not self.skip_initial_space and self.quote_char != ""

    def departures(self) -> list[tuple[str, str]]:
        """How this dialect differs from plain CSV (comma, double quotes, the header on line 1, nothing
        skipped), in English and Chinese: what a reader that assumes plain CSV (a spreadsheet, pandas, DuckDB,
        a portal) reads otherwise."""
        plain = CsvDialect()
        rows, comments, comment = list(self.header_rows), sorted(self.comment_rows), self.comment_char
        differs = [
            (self.delimiter != plain.delimiter, f"delimiter {self.delimiter!r}", f"分隔符 {self.delimiter!r}"),
            (self.quote_char != plain.quote_char, f"quote character {self.quote_char!r}", f"引号 {self.quote_char!r}"),
            (self.escape_char is not None, f"escape character {self.escape_char!r}", f"转义符 {self.escape_char!r}"),
            (self.skip_initial_space, "spaces after a delimiter skipped", "忽略分隔符后的空格"),
            (not self.header, "no header row", "无表头行"),
            (self.header and self.header_rows != plain.header_rows, f"header rows {rows}", f"表头行 {rows}"),
            (comment is not None, f"comment character {comment!r}", f"注释符 {comment!r}"),
            (bool(self.comment_rows), f"comment rows {comments}", f"注释行 {comments}"),
            (self.skip_blank_rows, "blank rows skipped", "跳过空行"),
        ]
        return [(en, zh) for wrong, en, zh in differs if wrong]

    def described(self) -> tuple[str, str]:
        """``departures`` as one English and one Chinese phrase; empty for plain CSV."""
        found = self.departures()
        return ", ".join(en for en, _ in found), "、".join(zh for _, zh in found)

    @property
    def first_content_row(self) -> int:
        return self.header_rows[-1] + 1 if self.header and self.header_rows else 1

    def python(self) -> csv.Dialect:
        """The csv module dialect frictionless reads with (``CsvControl.to_python``)."""
        config = csv.excel()
        config.delimiter = self.delimiter
        config.doublequote = self.double_quote if self.escape_char else True
        config.escapechar = self.escape_char
        config.quotechar = self.quote_char or None
        config.quoting = csv.QUOTE_NONE if self.quote_char == "" else csv.QUOTE_MINIMAL
        config.skipinitialspace = self.skip_initial_space
        return config


def sample_lines(text: str) -> str:
    """The first 100 lines of a file, as a text stream opened with ``newline=""`` yields them, as far as
    they fit in ``SAMPLE_CHARS`` (whole lines; the first line cut there if it alone is longer)."""
    lines: list[str] = []
    size = 0
    for found in _LINE.finditer(text):
        line = found.group()
        if size + len(line) > SAMPLE_CHARS:
            if not lines:
                lines.append(line[:SAMPLE_CHARS])
            break
        lines.append(line)
        size += len(line)
        if len(lines) >= SAMPLE_LINES:
            break
    return "".join(lines)


_CSV_KEYS = {
    "delimiter": "delimiter",
    "quoteChar": "quote_char",
    "doubleQuote": "double_quote",
    "escapeChar": "escape_char",
    "skipInitialSpace": "skip_initial_space",
}


def _declared(descriptor: dict[str, Any]) -> dict[str, Any]:
    """The CSV properties a dialect declares: flat (v1, v2) or under frictionless's ``csv`` control."""
    found = {key: descriptor[key] for key in _CSV_KEYS if key in descriptor}
    control = descriptor.get("csv")
    if isinstance(control, dict):
        found.update({key: control[key] for key in _CSV_KEYS if key in control})
    return found


def _one_char(value: Any, name: str, *, empty: bool = False) -> str:
    if not isinstance(value, str) or len(value) > 1 or (not value and not empty):
        raise DialectError(f'"{name}" must be a single character, not {value!r}')
    return value


def _rows(value: Any, name: str) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value):
        raise DialectError(f'"{name}" must be a list of row numbers, not {value!r}')
    return tuple(value)


def _flag(descriptor: dict[str, Any], key: str, default: bool) -> bool:
    value = descriptor.get(key, default)
    if not isinstance(value, bool):
        raise DialectError(f'"{key}" must be true or false, not {value!r}')
    return value


def resolve(descriptor: dict[str, Any] | None, sample: str, *, tsv: bool = False) -> CsvDialect:
    """The dialect frictionless reads a file with: ``descriptor`` (the resource's ``dialect``, or
    None) completed by sniffing ``sample`` (``sample_lines`` of the file). DialectError if it is unusable."""
    descriptor = descriptor or {}
    if not isinstance(descriptor, dict):
        raise DialectError("the dialect must be a JSON object")
    declared = _declared(descriptor)
    if tsv:
        declared.setdefault("delimiter", "\t")
    delimiter = _one_char(declared["delimiter"], "delimiter") if "delimiter" in declared else None
    try:
        sniffed: Any = csv.Sniffer().sniff(sample, delimiter or ",\t;|")
    except csv.Error:
        sniffed = csv.excel()
    quote = sniffed.quotechar if sniffed.quotechar != "'" else '"'
    escape = declared.get("escapeChar", sniffed.escapechar)
    return CsvDialect(
        delimiter=delimiter or sniffed.delimiter,
        quote_char=_one_char(declared.get("quoteChar", quote or '"'), "quoteChar", empty=True),
        double_quote=_flag(declared, "doubleQuote", True),
        escape_char=None if escape is None else _one_char(escape, "escapeChar"),
        skip_initial_space=_flag(declared, "skipInitialSpace", bool(sniffed.skipinitialspace)),
        header=_flag(descriptor, "header", True),
        header_rows=_rows(descriptor.get("headerRows", [1]), "headerRows"),
        header_join=str(descriptor.get("headerJoin", " ")),
        header_case=_flag(descriptor, "headerCase", _flag(descriptor, "caseSensitiveHeader", True)),
        comment_char=None
        if descriptor.get("commentChar") is None
        else _one_char(descriptor["commentChar"], "commentChar"),
        comment_rows=frozenset(_rows(descriptor.get("commentRows", []), "commentRows")),
        skip_blank_rows=_flag(descriptor, "skipBlankRows", False),
    )
