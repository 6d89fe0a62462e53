"""The catalogue of issue codes: a stable slug, a layer, a severity, a message and a hint in en and zh.

Codes never change once published; messages may. Templates are rendered with ``str.format_map``
from an Issue's location (``path``, ``field``), ``value``, ``note`` and context; a placeholder the
context lacks renders as ``?``. ``docs/codes.md`` lists every code with an example (a test keeps
the two in sync).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Layer(StrEnum):
    PACKAGE = "package"
    BYTES = "bytes"
    STRUCTURE = "structure"
    CELLS = "cells"
    DOMAIN = "domain"
    PROVENANCE = "provenance"
    CONSISTENCY = "consistency"
    WORKBOOK = "workbook"


@dataclass(frozen=True)
class CodeInfo:
    code: str
    layer: Layer
    severity: Severity
    en: str
    zh: str
    hint_en: str = ""
    hint_zh: str = ""


E, W = Severity.ERROR, Severity.WARNING


def _c(layer: Layer, code: str, en: str, zh: str, hint_en: str = "", hint_zh: str = "", sev: Severity = E) -> CodeInfo:
    return CodeInfo(code, layer, sev, en, zh, hint_en, hint_zh)


_P, _B, _S, _C, _D, _V, _X = (
    Layer.PACKAGE, Layer.BYTES, Layer.STRUCTURE, Layer.CELLS, Layer.DOMAIN, Layer.PROVENANCE, Layer.CONSISTENCY,
)  # fmt: skip

_ENTRIES: tuple[CodeInfo, ...] = (
    # Package and descriptor
    _c(
        _P,
        "package-unreadable",
        "The package cannot be read: {note}",
        "无法读取数据包:{note}",
        "Fix the JSON of datapackage.json.",
        "请修正 datapackage.json 的 JSON 格式。",
    ),
    _c(
        _P,
        "descriptor-invalid",
        "datapackage.json does not meet the pledgekit profile at {json_path}: {note}",
        "datapackage.json 在 {json_path} 处不符合 pledgekit 数据包规范:{note}",
        "See docs/standard.md for the required metadata.",
        "必填元数据见 docs/standard.md。",
    ),
    _c(
        _P,
        "standard-drift",
        "{path} differs from the standard's {note}",
        "{path} 与标准中的 {note} 不一致",
        "Regenerate the copies with `pledgekit standard sync`; never edit them by hand.",
        "请运行 `pledgekit standard sync` 重新生成,不要手工修改副本。",
    ),
    _c(
        _P,
        "file-not-listed",
        "{value} is in the package folder but nothing refers to it",
        "{value} 位于数据包文件夹中,但没有被引用",
        "List it as a resource or a source, or move it out of the package: releases publish only listed files.",
        "请将其登记为资源或来源,或移出数据包:发布时只包含已登记的文件。",
        W,
    ),
    # Bytes
    _c(
        _B,
        "file-empty",
        "The file is empty",
        "文件为空",
        "A table needs at least its header line.",
        "表格至少需要表头行。",
    ),
    _c(
        _B,
        "file-too-large",
        "The file has {value} bytes, over the limit of {limit}",
        "文件大小为 {value} 字节,超过上限 {limit}",
        "Split the table or raise the limit deliberately.",
        "请拆分表格,或有意识地提高上限。",
    ),
    _c(
        _B,
        "encoding-not-utf8",
        "The file is not UTF-8 (first invalid byte at offset {note}); it looks like {guess}",
        "文件不是 UTF-8 编码(第一个无效字节位于偏移量 {note});看起来是 {guess} 编码",
        "Convert it to UTF-8, e.g. `iconv -f GB18030 -t UTF-8 in.csv > out.csv`, or save as 'CSV UTF-8' and "
        "remove the BOM.",
        "请转换为 UTF-8,例如 `iconv -f GB18030 -t UTF-8 in.csv > out.csv`,或另存为“CSV UTF-8”并去掉BOM。",
    ),
    _c(
        _B,
        "utf8-bom",
        "The file starts with a UTF-8 byte-order mark (BOM)",
        "文件以 UTF-8 字节顺序标记(BOM)开头",
        "Save without a BOM: published bytes must be canonical (releases ship an Excel workbook for Excel users).",
        "请保存为不带BOM的UTF-8:发布的数据须为规范字节(发布包另附Excel工作簿)。",
    ),
    _c(
        _B,
        "line-endings-mixed",
        "Line endings are mixed ({crlf} CRLF, {lf} LF, {cr} lone CR) from this line on",
        "换行符混用(CRLF {crlf} 个,LF {lf} 个,单独CR {cr} 个),从此行开始",
        "Use one style for the whole file, LF preferred.",
        "整个文件请统一使用一种换行符,建议使用LF。",
    ),
    _c(
        _B,
        "final-newline-missing",
        "The last line has no line ending",
        "最后一行没有换行符",
        "End the file with a newline.",
        "请在文件末尾加换行符。",
        W,
    ),
    _c(
        _B,
        "trailing-blank-line",
        "The file ends with a blank line",
        "文件末尾有空行",
        "Delete the empty lines at the end of the file.",
        "请删除文件末尾的空行。",
    ),
    _c(
        _B,
        "too-many-columns",
        "The header has {value} columns, over the limit of {limit}",
        "表头有 {value} 列,超过上限 {limit}",
        "Check the file is the right table.",
        "请确认文件是否为正确的表格。",
    ),
    # Structure (frictionless error types)
    _c(
        _S,
        "type-error",
        "Cell {value!r} is not a valid {expected}",
        "单元格 {value!r} 不是有效的 {expected}",
        "Write the value in the field's type: ASCII digits and a '.' for numbers, without unit or separators.",
        "请按字段类型填写:数字用半角阿拉伯数字和小数点“.”,不带单位和分隔符。",
    ),
    _c(
        _S,
        "constraint-error",
        "Cell {value!r} breaks the {constraint} constraint ({expected})",
        "单元格 {value!r} 不满足 {constraint} 约束({expected})",
        "See the field in docs/standard.md for the allowed values.",
        "允许的取值见 docs/standard.md 中该字段的说明。",
    ),
    _c(
        _S,
        "foreign-key",
        "{value!r} in {field} is not in {reference}",
        "{field} 的取值 {value!r} 不在 {reference} 中",
        "Use a code listed in the codelist, or add the code to schemas/codelists/.",
        "请使用代码表中已有的代码,或在 schemas/codelists/ 中补充该代码。",
    ),
    _c(
        _S,
        "primary-key",
        "Duplicate {field} {value!r}: {note}",
        "{field} {value!r} 重复:{note}",
        "Give the row an id no other row has.",
        "请为该行设置一个未被使用的编号。",
    ),
    _c(_S, "unique-error", "Value {value!r} must be unique: {note}", "取值 {value!r} 须唯一:{note}"),
    _c(
        _S,
        "missing-cell",
        "Row has no cell for {field}",
        "该行缺少 {field} 的单元格",
        "Rows need as many cells as the header; quote a cell that contains a comma.",
        "每行的单元格数须与表头一致;含逗号的单元格须加引号。",
    ),
    _c(
        _S,
        "extra-cell",
        "Row has an extra cell: {note}",
        "该行多出单元格:{note}",
        "Quote a cell that contains a comma.",
        "含逗号的单元格须加英文双引号。",
    ),
    _c(_S, "blank-row", "Row is blank", "该行为空行", "Delete the empty row.", "请删除空行。"),
    _c(
        _S,
        "incorrect-label",
        "Header {value!r} should be {field!r}",
        "表头 {value!r} 应为 {field!r}",
        "Keep the header exactly as the schema names the fields, in its order.",
        "表头须与数据结构定义的字段名及顺序完全一致。",
    ),
    _c(_S, "duplicate-label", "Header label {value!r} appears twice", "表头 {value!r} 重复出现"),
    _c(_S, "blank-label", "Header label is blank", "表头为空"),
    _c(_S, "missing-label", "Header has no column {field!r}", "表头缺少列 {field!r}"),
    _c(_S, "extra-label", "Header has an extra column {value!r}", "表头多出列 {value!r}"),
    _c(
        _S,
        "hash-count",
        "The file's hash does not match the descriptor's: {note}",
        "文件的哈希值与描述文件不符:{note}",
    ),
    _c(_S, "byte-count", "The file's size does not match the descriptor: {note}", "文件大小与描述文件不符:{note}"),
    _c(_S, "scheme-error", "The file cannot be opened: {note}", "无法打开文件:{note}"),
    _c(
        _S,
        "reference-missing",
        "The foreign key on {field} points into resource {value!r}, which the package does not have: it is not checked",
        "{field} 的外键指向资源 {value!r},但数据包中没有该资源:该外键未被检查",
        "Add the resource to datapackage.json, or correct the reference's resource name.",
        "请在 datapackage.json 中加入该资源,或改正外键所指的资源名。",
    ),
    _c(
        _S,
        "schema-error",
        "The resource's Table Schema or dialect cannot be used, so its rows are not checked: {note}",
        "该资源的表结构(Table Schema)或方言定义无法使用,其数据行未被检查:{note}",
        "Fix the schema against the Table Schema standard (https://datapackage.org/standard/table-schema/).",
        "请按 Table Schema 标准修正表结构定义(https://datapackage.org/standard/table-schema/)。",
    ),
    # Cells
    _c(
        _C,
        "number-not-canonical",
        "Cell {value!r} is not a canonical {expected}: write it with ASCII digits only",
        "单元格 {value!r} 不是规范的{expected_zh}:只能使用半角阿拉伯数字",
        "Write {suggestion!r}: no full-width digits, signs, separators, leading zeros, units, % or 年.",
        "请写作 {suggestion!r}:不用全角数字、正号、分隔符、前导零、单位、%或“年”字。",
    ),
    _c(
        _C,
        "cell-whitespace",
        "Cell {value!r} has leading or trailing whitespace",
        "单元格 {value!r} 首尾有空白字符",
        "Delete the spaces (including the full-width space U+3000) around the value.",
        "请删除取值前后的空格(包括全角空格U+3000)。",
    ),
    _c(
        _C,
        "control-character",
        "Cell contains the invisible character {char} at position {position}",
        "单元格第 {position} 个字符处含有不可见字符 {char}",
        "Retype the cell: control, zero-width and bidirectional characters are not allowed.",
        "请重新输入该单元格:不允许控制字符、零宽字符和双向控制字符。",
    ),
    _c(
        _C,
        "formula-injection",
        "Cell {value!r} starts with {char!r}, which spreadsheets run as a formula",
        "单元格 {value!r} 以 {char!r} 开头,电子表格会将其当作公式执行",
        "Reword the text so it does not start with = + - @ or a tab.",
        "请调整文字,不要以 = + - @ 或制表符开头。",
    ),
    _c(
        _C,
        "cell-too-long",
        "Cell has {value} bytes, over the limit of {limit}",
        "单元格有 {value} 字节,超过上限 {limit}",
    ),
    # Domain
    _c(
        _D,
        "district-not-canonical",
        "{value!r} is not a district code; it looks like {name} ({suggestion})",
        "{value!r} 不是区代码;看起来是 {name}({suggestion})",
        "Write the district's GB/T 2260 code: {suggestion}.",
        "请填写该区的GB/T 2260代码:{suggestion}。",
    ),
    _c(
        _D,
        "unit-dimension-mismatch",
        "Unit {value!r} measures {unit_dimension}, but {indicator} is {indicator_dimension}",
        "单位 {value!r} 度量的是 {unit_dimension},而指标 {indicator} 的量纲是 {indicator_dimension}",
        "Use a unit of the indicator's dimension, or the indicator that the figure measures (a growth rate is "
        "not a level; % is not 个百分点; 亿美元 is not 亿元).",
        "请使用与指标量纲一致的单位,或改用该数字实际度量的指标(增速不是总量;%不是个百分点;亿美元不是亿元)。",
    ),
    _c(_D, "share-out-of-range", "Share {value} is outside 0-100 %", "占比 {value} 超出 0–100% 范围"),
    _c(
        _D,
        "count-not-whole",
        "Count {value} in {unit} is not a whole number",
        "以 {unit} 计的数量 {value} 不是整数",
        "Counts of things are whole numbers; for 2.16万个 use unit 万个.",
        "事物数量须为整数;2.16万个请用单位“万个”。",
    ),
    _c(
        _D,
        "target-year-past",
        "Target year {value} is before the source was published ({published})",
        "目标年份 {value} 早于来源发布年份({published})",
        "A pledge targets a year not yet past; a figure for a past year is a metric.",
        "承诺的目标年份不能早于发布年份;过去年份的数字应记为指标数据。",
    ),
    _c(
        _D,
        "target-outside-period",
        "Target year {value} is outside the plan period {period_start}-{period_end}",
        "目标年份 {value} 不在规划期 {period_start}—{period_end} 内",
    ),
    _c(
        _D,
        "period-incomplete",
        "A plan period needs both period_start and period_end",
        "规划期须同时填写起始年和结束年",
    ),
    _c(_D, "period-order", "Period start {value} is not before the year {year}", "期初年份 {value} 不早于年份 {year}"),
    _c(
        _D,
        "metric-year-future",
        "Year {value} is after the source was published ({published})",
        "年份 {value} 晚于来源发布年份({published})",
        "A figure for a future year is a commitment.",
        "未来年份的数字应记为承诺。",
    ),
    _c(
        _D,
        "metric-should-be-estimate",
        "Status is {value!r}, but a figure for {year}, the year the source was published, must be an estimate",
        "状态为 {value!r},但来源发布当年({year})的数字须记为预计数(estimate)",
        "Set status to estimate: the year was not over (unless the source is that year's execution report).",
        "请将 status 设为 estimate:该年度尚未结束(该年度计划执行情况报告除外)。",
    ),
    _c(
        _D,
        "comparator-value-mismatch",
        "Comparator {value!r} {note}",
        "比较方式 {value!r}:{note}",
        "A completion pledge (complete) has no indicator, value or unit; every other comparator has all three.",
        "完成类承诺(complete)不填指标、目标值和单位;其他比较方式三者都须填写。",
    ),
    _c(_D, "range-bounds", "A range target needs target_value_max above target_value", "区间目标的上限须大于目标值"),
    _c(
        _D,
        "baseline-incomplete",
        "baseline_value and baseline_year go together, and the baseline year precedes the target",
        "基期值和基期年份须同时填写,且基期年份早于目标年份",
    ),
    # Provenance
    _c(
        _V, "source-missing", "Source {value!r} has no stored text at {note}", "来源 {value!r} 在 {note} 处没有存储原文"
    ),
    _c(
        _V,
        "source-hash-mismatch",
        "The stored text of source {value!r} does not match its sha256 (found {note})",
        "来源 {value!r} 的存储原文与其sha256不符(实际为 {note})",
        "Restore the original text; never edit a source.",
        "请恢复原文;来源文件不得修改。",
    ),
    _c(
        _V,
        "quote-not-in-source",
        "The quote does not occur in source {note} (whitespace and pinyin readings ignored)",
        "引文未出现在来源 {note} 中(已忽略空白和拼音注音)",
        "Copy the sentence from the stored source text character by character.",
        "请从存储的原文中逐字复制该句。",
    ),
    _c(
        _V,
        "value-not-in-quote",
        "The quote does not contain the value {value!r} as written",
        "引文中没有按原文写法出现的数值 {value!r}",
        "Record the number as the quote writes it (2.16 with unit 万个), or quote the sentence that carries it.",
        "请按引文写法记录数字(如2.16、单位万个),或改引载有该数字的句子。",
    ),
    # Consistency
    _c(
        _X,
        "figure-conflict",
        "{indicator} for {year} is {value} here but {other_value} in {other}",
        "{indicator} 的 {year} 年数据此处为 {value},而 {other} 中为 {other_value}",
        "The same figure must agree everywhere; check both quotes.",
        "同一数字在各处须一致;请核对两处引文。",
    ),
    _c(
        _X,
        "pledge-conflict",
        "Target for {indicator} by {year} is {value} here but {other_value} in {other}",
        "{indicator} 到 {year} 年的目标此处为 {value},而 {other} 中为 {other_value}",
        "Two sources pledge different targets: record both, and check the quotes.",
        "两个来源承诺的目标不同:请分别记录并核对引文。",
        W,
    ),
    _c(
        _X,
        "same-as-mismatch",
        "Row says it is the same as {value}, but differs in {note}",
        "该行标注与 {value} 相同,但 {note} 不一致",
    ),
    _c(_X, "id-duplicate", "Id {value!r} is also used in {other}", "编号 {value!r} 也用于 {other}"),
)

_ENTRIES += (
    _c(Layer.WORKBOOK, "xlsx-sheet-missing", "The workbook has no sheet {value!r}",
       "工作簿中没有名为 {value!r} 的工作表"),
    _c(Layer.WORKBOOK, "xlsx-header", "Column {value!r} is {note}", "列 {value!r}:{note}",
       "The first row holds the field names of the resource (docs/standard.md).",
       "第一行须为该资源的字段名(见 docs/standard.md)。"),
    _c(Layer.WORKBOOK, "xlsx-merged-cells", "Cells {value} are merged", "单元格 {value} 是合并单元格",
       "Unmerge them and write the value in every row it applies to.", "请取消合并,并在每一行填写对应的值。"),
    _c(Layer.WORKBOOK, "xlsx-formula", "The cell holds a formula {value!r}, not a value",
       "单元格含公式 {value!r},而不是数值",
       "Replace the formula by its value (Paste Special → Values).", "请将公式替换为数值(选择性粘贴→数值)。"),
    _c(Layer.WORKBOOK, "xlsx-date", "The cell is a date ({value}) where {field} expects {expected}",
       "该单元格是日期({value}),而 {field} 应为 {expected}",
       "Format the column as text or number and type the value again: Excel turned it into a date.",
       "请将该列设为文本或数字格式后重新输入:Excel 已把它变成了日期。"),
)  # fmt: skip

CATALOGUE: dict[str, CodeInfo] = {entry.code: entry for entry in _ENTRIES}

# Codes frictionless raises for any cell problem: a more specific code on the same cell replaces them.
GENERIC = frozenset({"type-error", "constraint-error", "foreign-key", "blank-row"})


def info(code: str) -> CodeInfo:
    """Look up a code; an unknown code is a programming error."""
    return CATALOGUE[code]
