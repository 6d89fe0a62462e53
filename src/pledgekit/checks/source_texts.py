"""The sources' texts as the batches look quotes up in them: each text read, checked against its sha256,
normalised and indexed by clause once per run, and shared by every batch that cites it.

A batch cites the sources its rows name. When the rows of a file follow their sources, each batch cites a
few; when they do not (rows sorted by district, indicator or year, or not at all), every batch cites
nearly every source, and reading and indexing them again for each batch cost more than all the other
checks together. A text is kept while one of the last ``RECENT`` batches cited it (rows that follow their
sources leave each text behind within a batch or two) and while the texts kept fit in ``HELD_BYTES`` (text
and index); beyond that the least recently cited are let go, and read again if a batch cites them later,
so memory stays bounded whatever the sources weigh. Batches run on several threads: the held texts are
shared under a lock, held while a text is read, so that no text is read twice at once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import provenance, quotes

if TYPE_CHECKING:
    import polars as pl

    from ..io.package import PackageRef

HELD_BYTES = 64 * 2**20  # the texts and clause indexes kept across batches
RECENT = 4  # a text no batch of the last RECENT cited is let go (two batches in flight per worker)


@dataclass(frozen=True)
class _Held:
    text: pl.DataFrame  # (source_id, text): the normalised text
    anchors: pl.DataFrame  # its clause index (``quotes.index``: key and byte offset)
    size: int


class SourceTexts:
    """The texts of one package's sources (``files``: source_id → (path, sha256 checked)), read on demand."""

    def __init__(self, package: PackageRef, files: dict[str, tuple[str, str]], limit: int = HELD_BYTES) -> None:
        self.package, self.files, self.limit = package, files, limit
        self._held: OrderedDict[str, _Held] = OrderedDict()  # least recently cited first
        self._cited: dict[str, int] = {}  # the batch (counted) that last cited each held text
        self._batches = 0
        self._lock = threading.Lock()

    def sources(self, cited: set[str]) -> quotes.Sources:
        """The texts of the ``cited`` sources that were checked (others are not looked in), indexed."""
        import polars as pl

        wanted = sorted(cited & set(self.files))
        with self._lock:  # a text two batches need is read once: the second waits for the first
            self._held.update(self._read([source for source in wanted if source not in self._held]))
            entries = [self._held[source] for source in wanted]
            self._batches += 1
            for source in wanted:
                self._held.move_to_end(source)
                self._cited[source] = self._batches
            self._let_go()
        if not entries:
            return quotes.Sources(provenance.load_texts(self.package, {}))
        # One chunk: a join that gathers a text for each candidate offset out of several chunks copies the
        # text for each of them (gigabytes for a batch), out of one it does not.
        texts = pl.concat([entry.text for entry in entries], rechunk=True)
        return quotes.Sources(texts, pl.concat([entry.anchors for entry in entries], rechunk=False))

    def _read(self, sources: list[str]) -> dict[str, _Held]:
        """Each source's text read, checked and indexed on its own (a frame of its own, freed when it is let
        go)."""
        held = {}
        for source in sources:
            text = provenance.load_texts(self.package, {source: self.files[source]})
            anchors = quotes.index(text).drop("source_id")
            held[source] = _Held(text, anchors, int(text.estimated_size() + anchors.estimated_size()))
        return held

    def _let_go(self) -> None:
        """Let go, least recently cited first, the texts no recent batch cited and those over the bound
        (never one the batch at hand cites)."""
        total = sum(entry.size for entry in self._held.values())
        for source in list(self._held):
            recent = self._batches - self._cited[source] < RECENT
            if self._cited[source] == self._batches or (recent and total <= self.limit):
                break  # the rest were cited as recently or more
            total -= self._held.pop(source).size
            del self._cited[source]
