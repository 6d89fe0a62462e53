"""A progress bar appears on a terminal, never in a pipe, in CI, or with machine output."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def _run_in_terminal(*args: str, env: dict[str, str]) -> str:
    """Run pledgekit with stderr on a pseudo-terminal; return what the terminal showed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "pledgekit", *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=follower,
        env={**{k: v for k, v in os.environ.items() if k != "CI"}, **env, "COLUMNS": "100"},
    )  # fmt: skip
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_on_a_terminal() -> None:
    shown = _run_in_terminal("validate", env={})
    assert "beijing-district-pledges:" in shown


def test_no_progress_in_ci_or_for_machine_output() -> None:
    assert "beijing-district-pledges:" not in _run_in_terminal("validate", env={"CI": "true"})
    assert "beijing-district-pledges:" not in _run_in_terminal("validate", "--format", "json", env={})


def test_no_progress_in_a_pipe(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "CI"}
    command = [sys.executable, "-m", "pledgekit", "validate"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, env=environment)
    assert result.stderr == ""
