"""The report as JSON: a public contract (documented in docs/cli.md, tested in tests/test_render.py).

``{"valid": bool, "packages": [...], "stats": {"rows", "errors", "warnings", "existing", "by_code", "omitted"},
"issues": [{"code", "severity", "package", "resource", "path", "row", "field", "json_path", "ref", "value",
"message", "hint", "new"}]}``
"""

from __future__ import annotations

import json
from typing import TextIO

from ..codes import Lang
from ..report import Report


def render(report: Report, out: TextIO, lang: Lang = "en", per_code: int | None = None) -> None:
    json.dump(report.to_dict(lang, per_code), out, ensure_ascii=False, indent=2)
    out.write("\n")
