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


def _tracked() -> dict[str, dict[str, object]]:
    result = run_cli("track", "--format", "json", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return {p["id"]: p for p in json.loads(result.stdout)["progress"]}


def test_track_gives_every_commitment_a_status_with_evidence_or_a_reason() -> None:
    """Issue 13's "done when": every commitment of the bundled package has a status, and it rests on
    metrics (their ids), on an assessment (its quote and source), or says why it has none."""
    import csv

    with (BUNDLED / "data" / "commitments.csv").open(encoding="utf-8", newline="") as handle:
        ids = [row["id"] for row in csv.DictReader(handle)]
    tracked = _tracked()
    assert sorted(tracked) == sorted(ids)
    unsupported = [
        i
        for i, p in tracked.items()
        if not p["evidence"] and not p["reason"] and not (p["method"] == "assessment" and p["assessment_quote"])
    ]
    assert unsupported == []


def test_the_examples_of_docs_tracking_are_what_track_computes() -> None:
    """Every "c-… (…) …: `status`" example of docs/tracking.md is the status the bundled package gets."""
    import re

    text = " ".join((ROOT / "docs" / "tracking.md").read_text(encoding="utf-8").split())
    examples = re.findall(r"(c-\d{3}-\d{4}) \([^)]*\)((?:(?!Example)[^`])*?): `([a-z-]+)`", text)
    tracked = _tracked()
    assert len(examples) >= 10
    assert [(i, tracked[i]["status"]) for i, _, _ in examples] == [(i, status) for i, _, status in examples]


def test_the_bundled_package_declares_the_version_of_the_standard_it_follows() -> None:
    descriptor = json.loads((BUNDLED / "datapackage.json").read_text(encoding="utf-8"))
    profile = json.loads((ROOT / "schemas" / "datapackage.profile.json").read_text(encoding="utf-8"))
    assert descriptor["standard_version"] == profile["version"]
