"""A tiny package owned by the tests: the standard's own codelists and schemas (generated copies), one
made-up source text, and a few rows written here, so that no test depends on the curated data.

The source text is invented for testing; it is no government's report.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from pledgekit.standard import copies

ROOT = Path(__file__).resolve().parent.parent
STANDARD = ROOT / "schemas"
SOURCE = "sources/000_example.txt"
TEXT = (
    "示例区2024年工作报告(测试用虚构文本)\n"
    "2024年全区地区生产总值增长5.2%,总量达到1334.8亿元。一般公共预算收入增长5%。\n"
    "2025年主要预期目标是:地区生产总值增长5%左右;新建学校6所,新增学位8940个。\n"
)
SOURCES = [
    ["id", "district_code", "title_zh", "title_en", "kind", "publisher", "published", "plan_year", "language",
     "path", "sha256", "note"],
    ["src-000", "110115", "示例区2024年工作报告(测试)", "Example district work report (test)",
     "government-work-report", "示例区人民政府", "2025", "", "zh-Hans", SOURCE,
     hashlib.sha256(TEXT.encode("utf-8")).hexdigest(), "made up for the tests"],
]  # fmt: skip
COMMITMENTS = [
    ["id", "district_code", "source_id", "indicator", "statement_zh", "statement_en", "quote", "comparator",
     "target_value", "target_value_max", "value_text", "unit", "target_year", "baseline_value", "baseline_year",
     "period_start", "period_end", "topic", "area_zh", "breakdown", "same_as", "note"],
    ["c-000-0001", "110115", "src-000", "gdp-growth", "地区生产总值增长5%左右", "GDP to grow by about 5%",
     "地区生产总值增长5%左右", "about", "5", "", "", "pct", "2025", "", "", "", "", "economy", "", "", "", ""],
    ["c-000-0002", "110115", "src-000", "schools-added", "新建学校6所", "Build 6 schools", "新建学校6所", "reach",
     "6", "", "", "school", "2025", "", "", "", "", "education", "", "", "", ""],
]  # fmt: skip
METRICS = [
    ["id", "district_code", "indicator", "year", "period_start", "value", "value_text", "unit", "qualifier", "status",
     "source_id", "quote", "area_zh", "breakdown", "same_as", "note"],
    ["m-000-0001", "110115", "gdp-growth", "2024", "", "5.2", "", "pct", "exact", "actual", "src-000",
     "2024年全区地区生产总值增长5.2%", "", "", "", ""],
    ["m-000-0002", "110115", "gdp", "2024", "", "1334.8", "", "cny-100m", "exact", "actual", "src-000",
     "总量达到1334.8亿元", "", "", "", ""],
    ["m-000-0003", "110115", "general-budget-revenue-growth", "2024", "", "5", "", "pct", "exact", "actual",
     "src-000", "一般公共预算收入增长5%", "", "", "", ""],
]  # fmt: skip
RESOURCES = [
    ("districts", "codelists/districts.csv"), ("units", "codelists/units.csv"),
    ("indicators", "codelists/indicators.csv"), ("sources", "data/sources.csv"),
    ("commitments", "data/commitments.csv"), ("metrics", "data/metrics.csv"),
]  # fmt: skip


def csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def tiny_package(target: Path, name: str = "example-pledges") -> Path:
    """Write the tiny package into ``target`` (created); return it."""
    target.mkdir(parents=True)
    copies.sync(STANDARD, target)
    (target / "data").mkdir()
    (target / "sources").mkdir()
    (target / SOURCE).write_bytes(TEXT.encode("utf-8"))
    for resource, rows in (("sources", SOURCES), ("commitments", COMMITMENTS), ("metrics", METRICS)):
        (target / "data" / f"{resource}.csv").write_bytes(csv_bytes(rows))
    descriptor = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": name,
        "title": "Example commitments and metrics (test fixture)",
        "description": "A tiny package made by the test suite, from an invented report of Daxing District.",
        "licenses": [{"name": "CC-BY-4.0"}],
        "sources": [{"title": "示例区2024年工作报告(测试)"}],
        "contributors": [{"title": "pledgekit tests"}],
        "resources": [
            {"name": resource, "type": "table", "path": path, "format": "csv", "mediatype": "text/csv",
             "encoding": "utf-8", "schema": f"schemas/{resource}.schema.json"}
            for resource, path in RESOURCES
        ],
    }  # fmt: skip
    (target / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    return target


def declare(
    package: Path, name: str, *, path: str | None = None, schema: str | None = None, at: int | None = None
) -> None:
    """Declare a CSV resource in the package's descriptor (by default ``data/NAME.csv`` with
    ``schemas/NAME.schema.json``), at position ``at`` of its resources or last."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    entry = {"name": name, "type": "table", "path": path or f"data/{name}.csv", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8",
             "schema": schema or f"schemas/{name}.schema.json"}  # fmt: skip
    resources = descriptor["resources"]
    resources.insert(len(resources) if at is None else at, entry)
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


PLACES = (
    "code,year,share,opened,name,flag\n"
    "0012,2024,1.5,2024-01-05,甲,true\n"
    '0300,,2,,"x, y",\n'
)  # a code with leading zeros, an empty year, a whole number, an empty date and boolean
PLACES_SCHEMA = {
    "fields": [
        {"name": "code", "type": "string", "title_zh": "地点代码"},
        {"name": "year", "type": "year", "title": "Year"},
        {"name": "share", "type": "number"},
        {"name": "opened", "type": "date"},
        {"name": "name", "type": "string"},
        {"name": "flag", "type": "boolean"},
    ],
    "primaryKey": ["code"],
}
CATALOGUE = {"code": "301/000001-00001", "provider_code": "11110000000000000X", "update_cycle": "每年",
             "related": ["301/000001-00002"]}  # fmt: skip


