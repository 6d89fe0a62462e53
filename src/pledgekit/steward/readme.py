"""The steward's README of a repository ``pledgekit init`` makes, in Chinese and English."""

from __future__ import annotations

TEMPLATE = """# {package}

本仓库按 pledgekit 数据标准记录一级政府官方报告中的量化承诺与报告数据。
This repository records the quantitative commitments and reported figures of official reports, following the
pledgekit data standard.

Install the tools once / 先安装工具: `python -m pip install pledgekit`.

## 中文

### 添加一份报告

将报告全文另存为纯文本(UTF-8 或 GBK 均可),然后:

```sh
pledgekit source add 报告.txt --district 110117 --kind government-work-report --published 2025-01 \\
  --title-zh "平谷区政府工作报告" --publisher "北京市平谷区人民政府"
```

该命令把原文转换为 UTF-8 存入 `{package}/sources/`(文件名含编号与 SHA-256),在 `data/sources.csv` 中
添加一行(编号 `src-NNN`),并更新 `datapackage.json` 的 `sources`。原文存入后不得修改。若新行有误,
命令会列出问题且不写入任何文件;同一份原文不能重复添加。`--district` 是发布报告的政府的 GB/T 2260
六位代码,可在 `{package}/codelists/districts.csv` 中按名称查找(如平谷区 110117、安吉县 330523;
已撤销的旧代码带有 `valid_to`)。`--kind` 的取值与每个字段的说明见 `pledgekit standard docs`。
请在 `datapackage.json` 的 `description` 和 `description_zh` 中写明本数据包涵盖的政府(否则
`pledgekit validate` 会警告)。

### 编辑数据行

承诺写入 `data/commitments.csv`,报告数据写入 `data/metrics.csv`(用任意表格软件或文本编辑器,保存为
UTF-8 CSV)。编号为 `c-NNN-NNNN` 或 `m-NNN-NNNN`,其中 `NNN` 是来源编号;`quote` 须从原文逐字复制,
并载有该行的数字。数字只涉及区划内的某个具名区域(开发区、园区、乡镇等)时,在 `area_zh` 中填写
其名称,并在 `data/areas.csv` 中登记该区域及其所属区划。

### 自定义指标与单位

标准中没有的指标或单位,写入数据包自己的扩展文件,不要修改 `codelists/` 中的副本(它们由
`pledgekit standard sync` 生成,会被覆盖)。例如在 `{package}/extensions/indicators.csv` 中写入与
`codelists/indicators.csv` 相同表头的新行,并在 `datapackage.json` 的 `resources` 中登记名为
`indicators-extension`、`schema` 为 `schemas/indicators.schema.json` 的资源(单位同理:`units-extension`)。
扩展代码不得与标准代码重复;扩展指标的 `broader` 须为标准中的核心指标。

### 验证与修正

```sh
pledgekit validate          # 检查全部数据;每个问题给出文件、行、字段和修改提示
pledgekit fix               # 安全的规范化:编码、换行、全角数字、空白、区名改为代码
```

按提示修改后再次验证,直到通过。提交时 pre-commit 会运行同样的检查(`pre-commit install`);
拉取请求由 `.github/workflows/data.yml` 验证。

## English

### Add a report

Save the report's full text as plain text (UTF-8 or GBK), then run `pledgekit source add` as above. It
stores the text as UTF-8 under `{package}/sources/` (named by its number and SHA-256), adds its row to
`data/sources.csv` (id `src-NNN`) and lists it in the `sources` of `datapackage.json`. A stored text is
never edited. If the new row is wrong, the command lists the issues and writes nothing; the same text
cannot be added twice. `--district` is the six-digit GB/T 2260 code of the government that issued the
report: look its name up in `{package}/codelists/districts.csv` (Pinggu District 110117, Anji County
330523; a retired code has a `valid_to`). `pledgekit standard docs` lists the kinds and describes every
field. Say in the `description` and `description_zh` of `datapackage.json` which governments the package
covers (`pledgekit validate` warns otherwise).

### Edit rows

Commitments go in `data/commitments.csv`, reported figures in `data/metrics.csv` (any spreadsheet or text
editor; save as UTF-8 CSV). Ids are `c-NNN-NNNN` or `m-NNN-NNNN`, where `NNN` is the source's number; the
`quote` is copied from the stored text character by character and carries the row's figure.
A figure about a named place inside the division (a development zone, a park, a town) names it in
`area_zh`, and the place is listed once in `data/areas.csv` with the division it lies in.

### Indicators and units of your own

An indicator or unit the standard lacks goes in the package's own extension file, never in the copies in
`codelists/` (`pledgekit standard sync` writes those and would overwrite an edit). For example, write the
new rows, with the header of `codelists/indicators.csv`, in `{package}/extensions/indicators.csv` and list
a resource named `indicators-extension` with `schema` `schemas/indicators.schema.json` in the `resources`
of `datapackage.json` (units alike: `units-extension`). An extension code never repeats a standard code,
and an extension indicator's `broader` is a core indicator of the standard.

### Validate and fix

`pledgekit validate` checks everything and names the file, row and field of each issue with a hint;
`pledgekit fix` applies safe normalisations (encoding, line endings, full-width digits, whitespace,
district names to codes). Correct what the hints say and validate again until it passes. pre-commit runs
the same checks before a commit (`pre-commit install`); `.github/workflows/data.yml` validates pull
requests.
"""


def text(package: str) -> str:
    return TEMPLATE.format(package=package)
