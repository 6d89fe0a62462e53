"""The download site's labels are in Chinese and English: every heading and column header of every page
carries both, and every label of ``LABELS`` is used."""

from __future__ import annotations

import re

import pytest

from conftest import run_cli
from fixtures import scored_package, typed_package
from pledgekit.publish.site import LABELS, label

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    work = tmp_path_factory.mktemp("labels")
    package = typed_package(work / "datapackages" / "labelled-pledges")
    scored_package(work / "datapackages" / "scored-pledges")  # a scorecard with every kind of card
    assert run_cli("publish", cwd=work).returncode == 0
    with (package / "data" / "places.csv").open("a", encoding="utf-8") as places:
        places.write("0400,2025,3,,丙,false\n")
    assert run_cli("publish", cwd=work).returncode == 0  # a second version: its page names the previous one
    dist = work / "dist"
    paths = [dist / "index.html", dist / "labelled-pledges" / "index.html", dist / "labelled-pledges/1.1.0/index.html",
             dist / "labelled-pledges/1.1.0/scorecard.html", dist / "scored-pledges/1.0.0/scorecard.html"]  # fmt: skip
    return {str(p.relative_to(dist)): p.read_text(encoding="utf-8") for p in paths}


def test_every_heading_and_column_header_is_in_both_languages(pages: dict[str, str]) -> None:
    for name, page in pages.items():
        assert '<html lang="zh-Hans">' in page
        outside = re.sub(r'<table class="preview">.*?</table>', "", page, flags=re.S)  # column names: data
        labels = re.findall(r"<(h2|th|header|footer)(?:\s[^>]*)?>(.*?)</\1>", outside, flags=re.S)
        assert len(labels) >= 4, name
        for tag, text in labels:
            if tag == "h2" and re.fullmatch(r"[a-z0-9-]+", text):
                continue  # a table's name, from the data
            assert CJK.search(text) and '<span lang="en">' in text and LATIN.search(text), (name, tag, text)


def test_every_label_is_on_a_page(pages: dict[str, str]) -> None:
    shown = "".join(pages.values())
    unused = [key for key in LABELS if "{" not in LABELS[key][0] and str(label(key)) not in shown]
    assert unused == []
    assert all(zh and en and CJK.search(zh) for zh, en in LABELS.values())


def test_a_value_in_a_label_is_escaped() -> None:
    assert str(label("released_at", created="<b>")) == '发布于 &lt;b&gt;。 <span lang="en">Released &lt;b&gt;.</span>'
