"""The scorecard of a release: every commitment's progress (the same ``Progress`` list that
``progress.csv`` is written from) with what a reader needs beside it — the commitment's quote, target and
deadline, the quotes of the metrics its status rests on, its figures in the target's unit for the chart —
and the counts by status per division and per topic.

``document`` is the data (``scorecard.json``); ``page`` renders ``scorecard.html`` from that document alone,
so the page shows exactly what the JSON holds. The rules of the statuses are pledge tracking's
(docs/tracking.md).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..standard import labels
from ..track.assessments import UNDECIDED
from ..track.evidence import KEY, Progress, keyed
from ..track.methods import FLOORS, GROWTH_KINDS
from ..track.render import record
from ..track.statuses import LABELS, REASONS, Status
from . import chart, progress, site

if TYPE_CHECKING:
    import polars as pl

    from ..track import Tracking
    from .snapshot import Snapshot

HTML = "scorecard.html"
JSON = "scorecard.json"
# How each status was computed (track/methods.py): key -> (Chinese, English).
METHODS = {
    "growth": ("增速对比目标", "growth against the target"),
    "growth-average": ("期内年均增速对比目标", "mean growth of the period against the target"),
    "level": ("数值对比目标", "the figure against the target"),
    "level-reached-early": ("提前达到目标", "the target reached early"),
    "path": ("目标路径进度", "progress along the path to the target"),
    "cumulative": ("规划期累计对比目标", "the plan period's total against the target"),
    "assessment": ("人工评估", "an assessment"),
    "completion": ("完成类承诺", "completion pledge"),
    "none": ("未计算", "not computed"),
}
# components in the target's unit
AMOUNTS = ("value", "target", "start", "latest", "expected", "projected", "mean", "total", "share", "delivered", "of")


def _by_code(frame: pl.DataFrame) -> dict[str, dict[str, Any]]:
    return {str(r["code"]): r for r in frame.iter_rows(named=True)} if "code" in frame.columns else {}


def _float(value: object) -> float | None:
    try:
        return float(str(value)) if value not in (None, "") else None
    except ValueError:
        return None


def _metrics(metrics: pl.DataFrame, commitments: pl.DataFrame) -> dict[tuple[Any, ...], list[dict[str, Any]]]:
    """The metrics of the commitments' keys (district, indicator, breakdown, area), grouped by key."""
    if not metrics.width or not commitments.width:
        return {}
    metrics, keys = keyed(metrics), keyed(commitments).select(KEY).unique()
    found: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for row in metrics.join(keys, on=list(KEY), how="semi", nulls_equal=True).iter_rows(named=True):
        found.setdefault(tuple(row[k] for k in KEY), []).append(row)
    return found


