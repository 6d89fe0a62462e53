"""The message and hint of every issue code, in English and Chinese: the one place they are written.

Templates are rendered with ``str.format_map`` from an Issue's location (``path``, ``field``), ``value``,
``note`` and context; a placeholder the context lacks renders as ``?``. ``docs/codes.md`` lists every code
with an example (a test keeps the two in sync).
"""

from __future__ import annotations

from ..codes import Code, CodeInfo, Layer, Severity

E, W = Severity.ERROR, Severity.WARNING


def _c(layer: Layer, code: str, en: str, zh: str, hint_en: str = "", hint_zh: str = "", sev: Severity = E) -> CodeInfo:
    return CodeInfo(Code(code), layer, sev, en, zh, hint_en, hint_zh)


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
        "The package's schemas/datapackage.profile.json says what is required; `pledgekit standard docs` explains it.",
        "数据包中的 schemas/datapackage.profile.json 规定了必填元数据;说明见 `pledgekit standard docs`。",
    ),
    _c(
        _P,
        "standard-drift",
        "{path} differs from the standard's {note}",
        "{path} 与标准中的 {note} 不一致",
        "Regenerate the copies with `pledgekit standard sync`; never edit them by hand. Rows of your own belong "
        "in an extension (a resource named indicators-extension or units-extension, such as "
        "extensions/indicators.csv), which sync never touches.",
        "请运行 `pledgekit standard sync` 重新生成,不要手工修改副本。自定义的代码请写入扩展资源"
        "(名为 indicators-extension 或 units-extension 的资源,如 extensions/indicators.csv),sync 从不改动扩展。",
    ),
    _c(
        _P,
        "schema-not-standard",
        "the {resource} resource declares a schema other than the standard's ({value}); "
        "it is checked against the standard's {schema}",
        "资源 {resource} 声明的表结构不是标准中的表结构({value});已按标准的 {schema} 校验",
        "Point the resource's schema at {schema}: "
        "a resource the standard defines (or extends) is always checked against the standard.",
        "请将该资源的 schema 指向 {schema}:标准定义(或扩展)的资源始终按标准校验。",
    ),
    _c(
        _P,
        "resource-required",
        "the package has no {value} resource, which the standard's checks depend on",
        "数据包缺少 {value} 资源,而标准的校验依赖该资源",
        "Declare the resource again (`pledgekit standard sync` writes the codelists and schemas it needs): "
        "leaving it out would turn the checks that use it off.",
        "请重新声明该资源(`pledgekit standard sync` 会写入所需的代码表与表结构):缺少它会使依赖它的校验失效。",
    ),
    _c(
        _P,
        "standard-major-mismatch",
        "the package follows the standard {value}, but it is checked against the standard {standard}, "
        "another major version",
        "数据包遵循的标准版本为 {value},而校验所用标准为 {standard},主版本号不同",
        "Migrate the package with the MAJOR entries of the standard's changelog, then set "
        "standard_version; or validate with the standard it follows (--standard DIR).",
        "请按标准变更记录中的主版本条目迁移数据包后更新 standard_version;或用其遵循的标准校验(--standard DIR)。",
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
    _c(
        _P,
        "source-not-listed",
        "Source {value} is not in the descriptor's sources list",
        "来源 {value} 未列入描述文件的 sources",
        'Add {{"title": "{title}"}} to "sources" in datapackage.json: portals show that list '
        "(`pledgekit source add` adds it).",
        '请在 datapackage.json 的 "sources" 中加入 {{"title": "{title}"}}:门户网站展示该列表'
        "(`pledgekit source add` 会自动添加)。",
        W,
    ),
    _c(
        _P,
        "description-omits-district",
        "The {key} does not mention {name_zh} ({name_en}), the government of a source ({value})",
        "{key} 未提及来源所属政府 {name_zh}({value})",
        "Say in the description and description_zh of datapackage.json which governments the package covers.",
        "请在 datapackage.json 的 description 和 description_zh 中写明数据包涵盖的政府。",
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
        "Run `pledgekit fix {path}`: it converts GB18030/GBK to UTF-8 (or save as 'CSV UTF-8').",
        "请运行 `pledgekit fix {path}`:它会把 GB18030/GBK 转换为 UTF-8(或另存为“CSV UTF-8”)。",
    ),
    _c(
        _B,
        "utf8-bom",
        "The file starts with a UTF-8 byte-order mark (BOM)",
        "文件以 UTF-8 字节顺序标记(BOM)开头",
        "Run `pledgekit fix {path}` to remove it (Excel always writes one; releases ship a workbook for Excel).",
        "请运行 `pledgekit fix {path}` 去掉BOM(Excel 保存时总会加上;发布包另附Excel工作簿)。",
    ),
    _c(
        _B,
        "line-endings-mixed",
        "Line endings are mixed ({crlf} CRLF, {lf} LF, {cr} lone CR) from this line on",
        "换行符混用(CRLF {crlf} 个,LF {lf} 个,单独CR {cr} 个),从此行开始",
        "Run `pledgekit fix {path}`: every line then ends with LF.",
        "请运行 `pledgekit fix {path}`:所有行将统一以LF结尾。",
    ),
    _c(
        _B,
        "final-newline-missing",
        "The last line has no line ending",
        "最后一行没有换行符",
        "End the file with a newline (`pledgekit fix {path}` adds it).",
        "请在文件末尾加换行符(`pledgekit fix {path}` 会自动添加)。",
        W,
    ),
    _c(
        _B,
        "trailing-blank-line",
        "The file ends with a blank line",
        "文件末尾有空行",
        "Delete the empty lines at the end of the file (`pledgekit fix {path}` does).",
        "请删除文件末尾的空行(`pledgekit fix {path}` 会自动删除)。",
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
        "Cell {value!r} breaks the {constraint} constraint: the value must be {rule}",
        "单元格 {value!r} 不满足约束:取值须{rule_zh}",
        "Write a value that is {rule}; `pledgekit standard docs` describes every field.",
        "请修改该单元格,使取值{rule_zh};各字段的说明见 `pledgekit standard docs`。",
    ),
    _c(
        _S,
        "foreign-key",
        "{value!r} in {field} is not in {reference}",
        "{field} 的取值 {value!r} 不在 {reference} 中",
        "{did_you_mean}Use a value listed in {reference}.",
        "{did_you_mean_zh}请使用 {reference} 中已有的值。",
    ),
    _c(
        _S,
        "primary-key",
        "Duplicate {field} {value!r}: {note}",
        "{field} {value!r} 重复:{note}",
        "Give the row an id no other row has.",
        "请为该行设置一个未被使用的编号。",
    ),
    _c(
        _S,
        "unique-error",
        "Value {value!r} must be unique: {note}",
        "取值 {value!r} 须唯一:{note}",
        "Each value of this field may appear once: correct or remove the repeated row.",
        "该字段每个取值只能出现一次:请改正或删除重复的行。",
    ),
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
    _c(
        _S,
        "duplicate-label",
        "Header label {value!r} appears twice",
        "表头 {value!r} 重复出现",
        "Give every column its own name, exactly as the schema names the fields.",
        "每一列须有各自的列名,与数据结构定义的字段名一致。",
    ),
    _c(
        _S,
        "blank-label",
        "Header label is blank",
        "表头为空",
        "Write the field's name in the header.",
        "请在表头填写该字段名。",
    ),
    _c(
        _S,
        "missing-label",
        "Header has no column {field!r}",
        "表头缺少列 {field!r}",
        "Add the column, or check that no column was deleted or merged.",
        "请补上该列,并检查是否误删或合并了列。",
    ),
    _c(
        _S,
        "extra-label",
        "Header has an extra column {value!r}",
        "表头多出列 {value!r}",
        "Remove the column, or add the field to the schema as an extension.",
        "请删除该列,或在数据结构中扩展该字段。",
    ),
    _c(
        _S,
        "blank-header",
        "The header row is empty",
        "表头行为空",
        "The first row names the fields, in the schema's order.",
        "第一行须按数据结构定义的顺序写出字段名。",
    ),
    _c(
        _S,
        "unmatched-header",
        "No label of the header matches a field of the schema",
        "表头中没有任何列名与数据结构的字段对应",
        "Check that this is the right file for the resource, and that the header is its first row.",
        "请检查该资源是否对应了正确的文件,以及表头是否位于第一行。",
    ),
    _c(
        _S,
        "hash-count",
        "The file's hash does not match the descriptor's: {note}",
        "文件的哈希值与描述文件不符:{note}",
        "The file changed after the descriptor was written: restore it, or update the descriptor's hash.",
        "描述文件写成后该文件被改动:请恢复原文件,或更新描述文件中的哈希值。",
    ),
    _c(
        _S,
        "byte-count",
        "The file's size does not match the descriptor: {note}",
        "文件大小与描述文件不符:{note}",
        "The file changed after the descriptor was written: restore it, or update the descriptor's bytes.",
        "描述文件写成后该文件被改动:请恢复原文件,或更新描述文件中的字节数。",
    ),
    _c(
        _S,
        "scheme-error",
        "The file cannot be opened: {note}",
        "无法打开文件:{note}",
        "Restore the file, or correct its path in datapackage.json.",
        "请恢复该文件,或改正 datapackage.json 中的路径。",
    ),
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
        "{write}: no full-width digits, signs, separators, leading zeros, units, % or 年 "
        "(`pledgekit fix {path}` rewrites full-width digits).",
        "{write_zh}:不用全角数字、正号、分隔符、前导零、单位、%或“年”字(`pledgekit fix {path}` 可改写全角数字)。",
    ),
    _c(
        _C,
        "cell-whitespace",
        "Cell {value!r} has leading or trailing whitespace",
        "单元格 {value!r} 首尾有空白字符",
        "Delete the spaces (including the full-width space U+3000) around the value (`pledgekit fix {path}` does).",
        "请删除取值前后的空格(包括全角空格U+3000)(`pledgekit fix {path}` 可自动删除)。",
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
        "Shorten the cell: a quote is one sentence of the report, not a paragraph.",
        "请缩短该单元格:引文应为报告中的一句话,而不是一整段。",
    ),
    # Domain
    _c(
        _D,
        "district-not-canonical",
        "{value!r} is not a district code; it looks like {name} ({suggestion})",
        "{value!r} 不是区代码;看起来是 {name}({suggestion})",
        "Write the district's GB/T 2260 code: {suggestion} (`pledgekit fix {path}` does).",
        "请填写该区的GB/T 2260代码:{suggestion}(`pledgekit fix {path}` 可自动改写)。",
    ),
    _c(
        _D,
        "district-retired",
        "Division code {value} is for {year}, but its last list was {valid_to}: the code had been retired",
        "区划代码 {value} 用于 {year} 年,但其最后出现在 {valid_to} 的名录中:该代码已撤销",
        "Write the code in force in {year} (the districts codelist's valid_from and valid_to; "
        "`pledgekit standard docs` explains them).",
        "请填写 {year} 年有效的区划代码(见 districts 代码表的 valid_from 和 valid_to;"
        "说明见 `pledgekit standard docs`)。",
    ),
    _c(
        _D,
        "district-outside-source",
        "Division {value} is neither the division of source {source_id} ({source_district}) nor inside it",
        "区划 {value} 既不是来源 {source_id} 的区划({source_district}),也不在其辖内",
        "A source speaks for its own division and those inside it: cite the source of {value}, or write "
        "{source_district} or a division inside it.",
        "来源只能说明其本级及下辖区划:请引用 {value} 的来源,或填写 {source_district} 或其下辖区划。",
    ),
    _c(
        _D,
        "area-unknown",
        "Area {value!r} of division {district} is not in the package's list of areas",
        "区划 {district} 的片区 {value!r} 不在本数据包的片区清单中",
        "{did_you_mean}Write the area as data/areas.csv lists it, or add it there "
        "(district_code {district}, name_zh, kind); leave area_zh empty when the row is about the whole division.",
        "{did_you_mean_zh}请按 data/areas.csv 中的写法填写片区,或在该文件中新增"
        "(district_code {district}、name_zh、kind);针对全区的行请将 area_zh 留空。",
    ),
    _c(
        _D,
        "area-outside-division",
        "Area {value!r} lies in {area_district}, not in division {district} or inside it",
        "片区 {value!r} 位于 {area_district},不在区划 {district} 或其辖内",
        "A row's area lies inside its division: correct district_code or area_zh; work done for another "
        "division's area (结对帮扶) is the row's division's, with the place in note and area_zh empty.",
        "行记录的片区必须在其区划内:请更正 district_code 或 area_zh;为其他区划的片区所做的工作(如结对帮扶)"
        "记在本区划,地点写入 note,area_zh 留空。",
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
    _c(
        _D,
        "share-out-of-range",
        "Share {value} is outside 0-100 %",
        "占比 {value} 超出 0–100% 范围",
        "A share is a percentage between 0 and 100: check the unit and the indicator.",
        "占比是0到100之间的百分数:请检查单位和指标。",
    ),
    _c(
        _D,
        "value-negative",
        "{value} is negative, but {indicator} is a {indicator_kind} indicator",
        "{value} 为负数,而 {indicator} 是 {indicator_kind} 类指标",
        "Only growth and change indicators may fall below zero: record a decrease with a …-reduction indicator "
        "and a positive value, or use the growth indicator the quote states.",
        "只有增长类(growth)与变化类(change)指标可为负数:下降请用…-reduction指标记为正数,或改用原文所述的增长类指标。",
    ),
    _c(
        _D,
        "extension-collision",
        "{value} is already in the standard's {codelist} codelist: an extension adds codes, never changes one",
        "{value} 已在标准的 {codelist} 代码表中:扩展只能新增代码,不能改动已有代码",
        "Use the standard's row as it is (drop this one), or give the extension row a code of its own.",
        "请直接使用标准中的该行(删除本行),或为扩展行另取代码。",
    ),
    _c(
        _D,
        "extension-broader",
        "extension indicator's broader {value!r} is not a core indicator of the standard",
        "扩展指标的上位指标 {value!r} 不是标准中的核心指标",
        "An extension indicator narrows a core indicator of the standard: set broader to one (a standard "
        "indicator with an empty broader; `pledgekit standard docs` describes the codelist).",
        "扩展指标须细化标准中的某个核心指标:请将 broader 设为标准中 broader 为空的指标。",
    ),
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
        "The target year lies in the plan period: check target_year, period_start and period_end.",
        "目标年份应在规划期内:请检查 target_year、period_start 和 period_end。",
    ),
    _c(
        _D,
        "period-incomplete",
        "A plan period needs both period_start and period_end",
        "规划期须同时填写起始年和结束年",
        "Give both period_start and period_end, or neither.",
        "period_start 与 period_end 须同时填写或同时留空。",
    ),
    _c(
        _D,
        "breakdown-without-indicator",
        "Breakdown {value} names a part of an indicator, but the row has no indicator",
        "细分 {value} 表示某一指标的一部分,但该行没有指标",
        "A breakdown says which part of an indicator's whole a row is about: give the indicator, or leave "
        "breakdown empty.",
        "细分说明该行所涉及的是指标整体中的哪一部分:请填写指标,或将 breakdown 留空。",
    ),
    _c(
        _D,
        "period-order",
        "Period start {value} is not before the year {year}",
        "期初年份 {value} 不早于年份 {year}",
        "period_start comes before the year (or period_end): check the years.",
        "period_start 应早于年份(或 period_end):请检查年份。",
    ),
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
        "metric-should-be-actual",
        "Status is 'estimate', but the year was over when the source was published ({published}) "
        "and the quote does not say 预计",
        "状态为 'estimate',但来源发布时({published})该年度已结束,且引文未写“预计”",
        "Set status to actual if the source reports the year's result; keep estimate only for 预计 figures.",
        "如来源报告的是该年度实际结果,请将 status 设为 actual;只有“预计”数字才记为 estimate。",
        W,
    ),
    _c(
        _D,
        "year-contradicts-quote",
        "The quote names {named_years}, but the row's year is {value}",
        "引文写明的年份为 {named_years},但该行年份为 {value}",
        "Use the year the quote names (a comparison base such as 比2020年 is not the figure's year), or quote "
        "the sentence that names the row's year.",
        "请使用引文写明的年份(比2020年等比较基期不是数字所属年份),或改引写明该年份的句子。",
        W,
    ),
    _c(
        _D,
        "year-contradicts-source",
        "The source is the execution report for {plan_year}, but the figure's year is {value} "
        "and the quote names no year",
        "来源为 {plan_year} 年计划执行情况报告,但该数字年份为 {value},且引文未写明年份",
        "An execution report's figures are for its plan year unless the quote names another year.",
        "计划执行情况报告中的数字属于其计划年度,除非引文写明其他年份。",
        W,
    ),
    _c(
        _D,
        "id-source-mismatch",
        "The id {value!r} is numbered for another source than {source_id}",
        "编号 {value!r} 的来源序号与 {source_id} 不符",
        "An id carries its source's number (c-007-0001 cites src-007): renumber the row or correct source_id.",
        "编号须含所引来源的序号(c-007-0001 引用 src-007):请重新编号或更正 source_id。",
    ),
    _c(
        _D,
        "comparator-value-mismatch",
        "Comparator {value!r} {note}",
        "比较方式 {value!r}:{note}",
        "A completion pledge (complete) has no indicator, value or unit; every other comparator has all three.",
        "完成类承诺(complete)不填指标、目标值和单位;其他比较方式三者都须填写。",
    ),
    _c(
        _D,
        "range-bounds",
        "A range target needs target_value_max above target_value",
        "区间目标的上限须大于目标值",
        "A range gives target_value and a larger target_value_max.",
        "区间目标须填写 target_value 和更大的 target_value_max。",
    ),
    _c(
        _D,
        "baseline-incomplete",
        "baseline_value and baseline_year go together, and the baseline year precedes the target",
        "基期值和基期年份须同时填写,且基期年份早于目标年份",
        "Give both baseline_value and baseline_year, or neither.",
        "baseline_value 与 baseline_year 须同时填写或同时留空。",
    ),
    # Provenance
    _c(
        _V,
        "source-missing",
        "Source {value!r} has no stored text at {note}",
        "来源 {value!r} 在 {note} 处没有存储原文",
        "Add the source text under sources/ unchanged, as UTF-8, with the name the sources row gives.",
        "请将来源原文以UTF-8原样存入 sources/,文件名与来源表中的一致。",
    ),
    _c(
        _V,
        "source-not-utf8",
        "The stored text of source {value!r} ({note}) is not UTF-8",
        "来源 {value!r} 的存储原文({note})不是UTF-8编码",
        "Store the text as UTF-8: `pledgekit source add FILE` converts a GBK or UTF-16 text when it adds it "
        "(then remove this row and its file, and cite the new id).",
        "原文须以UTF-8存储:`pledgekit source add 文件` 添加原文时会转换GBK或UTF-16编码"
        "(之后删除此行及其文件,并改用新的来源编号)。",
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
    _c(
        _V,
        "quote-cuts-number",
        "The quote cuts a number of the source at its {side}: {value!r} is part of a longer number there",
        "引文{side_zh}截断了来源中的数字:{value!r} 在来源中是更长数字的一部分",
        "Extend the quote to the whole number as the source writes it (5.2%, not 5).",
        "请将引文延长到来源中完整的数字(如5.2%,而不是5)。",
    ),
    _c(
        _V,
        "value-text-mismatch",
        "value_text {value_text!r} reads as {read}, but the value is {value}",
        "数值原文写法 {value_text!r} 表示 {read},但数值为 {value}",
        "Make the value the number value_text writes (六 is 6, 四成 is 40 %, 翻一番 is 100 %), or correct value_text.",
        "请使数值与原文写法一致(六为6,四成为40%,翻一番为100%),或更正 value_text。",
    ),
    _c(
        _V,
        "qualifier-contradicts-quote",
        "The quote writes {written!r} at the number, which means {meaning}, but the {field} is {value!r}",
        "引文在该数字处写有“{written}”,表示 {meaning},但 {field} 为 {value!r}",
        "Set the field to what the quote's word means: 以上/超过/突破/余 at-least, 以内/不超过/不到 at-most, "
        "左右/约/近 about.",
        "请按引文用词填写:以上/超过/突破/余 为 at-least,以内/不超过/不到 为 at-most,左右/约/近 为 about。",
    ),
    _c(
        _V,
        "direction-contradicts-quote",
        "The quote writes {written!r} before the number, but {value!r} is an indicator of {kind}",
        "引文在该数字前写有“{written}”,但指标 {value!r} 的类型为 {kind}",
        "A fall of a growth indicator is a negative value (下降3.2% is -3.2); a decrease of a …-reduction indicator "
        "is a positive value (下降3% is 3); an increase is positive under a growth indicator.",
        "增长类指标下降记为负数(下降3.2%记为-3.2);…-reduction 类指标的下降记为正数(下降3%记为3);"
        "增长记为增长类指标的正数。",
    ),
    _c(
        _V,
        "unit-contradicts-quote",
        "The quote writes the number with {written!r}, but the unit {value!r} is {symbol!r}",
        "引文中该数字写作“{written}”,但单位 {value!r} 为“{symbol}”",
        "Choose the unit the quote writes after the number, magnitude included (2.16万个 is 2.16 item-10k; "
        "3个百分点 is 3 pp, not 3 pct).",
        "请按引文中数字后的写法选择单位,包括量级(2.16万个为2.16 item-10k;3个百分点为3 pp,不是3 pct)。",
    ),
    _c(
        _V,
        "status-contradicts-quote",
        "Status is 'actual', but the quote writes 预计 before the number",
        "状态为 'actual',但引文在该数字前写有“预计”",
        "A figure the quote gives as 预计 is an estimate: set status to estimate.",
        "引文写明“预计”的数字为预计数:请将 status 设为 estimate。",
    ),
    _c(
        _V,
        "statement-value-missing",
        "The {field} does not state the target {value!r}",
        "{field} 未写明目标值 {value!r}",
        "Write the target in the statement as the quote gives it (the English one may use bn, million, %).",
        "请在表述中写明引文给出的目标值(英文表述可使用 bn、million、% 等)。",
        W,
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
        "figure-duplicate",
        "{value} records the figure of {other} again, from the same quote of the same source",
        "{value} 重复记录了 {other} 的数字(同一来源的同一引文)",
        "Keep one row per figure: delete the repeat (a figure repeated in another sentence cites that sentence).",
        "每个数字只记录一行:请删除重复行(来源在另一句中重复的数字应引用那一句)。",
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
        "Rows marked same_as report one figure: make them agree, or remove same_as.",
        "标注 same_as 的两行是同一数字:请使其一致,或删除 same_as。",
    ),
    _c(
        _X,
        "id-duplicate",
        "Id {value!r} is also used in {other}",
        "编号 {value!r} 也用于 {other}",
        "Ids are unique across all resources: give this row a new id.",
        "编号在所有资源中须唯一:请为该行另设编号。",
    ),
    _c(
        _X,
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

_ENTRIES += (
    _c(
        Layer.WORKBOOK,
        "xlsx-sheet-missing",
        "The workbook has no sheet {value!r}; its sheets are {sheets}",
        "工作簿中没有名为 {value!r} 的工作表;现有工作表:{sheets}",
        "Name the sheet with --sheet, or rename the sheet to the resource's name.",
        "请用 --sheet 指定工作表,或将工作表改名为资源名。",
    ),
    _c(Layer.WORKBOOK, "xlsx-header", "Column {value!r} is {note}", "列 {value!r}:{note}",
       "The first row holds the field names of the resource (`pledgekit standard docs` lists them).",
       "第一行须为该资源的字段名(字段列表见 `pledgekit standard docs`)。"),
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

CATALOGUE: dict[Code, CodeInfo] = {entry.code: entry for entry in _ENTRIES}

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
