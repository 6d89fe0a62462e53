"""Portal metadata for a release: a DCAT-AP 3 record (JSON-LD) and a CKAN ``package_create`` payload.

Each version is a ``dcat:Dataset`` in the package's ``dcat:DatasetSeries``; each downloadable file is
a ``dcat:Distribution`` with its media type, byte size and an ``spdx:Checksum`` (SHA-256). IRIs are
relative to the release folder unless a base URL is given, so a release stays correct wherever it is
hosted (JSON-LD resolves them against the document's own address).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "spdx": "http://spdx.org/rdf/terms#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "adms": "http://www.w3.org/ns/adms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
MEDIA = {
    ".csv": ("text/csv", "CSV"),
    ".json": ("application/json", "JSON"),
    ".jsonld": ("application/ld+json", "JSON_LD"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    ".zip": ("application/zip", "ZIP"),
    ".txt": ("text/plain", "TXT"),
    ".md": ("text/markdown", "TXT"),
}
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
THEME = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
SPATIAL = "http://publications.europa.eu/resource/authority/country/CHN"
SHA256 = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"


@dataclass(frozen=True)
class Download:
    path: str  # relative to the release folder
    size: int
    sha256: str
    title: str


def media(path: str) -> tuple[str, str]:
    suffix = path[path.rfind(".") :] if "." in path else ""
    return MEDIA.get(suffix, ("application/octet-stream", "BIN"))


def _text(descriptor: dict[str, Any], key: str) -> list[dict[str, str]]:
    values = [{"@value": str(descriptor[key]), "@language": "en"}] if descriptor.get(key) else []
    if descriptor.get(f"{key}_zh"):
        values.append({"@value": str(descriptor[f"{key}_zh"]), "@language": "zh"})
    return values


def _publisher(descriptor: dict[str, Any]) -> dict[str, Any]:
    contributors = descriptor.get("contributors") or [{"title": "unknown"}]
    chosen = next((c for c in contributors if "publisher" in c.get("roles", [])), contributors[0])
    return {"@type": "foaf:Agent", "foaf:name": chosen.get("title", "unknown")}


def _license(descriptor: dict[str, Any]) -> str | None:
    for item in descriptor.get("licenses") or []:
        if isinstance(item, dict) and str(item.get("path", "")).startswith("https://"):
            return str(item["path"])
    return None


def dataset(
    descriptor: dict[str, Any],
    version: str,
    created: str,
    downloads: list[Download],
    *,
    base: str,
    series: str,
    period: tuple[int, int] | None,
) -> dict[str, Any]:
    """The JSON-LD record of one release: the version, in its series, and its distributions."""
    name = descriptor["name"]
    licence = _license(descriptor)
    distributions = []
    for item in downloads:
        media_type, file_type = media(item.path)
        url = f"{base}{item.path}"
        entry: dict[str, Any] = {
            "@id": f"{base}#{item.path}",
            "@type": "dcat:Distribution",
            "dct:title": item.title,
            "dct:description": f"{item.title} ({item.path}) of {name} {version}",
            "dcat:accessURL": {"@id": url},
            "dcat:downloadURL": {"@id": url},
            "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{media_type}"},
            "dct:format": {"@id": f"{FILE_TYPE}{file_type}"},
            "dcat:byteSize": {"@value": str(item.size), "@type": "xsd:nonNegativeInteger"},
            "spdx:checksum": {
                "@type": "spdx:Checksum",
                "spdx:algorithm": {"@id": SHA256},
                "spdx:checksumValue": {"@value": item.sha256, "@type": "xsd:hexBinary"},
            },
        }
        if licence:
            entry["dct:license"] = {"@id": licence}
        distributions.append(entry)
    record: dict[str, Any] = {
        "@id": base,
        "@type": "dcat:Dataset",
        "dct:identifier": f"{name}@{version}",
        "dct:title": _text(descriptor, "title"),
        "dct:description": _text(descriptor, "description"),
        "dcat:version": version,
        "dct:issued": {"@value": created, "@type": "xsd:dateTime"},
        "dcat:inSeries": {"@id": series},
        "dct:publisher": _publisher(descriptor),
        "dcat:contactPoint": {"@type": "vcard:Kind", "vcard:fn": _publisher(descriptor)["foaf:name"]},
        "dcat:keyword": [str(k) for k in descriptor.get("keywords", [])],
        "dcat:theme": {"@id": THEME},
        "dct:spatial": {"@id": SPATIAL},
        "dcat:distribution": distributions,
    }
    if period:
        record["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": {"@value": f"{period[0]}-01-01", "@type": "xsd:date"},
            "dcat:endDate": {"@value": f"{period[1]}-12-31", "@type": "xsd:date"},
        }
    return record


def series(descriptor: dict[str, Any], *, base: str) -> dict[str, Any]:
    return {
        "@id": base,
        "@type": "dcat:DatasetSeries",
        "dct:title": _text(descriptor, "title"),
        "dct:description": _text(descriptor, "description"),
    }


def document(graph: list[dict[str, Any]]) -> dict[str, Any]:
    return {"@context": CONTEXT, "@graph": graph}


def catalog(
    title: str, description: str, publisher: str, records: list[dict[str, Any]], series_nodes: list[dict[str, Any]]
) -> dict[str, Any]:
    """The DCAT catalog at the root of a releases folder: every version of every package."""
    node = {
        "@id": "",
        "@type": "dcat:Catalog",
        "dct:title": title,
        "dct:description": description,
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": publisher},
        "dcat:dataset": [{"@id": r["@id"]} for r in records],
    }
    return document([node, *series_nodes, *records])


def ckan(descriptor: dict[str, Any], version: str, downloads: list[Download], *, base: str) -> dict[str, Any]:
    """A CKAN ``package_create`` payload whose resources point at the release files."""
    licence = _license(descriptor)
    return {
        "name": f"{descriptor['name']}-{version.replace('.', '-')}",
        "title": f"{descriptor.get('title', descriptor['name'])} {version}",
        "notes": descriptor.get("description", ""),
        "version": version,
        "license_id": next(
            (str(i.get("name")) for i in descriptor.get("licenses", []) if isinstance(i, dict)), "notspecified"
        ),
        "license_url": licence,
        "tags": [{"name": str(k)} for k in descriptor.get("keywords", [])],
        "extras": [{"key": "series", "value": descriptor["name"]}],
        "resources": [
            {
                "name": item.path,
                "description": item.title,
                "url": f"{base}{item.path}",
                "format": media(item.path)[1],
                "mimetype": media(item.path)[0],
                "size": item.size,
                "hash": f"sha256:{item.sha256}",
            }
            for item in downloads
        ],
    }
