"""The CKAN records of a release: its dataset (``package_create``) and its series, a ``dataset_series``
dataset where the portal runs ckanext-dataset-series, else a group (``group_create``).

Pure: built from the release's own files (``datapackage.json``, ``release.json``, ``ckan.json`` for the
list of downloads, ``dcat.jsonld`` for theme, spatial coverage, period, publisher and contact point) and
the options; no I/O. ``record`` is also what ``publish`` writes as the release's ``ckan.json``. The fields
are the ones CKAN and ckanext-dcat read (see docs/publishing.md):

- resource URLs absolute (``base_url`` + ``<package>/<version>/<file>``), each also the distribution's
  access and download URL;
- ``format`` and ``mimetype`` as the IRIs ckanext-dcat maps to ``dct:format`` and ``dcat:mediaType``;
- ``hash`` as bare hex with ``hash_algorithm`` (the SPDX SHA-256 IRI), ``size`` in bytes;
- ``license_id`` a CKAN licence id (``cc-by``, not ``CC-BY-4.0``) and each resource's ``license`` its URL;
- each resource's ``availability``: the EU planned-availability ``STABLE`` (a release never changes);
- the DCAT extras: ``theme``, ``spatial_uri``/``spatial_text``, ``temporal_start``/``temporal_end``,
  ``contact_name`` (and ``contact_email``), ``publisher_name`` (and ``publisher_type``), ``issued``,
  ``identifier``, ``language``.

A portal with ckanext-scheming refuses an extra that has the name of one of its schema's fields; ``fit``
moves such extras into the fields, the way ckanext-dcat reads them (``contact_name`` → ``contact[].name``,
``temporal_start`` → ``temporal_coverage[].start``, ``theme`` → ``theme``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ..errors import LoadError
from ..publish.portal import AVAILABILITY, FILE_TYPE, SHA256, media

# SPDX licence ids (by prefix) → the ids of CKAN's default licence list
LICENCES = (
    ("CC-BY-SA-", "cc-by-sa"),
    ("CC-BY-NC", "cc-nc"),
    ("CC-BY-", "cc-by"),
    ("CC0-", "cc-zero"),
    ("ODC-BY-", "odc-by"),
    ("ODBL-", "odc-odbl"),
    ("PDDL-", "odc-pddl"),
    ("GFDL-", "gfdl"),
    ("OGL-UK-", "uk-ogl"),
)
CKAN_LICENCES = frozenset(
    {"cc-by", "cc-by-sa", "cc-nc", "cc-zero", "odc-by", "odc-odbl", "odc-pddl", "gfdl", "uk-ogl", "other-open",
     "other-pd", "other-at", "other-nc", "other-closed", "notspecified"}
)  # fmt: skip
IANA = "https://www.iana.org/assignments/media-types/"
LANGUAGES = [
    "http://publications.europa.eu/resource/authority/language/ZHO",
    "http://publications.europa.eu/resource/authority/language/ENG",
]
PLACES = {"http://publications.europa.eu/resource/authority/country/CHN": "China 中国"}
NAME = re.compile(r"^[a-z0-9_-]{2,100}$")
FINGERPRINT = "pledgekit_checksums"  # the extra holding the sha256 of the release's SHA256SUMS
# ckanext-dcat reads the extras ``spatial_*`` and ``temporal_*`` into these fields (``_parse_dataset_v2_scheming``)
PREFIXES = {"spatial_coverage": "spatial", "temporal_coverage": "temporal"}


@dataclass(frozen=True)
class Release:
    """What a push reads from a release folder (its files already verified against SHA256SUMS)."""

    descriptor: dict[str, Any]  # datapackage.json
    record: dict[str, Any]  # release.json
    files: list[dict[str, Any]]  # ckan.json's resources: name (the path), description, size, hash
    dcat: dict[str, Any]  # dcat.jsonld
    checksums: str  # sha256 of SHA256SUMS: the release's identity ("" while the release is being built)


def licence_id(descriptor: dict[str, Any], unknown: str | None = None) -> tuple[str, str | None]:
    """The CKAN licence id of the package's first licence, and its URL; ``unknown`` (when given) stands
    for a licence CKAN has no id for, else that is refused."""
    for item in descriptor.get("licenses") or []:
        if not isinstance(item, dict):
            continue
        name = str(item.get("name", ""))
        url = str(item["path"]) if str(item.get("path", "")).startswith(("https://", "http://")) else None
        if name.lower() in CKAN_LICENCES:
            return name.lower(), url
        for prefix, ckan_id in LICENCES:
            if name.upper().startswith(prefix):
                return ckan_id, url
        if unknown:
            return unknown, url
        raise LoadError("ckan-licence-unknown", f"licence {name!r} has no CKAN licence id", path="datapackage.json")
    raise LoadError("ckan-licence-unknown", "the package names no licence", path="datapackage.json")


def slug(version: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", version.lower()).strip("-")


def dataset_name(name: str, version: str) -> str:
    return f"{name}-{slug(version)}"


def _node(dcat: dict[str, Any]) -> dict[str, Any]:
    graph = dcat.get("@graph", [dcat])
    types = ("dcat:Dataset", "http://www.w3.org/ns/dcat#Dataset")
    return next((n for n in graph if isinstance(n, dict) and set(_list(n.get("@type"))) & set(types)), {})


def _iri(value: Any) -> str | None:
    first = value[0] if isinstance(value, list) and value else value
    if isinstance(first, dict):
        return str(first["@id"]) if "@id" in first else None
    return str(first) if isinstance(first, str) else None


def _literal(value: Any) -> str | None:
    first = value[0] if isinstance(value, list) and value else value
    if isinstance(first, dict):
        return str(first["@value"]) if "@value" in first else None
    return str(first) if isinstance(first, (str, int)) else None


def _dcat_extras(dcat: dict[str, Any]) -> dict[str, str]:
    node = _node(dcat)
    extras: dict[str, str] = {}
    themes = [t for t in (_iri(v) for v in _list(node.get("dcat:theme"))) if t]
    if themes:
        extras["theme"] = json.dumps(themes)
    if spatial := _iri(node.get("dct:spatial")):
        extras["spatial_uri"] = spatial  # ckanext-dcat writes dct:spatial only with a text or a geometry:
        extras["spatial_text"] = PLACES.get(spatial, spatial.rsplit("/", 1)[-1])
    temporal = node.get("dct:temporal")
    if isinstance(temporal, dict):
        for key, field in (("dcat:startDate", "temporal_start"), ("dcat:endDate", "temporal_end")):
            if value := _literal(temporal.get(key)):
                extras[field] = value
    contact = node.get("dcat:contactPoint")
    if isinstance(contact, dict):
        if name := _literal(contact.get("vcard:fn")):
            extras["contact_name"] = name
        if email := _iri(contact.get("vcard:hasEmail")):
            extras["contact_email"] = email.removeprefix("mailto:")
    publisher = node.get("dct:publisher")
    if isinstance(publisher, dict) and (name := _literal(publisher.get("foaf:name"))):
        extras["publisher_name"] = name
        if kind := _iri(publisher.get("dct:type")):
            extras["publisher_type"] = kind
    return extras


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def group(descriptor: dict[str, Any], group_name: str) -> dict[str, Any]:
    """The CKAN group holding every version of the package: the series on a portal without dataset series."""
    return {
        "name": group_name,
        "title": str(descriptor.get("title", descriptor["name"])),
        "description": _notes(descriptor),
    }


def series(release: Release, *, name: str, organization: str) -> dict[str, Any]:
    """The ``dataset_series`` dataset (ckanext-dataset-series) holding every version of the package."""
    descriptor = release.descriptor
    keep = ("contact_name", "contact_email", "publisher_name", "publisher_type")
    extras = {k: v for k, v in _dcat_extras(release.dcat).items() if k in keep}
    return {
        "name": name,
        "type": "dataset_series",
        "title": str(descriptor.get("title", descriptor["name"])),
        "notes": _notes(descriptor),
        "owner_org": organization,
        "license_id": licence_id(descriptor)[0],
        "extras": [{"key": k, "value": v} for k, v in sorted(extras.items())],
    }


def _notes(descriptor: dict[str, Any]) -> str:
    parts = [str(descriptor.get(key, "")) for key in ("description", "description_zh")]
    return "\n\n".join(p for p in parts if p)


def record(release: Release, *, base_url: str | None, unknown_licence: str | None = None) -> dict[str, Any]:
    """The portable part of a version's ``package_create`` payload: the release's ``ckan.json``.

    Without ``base_url`` the resource URLs are the files' paths in the release folder (and there is no
    ``url``): ``pledgekit push`` always sends them absolute. ``unknown_licence``: see ``licence_id``.
    """
    descriptor = release.descriptor
    name, version = str(descriptor["name"]), str(release.record["version"])
    folder = f"{base_url.rstrip('/')}/{name}/{version}/" if base_url else ""
    ckan_id, licence_url = licence_id(descriptor, unknown_licence)
    title = str(descriptor.get("title", name))
    extras = {
        "identifier": f"{name}@{version}",
        "issued": str(release.record["created"]),
        "language": json.dumps(LANGUAGES),
        **_dcat_extras(release.dcat),
    }
    if descriptor.get("title_zh"):
        extras["title_zh"] = str(descriptor["title_zh"])
    resources = []
    for item in release.files:
        path = str(item["name"])
        media_type, file_type = media(path)
        url = folder + path
        resource = {
            "name": path,
            "description": str(item.get("description", path)),
            "url": url,
            "access_url": url,
            "download_url": url,
            "format": FILE_TYPE + file_type,
            "mimetype": IANA + media_type,
            "size": int(item["size"]),
            "hash": str(item["hash"]).removeprefix("sha256:"),
            "hash_algorithm": SHA256,
            "availability": AVAILABILITY,
        }
        if licence_url:
            resource["license"] = licence_url
        resources.append(resource)
    payload: dict[str, Any] = {
        "name": dataset_name(name, version),
        "title": f"{title} {version}",
        "notes": _notes(descriptor),
        "version": version,
        **({"url": folder} if folder else {}),
        "license_id": ckan_id,
        "tags": [{"name": str(k)} for k in descriptor.get("keywords", [])],
        "extras": [{"key": k, "value": v} for k, v in sorted(extras.items())],
        "resources": resources,
    }
    return payload


def dataset(
    release: Release, *, organization: str, base_url: str, group_name: str | None = None, series_id: str | None = None
) -> dict[str, Any]:
    """The ``package_create`` payload of one version: ``record`` with its organization, its series (the
    ``in_series`` of ckanext-dataset-series, else the group) and the fingerprint of its SHA256SUMS."""
    payload = record(release, base_url=base_url)
    payload["owner_org"] = organization
    if series_id:
        payload["in_series"] = [series_id]
    elif group_name:
        payload["groups"] = [{"name": group_name}]
    payload["extras"] = sorted([*payload["extras"], {"key": FINGERPRINT, "value": release.checksums}],
                               key=lambda e: str(e["key"]))  # fmt: skip
    return payload


def fit(payload: dict[str, Any], fields: list[dict[str, Any]]) -> dict[str, Any]:
    """``payload`` for a portal whose ckanext-scheming schema has ``fields`` (``dataset_fields``).

    An extra named as a field becomes that field (a JSON list as the list); the extras ``<prefix>_<sub>``
    of a field with subfields become one item of it (``contact_name`` → ``contact: [{"name": …}]``).
    """
    extras = {str(e["key"]): e["value"] for e in payload.get("extras") or []}
    fitted = {k: v for k, v in payload.items() if k != "extras"}
    for field in fields:
        key = str(field["field_name"])
        subfields = [str(f["field_name"]) for f in field.get("repeating_subfields") or []]
        if subfields:
            prefix = PREFIXES.get(key, key)
            item = {sub: extras.pop(f"{prefix}_{sub}") for sub in subfields if f"{prefix}_{sub}" in extras}
            if item:
                fitted[key] = [item]
        elif key in extras and key not in fitted:
            value = extras.pop(key)
            fitted[key] = _maybe_list(value)
    fitted["extras"] = [{"key": k, "value": v} for k, v in sorted(extras.items())]
    return fitted


def _maybe_list(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("["):
        try:
            found = json.loads(value)
        except ValueError:
            return value
        return found if isinstance(found, list) else value
    return value


def differences(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """The fields of ``expected`` (a payload) that ``actual`` (``package_show``'s answer) does not hold."""
    found = []
    for key, value in expected.items():
        if key == "owner_org":
            org = actual.get("organization") or {}
            if value not in (org.get("name"), org.get("id"), actual.get("owner_org")):
                found.append(key)
        elif key == "extras":
            have = {e.get("key"): e.get("value") for e in actual.get("extras") or []}
            found += [f"extras.{e['key']}" for e in value if have.get(e["key"]) != e["value"]]
        elif key in ("tags", "groups"):
            have_names = {t.get("name") for t in actual.get(key) or []}
            if not {t["name"] for t in value} <= have_names or (key == "tags" and len(have_names) != len(value)):
                found.append(key)
        elif key == "resources":
            have_resources = actual.get("resources") or []
            if len(have_resources) != len(value):
                found.append(f"resources (count {len(have_resources)}, expected {len(value)})")
                continue
            for want, have in zip(value, have_resources, strict=True):
                found += [f"resources[{want['name']}].{k}" for k, v in want.items() if have.get(k) != v]
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            have_items = actual.get(key) or []  # a field with subfields: CKAN adds the subfields not sent
            if len(have_items) != len(value) or any(
                not isinstance(h, dict) or any(h.get(k) != v for k, v in w.items())
                for w, h in zip(value, have_items, strict=True)
            ):
                found.append(key)
        elif actual.get(key) != value:
            found.append(key)
    return found


def valid_name(name: str) -> bool:
    return bool(NAME.match(name))
