"""``validate --changed-since REF``: judge a change by what it changed.

The whole package is validated (cross-file rules need all of it), and so is the package as it was at
the git ref (extracted with ``git archive``). An issue is *new* unless the same code was reported for
the same resource, row (by primary key) and field at the ref; issues on rows that the change added or
edited (the same row diff as ``pledgekit diff``) come first. Only new errors fail the run.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import replace
from pathlib import Path

from .errors import LoadError, UsageError
from .io.package import discover, display_path
from .issues import Issue
from .publish import diff, snapshot
from .report import Report
from .validation import validate_paths

Key = tuple[str, str | None, str | None, str | None, str | None]


def _git(cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise LoadError("git-unavailable", f"git cannot run: {exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError("git-ref", message[-1] if message else "git failed", path=" ".join(args))
    return done.stdout


def _row_key(report: Report, issue: Issue) -> str | None:
    loc = issue.location
    row = report.excerpts.get((loc.path or "", loc.row or 0))
    return row.get("id") if row else None


def _keys(report: Report, prefix: str) -> set[Key]:
    return {_key(report, issue, prefix) for issue in report.issues}


def _key(report: Report, issue: Issue, prefix: str) -> Key:
    loc = issue.location
    path = (loc.path or "").removeprefix(prefix)
    row = _row_key(report, issue)
    return (issue.code, path, row, loc.field, None if row else issue.value)


def _changed_rows(old: Path, new: Path, cwd: Path) -> set[tuple[str, str]]:
    change = diff.compare(snapshot.read(old, cwd), snapshot.read(new, cwd))
    return {(row.resource, row.key) for row in change.rows if row.kind != "removed"}


def compare(report: Report, targets: list[Path], ref: str, *, cwd: Path, standard: Path | None) -> Report:
    """Mark every issue of ``report`` as new or existing since ``ref``; issues on changed rows first."""
    top = Path(_git(cwd, "rev-parse", "--show-toplevel").decode().strip())
    _git(cwd, "rev-parse", "--verify", f"{ref}^{{commit}}")
    with tempfile.TemporaryDirectory(prefix="pledgekit-ref-") as scratch:
        old_root = Path(scratch)
        folders = [folder for target in targets for folder in discover(target)]
        existing: set[Key] = set()
        changed: set[tuple[str, str, str]] = set()
        for folder in folders:
            relative = folder.resolve().relative_to(top).as_posix()
            try:
                archive = _git(top, "archive", "--format=tar", ref, "--", relative)
            except UsageError:
                continue  # the package did not exist at the ref (the ref itself was verified above): all new
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(old_root, filter="data")
            old_folder = old_root / relative
            old_report = validate_paths([old_folder], cwd=old_root, standard_root=standard)
            new_prefix = f"{display_path(folder, cwd)}/"
            existing |= _keys(old_report, f"{relative}/")
            for resource, key in _changed_rows(old_folder, folder, cwd):
                changed.add((new_prefix, resource, key))
            report.issues = [_mark(report, i, existing, changed, new_prefix) for i in report.issues]
    return report


def _mark(report: Report, issue: Issue, existing: set[Key], changed: set[tuple[str, str, str]], prefix: str) -> Issue:
    if issue.new is not None or not (issue.location.path or "").startswith(prefix):
        return issue
    key = _key(report, issue, prefix)
    row = _row_key(report, issue)
    on_changed_row = row is not None and (prefix, issue.location.resource or "", row) in changed
    return replace(issue, new=key not in existing, changed_row=on_changed_row)
