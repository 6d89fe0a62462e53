"""The standard is versioned: one version, named by every identifier and by the changelog; a package's
declared MAJOR is checked; the resources the checks depend on are required; a release records the version."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from fixtures import STANDARD, tiny_package
from pledgekit.standard import copies, locate
from pledgekit.validation import validate_paths

VERSION = locate.version(STANDARD)
ANJI = ROOT / "tests" / "packages" / "anji-county"


def _edit(package: Path, change: dict[str, object]) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor.update(change)
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")


def test_the_version_is_semver_and_every_identifier_names_it() -> None:
    assert locate.major(VERSION) is not None
    base = f"https://pledgekit.github.io/standard/{VERSION}/"
    profile = json.loads((STANDARD / "datapackage.profile.json").read_text(encoding="utf-8"))
    assert profile["$id"] == f"{base}datapackage.profile.json"
    for path in sorted((STANDARD / "table").glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert schema["$id"] == f"{base}table/{path.name}", path.name


def test_the_changelog_names_the_version_with_a_date() -> None:
    changelog = (STANDARD / "CHANGELOG.md").read_text(encoding="utf-8")
    first = re.search(r"^## (.+)$", changelog, re.M)
    assert first is not None
    assert re.match(rf"{re.escape(VERSION)} — \d{{4}}-\d{{2}}-\d{{2}}\b", first.group(1)), first.group(1)


@pytest.mark.parametrize(("declared", "codes"), [(VERSION, []), ("2.7.1", []), ("1.4.0", ["standard-major-mismatch"])])
def test_a_package_declaring_another_major_is_reported(tmp_path: Path, declared: str, codes: list[str]) -> None:
    package = tiny_package(tmp_path / "pkg")
    _edit(package, {"standard_version": declared})
    report = validate_paths([package], cwd=tmp_path)
    assert [(i.code, i.location.json_path, i.value) for i in report.issues] == [
        (code, "$.standard_version", declared) for code in codes
    ]


def test_a_declared_version_that_is_not_semver_breaks_the_profile(tmp_path: Path) -> None:
    package = tiny_package(tmp_path / "pkg")
    _edit(package, {"standard_version": "2"})
    report = validate_paths([package], cwd=tmp_path)
    assert [(i.code, i.location.json_path) for i in report.issues] == [("descriptor-invalid", "$.standard_version")]


@pytest.mark.parametrize("dropped", ["districts", "indicators", "sources"])
def test_dropping_a_resource_the_checks_depend_on_is_reported(tmp_path: Path, dropped: str) -> None:
    package = tiny_package(tmp_path / "pkg")
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    _edit(package, {"resources": [r for r in descriptor["resources"] if r["name"] != dropped]})
    result = run_cli("validate", "--format", "json", "pkg", cwd=tmp_path)
    assert result.returncode == 1
    issues = json.loads(result.stdout)["issues"]
    assert [(i["code"], i["json_path"], i["value"]) for i in issues] == [("resource-required", "$.resources", dropped)]


def test_a_package_of_other_resources_needs_none_of_the_standard(tmp_path: Path) -> None:
    package = tiny_package(tmp_path / "pkg")
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    places = [{**r, "name": "places"} for r in descriptor["resources"] if r["name"] == "sources"]
    _edit(package, {"resources": places})
    codes = {i.code for i in validate_paths([package], cwd=tmp_path).issues}
    assert "resource-required" not in codes


def test_a_release_records_the_standard_it_was_validated_against(tmp_path: Path) -> None:
    package = tmp_path / "datapackages" / "anji-county"
    shutil.copytree(ANJI, package)
    copies.sync(STANDARD, package)
    result = run_cli("publish", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": "1764000000"})
    assert result.returncode == 0, result.stdout + result.stderr
    release = tmp_path / "dist" / "anji-county-pledges" / "1.0.0"
    descriptor = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["standard_version"] == VERSION
    assert json.loads((release / "release.json").read_text(encoding="utf-8"))["standard"] == VERSION
    assert f"Validated against the pledgekit standard {VERSION}." in (release / "CHANGELOG.md").read_text("utf-8")
    extension = "extensions/indicators.csv"
    assert (release / extension).read_bytes() == (package / extension).read_bytes()  # published with the package
    assert run_cli("validate", str(release), cwd=tmp_path).returncode == 0


def test_a_standard_of_one_s_own_without_a_version_is_not_compared(tmp_path: Path) -> None:
    standard = tmp_path / "std"
    shutil.copytree(STANDARD, standard)
    profile = json.loads((standard / "datapackage.profile.json").read_text(encoding="utf-8"))
    del profile["version"]
    (standard / "datapackage.profile.json").write_text(json.dumps(profile, indent=2), encoding="utf-8")
    assert locate.version(standard) is None
    package = tiny_package(tmp_path / "pkg")
    copies.sync(standard, package)
    _edit(package, {"standard_version": "1.0.0"})
    assert validate_paths([package], cwd=tmp_path, standard_root=standard).issues == []
