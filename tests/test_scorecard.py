"""The scorecard without a browser: the SVG chart (figures inside the plot, the target drawn, nothing
without figures), the scorecard's data (the same statuses as progress.csv, figures in the target's unit)
and its page (escaped, no script)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from fixtures import HOSTILE, scored_package
from pledgekit.publish import chart, progress, scorecard, snapshot

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup: object) -> ET.Element:
    return ET.fromstring(str(markup))


def _frame(root: ET.Element) -> tuple[float, float, float, float]:
    rect = root.find(f"{SVG}rect[@class='frame']")
    assert rect is not None
    x, y = float(rect.get("x", "")), float(rect.get("y", ""))
    return x, y, x + float(rect.get("width", "")), y + float(rect.get("height", ""))


def _inside(frame: tuple[float, float, float, float], x: float, y: float) -> bool:
    left, top, right, bottom = frame
    return left <= x <= right and top <= y <= bottom


POINTS = [chart.Point(2021, 100.0, "m-1"), chart.Point(2023, 121.0, "m-2", estimate=True, evidence=True)]


@pytest.mark.parametrize(
    "goal",
    [
        chart.Goal(2025, 146.0, start=(2021, 100.0)),  # a path from the earliest figure
        chart.Goal(2025, 146.0, start=(2019, 80.0)),  # from a baseline below every figure
        chart.Goal(2022, 50.0),  # a ceiling far below the figures, its year between them
        chart.Goal(2025, 110.0, value_max=130.0),  # a range
        chart.Goal(2023, -5.0),  # a negative target
    ],
)
def test_every_figure_and_the_target_are_inside_the_plot(goal: chart.Goal) -> None:
    root = _parse(chart.svg(POINTS, goal, "c-000-0001"))
    frame = _frame(root)
    figures = root.findall(f"{SVG}circle")
    assert [(c.get("data-id"), c.get("data-year"), float(c.get("data-value", ""))) for c in figures] == [
        ("m-1", "2021", 100.0),
        ("m-2", "2023", 121.0),
    ]
    assert figures[0].get("class") == "figure" and figures[1].get("class") == "figure estimate evidence"
    for circle in figures:
        assert _inside(frame, float(circle.get("cx", "")), float(circle.get("cy", "")))
    target = root.find(f"{SVG}line[@class='target']")
    assert target is not None
    x1, y1, x2, y2 = (float(target.get(k, "")) for k in ("x1", "y1", "x2", "y2"))
    assert _inside(frame, x1, y1) and _inside(frame, x2, y2)
    assert x1 < x2
    assert (y1 == y2) is (goal.start is None)  # a level is flat; a path rises from its start
    series = root.find(f"{SVG}polyline[@class='series']")
    assert series is not None and len(series.get("points", "").split()) == 2
    assert (root.find(f"{SVG}rect[@class='target-band']") is not None) is (goal.value_max is not None)


def test_the_target_line_ends_at_the_target() -> None:
    goal = chart.Goal(2025, 146.0, start=(2021, 100.0))
    root = _parse(chart.svg(POINTS, goal, "x"))
    frame = chart.box(sorted(POINTS, key=lambda p: p.year), goal)
    target = root.find(f"{SVG}line[@class='target']")
    assert target is not None
    assert float(target.get("x2", "")) == pytest.approx(frame.x(2025), abs=0.05)
    assert float(target.get("y2", "")) == pytest.approx(frame.y(146.0), abs=0.05)
    assert float(target.get("y1", "")) == pytest.approx(frame.y(100.0), abs=0.05)
    assert float(target.get("y2", "")) < float(target.get("y1", ""))  # higher value, higher on the page


def test_a_single_figure_in_the_target_year_still_has_a_width() -> None:
    root = _parse(chart.svg([chart.Point(2023, 0.95, "m")], chart.Goal(2023, 1.0), "x"))
    frame = _frame(root)
    (circle,) = root.findall(f"{SVG}circle")
    assert _inside(frame, float(circle.get("cx", "")), float(circle.get("cy", "")))
    assert [t.text for t in root.findall(f"{SVG}text[@class='year']")] == ["2022", "2024"]


def test_no_figure_or_no_target_no_chart() -> None:
    assert chart.svg([], chart.Goal(2025, 90.0), "x") is None
    assert chart.svg(POINTS, None, "x") is None


def test_the_chart_escapes_what_it_is_given() -> None:
    markup = str(chart.svg([chart.Point(2024, 1.0, HOSTILE)], chart.Goal(2025, 2.0), HOSTILE))
    assert "<script" not in markup and "<img" not in markup
    root = _parse(markup)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == HOSTILE
    assert root.get("aria-label") == HOSTILE


def test_numbers_are_labelled_plainly() -> None:
    assert [chart.number(v) for v in (86.666667, 345e9, 0.95, -5.0)] == ["86.67", "345000000000", "0.95", "-5"]


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[progress.Progress], dict[str, object]]:
    work = tmp_path_factory.mktemp("scored")
    package = scored_package(work / "scored-pledges")
    read = snapshot.read(package, work)
    found = progress.compute(read)
    return found, scorecard.document(read, found)


def test_the_cards_are_the_rows_of_progress_csv(scored: tuple[list[progress.Progress], dict[str, object]]) -> None:
    found, data = scored
    rows = list(csv.DictReader(io.StringIO(progress.to_csv(found).decode("utf-8"))))
    cards = data["cards"]
    assert isinstance(cards, list)
    for row, card in zip(rows, cards, strict=True):
        shown = {**card, "evidence": " ".join(card["evidence"]), "provisional": str(card["provisional"]).lower()}
        assert {k: "" if shown[k] is None else str(shown[k]) for k in row} == row
    assert {c["id"]: c["status"] for c in cards} == {
        "c-000-0001": "not-yet-due",
        "c-000-0002": "achieved",
        "c-000-0003": "off-track",  # assessed: computed on-track
        "c-000-0004": "on-track",  # assessed: computed no-data
        "c-001-0001": "missed",
    }


def test_the_counts_add_up(scored: tuple[list[progress.Progress], dict[str, object]]) -> None:
    _, data = scored
    counts = data["counts"]
    assert isinstance(counts, dict)
    assert [(d["key"], d["name_zh"], d["total"]) for d in counts["divisions"]] == [
        ("110108", "海淀区", 1),
        ("110115", "大兴区", 4),
    ]
    assert [(t["key"], t["counts"]["achieved"], t["counts"]["on-track"]) for t in counts["topics"]] == [
        ("childcare", 0, 0),  # c-000-0003: off-track in the end
        ("economy", 0, 0),
        ("education", 1, 1),
    ]
    assert sum(counts["total"].values()) == 5
    assert [(t["key"], t["name_zh"], t["name_en"]) for t in counts["topics"]] == [
        ("childcare", "托育", "Childcare"),
        ("economy", "经济", "Economy"),
        ("education", "教育", "Education"),
    ]  # named as the standard's commitments schema names them


def test_figures_are_in_the_target_unit_and_carry_their_quotes(
    scored: tuple[list[progress.Progress], dict[str, object]],
) -> None:
    _, data = scored
    cards = {c["id"]: c for c in data["cards"]}  # type: ignore[attr-defined]
    gdp = cards["c-001-0001"]
    assert [(f["id"], f["year"], f["value"], f["estimate"]) for f in gdp["figures"]] == [
        ("m-001-0001", 2023, pytest.approx(0.95), True)
    ]
    coverage = cards["c-000-0003"]
    assert [(f["year"], f["value"], f["evidence"]) for f in coverage["figures"]] == [
        (2022, 80.0, True),
        (2023, 85.0, True),
        (2024, 87.0, True),
    ]
    assert coverage["evidence_quotes"][2]["quote"] == "2024年预计为87%" + HOSTILE
    goal = scorecard.goal(coverage)
    assert goal == chart.Goal(2025, 90.0, None, (2022, 80.0))  # the path starts at the earliest figure
    assert scorecard.goal(cards["c-000-0002"]) == chart.Goal(2025, 6.0)  # one figure: the level
    assert scorecard.goal(gdp) == chart.Goal(2023, 1.0, None, (2020, 0.8))  # from the baseline
    assert scorecard.figure(cards["c-000-0004"]) is None  # a completion pledge has nothing to draw


def test_a_card_keeps_the_computed_and_the_assessed_status_and_marks_a_disagreement(
    scored: tuple[list[progress.Progress], dict[str, object]],
) -> None:
    _, data = scored
    cards = {c["id"]: c for c in data["cards"]}  # type: ignore[attr-defined]
    shown = {
        i: (c["status"], c["method"], c["computed_status"], c["assessed_status"], c["disagrees"])
        for i, c in cards.items()
        if c["assessed_status"]
    }
    assert shown == {
        "c-000-0003": ("off-track", "assessment", "on-track", "off-track", True),  # the figures decide otherwise
        "c-000-0004": ("on-track", "assessment", "no-data", "on-track", False),  # the figures decide nothing
    }
    assert not any(c["disagrees"] for c in cards.values() if not c["assessed_status"])
    coverage = cards["c-000-0003"]
    assert (coverage["assessed_by"], coverage["assessed_as_of"], coverage["assessment_source_id"]) == (
        "示例评估组<b>", 2024, "src-000",
    )  # fmt: skip
    assert coverage["assessment_rationale_en"] == HOSTILE
    assert scorecard.disagrees({"assessed_status": "achieved", "computed_status": "missed"})
    assert not scorecard.disagrees({"assessed_status": "achieved", "computed_status": "achieved"})
    assert not scorecard.disagrees({"assessed_status": "on-track", "computed_status": "not-yet-due"})
    assert not scorecard.disagrees({"assessed_status": None, "computed_status": "missed"})


def test_the_page_escapes_the_data_and_has_no_script(
    scored: tuple[list[progress.Progress], dict[str, object]],
) -> None:
    _, data = scored
    html = scorecard.page(data, "<b>title</b>", "1.0.0").decode("utf-8")  # type: ignore[arg-type]
    assert "<script" not in html and "<img" not in html and "<b>title" not in html
    assert html.count("&lt;script&gt;document.title=") == 3  # the statement, a metric's quote, a rationale
    assert "示例评估组&lt;b&gt;" in html and "示例评估组<b>" not in html
    assert (
        '<dd class="topic" data-topic="childcare">托育 <span lang="en">Childcare</span> <code>childcare</code>' in html
    )
    assert len(re.findall(r'<p class="disagrees" role="note">', html)) == 1
    assert len(re.findall(r'<article class="card ', html)) == 5
    assert len(re.findall(r'<svg class="chart"', html)) == 4


def test_a_release_links_its_scorecard(tmp_path: Path) -> None:
    from conftest import run_cli

    scored_package(tmp_path / "datapackages" / "scored-pledges")
    assert run_cli("publish", cwd=tmp_path).returncode == 0
    release = tmp_path / "dist" / "scored-pledges" / "1.0.0"
    assert 'href="scorecard.html"' in (release / "index.html").read_text(encoding="utf-8")
    sums = (release / "SHA256SUMS").read_text(encoding="utf-8")
    assert "  scorecard.html\n" in sums and "  scorecard.json\n" in sums
    assert run_cli("verify", "dist", cwd=tmp_path).returncode == 0


def _cards(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<article class="card [^"]*" id="([^"]+)" data-status="([^"]+)"', html)


def test_track_writes_the_scorecard_page_as_one_file(tmp_path: Path) -> None:
    """``pledgekit track --format html`` is the release's page (the same renderer and statuses), standalone:
    its stylesheet inline, no link to the release's other files, every text escaped."""
    from conftest import run_cli

    scored_package(tmp_path / "datapackages" / "scored-pledges")
    result = run_cli("track", "--format", "html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = result.stdout
    tracked = json.loads(run_cli("track", "--format", "json", cwd=tmp_path).stdout)["progress"]
    assert _cards(html) == [(p["id"], p["status"]) for p in tracked]
    assert ("c-000-0003", "off-track") in _cards(html)  # the status in the end, an assessment's
    assert "<script" not in html and "<img" not in html and "<link" not in html
    assert html.count("&lt;script&gt;document.title=") == 3
    assert 'href="progress.csv"' not in html and 'href="index.html"' not in html
    assert "<style>\nbody {" in html  # the site's stylesheet, inline

    assert run_cli("publish", cwd=tmp_path).returncode == 0
    release = (tmp_path / "dist" / "scored-pledges" / "1.0.0" / "scorecard.html").read_text(encoding="utf-8")
    assert _cards(release) == _cards(html)
    cards = re.compile(r'<div class="cards">.*</div>\n</div>', re.S)
    assert cards.findall(release) == cards.findall(html)  # card for card, the same markup

    out = tmp_path / "scorecard.html"
    assert run_cli("track", "--format", "html", "--output", str(out), cwd=tmp_path).returncode == 0
    assert out.read_text(encoding="utf-8") == html
    inside = run_cli("track", "-f", "html", "-o", "datapackages/scored-pledges/x.html", cwd=tmp_path)
    assert inside.returncode == 2 and not (tmp_path / "datapackages/scored-pledges/x.html").exists()
