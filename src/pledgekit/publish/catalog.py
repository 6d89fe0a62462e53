"""The releases folder's index, derived from the releases alone (so it can always be rebuilt):
``catalog.json``, ``catalog.jsonld`` (a DCAT catalog of every version), ``index.html`` and one
``index.html`` per package with its version history. Every release is verified first.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import semver

from ..documents import Catalog, ReleaseRecord, parse
from ..errors import IntegrityError
from ..io import atomic, jsonfile
from . import portal, site
from .verify import parse_checksums, releases, verify_folder


def _rebase(node: Any, prefix: str) -> Any:
    """Make a release's relative IRIs relative to the releases folder instead."""
    if isinstance(node, list):
        return [_rebase(item, prefix) for item in node]
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "@id" and isinstance(value, str) and "://" not in value:
                out[key] = prefix + value
            else:
                out[key] = _rebase(value, prefix)
        return out
    return node


def _object(folder: Path, name: str) -> dict[str, Any]:
    """A JSON object of a verified release; anything else is ``release-corrupt`` naming the file."""
    value = jsonfile.load(folder / name, origin=str(folder / name), max_bytes=jsonfile.MAX_JSON_BYTES * 50)
    if not isinstance(value, dict):
        raise IntegrityError("release-corrupt", "not a JSON object", path=str(folder / name))
    return value


def _nodes(document: dict[str, Any]) -> list[dict[str, Any]]:
    graph = document.get("@graph")
    return [node for node in graph if isinstance(node, dict)] if isinstance(graph, list) else []


def _load(folder: Path) -> dict[str, Any]:
    shown = str(folder / "release.json")
    record: dict[str, Any] = parse(ReleaseRecord, (folder / "release.json").read_bytes(), shown).model_dump()
    record["descriptor"] = _object(folder, "datapackage.json")
    sums = parse_checksums((folder / "SHA256SUMS").read_text(encoding="ascii"), str(folder))
    record["files"] = [{"path": p, "bytes": (folder / p).stat().st_size, "sha256": d} for p, d in sorted(sums.items())]
    record["dcat"] = _object(folder, "dcat.jsonld")
    return record


def build(out: Path) -> dict[str, bytes]:
    """The index files for ``out``, computed from its verified releases (pure apart from reading)."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for folder in releases(out):
        problems = verify_folder(folder, str(folder.relative_to(out)))
        if problems:
            raise IntegrityError("release-corrupt", str(problems[0]), path=str(folder))
        record = _load(folder)
        record["path"] = folder.relative_to(out).as_posix()
        grouped.setdefault(record["name"], []).append(record)
    packages, graph_series, graph_records, files = [], [], [], {}
    latest_descriptors: list[dict[str, Any]] = []
    for name in sorted(grouped):
        versions = sorted(grouped[name], key=lambda r: semver.Version.parse(r["version"]), reverse=True)
        latest = versions[0]["descriptor"]
        latest_descriptors.append(latest)
        packages.append(
            {
                "name": name,
                "title": latest.get("title", name),
                "description": latest.get("description", ""),
                "latest": versions[0]["version"],
                "created": versions[0]["created"],
                "versions": [
                    {k: r[k] for k in ("version", "created", "previous", "bump", "summary", "path", "files")}
                    for r in versions
                ],
            }
        )
        for record in versions:
            graph = _nodes(record["dcat"])
            prefix = f"{record['path']}/"
            graph_records += [_rebase(n, prefix) for n in graph if n.get("@type") == "dcat:Dataset"]
        graph_series += [
            _rebase(n, f"{versions[0]['path']}/")
            for n in _nodes(versions[0]["dcat"])
            if n.get("@type") == "dcat:DatasetSeries"
        ]
        files[f"{name}/index.html"] = site.package_page(latest, packages[-1]["versions"])
    catalog = Catalog.model_validate({"packages": packages}).model_dump(mode="json")
    files["catalog.json"] = (json.dumps(catalog, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    licences = [portal.licence_document(d) for d in latest_descriptors]
    dcat = portal.catalog(
        "pledgekit releases",
        "Every published version of every package in this folder.",
        graph_records,
        graph_series,
        agent=portal.publisher(latest_descriptors[0] if latest_descriptors else {}),
        created=[r["created"] for v in grouped.values() for r in v],
        licence=licences[0] if licences and all(x == licences[0] for x in licences) else None,  # one for all, or none
    )
    files["catalog.jsonld"] = (json.dumps(dcat, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files["index.html"] = site.root_page(packages)
    files["style.css"] = site.stylesheet()
    return files


def rebuild(out: Path) -> list[str]:
    """Write the index files atomically; return their paths."""
    files = build(out)
    for relpath, data in sorted(files.items()):
        target = out / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic.replace(target, data)
    return sorted(files)