def typed_package(target: Path) -> Path:
    """The tiny package plus a table of every column type a loading recipe reads (``places``) and a
    ``catalogue`` block in its descriptor; the package is named after its folder."""
    tiny_package(target, name=target.name)
    (target / "data" / "places.csv").write_bytes(PLACES.encode("utf-8"))
    (target / "schemas" / "places.schema.json").write_text(json.dumps(PLACES_SCHEMA), encoding="utf-8")
    declare(target, "places")
    descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["catalogue"] = CATALOGUE
    (target / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    return target


HOSTILE = "<script>document.title='pwned'</script>\"><img src=x onerror=\"document.title='img'\">"
SCORED_TEXTS = {
    "sources/000_example.txt": TEXT + "普惠性幼儿园覆盖率2022年为80%,2023年为85%,2024年预计为87%" + HOSTILE + "。\n"
    "到2025年普惠性幼儿园覆盖率达到90%。全年新建学校7所。\n",
    "sources/001_example.txt": "示例二区2023年工作报告(测试用虚构文本)\n今年地区生产总值预计为9500亿元,"
    "未实现本年地区生产总值由2020年的0.8万亿元提高到超过1万亿元的目标。\n",
}
SCORED_COMMITMENTS = [
    ["c-000-0003", "110115", "src-000", "inclusive-kindergarten-coverage", '覆盖率达到90%"><img src=x onerror="x">',
     "Inclusive kindergarten coverage to reach 90%", "到2025年普惠性幼儿园覆盖率达到90%", "reach", "90", "", "",
     "pct", "2025", "", "", "", "", "childcare", "", "", "", ""],
    ["c-000-0004", "110115", "src-000", "", "新增学位8940个", HOSTILE, "新增学位8940个", "complete", "", "", "",
     "", "2025", "", "", "", "", "education", "", "", "", ""],
    ["c-001-0001", "110108", "src-001", "gdp", "地区生产总值超过1万亿元", "GDP above 1 trillion yuan",
     "地区生产总值由2020年的0.8万亿元提高到超过1万亿元", "at-least", "1", "", "", "cny-1t", "2023", "0.8", "2020",
     "", "", "economy", "", "", "", ""],
]  # fmt: skip
SCORED_METRICS = [
    ["m-000-0004", "110115", "inclusive-kindergarten-coverage", "2022", "", "80", "", "pct", "exact", "actual",
     "src-000", "普惠性幼儿园覆盖率2022年为80%", "", "", "", ""],
    ["m-000-0005", "110115", "inclusive-kindergarten-coverage", "2023", "", "85", "", "pct", "exact", "actual",
     "src-000", "2023年为85%", "", "", "", ""],
    ["m-000-0006", "110115", "inclusive-kindergarten-coverage", "2024", "", "87", "", "pct", "exact", "estimate",
     "src-000", "2024年预计为87%" + HOSTILE, "", "", "", ""],
    ["m-000-0007", "110115", "schools-added", "2024", "", "7", "", "school", "exact", "actual", "src-000",
     "全年新建学校7所", "", "", "", ""],
    ["m-001-0001", "110108", "gdp", "2023", "", "9500", "", "cny-100m", "exact", "estimate", "src-001",
     "地区生产总值预计为9500亿元", "", "", "", ""],
]  # fmt: skip


ASSESSMENTS = [
    ["commitment_id", "as_of", "status", "rationale_zh", "rationale_en", "quote", "source_id", "assessor",
     "assessed_on", "note"],
    ["c-000-0003", "2024", "off-track", "2024年仅为预计数,覆盖率增速放缓", HOSTILE, "到2025年普惠性幼儿园覆盖率达到90%",
     "src-000", "示例评估组<b>", "2025-03-01", ""],
    ["c-000-0004", "2024", "on-track", "2025年目标已列入计划", "The 2025 plan lists the places", "新增学位8940个",
     "src-000", "示例评估组", "2025-03-01", ""],
]  # fmt: skip


def scored_package(target: Path, name: str = "scored-pledges") -> Path:
    """The tiny package with commitments of every kind of card: on track along a path (provisional, its
    estimate quoting hostile markup) but assessed off track (a disagreement, its rationale and assessor
    hostile), achieved early, missed (with a baseline), not yet due, a completion pledge assessed on track,
    in two districts and three topics; a statement and a quote carry ``<script>`` and ``"><img onerror>``."""
    tiny_package(target, name=name)
    for path, text in SCORED_TEXTS.items():
        (target / path).write_bytes(text.encode("utf-8"))
    second = ["src-001", "110108", "示例二区2023年工作报告(测试)", "Second example district report (test)",
              "government-work-report", "示例二区人民政府", "2023", "", "zh-Hans", "sources/001_example.txt",
              "", "made up for the tests"]  # fmt: skip
    sources = [SOURCES[0], [*SOURCES[1]], second]
    for row in sources[1:]:
        row[10] = hashlib.sha256(SCORED_TEXTS[row[9]].encode("utf-8")).hexdigest()
    for resource, rows in (
        ("sources", sources), ("commitments", COMMITMENTS + SCORED_COMMITMENTS), ("metrics", METRICS + SCORED_METRICS)
    ):  # fmt: skip
        (target / "data" / f"{resource}.csv").write_bytes(csv_bytes(rows))
    (target / "data" / "assessments.csv").write_bytes(csv_bytes(ASSESSMENTS))
    declare(target, "assessments")
    return target
