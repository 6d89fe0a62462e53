"""docs/walkthrough.md is run step by step, so the document cannot drift from the tool.

Its ``sh`` blocks are commands (``cd DIR`` moves; ``pledgekit …`` runs in-process and must exit with the
code of its ``# exit N[: issue-code]`` comment, 0 without one); a ``text`` or ``csv`` block after ``<!-- file:
NAME [encoding=E] -->`` is saved under that name; a ``csv`` block after ``<!-- append: FILE -->`` is appended;
a ``json`` block after ``<!-- json: FILE -->`` is an edit of that JSON file: each of its keys is set, except
``resources``, whose items are added to the file's."""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT, run_cli

PAGE = ROOT / "docs" / "walkthrough.md"
BLOCK = re.compile(r"(?:<!-- (?P<marker>file|append|json): (?P<target>[^ ]+)(?: encoding=(?P<encoding>\S+))? -->\n)?"
                   r"```(?P<kind>sh|text|csv|json)\n(?P<body>.*?)```", re.S)  # fmt: skip
EXPECTED = re.compile(r"\s+# exit (?P<code>\d+)(?:: (?P<issue>[a-z0-9-]+))?$")


@dataclass(frozen=True)
class Step:
    kind: str  # sh, file, append or json
    body: str
    target: str = ""
    encoding: str = "utf-8"


def steps(text: str) -> list[Step]:
    found = []
    for match in BLOCK.finditer(text):
        if match["kind"] == "sh":
            found.append(Step("sh", match["body"]))
        elif match["marker"] is not None:
            found.append(Step(match["marker"], match["body"], match["target"], match["encoding"] or "utf-8"))
    return found


def run(step: Step, cwd: Path) -> Path:
    """Do one step from ``cwd``; return the folder the next step starts in."""
    if step.kind == "file":
        (cwd / step.target).parent.mkdir(parents=True, exist_ok=True)
        (cwd / step.target).write_bytes(step.body.encode(step.encoding))
        return cwd
    if step.kind == "json":
        path = cwd / step.target
        document = json.loads(path.read_text(encoding="utf-8"))
        for key, value in json.loads(step.body).items():
            document[key] = [*document.get(key, []), *value] if key == "resources" else value
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return cwd
    if step.kind == "append":
        with (cwd / step.target).open("a", encoding="utf-8", newline="") as handle:
            handle.write(step.body)
        return cwd
    for line in filter(None, step.body.splitlines()):
        expected = EXPECTED.search(line)
        words = shlex.split(line[: expected.start()] if expected else line)
        if words[0] == "cd":
            cwd = cwd / words[1]
            continue
        assert words[0] == "pledgekit", line
        result = run_cli(*words[1:], cwd=cwd)
        code = int(expected["code"]) if expected else 0
        assert result.returncode == code, f"{line}\n{result.stdout}\n{result.stderr}"
        if expected and expected["issue"]:
            assert expected["issue"] in result.stdout + result.stderr, line
    return cwd


def test_the_walkthrough_runs_as_written(tmp_path: Path) -> None:
    found = steps(PAGE.read_text(encoding="utf-8"))
    assert [s.kind for s in found].count("sh") >= 3 and {"file", "append", "json"} <= {s.kind for s in found}
    cwd = tmp_path
    for step in found:
        cwd = run(step, cwd)
    package = tmp_path / "pinggu-data" / "datapackages" / "pinggu-pledges"
    metrics = (package / "data" / "metrics.csv").read_text(encoding="utf-8")
    assert "m-000-0001,110117," in metrics  # fix wrote the code in place of the name
    (stored,) = (package / "sources").glob("000_*.txt")
    assert "地区生产总值增长5%左右" in stored.read_text(encoding="utf-8")
    said = re.search(r"its (\w+) resources", PAGE.read_text(encoding="utf-8"))
    listed = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    assert said and {"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}[said[1]] == len(listed)
    county = tmp_path / "anji-data" / "datapackages" / "anji-pledges"  # the part outside Beijing ran too
    assert "tea-garden-area" in (county / "extensions" / "indicators.csv").read_text(encoding="utf-8")
    assert "indicators-extension" in (county / "datapackage.json").read_text(encoding="utf-8")


def test_a_wrong_expected_exit_in_the_document_fails_the_walkthrough(tmp_path: Path) -> None:
    step = Step("sh", "pledgekit init repo  # exit 1\n")
    try:
        run(step, tmp_path)
    except AssertionError as exc:
        assert "pledgekit init repo" in str(exc)
    else:
        raise AssertionError("a step that exits 0 passed as exit 1")


def test_the_document_has_the_chinese_and_english_headings() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert "# Add a new report · 添加一份新报告" in text
    headings = re.findall(r"^## \d\. (.+)$", text, re.M)
    assert len(headings) >= 5 and all(re.search(r"[A-Za-z].* · .*[\u4e00-\u9fff]", h) for h in headings)
