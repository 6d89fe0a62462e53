"""The release plan: a pure function from what was validated (and the previous release) to every byte
the release will hold. Nothing here touches the disk; ``write.py`` carries the plan out.

Layout of ``DIR/<package>/<version>/``:
- the package's files, byte for byte as validated (CSV, schemas, codelists, source texts);
- ``datapackage.json`` with ``version``, ``created`` and each resource's ``bytes`` and ``hash``;
- ``json/<resource>.json`` and ``<package>-<version>.xlsx``; ``CHANGELOG.md``; ``release.json``;
- ``<package>-<version>.zip``: all of the above plus a ``SHA256SUMS`` of its own entries;
- ``load/``: recipes reading the tables typed by their Table Schemas (pandas, polars, DuckDB);
- ``catalogue.json`` and ``catalogue.xlsx``: the 政务信息资源目录 record;
- ``dcat.jsonld`` (DCAT-AP 3), ``ckan.json`` (the CKAN ``package_create`` record ``pledgekit push``
  sends, less organization and series), ``index.html``, ``style.css``;
- ``scorecard.html`` and its data ``scorecard.json``, when the package has commitments and metrics;
- ``SHA256SUMS``: every other file of the folder.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any

import semver

from ..documents import ReleaseRecord
from ..errors import PolicyError, UsageError
from ..io.package import DESCRIPTOR
from ..push import payload
from . import archive, catalogue, formats, portal, progress, scorecard, site
from .diff import Bump, Diff, compare
from .downloads import files as loading_recipes
from .snapshot import Snapshot, sha256

CHECKSUMS = "SHA256SUMS"
MAX_ROW_DETAILS = 20


@dataclass
class Previous:
    version: str
    snapshot: Snapshot
    changelog: str
    progress: dict[str, str] = field(default_factory=dict)  # id → status, from its progress.csv


@dataclass
class ReleasePlan:
    name: str
    version: str
    previous: str | None
    bump: Bump | None
    diff: Diff | None
    created: str
    files: dict[str, bytes] = field(default_factory=dict)
    validated: dict[str, str] = field(default_factory=dict)  # sha256 of each validated file
    unchanged: bool = False  # identical to the previous release: nothing to publish

    @property
    def folder(self) -> str:
        return f"{self.name}/{self.version}"

    def summary(self) -> str:
        return self.diff.summary() if self.diff else "first release"

    def to_dict(self) -> dict[str, Any]:
        return {
            "package": self.name,
            "version": self.version,
            "previous": self.previous,
            "bump": self.bump,
            "unchanged": self.unchanged,
            "created": self.created,
            "summary": self.summary(),
            "files": {path: {"bytes": len(data), "sha256": sha256(data)} for path, data in sorted(self.files.items())},
            "diff": self.diff.to_dict() if self.diff else None,
        }


def checksums(files: dict[str, bytes]) -> bytes:
    return "".join(f"{sha256(files[p])}  {p}\n" for p in sorted(files)).encode("ascii")


def next_version(previous: str | None, required: Bump | None, requested: str | None) -> str:
    """The version to publish: the required bump of the previous one, or ``requested`` if not lower."""
    base = semver.Version.parse(previous) if previous else None
    if base is None:
        minimum = semver.Version(1, 0, 0)
    elif required is None:
        minimum = base
    else:
        minimum = {"major": base.bump_major, "minor": base.bump_minor, "patch": base.bump_patch}[required]()
    if requested is None:
        return str(minimum)
    try:
        chosen = semver.Version.parse(requested)
    except ValueError:
        raise UsageError("version-invalid", f"{requested!r} is not a SemVer version such as 1.2.0") from None
    if chosen < minimum:
        why = f"a {required} change" if required else "the latest release" if previous else "a first release"
        raise PolicyError("version-too-low", f"version {requested} is lower than {minimum}, the least for {why}")
    return str(chosen)


def _period(snapshot: Snapshot) -> tuple[int, int] | None:
    years: list[int] = []
    for name, columns in (
        ("metrics", ("year", "period_start")),
        ("commitments", ("target_year", "period_start", "baseline_year")),
    ):
        table = snapshot.tables.get(name)
        for column in columns:
            if table is not None and column in table.frame.columns:
                years += [int(v) for v in table.frame[column].drop_nulls().to_list() if v.isdigit()]
    return (min(years), max(years)) if years else None


def shown_cell(value: object) -> str:
    """A cell in a changelog or a diff: quoted, and an empty cell said in words (never Python's None)."""
    return "(empty)" if value is None or value == "" else repr(str(value))


def _changelog_entry(plan: ReleasePlan, date: str, statuses: list[str], standard: str | None) -> str:
    lines = [f"## {plan.version} — {date}", ""]
    if plan.diff is None:
        lines.append("First release.")
    else:
        lines.append(f"{(plan.bump or 'patch').upper()}: {plan.diff.summary()}")
        lines.append("")
        lines += [f"- {c.resource}: {c.detail}" for c in plan.diff.schema]
        shown: dict[str, int] = {}
        for row in plan.diff.rows:
            shown[row.resource] = shown.get(row.resource, 0) + 1
            if shown[row.resource] > MAX_ROW_DETAILS:
                continue
            if row.kind == "changed":
                details = ", ".join(
                    f"{k}: {shown_cell(old)} → {shown_cell(new)}" for k, (old, new) in row.changed_fields().items()
                )
                lines.append(f"- {row.resource} {row.key} changed: {details}")
            else:
                lines.append(f"- {row.resource} {row.key} {row.kind}")
        for resource, count in shown.items():
            if count > MAX_ROW_DETAILS:
                lines.append(f"- {resource}: {count - MAX_ROW_DETAILS} more row change(s), see `pledgekit diff`")
        lines += [f"- {path} {kind}" for path, kind in plan.diff.files]
        if plan.diff.metadata:
            lines.append("- metadata changed: " + ", ".join(plan.diff.metadata))
        if statuses:
            lines += ["", "Progress (see docs/tracking.md):", "", *statuses]
    if standard:
        lines += ["", f"Validated against the pledgekit standard {standard}."]
    return "\n".join(lines) + "\n"


def _descriptor(snapshot: Snapshot, version: str, created: str, standard: str | None) -> dict[str, Any]:
    descriptor = copy.deepcopy(snapshot.descriptor)
    descriptor["version"] = version
    descriptor["created"] = created
    if standard:
        descriptor["standard_version"] = standard  # the version it was validated against
    for resource in descriptor.get("resources", []):
        data = snapshot.files[resource["path"]]
        resource["bytes"] = len(data)
        resource["hash"] = f"sha256:{sha256(data)}"
    return descriptor


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def plan_release(
    snapshot: Snapshot, previous: Previous | None, *, created: str, requested: str | None = None, base_url: str = "",
    standard: str | None = None,
) -> ReleasePlan:  # fmt: skip
    """Compute the whole release in memory. An unchanged package gives ``unchanged=True`` and no files.
    ``standard`` is the version of the standard the package was validated against: the release's
    datapackage.json (``standard_version``), release.json and CHANGELOG.md record it."""
    name = str(snapshot.descriptor["name"])
    diff = compare(previous.snapshot, snapshot) if previous else None
    required = diff.bump() if diff else None
    if previous and diff is not None and diff.empty and requested in (None, previous.version):
        return ReleasePlan(name, previous.version, previous.version, None, diff, created, unchanged=True)
    if previous and requested == previous.version:
        raise PolicyError("version-exists", f"{name} {requested} is already published with different content")
    version = next_version(previous.version if previous else None, required, requested)
    if previous and semver.Version.parse(version) <= semver.Version.parse(previous.version):
        raise PolicyError("version-exists", f"{name} {previous.version} is published; the next version must be higher")
    plan = ReleasePlan(name, version, previous.version if previous else None, required, diff, created)
    plan.validated = snapshot.digests()
    content: dict[str, bytes] = dict(snapshot.files)
    descriptor = _descriptor(snapshot, version, created, standard)
    content[DESCRIPTOR] = _json(descriptor)
    for resource, table in snapshot.tables.items():
        content[f"json/{resource}.json"] = formats.to_json(table)
    content[f"{name}-{version}.xlsx"] = formats.to_xlsx(snapshot.tables, f"{name} {version}")
    found = progress.compute(snapshot)
    content[progress.CSV] = progress.to_csv(found)
    content[progress.SCHEMA] = _json(progress.schema())
    statuses = progress.changes(previous.progress, found) if previous else []
    content.update(loading_recipes(snapshot.tables, name, version))
    entry = catalogue.to_json(catalogue.record(snapshot.descriptor, snapshot.tables, version, created, list(content)))
    content["catalogue.json"] = _json(entry)
    content["catalogue.xlsx"] = catalogue.to_xlsx(entry, f"{name} {version}")
    title = snapshot.descriptor.get("title", name)
    history = previous.changelog.split("\n", 2)[2] if previous and previous.changelog.count("\n") >= 2 else ""
    entry_text = _changelog_entry(plan, created[:10], statuses, standard)
    content["CHANGELOG.md"] = f"# Changelog: {title}\n\n{entry_text}\n{history}".encode()
    record = ReleaseRecord.model_validate(
        {"name": name, "version": version, "previous": plan.previous, "bump": required, "created": created,
         "summary": plan.summary(), "counts": diff.counts() if diff else {}, "standard": standard}
    )  # fmt: skip
    content["release.json"] = _json(record.model_dump(mode="json"))
    bundle = {**content, CHECKSUMS: checksums(content)}
    zip_name = f"{name}-{version}.zip"
    content[zip_name] = archive.build(bundle, f"{name}-{version}")
    downloads = _portal_records(content, snapshot, descriptor, record.model_dump(mode="json"), base_url)
    content["index.html"] = site.version_page(
        snapshot.descriptor, version, created, plan.previous, plan.summary(), downloads, snapshot.tables,
        scorecard=bool(found),
    )  # fmt: skip
    if found:
        card_data = scorecard.document(snapshot, found)
        content[scorecard.JSON] = scorecard.to_json(card_data)
        content[scorecard.HTML] = scorecard.page(card_data, str(title), version)
    content["style.css"] = site.stylesheet()
    content[CHECKSUMS] = checksums(content)
    plan.files = content
    return plan


def _portal_records(
    content: dict[str, bytes], snapshot: Snapshot, descriptor: dict[str, Any], record: dict[str, Any], base_url: str
) -> list[portal.Download]:
    """Add the portal records of the release (``dcat.jsonld``, ``ckan.json``) to ``content``; return the
    downloads they list."""
    name, version, created = str(descriptor["name"]), str(record["version"]), str(record["created"])
    downloads = [
        portal.Download(path, len(data), sha256(data), _title(path))
        for path, data in sorted(content.items())
        if path.endswith((".csv", ".json", ".xlsx", ".zip", ".txt", ".md"))
    ]
    base = base_url.rstrip("/") + f"/{name}/{version}/" if base_url else ""
    series_id = base_url.rstrip("/") + f"/{name}/" if base_url else "../"
    record_ld = portal.dataset(
        snapshot.descriptor, version, created, downloads, base=base, series=series_id, period=_period(snapshot)
    )
    series_ld = portal.series(snapshot.descriptor, base=series_id)
    dcat = portal.document([series_ld, record_ld])
    content["dcat.jsonld"] = _json(dcat)
    files = [{"name": d.path, "description": d.title, "size": d.size, "hash": d.sha256} for d in downloads]
    released = payload.Release(descriptor, record, files, dcat, checksums="")
    # the record `pledgekit push` sends, less what only the portal knows (organization, series, fingerprint)
    content["ckan.json"] = _json(payload.record(released, base_url=base_url, unknown_licence="notspecified"))
    return downloads


TITLES = {
    DESCRIPTOR: "Data package descriptor",
    "catalogue.json": "政务信息资源目录 record (JSON)",
    "catalogue.xlsx": "政务信息资源目录 record (XLSX)",
    progress.CSV: "Progress of every commitment (docs/tracking.md)",
    progress.SCHEMA: "Table Schema of progress.csv",
}


def _title(path: str) -> str:
    if path in TITLES:
        return TITLES[path]
    if path.endswith(".zip"):
        return "The whole release (zip)"
    if path.endswith(".xlsx"):
        return "All tables as an Excel workbook"
    if path.startswith("json/"):
        return f"Table {path[5:-5]} as JSON"
    if path.startswith("sources/"):
        return f"Source text {path[8:]}"
    return path
