"""The sources' texts are read, checked and indexed once per run and shared by every batch that cites them,
within a bound, and give the same quotes as texts read for one batch alone."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import polars as pl
import pytest

from conftest import fixture_package
from corpus import read
from pledgekit.checks import provenance, quotes, source_texts
from pledgekit.checks.source_texts import SourceTexts
from pledgekit.io.package import PackageRef, open_package


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return fixture_package(tmp_path / "pledges")


@pytest.fixture
def package(folder: Path) -> PackageRef:
    return open_package(folder, folder.parent)


def _files(package: PackageRef) -> dict[str, tuple[str, str]]:
    """Each source with a stored text: (path, sha256 of the text)."""
    files = {}
    for path in sorted((package.root / "sources").glob("*.txt")):
        relpath = f"sources/{path.name}"
        files[f"src-{path.name[:3]}"] = (relpath, hashlib.sha256(path.read_bytes()).hexdigest())
    return files


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources read from disk, in order."""
    reads: list[str] = []
    real = provenance.load_texts

    def load(package: PackageRef, files: dict[str, tuple[str, str]]) -> pl.DataFrame:
        reads.extend(files)
        return real(package, files)

    monkeypatch.setattr(provenance, "load_texts", load)
    return reads


def test_each_text_is_read_once_for_every_batch_that_cites_it(
    package: PackageRef, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _files(package)
    reads = _counting(monkeypatch)
    texts = SourceTexts(package, files)
    first = texts.sources({"src-000", "src-002", "src-unknown"})
    second = texts.sources({"src-002", "src-003"})
    assert reads == ["src-000", "src-002", "src-003"]
    assert first.texts["source_id"].to_list() == ["src-000", "src-002"]  # only checked texts are looked in
    alone = provenance.load_texts(package, {s: files[s] for s in ("src-002", "src-003")})
    assert second.texts.equals(alone)
    index = quotes.index(alone).drop("source_id")
    assert sorted(second.anchors().iter_rows()) == sorted(index.iter_rows())


def test_texts_over_the_bound_are_let_go_and_read_again(package: PackageRef, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = _counting(monkeypatch)
    texts = SourceTexts(package, _files(package), limit=1)  # nothing fits: only the batch at hand is held
    for cited in ({"src-000"}, {"src-002"}, {"src-000", "src-002"}, {"src-002"}):
        assert texts.sources(cited).texts["source_id"].to_list() == sorted(cited)
    # the second let src-000 go; the third read it again (src-002 was held) and held both; the fourth read none
    assert reads == ["src-000", "src-002", "src-000"]


def test_a_text_no_recent_batch_cited_is_let_go(package: PackageRef, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows that follow their sources leave each text behind: it is not kept to the bound."""
    reads = _counting(monkeypatch)
    texts = SourceTexts(package, _files(package))
    texts.sources({"src-000"})
    for _ in range(source_texts.RECENT - 1):
        texts.sources({"src-002"})
    texts.sources({"src-000"})  # cited by one of the last RECENT batches: still held
    for _ in range(source_texts.RECENT):
        texts.sources({"src-002"})
    texts.sources({"src-000"})
    assert reads == ["src-000", "src-002", "src-000"]


def test_two_batches_at_once_read_a_text_once(package: PackageRef, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = _counting(monkeypatch)
    texts = SourceTexts(package, _files(package))
    start = threading.Barrier(2)
    found: list[quotes.Sources] = []

    def batch() -> None:
        start.wait()
        found.append(texts.sources({"src-000", "src-001", "src-002"}))

    threads = [threading.Thread(target=batch) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(reads) == ["src-000", "src-001", "src-002"]
    assert found[0].texts.equals(found[1].texts)


def test_quotes_are_found_as_in_texts_read_for_one_batch(package: PackageRef) -> None:
    """Every quote of the package (and each cut short or changed) is found, or not, as when its batch's
    texts are read together, whatever texts are held from batches before."""
    files = _files(package)
    rows = []
    for name in ("commitments", "metrics"):
        table = read(package.resolve(f"data/{name}.csv"))
        header = table[0]
        for row in table[1:]:
            quote = provenance.normalise(pl.lit(row[header.index("quote")]))
            text = pl.select(quote).item()
            rows += [(row[header.index("source_id")], q) for q in (text, text[1:], text[:-1], text + "。", "未见")]
    wanted = pl.DataFrame(rows, schema={"source_id": pl.String, "quote_n": pl.String}, orient="row")
    texts = SourceTexts(package, files)
    texts.sources(set(files))  # every text held
    cited = set(wanted["source_id"].to_list())
    shared = texts.sources(cited).found(wanted).sort(pl.all())
    alone = quotes.found(wanted, provenance.load_texts(package, {s: files[s] for s in sorted(cited & set(files))}))
    assert shared.equals(alone.sort(pl.all()))
    assert 0 < shared.height < wanted.unique().height
