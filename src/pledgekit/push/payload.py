"""The CKAN records of a release: its dataset (``package_create``) and its series group (``group_create``).

Pure: built from the release's own files (``datapackage.json``, ``release.json``, ``ckan.json`` for the
list of downloads, ``dcat.jsonld`` for theme, spatial coverage, period and contact point) and the
options; no I/O. The fields are the ones CKAN and ckanext-dcat read (see docs/publishing.md):

- resource URLs absolute (``base_url`` + ``<package>/<version>/<file>``), each also the distribution's
  access and download URL;
- ``format`` and ``mimetype`` as the IRIs ckanext-dcat maps to ``dct:format`` and ``dcat:mediaType``;
- ``hash`` as bare hex with ``hash_algorithm`` (the SPDX SHA-256 IRI), ``size`` in bytes;
- ``license_id`` a CKAN licence id (``cc-by``, not ``CC-BY-4.0``) and each resource's ``license`` its URL;
- the DCAT extras: ``theme``, ``spatial_uri``, ``temporal_start``/``temporal_end``, ``contact_name``
  (and ``contact_email``), ``publisher_name``, ``issued``, ``identifier``, ``language``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ..errors import LoadError
from ..publish.portal import FILE_TYPE, SHA256, media

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


@dataclass(frozen=True)
class Release:
    """What a push reads from a release folder (its files already verified against SHA256SUMS)."""

    descriptor: dict[str, Any]  # datapackage.json
    record: dict[str, Any]  # release.json
    files: list[dict[str, Any]]  # ckan.json's resources: name (the path), description, size, hash
    dcat: dict[str, Any]  # dcat.jsonld
    checksums: str  # sha256 of SHA256SUMS: the release's identity


def licence_id(descriptor: dict[str, Any]) -> tuple[str, str | None]:
    """The CKAN licence id of the package's first licence, and its URL."""
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
    return extras


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def group(descriptor: dict[str, Any], group_name: str) -> dict[str, Any]:
    """The CKAN group holding every version of the package: the series."""
    return {
        "name": group_name,
        "title": str(descriptor.get("title", descriptor["name"])),
        "description": _notes(descriptor),
    }


def _notes(descriptor: dict[str, Any]) -> str:
    parts = [str(descriptor.get(key, "")) for key in ("description", "description_zh")]
    return "\n\n".join(p for p in parts if p)


def dataset(release: Release, *, organization: str, group_name: str, base_url: str) -> dict[str, Any]:
    """The ``package_create`` payload of one version."""
    descriptor = release.descriptor
    name, version = str(descriptor["name"]), str(release.record["version"])
    folder = f"{base_url.rstrip('/')}/{name}/{version}/"
    ckan_id, licence_url = licence_id(descriptor)
    title = str(descriptor.get("title", name))
    extras = {
        "identifier": f"{name}@{version}",
        "issued": str(release.record["created"]),
        "language": json.dumps(LANGUAGES),
        **_dcat_extras(release.dcat),
        FINGERPRINT: release.checksums,
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
        }
        if licence_url:
            resource["license"] = licence_url
        resources.append(resource)
    payload: dict[str, Any] = {
        "name": dataset_name(name, version),
        "title": f"{title} {version}",
        "notes": _notes(descriptor),
        "version": version,
        "url": folder,
        "owner_org": organization,
        "license_id": ckan_id,
        "tags": [{"name": str(k)} for k in descriptor.get("keywords", [])],
        "groups": [{"name": group_name}],
        "extras": [{"key": k, "value": v} for k, v in sorted(extras.items())],
        "resources": resources,
    }
    return payload


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
        elif actual.get(key) != value:
            found.append(key)
    return found


def valid_name(name: str) -> bool:
    return bool(NAME.match(name))
