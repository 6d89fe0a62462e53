"""JUnit XML: one test suite per resource, one test case per rule (issue code) that applies to it.

A rule with issues is a failure listing them; every other rule passes, so CI dashboards show what
was checked, not only what failed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO

from ..codes import Lang, Layer
from ..issues import Issue
from ..messages.issues import CATALOGUE
from ..report import Report

TABLE_LAYERS = {Layer.BYTES, Layer.STRUCTURE, Layer.CELLS, Layer.DOMAIN, Layer.PROVENANCE, Layer.CONSISTENCY}


def render(report: Report, out: TextIO, lang: Lang = "en", per_code: int | None = None) -> None:
    import xml.etree.ElementTree as ET  # only this format needs it

    grouped: dict[str, dict[str, list[Issue]]] = defaultdict(lambda: defaultdict(list))
    for issue in report.sorted_issues():
        loc = issue.location
        key = f"{loc.package}/{loc.resource}" if loc.resource else f"{loc.package}"
        grouped[key][issue.code].append(issue)
    for package in report.packages:
        grouped.setdefault(package, defaultdict(list))
    for package, resource in report.resources:
        grouped.setdefault(f"{package}/{resource}", defaultdict(list))
    root = ET.Element("testsuites", name="pledgekit validate")
    total = failures = 0
    for suite_name in sorted(grouped):
        codes = grouped[suite_name]
        table_level = "/" in suite_name
        rules = sorted(c for c, entry in CATALOGUE.items() if (entry.layer in TABLE_LAYERS) == table_level)
        suite = ET.SubElement(root, "testsuite", name=suite_name, tests=str(len(rules)))
        suite_failures = 0
        for code in rules:
            case = ET.SubElement(suite, "testcase", classname=suite_name, name=code)
            found = codes.get(code, [])
            if found:
                suite_failures += 1
                shown = found[:per_code] if per_code else found
                text = "\n".join(f"{i.location.render()}: {i.message(lang)}" for i in shown)
                if len(found) > len(shown):
                    text += f"\n… {len(found) - len(shown)} more"
                failure = ET.SubElement(case, "failure", message=f"{len(found)} issue(s)", type=str(found[0].severity))
                failure.text = text
        suite.set("failures", str(suite_failures))
        total += len(rules)
        failures += suite_failures
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
