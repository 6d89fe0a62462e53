"""The message and hint of every issue code, in English and Chinese: the one place they are looked up.

Templates are rendered with ``str.format_map`` from an Issue's location (``path``, ``field``), ``value``,
``note`` and context; a placeholder the context lacks renders as ``?``. They are written by layer in
``structure.py``, ``domain.py`` and ``sources.py`` beside this module. ``docs/codes.md`` lists every code
with an example (a test keeps the two in sync).
"""

from __future__ import annotations

from ..codes import Code, CodeInfo
from . import domain, sources, structure

CATALOGUE: dict[Code, CodeInfo] = {
    entry.code: entry for entry in (*structure.ENTRIES, *domain.ENTRIES, *sources.ENTRIES)
}

# Hints for a particular case of a code, which an Issue names in its context (``case``): what to do
# differs when the cell is only written wrong. (code, case) → (en, zh).
CASE_HINTS: dict[tuple[Code, str], tuple[str, str]] = {
    (Code.SOURCE_HASH_MISMATCH, "upper-case"): (
        "The digest is right but written in upper case: write it in lower case ({note}).",
        "校验值正确但为大写:请改为小写({note})。",
    ),
    (Code.SOURCE_HASH_MISMATCH, "empty"): (
        "Fill in the SHA-256 of the stored text, in lower case: {note}. `pledgekit source add` fills it in when "
        "it adds a text; `sha256sum FILE` (on Windows `certutil -hashfile FILE SHA256`) prints it.",
        "请填写存储原文的SHA-256校验值(小写):{note}。`pledgekit source add` 添加原文时会自动填写;"
        "也可用 `sha256sum 文件`(Windows 上用 `certutil -hashfile 文件 SHA256`)计算。",
    ),
    (Code.FOREIGN_KEY, "extensible"): (
        "{did_you_mean}Use a code listed in {reference}. A code the standard lacks goes in the package's "
        "extension ({extension}), never in the copy of the codelist, which `pledgekit standard sync` overwrites.",
        "{did_you_mean_zh}请使用 {reference} 中已有的代码。标准中没有的代码写入数据包的扩展资源({extension}),"
        "不要修改代码表副本(`pledgekit standard sync` 会覆盖它)。",
    ),
    (Code.SOURCE_HASH_MISMATCH, "resaved"): (
        "The words are those of the digest, but the file was saved again (in another encoding, with CRLF line "
        "endings or a BOM): save it as UTF-8 without a BOM, with LF line endings, and its digest matches again.",
        "文字与校验值相符,但文件被重新保存过(换了编码、CRLF换行或带BOM):请另存为无BOM的UTF-8、LF换行,"
        "校验值即可重新相符。",
    ),
}


def hint_template(code: Code, case: object, lang: str) -> str:
    """The hint of a code, or of its case when the catalogue has one for it."""
    special = CASE_HINTS.get((code, case)) if isinstance(case, str) else None
    if special is not None:
        return special[1] if lang == "zh" else special[0]
    entry = info(code)
    return entry.hint_zh if lang == "zh" else entry.hint_en


def info(code: str) -> CodeInfo:
    """Look up a code; an unknown code is a programming error (ValueError)."""
    return CATALOGUE[Code(code)]
