"""The messages of the provenance and consistency layers, and of reading a steward's workbook."""

from __future__ import annotations

from ..codes import CodeInfo, Layer
from .entry import V, W, X, c

ENTRIES: tuple[CodeInfo, ...] = (
    # Provenance
    c(
        V,
        "source-missing",
        "Source {value!r} has no stored text at {note}",
        "来源 {value!r} 在 {note} 处没有存储原文",
        "Add the source text under sources/ unchanged, as UTF-8, with the name the sources row gives.",
        "请将来源原文以UTF-8原样存入 sources/,文件名与来源表中的一致。",
    ),
    c(
        V,
        "source-not-utf8",
        "The stored text of source {value!r} ({note}) is not UTF-8",
        "来源 {value!r} 的存储原文({note})不是UTF-8编码",
        "Store the text as UTF-8: `pledgekit source add FILE` converts a GBK or UTF-16 text when it adds it "
        "(then remove this row and its file, and cite the new id).",
        "原文须以UTF-8存储:`pledgekit source add 文件` 添加原文时会转换GBK或UTF-16编码"
        "(之后删除此行及其文件,并改用新的来源编号)。",
    ),
    c(
        V,
        "source-hash-mismatch",
        "The stored text of source {value!r} does not match its sha256 (found {note})",
        "来源 {value!r} 的存储原文与其sha256不符(实际为 {note})",
        "Restore the original text; never edit a source.",
        "请恢复原文;来源文件不得修改。",
    ),
    c(
        V,
        "quote-not-in-source",
        "The quote does not occur in source {note} (whitespace and pinyin readings ignored)",
        "引文未出现在来源 {note} 中(已忽略空白和拼音注音)",
        "Copy the sentence from the stored source text character by character.",
        "请从存储的原文中逐字复制该句。",
    ),
    c(
        V,
        "value-not-in-quote",
        "The quote does not contain the value {value!r} as written",
        "引文中没有按原文写法出现的数值 {value!r}",
        "Record the number as the quote writes it (2.16 with unit 万个), or quote the sentence that carries it.",
        "请按引文写法记录数字(如2.16、单位万个),或改引载有该数字的句子。",
    ),
    c(
        V,
        "quote-cuts-number",
        "The quote cuts a number of the source at its {side}: {value!r} is part of a longer number there",
        "引文{side_zh}截断了来源中的数字:{value!r} 在来源中是更长数字的一部分",
        "Extend the quote to the whole number as the source writes it (5.2%, not 5).",
        "请将引文延长到来源中完整的数字(如5.2%,而不是5)。",
    ),
    c(
        V,
        "value-text-mismatch",
        "value_text {value_text!r} reads as {read}, but the value is {value}",
        "数值原文写法 {value_text!r} 表示 {read},但数值为 {value}",
        "Make the value the number value_text writes (六 is 6, 四成 is 40 %, 翻一番 is 100 %), or correct value_text.",
        "请使数值与原文写法一致(六为6,四成为40%,翻一番为100%),或更正 value_text。",
    ),
    c(
        V,
        "qualifier-contradicts-quote",
        "The quote writes {written!r} at the number, which means {meaning}, but the {field} is {value!r}",
        "引文在该数字处写有“{written}”,表示 {meaning},但 {field} 为 {value!r}",
        "Set the field to what the quote's word means: 以上/超过/突破/余 at-least, 以内/不超过/不到 at-most, "
        "左右/约/近 about.",
        "请按引文用词填写:以上/超过/突破/余 为 at-least,以内/不超过/不到 为 at-most,左右/约/近 为 about。",
    ),
    c(
        V,
        "direction-contradicts-quote",
        "The quote writes {written!r} before the number, but {value!r} is an indicator of {kind}",
        "引文在该数字前写有“{written}”,但指标 {value!r} 的类型为 {kind}",
        "A fall of a growth indicator is a negative value (下降3.2% is -3.2); a decrease of a …-reduction indicator "
        "is a positive value (下降3% is 3); an increase is positive under a growth indicator.",
        "增长类指标下降记为负数(下降3.2%记为-3.2);…-reduction 类指标的下降记为正数(下降3%记为3);"
        "增长记为增长类指标的正数。",
    ),
    c(
        V,
        "unit-contradicts-quote",
        "The quote writes the number with {written!r}, but the unit {value!r} is {symbol!r}",
        "引文中该数字写作“{written}”,但单位 {value!r} 为“{symbol}”",
        "Choose the unit the quote writes after the number, magnitude included (2.16万个 is 2.16 item-10k; "
        "3个百分点 is 3 pp, not 3 pct).",
        "请按引文中数字后的写法选择单位,包括量级(2.16万个为2.16 item-10k;3个百分点为3 pp,不是3 pct)。",
    ),
    c(
        V,
        "status-contradicts-quote",
        "Status is 'actual', but the quote writes 预计 before the number",
        "状态为 'actual',但引文在该数字前写有“预计”",
        "A figure the quote gives as 预计 is an estimate: set status to estimate.",
        "引文写明“预计”的数字为预计数:请将 status 设为 estimate。",
    ),
    c(
        V,
        "statement-value-missing",
        "The {field} does not state the target {value!r}",
        "{field} 未写明目标值 {value!r}",
        "Write the target in the statement as the quote gives it (the English one may use bn, million, %).",
        "请在表述中写明引文给出的目标值(英文表述可使用 bn、million、% 等)。",
        W,
    ),
    # Consistency
    c(
        X,
        "figure-conflict",
        "{indicator} for {year} is {value} here but {other_value} in {other}",
        "{indicator} 的 {year} 年数据此处为 {value},而 {other} 中为 {other_value}",
        "The same figure must agree everywhere; check both quotes.",
        "同一数字在各处须一致;请核对两处引文。",
    ),
    c(
        X,
        "figure-duplicate",
        "{value} records the figure of {other} again, from the same quote of the same source",
        "{value} 重复记录了 {other} 的数字(同一来源的同一引文)",
        "Keep one row per figure: delete the repeat (a figure repeated in another sentence cites that sentence).",
        "每个数字只记录一行:请删除重复行(来源在另一句中重复的数字应引用那一句)。",
    ),
    c(
        X,
        "pledge-conflict",
        "Target for {indicator} by {year} is {value} here but {other_value} in {other}",
        "{indicator} 到 {year} 年的目标此处为 {value},而 {other} 中为 {other_value}",
        "Two sources pledge different targets: record both, and check the quotes.",
        "两个来源承诺的目标不同:请分别记录并核对引文。",
        W,
    ),
    c(
        X,
        "same-as-mismatch",
        "Row says it is the same as {value}, but differs in {note}",
        "该行标注与 {value} 相同,但 {note} 不一致",
        "Rows marked same_as report one figure: make them agree, or remove same_as.",
        "标注 same_as 的两行是同一数字:请使其一致,或删除 same_as。",
    ),
    c(
        X,
        "id-duplicate",
        "Id {value!r} is also used in {other}",
        "编号 {value!r} 也用于 {other}",
        "Ids are unique across all resources: give this row a new id.",
        "编号在所有资源中须唯一:请为该行另设编号。",
    ),
    c(
        X,
        "assessment-disagrees",
        "{commitment} is assessed {value} as of {as_of}, but its figures say {computed} ({method}: {evidence})",
        "{commitment} 截至 {as_of} 年的评估为 {value},但按数据计算为 {computed}({method}:{evidence})",
        "Check the assessment's quote against the figures (`pledgekit track --as-of YEAR` shows the computation): "
        "correct whichever is wrong, or keep the assessment if the figures miss what it knows.",
        "请对照数据核对评估所引原文(`pledgekit track --as-of 年份` 显示计算过程):更正有误的一方;"
        "若数据未能反映评估依据的事实,可保留评估。",
        W,
    ),
)

