"""``pledgekit init``: a data repository for another government that validates as written, runs this
project's action and hooks, and is never written over an existing folder's files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, read_rows, run_cli
from pledgekit.steward import skeleton


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    result = run_cli("init", "pinggu-data", "--name", "pinggu-pledges", "--title", "Pinggu pledges", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "pinggu-data"


def test_the_new_repository_validates_and_holds_the_standard_s_eight_empty_resources(repo: Path) -> None:
    assert run_cli("validate", cwd=repo).returncode == 0
    package = repo / "datapackages" / "pinggu-pledges"
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"]: r["path"] for r in descriptor["resources"]}
    assert names == {
        "districts": "codelists/districts.csv", "indicators": "codelists/indicators.csv",
        "units": "codelists/units.csv", "sources": "data/sources.csv", "commitments": "data/commitments.csv",
        "metrics": "data/metrics.csv", "assessments": "data/assessments.csv", "areas": "data/areas.csv",
    }  # fmt: skip
    for name in ("sources", "commitments", "metrics", "assessments"):
        schema = json.loads((ROOT / "schemas" / "table" / f"{name}.schema.json").read_text(encoding="utf-8"))
        header = ",".join(f["name"] for f in schema["fields"]) + "\n"
        assert (package / "data" / f"{name}.csv").read_text(encoding="utf-8") == header
    assert run_cli("standard", "sync", "--check", cwd=repo).returncode == 0  # the copies are the standard's
    assert (descriptor["name"], descriptor["title"], descriptor["sources"]) == ("pinggu-pledges", "Pinggu pledges", [])
    assert (
        descriptor["standard_version"]
        == json.loads((ROOT / "schemas/datapackage.profile.json").read_bytes())["version"]
    )


def test_the_workflow_and_hooks_use_this_repository_s_action_and_hooks(repo: Path) -> None:
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "data.yml").read_text(encoding="utf-8"))
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    step = next(s for s in workflow["jobs"]["validate"]["steps"] if s["uses"].startswith("pledgekit/"))
    assert step["uses"] == skeleton.ACTION
    assert f"uses: {skeleton.ACTION}" in (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    assert set(step["with"]) <= set(action["inputs"])
    hooks = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (entry,) = config["repos"]
    assert entry["repo"] == skeleton.HOOKS_REPO and entry["rev"] == skeleton.HOOKS_REV
    assert {h["id"] for h in entry["hooks"]} == hooks
    assert "*.csv -text" in (repo / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert ".pledgekit-backup/" in (repo / ".gitignore").read_text(encoding="utf-8")


def test_the_readme_tells_a_steward_each_step_in_chinese_and_english(repo: Path) -> None:
    text = (repo / "README.md").read_text(encoding="utf-8")
    for heading in ("### 添加一份报告", "### 编辑数据行", "### 验证与修正", "### Add a report", "### Edit rows",
                    "### Validate and fix"):  # fmt: skip
        assert heading in text
    for command in ("pledgekit source add", "pledgekit validate", "pledgekit fix"):
        assert command in text
    # where to look up --district, with examples the codelist it names really holds
    codelist = repo / "datapackages" / "pinggu-pledges" / "codelists" / "districts.csv"
    assert "datapackages/pinggu-pledges/codelists/districts.csv" in text and codelist.is_file()
    names = {row["code"]: row["name_en"] for row in read_rows(codelist)}
    examples = re.findall(r"([A-Z][a-z]+ (?:District|County)) ([0-9]{6})", text)
    assert examples and all(names[code] == name for name, code in examples)
    assert "area_zh" in text and "data/areas.csv" in text


def test_a_folder_with_files_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "existing"
    (target / "notes").mkdir(parents=True)
    (target / "notes" / "a.txt").write_text("mine\n", encoding="utf-8")
    before = _tree(tmp_path)
    result = run_cli("init", "existing", cwd=tmp_path)
    assert result.returncode == 3 and "[dir-not-empty]" in result.stderr
    assert _tree(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing"]  # no staging folder left behind


def test_an_empty_folder_is_used_and_its_name_is_the_default_package_name(tmp_path: Path) -> None:
    (tmp_path / "daxing-pledges").mkdir()
    assert run_cli("init", "daxing-pledges", cwd=tmp_path).returncode == 0
    assert (tmp_path / "daxing-pledges" / "datapackages" / "daxing-pledges" / "datapackage.json").is_file()


def test_an_invalid_name_is_a_usage_error_and_writes_nothing(tmp_path: Path) -> None:
    result = run_cli("init", "平谷数据", cwd=tmp_path)
    assert result.returncode == 2 and "[name-invalid]" in result.stderr
    assert list(tmp_path.iterdir()) == []
