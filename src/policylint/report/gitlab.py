"""GitLab Code Quality JSON (a subset of the Code Climate issue format).

One issue per finding (suppressed and baselined findings are left out: GitLab has no
notion of an accepted issue): ``description`` (the message, one line), ``check_name``
(the rule code), ``fingerprint``, ``severity`` and ``location`` (path relative to the
working directory, ``lines.begin``). ``content.body`` carries the policy evidence and the
fix for viewers that show it.

Fingerprint: the MD5 hex digest of policylint's stable fingerprint (code, file, logical
key; never a line number), so GitLab matches an issue across commits and tells new issues
from fixed ones. Two findings that share a fingerprint get ``#2``, ``#3``... appended
before hashing, because GitLab keeps one issue per fingerprint.

Severity mapping (GitLab: info, minor, major, critical, blocker): ``error`` -> ``major``,
``warning`` -> ``minor``, ``info`` -> ``info``. ``critical`` and ``blocker`` are left for
tools that find exploitable defects; a policylint error is a compliance defect that
``--fail-on`` already turns into a failed job.
"""

from __future__ import annotations

import hashlib
import json

from policylint.engine import Result
from policylint.report import one_line, relative_path, shorten

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def _body(finding) -> str:
    lines = []
    for ev in finding.evidence:
        lines.append(f"Policy ({ev.path}, {ev.short_place()}): “{shorten(one_line(ev.text), 600)}”")
    if finding.searched:
        lines.append("The policy is silent; searched: " + "; ".join(one_line(s) for s in finding.searched))
    if finding.fix:
        lines.append("Fix: " + one_line(finding.fix))
    return "\n".join(one_line(line) for line in lines)


def to_list(result: Result, *, root: str | None = None) -> list[dict]:
    seen: dict[str, int] = {}
    issues = []
    for finding in result.findings:
        stable = finding.fingerprint
        seen[stable] = seen.get(stable, 0) + 1
        if seen[stable] > 1:
            stable = f"{stable}#{seen[stable]}"
        issue = {
            "type": "issue",
            "description": f"{finding.code} {one_line(finding.message)}",
            "check_name": finding.code,
            "fingerprint": hashlib.md5(stable.encode("utf-8"), usedforsecurity=False).hexdigest(),
            "severity": SEVERITIES.get(finding.severity, "minor"),
            "location": {
                "path": relative_path(finding.location.path, root),
                "lines": {"begin": max(finding.location.line, 1)},
            },
        }
        body = _body(finding)
        if body:
            issue["content"] = {"body": body}
        issues.append(issue)
    return issues


def render(result: Result, *, root: str | None = None, **_) -> str:
    return json.dumps(to_list(result, root=root), indent=2, ensure_ascii=False) + "\n"