def _figures(
    pledge: dict[str, Any], item: Progress, metrics: list[dict[str, Any]], units: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """The commitment's figures up to the year of its status, in the target's unit (same dimension only;
    a figure over a period only for a target over the same period)."""
    unit = units.get(str(pledge.get("unit")))
    factor = _float(unit["factor"]) if unit else None
    if unit is None or not factor:
        return []
    figures = []
    for metric in metrics:
        other = units.get(str(metric.get("unit")))
        value, year = _float(metric.get("value")), _float(metric.get("year"))
        if other is None or other["dimension"] != unit["dimension"] or value is None or year is None:
            continue
        if year > item.as_of or not _float(other["factor"]):
            continue
        if metric.get("period_start") not in (None, pledge.get("period_start")):
            continue  # an average over another plan period is not a point of this series
        figures.append(
            {
                "id": metric["id"],
                "year": int(year),
                "value": value * float(other["factor"]) / factor,
                "estimate": metric.get("status") == "estimate",
                "evidence": metric["id"] in item.rating.evidence,
            }
        )
    return sorted(figures, key=lambda f: (f["year"], f["id"]))


def _evidence(item: Progress, metrics: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    fields = ("id", "year", "period_start", "value", "unit", "status", "source_id", "quote")
    return [{k: metrics[i].get(k) for k in fields} for i in item.rating.evidence if i in metrics]


def _card(item: Progress, pledge: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    units, districts, indicators = context["units"], context["districts"], context["indicators"]
    key = tuple(pledge.get(k) for k in KEY)
    metrics = context["metrics"].get(key, [])
    unit = units.get(str(pledge.get("unit")))
    district = districts.get(item.district_code, {})
    indicator = indicators.get(str(item.indicator), {})
    baseline = (_float(pledge.get("baseline_year")), _float(pledge.get("baseline_value")))
    shown = record(item)
    return {
        **shown,
        "disagrees": disagrees(shown),
        "district": {"name_zh": district.get("name_zh"), "name_en": district.get("name_en")},
        "indicator_name": {"name_zh": indicator.get("name_zh"), "name_en": indicator.get("name_en")},
        "indicator_kind": indicator.get("kind"),
        "area_zh": pledge.get("area_zh"),
        "quote": pledge.get("quote"),
        "source_id": pledge.get("source_id"),
        "comparator": pledge.get("comparator"),
        "target_value": _float(pledge.get("target_value")),
        "target_value_max": _float(pledge.get("target_value_max")),
        "unit": None if unit is None else {k: unit.get(k) for k in ("code", "symbol_zh", "name_en", "factor")},
        "baseline": None if None in baseline else {"year": int(baseline[0] or 0), "value": baseline[1]},
        "evidence_quotes": _evidence(item, {str(m["id"]): m for m in metrics}),
        "figures": _figures(pledge, item, metrics, units),
    }


def disagrees(row: dict[str, Any]) -> bool:
    """Whether the commitment's assessment and the status computed from its figures disagree: the figures
    decide (achieved, on-track, off-track, missed) and the assessment says otherwise."""
    undecided = {str(s) for s in UNDECIDED}
    assessed, computed = row["assessed_status"], row["computed_status"]
    return assessed is not None and computed not in undecided and assessed != computed


def _counts(cards: list[dict[str, Any]], field: str) -> list[dict[str, Any]]:
    grouped: dict[str, dict[str, int]] = {}
    for card in cards:
        counts = grouped.setdefault(str(card[field] or ""), {str(s): 0 for s in Status})
        counts[card["status"]] += 1
    return [{"key": key, "counts": counts, "total": sum(counts.values())} for key, counts in sorted(grouped.items())]


def document(snapshot: Snapshot, found: list[Progress]) -> dict[str, Any]:
    """The scorecard's data of a release: the counts and a card per commitment (``scorecard.json``)."""
    return from_tables(progress.tables(snapshot), found, labels.categories(snapshot.schema("commitments"), "topic"))


def from_tables(
    tables: dict[str, pl.DataFrame], found: list[Progress], topics: dict[str, tuple[str, str]]
) -> dict[str, Any]:
    """The scorecard's data from the tables tracking read (``pledgekit track`` and a release alike), with
    the (Chinese, English) names of the topics."""
    import polars as pl

    def rows(name: str) -> pl.DataFrame:
        return tables[name].drop("_row", strict=False) if name in tables else pl.DataFrame()

    commitments = rows("commitments")
    pledges = {str(r["id"]): r for r in commitments.iter_rows(named=True)} if commitments.width else {}
    context: dict[str, Any] = {
        "units": _by_code(rows("units")),
        "districts": _by_code(rows("districts")),
        "indicators": _by_code(rows("indicators")),
        "metrics": _metrics(rows("metrics"), commitments),
    }
    cards = [_card(item, pledges.get(item.id, {}), context) for item in found]
    for card in cards:
        name = topics.get(str(card["topic"]))
        card["topic_name"] = {"name_zh": name[0] if name else None, "name_en": name[1] if name else None}
    names = context["districts"]
    divisions = _counts(cards, "district_code")
    for entry in divisions:
        entry["name_zh"], entry["name_en"] = (names.get(entry["key"], {}).get(k) for k in ("name_zh", "name_en"))
    by_topic = _counts(cards, "topic")
    for entry in by_topic:
        entry["name_zh"], entry["name_en"] = topics.get(entry["key"], (None, None))
    totals = {str(s): sum(1 for c in cards if c["status"] == s) for s in Status}
    return {
        "as_of": found[0].as_of if found else None,
        "statuses": [str(s) for s in Status],
        "counts": {"divisions": divisions, "topics": by_topic, "total": totals},
        "cards": cards,
    }


def to_json(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def goal(card: dict[str, Any]) -> chart.Goal | None:
    """The target of the chart: a path from the start for a floor on a level indicator, else a level."""
    if card["target_value"] is None:
        return None
    start: tuple[int, float] | None = None
    if card["comparator"] in FLOORS and card["indicator_kind"] not in GROWTH_KINDS:
        if card["baseline"] is not None:
            start = (card["baseline"]["year"], card["baseline"]["value"])
        elif len({f["year"] for f in card["figures"]}) >= 2:  # the earliest figure, as the path method starts
            start = (card["figures"][0]["year"], card["figures"][0]["value"])
    return chart.Goal(card["target_year"], card["target_value"], card["target_value_max"], start)


def figure(card: dict[str, Any]) -> Markup | None:
    """The card's chart, or None without figures or a numeric target."""
    points = [chart.Point(f["year"], f["value"], f["id"], f["estimate"], f["evidence"]) for f in card["figures"]]
    return chart.svg(points, goal(card), f"{card['id']}: {card['target'] or ''}")


def shown(card: dict[str, Any]) -> list[dict[str, Any]]:
    """The components of the card's computation as shown: amounts in the target's unit, ratios as written."""
    factor = _float(card["unit"]["factor"]) if card["unit"] else None
    symbol = card["unit"]["symbol_zh"] if card["unit"] else ""
    rows = []
    for name, value in card["components"].items():
        if name in AMOUNTS and factor:
            text = f"{chart.number(value / factor)} {symbol}"
        elif name == "cagr":
            text = f"{value * 100:.2f} %"
        else:
            text = f"{value:.3f}"
        rows.append({"name": name, "value": value, "text": text})
    return rows


def page(data: dict[str, Any], title: str, version: str, *, standalone: bool = False) -> bytes:
    """``scorecard.html`` from the document: filters, counts and cards, with the labels of the site;
    ``standalone``: one self-contained file (``pledgekit track --format html``)."""
    cards = data["cards"]
    options = {
        "divisions": sorted({c["district_code"] for c in cards}),
        "topics": sorted({str(c["topic"] or "") for c in cards}),
        "statuses": [s for s in data["statuses"] if any(c["status"] == s for c in cards)],
    }
    names = {d["key"]: d for d in data["counts"]["divisions"]}
    topic_names = {t["key"]: t for t in data["counts"]["topics"]}
    views = [
        {
            "card": card,
            "classes": " ".join(
                [
                    f"d-{options['divisions'].index(card['district_code']) + 1}",
                    f"t-{options['topics'].index(str(card['topic'] or '')) + 1}",
                    f"s-{options['statuses'].index(card['status']) + 1}",
                ]
            ),
            "chart": figure(card),
            "components": shown(card),
        }
        for card in cards
    ]
    return site.scorecard_page(
        standalone=standalone,
        title=title,
        version=version,
        data=data,
        options=options,
        names=names,
        topic_names=topic_names,
        views=views,
        statuses={str(s): LABELS[s] for s in Status},
        reasons={str(r): text for r, text in REASONS.items()},
        methods=METHODS,
    )


def of_tracking(tracking: Tracking) -> bytes:
    """The scorecard of ``pledgekit track`` (the release's page, standalone) for the tracked packages."""
    data = from_tables(tracking.tables, tracking.progress, tracking.topics)
    return page(data, " · ".join(tracking.titles) or "pledgekit", "", standalone=True)
