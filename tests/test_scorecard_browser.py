"""The scorecard in a real browser (Debian's chromium driven by playwright), opened from the release
folder as a file — no server: the statuses and numbers it shows are progress.csv's and scorecard.json's,
its filters work with and without JavaScript, every card shows without JavaScript, hostile text stays
text, and its Chinese is drawn with a CJK font. Screenshots are kept in the test's tmp_path."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from conftest import run_cli
from fixtures import HOSTILE, scored_package
from pledgekit.track.statuses import LABELS, Status

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
TITLE = "Example commitments and metrics (test fixture) 1.0.0: 承诺记分卡 Scorecard"


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("scorecard")
    scored_package(work / "datapackages" / "scored-pledges")
    assert run_cli("publish", cwd=work, env={"SOURCE_DATE_EPOCH": "1764000000"}).returncode == 0
    return work / "dist" / "scored-pledges" / "1.0.0"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "the test command installs chromium (tests/install-browser.sh)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield launched
        finally:
            launched.close()


def _open(browser: Browser, release: Path, *, javascript: bool) -> Page:
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto((release / "scorecard.html").as_uri())
    return page


def _progress(release: Path) -> list[dict[str, str]]:
    with (release / "progress.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _visible(page: Page) -> list[str]:
    cards = page.locator("article.card")
    return [cards.nth(i).get_attribute("id") or "" for i in range(cards.count()) if cards.nth(i).is_visible()]


def test_the_page_shows_the_statuses_and_numbers_of_the_data(browser: Browser, release: Path, tmp_path: Path) -> None:
    rows = _progress(release)
    data: dict[str, Any] = json.loads((release / "scorecard.json").read_text(encoding="utf-8"))
    page = _open(browser, release, javascript=True)
    try:
        assert page.title() == TITLE
        assert page.locator("article.card").count() == len(rows) == 5
        for row in rows:
            card = page.locator(f"article.card#{row['id']}")
            assert card.get_attribute("data-status") == row["status"]
            zh, en = LABELS[Status(row["status"])][1], LABELS[Status(row["status"])][0]
            assert card.locator(".status").inner_text() == f"{zh} {en}"
            assert (card.locator(".provisional").count() == 1) is (row["provisional"] == "true")
            assert card.locator(".method").get_attribute("data-method") == row["method"]
            reason = card.locator(".reason")
            assert (reason.get_attribute("data-reason") if reason.count() else "") == row["reason"]
            evidence = card.locator(".evidence li[data-id]")
            ids = [evidence.nth(i).get_attribute("data-id") or "" for i in range(evidence.count())]
            assert " ".join(ids) == row["evidence"]
            assert card.locator(".target .written").inner_text() == (row["target"] or "—")
            assert card.locator(".deadline").inner_text() == row["target_year"]
            assessed = card.locator(".assessed")
            assert assessed.count() == (1 if row["assessed_status"] else 0)
            if row["assessed_status"]:  # both statuses, who assessed it when, why, and the quote it rests on
                assert card.locator(".computed").get_attribute("data-status") == row["computed_status"]
                assert card.locator(".computed").get_attribute("data-method") == row["computed_method"]
                assert assessed.get_attribute("data-status") == row["assessed_status"]
                assert assessed.get_attribute("data-as-of") == row["assessed_as_of"]
                assert row["assessed_by"] in assessed.locator(".assessor").inner_text()
                assert row["assessed_on"] in assessed.locator(".assessor").inner_text()
                assert row["assessment_rationale_zh"] in card.locator(".rationale").inner_text()
                assert row["assessment_rationale_en"] in card.locator(".rationale").inner_text()
                assert card.locator(".assessment-quote").inner_text() == row["assessment_quote"]
                assert card.locator(".assessment-source").inner_text() == row["assessment_source_id"]
        for card_data in data["cards"]:
            card = page.locator(f"article.card#{card_data['id']}")
            warning = card.locator('.disagrees[role="note"]')
            assert (warning.count() == 1 and warning.is_visible()) is card_data["disagrees"]
            components = card.locator(".components li")
            shown = {
                components.nth(i).get_attribute("data-name"): float(components.nth(i).get_attribute("data-value") or "")
                for i in range(components.count())
            }
            assert shown == card_data["components"]
            dots = card.locator("svg.chart circle.figure")
            plotted = [(dots.nth(i).get_attribute("data-id"), float(dots.nth(i).get_attribute("data-value") or ""))
                       for i in range(dots.count())]  # fmt: skip
            assert plotted == [(f["id"], f["value"]) for f in card_data["figures"]]
            assert card.locator("svg.chart line.target").count() == (1 if card_data["figures"] else 0)
        for table, field in (("#by-division", "district_code"), ("#by-topic", "topic")):
            counted = Counter((row[field], row["status"]) for row in rows)
            for key in {row[field] for row in rows}:
                for status in Status:
                    cell = page.locator(f'{table} tr[data-key="{key}"] td[data-status="{status}"]')
                    assert int(cell.inner_text()) == counted[key, str(status)], (table, key, status)
            totals = Counter(row["status"] for row in rows)
            for status in Status:
                assert int(page.locator(f'{table} tfoot td[data-status="{status}"]').inner_text()) == totals[status]
        page.screenshot(path=str(tmp_path / "scorecard.png"), full_page=True)  # kept by pytest
    finally:
        page.context.close()
    assert (tmp_path / "scorecard.png").stat().st_size > 50_000


def test_hostile_text_is_shown_as_text_and_never_runs(browser: Browser, release: Path) -> None:
    page = _open(browser, release, javascript=True)
    try:
        assert page.title() == TITLE  # neither the script nor the onerror handler ran
        assert page.locator("script").count() == 0
        assert page.locator("img").count() == 0
        assert page.locator("#c-000-0004 .statement-en").inner_text() == HOSTILE
        quote = page.locator('#c-000-0003 .evidence li[data-id="m-000-0006"] q')
        assert quote.inner_text() == "2024年预计为87%" + HOSTILE
        assert page.locator("#c-000-0003 h3").inner_text() == 'c-000-0003 覆盖率达到90%"><img src=x onerror="x">'
    finally:
        page.context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_filters_hide_the_other_cards(browser: Browser, release: Path, tmp_path: Path, javascript: bool) -> None:
    rows = {row["id"]: row for row in _progress(release)}
    page = _open(browser, release, javascript=javascript)
    try:
        assert _visible(page) == list(rows)  # every card, before any choice
        page.get_by_label("海淀区").check()
        assert _visible(page) == [i for i, r in rows.items() if r["district_code"] == "110108"] == ["c-001-0001"]
        page.locator("#f-d-2").check()  # 大兴区
        page.locator("#filters input[name=topic][value=education]").check()
        assert _visible(page) == ["c-000-0002", "c-000-0004"]
        page.locator("#filters input[name=status][value=achieved]").check()
        assert _visible(page) == ["c-000-0002"]
        page.locator("#f-t-0").check()
        page.locator("#filters input[name=status][value=on-track]").check()  # the status in the end
        assert (
            _visible(page)
            == [i for i, r in rows.items() if r["status"] == "on-track" and r["district_code"] == "110115"]
            == ["c-000-0004"]
        )  # c-000-0003 is computed on-track, assessed off-track
        page.locator("#filters input[name=topic][value=education]").check()
        page.locator("#filters input[name=status][value=achieved]").check()
        page.screenshot(path=str(tmp_path / f"scorecard-filtered-{javascript}.png"), full_page=False)  # kept by pytest
        page.locator("#filters input[name=topic][value=economy]").check()
        assert _visible(page) == []
        for group in ("d", "t", "s"):
            page.locator(f"#f-{group}-0").check()
        assert _visible(page) == list(rows)
    finally:
        page.context.close()


def test_without_javascript_every_card_is_readable(browser: Browser, release: Path, tmp_path: Path) -> None:
    rows = _progress(release)
    page = _open(browser, release, javascript=False)
    try:
        for row in rows:
            card = page.locator(f"article.card#{row['id']}")
            card.scroll_into_view_if_needed()
            assert card.is_visible()
            box = card.bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 200
            text = card.inner_text()
            assert row["statement_zh"] in text and row["target_year"] in text
            assert LABELS[Status(row["status"])][1] in text
        page.screenshot(path=str(tmp_path / "scorecard-no-javascript.png"), full_page=True)  # kept by pytest
    finally:
        page.context.close()


def test_the_chinese_is_drawn_with_a_cjk_font(browser: Browser, release: Path) -> None:
    page = _open(browser, release, javascript=True)
    try:
        session = page.context.new_cdp_session(page)
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument")["root"]["nodeId"]
        for selector in ("h1", "#c-000-0003 blockquote"):
            node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
            fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            names = [f["familyName"] for f in fonts]
            assert any("CJK" in name for name in names), (selector, names)
    finally:
        page.context.close()


def test_the_version_page_links_the_scorecard(browser: Browser, release: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto((release / "index.html").as_uri())
        page.locator("#scorecard-link").click()
        assert page.title() == TITLE
    finally:
        context.close()
