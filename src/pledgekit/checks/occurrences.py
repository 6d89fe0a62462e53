"""Where a row's number stands in its quote, and the words written around it.

The number is the cell as written (``5.2``) or, when the quote writes it in words, ``value_text`` (``四成``,
``千``). Each quote is split at the number (a literal split, no pattern per row), so every occurrence has
the text before it and the text after it; an occurrence of digits inside a longer number (``5`` in ``15``
or ``5.2``) is dropped. Around each occurrence, fixed patterns read:

- ``_said`` and ``_word``: the qualifying word, after the number (以上, 以内, 左右, 余, 多) or else
  before it (超过, 不到, 约 …), and the qualifier it means (``at-least``, ``at-most``, ``about``);
- ``_verb_said`` and ``_verb``: a word of increase or decrease right before the number (增长, 下降 …),
  and ``up`` or ``down``;
- ``_estimated``: 预计 (or 预期, 估计) somewhere before the number;
- ``_magnitude``: 万亿, 亿 or 万 right after the number (``""`` when none);
- ``_written``: a unit word right after the number and its magnitude (``%``, ``个百分点``, ``倍``, ``‰``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

AT_LEAST = ("不低于", "不少于", "至少", "超过", "突破", "高于", "多于", "超")
AT_MOST = ("不超过", "不高于", "控制在", "不到", "低于", "少于", "最多", "至多")
ABOUT = ("大约", "接近", "将近", "约", "近")
AFTER = {"以上": "at-least", "余": "at-least", "多": "at-least", "以内": "at-most", "以下": "at-most",
         "左右": "about"}  # fmt: skip
BEFORE = {**dict.fromkeys(AT_LEAST, "at-least"), **dict.fromkeys(AT_MOST, "at-most"), **dict.fromkeys(ABOUT, "about")}
DOWN = ("下降", "减少", "降低", "下滑", "回落", "压减", "缩减", "减排")
UP = ("增长", "提高", "提升", "增加", "上升", "增幅", "增速")
VERBS = {**dict.fromkeys(DOWN, "down"), **dict.fromkeys(UP, "up")}
MAGNITUDES = ("万亿", "亿", "万")
ESTIMATE = "预计|预期|估计"  # before the number: the figure is an estimate
# Unit words written after a number, and the class each belongs to (``%`` and ``％`` are one).
UNIT_WORDS = {"%": "%", "％": "%", "个百分点": "pp", "百分点": "pp", "倍": "times", "‰": "‰"}

_PUNCTUATION = "，。；、,;：:"
# The traditional characters of the words above, to their simplified forms (a test derives it with opencc):
# quotes from traditional-script sources are read through it.
TRADITIONAL = {"預": "预", "計": "计", "於": "于", "過": "过", "約": "约", "將": "将",
               "餘": "余", "內": "内", "減": "减", "壓": "压", "縮": "缩", "長": "长",
               "萬": "万", "億": "亿", "個": "个", "點": "点", "兩": "两"}  # fmt: skip


def simplified(expr: pl.Expr) -> pl.Expr:
    """The text with the traditional characters of the words read here made simplified."""
    return expr.str.replace_many(list(TRADITIONAL), list(TRADITIONAL.values()))


def _either(words: object) -> str:
    return "|".join(sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


def unit_class(expr: pl.Expr) -> pl.Expr:
    """The class of the unit word a text starts with, after an optional magnitude (null when none)."""
    import polars as pl

    written = expr.str.extract(rf"^(?:{_either(MAGNITUDES)})?({_either(UNIT_WORDS)})")
    return written.replace_strict(UNIT_WORDS, default=None, return_dtype=pl.String)


def magnitude(expr: pl.Expr) -> pl.Expr:
    """The magnitude word a text starts with, ``""`` when none."""
    return expr.str.extract(rf"^个?({_either(MAGNITUDES)})").fill_null("")  # 5个亿 is 5亿


def occurrences(frame: pl.DataFrame) -> pl.DataFrame:
    """The words around each occurrence of a row's ``_token`` in its ``quote_n``: one row per occurrence,
    with the row's ``_pos``. Where ``_digits`` is true only occurrences that are a whole number of the
    quote count (``5`` is not in ``15`` or ``5.2``)."""
    import polars as pl

    token = pl.col("_token")
    split = pl.when(token != "").then(pl.col("quote_n").str.split(token))
    parts = frame.select("_pos", "_digits", split.alias("_parts")).filter(pl.col("_parts").list.len() > 1)
    count = pl.col("_parts").list.len() - 1
    found = parts.select(
        "_pos",
        "_digits",
        pl.col("_parts").list.slice(0, count).alias("_before"),
        pl.col("_parts").list.slice(1).alias("_after"),
        pl.int_ranges(count).alias("_i"),
        count.alias("_n"),
    ).explode("_before", "_after", "_i")
    glued_before = pl.col("_before").str.contains(r"[0-9.]$") | ((pl.col("_before") == "") & (pl.col("_i") > 0))
    glued_after = pl.col("_after").str.contains(r"^(?:[0-9]|\.[0-9])") | (
        (pl.col("_after") == "") & (pl.col("_i") < pl.col("_n") - 1)
    )
    found = found.filter(~pl.col("_digits") | ~(glued_before | glued_after))
    after_word = pl.col("_after").str.extract(rf"^[^0-9{_PUNCTUATION}]{{0,6}}?({_either(AFTER)})")
    more = pl.col("_after").str.extract(rf"^(?:{_either(MAGNITUDES)}|千)?(余|多)")
    before_word = pl.col("_before").str.extract(rf"({_either(BEFORE)})$")
    words = {**AFTER, **BEFORE}
    said = pl.coalesce(after_word, more, before_word)
    verb = pl.col("_before").str.extract(rf"({_either(VERBS)})(?:{_either(BEFORE)})?$")
    return found.select(
        "_pos",
        said.alias("_said"),
        said.replace_strict(words, default=None, return_dtype=pl.String).alias("_word"),
        verb.alias("_verb_said"),
        verb.replace_strict(VERBS, default=None, return_dtype=pl.String).alias("_verb"),
        pl.col("_before").str.contains(ESTIMATE).alias("_estimated"),
        magnitude(pl.col("_after")).alias("_magnitude"),
        unit_class(pl.col("_after")).alias("_written"),
    )
