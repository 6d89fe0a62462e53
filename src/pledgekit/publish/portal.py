"""Portal metadata for a release: a DCAT-AP 3 record (JSON-LD); the CKAN record is ``push.payload``'s.

Each version is a ``dcat:Dataset`` in the package's ``dcat:DatasetSeries``; each downloadable file is
a ``dcat:Distribution`` with its media type, byte size and an ``spdx:Checksum`` (SHA-256). IRIs are
relative to the release folder unless a base URL is given, so a release stays correct wherever it is
hosted (JSON-LD resolves them against the document's own address).

Every object taken from a vocabulary (media type, file type, licence, checksum algorithm, theme, place,
availability, agent and licence types) carries its ``@type`` where it is used, so that the record
passes the SEMIC DCAT-AP 3.0.1 shapes without the vocabularies loaded (tests/test_dcat_official.py).
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
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcatap": "http://data.europa.eu/r5r/",
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
IANA = "https://www.iana.org/assignments/media-types/"
AUTHORITY = "http://publications.europa.eu/resource/authority/"
FILE_TYPE = f"{AUTHORITY}file-type/"
THEMES = f"{AUTHORITY}data-theme"
THEME = f"{THEMES}/GOVE"
SPATIAL = f"{AUTHORITY}country/CHN"
LANGUAGES = {"en": f"{AUTHORITY}language/ENG", "zh": f"{AUTHORITY}language/ZHO"}
SHA256 = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"
# A release is never changed or removed once published: the EU planned-availability "stable".
AVAILABILITY = f"{AUTHORITY}planned-availability/STABLE"
# ADMS publisher types: a contributor's optional "type" names one (e.g. "LocalAuthority").
PUBLISHER_TYPES = {
    "Academia-ScientificOrganisation": "Academia/Scientific organisation",
    "Company": "Company",
    "IndustryConsortium": "Industry consortium",
    "LocalAuthority": "Local authority",
    "NationalAuthority": "National authority",
    "NonGovernmentalOrganisation": "Non-governmental organisation",
    "NonProfitOrganisation": "Non-profit organisation",
    "PrivateIndividual(s)": "Private individual(s)",
    "RegionalAuthority": "Regional authority",
    "StandardisationBody": "Standardisation body",
    "SupraNationalAuthority": "Supra-national authority",
}
# ADMS licence types of the licences a package names most (by its licences[].name).
LICENCE_TYPES = {
    "CC-BY-4.0": ("Attribution",),
    "CC-BY-SA-4.0": ("Attribution", "ViralEffect-ShareAlike"),
    "CC0-1.0": ("PublicDomain",),
    "PDDL-1.0": ("PublicDomain",),
    "ODC-By-1.0": ("Attribution",),
    "ODbL-1.0": ("Attribution", "ViralEffect-ShareAlike"),
}
LICENCE_TYPE_LABELS = {
    "Attribution": "Attribution",
    "PublicDomain": "Public domain",
    "ViralEffect-ShareAlike": "Viral effect (a.k.a. Share-alike)",
}


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


def _concept(iri: str, label: str, scheme: dict[str, Any] | None = None) -> dict[str, Any]:
    """A ``skos:Concept`` of a controlled vocabulary, with the label the shapes require."""
    node: dict[str, Any] = {"@id": iri, "@type": "skos:Concept", "skos:prefLabel": {"@value": label, "@language": "en"}}
    if scheme:
        node["skos:inScheme"] = scheme
    return node


def theme_scheme() -> dict[str, Any]:
    return {"@id": THEMES, "@type": "skos:ConceptScheme", "dct:title": {"@value": "Data theme", "@language": "en"}}


def place() -> dict[str, Any]:
    return {"@id": SPATIAL, "@type": "dct:Location"}


def _contributor(descriptor: dict[str, Any]) -> dict[str, Any]:
    contributors = [c for c in descriptor.get("contributors") or [] if isinstance(c, dict)] or [{"title": "unknown"}]
    return next((c for c in contributors if "publisher" in c.get("roles", [])), contributors[0])


def publisher(descriptor: dict[str, Any]) -> dict[str, Any]:
    """The contributor with role ``publisher``, else the first, as a ``foaf:Agent`` (typed when it says)."""
    chosen = _contributor(descriptor)
    agent: dict[str, Any] = {"@type": "foaf:Agent", "foaf:name": str(chosen.get("title", "unknown"))}
    kind = chosen.get("type")
    if isinstance(kind, str) and kind in PUBLISHER_TYPES:
        agent["dct:type"] = _concept(f"http://purl.org/adms/publishertype/{kind}", PUBLISHER_TYPES[kind])
    return agent


def _contact(descriptor: dict[str, Any]) -> dict[str, Any]:
    return {"@type": "vcard:Kind", "vcard:fn": str(_contributor(descriptor).get("title", "unknown"))}


def _licence_item(descriptor: dict[str, Any]) -> dict[str, Any] | None:
    """The first of the package's licences with an ``https://`` address."""
    for item in descriptor.get("licenses") or []:
        if isinstance(item, dict) and str(item.get("path", "")).startswith("https://"):
            return item
    return None


