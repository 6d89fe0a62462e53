"""Push releases into CKAN: verify each release, then for each version compare first and create only what
is missing. The one function ``pledgekit push`` calls.

Order of calls: ``status_show`` (is it CKAN, and which extensions does it run?), ``organization_show``
(it must exist), on a portal with ckanext-scheming ``scheming_dataset_schema_show`` (the fields of its
dataset types), then per package the series: with ckanext-dataset-series a ``dataset_series`` dataset
(``package_show``, ``package_create`` if missing), else a group (``group_show``, ``group_create`` if
missing); and per version ``package_show`` then ``package_create`` only when the dataset does not exist.
A dataset that exists with the same content is left alone (``unchanged``); one that exists with other
content is refused (``version-exists``): a published version is never overwritten. A create whose
answer was lost (timeout, 5xx) is followed by a read: if the dataset landed as sent, the push succeeded.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import semver

from ..errors import EnvironmentFailure, IntegrityError, LoadError, PolicyError, UsageError
from ..publish.plan import CHECKSUMS
from ..publish.verify import releases, verify_folder
from . import payload
from .portal import Missing, Portal


@dataclass(frozen=True)
class Pushed:
    dataset: str  # the CKAN dataset name
    version: str
    state: str  # created, unchanged, would create
    url: str  # the dataset's page on the portal

    def to_dict(self) -> dict[str, str]:
        return {"dataset": self.dataset, "version": self.version, "state": self.state, "url": self.url}


def _json(folder: Path, name: str) -> Any:
    try:
        return json.loads((folder / name).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IntegrityError("release-corrupt", f"{name} cannot be read: {exc}", path=str(folder)) from None


def read_release(folder: Path) -> payload.Release:
    """A release folder, after checking every file against its SHA256SUMS."""
    problems = verify_folder(folder, str(folder))
    if problems:
        shown = "; ".join(str(p) for p in problems[:3])
        raise IntegrityError("release-corrupt", f"the release does not verify: {shown}", path=str(folder))
    return payload.Release(
        descriptor=_json(folder, "datapackage.json"),
        record=_json(folder, "release.json"),
        files=list(_json(folder, "ckan.json").get("resources", [])),
        dcat=_json(folder, "dcat.jsonld"),
        checksums=hashlib.sha256((folder / CHECKSUMS).read_bytes()).hexdigest(),
    )


def _folders(path: Path) -> list[Path]:
    if (path / CHECKSUMS).is_file():
        return [path]
    found = releases(path) if path.is_dir() else []
    if not found:
        raise LoadError("not-a-release", "not a release folder nor a releases folder", path=str(path))

    def order(folder: Path) -> tuple[str, semver.Version]:
        try:
            return folder.parent.name, semver.Version.parse(folder.name)
        except ValueError:
            raise LoadError("not-a-release", "a release folder not named by its version", path=str(folder)) from None

    return sorted(found, key=order)


def push(
    path: Path, *, url: str, token: str | None, organization: str, base_url: str, group: str | None = None,
    dry_run: bool = False, timeout: float = 30.0, echo: Callable[[str], None] = print,
) -> list[Pushed]:  # fmt: skip
    """Put every release under ``path`` (one release folder, or a releases folder) into the CKAN at ``url``."""
    if not token and not dry_run:
        raise UsageError("ckan-token-missing", "the API token is not set: put it in the CKAN_API_TOKEN variable")
    _check_site(url)
    if not base_url.startswith(("https://", "http://")):
        raise UsageError("ckan-base-url", f"--base-url must be an absolute http(s) URL, not {base_url!r}")
    loaded = [read_release(folder) for folder in _folders(path)]  # all verified before any call
    portal = Portal(url, token, timeout=timeout, dry_run=dry_run, echo=echo)
    extensions = set((portal.call("status_show", {}) or {}).get("extensions") or [])
    try:
        portal.call("organization_show", {"id": organization})
    except Missing:
        raise UsageError("ckan-not-found", f"organization {organization!r} does not exist on {url}") from None
    fields = {kind: _fields(portal, kind, extensions) for kind in ("dataset", "dataset_series")}
    as_series = "dataset_series" in extensions and bool(fields["dataset_series"])
    series_ids: dict[str, str] = {}
    done = []
    for release in loaded:
        group_name = group or str(release.descriptor["name"])
        if group_name not in series_ids:
            if as_series:
                wanted = payload.series(release, name=group_name, organization=organization)
                series_ids[group_name] = _ensure_series(portal, payload.fit(wanted, fields["dataset_series"]))
            else:
                _ensure_group(portal, payload.group(release.descriptor, group_name))
                series_ids[group_name] = ""
        desired = payload.dataset(
            release, organization=organization, base_url=base_url, group_name=group_name,
            series_id=series_ids[group_name] or None,
        )  # fmt: skip
        desired = payload.fit(desired, fields["dataset"])
        if not payload.valid_name(desired["name"]):
            raise LoadError("ckan-rejected", f"{desired['name']!r} is not a CKAN dataset name (a-z, 0-9, - and _)")
        state = _put(portal, desired)
        done.append(Pushed(desired["name"], desired["version"], state, f"{portal.url}/dataset/{desired['name']}"))
    return done


LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def _check_site(url: str) -> None:
    """The site must be reached over https (the token travels in a header), or be on this machine."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname in LOOPBACK:
        return
    raise UsageError("ckan-url", f"--url must be the site's https:// address, not {url!r}")


