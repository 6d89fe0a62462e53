"""The bundled package validates with pledgekit and with plain frictionless."""

from __future__ import annotations

import json

from conftest import BUNDLED, ROOT, plain_frictionless, run_cli
from pledgekit import validate_paths


def test_pledgekit_validate_exits_0_on_the_bundled_data() -> None:
    result = run_cli("validate", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("valid: 1 package(s)")


def test_json_report_of_the_bundled_data_has_no_issues() -> None:
    result = run_cli("validate", "--format", "json", cwd=ROOT)
    report = json.loads(result.stdout)
    assert report["valid"] is True
    assert report["issues"] == []
    assert report["stats"]["rows"] > 800


def test_plain_frictionless_validates_the_descriptor() -> None:
    result = plain_frictionless(BUNDLED)
    assert result.returncode == 0, result.stdout[-2000:]
    assert json.loads(result.stdout)["valid"] is True


def test_library_report_counts_every_resource_row() -> None:
    report = validate_paths([BUNDLED], cwd=ROOT)
    assert report.valid, report.flatten(["path", "row", "field", "code"])
    assert report.packages == ["beijing-district-pledges"]


def test_the_bundled_package_declares_the_version_of_the_standard_it_follows() -> None:
    descriptor = json.loads((BUNDLED / "datapackage.json").read_text(encoding="utf-8"))
    profile = json.loads((ROOT / "schemas" / "datapackage.profile.json").read_text(encoding="utf-8"))
    assert descriptor["standard_version"] == profile["version"]
