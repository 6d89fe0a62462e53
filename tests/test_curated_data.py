"""Rules of the curation guide (docs/curation.md) that the curated rows must follow."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest

from conftest import BUNDLED, STANDARD, read_rows

UNITS = {u["code"]: u for u in read_rows(STANDARD / "codelists/units.csv")}
INDICATORS = {i["code"]: i for i in read_rows(STANDARD / "codelists/indicators.csv")}
SOURCES = {s["id"]: s for s in read_rows(BUNDLED / "data/sources.csv")}
COMMITMENTS = read_rows(BUNDLED / "data/commitments.csv")
METRICS = read_rows(BUNDLED / "data/metrics.csv")


def _published_year(source_id: str) -> int:
    return int(SOURCES[source_id]["published"][:4])


def test_unit_dimension_equals_indicator_dimension() -> None:
    wrong = [
        (r["id"], r["unit"], r["indicator"])
        for r in COMMITMENTS + METRICS
        if r["indicator"] and UNITS[r["unit"]]["dimension"] != INDICATORS[r["indicator"]]["dimension"]
    ]
    assert wrong == []


def test_completion_pledges_have_no_number_and_all_others_have_one() -> None:
    for row in COMMITMENTS:
        numbered = (row["indicator"], row["target_value"], row["unit"])
        if row["comparator"] == "complete":
            assert numbered == ("", "", ""), row["id"]
        else:
            assert all(numbered), row["id"]
        assert (row["comparator"] == "range") == bool(row["target_value_max"]), row["id"]


def test_shares_are_percentages_between_0_and_100() -> None:
    for row in COMMITMENTS + METRICS:
        if row["indicator"] and INDICATORS[row["indicator"]]["kind"] == "share":
            value = Decimal(row.get("target_value") or row["value"])
            assert row["unit"] == "pct" and 0 <= value <= 100, row["id"]


def test_target_years_are_not_before_publication_and_inside_the_plan_period() -> None:
    for row in COMMITMENTS:
        year = int(row["target_year"])
        assert year >= _published_year(row["source_id"]), row["id"]
        if row["period_start"]:
            assert int(row["period_start"]) <= year <= int(row["period_end"]), row["id"]


def test_metric_years_are_not_after_publication_and_current_year_figures_are_estimates() -> None:
    for row in METRICS:
        year, published = int(row["year"]), _published_year(row["source_id"])
        assert year <= published, row["id"]
        source = SOURCES[row["source_id"]]
        execution_report_of_that_year = source["kind"] == "plan-execution-report" and source["plan_year"] == row["year"]
        if year == published and not execution_report_of_that_year:
            assert row["status"] == "estimate", row["id"]
        if row["period_start"]:
            assert int(row["period_start"]) < year, row["id"]


FINISHING = re.compile("建成|完成|竣工|完工|投入使用|投用|投运|投产|开学|通车|打通|新建")


def test_completion_pledges_say_a_finishing_word() -> None:
    """筹办 an event, 创建 a title or 主体封顶 is not a completion pledge (docs/curation.md)."""
    assert [r["id"] for r in COMMITMENTS if r["comparator"] == "complete" and not FINISHING.search(r["quote"])] == []


def test_a_period_has_the_years_its_name_says() -> None:
    """五年 is five years counted inclusively (2017-2021), not six from the comparison base 2016."""
    periods = [(r["id"], r["period_start"], r["period_end"]) for r in COMMITMENTS if r["period_start"]]
    periods += [(r["id"], r["period_start"], r["year"]) for r in METRICS if r["period_start"]]
    assert [p for p in periods if not 2 <= int(p[2]) - int(p[1]) + 1 <= 5] == []
    five = [r for r in METRICS if "五年" in r["quote"] and r["period_start"]]
    assert five and all(int(r["year"]) - int(r["period_start"]) + 1 == 5 for r in five)


def test_per_person_figures_have_a_per_person_unit() -> None:
    """人均 (per person) indicators are not in an absolute amount: 人均可支配收入6.7万元 is cny-10k-per-person."""
    per_person = {code for code, row in INDICATORS.items() if "人均" in row["name_zh"]}
    assert per_person
    absolute = [
        r["id"]
        for r in COMMITMENTS + METRICS
        if r["indicator"] in per_person and UNITS[r["unit"]]["dimension"] in ("money-cny", "area", "population")
    ]
    assert absolute == []


def test_rows_that_repeat_another_source_agree_with_it() -> None:
    by_id = {r["id"]: r for r in COMMITMENTS + METRICS}
    pairs = [(r, by_id[r["same_as"]]) for r in COMMITMENTS + METRICS if r["same_as"]]
    assert pairs, "source 004 repeats pledges of source 000"
    for row, other in pairs:
        assert row["source_id"] != other["source_id"]
        for field in ("indicator", "target_value", "value", "unit", "target_year", "year"):
            assert row.get(field) == other.get(field), (row["id"], field)


def test_district_is_the_district_of_the_source() -> None:
    for row in COMMITMENTS + METRICS:
        assert row["district_code"] == SOURCES[row["source_id"]]["district_code"], row["id"]


@pytest.mark.parametrize(
    ("quote_part", "value", "unit"),
    [
        ("3450亿元", "3450", "cny-100m"),
        ("1334.8亿元", "1334.8", "cny-100m"),
        ("8940个", "8940", "item"),
        ("56.8万人", "56.8", "person-10k"),
        ("1万亿元", "1", "cny-1t"),
    ],
)
def test_magnitude_words_go_into_the_unit(quote_part: str, value: str, unit: str) -> None:
    rows = [r for r in COMMITMENTS + METRICS if quote_part in r["quote"]]
    assert rows, quote_part
    assert any((r.get("target_value") or r["value"], r["unit"]) == (value, unit) for r in rows)


# The harmonised indicators (docs/curation.md, "Indicators"; schemas/CHANGELOG.md).
NUMBERED = [r for r in COMMITMENTS + METRICS if r["indicator"]]
# Codes the curated rows may use, and codes used by one row only. One measure of different subjects is one
# indicator with a breakdown (309 codes, 256 used once, before breakdowns); what is left are different
# measures: the 2024 Daxing execution report alone gives over a hundred for one district, year and status.
CODE_BUDGET = 207
ONCE_BUDGET = 126
# Commitments that share their indicator and breakdown with a metric of the same district (a pledge that
# can be tracked), and with a metric of any district.
JOINED_FLOOR = 23
JOINED_ANYWHERE_FLOOR = 47
CLAUSE_END = re.compile("[，,。；;\n]")
STAGE_WORDS = {
    "completed": "建成|完成|竣工|通车|投入使用|投用|投运|运营|新建|新增|打通|实现|达到|揭牌|落地|增加|挖潜",
    "started": "建设|推进|启动|开工|实施|开复工|筹集|推动|加快|封顶",
    "planned": "规划|编制",
}


def test_every_indicator_used_is_in_the_codelist_and_within_the_budget() -> None:
    used = Counter(r["indicator"] for r in NUMBERED)
    assert set(used) - set(INDICATORS) == set()
    assert len(used) <= CODE_BUDGET
    assert sum(1 for n in used.values() if n == 1) <= ONCE_BUDGET


def test_one_subject_is_spelled_one_way_and_never_names_a_measure() -> None:
    """A breakdown names a subject (a kind of enterprise, facility, project, industry or group); the stage,
    the unit and stock or flow belong to the indicator."""
    broken = [r["breakdown"] for r in NUMBERED if r["breakdown"]]
    assert broken, "rows use breakdowns"
    measure_words = re.compile("(^|-)(completed|started|construction|planned|added|growth|share|rate)$")
    assert sorted({b for b in broken if measure_words.search(b)}) == []
    assert [r["id"] for r in COMMITMENTS + METRICS if r["breakdown"] and not r["indicator"]] == []


def test_commitments_join_the_metrics_of_their_district() -> None:
    measured = {(r["district_code"], r["indicator"], r["breakdown"]) for r in METRICS}
    numbered = [r for r in COMMITMENTS if r["indicator"]]
    joined = [r["id"] for r in numbered if (r["district_code"], r["indicator"], r["breakdown"]) in measured]
    anywhere = [r["id"] for r in numbered if (r["indicator"], r["breakdown"]) in {m[1:] for m in measured}]
    assert len(joined) >= JOINED_FLOOR and len(anywhere) >= JOINED_ANYWHERE_FLOOR


def test_a_row_of_an_indicator_with_a_stage_is_in_a_clause_that_says_that_stage() -> None:
    texts = {s["id"]: (BUNDLED / s["path"]).read_text(encoding="utf-8") for s in SOURCES.values()}
    wrong = []
    for row in NUMBERED:
        stage = INDICATORS[row["indicator"]]["stage"]
        if not stage:
            continue
        text = texts[row["source_id"]]
        at = text.find(row["quote"])
        before, after = (text[:at], text[at + len(row["quote"]) :]) if at >= 0 else ("", "")
        clause = CLAUSE_END.split(before)[-1] + row["quote"] + CLAUSE_END.split(after)[0]
        if not re.search(STAGE_WORDS[stage], clause):
            wrong.append((row["id"], row["indicator"], stage))
    assert wrong == []


def test_a_commitment_and_a_metric_of_the_same_measure_share_its_code() -> None:
    """Two codes with the same concept, kind, dimension, measure and stage measure the same thing: a pledge
    and a figure of it must not sit under different codes."""

    def measure(code: str) -> tuple[str, ...]:
        row = INDICATORS[code]
        return row["concept"], row["kind"], row["dimension"], row["measure"], row["stage"]

    by_measure: dict[tuple[str, ...], set[str]] = {}
    for row in METRICS:
        by_measure.setdefault(measure(row["indicator"]), set()).add(row["indicator"])
    apart = {
        (row["id"], row["indicator"], other)
        for row in COMMITMENTS
        if row["indicator"]
        for other in by_measure.get(measure(row["indicator"]), set()) - {row["indicator"]}
    }
    assert apart == set()


def test_no_indicator_code_names_two_stages() -> None:
    """A code whose name says a stage (…-completed, …-construction, …-started, …-planned) has that stage."""
    said = {"completed": "completed", "construction": "started", "started": "started", "planned": "planned"}
    wrong = {
        code: row["stage"]
        for code, row in INDICATORS.items()
        if code.rsplit("-", 1)[-1] in said and row["stage"] != said[code.rsplit("-", 1)[-1]]
    }
    assert wrong == {}
