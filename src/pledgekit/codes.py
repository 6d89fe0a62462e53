"""The catalogue of issue codes: a stable slug, a severity and a message template in en and zh.

Codes never change once published; messages may. Templates are rendered with ``str.format`` from
an Issue's location and context, so every placeholder must be a key one of them provides.
``docs/reference/codes.md`` lists every code with an example, and a test keeps the two in sync.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class CodeInfo:
    code: str
    severity: Severity
    en: str
    zh: str
    hint_en: str = ""
    hint_zh: str = ""


def _c(
    code: str, en: str, zh: str, hint_en: str = "", hint_zh: str = "", severity: Severity = Severity.ERROR
) -> CodeInfo:
    return CodeInfo(code, severity, en, zh, hint_en, hint_zh)


CATALOGUE: dict[str, CodeInfo] = {
    info.code: info
    for info in (
        # Package and descriptor
        _c("package-unreadable", "The package cannot be read: {note}", "无法读取数据包:{note}"),
        _c(
            "descriptor-invalid",
            "datapackage.json does not meet the pledgekit profile at {json_path}: {note}",
            "datapackage.json 在 {json_path} 处不符合 pledgekit 数据包规范:{note}",
        ),
        _c(
            "standard-drift",
            "{file} differs from the standard's {note}; regenerate it with `pledgekit standard sync`",
            "{file} 与标准中的 {note} 不一致;请运行 `pledgekit standard sync` 重新生成",
        ),
        # Structure, from frictionless (https://framework.frictionlessdata.io/docs/errors/)
        _c(
            "type-error",
            "Cell {value!r} is not a valid {expected}",
            "单元格 {value!r} 不是有效的 {expected}",
            "Write the number with ASCII digits and a '.' for decimals, without unit or separators.",
            "请用半角阿拉伯数字书写,小数点用“.”,不带单位和分隔符。",
        ),
        _c(
            "constraint-error",
            "Cell {value!r} breaks the {constraint} constraint ({expected})",
            "单元格 {value!r} 不满足 {constraint} 约束({expected})",
            "See the field's description in the schema for the allowed values.",
            "允许的取值见数据结构定义中该字段的说明。",
        ),
        _c(
            "foreign-key",
            "{value!r} in {field} is not in {reference}",
            "{field} 的取值 {value!r} 不在 {reference} 中",
            "Use a code listed in the codelist, or add the code to the codelist in schemas/codelists/.",
            "请使用代码表中已有的代码,或在 schemas/codelists/ 的代码表中补充该代码。",
        ),
        _c(
            "primary-key",
            "Duplicate {field} {value!r}: {note}",
            "{field} {value!r} 重复:{note}",
            "Give the row an id no other row has.",
            "请为该行设置一个未被使用的编号。",
        ),
        _c("unique-error", "Value {value!r} must be unique: {note}", "取值 {value!r} 须唯一:{note}"),
        _c(
            "missing-cell",
            "Row has no cell for {field}",
            "该行缺少 {field} 的单元格",
            "Rows need as many cells as the header; quote a cell that contains a comma.",
            "每行的单元格数须与表头一致;含逗号的单元格须加引号。",
        ),
        _c("extra-cell", "Row has an extra cell: {note}", "该行多出单元格:{note}"),
        _c("blank-row", "Row is blank", "该行为空行"),
        _c("incorrect-label", "Header label does not match the schema: {note}", "表头与数据结构定义不一致:{note}"),
        _c("duplicate-label", "Header label is duplicated: {note}", "表头重复:{note}"),
        _c("blank-label", "Header label is blank", "表头为空"),
        _c("missing-label", "Header label is missing: {note}", "缺少表头:{note}"),
        _c("extra-label", "Header has an extra label: {note}", "表头多出一列:{note}"),
        _c("hash-count", "File's SHA-256 does not match the descriptor: {note}", "文件的SHA-256与描述文件不符:{note}"),
        _c("byte-count", "File's size does not match the descriptor: {note}", "文件大小与描述文件不符:{note}"),
        _c("encoding-error", "File is not valid {note}", "文件编码错误:{note}"),
        _c("scheme-error", "The file cannot be opened: {note}", "无法打开文件:{note}"),
        _c("table-error", "Frictionless reports {note}", "Frictionless 报告:{note}"),
        # Cells
        _c(
            "number-not-canonical",
            "Cell {value!r} is not a canonical {expected}: write it with ASCII digits only",
            "单元格 {value!r} 不是规范的{expected}:只能使用半角阿拉伯数字",
            "Write {suggestion!r}: no full-width digits, signs, separators, leading zeros, units or 年.",
            "请写作 {suggestion!r}:不用全角数字、正号、分隔符、前导零、单位或“年”字。",
        ),
        # Provenance
        _c(
            "source-missing", "Source {value!r} has no stored text at {note}", "来源 {value!r} 在 {note} 处没有存储原文"
        ),
        _c(
            "source-hash-mismatch",
            "Stored text of source {value!r} does not match its sha256 (found {note})",
            "来源 {value!r} 的存储原文与其sha256不符(实际为 {note})",
        ),
        _c(
            "quote-not-in-source",
            "Quote does not occur in source {note} (whitespace and pinyin readings ignored)",
            "引文未出现在来源 {note} 中(已忽略空白和拼音注音)",
            "Copy the sentence from the stored source text character by character.",
            "请从存储的原文中逐字复制该句。",
        ),
        _c(
            "value-not-in-quote",
            "Quote does not contain the value {value!r} as written",
            "引文中没有按原文写法出现的数值 {value!r}",
            "Record the number exactly as the quote writes it (2.16 with unit 万个), "
            "or quote the sentence that carries it.",
            "请按引文写法记录数字(如2.16、单位万个),或改引载有该数字的句子。",
        ),
    )
}


def info(code: str) -> CodeInfo:
    """Look up a code; an unknown code is a programming error."""
    return CATALOGUE[code]
