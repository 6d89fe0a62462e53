"""The validation corpus: one broken package per failure mode, made at test time from a small cut of
the tests' own package (tests/packages/pledges). Bytes that matter (GBK, BOM, CR, NUL) are never committed.

Each case is a function that breaks the package in place; ``expected.json`` beside this file holds
the issues each case must produce, as ``[resource, row, field, code]``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
STANDARD = ROOT / "schemas"
FIXTURE = ROOT / "tests" / "packages" / "pledges"  # the tests' own package, never the curated data
EXPECTED = Path(__file__).with_name("expected.json")

# Rows kept in the small package: enough for every rule (a same_as pair, a GDP level and growth, a
# completion pledge, an estimate, a multi-year figure, a magnitude).
KEEP = {
    "commitments": ["c-000-0001", "c-000-0002", "c-000-0011", "c-000-0013", "c-003-0500", "c-004-0007"],
    "metrics": ["m-002-0001", "m-002-0015", "m-002-0016", "m-003-0007", "m-003-0022", "m-003-0058"],
}


def make_small(target: Path) -> Path:
    """Copy the tests' package to ``target`` keeping only the KEEP rows; return the package folder."""
    from pledgekit.standard import copies

    shutil.copytree(FIXTURE, target)
    copies.sync(STANDARD, target)
    for name, ids in KEEP.items():
        path = target / "data" / f"{name}.csv"
        rows = read(path)
        header, body = rows[0], [r for r in rows[1:] if r[0] in ids]
        assert len(body) == len(ids), f"{name}: {set(ids) - {r[0] for r in body}}"
        write(path, [header, *body])
    return target


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def set_cell(package: Path, resource: str, row_id: str, field: str, value: str) -> None:
    path = package / ("codelists" if resource in ("districts", "units", "indicators") else "data") / f"{resource}.csv"
    rows = read(path)
    column = rows[0].index(field)
    for row in rows[1:]:
        if row[0] == row_id:
            row[column] = value
            break
    else:
        raise KeyError(row_id)
    write(path, rows)


def edit_bytes(package: Path, relpath: str, change: Callable[[bytes], bytes]) -> None:
    path = package / relpath
    path.write_bytes(change(path.read_bytes()))


def edit_descriptor(package: Path, change: Callable[[dict[str, object]], None]) -> None:
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


M, C = "metrics", "commitments"
METRICS = "data/metrics.csv"


def _cell(resource: str, row_id: str, field: str, value: str) -> Callable[[Path], None]:
    return lambda p: set_cell(p, resource, row_id, field, value)


