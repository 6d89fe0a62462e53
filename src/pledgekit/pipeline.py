"""One validation pipeline: package → resources → batches → every layer → Report.

A file is read in batches of whole records (a file smaller than a batch is one batch); nothing else
depends on its size. Each batch goes through the bytes layer, then, parsed, through structure, cells,
districts, domain rules and provenance. What needs every row (``unique`` fields, primary and foreign
keys, figures that must agree, ids across resources) keeps a hash per row and is decided at the end, on
the rows those hashes single out, read again in full. Row numbers are the file lines records start on,
fixed once by the record reader.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .checks import consistency, descriptor, files, listing, standard, suggestions
from .checks import extensions as extension_checks
from .checks.interface import Batch, Layer
from .checks.layers import LAYERS
from .checks.structure import Structure, dedupe, missing_references, reference_issues
from .codes import Code, Severity
from .config import Settings
from .io import jsonfile
from .io.package import PackageRef
from .io.tables import Table
from .issues import Issue, Location
from .lookups import Context
from .reading import FileReading
from .report import one_per_cell
from .resources import HELD, Resource, prepare, referenced_groups
from .standard import extensions
from .standard.locate import PROFILE
from .tableschema import dialect as dialects
from .tableschema import header as headers
from .tableschema import records as records_module
from .tableschema import spec
from .tableschema.spec import SchemaError

if TYPE_CHECKING:
    import polars as pl

Excerpts = dict[tuple[str, int], dict[str, str]]


@dataclass
class Outcome:
    """What one package's validation found."""

    issues: list[Issue] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    rows: int = 0
    excerpts: Excerpts = field(default_factory=dict)


@dataclass
class Run:
    """One resource being read: its file, its layers and what they keep between batches."""

    reading: FileReading
    structure: Structure | None = None
    layers: list[Layer] = field(default_factory=list)  # the later layers that check this resource
    frames: list[pl.DataFrame] = field(default_factory=list)  # the batches' tables, for a held resource

    @property
    def resource(self) -> Resource:
        return self.reading.resource

    @property
    def where(self) -> Location:
        return self.reading.where

    @property
    def dialect(self) -> dialects.CsvDialect | None:
        return self.reading.dialect

    @property
    def failed(self) -> bool:
        """No more rows are checked: the file or its schema turned out unusable."""
        return self.reading.failed

    @failed.setter
    def failed(self, value: bool) -> None:
        self.reading.failed = value


def _hashes(run: Run, group: tuple[str, ...]) -> pl.DataFrame | None:
    """The structure layer's key hashes of ``group`` (rows whose key is not empty), if it keeps them."""
    structure = run.structure
    return structure.ledger.whole(group) if structure is not None and group in structure.ledger.groups else None


