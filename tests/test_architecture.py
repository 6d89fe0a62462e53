"""The package's shape: no import cycle between its modules (imports inside functions included), and the
rooms depend downwards only (the validation never reaches into publishing, the library never into the CLI)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "pledgekit"


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolve(importer: str, is_package: bool, node: ast.ImportFrom, known: set[str]) -> set[str]:
    base = importer.split(".") if is_package else importer.split(".")[:-1]
    if node.level:
        base = base[: len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    found = set()
    for alias in node.names:
        candidate = f"{target}.{alias.name}"
        found.add(candidate if candidate in known else target)
    return {name for name in found if name.startswith("pledgekit")}


def graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    known = {_module(p) for p in paths}
    edges: dict[str, set[str]] = {}
    for path in paths:
        importer = _module(path)
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                deps |= _resolve(importer, path.name == "__init__.py", node, known)
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name.startswith("pledgekit")}
        edges[importer] = {d for d in deps if d in known and d != importer}
    return edges


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph (without the package ``__init__`` modules, which only re-export), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt == "pledgekit":
                continue
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and node != "pledgekit" and (found := visit(node)):
            return found
    return None


def test_no_import_cycles() -> None:
    assert _cycle(graph()) is None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


@pytest.mark.parametrize(
    ("room", "never"),
    [
        ("pledgekit.checks", ("pledgekit.publish", "pledgekit.cli", "pledgekit.render", "pledgekit.pipeline")),
        ("pledgekit.tableschema", ("pledgekit.checks", "pledgekit.publish", "pledgekit.cli", "pledgekit.pipeline")),
        ("pledgekit.io", ("pledgekit.checks", "pledgekit.publish", "pledgekit.cli", "pledgekit.pipeline")),
        ("pledgekit.pipeline", ("pledgekit.publish", "pledgekit.cli", "pledgekit.render")),
        ("pledgekit.render", ("pledgekit.cli", "pledgekit.publish")),
    ],
)
def test_rooms_depend_downwards(room: str, never: tuple[str, ...]) -> None:
    for module, deps in graph().items():
        if module == room or module.startswith(room + "."):
            wrong = sorted(d for d in deps if d.startswith(never))
            assert not wrong, f"{module} imports {wrong}"


def test_the_graph_sees_imports_of_every_form() -> None:
    edges = graph()
    assert "pledgekit.checks.structure" in edges["pledgekit.pipeline"]  # from .checks.structure import …
    assert "pledgekit.checks.consistency" in edges["pledgekit.pipeline"]  # from .checks import consistency
    assert "pledgekit.publish.catalog" in edges["pledgekit.publish.write"]  # from .catalog import rebuild


# Modules a `validate` run never needs: other commands' libraries (publishing, import, portals, the frictionless
# reader of types the engine reads itself), other output formats' (text's rich, junit's XML) and --changed-since's
# git snapshot. Each is imported where it is used; one at the top of a module on validate's path costs every run.
NOT_FOR_VALIDATE = (
    "frictionless", "pandera", "pydantic", "jinja2", "openpyxl", "opencc", "pandas", "numpy", "pyarrow",
    "requests", "ckanapi", "rich", "tarfile", "xml.etree.ElementTree", "pledgekit.baseline", "pledgekit.publish.diff",
    "jsonschema", "referencing", "attrs",  # the descriptor is checked by jsonschema-rs, imported in milliseconds
)  # fmt: skip


@pytest.mark.parametrize("output", [["--format", "json", "-o", "r.json"], ["-o", "r.txt"], []])
def test_validate_imports_only_what_its_run_needs(tmp_path: Path, output: list[str]) -> None:
    """JSON to a file, text to a file, text to a pipe (rich only colours a terminal)."""
    from fixtures import tiny_package

    package = tiny_package(tmp_path / "example-pledges")
    argv = ["pledgekit", "validate", str(package), *output]
    script = (
        "import sys\n"
        "from pledgekit.cli import main\n"
        f"sys.argv = {argv!r}\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    code = exit.code\n"
        "open('modules.txt', 'w').write(f'{code}\\n' + ' '.join(sorted(sys.modules)))\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True, timeout=120
    )
    code, modules = (tmp_path / "modules.txt").read_text().splitlines()
    assert code == "0", ran.stdout + ran.stderr
    assert ("valid: 1 package(s)" in ran.stdout) is (output == [])
    loaded = set(modules.split())
    assert "polars" in loaded and "jsonschema_rs" in loaded  # the run did read and check the package
    assert sorted(m for m in NOT_FOR_VALIDATE if m in loaded) == []


def test_every_lazy_query_runs_on_the_in_memory_engine() -> None:
    """A ``collect()`` left to polars' "auto" engine may run on the streaming engine: its buffers and threads
    cost 20-100 MB of resident memory and time on small batches (measured). The eager operations run in
    memory; a chained query is collected the same way."""
    loose = []
    for path in sorted((ROOT / "src" / "pledgekit").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in ("collect", "collect_all") or ast.unparse(node.func.value) == "gc":
                continue
            engine = [k for k in node.keywords if k.arg == "engine"]
            if not engine or ast.unparse(engine[0].value) != "'in-memory'":
                loose.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert loose == ["src/pledgekit/models.py:127"]  # pandera's frame: not a query of the checks
