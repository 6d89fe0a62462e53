"""The configuration of a data repository: the standard is found from pledgekit.toml or [tool.pledgekit] in
pyproject.toml, upward from the working directory; --standard wins; a bad file stops with exit 2; and
`standard sync` says which standard it copies and warns when an edited schemas/ would be ignored."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import run_cli
from fixtures import STANDARD, tiny_package
from pledgekit.standard import copies

UNIT = "qing,顷,qing (100 mu),area,m2,66666.66666666667\n"


def _repository(tmp_path: Path, config: tuple[str, str] | None) -> Path:
    """A data repository: its own edited standard in std/ (one more unit), a package synced from it, and
    the configuration file ``config`` (name, text)."""
    standard = tmp_path / "std"
    shutil.copytree(STANDARD, standard)
    with (standard / "codelists/units.csv").open("a", encoding="utf-8") as handle:
        handle.write(UNIT)
    package = tiny_package(tmp_path / "datapackages" / "pkg")
    copies.sync(standard, package)
    if config is not None:
        (tmp_path / config[0]).write_text(config[1], encoding="utf-8")
    return tmp_path


def _codes(result_stdout: str) -> list[str]:
    return [issue["code"] for issue in json.loads(result_stdout)["issues"]]


CONFIGS = [
    ("pledgekit.toml", 'standard = "std"\n'),
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.pledgekit]\nstandard = "std"\n'),
]


@pytest.mark.parametrize("config", CONFIGS, ids=[c[0] for c in CONFIGS])
def test_the_standard_is_found_from_the_configuration(tmp_path: Path, config: tuple[str, str]) -> None:
    repository = _repository(tmp_path, config)
    result = run_cli("validate", "--format", "json", cwd=repository)
    assert (result.returncode, _codes(result.stdout)) == (0, [])
    below = run_cli("validate", "--format", "json", "../datapackages", cwd=repository / "std")  # found upward
    assert (below.returncode, _codes(below.stdout)) == (0, [])


def test_without_configuration_the_installed_standard_is_used(tmp_path: Path) -> None:
    repository = _repository(tmp_path, None)
    result = run_cli("validate", "--format", "json", cwd=repository)
    assert result.returncode == 1
    assert _codes(result.stdout) == ["standard-drift"]


def test_the_standard_option_wins_over_the_configuration(tmp_path: Path) -> None:
    repository = _repository(tmp_path, CONFIGS[0])
    result = run_cli("validate", "--format", "json", "--standard", str(STANDARD), cwd=repository)
    assert _codes(result.stdout) == ["standard-drift"]


def test_a_pyproject_without_a_pledgekit_table_is_no_configuration(tmp_path: Path) -> None:
    repository = _repository(tmp_path, ("pyproject.toml", '[project]\nname = "x"\n'))
    assert _codes(run_cli("validate", "--format", "json", cwd=repository).stdout) == ["standard-drift"]


@pytest.mark.parametrize(
    ("name", "text", "named"),
    [
        ("pledgekit.toml", 'standard = "std"\nstandrd = "x"\n', "unknown key standrd"),
        ("pledgekit.toml", "standard = 3\n", "standard must be a folder path"),
        ("pledgekit.toml", 'standard = "nowhere"\n', "standard = 'nowhere'"),
        ("pledgekit.toml", 'standard = "std\n', "not valid TOML"),
        ("pyproject.toml", '[tool.pledgekit]\nstandard = ["std"]\n', "tool.pledgekit.standard must be"),
        ("pyproject.toml", "[tool]\npledgekit = 1\n", "tool.pledgekit is not a table"),
    ],
)
def test_a_bad_configuration_is_a_usage_error_naming_file_and_key(
    tmp_path: Path, name: str, text: str, named: str
) -> None:
    repository = _repository(tmp_path, (name, text))
    for command in (["validate"], ["standard", "sync"], ["track"]):
        result = run_cli(*command, cwd=repository)
        assert result.returncode == 2, command
        assert result.stderr.startswith(f"error: {repository / name}: ")
        assert named in result.stderr and "[config-invalid]" in result.stderr
        assert "Traceback" not in result.stderr


def test_sync_says_where_the_standard_comes_from(tmp_path: Path) -> None:
    repository = _repository(tmp_path, CONFIGS[0])
    (repository / "std/codelists/units.csv").write_bytes((STANDARD / "codelists/units.csv").read_bytes())
    result = run_cli("standard", "sync", cwd=repository)
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["datapackages/pkg/codelists/units.csv: written"]
    assert result.stderr.splitlines()[0].endswith(f"from std ({repository / 'pledgekit.toml'})")


def test_sync_from_the_installed_standard_warns_of_an_edited_checkout(tmp_path: Path) -> None:
    """The trap: schemas/ edited in the checkout, no configuration: sync copies the installed standard and
    says that the checkout's differs, naming the file."""
    repository = _repository(tmp_path, None)
    (repository / "std").rename(repository / "schemas")
    result = run_cli("standard", "sync", cwd=repository)
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["datapackages/pkg/codelists/units.csv: written"]
    warning = result.stderr.splitlines()[1]
    assert warning.startswith("warning: schemas differs from the installed standard in use")
    assert "codelists/units.csv" in warning and "--standard schemas" in warning
    quiet = run_cli("standard", "sync", "--standard", "schemas", cwd=repository)
    assert quiet.stdout.splitlines() == ["datapackages/pkg/codelists/units.csv: written"]
    assert "warning" not in quiet.stderr


def test_validate_with_the_installed_standard_warns_of_an_edited_checkout(tmp_path: Path) -> None:
    """The same trap on validate: the checkout's edited schemas/ is not the standard in use, so the
    package's copies drift; stderr says why, the report (stdout) stays the report."""
    repository = _repository(tmp_path, None)
    (repository / "std").rename(repository / "schemas")
    result = run_cli("validate", "--format", "json", cwd=repository)
    assert (result.returncode, _codes(result.stdout)) == (1, ["standard-drift"])
    (warning,) = result.stderr.splitlines()
    assert warning.startswith("warning: schemas differs from the installed standard in use")
    assert "codelists/units.csv" in warning and "--standard schemas" in warning
    zh = run_cli("validate", "--lang", "zh", cwd=repository)
    assert zh.stderr.startswith("警告:schemas 与所用的已安装标准不同")
    for quiet in (("--standard", "schemas"), ()):
        if not quiet:
            (repository / "pledgekit.toml").write_text('standard = "schemas"\n', encoding="utf-8")
        chosen = run_cli("validate", *quiet, cwd=repository)
        assert (chosen.returncode, chosen.stderr) == (0, "")


def test_inside_a_package_folder_the_commands_take_it_and_its_copies_are_not_a_checkout_standard(
    tmp_path: Path,
) -> None:
    """A package's schemas/ (its generated copies) is not an edited standard: no warning there; and with no
    datapackages/ folder, the package in the working directory is the default target."""
    package = tiny_package(tmp_path / "pkg")
    result = run_cli("validate", "--format", "json", cwd=package)
    assert (result.returncode, json.loads(result.stdout)["packages"], result.stderr) == (0, ["example-pledges"], "")
    synced = run_cli("standard", "sync", "--check", cwd=package)
    assert synced.returncode == 0 and "warning" not in synced.stderr
    assert run_cli("publish", "--dry-run", cwd=package).returncode == 3  # dist/ would be inside the package
