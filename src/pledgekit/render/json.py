"""The report as JSON for machines (CI, dashboards)."""

from __future__ import annotations

import json
from typing import TextIO

from ..issues import Lang
from ..report import Report


def render(report: Report, out: TextIO, lang: Lang = "en") -> None:
    json.dump(report.to_dict(lang), out, ensure_ascii=False, indent=2)
    out.write("\n")
