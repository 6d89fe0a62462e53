"""The one interface of the layers that check a resource's rows after the structure layer has read them
(cells, districts, domain rules, provenance, consistency): ``start`` for a resource (the layer, or None
when it has nothing to check there), ``batch`` for each batch of well-formed rows, ``finish`` at the end
of the resource. A whole file is one batch; a layer never knows how the file was cut.

The orchestrator (``pipeline.py``) runs every layer of ``LAYERS`` (``checks/layers.py``) the same way and
knows none of them by name. Batches of one resource may run on several threads at once: a layer keeps
what it needs across batches by appending (the consistency layer's figure hashes), never by updating.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import polars as pl

    from ..io.package import PackageRef
    from ..io.tables import Table
    from ..issues import Issue
    from .quotes import Sources


class DistrictLookup(Protocol):
    """The districts codelist as the layers look it up (``districts.DistrictIndex``)."""

    codes: set[str]
    known: pl.Series  # the same codes as a column, for is_in on a batch
    lineage: pl.DataFrame  # (code, ancestor): each code with itself and every division it lies in
    retired: pl.DataFrame  # (code, valid_to, last_year): the codes the newest list no longer has

    def suggest(self, value: str, near: Collection[str] = ()) -> tuple[str, str] | None: ...


@dataclass(frozen=True)
class Batch:
    """One batch of a resource's well-formed rows (text cells, ``_row`` the file line) and what the layers
    may look things up in: the resources read before it (codelists and sources come first)."""

    table: Table
    package: PackageRef
    held: Mapping[str, Table]
    districts: DistrictLookup | None
    factors: pl.DataFrame  # unit → factor to its base unit (empty until the units codelist is read)
    cell_bytes: int
    sources: Callable[[Table], Sources]  # the texts of the sources the batch cites, read on demand


class Layer(Protocol):
    """A layer's work on one resource."""

    def batch(self, batch: Batch) -> list[Issue]:
        """The issues of one batch."""
        ...

    def finish(self) -> list[Issue]:
        """The issues only the whole resource shows (after its last batch)."""
        ...


# A layer's ``start``: the layer for one resource (named), or None when it has nothing to check there.
Start = Callable[[str], Layer | None]
