"""The DCAT records of a release and of the releases folder pass the official SEMIC DCAT-AP 3.0.1 SHACL
shapes (tests/shapes/dcat-ap-3.0.1, unchanged): mandatory and recommended, the series with its releases.
The only results left are the ones docs/publishing.md names, asserted here one by one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from conftest import run_cli
from corpus import make_small, set_cell

NAME = "beijing-district-pledges"
BASE = "https://data.example.org/pledges"
OFFICIAL = Path(__file__).with_name("shapes") / "dcat-ap-3.0.1"
SETS = {
    # what the EU validator runs as "DCAT-AP 3.0.1 Full", without the network imports
    "full": ["html/shacl/shapes.ttl", "html/shacl/range.ttl", "html/shacl/shapes_recommended.ttl",
             "html/shacl/deprecateduris.ttl"],
    "individual": ["shacl/dcat-ap-SHACL.ttl", "shacl/ranges.ttl"],
}  # fmt: skip
CHN = "http://publications.europa.eu/resource/authority/country/CHN"
DCAT = "http://www.w3.org/ns/dcat#"
# Documented in docs/publishing.md ("DCAT-AP conformance"): the country is named by its EU authority IRI
# and pledgekit invents no geometry for it.
LEFT = {
    "full": {("Warning", CHN, f"{DCAT}bbox"), ("Warning", CHN, f"{DCAT}centroid")},
    "individual": set(),
}
Result = tuple[str, str, str]


def _shapes(files: list[str]) -> Graph:
    graph = Graph()
    for name in files:
        graph.parse(OFFICIAL / name, format="turtle")
    # SEMICeu/DCAT-AP issue 448: property shapes that are linked but never defined; pyshacl refuses them
    for node, prop in list(graph.subject_objects(SH.property)):
        if (prop, SH.path, None) not in graph:
            graph.remove((node, SH.property, prop))
    return graph


@pytest.fixture(scope="module")
def shapes() -> dict[str, Graph]:
    return {name: _shapes(files) for name, files in SETS.items()}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("dcat")
    package = make_small(work / "datapackages" / NAME)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["contributors"][0]["type"] = "NonGovernmentalOrganisation"
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    for epoch in ("1764000000", "1764100000"):
        result = run_cli("publish", "--base-url", BASE, cwd=work, env={"SOURCE_DATE_EPOCH": epoch})
        assert result.returncode == 0, result.stdout + result.stderr
        set_cell(package, "metrics", "m-002-0001", "note", "checked against the report")
    return work / "dist"


def _graph(document: dict[str, object], address: str) -> Graph:
    return Graph().parse(data=json.dumps(document), format="json-ld", publicID=address)


def _results(data: Graph, shapes: Graph) -> set[Result]:
    _, report, _ = validate(data, shacl_graph=shapes, inference="none", allow_warnings=False)
    assert isinstance(report, Graph)
    found = set()
    for result in report.subjects(SH.resultSeverity, None):
        severity = str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        focus, path = report.value(result, SH.focusNode), report.value(result, SH.resultPath)
        found.add((severity, str(focus) if isinstance(focus, URIRef) else "_:blank", str(path)))
    return found


def _load(dist: Path, relpath: str) -> tuple[dict[str, object], str]:
    return json.loads((dist / relpath).read_text(encoding="utf-8")), f"{BASE}/{relpath}"


@pytest.mark.parametrize("shape_set", sorted(SETS))
@pytest.mark.parametrize("version", ["1.0.0", "1.0.1"])
def test_release_record_passes_the_official_shapes(
    dist: Path, shapes: dict[str, Graph], shape_set: str, version: str
) -> None:
    document, address = _load(dist, f"{NAME}/{version}/dcat.jsonld")
    assert _results(_graph(document, address), shapes[shape_set]) == LEFT[shape_set]


@pytest.mark.parametrize("shape_set", sorted(SETS))
def test_catalog_with_the_series_and_its_releases_passes(dist: Path, shapes: dict[str, Graph], shape_set: str) -> None:
    document, address = _load(dist, "catalog.jsonld")
    graph = _graph(document, address)
    series = URIRef(f"{BASE}/{NAME}/")
    members = sorted(str(s) for s in graph.subjects(URIRef(f"{DCAT}inSeries"), series))
    assert members == [f"{BASE}/{NAME}/1.0.0/", f"{BASE}/{NAME}/1.0.1/"]
    assert (series, None, URIRef(f"{DCAT}DatasetSeries")) in graph
    assert _results(graph, shapes[shape_set]) == LEFT[shape_set]


def _untype(node: object, key: str) -> None:
    """Drop the ``@type`` of every object of ``key``: an IRI typed anywhere in a graph is typed everywhere."""
    if isinstance(node, list):
        for item in node:
            _untype(item, key)
    elif isinstance(node, dict):
        if isinstance(node.get(key), dict):
            node[key].pop("@type")
        for value in node.values():
            _untype(value, key)


@pytest.mark.parametrize(
    ("key", "severity", "path"),
    [
        ("dct:format", "Violation", "http://purl.org/dc/terms/format"),
        ("dcat:mediaType", "Violation", f"{DCAT}mediaType"),
        ("dct:license", "Violation", "http://purl.org/dc/terms/license"),
        ("dcat:theme", "Violation", f"{DCAT}theme"),
        ("dct:spatial", "Violation", "http://purl.org/dc/terms/spatial"),
    ],
)
def test_the_shapes_catch_an_untyped_vocabulary_object(
    dist: Path, shapes: dict[str, Graph], key: str, severity: str, path: str
) -> None:
    document, address = _load(dist, f"{NAME}/1.0.0/dcat.jsonld")
    _untype(document, key)
    found = _results(_graph(document, address), shapes["full"]) - LEFT["full"]
    assert found and {(s, p) for s, _, p in found} == {(severity, path)}


def test_the_individual_constraints_catch_an_untyped_checksum_algorithm(dist: Path, shapes: dict[str, Graph]) -> None:
    document, address = _load(dist, f"{NAME}/1.0.0/dcat.jsonld")
    _untype(document, "spdx:algorithm")
    found = _results(_graph(document, address), shapes["individual"])
    assert {(s, p) for s, _, p in found} == {("Violation", "http://spdx.org/rdf/terms#algorithm")}


@pytest.mark.parametrize(
    ("drop", "path"),
    [
        ("dcatap:availability", "http://data.europa.eu/r5r/availability"),
        ("dct:license", "http://purl.org/dc/terms/license"),
    ],
)
def test_the_shapes_warn_of_a_missing_recommended_property(
    dist: Path, shapes: dict[str, Graph], drop: str, path: str
) -> None:
    document, address = _load(dist, f"{NAME}/1.0.0/dcat.jsonld")
    dataset = next(n for n in document["@graph"] if n["@type"] == "dcat:Dataset")  # type: ignore[attr-defined]
    del dataset["dcat:distribution"][0][drop]
    found = _results(_graph(document, address), shapes["full"]) - LEFT["full"]
    assert {(s, p) for s, _, p in found} == {("Warning", path)}


def test_an_agent_without_a_type_is_a_warning(tmp_path: Path, shapes: dict[str, Graph]) -> None:
    """Without ``contributors[].type`` the agent has no ``dct:type``: the one warning docs/publishing.md names."""
    make_small(tmp_path / "datapackages" / NAME)
    assert run_cli("publish", "--base-url", BASE, cwd=tmp_path).returncode == 0
    document = json.loads((tmp_path / f"dist/{NAME}/1.0.0/dcat.jsonld").read_text(encoding="utf-8"))
    found = _results(_graph(document, f"{BASE}/{NAME}/1.0.0/dcat.jsonld"), shapes["full"]) - LEFT["full"]
    assert {(s, p) for s, _, p in found} == {("Warning", "http://purl.org/dc/terms/type")}
