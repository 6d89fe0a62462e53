"""`pledgekit push` against a real CKAN 2.12 with ckanext-dcat, ckanext-scheming and ckanext-dataset-series
on 127.0.0.1 (tests/ckan_site.py starts and stops it): the release goes in, reads back through the API
with CKAN's licence id, bare-hex hashes and DCAT fields, every resource downloads with its sha256; a
second push changes nothing; the next version is a second dataset in the same dataset series while the
first stays complete; CKAN's own DCAT-AP 3 output (the version and its series) passes the official SEMIC
DCAT-AP 3.0.1 shapes, but for the vocabulary classes ckanext-dcat does not write (asserted one by one)."""

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
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from ckan_site import Site, running
from conftest import run_process
from corpus import make_small
from test_dcat_official import LEFT, SETS, Result, _results, _shapes

NAME = "beijing-district-pledges"
SHA256 = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
THEME = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
STABLE = "http://publications.europa.eu/resource/authority/planned-availability/STABLE"
NGO = "http://purl.org/adms/publishertype/NonGovernmentalOrganisation"
UNKNOWN_IPR = "http://purl.org/adms/licencetype/UnknownIPR"  # ckanext-dcat gives every licence this type
# ckanext-dcat 2.4.4 writes these vocabulary IRIs without their class and label (no profile adds a
# skos:Concept); the vocabularies state both (the EU validator imports them, the test cannot download them).
CONCEPTS = {
    THEME: "Government and public sector",
    STABLE: "stable",
    NGO: "Non-governmental organisation",
    UNKNOWN_IPR: "Unknown IPR",
}


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
    package = make_small(work / "datapackages" / NAME)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["contributors"][0]["type"] = "NonGovernmentalOrganisation"  # the publisher's dct:type
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
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
    series = _action(ckan, "package_show", id=NAME)
    assert (series["type"], shown["in_series"]) == ("dataset_series", [series["id"]])
    assert shown["theme"] == [THEME]
    assert shown["spatial_coverage"][0]["uri"].endswith("/country/CHN")
    assert shown["temporal_coverage"][0]["start"] < shown["temporal_coverage"][0]["end"]
    assert shown["publisher"][0]["type"] == NGO
    assert {r["availability"] for r in shown["resources"]} == {STABLE}

    again = _push(ckan, dist / NAME / "1.0.0", base)
    assert "unchanged" in again.stdout
    assert _action(ckan, "package_show", id=f"{NAME}-1-0-0")["metadata_modified"] == shown["metadata_modified"]


def test_next_version_is_a_new_dataset_and_the_first_stays_complete(ckan: Site, releases: tuple[Path, str]) -> None:
    dist, base = releases
    _push(ckan, dist / NAME / "1.0.0", base)
    before = _action(ckan, "package_show", id=NAME)
    done = _push(ckan, dist, base)  # the whole releases folder: 1.0.0 is there already, 1.1.0 is new
    assert f"{NAME}-1-0-0 (1.0.0): unchanged" in done.stdout
    assert f"{NAME}-1-1-0 (1.1.0): created" in done.stdout
    first, second = _complete(ckan, f"{NAME}-1-0-0"), _complete(ckan, f"{NAME}-1-1-0")
    assert (first["version"], second["version"]) == ("1.0.0", "1.1.0")
    assert all("/1.0.0/" in r["url"] for r in first["resources"])
    series = _action(ckan, "package_show", id=NAME)
    assert first["in_series"] == second["in_series"] == [series["id"]]
    assert series["metadata_modified"] == before["metadata_modified"]  # the series is made once, then left alone


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


def _ckan_dcat(site: Site, *names: str) -> Graph:
    """CKAN's own DCAT-AP 3 (Turtle) of the named datasets, in one graph."""
    graph = Graph()
    for name in names:
        with urllib.request.urlopen(f"{site.url}/dataset/{name}.ttl", timeout=60) as answer:
            graph.parse(data=answer.read().decode("utf-8"), format="turtle")
    return graph


def _kinds(graph: Graph, found: set[Result]) -> set[Result]:
    """The results with each distribution's IRI (CKAN makes them up) replaced by ``distribution``."""
    distributions = {str(d) for d in graph.subjects(RDF.type, URIRef(f"{DCAT}Distribution"))}
    return {(s, "distribution" if f in distributions else f, p) for s, f, p in found}


@pytest.mark.parametrize("shape_set", sorted(SETS))
def test_ckan_dcat_output_passes_the_official_shapes(ckan: Site, releases: tuple[Path, str], shape_set: str) -> None:
    """The version and its series as CKAN writes them, against the SEMIC DCAT-AP 3.0.1 shapes (mandatory
    and recommended, as tests/test_dcat_official.py runs them on ours): nothing is left but the classes
    of four vocabulary IRIs that ckanext-dcat writes untyped and the country's geometry (as for ours);
    with the vocabularies' own statement that those IRIs are ``skos:Concept``, only the latter."""
    dist, base = releases
    _push(ckan, dist / NAME / "1.0.0", base)
    graph = _ckan_dcat(ckan, f"{NAME}-1-0-0", NAME)
    # a checksum ckanext-dcat cannot write (a ``sha256:`` prefix in ``hash``) made it log a traceback per request
    log = ckan.log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log, log[log.find("Traceback") :][:2000]
    dataset = str(next(graph.subjects(RDF.type, URIRef(f"{DCAT}Dataset"))))
    series = str(next(graph.subjects(RDF.type, URIRef(f"{DCAT}DatasetSeries"))))
    assert (URIRef(dataset), URIRef(f"{DCAT}inSeries"), URIRef(series)) in graph
    shapes = _shapes(SETS[shape_set])
    untyped = {
        ("Violation", dataset, f"{DCAT}theme"),  # the EU data theme
        ("Violation", "distribution", "http://data.europa.eu/r5r/availability"),  # planned availability
        ("Violation", "https://creativecommons.org/licenses/by/4.0/", f"{DCT}type"),  # ADMS licence type
        ("Violation", "_:blank", f"{DCT}type"),  # the publisher's ADMS publisher type
    }
    assert _kinds(graph, _results(graph, shapes)) == untyped | LEFT[shape_set]
    vocabularies = Graph()
    for iri, label in CONCEPTS.items():
        vocabularies.add((URIRef(iri), RDF.type, SKOS.Concept))
        vocabularies.add((URIRef(iri), SKOS.prefLabel, Literal(label, lang="en")))
    assert _results(graph + vocabularies, shapes) == LEFT[shape_set]
