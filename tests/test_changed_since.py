"""``validate --changed-since REF`` in a real git repository: a pull request is judged by what it changed."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import run_cli
from corpus import make_small, set_cell

NAME = "beijing-district-pledges"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(cwd), "PATH": "/usr/bin:/bin"})  # fmt: skip


def test_only_the_changed_rows_issue_is_new(tmp_path: Path) -> None:
    package = make_small(tmp_path / "datapackages" / NAME)
    set_cell(package, "commitments", "c-000-0002", "statement_zh", " 建成区政务服务中心")  # already there at the ref
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "first")
    set_cell(package, "metrics", "m-002-0015", "unit", "usd-100m")  # the change breaks one row
    _git(tmp_path, "commit", "-q", "-am", "second")

    result = run_cli("validate", "--changed-since", "HEAD~1", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    issues = json.loads(result.stdout)["issues"]
    assert [(i["code"], i["row"], i["new"]) for i in issues] == [
        ("unit-dimension-mismatch", 3, True),
        ("cell-whitespace", 3, False),
    ]
    annotations = run_cli(
        "validate", "--changed-since", "HEAD~1", "--format", "github", cwd=tmp_path
    ).stdout.splitlines()
    assert [a.split(" ", 1)[0] for a in annotations] == ["::error", "::notice"]
    assert "line=3,title=unit-dimension-mismatch [unit]" in annotations[0]

    set_cell(package, "metrics", "m-002-0015", "unit", "cny-100m")  # fixed in the working tree
    clean = run_cli("validate", "--changed-since", "HEAD~1", cwd=tmp_path)
    assert clean.returncode == 0  # what was already there does not fail the change
    assert "(already there before)" in clean.stdout
    assert run_cli("validate", cwd=tmp_path).returncode == 1  # without the ref, it still counts


def test_an_unknown_ref_is_a_clear_error(tmp_path: Path) -> None:
    make_small(tmp_path / "datapackages" / NAME)
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "first")
    result = run_cli("validate", "--changed-since", "no-such-ref", cwd=tmp_path)
    assert result.returncode == 2  # a usage error: the clone has no such ref (a shallow clone, a typo)
    assert "[git-ref]" in result.stderr and "fetch-depth: 0" in result.stderr and "Traceback" not in result.stderr
