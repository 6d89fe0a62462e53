"""The messages of the cells and domain layers: what a cell holds and what a row means."""

from __future__ import annotations

from ..codes import CodeInfo
from .entry import C, D, W, c

ENTRIES: tuple[CodeInfo, ...] = (
    # Cells
    c(
        C,
        "number-not-canonical",
        "Cell {value!r} is not a canonical {expected}: write it with ASCII digits only",
        "单元格 {value!r} 不是规范的{expected_zh}:只能使用半角阿拉伯数字",
        "{write}: no full-width digits, signs, separators, leading zeros, units, % or 年 "
        "(`pledgekit fix {path}` rewrites full-width digits).",
        "{write_zh}:不用全角数字、正号、分隔符、前导零、单位、%或“年”字(`pledgekit fix {path}` 可改写全角数字)。",
    ),
    c(
        C,
        "cell-whitespace",
        "Cell {value!r} has leading or trailing whitespace",
        "单元格 {value!r} 首尾有空白字符",
        "Delete the spaces (including the full-width space U+3000) around the value (`pledgekit fix {path}` does).",
        "请删除取值前后的空格(包括全角空格U+3000)(`pledgekit fix {path}` 可自动删除)。",
    ),
    c(
        C,
        "control-character",
        "Cell contains the invisible character {char} at position {position}",
        "单元格第 {position} 个字符处含有不可见字符 {char}",
        "Retype the cell: control, zero-width and bidirectional characters are not allowed.",
        "请重新输入该单元格:不允许控制字符、零宽字符和双向控制字符。",
    ),
    c(
        C,
        "formula-injection",
        "Cell {value!r} starts with {char!r}, which spreadsheets run as a formula",
        "单元格 {value!r} 以 {char!r} 开头,电子表格会将其当作公式执行",
        "Reword the text so it does not start with = + - @ or a tab.",
        "请调整文字,不要以 = + - @ 或制表符开头。",
    ),
    c(
        C,
        "cell-too-long",
        "Cell has {value} bytes, over the limit of {limit}",
        "单元格有 {value} 字节,超过上限 {limit}",
        "Shorten the cell: a quote is one sentence of the report, not a paragraph.",
        "请缩短该单元格:引文应为报告中的一句话,而不是一整段。",
    ),
    # Domain
    c(
        D,
        "district-not-canonical",
        "{value!r} is not a district code; it looks like {name} ({suggestion})",
        "{value!r} 不是区代码;看起来是 {name}({suggestion})",
        "Write the district's GB/T 2260 code: {suggestion} (`pledgekit fix {path}` does).",
        "请填写该区的GB/T 2260代码:{suggestion}(`pledgekit fix {path}` 可自动改写)。",
    ),
    c(
        D,
        "district-retired",
        "Division code {value} is for {year}, but its last list was {valid_to}: the code had been retired",
        "区划代码 {value} 用于 {year} 年,但其最后出现在 {valid_to} 的名录中:该代码已撤销",
        "Write the code in force in {year} (the districts codelist's valid_from and valid_to; "
        "`pledgekit standard docs` explains them).",
        "请填写 {year} 年有效的区划代码(见 districts 代码表的 valid_from 和 valid_to;"
        "说明见 `pledgekit standard docs`)。",
    ),
    c(
        D,
        "district-outside-source",
        "Division {value} is neither the division of source {source_id} ({source_district}) nor inside it",
        "区划 {value} 既不是来源 {source_id} 的区划({source_district}),也不在其辖内",
        "A source speaks for its own division and those inside it: cite the source of {value}, or write "
        "{source_district} or a division inside it.",
        "来源只能说明其本级及下辖区划:请引用 {value} 的来源,或填写 {source_district} 或其下辖区划。",
    ),
    c(
        D,
        "area-unknown",
        "Area {value!r} of division {district} is not in the package's list of areas",
        "区划 {district} 的片区 {value!r} 不在本数据包的片区清单中",
        "{did_you_mean}Write the area as data/areas.csv lists it, or add it there "
        "(district_code {district}, name_zh, kind); leave area_zh empty when the row is about the whole division.",
        "{did_you_mean_zh}请按 data/areas.csv 中的写法填写片区,或在该文件中新增"
        "(district_code {district}、name_zh、kind);针对全区的行请将 area_zh 留空。",
    ),
    c(
        D,
        "area-outside-division",
        "Area {value!r} lies in {area_district}, not in division {district} or inside it",
        "片区 {value!r} 位于 {area_district},不在区划 {district} 或其辖内",
        "A row's area lies inside its division: correct district_code or area_zh; work done for another "
        "division's area (结对帮扶) is the row's division's, with the place in note and area_zh empty.",
        "行记录的片区必须在其区划内:请更正 district_code 或 area_zh;为其他区划的片区所做的工作(如结对帮扶)"
        "记在本区划,地点写入 note,area_zh 留空。",
    ),
    c(
        D,
        "unit-dimension-mismatch",
        "Unit {value!r} measures {unit_dimension}, but {indicator} is {indicator_dimension}",
        "单位 {value!r} 度量的是 {unit_dimension},而指标 {indicator} 的量纲是 {indicator_dimension}",
        "Use a unit of the indicator's dimension, or the indicator that the figure measures (a growth rate is "
        "not a level; % is not 个百分点; 亿美元 is not 亿元).",
        "请使用与指标量纲一致的单位,或改用该数字实际度量的指标(增速不是总量;%不是个百分点;亿美元不是亿元)。",
    ),
    c(
        D,
        "share-out-of-range",
        "Share {value} is outside 0-100 %",
        "占比 {value} 超出 0–100% 范围",
        "A share is a percentage between 0 and 100: check the unit and the indicator.",
        "占比是0到100之间的百分数:请检查单位和指标。",
    ),
    c(
        D,
        "value-negative",
        "{value} is negative, but {indicator} is a {indicator_kind} indicator",
        "{value} 为负数,而 {indicator} 是 {indicator_kind} 类指标",
        "Only growth and change indicators may fall below zero: record a decrease with a …-reduction indicator "
        "and a positive value, or use the growth indicator the quote states.",
        "只有增长类(growth)与变化类(change)指标可为负数:下降请用…-reduction指标记为正数,或改用原文所述的增长类指标。",
    ),
    c(
        D,
        "extension-collision",
        "{value} is already in the standard's {codelist} codelist: an extension adds codes, never changes one",
        "{value} 已在标准的 {codelist} 代码表中:扩展只能新增代码,不能改动已有代码",
        "Use the standard's row as it is (drop this one), or give the extension row a code of its own.",
        "请直接使用标准中的该行(删除本行),或为扩展行另取代码。",
    ),
    c(
        D,
        "extension-broader",
        "extension indicator's broader {value!r} is not a core indicator of the standard",
        "扩展指标的上位指标 {value!r} 不是标准中的核心指标",
        "An extension indicator narrows a core indicator of the standard: set broader to one (a standard "
        "indicator with an empty broader; `pledgekit standard docs` describes the codelist).",
        "扩展指标须细化标准中的某个核心指标:请将 broader 设为标准中 broader 为空的指标。",
    ),
    c(
        D,
        "count-not-whole",
        "Count {value} in {unit} is not a whole number",
        "以 {unit} 计的数量 {value} 不是整数",
        "Counts of things are whole numbers; for 2.16万个 use unit 万个.",
        "事物数量须为整数;2.16万个请用单位“万个”。",
    ),
    c(
        D,
        "target-year-past",
        "Target year {value} is before the source was published ({published})",
        "目标年份 {value} 早于来源发布年份({published})",
        "A pledge targets a year not yet past; a figure for a past year is a metric.",
        "承诺的目标年份不能早于发布年份;过去年份的数字应记为指标数据。",
    ),
    c(
        D,
        "target-outside-period",
        "Target year {value} is outside the plan period {period_start}-{period_end}",
        "目标年份 {value} 不在规划期 {period_start}—{period_end} 内",
        "The target year lies in the plan period: check target_year, period_start and period_end.",
        "目标年份应在规划期内:请检查 target_year、period_start 和 period_end。",
    ),
    c(
        D,
        "period-incomplete",
        "A plan period needs both period_start and period_end",
        "规划期须同时填写起始年和结束年",
        "Give both period_start and period_end, or neither.",
        "period_start 与 period_end 须同时填写或同时留空。",
    ),
    c(
        D,
        "breakdown-without-indicator",
        "Breakdown {value} names a part of an indicator, but the row has no indicator",
        "细分 {value} 表示某一指标的一部分,但该行没有指标",
        "A breakdown says which part of an indicator's whole a row is about: give the indicator, or leave "
        "breakdown empty.",
        "细分说明该行所涉及的是指标整体中的哪一部分:请填写指标,或将 breakdown 留空。",
    ),
    c(
        D,
        "period-order",
        "Period start {value} is not before the year {year}",
        "期初年份 {value} 不早于年份 {year}",
        "period_start comes before the year (or period_end): check the years.",
        "period_start 应早于年份(或 period_end):请检查年份。",
    ),
    c(
        D,
        "metric-year-future",
        "Year {value} is after the source was published ({published})",
        "年份 {value} 晚于来源发布年份({published})",
        "A figure for a future year is a commitment.",
        "未来年份的数字应记为承诺。",
    ),
    c(
        D,
        "metric-should-be-estimate",
        "Status is {value!r}, but a figure for {year}, the year the source was published, must be an estimate",
        "状态为 {value!r},但来源发布当年({year})的数字须记为预计数(estimate)",
        "Set status to estimate: the year was not over (unless the source is that year's execution report).",
        "请将 status 设为 estimate:该年度尚未结束(该年度计划执行情况报告除外)。",
    ),
    c(
        D,
        "metric-should-be-actual",
        "Status is 'estimate', but the year was over when the source was published ({published}) "
        "and the quote does not say 预计",
        "状态为 'estimate',但来源发布时({published})该年度已结束,且引文未写“预计”",
        "Set status to actual if the source reports the year's result; keep estimate only for 预计 figures.",
        "如来源报告的是该年度实际结果,请将 status 设为 actual;只有“预计”数字才记为 estimate。",
        W,
    ),
    c(
        D,
        "year-contradicts-quote",
        "The quote names {named_years}, but the row's year is {value}",
        "引文写明的年份为 {named_years},但该行年份为 {value}",
        "Use the year the quote names (a comparison base such as 比2020年 is not the figure's year), or quote "
        "the sentence that names the row's year.",
        "请使用引文写明的年份(比2020年等比较基期不是数字所属年份),或改引写明该年份的句子。",
        W,
    ),
    c(
        D,
        "year-contradicts-source",
        "The source is the execution report for {plan_year}, but the figure's year is {value} "
        "and the quote names no year",
        "来源为 {plan_year} 年计划执行情况报告,但该数字年份为 {value},且引文未写明年份",
        "An execution report's figures are for its plan year unless the quote names another year.",
        "计划执行情况报告中的数字属于其计划年度,除非引文写明其他年份。",
        W,
    ),
    c(
        D,
        "id-source-mismatch",
        "The id {value!r} is numbered for another source than {source_id}",
        "编号 {value!r} 的来源序号与 {source_id} 不符",
        "An id carries its source's number (c-007-0001 cites src-007): renumber the row or correct source_id.",
        "编号须含所引来源的序号(c-007-0001 引用 src-007):请重新编号或更正 source_id。",
    ),
    c(
        D,
        "comparator-value-mismatch",
        "Comparator {value!r} {note}",
        "比较方式 {value!r}:{note}",
        "A completion pledge (complete) has no indicator, value or unit; every other comparator has all three.",
        "完成类承诺(complete)不填指标、目标值和单位;其他比较方式三者都须填写。",
    ),
    c(
        D,
        "range-bounds",
        "A range target needs target_value_max above target_value",
        "区间目标的上限须大于目标值",
        "A range gives target_value and a larger target_value_max.",
        "区间目标须填写 target_value 和更大的 target_value_max。",
    ),
    c(
        D,
        "baseline-incomplete",
        "baseline_value and baseline_year go together, and the baseline year precedes the target",
        "基期值和基期年份须同时填写,且基期年份早于目标年份",
        "Give both baseline_value and baseline_year, or neither.",
        "baseline_value 与 baseline_year 须同时填写或同时留空。",
    ),
)  # fmt: skip
