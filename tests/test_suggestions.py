"""The "did you mean" hints, found faster, say what the plain reading of the rule says: every spelling
compared for a swap of two neighbouring characters, difflib over every spelling; district names through
OpenCC, which changes no ASCII (a code skips it)."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from pledgekit.checks import districts, suggestions

ALPHABET = "0123456789abcpt%大兴区朝阳東城"
spellings_of = st.dictionaries(
    st.text(ALPHABET, min_size=1, max_size=7), st.sampled_from(["110115", "110105", "pct", "pp", "cny"]), max_size=40
)


def plain_closest(value: str, spellings: dict[str, str]) -> str | None:
    """The rule as first written: every spelling compared."""
    wanted = value.strip().casefold()
    if wanted in spellings:
        return spellings[wanted]
    for spelling, code in spellings.items():
        if len(spelling) == len(wanted) and sorted(spelling) == sorted(wanted):
            differ = [n for n, (a, b) in enumerate(zip(spelling, wanted, strict=True)) if a != b]
            if len(differ) == 2 and differ[1] == differ[0] + 1:
                return code
    close = difflib.get_close_matches(wanted, list(spellings), n=1, cutoff=0.6)
    return spellings[close[0]] if close else None


@settings(max_examples=400, deadline=None)
@given(spellings_of, st.text(ALPHABET + " ", max_size=8), st.data())
def test_the_closest_code_is_the_plain_reading_s(spellings: dict[str, str], value: str, data: st.DataObject) -> None:
    if spellings and data.draw(st.booleans()):  # a near miss of a spelling: a swap, a dropped or changed character
        spelling = data.draw(st.sampled_from(sorted(spellings)))
        at = data.draw(st.integers(0, max(len(spelling) - 1, 0)))
        value = data.draw(
            st.sampled_from([spelling[:at] + spelling[at + 1 : at + 2] + spelling[at : at + 1] + spelling[at + 2 :],
                             spelling[:at] + spelling[at + 1 :], spelling[:at] + "9" + spelling[at + 1 :]])
        )  # fmt: skip
    assert suggestions._closest(value, spellings) == plain_closest(value, spellings)


def test_of_two_swaps_the_first_spelling_of_the_codelist_wins() -> None:
    spellings = {"2134": "first", "1243": "second"}  # both are 1234 with one neighbouring pair swapped
    assert suggestions._closest("1234", spellings) == plain_closest("1234", spellings) == "first"
    assert suggestions._closest("1234", dict(reversed(spellings.items()))) == "second"


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(max_codepoint=0x7F), max_size=12))
def test_opencc_changes_no_ascii(text: str) -> None:
    folded = districts.normalise(text)
    assert folded.isascii()
    assert districts._t2s().convert(folded) == folded  # type: ignore[attr-defined]