ENTRIES += (
    c(
        Layer.WORKBOOK,
        "xlsx-sheet-missing",
        "The workbook has no sheet {value!r}; its sheets are {sheets}",
        "工作簿中没有名为 {value!r} 的工作表;现有工作表:{sheets}",
        "Name the sheet with --sheet, or rename the sheet to the resource's name.",
        "请用 --sheet 指定工作表,或将工作表改名为资源名。",
    ),
    c(Layer.WORKBOOK, "xlsx-header", "Column {value!r} is {note}", "列 {value!r}:{note}",
       "The first row holds the field names of the resource (`pledgekit standard docs` lists them).",
       "第一行须为该资源的字段名(字段列表见 `pledgekit standard docs`)。"),
    c(Layer.WORKBOOK, "xlsx-merged-cells", "Cells {value} are merged", "单元格 {value} 是合并单元格",
       "Unmerge them and write the value in every row it applies to.", "请取消合并,并在每一行填写对应的值。"),
    c(Layer.WORKBOOK, "xlsx-formula", "The cell holds a formula {value!r}, not a value",
       "单元格含公式 {value!r},而不是数值",
       "Replace the formula by its value (Paste Special → Values).", "请将公式替换为数值(选择性粘贴→数值)。"),
    c(Layer.WORKBOOK, "xlsx-date", "The cell is a date ({value}) where {field} expects {expected}",
       "该单元格是日期({value}),而 {field} 应为 {expected}",
       "Format the column as text or number and type the value again: Excel turned it into a date.",
       "请将该列设为文本或数字格式后重新输入:Excel 已把它变成了日期。"),
)  # fmt: skip
