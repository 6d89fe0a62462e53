"""What every batch of a package may look things up in while it is validated: the codelists (each with
its extension's rows, ``standard/extensions.py``), the districts index, unit factors and source texts."""

from __future__ import annotations

from .checks import base_units, districts, provenance, quotes
from .checks.source_texts import SourceTexts
from .config import Settings
from .io.package import PackageRef
from .io.tables import Table
from .issues import Issue
from .standard import extensions


class Context:
    """What every batch of a package may look things up in."""

    def __init__(self, package: PackageRef, settings: Settings) -> None:
        self.package, self.settings = package, settings
        self.read: dict[str, Table] = {}  # every held resource as read
        self.held: dict[str, Table] = {}  # what the checks look up: a codelist with its extension's rows
        self.texts = SourceTexts(package, {})  # the checked sources' texts, read once for every batch
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

    def check_sources(self) -> list[Issue]:
        """Check each source's stored text against its sha256 (the sources resource is held): the issues,
        and from then on the texts that match are the ones quotes are looked up in."""
        issues, files = provenance.source_files(self.package, self.held["sources"], self.settings.limits.file_bytes)
        self.texts = SourceTexts(self.package, files)
        return issues

    def sources(self, table: Table) -> quotes.Sources:
        """The texts of the sources a batch cites."""
        cited = (
            set(table.frame["source_id"].drop_nulls().unique().to_list())
            if "source_id" in table.frame.columns
            else set()
        )
        return self.texts.sources(cited)
