"""JUnit XML, for test dashboards (GitLab test reports, Jenkins, Azure DevOps, CircleCI).

Layout: one ``<testsuite>`` per file read (each inventory, each policy document, then any
other file a finding points at), named by the file's path. Inside it, one ``<testcase>``
per finding, named ``CODE slug: logical key`` from the finding's stable fingerprint, so a
dashboard follows the same problem from run to run however lines move; its classname is
the file's path. A file without findings gets one passing testcase, ``no findings``,
so the dashboard shows it green rather than absent.

Severity maps the same way whatever ``--fail-on`` says (the exit status carries that):

- ``error`` and ``warning``: ``<failure type="error|warning">`` with the message as its
  ``message`` and the full explanation (location, policy evidence or the sections
  searched, fix) as its text;
- ``info``: a passing testcase whose ``<system-out>`` holds the same explanation (advice,
  not a defect; dashboards show it in the test's output);
- suppressed and baselined findings (with ``show_suppressed``): ``<skipped>`` with the reason.

No timings or timestamps: the same result gives the same bytes. Text is made safe for
XML 1.0: control characters are written out (``\\x1b``) and anything XML forbids is dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from policylint.engine import Result
from policylint.findings import Finding
from policylint.report import one_line, suppression_of, visible

# What XML 1.0 does not allow in a document, even as a character reference.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: object) -> str:
    """Controls made visible, then anything XML 1.0 forbids removed."""
    return _NOT_XML.sub("", visible(text))


def _case_name(finding: Finding) -> str:
    return f"{finding.code} {finding.slug}: {finding.key}"


def explanation(finding: Finding) -> str:
    loc = finding.location
    lines = [f"{finding.severity} {finding.code} {finding.slug}", finding.message, f"at {loc.path}:{loc.line}:{loc.column}"]
    if loc.pointer:
        lines[-1] += f" ({loc.pointer})"
    for ev in finding.evidence:
        lines.append(f"policy {ev.path}:{ev.line} {one_line(ev.section)}".rstrip())
        lines.append(f"  “{one_line(ev.text)}”")
    if finding.searched:
        lines.append("policy is silent; searched: " + "; ".join(one_line(s) for s in finding.searched))
    if finding.fix:
        lines.append("fix: " + one_line(finding.fix))
    return "\n".join(lines)


def _suite_paths(result: Result, findings: list[Finding]) -> list[str]:
    inventory = getattr(result, "inventory", None)
    paths = list(getattr(inventory, "files", None) or result.inventories) + list(result.policy_paths)
    extra = sorted({f.location.path for f in findings} - set(paths))
    return list(dict.fromkeys(p for p in paths + extra if p))


def to_element(result: Result, *, show_suppressed: bool = False, baseline: str | None = None) -> ET.Element:
    suppressed = (list(result.suppressed) + list(result.baselined)) if show_suppressed else []
    suppressed_ids = {id(f) for f in suppressed}
    everything = sorted(list(result.findings) + suppressed, key=Finding.sort_key)
    root = ET.Element("testsuites", {"name": "policylint"})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for path in _suite_paths(result, everything):
        mine = [f for f in everything if f.location.path == path]
        suite = ET.SubElement(root, "testsuite", {"name": xml_text(path)})
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        classname = xml_text(path)
        for finding in mine:
            case = ET.SubElement(
                suite,
                "testcase",
                {
                    "name": xml_text(one_line(_case_name(finding))),
                    "classname": classname,
                    "file": xml_text(path),
                    "line": str(finding.location.line),
                    "time": "0",
                },
            )
            counts["tests"] += 1
            if id(finding) in suppressed_ids:
                _, reason = suppression_of(result, finding, baseline)
                ET.SubElement(case, "skipped", {"message": xml_text(one_line(f"suppressed: {reason}"))})
                ET.SubElement(case, "system-out").text = xml_text(explanation(finding))
                counts["skipped"] += 1
            elif finding.severity in ("error", "warning"):
                failure = ET.SubElement(
                    case, "failure", {"message": xml_text(one_line(finding.message)), "type": finding.severity}
                )
                failure.text = xml_text(explanation(finding))
                counts["failures"] += 1
            else:
                ET.SubElement(case, "system-out").text = xml_text(explanation(finding))
        if not mine:
            ET.SubElement(suite, "testcase", {"name": "no findings", "classname": classname, "file": xml_text(path), "time": "0"})
            counts["tests"] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("time", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0")
    return root


def render(result: Result, *, show_suppressed: bool = False, baseline: str | None = None, **_) -> str:
    root = to_element(result, show_suppressed=show_suppressed, baseline=baseline)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
