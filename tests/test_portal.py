"""Portal metadata: the DCAT-AP 3 record and catalog conform to SHACL shapes of the mandatory and
recommended properties; the CKAN payload points at the release files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph

from conftest import run_cli
from corpus import make_small

NAME = "beijing-district-pledges"
SHAPES = Path(__file__).with_name("shapes") / "dcat-ap-3.ttl"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("portal")
    make_small(work / "datapackages" / NAME)
    result = run_cli(
        "publish", "--base-url", "https://data.example.org/pledges", cwd=work, env={"SOURCE_DATE_EPOCH": "1764000000"}
    )
    assert result.returncode == 0, result.stderr
    return work / "dist"


def _conforms(document: dict[str, object], base: str) -> tuple[bool, str]:
    graph = Graph().parse(data=json.dumps(document), format="json-ld", publicID=base)
    shapes = Graph().parse(SHAPES, format="turtle")
    conforms, _, text = validate(graph, shacl_graph=shapes, inference="none", allow_warnings=False)
    return bool(conforms), str(text)


def test_release_record_conforms(dist: Path) -> None:
    record = json.loads((dist / NAME / "1.0.0" / "dcat.jsonld").read_text(encoding="utf-8"))
    conforms, text = _conforms(record, "https://data.example.org/pledges/beijing-district-pledges/1.0.0/dcat.jsonld")
    assert conforms, text


def test_catalog_conforms(dist: Path) -> None:
    catalog = json.loads((dist / "catalog.jsonld").read_text(encoding="utf-8"))
    conforms, text = _conforms(catalog, "https://data.example.org/pledges/catalog.jsonld")
    assert conforms, text


@pytest.mark.parametrize("drop", ["dcat:byteSize", "spdx:checksum", "dcat:accessURL"])
def test_shapes_catch_a_missing_distribution_property(dist: Path, drop: str) -> None:
    record = json.loads((dist / NAME / "1.0.0" / "dcat.jsonld").read_text(encoding="utf-8"))
    dataset = next(n for n in record["@graph"] if n["@type"] == "dcat:Dataset")
    del dataset["dcat:distribution"][0][drop]
    conforms, _ = _conforms(record, "https://data.example.org/pledges/x/1.0.0/dcat.jsonld")
    assert not conforms


def test_distributions_carry_the_real_size_and_checksum(dist: Path) -> None:
    release = dist / NAME / "1.0.0"
    record = json.loads((release / "dcat.jsonld").read_text(encoding="utf-8"))
    dataset = next(n for n in record["@graph"] if n["@type"] == "dcat:Dataset")
    assert dataset["dcat:inSeries"] == {"@id": f"https://data.example.org/pledges/{NAME}/"}
    checked = 0
    for distribution in dataset["dcat:distribution"]:
        url = distribution["dcat:downloadURL"]["@id"]
        path = release / url.removeprefix(f"https://data.example.org/pledges/{NAME}/1.0.0/")
        data = path.read_bytes()
        assert distribution["dcat:byteSize"]["@value"] == str(len(data))
        assert distribution["spdx:checksum"]["spdx:checksumValue"]["@value"] == hashlib.sha256(data).hexdigest()
        checked += 1
    assert checked >= 10


def test_ckan_payload_points_at_release_files(dist: Path) -> None:
    release = dist / NAME / "1.0.0"
    payload = json.loads((release / "ckan.json").read_text(encoding="utf-8"))
    assert payload["name"] == f"{NAME}-1-0-0" and payload["version"] == "1.0.0"
    for resource in payload["resources"]:
        path = release / resource["url"].removeprefix(f"https://data.example.org/pledges/{NAME}/1.0.0/")
        assert resource["hash"] == hashlib.sha256(path.read_bytes()).hexdigest()  # bare hex, as CKAN takes it
        assert resource["size"] == path.stat().st_size