def licence_document(descriptor: dict[str, Any]) -> dict[str, Any] | None:
    """The package's licence as a ``dct:LicenseDocument``, with its ADMS licence type when known."""
    item = _licence_item(descriptor)
    if item is None:
        return None
    node: dict[str, Any] = {"@id": str(item["path"]), "@type": "dct:LicenseDocument"}
    types = [
        _concept(f"http://purl.org/adms/licencetype/{kind}", LICENCE_TYPE_LABELS[kind])
        for kind in LICENCE_TYPES.get(str(item.get("name", "")), ())
    ]
    if types:
        node["dct:type"] = types[0] if len(types) == 1 else types
    return node


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
    licence = licence_document(descriptor)
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
            "dcat:mediaType": {"@id": f"{IANA}{media_type}", "@type": "dct:MediaType"},
            "dct:format": {"@id": f"{FILE_TYPE}{file_type}", "@type": "dct:MediaTypeOrExtent"},
            "dcat:byteSize": {"@value": str(item.size), "@type": "xsd:nonNegativeInteger"},
            "spdx:checksum": {
                "@type": "spdx:Checksum",
                "spdx:algorithm": {"@id": SHA256, "@type": "spdx:ChecksumAlgorithm"},
                "spdx:checksumValue": {"@value": item.sha256, "@type": "xsd:hexBinary"},
            },
            "dcatap:availability": _concept(AVAILABILITY, "stable"),
        }
        if licence:
            entry["dct:license"] = licence
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
        "dct:publisher": publisher(descriptor),
        "dcat:contactPoint": _contact(descriptor),
        "dcat:keyword": [str(k) for k in descriptor.get("keywords", [])],
        "dcat:theme": _concept(THEME, "Government and public sector", theme_scheme()),
        "dct:spatial": place(),
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
        "dct:publisher": publisher(descriptor),
        "dcat:contactPoint": _contact(descriptor),
    }


def document(graph: list[dict[str, Any]]) -> dict[str, Any]:
    return {"@context": CONTEXT, "@graph": graph}


def catalog(
    title: str,
    description: str,
    records: list[dict[str, Any]],
    series_nodes: list[dict[str, Any]],
    *,
    agent: dict[str, Any],
    created: list[str],
    licence: dict[str, Any] | None,
) -> dict[str, Any]:
    """The DCAT catalog at the root of a releases folder: every version of every package.

    ``created`` holds the release times: the catalog was issued with the first and modified with the last.
    """
    node: dict[str, Any] = {
        "@id": "",
        "@type": "dcat:Catalog",
        "dct:title": title,
        "dct:description": description,
        "dct:publisher": agent,
        "dct:language": [{"@id": LANGUAGES[k], "@type": "dct:LinguisticSystem"} for k in sorted(LANGUAGES)],
        "dct:spatial": place(),
        "dcat:themeTaxonomy": theme_scheme(),
        "foaf:homepage": {"@id": "index.html", "@type": "foaf:Document"},
        "dcat:dataset": [{"@id": r["@id"]} for r in records],
    }
    if created:
        node["dct:issued"] = {"@value": min(created), "@type": "xsd:dateTime"}
        node["dct:modified"] = {"@value": max(created), "@type": "xsd:dateTime"}
    if licence:
        node["dct:license"] = licence
    return document([node, *series_nodes, *records])
