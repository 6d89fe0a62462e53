"""Descriptor paths either resolve inside the package or are refused (threat model A1-A8)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pledgekit.errors import PolicyError
from pledgekit.io.paths import resolve


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "pkg" / "data").mkdir(parents=True)
    (tmp_path / "pkg" / "data" / "x.csv").write_text("a\n", encoding="utf-8")
    (tmp_path / "secret.csv").write_text("s\n", encoding="utf-8")
    return tmp_path / "pkg"


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/etc/passwd", "path-absolute"),
        ("C:/x.csv", "path-absolute"),
        ("\\\\srv\\x", "path-absolute"),
        ("../x.csv", "path-traversal"),
        ("data/../../x.csv", "path-traversal"),
        ("data/..\\x.csv", "path-traversal"),
        ("data/%2e%2e/x.csv", "path-traversal"),
        (".hidden/x.csv", "path-invalid"),
        ("data/.git/config", "path-invalid"),
        ("data/x\x00.csv", "path-invalid"),
        ("data/x\x07.csv", "path-invalid"),
        ("data/a:b.csv", "path-invalid"),
        ("data/%HOME%.csv", "path-invalid"),
        ("data\\x.csv", "path-invalid"),
        ("data/~x.csv", "path-invalid"),
        ("data/$HOME.csv", "path-invalid"),
        ("数据/x.csv", "path-invalid"),
        ("http://127.0.0.1/x.csv", "path-remote"),
        ("file:///etc/passwd", "path-remote"),
        ("s3://bucket/x.csv", "path-remote"),
        ("//host/x.csv", "path-remote"),
        (42, "path-invalid"),
    ],
)
def test_unsafe_paths_are_refused(root: Path, path: object, code: str) -> None:
    with pytest.raises(PolicyError) as caught:
        resolve(root, path, origin="datapackage.json")
    assert caught.value.code == code
    assert caught.value.exit_code == 3


def test_a_safe_path_resolves_inside(root: Path) -> None:
    assert resolve(root, "data/x.csv", origin="d") == root / "data" / "x.csv"


def test_symlinks_are_refused_whatever_they_point_to(root: Path) -> None:
    (root / "data" / "out.csv").symlink_to(root.parent / "secret.csv")
    (root / "data" / "in.csv").symlink_to(root / "data" / "x.csv")
    (root / "data" / "dangling.csv").symlink_to(root / "nowhere.csv")
    (root / "linked").symlink_to(root / "data", target_is_directory=True)
    for path in ("data/out.csv", "data/in.csv", "data/dangling.csv", "linked/x.csv"):
        with pytest.raises(PolicyError) as caught:
            resolve(root, path, origin="d")
        assert caught.value.code == "path-symlink", path


def test_fifos_and_hard_links_are_refused(root: Path) -> None:
    os.mkfifo(root / "data" / "pipe.csv")
    os.link(root / "data" / "x.csv", root / "data" / "hard.csv")
    with pytest.raises(PolicyError, match="regular file"):
        resolve(root, "data/pipe.csv", origin="d")
    with pytest.raises(PolicyError, match="hard link"):
        resolve(root, "data/hard.csv", origin="d")


SEGMENTS = st.sampled_from(["..", ".", "", "a", "data", "x.csv", "%2e%2e", "\\", "C:", "~", "$HOME", "\x00", "/"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=30), st.lists(SEGMENTS, max_size=6).map("/".join)))
def test_prop_a_resolved_path_never_escapes_the_root(tmp_path_factory: pytest.TempPathFactory, path: str) -> None:
    root = tmp_path_factory.getbasetemp() / "prop-root"
    (root / "data").mkdir(parents=True, exist_ok=True)
    try:
        resolved = resolve(root, path, origin="d")
    except PolicyError:
        return
    real_root = os.path.realpath(root)
    assert os.path.commonpath([real_root, os.path.realpath(resolved)]) == real_root


def _outside_and_package(tmp_path: Path) -> tuple[Path, Path]:
    from conftest import fixture_package

    outside = tmp_path / "outside"
    outside.mkdir()
    return outside, fixture_package(tmp_path / "work" / "pkg")


def test_standard_sync_never_writes_through_a_symlinked_folder(tmp_path: Path) -> None:
    from conftest import run_cli

    outside, package = _outside_and_package(tmp_path)
    shutil.rmtree(package / "schemas")
    (package / "schemas").symlink_to(outside, target_is_directory=True)
    result = run_cli("standard", "sync", "pkg", cwd=package.parent)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "[path-symlink]" in result.stderr
    assert list(outside.iterdir()) == []


def test_fix_refuses_a_symlink_and_leaves_it_a_link(tmp_path: Path) -> None:
    from conftest import run_cli

    outside, package = _outside_and_package(tmp_path)
    target = outside / "metrics.csv"
    target.write_bytes(
        (package / "data/metrics.csv")
        .read_bytes()
        .replace(b"2024", b"\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x94", 1)
    )
    before = target.read_bytes()
    link = package / "data/link.csv"
    link.symlink_to(target)
    result = run_cli("fix", "pkg/data/link.csv", cwd=package.parent)
    assert result.returncode == 3 and "[path-symlink]" in result.stderr
    assert link.is_symlink() and target.read_bytes() == before


def test_a_descriptor_that_is_a_symlink_is_not_read(tmp_path: Path) -> None:
    from conftest import run_cli

    outside, package = _outside_and_package(tmp_path)
    (outside / "datapackage.json").write_bytes((package / "datapackage.json").read_bytes())
    (package / "datapackage.json").unlink()
    (package / "datapackage.json").symlink_to(outside / "datapackage.json")
    result = run_cli("validate", "pkg", cwd=package.parent)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "[path-symlink]" in result.stdout + result.stderr
