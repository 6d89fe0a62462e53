"""The download site in a real browser (Debian's chromium driven by playwright), served by
``pledgekit serve``: every download link resolves to a file whose sha256 is the one shown."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from conftest import run_cli
from corpus import make_small, set_cell

NAME = "beijing-district-pledges"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("site")
    package = make_small(work / "datapackages" / NAME)
    set_cell(package, "commitments", "c-000-0002", "statement_en", "<script>document.title='pwned'</script>")
    assert run_cli("publish", cwd=work, env={"SOURCE_DATE_EPOCH": "1764000000"}).returncode == 0
    set_cell(package, "metrics", "m-002-0001", "note", "checked")
    assert run_cli("publish", cwd=work, env={"SOURCE_DATE_EPOCH": "1764100000"}).returncode == 0
    server = subprocess.Popen(
        [sys.executable, "-m", "pledgekit", "serve", "dist", "--port", "0"],
        cwd=work, stderr=subprocess.PIPE, text=True, env={**os.environ},
    )  # fmt: skip
    assert server.stderr is not None
    line = server.stderr.readline()
    found = re.search(r"http://127\.0\.0\.1:\d+/", line)
    assert found, line
    try:
        yield found.group(0)
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stderr.close()


def test_every_download_matches_its_checksum(site: str, tmp_path: Path) -> None:
    assert Path(CHROMIUM).exists(), "the test command installs chromium (see README)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(site + "index.html")
            assert page.locator("table.list a").first.inner_text() == "Beijing district commitments and metrics"
            page.goto(site + f"{NAME}/index.html")
            versions = page.locator("#versions tbody tr")
            assert versions.count() == 2
            assert "metrics: 1 row(s) changed" in versions.nth(0).inner_text()
            page.goto(site + f"{NAME}/1.0.1/index.html")
            assert page.title() == "Beijing district commitments and metrics 1.0.1"  # the injected script never ran
            assert page.locator("script").count() == 0
            previews = [
                page.locator("table.preview").nth(n).inner_text() for n in range(page.locator("table.preview").count())
            ]
            assert any("<script>document.title='pwned'</script>" in text for text in previews)  # shown as text
            rows = page.locator("#downloads tbody tr")
            assert rows.count() >= 20
            for index in range(rows.count()):
                row = rows.nth(index)
                link = row.locator("a.download")
                shown = row.locator("code.sha256").inner_text().strip()
                response = page.request.get(link.evaluate("a => a.href"))
                assert response.ok, link.get_attribute("href")
                assert hashlib.sha256(response.body()).hexdigest() == shown, link.get_attribute("href")
            assert "城乡建设用地" in page.content() or "地区生产总值" in page.content()
            page.screenshot(path=str(tmp_path / "release-page.png"), full_page=False)  # kept by pytest
        finally:
            browser.close()
    assert (tmp_path / "release-page.png").stat().st_size > 10_000
