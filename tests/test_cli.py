"""The command as a process: exit codes, where errors are reported, and the languages."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, edit_cell, run_cli, run_process
from pledgekit import __version__


def test_help_lists_every_command() -> None:
    result = run_process("--help", cwd=ROOT)  # a real process: the entry point and start-up
    assert result.returncode == 0
    for command in ("validate", "standard"):
        assert command in result.stdout


def test_version() -> None:
    result = run_cli("--version", cwd=ROOT)
    assert result.returncode == 0
    assert result.stdout.strip() == f"pledgekit {__version__}"


@pytest.mark.parametrize(
    ("resource", "row_id", "field", "value", "code"),
    [
        ("metrics", "m-002-0001", "district_code", "110199", "foreign-key"),
        ("metrics", "m-002-0001", "unit", "pct-points", "foreign-key"),
        ("metrics", "m-002-0001", "year", "20244", "constraint-error"),
        ("commitments", "c-000-0001", "target_year", "2025.0", "number-not-canonical"),
        ("commitments", "c-000-0001", "district_code", "11O107", "constraint-error"),
    ],
)
def test_a_broken_cell_exits_1_naming_file_row_and_field(
    small_package: Callable[[int], Path], resource: str, row_id: str, field: str, value: str, code: str
) -> None:
    package = small_package(5)
    line = edit_cell(package / "data" / f"{resource}.csv", row_id, field, value)
    result = run_cli("validate", cwd=package.parent.parent)
    assert result.returncode == 1
    expected = f"datapackages/beijing-district-pledges/data/{resource}.csv:{line} [{field}] error[{code}]"
    assert expected in result.stdout
    report = json.loads(run_cli("validate", "--format", "json", cwd=package.parent.parent).stdout)
    found = [(i["path"].rsplit("/", 1)[-1], i["row"], i["field"], i["code"]) for i in report["issues"]]
    assert found == [(f"{resource}.csv", line, field, code)]


def test_messages_in_chinese(small_package: Callable[[int], Path]) -> None:
    package = small_package(5)
    edit_cell(package / "data/metrics.csv", "m-002-0001", "unit", "percent")
    result = run_cli("validate", "--lang", "zh", cwd=package.parent.parent)
    assert result.returncode == 1
    assert "unit 的取值 'percent' 不在 units.code 中" in result.stdout
    assert "提示: 是否应为 'pct'?请使用 units.code 中已有的代码" in result.stdout
    last = result.stdout.rstrip().splitlines()[-1]
    assert last.startswith("未通过: 1 个数据包,") and last.endswith("1 个错误,0 个警告")


def test_validate_writes_nothing(small_package: Callable[[int], Path]) -> None:
    package = small_package(5)
    edit_cell(package / "data/metrics.csv", "m-002-0001", "year", "1800")
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in package.rglob("*") if p.is_file()}
    assert run_process("validate", cwd=package.parent.parent).returncode == 1  # a real process's exit code
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in package.rglob("*") if p.is_file()}
    assert after == before


def test_unreadable_descriptor_is_an_issue_not_a_traceback(small_package: Callable[[int], Path]) -> None:
    package = small_package(5)
    (package / "datapackage.json").write_text('{"name": "a", "name": "b"}', encoding="utf-8")
    result = run_cli("validate", cwd=package.parent.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "error[package-unreadable]" in result.stdout
    assert "duplicate key 'name'" in result.stdout


@pytest.mark.parametrize(
    ("key", "path", "code"),
    [
        ("path", "../outside.csv", "path-traversal"),
        ("path", "/etc/passwd", "path-absolute"),
        ("path", "https://example.org/x.csv", "path-remote"),
        ("path", "data\\metrics.csv", "path-invalid"),
        ("path", ".hidden/metrics.csv", "path-invalid"),
        ("schema", "file:///etc/passwd", "path-remote"),
    ],
)
def test_an_unsafe_resource_path_is_refused_with_exit_3(
    small_package: Callable[[int], Path], key: str, path: str, code: str
) -> None:
    package = small_package(5)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][5][key] = path
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    result = run_cli("validate", cwd=package.parent.parent)
    assert result.returncode == 3
    assert result.stdout == ""
    assert result.stderr.startswith("error: datapackages/beijing-district-pledges/datapackage.json: ")
    first, hint = result.stderr.rstrip().split("\n")
    assert first.endswith(f"[{code}]") and hint.startswith("  hint: ")


def test_a_symlinked_resource_is_refused_with_exit_3(small_package: Callable[[int], Path], tmp_path: Path) -> None:
    package = small_package(5)
    outside = tmp_path / "outside.csv"
    metrics = package / "data/metrics.csv"
    outside.write_bytes(metrics.read_bytes())
    metrics.unlink()
    metrics.symlink_to(outside)
    result = run_cli("validate", cwd=package.parent.parent)
    assert result.returncode == 3
    assert "[path-symlink]" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_target_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("validate", "no-such-folder", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        result.stderr.startswith("error: no-such-folder: ")
        and "no such package or folder [path-missing]" in result.stderr
    )


def test_standard_sync_check_and_write(small_package: Callable[[int], Path]) -> None:
    package = small_package(5)
    cwd = package.parent.parent
    assert run_cli("standard", "sync", "--check", cwd=cwd).returncode == 0
    (package / "codelists/districts.csv").write_text("code\n", encoding="utf-8")
    check = run_cli("standard", "sync", "--check", cwd=cwd)
    assert check.returncode == 1
    assert "beijing-district-pledges/codelists/districts.csv: stale copy of the standard" in check.stdout
    stale = run_cli("validate", "--format", "json", cwd=cwd)
    assert "standard-drift" in {i["code"] for i in json.loads(stale.stdout)["issues"]}
    assert run_cli("standard", "sync", cwd=cwd).returncode == 0
    assert run_cli("standard", "sync", "--check", cwd=cwd).returncode == 0
    assert run_cli("validate", cwd=cwd).returncode == 0


def test_batch_bytes_gives_the_same_report_as_whole_files(package_copy: Path) -> None:
    """The full bundled package, its data files read in batches of ~2 kB: the same issues, row for row."""
    metrics = package_copy / "data" / "metrics.csv"
    rows = metrics.read_text(encoding="utf-8").splitlines(keepends=True)
    first = rows[1].split(",", 1)[0]
    late = len(rows) - 3
    rows[late] = first + "," + rows[late].split(",", 1)[1]  # a duplicate id many batches after the first
    metrics.write_text("".join(rows), encoding="utf-8")
    edit_cell(package_copy / "data" / "commitments.csv", "c-000-0001", "target_year", "2025.0")
    reports = []
    for extra in ([], ["--batch-bytes", "2000"]):
        result = run_cli("validate", "--format", "json", "--max-per-code", "0", *extra, cwd=package_copy.parent.parent)
        assert result.returncode == 1
        report = json.loads(result.stdout)
        reports.append(sorted((i["code"], i["path"], i["row"], i["field"]) for i in report["issues"]))
    assert reports[1] == reports[0]
    assert ("primary-key", "datapackages/beijing-district-pledges/data/metrics.csv", late + 1, "id") in reports[1]


def test_validate_a_file_validates_the_package_that_holds_it(small_package: Callable[[int], Path]) -> None:
    package = small_package(5)
    line = edit_cell(package / "data/metrics.csv", "m-002-0001", "year", "20244")
    for cwd, target in ((package.parent.parent, "datapackages/beijing-district-pledges/data/metrics.csv"),
                        (package / "data", "metrics.csv")):  # fmt: skip
        result = run_cli("validate", target, cwd=cwd)
        assert result.returncode == 1, result.stderr
        assert f"metrics.csv:{line} [year]" in result.stdout


def test_a_file_outside_any_package_is_no_packages(tmp_path: Path) -> None:
    (tmp_path / "loose.csv").write_text("a\n1\n", encoding="utf-8")
    result = run_cli("validate", "loose.csv", cwd=tmp_path)
    assert result.returncode == 1 and "[no-packages]" in result.stderr


@pytest.mark.parametrize(
    "command",
    [[], ["validate"], ["fix"], ["import"], ["publish"], ["diff"], ["verify"], ["serve"], ["standard", "sync"]],
)
def test_help_shows_flags_without_a_placeholder(command: list[str]) -> None:
    """A flag takes no value: --help must not show it as `--strict <bool>`."""
    result = run_cli(*command, "--help", cwd=ROOT)
    assert result.returncode == 0
    shown = [line for line in result.stdout.splitlines() if "<bool>" in line]
    assert shown == []


PLAIN = [["publish", "--dry-run"], ["diff", "a", "b"], ["import", "x.xlsx", "--resource", "metrics", "--into", "."]]


@pytest.mark.parametrize("command", PLAIN)
def test_a_format_a_command_cannot_write_is_refused_up_front(command: list[str], tmp_path: Path) -> None:
    """publish, diff and import write text or json; asking them for html or junit is a usage error (exit 2)."""
    (tmp_path / "x.xlsx").write_bytes(b"")
    result = run_cli(*command, "--format", "html", cwd=tmp_path)
    said = " ".join(result.stderr.replace("│", " ").split())  # the error box wraps at the terminal's width
    assert result.returncode == 2
    assert "'html' is not one of 'text', 'json'" in said


NAMES = ["validate", "fix", "import", "publish", "diff", "verify", "serve", "track", "push", "init", "catalog",
         "standard", "source"]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_the_app_built_for_one_command_runs_it_as_the_whole_app_does(name: str) -> None:
    """``main`` builds only the command it runs; that command is the whole app's: the same help, parameter
    for parameter, and the same answer to a wrong option."""
    import typer.main
    from typer.testing import CliRunner

    from pledgekit.cli import app, for_arguments

    only = for_arguments([name, "--help"])
    assert list(typer.main.get_command(only).commands) == [name]  # type: ignore[attr-defined]
    for arguments in ([name, "--help"], [name, "--no-such-option"]):
        expected, got = (CliRunner().invoke(each, arguments, terminal_width=100) for each in (app, only))
        assert (got.exit_code, got.output) == (expected.exit_code, expected.output)
        assert expected.exit_code == (0 if arguments[1] == "--help" else 2)
        assert f"pledgekit {name}" in expected.output


def test_every_command_of_the_app_is_one_main_can_build_alone() -> None:
    import typer.main

    from pledgekit.cli import app

    assert sorted(typer.main.get_command(app).commands) == sorted(NAMES)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("arguments", "code", "says"), [
    (["validate", "--help"], 0, "--format"),
    (["source", "add", "--help"], 0, "Usage: python -m pledgekit source add"),
    (["valdiate"], 2, "No such command"),
    (["--version"], 0, "pledgekit "),
])  # fmt: skip
def test_main_in_a_real_process(arguments: list[str], code: int, says: str) -> None:
    result = run_process(*arguments, cwd=ROOT)
    assert result.returncode == code, result.stderr
    assert says in result.stdout + result.stderr


def test_main_freezes_what_the_run_made_before_the_interpreter_exits(
    small_package: Callable[[int], Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import gc
    import sys

    from pledgekit.cli import main

    package = small_package(3)
    monkeypatch.setattr(sys, "argv", ["pledgekit", "validate", str(package)])
    gc.unfreeze()
    try:
        with pytest.raises(SystemExit) as exited:
            main()
        assert exited.value.code == 0
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert "valid: 1 package(s)" in capsys.readouterr().out
