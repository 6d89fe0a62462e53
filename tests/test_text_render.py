"""The text report: written without rich to a file or a pipe, with rich (colours) on a terminal, the same
text either way; a control character a value brings into a message is written as its escape."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pledgekit.issues import Issue, Location
from pledgekit.render import text
from pledgekit.report import Report

CODES = ("foreign-key", "cell-whitespace", "file-not-listed", "descriptor-invalid", "figure-conflict")
values = st.text(st.characters(min_codepoint=0, max_codepoint=0x30FF, exclude_categories=["Cs"]), max_size=12)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    issues = []
    for _ in range(draw(st.integers(0, 6))):
        at = Location(
            package="p",
            resource="metrics",
            path=draw(st.sampled_from(["p/data/metrics.csv", "p/data/指标.csv", "p/notes\t.txt"])),
            row=draw(st.none() | st.integers(1, 10**6)),
            field=draw(st.none() | values),
        )
        issues.append(
            Issue(
                draw(st.sampled_from(CODES)),
                at,
                value=draw(values),
                note=draw(values),
                context={"reference": "units.code"},
                new=draw(st.sampled_from([None, True, False])),
            )  # type: ignore[arg-type]
        )
    return Report(packages=["p"], issues=issues, rows_checked=draw(st.integers(0, 10**7)))


def _plain(report: Report, lang: str, per_code: int | None) -> str:
    out = io.StringIO()
    text.render(report, out, lang, per_code, environ={})  # type: ignore[arg-type]
    return out.getvalue()


@settings(max_examples=150, deadline=None)
@given(reports(), st.sampled_from(["en", "zh"]), st.sampled_from([None, 1, 2]))
def test_the_plain_writer_writes_what_rich_writes_without_colour(
    report: Report, lang: str, per_code: int | None
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TTY_COMPATIBLE", "0")  # rich is used (asked about) and decides on no terminal
        patch.delenv("FORCE_COLOR", raising=False)
        ours = io.StringIO()
        text.render(report, ours, lang, per_code, environ={"TTY_COMPATIBLE": "0"})  # type: ignore[arg-type]
    assert _plain(report, lang, per_code) == ours.getvalue()


@settings(max_examples=150, deadline=None)
@given(reports())
def test_no_control_character_but_the_line_break_is_written(report: Report) -> None:
    written = _plain(report, "en", None)
    assert [c for c in written if c != "\n" and (ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0)] == []


def test_a_value_s_escape_and_tab_are_written_as_escapes() -> None:
    at = Location(package="p", path="p/data/metrics.csv", row=3, field="unit")
    issue = Issue("foreign-key", at, value="pct\x1b[2J\t", context={"reference": "units.code"})  # type: ignore[arg-type]
    written = _plain(Report(packages=["p"], issues=[issue]), "en", None)
    assert "pct\\x1b[2J\\t" in written
    assert "\x1b" not in written


def test_colours_on_a_terminal_and_the_value_still_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    at = Location(package="p", path="p/data/metrics.csv", row=3, field="unit")
    issue = Issue("foreign-key", at, value="pct\x1b]0;x\x07", context={"reference": "units.code"})  # type: ignore[arg-type]
    out = io.StringIO()
    text.render(Report(packages=["p"], issues=[issue]), out, "en", None, environ={"FORCE_COLOR": "1"})
    written = out.getvalue()
    assert "\x1b[" in written  # rich's colours
    assert "pct\\x1b]0;x\\x07" in written
    assert "\x1b]" not in written and "\x07" not in written


def test_a_pipe_is_no_terminal_and_a_terminal_is_one() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert text.terminal(io.StringIO(), {}) is False
    assert text.terminal(Terminal(), {}) is True
    assert text.terminal(io.StringIO(), {"FORCE_COLOR": "1"}) is True
