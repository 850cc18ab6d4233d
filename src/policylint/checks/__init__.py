"""The checks: one module per rule family, each a pure function of the check context.

A family module exposes ``check(ctx) -> Iterable[Finding]``; it reads the inventory model,
the policy declarations and the taxonomy, and never reaches back into the reading of files.
"""

from __future__ import annotations

from importlib import import_module

from policylint.checks.context import CheckContext
from policylint.findings import Finding

FAMILIES = (
    "hygiene",
    "collection",
    "purposes",
    "sharing",
    "cookies",
    "minors",
    "security",
    "retention",
    "custom",
)


def run_checks(ctx: CheckContext) -> list[Finding]:
    findings: list[Finding] = []
    for family in FAMILIES:
        findings.extend(import_module(f"policylint.checks.{family}").check(ctx))
    return findings
