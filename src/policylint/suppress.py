"""Inline suppressions in inventory files, and baselines.

An inventory line may carry ``# policylint: ignore[PL402] reason``: it silences the listed
rules (codes or prefixes such as ``PL4``) for findings on that line, or, when the comment
is on an entry's first line (``- id: ...``), for the whole entry. The reason is required:
a suppression without one is itself a finding (PL007), and so is a suppression that matches
nothing (PL008), so stale silences do not pile up.

A baseline records the fingerprints of accepted findings; ``check --baseline`` then reports
only new ones. Fingerprints hold no line numbers, so moving lines or reordering entries
keeps the baseline valid; an entry that matches no finding any more is reported (PL008).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

from policylint import registry
from policylint.errors import InputError
from policylint.findings import Finding, Location

_SUPPRESSION = re.compile(r"#\s*policylint:\s*ignore\[(?P<codes>[^\]]*)\](?P<reason>.*)$")
_CODE = re.compile(r"^PL\d{0,3}$")


@dataclass
class Suppression:
    path: str
    line: int
    column: int
    codes: tuple[str, ...]
    reason: str
    used: bool = False

    def covers(self, code: str) -> bool:
        return any(code.startswith(prefix) for prefix in self.codes)


def parse(comments: dict[tuple[str, int], str]) -> tuple[list[Suppression], list[Finding]]:
    """Suppressions from inventory comment lines, and PL007 findings for those without reason."""
    found: list[Suppression] = []
    problems: list[Finding] = []
    for (path, line), text in sorted(comments.items()):
        match = _SUPPRESSION.search(text)
        if not match:
            continue
        codes = tuple(c.strip().upper() for c in match.group("codes").split(",") if c.strip())
        reason = match.group("reason").strip(" \t-:–—")
        column = match.start() + 1
        location = Location(path, line, column, "")
        bad = [c for c in codes if not _CODE.match(c)]
        if bad or not codes:
            problems.append(
                registry.finding(
                    "PL007",
                    f"suppression names no valid rule code ({', '.join(bad) or 'empty'}); write e.g. ignore[PL402] reason",
                    location,
                    key=f"suppression:{line_key(text)}",
                )
            )
            continue
        if not reason:
            problems.append(
                registry.finding(
                    "PL007",
                    f"suppression of {', '.join(codes)} gives no reason; say why the finding does not apply",
                    location,
                    key=f"suppression:{','.join(codes)}:{line_key(text)}",
                )
            )
        found.append(Suppression(path, line, column, codes, reason))
    return found, problems


def line_key(text: str) -> str:
    """The logical content of a line (for fingerprints): the text before the comment."""
    return " ".join(text.split("#", 1)[0].split())


def apply(
    findings: list[Finding],
    suppressions: list[Suppression],
    entry_lines: dict[tuple[str, str], int],
    selected,
) -> tuple[list[Finding], list[Finding], list[Finding], dict[int, str]]:
    """Split findings into (kept, suppressed), report unused suppressions (PL008), and say
    why each suppressed finding was silenced: ``{id(finding): reason}`` (empty reason when
    the comment gives none), so reports quote the suppression that matched.

    ``entry_lines`` maps (path, entry pointer such as ``/data/3``) to the entry's first line.
    ``selected(code)`` tells whether a rule runs: a suppression of a rule that is not
    selected is not reported as unused.
    """
    by_line: dict[tuple[str, int], list[Suppression]] = {}
    for s in suppressions:
        by_line.setdefault((s.path, s.line), []).append(s)
    kept, suppressed = [], []
    reasons: dict[int, str] = {}
    for finding in findings:
        loc = finding.location
        lines = [loc.line]
        parts = loc.pointer.split("/")
        if len(parts) >= 3:
            entry_line = entry_lines.get((loc.path, "/".join(parts[:3])))
            if entry_line is not None:
                lines.append(entry_line)
        matched = [s for ln in lines for s in by_line.get((loc.path, ln), []) if s.covers(finding.code)]
        if matched and finding.code not in ("PL007", "PL008"):
            for s in matched:
                s.used = True
            suppressed.append(finding)
            reasons[id(finding)] = "; ".join(dict.fromkeys(s.reason for s in matched if s.reason))
        else:
            kept.append(finding)
    unused = [
        registry.finding(
            "PL008",
            f"suppression of {', '.join(s.codes)} matches no finding; remove it",
            Location(s.path, s.line, s.column, ""),
            key=f"suppression:{','.join(s.codes)}:{s.reason}",
        )
        for s in suppressions
        if not s.used and any(selected(c) for c in s.codes)
    ]
    return kept, suppressed, unused, reasons


# ---- baselines --------------------------------------------------------------------------

BASELINE_VERSION = 1


@dataclass
class Baseline:
    path: str
    entries: list[dict] = field(default_factory=list)
    text: str = ""

    def line_of(self, fingerprint: str) -> int:
        needle = json.dumps(fingerprint)
        for number, line in enumerate(self.text.splitlines(), start=1):
            if needle in line:
                return number
        return 1


def write_baseline(findings: list[Finding]) -> str:
    entries = sorted(
        ({"fingerprint": f.fingerprint, "code": f.code, "message": f.message} for f in findings),
        key=lambda e: (e["fingerprint"], e["message"]),
    )
    lines = ['{', f'  "version": {BASELINE_VERSION},', '  "tool": "policylint",', '  "findings": [']
    for i, entry in enumerate(entries):
        comma = "," if i < len(entries) - 1 else ""
        lines.append("    " + json.dumps(entry, ensure_ascii=False) + comma)
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"


def read_baseline(path: str) -> Baseline:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise InputError(path, "baseline file not found (create one with `policylint baseline`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"baseline cannot be read: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"baseline is not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or not isinstance(data.get("findings"), list):
        raise InputError(path, "not a policylint baseline (expected version 1 with a findings list)")
    entries = [e for e in data["findings"] if isinstance(e, dict) and isinstance(e.get("fingerprint"), str)]
    return Baseline(path=path, entries=entries, text=text)


def apply_baseline(findings: list[Finding], baseline: Baseline) -> tuple[list[Finding], list[Finding], list[Finding]]:
    """(new findings, baselined findings, PL008 findings for stale baseline entries)."""
    budget = Counter(e["fingerprint"] for e in baseline.entries)
    kept, baselined = [], []
    for finding in findings:
        if budget[finding.fingerprint] > 0:
            budget[finding.fingerprint] -= 1
            baselined.append(finding)
        else:
            kept.append(finding)
    stale = [
        registry.finding(
            "PL008",
            f"baseline entry `{fingerprint}` matches no finding any more; regenerate the baseline",
            Location(baseline.path, baseline.line_of(fingerprint), 1, ""),
            key=f"baseline:{fingerprint}",
            fix="run `policylint baseline` to record the current findings",
        )
        for fingerprint, left in sorted(budget.items())
        for _ in range(left)
    ]
    return kept, baselined, stale
