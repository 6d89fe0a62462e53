"""Which quotes occur in their source text, for many quotes at once.

Almost every quote a steward copies starts at a clause boundary of the report (after ``，`` ``。``
``；`` …). Such a quote is found without any search: its first clause is joined (by hash) to the clause
starts of its source's text, and the text's bytes at each candidate offset are compared with the
quote's. The rest (a quote that starts inside a clause, or whose first clause starts the text too often
to be an anchor) go to one Aho-Corasick pass per source over only those quotes. Both steps only ever
confirm a quote that is in the text, and together they find every quote that is (a property test
compares the result with Python's ``in`` on random texts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

CLAUSE_END = "，。；：！？,;:!?"
# A clause that starts more often than this in one text is no anchor: its quotes go to the fallback.
MAX_REPEATS = 64


def _split(expr: pl.Expr) -> pl.Expr:
    """The clauses of a text, each with its closing punctuation (literal replacements, no regex)."""
    ends = list(CLAUSE_END)
    return expr.str.replace_many(ends, [f"{end}\x00" for end in ends]).str.split("\x00")


def _clause(expr: pl.Expr) -> pl.Expr:
    """A clause as it is compared: without its closing punctuation."""
    return expr.str.strip_chars_end(CLAUSE_END)


def first_clause(expr: pl.Expr) -> pl.Expr:
    """``_clause`` of a text's first clause (the text up to its first clause end), in one pass."""
    return expr.str.extract(f"^[^{CLAUSE_END}]*", 0)


def _key(clause: pl.Expr, source: pl.Expr) -> pl.Expr:
    """One 64-bit key for a clause of one source's text. Two pairs that share a key by chance only add a
    candidate offset, which the comparison of the text's bytes refuses (or confirms: the quote is there)."""
    return clause.hash() ^ source.hash()


def index(texts: pl.DataFrame) -> pl.DataFrame:
    """The clause index of ``texts`` (source_id, text): (source_id, key, byte offset) of every clause start
    of every text, for the keys that start at most ``MAX_REPEATS`` clauses (a text is one polars value: its
    offsets fit in 32 bits)."""
    import polars as pl

    clause, size = pl.col("_clause"), pl.col("_clause").str.len_bytes()
    return (  # one query
        texts.lazy()
        .select("source_id", _split(pl.col("text")).alias("_clause"))
        .explode("_clause")
        .select("source_id", _clause(clause).alias("_clause"), (size.cum_sum().over("source_id") - size).alias("_at"))
        .filter(clause != "")
        .select("source_id", _key(clause, pl.col("source_id")).alias("_key"), pl.col("_at").cast(pl.UInt32))
        .filter(pl.len().over("_key") <= MAX_REPEATS)
        .collect(engine="in-memory")
    )


def _by_clauses(quotes: pl.DataFrame, texts: pl.DataFrame, anchors: pl.DataFrame) -> pl.Series:
    """Which of the distinct ``quotes`` (source_id, quote_n) start where a clause of their source's text
    starts (a boolean per row): the quote's first clause finds its candidate offsets by a join, and the
    text's bytes there are compared with the quote's."""
    import polars as pl

    heads = quotes.lazy().select(
        pl.int_range(pl.len()).alias("_i"),
        "source_id",
        "quote_n",
        _key(first_clause(pl.col("quote_n")), pl.col("source_id")).alias("_key"),
    )
    candidates = heads.join(anchors.lazy().select("_key", "_at"), on="_key", how="inner").join(
        texts.lazy(), on="source_id", how="inner"
    )
    quote = pl.col("quote_n").cast(pl.Binary)
    at = pl.col("text").cast(pl.Binary).bin.slice(pl.col("_at"), quote.bin.size())
    # a quote may start at several anchors
    confirmed = candidates.filter(at == quote).select("_i").collect(engine="in-memory")["_i"]
    return quotes.select(pl.int_range(pl.len()).is_in(confirmed.implode()).alias("_at_clause"))["_at_clause"]


def _by_automaton(quotes: pl.DataFrame, texts: pl.DataFrame) -> pl.DataFrame:
    """(source_id, quote_n) found by one Aho-Corasick pass over each source text for its quotes."""
    import polars as pl

    wanted = quotes.group_by("source_id").agg(pl.col("quote_n").alias("_quotes"))
    return (
        texts.join(wanted, on="source_id", how="inner")
        .select("source_id", pl.col("text").str.extract_many(pl.col("_quotes"), overlapping=True).alias("quote_n"))
        .explode("quote_n")
        .drop_nulls("quote_n")
        .unique()
    )


