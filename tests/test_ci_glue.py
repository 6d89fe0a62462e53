"""The ecosystem glue, run for real: the pre-commit hooks, the composite action's validate step in a git
repository with a pull request that breaks one row, and the documented workflow."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT
from corpus import make_small, set_cell
from pledgekit.standard import copies

NAME = "beijing-district-pledges"
BIN = str(Path(sys.executable).parent)
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}


def _env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_STEP_SUMMARY")}
    return {**base, **GIT_ENV, "PATH": f"{BIN}:{base.get('PATH', '/usr/bin:/bin')}", **extra}


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=_env())


def test_pre_commit_hooks_run_as_declared(tmp_path: Path) -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"pledgekit-fix", "pledgekit-validate"}
    assert all(h["language"] == "python" for h in hooks.values())
    package = make_small(tmp_path / "datapackages" / NAME)
    csv_path = package / "data/metrics.csv"
    csv_path.write_bytes(csv_path.read_bytes().replace(b"\n", b"\r\n"))
    fix = [*shlex.split(hooks["pledgekit-fix"]["entry"]), "datapackages/beijing-district-pledges/data/metrics.csv"]

    def run_fix() -> subprocess.CompletedProcess[str]:
        return subprocess.run(fix, cwd=tmp_path, env=_env(), capture_output=True, text=True, check=False)

    first = run_fix()
    assert first.returncode == 1  # it changed a file: pre-commit fails so the fix is reviewed
    assert b"\r" not in csv_path.read_bytes()
    second = run_fix()
    assert second.returncode == 0
    validate = shlex.split(hooks["pledgekit-validate"]["entry"])
    assert hooks["pledgekit-validate"]["pass_filenames"] is False
    assert re.search(hooks["pledgekit-validate"]["files"], "datapackages/x/data/metrics.csv")
    assert subprocess.run(validate, cwd=tmp_path, env=_env(), capture_output=True, check=False).returncode == 0


def _validate_step() -> str:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    step = next(s for s in action["runs"]["steps"] if s.get("name") == "Validate")
    assert "${{" not in step["run"]  # inputs reach the script through env, never pasted into it
    upload = next(s for s in action["runs"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact"))
    assert "pledgekit-report.json" in upload["with"]["path"] and "pledgekit-report.html" in upload["with"]["path"]
    return str(step["run"])


def test_action_annotates_only_the_row_a_pull_request_broke(tmp_path: Path) -> None:
    package = make_small(tmp_path / "datapackages" / NAME)
    set_cell(package, "commitments", "c-000-0002", "statement_zh", " 建成区政务服务中心")  # already on main
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "main")
    _git(tmp_path, "checkout", "-q", "-b", "feature")
    set_cell(package, "metrics", "m-002-0015", "unit", "usd-100m")  # the pull request breaks one row
    _git(tmp_path, "commit", "-q", "-am", "feature")
    summary = tmp_path / "summary.md"
    result = subprocess.run(
        ["bash", "-c", _validate_step()], cwd=tmp_path, capture_output=True, text=True, check=False,
        env=_env(PLEDGEKIT_PATHS="datapackages", PLEDGEKIT_BASE_REF="main", GITHUB_STEP_SUMMARY=str(summary)),
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    errors = [line for line in annotations if line.startswith("::error")]
    assert len(errors) == 1
    assert errors[0].startswith(
        "::error file=datapackages/beijing-district-pledges/data/metrics.csv,line=3,title=unit-dimension-mismatch"
    )
    assert annotations[1].startswith("::notice file=datapackages/beijing-district-pledges/data/commitments.csv,line=3")
    assert (tmp_path / "pledgekit-report.json").is_file() and (tmp_path / "pledgekit-report.html").is_file()
    assert "pledgekit validate: invalid" in summary.read_text(encoding="utf-8")


def test_documented_workflow_is_safe() -> None:
    text = (ROOT / "docs/ci.md").read_text(encoding="utf-8")
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    workflow = yaml.safe_load(block)
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert set(triggers) == {"pull_request", "push"}
    assert "pull_request_target" not in block.replace("Never use `pull_request_target`", "")
    validate, publish = workflow["jobs"]["validate"], workflow["jobs"]["publish"]
    assert "pull_request" in validate["if"] and "secrets" not in yaml.safe_dump(validate)
    assert publish["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert publish["concurrency"] == {"group": "publish", "cancel-in-progress": False}
    assert any("pledgekit verify dist" in str(step.get("run", "")) for step in publish["steps"])


def test_action_passes_its_standard_input_to_every_command(tmp_path: Path) -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["inputs"]["standard"]["default"] == ""
    standard = tmp_path / "std"
    shutil.copytree(ROOT / "schemas", standard)
    with (standard / "codelists/units.csv").open("a", encoding="utf-8") as handle:
        handle.write("qing,顷,qing (100 mu),area,m2,66666.66666666667\n")  # the repository's own standard
    package = make_small(tmp_path / "datapackages" / NAME)
    copies.sync(standard, package)

    def step(chosen: str) -> subprocess.CompletedProcess[str]:
        env = _env(PLEDGEKIT_PATHS="datapackages", PLEDGEKIT_BASE_REF="", PLEDGEKIT_STANDARD=chosen)
        return subprocess.run(["bash", "-c", _validate_step()], cwd=tmp_path, capture_output=True, text=True,
                              check=False, env=env)  # fmt: skip

    given = step("std")
    assert given.returncode == 0, given.stdout + given.stderr
    report = json.loads((tmp_path / "pledgekit-report.json").read_text(encoding="utf-8"))
    assert report["valid"] is True
    installed = step("")
    assert installed.returncode == 1
    assert [
        line.split(",title=")[1].split("::")[0] for line in installed.stdout.splitlines() if line.startswith("::error")
    ] == ["standard-drift"]
