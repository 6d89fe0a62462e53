"""What every batch of a package may look things up in while it is validated: the codelists (each with
its extension's rows, ``standard/extensions.py``), the districts index, unit factors and source texts."""

from __future__ import annotations

from .checks import base_units, districts, provenance, quotes
from .config import Settings
from .io.package import PackageRef
from .io.tables import Table
from .standard import extensions


class Context:
    """What every batch of a package may look things up in."""

    def __init__(self, package: PackageRef, settings: Settings) -> None:
        self.package, self.settings = package, settings
        self.read: dict[str, Table] = {}  # every held resource as read
        self.held: dict[str, Table] = {}  # what the checks look up: a codelist with its extension's rows
        self.source_files: dict[str, tuple[str, str]] = {}  # source_id: (path, sha256 checked)
        self.index: districts.DistrictIndex | None = None
        self.factors = base_units.factors(self.held.get("units"))  # empty until the units are held

    def hold(self, name: str, table: Table) -> None:
        self.read[name] = table
        codelist = extensions.extended(name) or name
        held = extensions.merged(self.read.get(codelist), self.read.get(extensions.name_of(codelist)))
        if held is not None:
            self.held[codelist] = held
        if name == "districts":
            self.index = districts.DistrictIndex(table)
        if codelist == "units":
            self.factors = base_units.factors(self.held.get("units"))

    def sources(self, table: Table) -> quotes.Sources:
        """The texts of the sources a batch cites."""
        cited = (
            set(table.frame["source_id"].drop_nulls().unique().to_list())
            if "source_id" in table.frame.columns
            else set()
        )
        wanted = {i: p for i, p in self.source_files.items() if i in cited}
        return quotes.Sources(provenance.load_texts(self.package, wanted))