class Sources:
    """Source texts (``texts``: source_id, text) indexed once for all the quotes looked up in them."""

    def __init__(self, texts: pl.DataFrame, anchors: pl.DataFrame | None = None) -> None:
        self.texts = texts
        self._anchors = anchors  # the texts' clause index (``index``), when already made

    def anchors(self) -> pl.DataFrame:
        if self._anchors is None:
            self._anchors = index(self.texts)
        return self._anchors

    def found(self, quotes: pl.DataFrame) -> pl.DataFrame:
        """The distinct (source_id, quote_n) of ``quotes`` whose quote occurs in its source's text."""
        return found(quotes, self.texts, self.anchors())


def found(quotes: pl.DataFrame, texts: pl.DataFrame, anchors: pl.DataFrame | None = None) -> pl.DataFrame:
    """The distinct (source_id, quote_n) of ``quotes`` whose quote occurs in the ``text`` of its source
    (``texts``: source_id, text; ``anchors`` of those texts when already computed). Empty quotes are
    never looked for."""
    import polars as pl

    wanted = (
        quotes.lazy()
        .select("source_id", "quote_n")
        .drop_nulls()
        .filter(pl.col("quote_n") != "")
        .unique()
        .join(texts.lazy().select("source_id"), on="source_id", how="semi")
        .collect(engine="in-memory")
    )
    at_clause = _by_clauses(wanted, texts, index(texts) if anchors is None else anchors)
    if at_clause.all():  # the common case: every quote starts a clause of its source
        return wanted.select(pl.col("source_id").cast(pl.String), pl.col("quote_n").cast(pl.String))
    aligned, rest = wanted.filter(at_clause), wanted.filter(~at_clause)
    matched = pl.concat([aligned, _by_automaton(rest, texts)]) if not rest.is_empty() else aligned
    return matched.select(pl.col("source_id").cast(pl.String), pl.col("quote_n").cast(pl.String))


def cut(quotes: pl.DataFrame, texts: pl.DataFrame) -> pl.DataFrame:
    """(source_id, quote_n, _side) of the quotes that begin (``start``) or end (``end``) with a digit where
    every occurrence in their source continues a number at that end (``增长5`` cut out of ``增长5.2%``).
    One Aho-Corasick pass per source over the quotes and their extensions by a digit (or a decimal point
    and a digit): a quote is cut when its extensions occur as often as it does."""
    import polars as pl

    digits = [str(d) for d in range(10)]
    edged = (  # the few quotes with a digit at an end, then their distinct pairs (one query)
        quotes.lazy()
        .select("source_id", "quote_n")
        .drop_nulls()
        .with_columns(
            pl.col("quote_n").str.contains(r"[0-9]$").alias("_end"),
            pl.col("quote_n").str.contains(r"^[0-9]").alias("_start"),
        )
        .filter(pl.col("_end") | pl.col("_start"))
        .unique()
        .collect(engine="in-memory")
    )
    if edged.is_empty():
        return pl.DataFrame(schema={"source_id": pl.String, "quote_n": pl.String, "_side": pl.String})
    quote = pl.col("quote_n")
    after = [quote + d for d in digits] + [quote + "." + d for d in digits]
    before = [d + quote for d in digits] + ["." + quote]

    def kind(name: str, patterns: list[pl.Expr], where: pl.Expr) -> pl.DataFrame:
        chosen = edged.filter(where).select("source_id", "quote_n", pl.concat_list(patterns).alias("_match"))
        return chosen.explode("_match").with_columns(pl.lit(name).alias("_kind"))

    kinds = pl.concat(
        [
            kind("quote", [quote], pl.lit(True)),
            kind("end", after, pl.col("_end")),
            kind("start", before, pl.col("_start")),
        ]
    )
    wanted = kinds.group_by("source_id").agg(pl.col("_match").unique())
    matches = (
        texts.join(wanted, on="source_id", how="inner")
        .select("source_id", pl.col("text").str.extract_many(pl.col("_match"), overlapping=True).alias("_match"))
        .explode("_match")
        .drop_nulls("_match")
        .group_by("source_id", "_match")
        .len()
    )
    counted = kinds.join(matches, on=["source_id", "_match"], how="left").with_columns(pl.col("len").fill_null(0))
    sides = counted.group_by("source_id", "quote_n").agg(
        pl.col("len").filter(pl.col("_kind") == "quote").sum().alias("_n"),
        pl.col("len").filter(pl.col("_kind") == "end").sum().alias("_end"),
        pl.col("len").filter(pl.col("_kind") == "start").sum().alias("_start"),
    )
    return (
        sides.filter(pl.col("_n") > 0)
        .select(
            "source_id",
            "quote_n",
            pl.when(pl.col("_end") == pl.col("_n"))
            .then(pl.lit("end"))
            .when(pl.col("_start") == pl.col("_n"))
            .then(pl.lit("start"))
            .alias("_side"),
        )
        .drop_nulls("_side")
    )
