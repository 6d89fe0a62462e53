"""Quote matching finds exactly the quotes that occur in their source, whichever path finds them."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from pledgekit.checks import quotes

# Few letters and much punctuation: clauses repeat, quotes start inside and at clause boundaries.
ALPHABET = st.sampled_from(list("ab区增长5.%") + list(quotes.CLAUSE_END[:6]))


def _found(texts: dict[str, str], wanted: list[tuple[str, str]]) -> set[tuple[str, str]]:
    frame = pl.DataFrame(wanted, schema={"source_id": pl.String, "quote_n": pl.String}, orient="row")
    table = pl.DataFrame({"source_id": list(texts), "text": list(texts.values())})
    return set(quotes.found(frame, table).iter_rows())


@settings(max_examples=150, deadline=None)
@given(
    texts=st.lists(st.text(ALPHABET, max_size=60), min_size=1, max_size=3),
    picks=st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 60), st.integers(1, 20), st.text(ALPHABET, max_size=4)),
        max_size=20,
    ),
)
def test_found_equals_substring_search(texts: list[str], picks: list[tuple[int, int, int, str]]) -> None:
    sources = {f"s{n}": text for n, text in enumerate(texts)}
    wanted = []
    for source, start, length, noise in picks:
        sid = f"s{source}"
        text = sources.get(sid, "")
        # slices of the text (found), slices with noise appended (mostly not found), and a missing source
        wanted.append((sid, text[start : start + length] + noise))
        wanted.append((sid, text[start : start + length]))
    expected = {(s, q) for s, q in wanted if q and s in sources and q in sources[s]}
    assert _found(sources, wanted) == expected


def test_aligned_quotes_and_fallback_quotes_are_both_found() -> None:
    text = "全年地区生产总值增长5.2%，一般公共预算收入增长5%。新建学校6所，增加学位8940个。"
    wanted = [
        ("s", "一般公共预算收入增长5%"),  # starts a clause: the anchor path
        ("s", "新建学校6所，增加学位8940个。"),  # two clauses
        ("s", "增加学位8940"),  # ends inside a clause: still anchored
        ("s", "学位8940个"),  # starts inside a clause: the automaton path
        ("s", "新建学校7所"),  # not in the text
        ("t", "新建学校6所"),  # unknown source
    ]
    assert _found({"s": text}, wanted) == {("s", q) for _, q in wanted[:4]}


def test_a_clause_repeated_more_than_the_anchor_limit_still_finds_its_quotes() -> None:
    text = "增长5%，" * (quotes.MAX_REPEATS + 1) + "末句。"
    assert _found({"s": text}, [("s", "增长5%，末句"), ("s", "增长6%")]) == {("s", "增长5%，末句")}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(ALPHABET, min_size=1, max_size=12), min_size=1, max_size=20))
def test_a_quotes_first_clause_is_the_first_clause_of_its_split(texts: list[str]) -> None:
    frame = pl.DataFrame({"q": texts})
    by_split = frame.select(quotes._clause(quotes._split(pl.col("q")).list.first()))["q"]
    assert frame.select(quotes.first_clause(pl.col("q")))["q"].to_list() == by_split.to_list()
