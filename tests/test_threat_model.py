"""docs/threat-model.md and the tests stay in sync: every case of the model has a row, every row names tests
that exist (or is one of the few documented decisions, with its reason), and every code it names exists."""

from __future__ import annotations

import ast
import re
from functools import cache

import pytest

from conftest import ROOT
from corpus import CASES, VALID_VARIANTS
from pledgekit.codes import Code, Refusal
from pledgekit.messages.refusals import REFUSALS

DOC = ROOT / "docs" / "threat-model.md"
# the cases of the team's threat and fault model (A-H) and of the red-team pass (I)
CASE_IDS = {f"{letter}{n}" for letter, count in {"A": 9, "B": 6, "C": 7, "D": 11, "E": 3, "F": 8, "G": 10, "H": 2,
                                                   "I": 33}.items() for n in range(1, count + 1)}  # fmt: skip
MAX_DECISIONS = 3  # rows with no behaviour to test: keep them few
FUNCTION = re.compile(r"`tests/(test_\w+\.py)::(test_\w+)`")
CORPUS = re.compile(r"`tests/corpus: ([a-z0-9-]+)`")
SLUG = re.compile(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`(?: \(exit (\d)\))?")


def _rows(text: str = "") -> dict[str, list[str]]:
    """Each table row of the document whose first cell is a case id: id -> [case, behaviour, tests]."""
    rows: dict[str, list[str]] = {}
    for line in (text or DOC.read_text(encoding="utf-8")).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if line.startswith("| ") and re.fullmatch(r"[A-I][0-9]+", cells[0]):
            assert cells[0] not in rows, f"{cells[0]} has two rows"
            assert len(cells) == 4, f"{cells[0]}: a row has four cells (id, case, behaviour, tests)"
            rows[cells[0]] = cells[1:]
    return rows


@cache
def _test_functions(module: str) -> frozenset[str]:
    path = ROOT / "tests" / module
    if not path.is_file():
        return frozenset()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return frozenset(node.name for node in tree.body if isinstance(node, ast.FunctionDef))


def _missing_tests(tests: str) -> list[str]:
    """The tests a cell names that do not exist, or ['no test'] when it names none and is not a decision."""
    named = FUNCTION.findall(tests)
    cases = CORPUS.findall(tests)
    if not named and not cases:
        return [] if re.fullmatch(r"decision: \S.{20,}", tests) else ["no test"]
    missing = [f"{m}::{f}" for m, f in named if f not in _test_functions(m)]
    return missing + [f"corpus: {c}" for c in cases if c not in CASES and c not in VALID_VARIANTS]


def test_every_case_has_one_row() -> None:
    assert set(_rows()) == CASE_IDS


@pytest.mark.parametrize("case", sorted(CASE_IDS))
def test_each_row_names_tests_that_exist(case: str) -> None:
    _, _, tests = _rows()[case]
    assert _missing_tests(tests) == []


def test_documented_decisions_are_few() -> None:
    decisions = [case for case, (_, _, tests) in _rows().items() if tests.startswith("decision:")]
    assert len(decisions) <= MAX_DECISIONS, decisions


def test_every_code_the_document_names_exists_with_its_exit() -> None:
    issue_codes = {str(c) for c in Code}
    for case, (_, behaviour, _) in _rows().items():
        for slug, exit_code in SLUG.findall(behaviour):
            if slug in issue_codes:
                assert exit_code in ("", "1"), f"{case}: {slug} is an issue code (exit 1)"
                continue
            assert slug in {str(r) for r in Refusal}, f"{case}: {slug} is not a code of pledgekit"
            assert exit_code == "" or int(exit_code) == REFUSALS[Refusal(slug)].exit, f"{case}: {slug} exit"


def test_the_checks_catch_a_broken_row() -> None:
    """The checks above are not vacuous: a test that does not exist, a corpus case that does not exist and
    a row without tests are each found."""
    assert _missing_tests("`tests/test_paths.py::test_no_such_test`") == ["test_paths.py::test_no_such_test"]
    assert _missing_tests("`tests/test_nothing.py::test_x`") == ["test_nothing.py::test_x"]
    assert _missing_tests("`tests/corpus: no-such-case`") == ["corpus: no-such-case"]
    assert _missing_tests("handled somewhere") == ["no test"]
    assert _missing_tests("`tests/corpus: gbk-file`, `tests/test_paths.py::test_unsafe_paths_are_refused`") == []
    row = "| A1 | case | `path-absolute` (exit 3) | `tests/corpus: gbk-file` |"
    assert _rows(row) == {"A1": ["case", "`path-absolute` (exit 3)", "`tests/corpus: gbk-file`"]}


def test_pledgekit_reads_no_yaml() -> None:
    """Threat model F5-F6 (alias bombs, YAML 1.1 implicit types) do not apply while pledgekit reads no YAML:
    no module of it imports a YAML parser."""
    parsers = {"yaml", "ruamel", "strictyaml", "oyaml"}
    for path in sorted((ROOT / "src" / "pledgekit").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not {name.split(".")[0] for name in names} & parsers, path