class Validation:
    """One package through every layer."""

    def __init__(self, package: PackageRef, standard_root: Path, settings: Settings) -> None:
        self.package, self.standard_root, self.settings = package, standard_root, settings
        self.context = Context(package, settings)
        self.outcome = Outcome()
        self.v2 = package.descriptor.get("$schema") == spec.V2_PACKAGE
        self.resources: list[Resource] = []
        self.done: dict[str, Run] = {}  # the resources read so far

    def run(self) -> Outcome:
        package, settings = self.package, self.settings
        for declared in package.resources():  # every path is checked before anything opens it (exit 3)
            package.resolve(declared.get("path"))
            for key in ("schema", "dialect"):
                if isinstance(declared.get(key), str):
                    package.resolve(declared[key])
        settings.step(package.name, "descriptor")
        profile = jsonfile.load(self.standard_root / PROFILE)
        found = descriptor.check(package, profile, str(self.standard_root / PROFILE))
        if found:
            self.outcome.issues += found
            return self.outcome  # a descriptor that breaks the profile is not read any further
        issues = standard.check(package, self.standard_root) + standard.major(package, self.standard_root)
        self.resources, problems = prepare(package, self.standard_root, settings.limits.file_bytes)
        issues += problems
        settings.step(package.name, "tables")
        runs = []
        for resource in self.resources:
            where = Location(package=package.name, resource=resource.name, path=resource.display)
            run = Run(FileReading(resource, where, settings.limits, settings.batch_bytes))
            self.outcome.resources.append(resource.name)
            issues += self._read(run)
            runs.append(run)
            self.done[resource.name] = run
            if resource.name == "sources" and "sources" in self.context.held:
                issues += self.context.check_sources()
        settings.step(package.name, "keys and consistency")
        issues += self._finish(runs)
        issues += self._assessed(issues)
        settings.step(package.name, "files")
        issues += extension_checks.check(self.context.read, package.name)
        issues += files.check(package, self.standard_root, self.context.held)
        issues += listing.check(package, self.context.held)
        self.outcome.issues += one_per_cell(suggestions.suggest(dedupe(issues), self.context.held))
        return self.outcome

    # Reading

    def _read(self, run: Run) -> list[Issue]:
        import polars as pl

        issues: list[Issue] = []
        pending: list[pl.DataFrame] = []
        # Batches are parsed here in order (a record may continue into the next batch); their checks run
        # on worker threads (polars releases the GIL), at most one batch per worker in flight.
        with ThreadPoolExecutor(self.settings.workers) as pool:
            running: deque[Future[list[Issue]]] = deque()
            for found, records in run.reading.batches():
                issues += found
                if records is None or run.failed:
                    continue
                batch = records
                if run.structure is None:
                    pending.append(records)  # the header and the sample a schema is inferred from come first
                    if sum(f.height for f in pending) < spec.SAMPLE_ROWS:
                        continue
                    batch, pending = pl.concat(pending), []
                    issues += self._start(run, batch)
                    if run.failed:
                        continue
                running.append(pool.submit(self._batch, run, self._counted(run, batch)))
                while len(running) > self.settings.workers:
                    issues += running.popleft().result()
            if pending and not run.failed:
                records = pl.concat(pending)
                issues += self._start(run, records)
                if not run.failed:
                    running.append(pool.submit(self._batch, run, self._counted(run, records)))
            issues += [issue for future in running for issue in future.result()]
        for layer in run.layers:
            issues += layer.finish()
        if run.resource.name in HELD and run.frames:
            frame = pl.concat(run.frames, how="diagonal_relaxed").sort("_row")
            r = run.resource
            self.context.hold(r.name, Table(r.name, r.relpath, r.display, frame, r.schema))
        return issues

    def _start(self, run: Run, records: pl.DataFrame) -> list[Issue]:
        """The header and the schema (inferred when the resource has none), from the first records."""
        resource, dialect = run.resource, run.dialect
        assert dialect is not None
        wanted = list(dialect.header_rows) if dialect.header else []
        header_rows = records_module.uncommented(records.filter(records["_record"].is_in(wanted)), dialect)
        labels = headers.labels([list(c) for c in header_rows["_cells"].to_list()], dialect.header_join)
        try:
            if resource.schema is None:
                sample = records_module.content(records.filter(records["_record"] <= spec.SAMPLE_ROWS), dialect)
                resource.schema = spec.infer(labels, [list(c) for c in sample["_cells"].to_list()])
                resource.keys = spec.keys(resource.schema)
            declared = [f for f in resource.schema.get("fields", []) if isinstance(f, dict)]
            matched = headers.match(labels, resource.schema, declared, dialect.header_case)
            plans = spec.plans(resource.schema, matched.fields)
        except (SchemaError, ValueError) as exc:
            run.failed = True
            return [
                Issue(
                    Code.SCHEMA_ERROR,
                    Location(package=self.package.name, resource=resource.name, path=resource.schema_path),
                    note=str(exc),
                )
            ]
        referenced = referenced_groups(self.resources, resource)
        readers = spec.frictionless_readers(resource.schema, self.v2)
        run.structure = Structure(run.where, resource.schema, resource.keys, referenced, readers)
        for number, fk in enumerate(resource.keys.foreign):  # into resources read before: checked batch by batch
            target = self.done.get(fk.resource)
            known = target.structure if target is not None and not target.failed else None
            if fk.resource and known is not None and fk.reference in known.ledger.groups:
                reference = f"{fk.resource}.{','.join(fk.reference)}"
                run.structure.resolve(number, self._present(fk.resource, fk.reference, known), reference)
        run.layers = [layer for start in LAYERS if (layer := start(resource.name)) is not None]
        row = int(header_rows["_row"].min()) if header_rows.height else 1  # type: ignore[arg-type]
        return run.structure.header(matched, plans, row, header_rows)

    def _present(self, name: str, group: tuple[str, ...], known: Structure) -> pl.Series:
        """The key hashes a foreign key into ``name`` may match: with the rows of its extension, if any."""
        import polars as pl

        present = known.present(group)
        extension = self.done.get(extensions.name_of(name)) if extensions.extended(extensions.name_of(name)) else None
        more = extension.structure if extension is not None and not extension.failed else None
        if more is None or group not in more.ledger.groups:
            return present
        return pl.concat([present, more.present(group)])

    def _counted(self, run: Run, records: pl.DataFrame) -> pl.DataFrame:
        """The batch's data records (counted here, on the reading thread)."""
        assert run.dialect is not None
        content = records_module.content(records, run.dialect)
        self.outcome.rows += content.height
        return content

    def _batch(self, run: Run, content: pl.DataFrame) -> list[Issue]:
        """Every layer on one batch (on a worker thread: it only appends to what it shares)."""
        assert run.structure is not None
        try:
            found, wide = run.structure.batch(content)
        except SchemaError as exc:
            run.failed = True
            return [
                Issue(
                    Code.SCHEMA_ERROR,
                    Location(package=self.package.name, resource=run.resource.name, path=run.resource.schema_path),
                    note=str(exc),
                )
            ]
        table = self._table(run, wide)
        if table is not None:
            context = self.context
            batch = Batch(table, self.package, {**context.held}, context.index, context.factors,
                          self.settings.limits.cell_bytes, context.sources)  # fmt: skip
            for layer in run.layers:
                found += layer.batch(batch)
            if run.resource.name in HELD:
                run.frames.append(table.frame)
        self._excerpts(found, run, wide)
        return found

    def _table(self, run: Run, wide: pl.DataFrame) -> Table | None:
        """The batch's well-formed rows for the later layers: none if the header is misaligned."""
        import polars as pl

        structure, r = run.structure, run.resource
        assert structure is not None
        if not structure.aligned:
            return None
        well_formed = ~pl.col("_blank") & (pl.col("_width") == len(structure.names))
        frame = (
            wide.lazy().filter(well_formed).select(structure.value_columns()).collect(engine="in-memory")
        )  # one query
        return Table(r.name, r.relpath, r.display, frame, r.schema)

    def _excerpts(self, issues: list[Issue], run: Run, frame: pl.DataFrame) -> None:
        """The cells of each row an issue points at (context for the HTML report)."""
        import polars as pl

        rows = sorted(
            {
                i.location.row
                for i in issues
                if i.location.row and i.location.row >= 2 and i.location.path == run.where.path
            }
        )
        if not rows or run.structure is None:
            return
        picked = frame.filter(pl.col("_row").is_in(rows))
        if "_blank" in picked.columns:  # a wide frame of the structure layer
            picked = run.structure.values(picked)
        for record in picked.iter_rows(named=True):
            line = record.pop("_row")
            self.outcome.excerpts[(run.where.path or "", line)] = {
                k: "" if v is None else str(v) for k, v in record.items()
            }

    # The end

    def _rows(
        self, run: Run, column: str, values: pl.Series, rows: set[int] | None = None, *, checked: bool = True
    ) -> pl.DataFrame | None:
        """The well-formed rows of a resource read again (the same reader, the same numbering) whose
        ``column`` holds one of ``values`` (every row when the resource has no such column); ``rows``, when
        known, are the file lines they start on (only the batches holding them are read). ``checked``: as the
        structure layer's wide frame, types and keys included; else its cells only."""
        import polars as pl

        if run.structure is None or run.dialect is None:
            return None
        frames = []
        for records in run.reading.again(rows):
            content = records_module.content(records, run.dialect)
            if column in content.columns:
                content = content.filter(pl.col(column).is_in(values.implode()))
            if content.height:
                frames.append(run.structure.evaluate(content) if checked else run.structure.cells(content))
        return pl.concat(frames) if frames else None

    def _again(self, run: Run, wanted: set[int]) -> pl.DataFrame | None:
        """The rows numbered ``wanted``, read again in full."""
        import polars as pl

        return self._rows(run, "_row", pl.Series(sorted(wanted), dtype=pl.Int64), wanted) if wanted else None

    def _finish(self, runs: list[Run]) -> list[Issue]:
        """Keys, figures and ids: candidates from the hashes, then the exact checks on rows read again."""
        issues: list[Issue] = []
        by_name = {run.resource.name: run for run in runs if run.structure is not None and not run.failed}
        wanted: dict[str, set[int]] = {
            name: run.structure.candidates() for name, run in by_name.items() if run.structure
        }
        missing: dict[tuple[str, int], set[int]] = {}
        for name, run in by_name.items():
            assert run.structure is not None
            for number, fk in enumerate(run.structure.keys.foreign):
                target = by_name.get(fk.resource or name)
                if target is None or target.structure is None:
                    continue  # the target's own schema-error says why its keys are unknown
                rows = missing_references(run.structure, target.structure, number)
                if rows:
                    missing[(name, number)] = rows
                    wanted[name] |= rows
        figures = {
            name: layer
            for name, run in by_name.items()
            for layer in run.layers
            if isinstance(layer, consistency.Figures)
        }
        ids = {name: _hashes(by_name[name], ("id",)) for name in figures}
        links = {name: _hashes(by_name[name], ("same_as",)) for name in figures}
        for name, rows in consistency.candidates(figures, ids, links).items():
            wanted[name] |= rows
        again: dict[str, Table] = {}
        for name, run in by_name.items():
            assert run.structure is not None
            wide = self._again(run, wanted[name])
            if wide is None:
                continue
            found = run.structure.duplicates(wide)
            for (source, number), rows in missing.items():
                if source == name:
                    fk = run.structure.keys.foreign[number]
                    reference = f"{fk.resource or name}.{','.join(fk.reference)}"
                    found += reference_issues(run.structure, number, rows, wide, reference)
            issues += found
            self._excerpts(found, run, wide)
            table = self._table(run, wide)
            if table is not None:
                again[name] = table
        found = consistency.exact(again, self.context.held.get("units"), self.package.name)
        for name, table in again.items():
            self._excerpts([i for i in found if i.location.resource == name], by_name[name], table.frame)
        issues += found
        return issues

    def _whole(self, name: str, keep: tuple[str, list[str]] | None = None) -> pl.DataFrame | None:
        """Every well-formed row of a resource read again (text cells, ``_row``), or None if unreadable;
        with ``keep`` (a column and its values), only the rows that hold one of the values there."""
        import polars as pl

        run = self.done.get(name)
        if run is None or run.failed:
            return None
        column, values = keep if keep is not None else ("", [])
        found = self._rows(run, column, pl.Series(values, dtype=pl.String), checked=False)
        table = self._table(run, found) if found is not None else None
        return table.frame if table is not None else None

    def _assessed(self, found: list[Issue]) -> list[Issue]:
        """Each assessment against the status computed from the figures as of its year (pledge tracking's
        rules): ``assessment-disagrees``. Only on a package without errors, so that the computation
        reads valid data; the resources are read again, as in the other end checks."""
        from .track import assessments as judged

        run = self.done.get("assessments")
        if run is None or any(issue.severity is Severity.ERROR for issue in found):
            return []
        return judged.check(self._whole, self.context.held, self.package.name, run.resource.display)


def validate_package(package: PackageRef, standard_root: Path, settings: Settings) -> Outcome:
    """Every layer on one package."""
    return Validation(package, standard_root, settings).run()
