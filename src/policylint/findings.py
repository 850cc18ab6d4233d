"""Findings: what a check reports, where, and with which evidence.

A finding names one concrete thing (a data element, a cookie, a recipient), points at the
inventory line that states the practice and quotes the policy sentence that contradicts or
fails to cover it; when the policy is silent it lists the sections that were searched. Its
fingerprint is built from the rule code, the file and a logical key, never a line number,
so baselines and suppressions survive edits that move lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
FAIL_ON = ("error", "warning", "info", "never")


@dataclass(frozen=True)
class Location:
    """A place in an input file: 1-based line and column, plus the JSON pointer of the node."""

    path: str
    line: int
    column: int = 1
    pointer: str = ""

    def to_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column, "pointer": self.pointer}


@dataclass(frozen=True)
class Evidence:
    """A policy sentence that makes a declaration: file, line, section heading path, text."""

    path: str
    line: int
    section: str
    text: str

    def to_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "section": self.section, "text": self.text}

    def short_place(self) -> str:
        """A compact citation such as ``II(D), line 28`` for messages."""
        return f"{section_short(self.section)}, line {self.line}" if self.section else f"line {self.line}"


def section_short(section: str) -> str:
    """``II. Information Collection > (D) Log Files`` -> ``II(D)``; other headings unchanged."""
    import re

    parts = [p.strip() for p in section.split(">")]
    tokens = []
    for part in parts:
        m = re.match(r"^(\(?[IVXLC]+\.|\([A-Z0-9]+\)|\d+(?:\.\d+)*\.?)\s", part + " ")
        if not m:
            return section
        tokens.append(m.group(1).rstrip("."))
    return "".join(tokens)


@dataclass
class Finding:
    """One disagreement between practice and policy (or a defect in either input)."""

    code: str
    slug: str
    severity: str
    message: str
    location: Location
    key: str
    evidence: tuple[Evidence, ...] = ()
    searched: tuple[str, ...] = ()
    fix: str = ""

    @property
    def fingerprint(self) -> str:
        return f"{self.code}:{self.location.path}:{self.key}"

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.path, loc.line, self.code, loc.column, self.key)

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "slug": self.slug,
            "severity": self.severity,
            "message": self.message,
            "location": self.location.to_dict(),
            "evidence": [e.to_dict() for e in self.evidence],
            "searched": list(self.searched),
            "fix": self.fix,
            "fingerprint": self.fingerprint,
        }


def sort_findings(findings) -> list[Finding]:
    """Deterministic order: path, line, column, code, key; exact duplicates collapse."""
    unique: dict[tuple, Finding] = {}
    for finding in findings:
        unique.setdefault((finding.fingerprint, finding.location.line, finding.location.column, finding.message), finding)
    return sorted(unique.values(), key=Finding.sort_key)
