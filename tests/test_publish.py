"""Publishing: the plan, versions, immutability, reproducibility, and what a release holds."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from conftest import BUNDLED, ROOT, STANDARD, plain_frictionless, run_cli
from corpus import make_small, read, set_cell, write

EPOCH = {"SOURCE_DATE_EPOCH": "1764000000"}
NAME = "beijing-district-pledges"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A working folder with a small package in datapackages/ and an empty dist/."""
    make_small(tmp_path / "datapackages" / NAME)
    return tmp_path


def publish(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli("publish", *args, cwd=cwd, env={**EPOCH, **(env or {})})


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_bundled_round_trip(tmp_path: Path) -> None:
    result = run_cli("publish", str(BUNDLED), "--out", str(tmp_path / "dist"), cwd=ROOT, env=EPOCH)
    assert result.returncode == 0, result.stdout + result.stderr
    release = tmp_path / "dist" / NAME / "1.0.0"
    assert json.loads(plain_frictionless(release).stdout)["valid"] is True
    for resource in ("data/metrics.csv", "data/commitments.csv", "sources/004_5b15a4c597be09c2.txt"):
        assert (release / resource).read_bytes() == (BUNDLED / resource).read_bytes()  # never re-serialised
    assert run_cli("verify", str(tmp_path / "dist"), cwd=ROOT).returncode == 0
    target = release / "data/metrics.csv"
    data = bytearray(target.read_bytes())
    data[100] ^= 1
    target.write_bytes(bytes(data))
    broken = run_cli("verify", str(release), cwd=ROOT)
    assert broken.returncode == 5
    assert f"FAILED {release}/data/metrics.csv: sha256 does not match SHA256SUMS" in broken.stdout


def test_release_contents(work: Path) -> None:
    assert publish(work).returncode == 0
    release = work / "dist" / NAME / "1.0.0"
    descriptor = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == "1.0.0"
    assert descriptor["created"] == "2025-11-24T16:00:00Z"
    for resource in descriptor["resources"]:
        data = (release / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data)
        assert resource["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}"
    metrics = json.loads((release / "json/metrics.json").read_text(encoding="utf-8"))
    assert metrics[0]["year"] == 2024 and metrics[0]["value"] == 5.2 and metrics[0]["note"] is None
    workbook = openpyxl.load_workbook(release / f"{NAME}-1.0.0.xlsx")
    assert workbook.sheetnames == ["districts", "units", "indicators", "sources", "areas", "commitments", "metrics"]
    assert workbook["metrics"]["L2"].value == "地区生产总值增长5.2%"
    sums = dict(line.split("  ")[::-1] for line in (release / "SHA256SUMS").read_text().splitlines())
    assert set(sums) == set(tree(release)) - {"SHA256SUMS"}
    catalog = json.loads((work / "dist/catalog.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in catalog["packages"][0]["versions"]] == ["1.0.0"]
    ckan = json.loads((release / "ckan.json").read_text(encoding="utf-8"))
    assert {r["name"] for r in ckan["resources"]} >= {"data/metrics.csv", f"{NAME}-1.0.0.zip"}


def test_no_cell_of_the_workbook_is_a_formula() -> None:
    """Validation rejects formula-like text, but the workbook must not depend on it."""
    import io

    import polars as pl

    from pledgekit.io.tables import Table
    from pledgekit.publish.formats import to_xlsx

    frame = pl.DataFrame({"note": ["=1+1", "@SUM(A1)", "plain"], "_row": [2, 3, 4]})
    data = to_xlsx({"t": Table("t", "t.csv", "t.csv", frame, {"fields": [{"name": "note", "type": "string"}]})}, "t")
    sheet = openpyxl.load_workbook(io.BytesIO(data))["t"]
    assert [(c.value, c.data_type) for c in sheet["A"][1:]] == [("=1+1", "s"), ("@SUM(A1)", "s"), ("plain", "s")]


def test_invalid_data_is_never_published(work: Path) -> None:
    set_cell(work / "datapackages" / NAME, "metrics", "m-002-0015", "unit", "pct")
    result = publish(work)
    assert result.returncode == 1
    assert "unit-dimension-mismatch" in result.stdout
    assert not (work / "dist").exists()


def test_dry_run_prints_the_plan_and_writes_nothing(work: Path) -> None:
    result = publish(work, "--dry-run")
    assert result.returncode == 0
    assert f"{NAME} 1.0.0 (first release), would publish" in result.stdout
    assert not (work / "dist").exists()
    plan = json.loads(publish(work, "--dry-run", "--format", "json").stdout)
    assert plan[0]["version"] == "1.0.0" and f"{NAME}-1.0.0.zip" in plan[0]["files"]


def _add_row(package: Path) -> None:
    path = package / "data/metrics.csv"
    rows = read(path)
    added = ["m-002-0099", *rows[3][1:]]  # the same figure from the same quote, for a sub-area
    added[rows[0].index("area_zh")] = "示例片区"
    rows.append(added)
    write(path, rows)
    areas = read(package / "data/areas.csv")
    write(package / "data/areas.csv", [*areas, [added[rows[0].index("district_code")], "示例片区", "", "site", ""]])


def _drop_field(work: Path) -> Path:
    """A copy of the standard without metrics.note, synced into the package, and the column removed."""
    standard = work / "standard"
    shutil.copytree(STANDARD, standard)
    schema_path = standard / "table/metrics.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["fields"] = [f for f in schema["fields"] if f["name"] != "note"]
    schema_path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    package = work / "datapackages" / NAME
    assert run_cli("standard", "sync", "--standard", str(standard), cwd=work).returncode == 0
    rows = read(package / "data/metrics.csv")
    write(package / "data/metrics.csv", [r[:-1] for r in rows])
    return standard


def test_patch_minor_major_with_their_changelog_entries(work: Path) -> None:
    package = work / "datapackages" / NAME
    assert publish(work).returncode == 0
    set_cell(package, "metrics", "m-002-0001", "note", "checked against the report")
    result = publish(work, env={"SOURCE_DATE_EPOCH": "1764100000"})
    assert "1.0.1 (patch)" in result.stdout
    changelog = (work / f"dist/{NAME}/1.0.1/CHANGELOG.md").read_text(encoding="utf-8")
    assert "## 1.0.1 — 2025-11-25\n\nPATCH: metrics: 1 row(s) changed" in changelog
    assert "- metrics m-002-0001 changed: note: (empty) → 'checked against the report'" in changelog
    assert "None" not in changelog
    assert "## 1.0.0 — 2025-11-24\n\nFirst release." in changelog
    _add_row(package)
    assert "1.1.0 (minor)" in publish(work).stdout
    assert "- metrics m-002-0099 added" in (work / f"dist/{NAME}/1.1.0/CHANGELOG.md").read_text(encoding="utf-8")
    standard = _drop_field(work)
    result = publish(work, "--standard", str(standard))
    assert "2.0.0 (major)" in result.stdout, result.stdout + result.stderr
    assert "- metrics: field note removed" in (work / f"dist/{NAME}/2.0.0/CHANGELOG.md").read_text(encoding="utf-8")
    history = json.loads((work / "dist/catalog.json").read_text(encoding="utf-8"))["packages"][0]["versions"]
    assert [(v["version"], v["bump"]) for v in history] == [
        ("2.0.0", "major"),
        ("1.1.0", "minor"),
        ("1.0.1", "patch"),
        ("1.0.0", None),
    ]
    diff = json.loads(run_cli("diff", f"dist/{NAME}/1.0.0", f"dist/{NAME}/1.0.1", "--format", "json", cwd=work).stdout)
    assert diff["bump"] == "patch"
    assert diff["rows"][0]["key"] == "m-002-0001"


def test_identical_content_is_already_published(work: Path) -> None:
    assert publish(work).returncode == 0
    before = tree(work / "dist")
    result = publish(work, env={"SOURCE_DATE_EPOCH": "1764999999"})
    assert result.returncode == 0
    assert f"{NAME} 1.0.0: already published, nothing changed" in result.stdout
    assert tree(work / "dist") == before


def test_an_existing_or_lower_version_is_refused_and_nothing_changes(work: Path) -> None:
    package = work / "datapackages" / NAME
    assert publish(work, "--version", "1.2.0").returncode == 0
    before = tree(work / "dist")
    set_cell(package, "metrics", "m-002-0001", "note", "x")
    existing = publish(work, "--version", "1.2.0")
    assert existing.returncode == 3 and "[version-exists]" in existing.stderr
    lower = publish(work, "--version", "1.1.9")
    assert lower.returncode == 3
    assert tree(work / "dist") == before
    _add_row(package)
    too_low = publish(work, "--version", "1.2.1")  # a row was added: MINOR at least
    assert too_low.returncode == 3 and "[version-too-low]" in too_low.stderr
    assert publish(work, "--version", "2.0.0").returncode == 0  # higher than required is allowed
    assert publish(work, "--version", "not-a-version").returncode == 2


def test_the_zip_is_reproducible(work: Path, tmp_path: Path) -> None:
    assert publish(work, "--out", "a").returncode == 0
    assert publish(work, "--out", "b").returncode == 0
    assert tree(work / "a") == tree(work / "b")
    zipped = work / "a" / NAME / "1.0.0" / f"{NAME}-1.0.0.zip"
    assert run_cli("verify", str(zipped), cwd=work).returncode == 0


def test_text_from_the_data_is_escaped_in_html(work: Path) -> None:
    set_cell(work / "datapackages" / NAME, "commitments", "c-000-0002", "statement_en", "<script>alert(1)</script>")
    assert publish(work).returncode == 0
    page = (work / "dist" / NAME / "1.0.0" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page


def test_catalog_rebuild_from_releases_alone(work: Path) -> None:
    assert publish(work).returncode == 0
    index = {
        p: (work / "dist" / p).read_bytes()
        for p in ("catalog.json", "catalog.jsonld", "index.html", f"{NAME}/index.html")
    }
    for name in index:
        (work / "dist" / name).unlink()
    assert run_cli("catalog", "rebuild", "dist", cwd=work).returncode == 0
    assert {p: (work / "dist" / p).read_bytes() for p in index} == index


def test_csv_bytes_are_published_as_validated_even_with_crlf(work: Path) -> None:
    path = work / "datapackages" / NAME / "data/metrics.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert publish(work).returncode == 0
    assert (work / "dist" / NAME / "1.0.0" / "data/metrics.csv").read_bytes() == path.read_bytes()
    with (work / "dist" / NAME / "1.0.0" / "data/metrics.csv").open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle))[0] == "id"


@pytest.mark.parametrize("where", ["a-file", "inside-the-package"])
def test_a_releases_folder_that_cannot_be_is_refused_before_anything_is_written(work: Path, where: str) -> None:
    """--out being a file was exit 4 (a machine failure); --out inside the package was accepted."""
    out = "dist-file" if where == "a-file" else f"datapackages/{NAME}/dist"
    if where == "a-file":
        (work / out).write_text("not a folder", encoding="utf-8")
    before = tree(work / "datapackages")
    result = publish(work, "--out", out)
    assert result.returncode == 3, result.stderr
    assert "[out-invalid]" in result.stderr
    assert tree(work / "datapackages") == before


def test_a_path_too_long_to_use_is_refused_not_a_machine_failure(tmp_path: Path) -> None:
    result = run_cli("validate", "x" * 100_000, cwd=tmp_path)
    assert result.returncode == 3 and "[path-invalid]" in result.stderr


@pytest.mark.parametrize(
    ("previous", "required", "requested", "reason"),
    [
        (None, None, "0.9.0", "lower than 1.0.0, the least for a first release"),
        ("1.2.0", "minor", "1.2.5", "lower than 1.3.0, the least for a minor change"),
        ("1.2.0", None, "1.1.0", "lower than 1.2.0, the least for the latest release"),
    ],
)
def test_a_version_refusal_words_the_actual_reason(
    previous: str | None, required: str | None, requested: str, reason: str
) -> None:
    from pledgekit.errors import PolicyError
    from pledgekit.publish.plan import next_version

    with pytest.raises(PolicyError) as refused:
        next_version(previous, required, requested)  # type: ignore[arg-type]
    assert refused.value.code == "version-too-low" and reason in refused.value.message


def test_diff_of_a_release_that_is_not_there_is_a_data_problem(work: Path) -> None:
    """A missing file in `diff` was exit 4 (a machine failure): it is file-missing, exit 1, naming the path."""
    assert publish(work).returncode == 0
    result = run_cli("diff", f"dist/{NAME}/1.0.0", f"dist/{NAME}/9.9.9", cwd=work)
    assert result.returncode == 1, result.stderr
    assert f"dist/{NAME}/9.9.9/datapackage.json" in result.stderr and "[file-missing]" in result.stderr


def test_verify_covers_every_derived_file(work: Path) -> None:
    """The files a release derives for portals, loaders and readers are checked like the data: one byte
    changed, or the file gone, and verify names it (exit 5)."""
    assert publish(work).returncode == 0
    release = work / "dist" / NAME / "1.0.0"
    portal = ["ckan.json", "dcat.jsonld", "catalogue.json", "catalogue.xlsx"]
    loaders = ["progress.csv", "progress.schema.json", "load/load.sql", "load/load_pandas.py", "load/load_polars.py"]
    derived = ["scorecard.html", "scorecard.json", *portal, *loaders]
    for relpath in derived:
        target = release / relpath
        original = target.read_bytes()
        target.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
        changed = run_cli("verify", str(release), cwd=work)
        target.unlink()
        gone = run_cli("verify", str(release), cwd=work)
        target.write_bytes(original)
        assert changed.returncode == gone.returncode == 5, relpath
        assert f"FAILED {release}/{relpath}: sha256 does not match SHA256SUMS" in changed.stdout
        assert f"FAILED {release}/{relpath}: missing" in gone.stdout
    assert run_cli("verify", str(release), cwd=work).returncode == 0
