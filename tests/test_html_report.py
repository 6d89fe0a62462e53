"""The steward's HTML report, opened in headless chromium: every issue's file, line and message shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from conftest import run_cli
from corpus import make_small, set_cell
from pledgekit import validate_paths
from test_site_browser import CHROMIUM, FLAGS

NAME = "beijing-district-pledges"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_in_a_browser(tmp_path: Path, lang: str) -> None:
    package = make_small(tmp_path / "datapackages" / NAME)
    set_cell(package, "metrics", "m-002-0015", "district_code", "大興區")
    set_cell(package, "metrics", "m-002-0015", "unit", "usd-100m")
    set_cell(package, "commitments", "c-000-0002", "statement_en", "<b>bold</b>")
    set_cell(package, "commitments", "c-000-0002", "statement_zh", " 建成区政务服务中心")
    report_path = tmp_path / "report.html"
    result = run_cli("validate", "--format", "html", "--lang", lang, "--output", str(report_path), cwd=tmp_path)
    assert result.returncode == 1
    report = validate_paths([tmp_path / "datapackages"], cwd=tmp_path)
    assert len(report.issues) == 3
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 900})
            page.goto(report_path.as_uri())
            shown = page.locator(".issue")
            assert shown.count() == len(report.issues)
            texts = [shown.nth(i).inner_text() for i in range(shown.count())]
            for issue in report.issues:
                where = issue.location.render()
                assert any(where in text and issue.message(lang) in text for text in texts), where
            bad = page.locator(".excerpt td.bad")
            assert sorted(t.strip() for t in bad.all_inner_texts()) == sorted(
                ["建成区政务服务中心", "大興區", "usd-100m"]
            )
            assert page.locator("b").count() == 0  # data stays text
            assert page.locator("link, script, img").count() == 0  # self-contained
            page.screenshot(path=str(tmp_path / f"validate-report-{lang}.png"), full_page=True)  # kept by pytest
        finally:
            browser.close()
