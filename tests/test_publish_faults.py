"""Atomicity under crashes, concurrency and I/O failures (threat model G1-G5), and hostile zips (G8)."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import stat
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_cli
from corpus import make_small, set_cell
from pledgekit.cli import app
from pledgekit.errors import PolicyError
from pledgekit.publish import archive, write

NAME = "beijing-district-pledges"
EPOCH = {"SOURCE_DATE_EPOCH": "1764000000"}


@pytest.fixture
def work(tmp_path: Path) -> Path:
    make_small(tmp_path / "datapackages" / NAME)
    return tmp_path


def _tree(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".publish.lock"
    }


DRIVER = Path(__file__).with_name("hooked_publish.py")


def _hooked(work: Path, action: str, step: str) -> list[str]:
    """A publish of ``work`` in a process of its own whose write step calls a hook that ``action``s at ``step``."""
    return [sys.executable, str(DRIVER), str(work), action, step]


def _crash(work: Path, step: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **EPOCH}
    return subprocess.run(_hooked(work, "kill", step), cwd=work, capture_output=True, text=True, env=environment,
                          timeout=300, check=False)  # fmt: skip


@pytest.mark.parametrize("step", ["mid-files", "before-rename"])
def test_a_crash_before_the_rename_leaves_no_release(work: Path, step: str) -> None:
    assert run_cli("publish", cwd=work, env=EPOCH).returncode == 0
    set_cell(work / "datapackages" / NAME, "metrics", "m-002-0001", "note", "x")
    before = _tree(work / "dist")
    result = _crash(work, step)
    assert result.returncode == -9
    assert not (work / "dist" / NAME / "1.0.1").exists()
    leftovers = [p.name for p in (work / "dist").iterdir() if p.name.startswith(".staging-")]
    assert len(leftovers) == 1
    assert {k: v for k, v in _tree(work / "dist").items() if not k.startswith(".staging-")} == before
    assert run_cli("verify", "dist", cwd=work).returncode == 0  # readers ignore the staging folder
    assert run_cli("publish", cwd=work, env=EPOCH).returncode == 0  # the next run cleans up and publishes
    assert not [p for p in (work / "dist").iterdir() if p.name.startswith(".staging-")]
    assert run_cli("verify", "dist", cwd=work).returncode == 0


def test_a_crash_after_the_rename_is_healed_by_a_catalog_rebuild(work: Path) -> None:
    result = _crash(work, "before-catalog")
    assert result.returncode == -9
    assert (work / "dist" / NAME / "1.0.0" / "SHA256SUMS").is_file()
    assert not (work / "dist" / "catalog.json").exists()
    assert run_cli("verify", f"dist/{NAME}/1.0.0", cwd=work).returncode == 0  # the release itself is complete
    rebuilt = run_cli("catalog", "rebuild", "dist", cwd=work)
    assert rebuilt.returncode == 0
    assert run_cli("verify", "dist", cwd=work).returncode == 0
    catalog = json.loads((work / "dist/catalog.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in catalog["packages"][0]["versions"]] == ["1.0.0"]


def test_publishing_again_after_that_crash_repairs_the_index(work: Path) -> None:
    """The crash left a complete release outside catalog.json (verify exits 5); the next publish, with
    nothing new to publish, rolls the folder forward instead of saying only "already published"."""
    assert _crash(work, "before-catalog").returncode == -9
    assert run_cli("verify", "dist", cwd=work).returncode != 0
    again = run_cli("publish", cwd=work, env=EPOCH)
    assert again.returncode == 0, again.stderr
    assert "index rebuilt" in again.stderr and "already published" in again.stdout
    assert run_cli("verify", "dist", cwd=work).returncode == 0
    assert "index rebuilt" not in run_cli("publish", cwd=work, env=EPOCH).stderr  # only when needed


def test_an_unindexed_release_is_reported_by_verify(work: Path) -> None:
    assert run_cli("publish", cwd=work, env=EPOCH).returncode == 0
    (work / "dist/catalog.json").write_text('{"packages": []}', encoding="utf-8")
    result = run_cli("verify", "dist", cwd=work)
    assert result.returncode == 5
    assert "not in catalog.json" in result.stdout


def test_two_concurrent_publishes_one_wins_the_other_exits_3(work: Path) -> None:
    """The first publish stops at its rename, holding the lock, until the test has run the second one."""
    environment = {**os.environ, **EPOCH}
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    first = subprocess.Popen(_hooked(work, "wait", "before-rename"), cwd=work, env=environment, text=True, **pipes)
    assert first.stdout is not None and first.stdin is not None
    assert first.stdout.readline().strip() == "before-rename"  # the first holds the lock, its release staged
    second = run_cli("publish", cwd=work, env=EPOCH)
    first.stdin.write("go\n")
    first.stdin.flush()
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, out + err
    assert second.returncode == 3
    assert "[lock-held]" in second.stderr
    catalog = json.loads((work / "dist/catalog.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in catalog["packages"][0]["versions"]] == ["1.0.0"]


@pytest.mark.parametrize("failing_call", [1, 5, 20])
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_io_failure_while_writing_exits_4_and_changes_nothing(
    work: Path, monkeypatch: pytest.MonkeyPatch, failing_call: int, code: int
) -> None:
    monkeypatch.chdir(work)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
    runner = CliRunner()
    assert runner.invoke(app, ["publish"]).exit_code == 0
    set_cell(work / "datapackages" / NAME, "metrics", "m-002-0001", "note", "x")
    before = _tree(work / "dist")
    calls = {"n": 0}
    real = write.create

    def failing(path: Path, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] == failing_call:
            raise OSError(code, os.strerror(code), str(path))
        real(path, data)

    monkeypatch.setattr(write, "create", failing)
    result = runner.invoke(app, ["publish"])
    assert result.exit_code == 4, result.output
    assert "[io-error]" in result.output
    assert _tree(work / "dist") == before
    assert not list((work / "dist").glob(".staging-*"))


def test_io_failure_in_the_catalog_keeps_the_previous_catalog(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(work)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
    runner = CliRunner()
    assert runner.invoke(app, ["publish"]).exit_code == 0
    catalog = (work / "dist/catalog.json").read_bytes()
    set_cell(work / "datapackages" / NAME, "metrics", "m-002-0001", "note", "x")

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr("pledgekit.io.atomic.replace", full)
    result = runner.invoke(app, ["publish"])
    assert result.exit_code == 4
    assert (work / "dist/catalog.json").read_bytes() == catalog
    assert (work / "dist" / NAME / "1.0.1" / "SHA256SUMS").is_file()  # the release itself is complete


def test_a_flipped_byte_in_the_zip_is_caught(work: Path) -> None:
    assert run_cli("publish", cwd=work, env=EPOCH).returncode == 0
    zipped = work / "dist" / NAME / "1.0.0" / f"{NAME}-1.0.0.zip"
    data = bytearray(zipped.read_bytes())
    data[len(data) // 3] ^= 0xFF
    zipped.write_bytes(bytes(data))
    for target in (str(zipped), f"dist/{NAME}/1.0.0", "dist"):
        result = run_cli("verify", target, cwd=work)
        assert result.returncode == 5, target
        assert f"{NAME}-1.0.0.zip" in result.stdout + result.stderr


def _zip(entries: list[tuple[str, bytes, int]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as handle:
        for name, data, mode in entries:
            info = zipfile.ZipInfo(name)
            info.external_attr = mode << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            handle.writestr(info, data)
    return buffer.getvalue()


REGULAR = stat.S_IFREG | 0o644


@pytest.mark.parametrize(
    ("entries", "code"),
    [
        ([("../evil.txt", b"x", REGULAR)], "zip-unsafe-path"),
        ([("/abs.txt", b"x", REGULAR)], "zip-unsafe-path"),
        ([("a\\b.txt", b"x", REGULAR)], "zip-unsafe-path"),
        ([("r/a.txt", b"x", REGULAR), ("r/a.txt", b"y", REGULAR)], "zip-duplicate"),
        ([("r/link", b"/etc/passwd", stat.S_IFLNK | 0o777)], "zip-symlink"),
        ([("r/bomb.txt", b"0" * 5_000_000, REGULAR)], "zip-bomb"),
    ],
)
def test_hostile_zips_are_refused(entries: list[tuple[str, bytes, int]], code: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name it is asked to write
        data = _zip(entries)
    with pytest.raises(PolicyError) as caught:
        archive.read(data, origin="x.zip")
    assert caught.value.code == code


def test_written_bytes_that_differ_from_the_validated_ones_exit_5(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(work)
    real = write.create

    def corrupting(path: Path, data: bytes) -> None:
        real(path, data.replace(b"5.2", b"5.3") if path.name == "metrics.csv" else data)

    monkeypatch.setattr(write, "create", corrupting)
    result = CliRunner().invoke(app, ["publish"])
    assert result.exit_code == 5
    assert "[copy-mismatch]" in result.output
    assert not (work / "dist" / NAME / "1.0.0").exists()
    assert not list((work / "dist").glob(".staging-*"))


def test_files_changed_during_validation_exit_5(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pledgekit.publish import release

    monkeypatch.chdir(work)
    real = release.validate_paths

    def validate_then_edit(*args: object, **kwargs: object) -> object:
        report = real(*args, **kwargs)  # type: ignore[arg-type]
        set_cell(work / "datapackages" / NAME, "metrics", "m-002-0001", "note", "edited meanwhile")
        return report

    monkeypatch.setattr(release, "validate_paths", validate_then_edit)
    result = CliRunner().invoke(app, ["publish"])
    assert result.exit_code == 5
    assert "[changed-during-validation]" in result.output
    assert not (work / "dist").exists()


def test_any_damaged_byte_of_a_zip_is_refused_or_read_never_a_crash() -> None:
    """Every byte of a small release zip flipped in turn: reading it gives the entries (a byte the zip
    does not check, such as a timestamp) or a refusal with a code (zip-corrupt …), never another error."""
    from pledgekit.errors import PledgekitError

    files = {"data/a.csv": b"id,value\n" + b"".join(b"%d,%d.5\n" % (n, n * 7) for n in range(200)), "README.md": b"x"}
    original = archive.build(files, "pkg-1.0.0")
    outcomes = set()
    for position in range(len(original)):
        damaged = bytearray(original)
        damaged[position] ^= 0xFF
        try:
            archive.read(bytes(damaged), origin="pkg.zip")
            outcomes.add("read")
        except PledgekitError as refusal:
            outcomes.add(str(refusal.code))
    assert "zip-corrupt" in outcomes


def test_the_next_publish_repairs_what_a_full_disk_in_the_catalog_left(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk during the index update leaves the new release complete but unindexed (verify exits 5);
    the next publish, with nothing new to publish, indexes it."""
    from pledgekit.io import atomic

    assert run_cli("publish", cwd=work, env=EPOCH).returncode == 0
    set_cell(work / "datapackages" / NAME, "metrics", "m-002-0001", "note", "x")

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    with monkeypatch.context() as patched:
        patched.setattr(atomic, "replace", full)
        assert run_cli("publish", cwd=work, env=EPOCH).returncode == 4
    assert run_cli("verify", "dist", cwd=work).returncode == 5
    again = run_cli("publish", cwd=work, env=EPOCH)
    assert again.returncode == 0 and "index rebuilt" in again.stderr
    assert run_cli("verify", "dist", cwd=work).returncode == 0
    catalog = json.loads((work / "dist/catalog.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in catalog["packages"][0]["versions"]] == ["1.0.1", "1.0.0"]


def test_a_failed_write_names_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write that fails after the file was opened (disk full at fsync) raises an OSError without a file
    name; every message then said 'error: : …'. The writer names the file."""
    from pledgekit.io import atomic

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OSError) as caught:
        atomic.create(tmp_path / "x.csv", b"id\n")
    assert caught.value.filename == str(tmp_path / "x.csv")


@pytest.mark.parametrize("limit", [20_000, 100_000])
def test_publishing_under_a_file_size_limit_exits_4_without_a_traceback(work: Path, limit: int) -> None:
    """Under `ulimit -f` openpyxl fails while writing its temporary sheets: the message once named an empty
    path and Python printed "Exception ignored" with a traceback. Now: io-error naming where, exit 4, nothing
    written."""
    import resource
    import signal

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    environment = {**os.environ, **EPOCH}
    result = subprocess.run([sys.executable, "-m", "pledgekit", "publish"], cwd=work, env=environment,
                            capture_output=True, text=True, timeout=300, check=False, preexec_fn=limited)  # fmt: skip
    assert result.returncode == 4, result.stderr
    assert "[io-error]" in result.stderr and "File too large" in result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert "error: :" not in result.stderr
    assert not list((work / "dist").glob(f"{NAME}/*"))


@pytest.mark.parametrize(("cap", "value", "code"), [("MAX_ENTRIES", 3, "zip-too-many-entries"),
                                                    ("MAX_TOTAL_BYTES", 1_000, "zip-too-large")])  # fmt: skip
def test_a_zip_over_its_caps_is_refused_from_its_directory(
    monkeypatch: pytest.MonkeyPatch, cap: str, value: int, code: str
) -> None:
    """More entries, or more declared bytes, than the caps (scaled down here): refused before any entry is
    read."""
    files = {f"data/{n}.csv": b"id\n" + b"1\n" * 300 for n in range(4)}
    data = archive.build(files, "pkg-1.0.0")
    monkeypatch.setattr(archive, cap, value)
    with pytest.raises(PolicyError) as caught:
        archive.read(data, origin="x.zip")
    assert caught.value.code == code and caught.value.exit_code == 3


@pytest.mark.parametrize("kept", [0.5, 0.99])
def test_an_interrupted_download_of_a_zip_exits_5_naming_it(work: Path, kept: float) -> None:
    assert run_cli("publish", cwd=work, env=EPOCH).returncode == 0
    data = (work / "dist" / NAME / "1.0.0" / f"{NAME}-1.0.0.zip").read_bytes()
    (work / "download.zip").write_bytes(data[: int(len(data) * kept)])
    result = run_cli("verify", "download.zip", cwd=work)
    assert result.returncode == 5
    assert "download.zip" in result.stderr and "[zip-corrupt]" in result.stderr
