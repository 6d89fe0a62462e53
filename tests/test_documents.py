"""The JSON documents (report, release.json, catalog.json, catalogue.json): published schemas equal the models, what
pledgekit writes meets them, and what it reads back is checked against them (a finding, never a crash)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import ROOT, edit_cell, fixture_package, run_cli
from pledgekit import documents

SCHEMAS = ROOT / "docs" / "schemas"
EPOCH = {"SOURCE_DATE_EPOCH": "1764000000"}


def meets(name: str, document: Any) -> None:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    documents.DOCUMENTS[name].model_validate(document)


@pytest.mark.parametrize("name", sorted(documents.DOCUMENTS))
def test_published_schema_is_the_models(name: str) -> None:
    published = (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
    assert published == documents.schema_text(name), "regenerate docs/schemas (see tests/test_documents.py)"


def test_each_schema_has_a_versioned_id_beside_the_standards() -> None:
    """Like the standard's ``https://pledgekit.github.io/standard/2.0.0/…``: a real address naming a SemVer."""
    for name in documents.DOCUMENTS:
        schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
        version = documents.DOCUMENTS_VERSION
        assert schema["$id"] == f"https://pledgekit.github.io/documents/{version}/{name}.schema.json"
    assert re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", documents.DOCUMENTS_VERSION)


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A releases folder with two versions of the tests' package."""
    work = tmp_path_factory.mktemp("released")
    package = fixture_package(work / "datapackages" / "example-pledges")
    assert run_cli("publish", "--out", "dist", cwd=work, env=EPOCH).returncode == 0
    rows = (package / "data/metrics.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (package / "data/metrics.csv").write_text("".join(rows[:-1]), encoding="utf-8")
    assert run_cli("publish", "--out", "dist", cwd=work, env=EPOCH).returncode == 0
    return work / "dist"


def test_the_report_meets_its_schema(package_copy: Path) -> None:
    edit_cell(package_copy / "data/metrics.csv", "m-002-0001", "unit", "percent")
    result = run_cli("validate", "--format", "json", cwd=package_copy.parent.parent)
    report = json.loads(result.stdout)
    assert result.returncode == 1 and report["issues"]
    meets("report", report)


def test_releases_and_catalog_meet_their_schemas(released: Path) -> None:
    records = sorted(released.glob("*/*/release.json"))
    assert len(records) == 2
    for record in records:
        meets("release", json.loads(record.read_text(encoding="utf-8")))
    catalog = json.loads((released / "catalog.json").read_text(encoding="utf-8"))
    meets("catalog", catalog)
    assert [v["bump"] for v in catalog["packages"][0]["versions"]] == ["major", None]


def test_a_schema_rejects_what_the_model_rejects() -> None:
    """The published schema is not decoration: a path out of the releases folder fails both."""
    entry = {"path": "../x.csv", "bytes": 1, "sha256": "0" * 64}
    with pytest.raises(Exception, match="segment"):
        documents.FileEntry.model_validate(entry)
    schema = json.loads((SCHEMAS / "catalog.schema.json").read_text(encoding="utf-8"))
    file_schema = {**schema["$defs"]["FileEntry"], "$defs": schema["$defs"]}
    assert jsonschema.Draft202012Validator(file_schema).is_valid({**entry, "path": "/etc/passwd"}) is False


def _resign(folder: Path, name: str) -> None:
    sums = folder / "SHA256SUMS"
    digest = hashlib.sha256((folder / name).read_bytes()).hexdigest()
    lines = [
        f"{digest}  {name}" if line.endswith(f"  {name}") else line for line in sums.read_text("ascii").splitlines()
    ]
    sums.write_text("\n".join(lines) + "\n", encoding="ascii")


def _copy(released: Path, target: Path) -> Path:
    shutil.copytree(released, target)
    return target


CATALOGS = {
    "a-list": "[]",
    "nested-deep": "[" * 100_000 + "]" * 100_000,
    "version-out-of-the-folder": None,  # set below from the real catalog
    "absolute-file": None,
    "missing-field": None,
}


def _broken_catalog(case: str, real: dict[str, Any]) -> str:
    text = CATALOGS[case]
    if text is not None:
        return text
    package = real["packages"][0]
    version = package["versions"][0]
    if case == "version-out-of-the-folder":
        version["path"] = "../../elsewhere"
    elif case == "absolute-file":
        version["files"][0]["path"] = "/etc/passwd"
    else:
        del package["latest"]
    return json.dumps(real)


@pytest.mark.parametrize("case", sorted(CATALOGS))
def test_verify_a_broken_catalog_is_a_finding(released: Path, tmp_path: Path, case: str) -> None:
    dist = _copy(released, tmp_path / "dist")
    real = json.loads((dist / "catalog.json").read_text(encoding="utf-8"))
    (dist / "catalog.json").write_text(_broken_catalog(case, real), encoding="utf-8")
    result = run_cli("verify", "dist", cwd=tmp_path)
    assert result.returncode == 5, result.stdout + result.stderr
    assert result.stdout.startswith("FAILED dist/catalog.json: ")


RECORDS = {"a-list": "[1]", "not-json": "{", "bump-unknown": '{"bump": "huge"}'}


@pytest.mark.parametrize("case", sorted(RECORDS))
def test_verify_a_broken_release_record_is_a_finding(released: Path, tmp_path: Path, case: str) -> None:
    dist = _copy(released, tmp_path / "dist")
    folder = next(dist.glob("*/1.0.0"))
    record = folder / "release.json"
    record.write_text(RECORDS[case], encoding="utf-8")
    _resign(folder, "release.json")  # re-signed: the checksums alone cannot catch a malformed record
    result = run_cli("verify", str(folder.relative_to(tmp_path)), cwd=tmp_path)
    assert result.returncode == 5
    assert f"FAILED {folder.relative_to(tmp_path)}/release.json: " in result.stdout
    rebuilt = run_cli("catalog", "rebuild", "dist", cwd=tmp_path)
    assert rebuilt.returncode == 5  # release-corrupt: nothing written
    assert "release.json" in rebuilt.stderr


DESCRIPTORS = {
    "a-list": lambda d: [d],
    "resources-not-a-list": lambda d: {**d, "resources": "data/metrics.csv"},
    "absolute-path": lambda d: {**d, "resources": [{**d["resources"][0], "path": "/etc/hostname"}]},
    "path-out": lambda d: {**d, "resources": [{**d["resources"][0], "path": "../../../x.csv"}]},
}


@pytest.mark.parametrize("case", sorted(DESCRIPTORS))
def test_verify_never_follows_a_descriptor_out_of_the_release(released: Path, tmp_path: Path, case: str) -> None:
    dist = _copy(released, tmp_path / "dist")
    folder = next(dist.glob("*/1.0.0"))
    descriptor = folder / "datapackage.json"
    changed = DESCRIPTORS[case](json.loads(descriptor.read_text(encoding="utf-8")))
    descriptor.write_text(json.dumps(changed), encoding="utf-8")
    _resign(folder, "datapackage.json")
    result = run_cli("verify", str(folder.relative_to(tmp_path)), cwd=tmp_path)
    assert result.returncode == 5
    assert f"FAILED {folder.relative_to(tmp_path)}/datapackage.json: " in result.stdout


HASHES = [("md5", "", True), ("sha512", "sha512:", True), ("md5", "", False), ("sha256", "crc32:", False)]


@pytest.mark.parametrize(("algorithm", "prefix", "intact"), HASHES)
def test_verify_reads_a_declared_hash_as_validate_does(
    released: Path, tmp_path: Path, algorithm: str, prefix: str, intact: bool
) -> None:
    """A hash without a prefix is MD5 (the Data Package default), a prefix names the algorithm: verify
    and validate read it the same way (checks/hygiene.declared_hash)."""
    dist = _copy(released, tmp_path / "dist")
    folder = next(dist.glob("*/1.0.0"))
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    resource = descriptor["resources"][0]
    digest = hashlib.new(algorithm, (folder / resource["path"]).read_bytes()).hexdigest()
    resource["hash"] = prefix + (digest if intact else "0" * len(digest))
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    _resign(folder, "datapackage.json")
    result = run_cli("verify", str(folder.relative_to(tmp_path)), cwd=tmp_path)
    assert result.returncode == (0 if intact else 5), result.stdout
    if not intact:
        assert f"FAILED {folder.relative_to(tmp_path)}/{resource['path']}: " in result.stdout


def test_catalogue_records_meet_their_schema(released: Path) -> None:
    records = sorted(released.glob("*/*/catalogue.json"))
    assert len(records) == 2
    for record in records:
        meets("catalogue", json.loads(record.read_text(encoding="utf-8")))


def _broken_catalogue(case: str, real: dict[str, Any]) -> str:
    if case == "not-json":
        return "{"
    if case == "share-unknown":
        real["共享属性"]["共享类型"] = "随便共享"
    elif case == "no-items":
        real["信息项"] = []
    else:
        real["发布日期"] = "2025/11/24"
    return json.dumps(real, ensure_ascii=False)


@pytest.mark.parametrize("case", ["not-json", "share-unknown", "no-items", "date-malformed"])
def test_verify_a_broken_catalogue_record_is_a_finding(released: Path, tmp_path: Path, case: str) -> None:
    dist = _copy(released, tmp_path / "dist")
    folder = next(dist.glob("*/1.0.0"))
    record = folder / "catalogue.json"
    real = json.loads(record.read_text(encoding="utf-8"))
    if case != "not-json":
        with pytest.raises(jsonschema.ValidationError):
            meets("catalogue", json.loads(_broken_catalogue(case, real)))  # the schema rejects it too
    record.write_text(_broken_catalogue(case, real), encoding="utf-8")
    _resign(folder, "catalogue.json")
    result = run_cli("verify", str(folder.relative_to(tmp_path)), cwd=tmp_path)
    assert result.returncode == 5
    assert f"FAILED {folder.relative_to(tmp_path)}/catalogue.json: " in result.stdout


@pytest.mark.parametrize("document", ["datapackage.json", "release.json", "catalogue.json"])
@pytest.mark.parametrize("text", ["[1]", "[" * 100 + "]" * 100], ids=["a-list", "nested-deep"])
def test_verify_a_zip_whose_document_is_broken_is_a_finding(
    released: Path, tmp_path: Path, document: str, text: str
) -> None:
    """A release zip whose datapackage.json, release.json or catalogue.json is a list or nested too deep
    (re-signed, so only the document check can catch it) once exited 70: it is a finding, exit 5."""
    from pledgekit.publish import archive

    zipped = next(released.glob("*/1.0.0/*.zip"))
    entries = archive.read(zipped.read_bytes(), origin=zipped.name)
    root = next(iter(entries)).split("/", 1)[0]
    files = {name.split("/", 1)[1]: data for name, data in entries.items()}
    files[document] = text.encode()
    files["SHA256SUMS"] = "".join(
        f"{hashlib.sha256(files[n]).hexdigest()}  {n}\n" for n in sorted(files) if n != "SHA256SUMS"
    ).encode()
    (tmp_path / "release.zip").write_bytes(archive.build(files, root))
    result = run_cli("verify", "release.zip", cwd=tmp_path)
    assert result.returncode == 5, result.stdout + result.stderr
    assert result.stdout.startswith(f"FAILED release.zip!{root}/{document}: ")


def test_verify_reads_no_document_over_its_size_limit(tmp_path: Path) -> None:
    """A release's JSON document is read only after its size is checked: a sparse file far over the limit is
    a finding, never read into memory."""
    import fixtures
    from conftest import run_cli
    from pledgekit.publish.verify import DOCUMENT_BYTES

    fixtures.tiny_package(tmp_path / "datapackages" / "example")
    assert run_cli("publish", "--out", "dist", cwd=tmp_path).returncode == 0
    record = tmp_path / "dist" / "example-pledges" / "1.0.0" / "release.json"
    with record.open("r+b") as handle:
        handle.truncate(DOCUMENT_BYTES * 40)  # 2 GB of holes
    result = run_cli("verify", "dist/example-pledges/1.0.0", cwd=tmp_path)
    assert result.returncode == 5
    assert f"release.json: {DOCUMENT_BYTES * 40} bytes, over the {DOCUMENT_BYTES}-byte limit" in result.stdout
