"""A report's text as a package stores it: UTF-8 without a BOM, LF line endings, a final newline.

The encoding is decided by strict rules, never guessed: a byte-order mark names UTF-8 or UTF-16; without
one, strict UTF-8; failing that, GB18030 (a superset of GBK and GB2312, what Chinese Windows saves), kept
only when it round-trips byte for byte. A detector (charset-normalizer) would also guess, but a guess on a
short text can be wrong without saying so, and the stored text is hashed and quoted for good: a steward
who knows better names the encoding (``--encoding big5``). Nothing here reads or writes files.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class TextProblem(ValueError):
    """The bytes cannot become a source text (the caller turns it into a refusal)."""


@dataclass(frozen=True)
class SourceText:
    data: bytes  # the UTF-8 bytes to store
    encoding: str  # what the original was decoded from
    changes: list[str] = field(default_factory=list)  # what was done to it, for the plan


def _decode(data: bytes, encoding: str | None) -> tuple[str, str, list[str]]:
    if encoding is not None:
        try:
            return data.decode(encoding), codecs.lookup(encoding).name, [f"decoded from {encoding}"]
        except UnicodeDecodeError as exc:
            raise TextProblem(f"not valid {encoding} at byte {exc.start}") from None
    for bom, codec in BOMS:
        if data.startswith(bom):
            name = "utf-8" if codec == "utf-8-sig" else ("utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be")
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise TextProblem(
                    f"starts with a {name} byte-order mark but is not {name} at byte {exc.start}"
                ) from None
            changes = ["byte-order mark removed"] + ([] if name == "utf-8" else [f"converted from {name}"])
            return text, name, changes
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise TextProblem(f"neither UTF-8 nor GB18030 (byte {exc.start}); name its encoding with --encoding") from None
    if text.encode("gb18030") != data:
        raise TextProblem("GB18030 decoding does not round-trip; name its encoding with --encoding")
    return text, "gb18030", ["converted from GB18030 (GBK)"]


def canonical(data: bytes, encoding: str | None = None) -> SourceText:
    """``data`` as stored UTF-8 text; TextProblem when it is empty, binary or undecodable.

    >>> canonical("一\\r\\n二".encode("gb18030")).data.decode()
    '一\\n二\\n'
    """
    text, found, changes = _decode(data, encoding)
    if "\x00" in text:
        raise TextProblem("holds NUL characters: a binary file, or UTF-16 without a byte-order mark")
    if not text.strip():
        raise TextProblem("holds no text")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        changes.append("line endings → LF")
    if not text.endswith("\n"):
        text += "\n"
        changes.append("final newline added")
    return SourceText(text.encode("utf-8"), found, changes)