def _fields(portal: Portal, kind: str, extensions: set[str]) -> list[dict[str, Any]]:
    """The ``dataset_fields`` of a dataset type on a portal with ckanext-scheming; none without it."""
    if "scheming_datasets" not in extensions:
        return []
    try:
        schema = portal.call("scheming_dataset_schema_show", {"type": kind})
    except Missing:
        return []
    return [f for f in (schema or {}).get("dataset_fields") or [] if isinstance(f, dict) and "field_name" in f]


def _ensure_series(portal: Portal, wanted: dict[str, Any]) -> str:
    """The id of the ``dataset_series`` dataset, created if missing (an existing one is left as it is)."""
    found = _show(portal, wanted["name"])
    if found is None:
        found = portal.call("package_create", wanted)
    elif found.get("type") != "dataset_series":
        raise PolicyError("version-exists", f"{wanted['name']} exists in CKAN and is not a dataset series")
    return str(found.get("id") or wanted["name"])  # a dry run has no id: the name stands in


def _ensure_group(portal: Portal, wanted: dict[str, Any]) -> None:
    try:
        portal.call("group_show", {"id": wanted["name"], "include_datasets": False})
    except Missing:
        portal.call("group_create", wanted)


def _show(portal: Portal, name: str) -> dict[str, Any] | None:
    try:
        found: dict[str, Any] = portal.call("package_show", {"id": name})
    except Missing:
        return None
    return found


def _put(portal: Portal, desired: dict[str, Any]) -> str:
    name = desired["name"]
    actual = _show(portal, name)
    if actual is not None:
        if actual.get("state", "active") != "active":
            raise PolicyError("version-exists", f"{name} exists in CKAN as {actual.get('state')}; it is not re-created")
        changed = payload.differences(desired, actual)
        if changed:
            raise PolicyError(
                "version-exists",
                f"{name} is already in CKAN with other content ({', '.join(changed[:5])}); "
                "a published version is never overwritten",
            )
        return "unchanged"
    try:
        portal.call("package_create", desired)
    except EnvironmentFailure:
        if portal.dry_run:
            raise
        landed = _show(portal, name)  # the answer was lost: did the dataset land as sent?
        if landed is None or payload.differences(desired, landed):
            raise
        return "created"
    if portal.dry_run:
        return "would create"
    stored = _show(portal, name)
    changed = payload.differences(desired, stored) if stored is not None else ["the whole dataset"]
    if changed:
        raise LoadError("ckan-rejected", f"{name}: CKAN stored other values than sent ({', '.join(changed[:5])})")
    return "created"