def _bytes(relpath: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    return lambda p: edit_bytes(p, relpath, change)


def _raw_descriptor(text: str) -> Callable[[Path], None]:
    return lambda p: (p / "datapackage.json").write_text(text, encoding="utf-8")


def _title(value: str) -> Callable[[Path], None]:
    return lambda p: edit_descriptor(p, lambda d: d.__setitem__("title", value))


def _created(value: str) -> Callable[[Path], None]:
    return lambda p: edit_descriptor(p, lambda d: d.__setitem__("created", value))


def _stray_file(p: Path) -> None:
    (p / "data" / "metrics-old.csv").write_text("id\n", encoding="utf-8")


def _late_invalid_utf8(p: Path) -> None:
    path = p / METRICS
    rows = read(path)
    filler = rows[1][:]
    area = rows[0].index("area_zh")
    for n in range(900):  # push the bad byte past frictionless's 100 KB sample; each its own figure
        rows.append([f"m-002-{9000 + n}", *filler[1:area], f"区域{n}", *filler[area + 1 :]])
    write(path, rows)
    areas = read(p / "data" / "areas.csv")
    district = filler[rows[0].index("district_code")]
    write(p / "data" / "areas.csv", [*areas, *([district, f"区域{n}", "", "site", ""] for n in range(900))])
    data = path.read_bytes()
    path.write_bytes(data[:-20] + "\xff".encode("latin-1") + data[-19:])


def _same_quote_other_value(p: Path) -> None:
    set_cell(p, M, "m-002-0016", "value", "5.3")
    set_cell(p, M, "m-002-0016", "quote", "地区生产总值增长5.2%")


CASES: dict[str, Callable[[Path], None]] = {
    # B. Bytes and encodings
    "gbk-file": _bytes(METRICS, lambda b: b.decode("utf-8").encode("gb18030")),
    "utf8-bom": _bytes(METRICS, lambda b: b"\xef\xbb\xbf" + b),
    "invalid-utf8-after-100kb": _late_invalid_utf8,
    "crlf-mixed-with-lf": _bytes(METRICS, lambda b: b.replace(b"\n", b"\r\n", 2)),
    "lone-cr": _bytes(METRICS, lambda b: b.replace(b"\n", b"\r", 1)),
    "no-final-newline": _bytes(METRICS, lambda b: b.rstrip(b"\n")),
    "blank-last-line": _bytes(METRICS, lambda b: b + b"\n"),
    "nul-in-cell": _cell(M, "m-002-0001", "note", "a\x00b"),
    "bidi-override-in-cell": _cell(M, "m-002-0001", "area_zh", "大兴\u202e区"),
    "zero-width-in-district": _cell(M, "m-002-0001", "district_code", "110115\u200b"),
    "empty-file": _bytes(METRICS, lambda b: b""),
    "newline-in-cell-shifts-lines": lambda p: (
        set_cell(p, M, "m-002-0001", "note", "first line\nsecond line"),
        set_cell(p, M, "m-002-0015", "unit", "pct"),
    )[0],
    # C. Table structure
    "duplicate-header": _bytes(METRICS, lambda b: b.replace(b",note\n", b",year\n", 1)),
    "duplicate-header-after-strip": _bytes(METRICS, lambda b: b.replace(b",note\n", b",year \n", 1)),
    "renamed-header": _bytes(METRICS, lambda b: b.replace(b",year,", b",\xe5\xb9\xb4\xe4\xbb\xbd,", 1)),
    "blank-header": _bytes(METRICS, lambda b: b.replace(b",note\n", b",\n", 1)),
    "short-row": _bytes(METRICS, lambda b: b.replace(b",,,\n", b",,\n", 1)),
    "long-row": _bytes(METRICS, lambda b: b.replace(b",,,\n", b",,,,x\n", 1)),
    "cell-over-the-limit": _cell(M, "m-002-0001", "note", "x" * 40_000),
    "duplicate-id": _cell(M, "m-002-0016", "id", "m-002-0001"),
    "missing-resource-file": lambda p: (p / "data/commitments.csv").unlink(),
    "stray-file": _stray_file,
    # D. Cell values
    "full-width-year": _cell(M, "m-002-0001", "year", "２０２４"),
    "arabic-indic-year": _cell(M, "m-002-0001", "year", "٢٠٢٤"),
    "underscore-year": _cell(M, "m-002-0001", "year", "2_024"),
    "plus-year": _cell(M, "m-002-0001", "year", "+2024"),
    "leading-zero-year": _cell(M, "m-002-0001", "year", "002024"),
    "space-before-year": _cell(M, "m-002-0001", "year", " 2024"),
    "negative-year": _cell(M, "m-002-0001", "year", "-1"),
    "year-with-suffix": _cell(M, "m-002-0001", "year", "2024年"),
    "float-year": _cell(M, "m-002-0001", "year", "2024.0"),
    "year-out-of-range": _cell(M, "m-002-0001", "year", "99999"),
    "year-zero": _cell(M, "m-002-0001", "year", "0000"),
    "thousands-separator": _cell(M, "m-002-0015", "value", "1,334.8"),
    "full-width-thousands-separator": _cell(M, "m-002-0015", "value", "1，334.8"),
    "percent-sign": _cell(M, "m-002-0001", "value", "5.2%"),
    "nan-value": _cell(M, "m-002-0001", "value", "NaN"),
    "infinite-value": _cell(M, "m-002-0001", "value", "1e999"),
    "formula-in-string": _cell(C, "c-000-0002", "statement_zh", '=HYPERLINK("http://x")'),
    "leading-space": _cell(C, "c-000-0002", "statement_zh", " 建成区政务服务中心"),
    "ideographic-space": _cell(C, "c-000-0002", "statement_zh", "建成区政务服务中心\u3000"),
    "na-is-a-value": _cell(M, "m-002-0001", "value", "NA"),
    # E. Names and Unicode
    "traditional-district": _cell(M, "m-002-0001", "district_code", "大興區"),
    "kangxi-district": _cell(M, "m-002-0001", "district_code", "\u2f24兴区"),
    "compatibility-ideograph-district": _cell(M, "m-003-0007", "district_code", "\ufa45淀区"),
    "cyrillic-letter-in-id": _cell(M, "m-002-0001", "id", "\u043c-002-0001"),
    "alias-district": _cell(C, "c-000-0002", "district_code", "石景山"),
    "unknown-district-code": _cell(M, "m-002-0001", "district_code", "110199"),
    # F. Descriptor
    "duplicate-json-key": _raw_descriptor('{"name": "a", "name": "b"}'),
    "nan-in-json": _raw_descriptor('{"name": NaN}'),
    "deep-json": _raw_descriptor("[" * 50_000 + "]" * 50_000),
    "huge-json-integer": _raw_descriptor('{"name": ' + "9" * 5000 + "}"),
    "html-in-title": _title("<script>alert(1)</script>"),
    "javascript-homepage": lambda p: edit_descriptor(p, lambda d: d.__setitem__("homepage", "javascript:alert(1)")),
    "bad-date-format": _created("2025-13-45T00:00:00Z"),
    "created-without-timezone": _created("2025-01-01T00:00:00"),
    # Domain rules
    "unit-of-other-dimension": _cell(M, "m-002-0015", "unit", "usd-100m"),
    "growth-recorded-as-level": _cell(M, "m-002-0001", "indicator", "gdp"),
    "percentage-points-for-percent": _cell(M, "m-002-0001", "unit", "pp"),
    "past-target-year": _cell(C, "c-000-0001", "target_year", "2020"),
    "target-outside-period": _cell(C, "c-000-0001", "period_end", "2024"),
    "period-incomplete": _cell(C, "c-000-0001", "period_end", ""),
    "future-metric-year": _cell(M, "m-002-0015", "year", "2026"),
    "actual-in-publication-year": _cell(M, "m-003-0022", "status", "actual"),
    "period-start-after-year": _cell(M, "m-003-0022", "period_start", "2022"),
    "share-over-100": _cell(C, "c-000-0013", "target_value", "190"),
    "count-not-whole": _cell(C, "c-000-0011", "target_value", "6.5"),
    "completion-pledge-with-value": _cell(C, "c-000-0002", "target_value", "1"),
    "target-without-value": _cell(C, "c-000-0001", "target_value", ""),
    "range-without-maximum": _cell(C, "c-000-0001", "comparator", "range"),
    # Provenance
    "quote-not-in-source": _cell(M, "m-002-0015", "quote", "地区生产总值总量完成1334.8亿元以上"),
    "value-not-in-quote": _cell(M, "m-002-0015", "value", "1334"),
    "value-prefix-of-written-number": _cell(M, "m-002-0001", "value", "5"),
    "source-text-edited": _bytes("sources/000_bb1cc55d9bb06840.txt", lambda b: b.replace(b"3450", b"3451")),
    "source-text-missing": lambda p: (p / "sources/001_5a3d939f8459527b.txt").unlink(),
    # Consistency
    "same-figure-disagrees": _same_quote_other_value,
    "same-as-disagrees": _cell(C, "c-004-0007", "target_value", "3451"),
    "id-used-in-two-resources": _cell(M, "m-002-0016", "id", "c-000-0001"),
}

VALID_VARIANTS: dict[str, Callable[[Path], None]] = {
    # 3.7万件 recorded in base units is still carried by its quote
    "magnitude-in-base-units": lambda p: (
        set_cell(p, M, "m-003-0058", "value", "37000"),
        set_cell(p, M, "m-003-0058", "unit", "piece"),
    )[0],
    "consistent-crlf": _bytes(METRICS, lambda b: b.replace(b"\n", b"\r\n")),
    # a table may hold no rows yet: a header-only file is an empty table, not an error
    "header-only-metrics": _bytes(METRICS, lambda b: b.split(b"\n", 1)[0] + b"\n"),
}


def expected() -> dict[str, list[list[object]]]:
    data: dict[str, list[list[object]]] = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return data


def updating() -> bool:
    """PLEDGEKIT_UPDATE_GOLDEN=1 rewrites expected.json from the current output (review the diff!)."""
    return os.environ.get("PLEDGEKIT_UPDATE_GOLDEN") == "1"
