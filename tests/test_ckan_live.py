"""`pledgekit push` against a real CKAN 2.12 with ckanext-dcat on 127.0.0.1 (tests/ckan_site.py starts and
stops it): the release goes in, reads back through the API with CKAN's licence id, bare-hex hashes and
DCAT fields, every resource downloads with its sha256; a second push changes nothing; the next version
is a second dataset while the first stays complete; CKAN's own DCAT output passes our DCAT-AP 3 shapes."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pyshacl import validate
from rdflib import Graph, Namespace

from ckan_site import Site, running
from conftest import run_process
from corpus import make_small

NAME = "beijing-district-pledges"
SHAPES = Path(__file__).with_name("shapes") / "dcat-ap-3.ttl"
SHA256 = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"
SH = Namespace("http://www.w3.org/ns/shacl#")
VCARD_KINDS = """@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
vcard:Organization rdfs:subClassOf vcard:Kind . vcard:Individual rdfs:subClassOf vcard:Kind ."""


@pytest.fixture(scope="session")
def ckan() -> Iterator[Site]:
    work = Path(tempfile.mkdtemp(prefix="pledgekit-ckan-"))
    work.chmod(0o755)  # PostgreSQL runs as its own user and must reach its data folder
    try:
        with running(work) as site:
            yield site
    finally:
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """Two published versions, served over HTTP on 127.0.0.1 like a public releases folder."""
    from pledgekit.publish.serve import server

    work = tmp_path_factory.mktemp("ckan-live")
    make_small(work / "datapackages" / NAME)
    env = {"SOURCE_DATE_EPOCH": "1764000000"}
    assert run_process("publish", cwd=work, env=env).returncode == 0
    assert run_process("publish", "--version", "1.1.0", cwd=work, env=env).returncode == 0
    httpd = server(work / "dist", 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield work / "dist", f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _push(site: Site, path: Path, base: str, *more: str) -> Any:
    done = run_process(
        "push", str(path), "--url", site.url, "--organization", site.organization, "--base-url", base, *more,
        cwd=path.parent, env={"CKAN_API_TOKEN": site.token},
    )  # fmt: skip
    assert site.token not in done.stdout + done.stderr
    assert done.returncode == 0, done.stderr
    return done


def _action(site: Site, action: str, **params: str) -> Any:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    with urllib.request.urlopen(f"{site.url}/api/3/action/{action}?{query}", timeout=60) as answer:
        return json.load(answer)["result"]


def _complete(site: Site, dataset: str) -> dict[str, Any]:
    """The dataset as CKAN shows it, after downloading every resource and checking its size and sha256."""
    shown = _action(site, "package_show", id=dataset)
    assert len(shown["resources"]) > 10
    for resource in shown["resources"]:
        with urllib.request.urlopen(resource["url"], timeout=60) as answer:
            data = answer.read()
        assert hashlib.sha256(data).hexdigest() == resource["hash"], resource["name"]
        assert len(data) == resource["size"]
        assert resource["hash_algorithm"] == SHA256
        assert resource["format"].startswith("http://publications.europa.eu/resource/authority/file-type/")
        assert resource["mimetype"].startswith("https://www.iana.org/assignments/media-types/")
    return shown


def test_push_reads_back_downloads_and_is_idempotent(ckan: Site, releases: tuple[Path, str]) -> None:
    dist, base = releases
    first = _push(ckan, dist / NAME / "1.0.0", base, "--format", "json")
    assert json.loads(first.stdout) == [
        {"dataset": f"{NAME}-1-0-0", "version": "1.0.0", "state": "created", "url": f"{ckan.url}/dataset/{NAME}-1-0-0"}
    ]
    shown = _complete(ckan, f"{NAME}-1-0-0")
    assert (shown["license_id"], shown["isopen"], shown["organization"]["name"]) == ("cc-by", True, ckan.organization)
    assert [g["name"] for g in shown["groups"]] == [NAME]
    extras = {e["key"]: e["value"] for e in shown["extras"]}
    assert json.loads(extras["theme"]) == ["http://publications.europa.eu/resource/authority/data-theme/GOVE"]
    assert extras["spatial_uri"].endswith("/country/CHN")
    assert extras["temporal_start"] < extras["temporal_end"]

    again = _push(ckan, dist / NAME / "1.0.0", base)
    assert "unchanged" in again.stdout
    assert _action(ckan, "package_show", id=f"{NAME}-1-0-0")["metadata_modified"] == shown["metadata_modified"]


def test_next_version_is_a_new_dataset_and_the_first_stays_complete(ckan: Site, releases: tuple[Path, str]) -> None:
    dist, base = releases
    done = _push(ckan, dist, base)  # the whole releases folder: 1.0.0 is there already, 1.1.0 is new
    assert f"{NAME}-1-0-0 (1.0.0): unchanged" in done.stdout
    assert f"{NAME}-1-1-0 (1.1.0): created" in done.stdout
    first, second = _complete(ckan, f"{NAME}-1-0-0"), _complete(ckan, f"{NAME}-1-1-0")
    assert (first["version"], second["version"]) == ("1.0.0", "1.1.0")
    assert all("/1.0.0/" in r["url"] for r in first["resources"])
    group = _action(ckan, "group_show", id=NAME)
    assert group["package_count"] == 2


def test_a_version_in_ckan_with_other_content_is_refused(ckan: Site, releases: tuple[Path, str]) -> None:
    dist, base = releases
    _push(ckan, dist / NAME / "1.0.0", base)
    moved = run_process(
        "push", str(dist / NAME / "1.0.0"), "--url", ckan.url, "--organization", ckan.organization,
        "--base-url", base + "/elsewhere", cwd=dist.parent, env={"CKAN_API_TOKEN": ckan.token},
    )  # fmt: skip
    assert moved.returncode == 3
    assert "[version-exists]" in moved.stderr
    assert all("/elsewhere/" not in r["url"] for r in _complete(ckan, f"{NAME}-1-0-0")["resources"])


def test_a_bad_token_is_refused_without_being_shown(ckan: Site, releases: tuple[Path, str]) -> None:
    dist, base = releases
    bad = "not-a-token-" + os.urandom(8).hex()
    denied = run_process(
        "push", str(dist / NAME / "1.1.0"), "--url", ckan.url, "--organization", ckan.organization,
        "--base-url", base, "--group", "other-series", cwd=dist.parent, env={"CKAN_API_TOKEN": bad},
    )  # fmt: skip
    assert denied.returncode == 3, denied.stderr
    assert "[ckan-denied]" in denied.stderr
    assert bad not in denied.stdout + denied.stderr


def test_ckan_dcat_output_conforms_to_our_shapes_but_for_the_series(ckan: Site, releases: tuple[Path, str]) -> None:
    """ckanext-dcat types the contact point vcard:Organization (a vcard:Kind in the vCard ontology, given
    here), and writes no dcat:inSeries: a CKAN group is not a dcat:DatasetSeries (docs/publishing.md)."""
    dist, base = releases
    _push(ckan, dist / NAME / "1.0.0", base)
    with urllib.request.urlopen(f"{ckan.url}/dataset/{NAME}-1-0-0.ttl", timeout=60) as answer:
        graph = Graph().parse(data=answer.read().decode("utf-8"), format="turtle")
    vcard = Graph().parse(data=VCARD_KINDS, format="turtle")
    shapes = Graph().parse(SHAPES, format="turtle")
    _, report, _ = validate(graph, shacl_graph=shapes, ont_graph=vcard, inference="rdfs")
    paths = {str(p) for p in report.objects(None, SH.resultPath)}
    assert paths == {"http://www.w3.org/ns/dcat#inSeries"}
