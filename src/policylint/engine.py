"""One run: read the inputs, run the checks, apply the configuration, sort the findings.

The pipeline runs one way: inventory files -> model, policy documents -> declarations,
checks -> findings, then the run's own filters (selection, severity, suppressions,
baseline). Report formats only read the result.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field

from policylint import __version__
from policylint.findings import SEVERITY_RANK, Finding, sort_findings
from policylint.options import Options


@dataclass
class Result:
    findings: list[Finding]
    policy_paths: list[str]
    policy_sha256: str
    inventories: list[str]
    suppressed: list[Finding] = field(default_factory=list)
    baselined: list[Finding] = field(default_factory=list)
    declarations: object = None  # policy.model.Declarations, when a policy was read
    inventory: object = None  # inventory.model.Inventory
    context: object = None  # checks.context.CheckContext the checks ran with (reports reuse their facts)
    suppression_reasons: dict[int, str] = field(default_factory=dict)  # id(suppressed finding) -> reason
    tool_version: str = __version__

    def summary(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding.severity] += 1
        counts["suppressed"] = len(self.suppressed)
        counts["baselined"] = len(self.baselined)
        return counts

    def exit_code(self, fail_on: str) -> int:
        if fail_on == "never":
            return 0
        threshold = SEVERITY_RANK[fail_on]
        return 1 if any(SEVERITY_RANK[f.severity] >= threshold for f in self.findings) else 0


def _per_path_ignored(finding: Finding, options: Options) -> bool:
    for rule in options.per_path_ignores:
        if fnmatch.fnmatch(finding.location.path, rule.get("path", "")):
            if any(finding.code.startswith(prefix) for prefix in rule.get("ignore", [])):
                return True
    return False


def _entry_lines(inventory) -> dict[tuple[str, str], int]:
    """(path, entry pointer) -> first line of the entry, for entry-wide suppressions."""
    lines = {}
    for section in (inventory.data, inventory.cookies, inventory.recipients, inventory.stores):
        for entry in section:
            lines[(entry.loc.path, entry.loc.pointer)] = entry.loc.line
    return lines


def run(options: Options, on_file=None) -> Result:
    """Check ``options.inventory`` against ``options.policy``.

    Unreadable input raises InputError; a configuration that cannot be applied raises
    UsageError. Everything else becomes a finding.
    """
    from policylint import suppress, taxonomy
    from policylint.errors import UsageError
    from policylint.inventory.load import load_inventories

    tax = taxonomy.load()
    loaded = load_inventories(options.inventory, tax, on_file)
    findings = list(loaded.findings)
    declarations = None
    ctx = None
    if options.policy:
        from policylint.checks import run_checks
        from policylint.checks.context import CheckContext
        from policylint.cookies import table
        from policylint.policy import read_policy
        from policylint.policy.overrides import apply_overrides

        declarations = read_policy(options.policy, options.variables or None)
        if options.declarations:
            try:
                declarations = apply_overrides(declarations, options.declarations)
            except ValueError as exc:
                raise UsageError(f"configuration `declarations`: {exc}") from None
        ctx = CheckContext(
            inventory=loaded.inventory,
            policy=declarations,
            taxonomy=tax,
            cookie_table=table(options.cookie_database),
            minor_age=options.minor_age,
            policy_path=options.policy[0],
            custom_rules=options.rules,
        )
        try:
            findings.extend(run_checks(ctx))
        except ValueError as exc:  # an organisation rule in the configuration that cannot be applied
            raise UsageError(f"configuration `rules`: {exc}") from None

    suppressions, problems = suppress.parse(loaded.inventory.comments)
    findings.extend(problems)
    kept = []
    for finding in findings:
        if not options.selected(finding.code) or _per_path_ignored(finding, options):
            continue
        kept.append(finding)
    kept, suppressed, unused, reasons = suppress.apply(kept, suppressions, _entry_lines(loaded.inventory), options.selected)
    kept.extend(f for f in unused if options.selected(f.code))
    baselined: list[Finding] = []
    if options.baseline:
        kept, baselined, stale = suppress.apply_baseline(kept, suppress.read_baseline(options.baseline))
        kept.extend(f for f in stale if options.selected(f.code))
    for finding in kept + suppressed + baselined:
        if finding.code in options.severity:
            finding.severity = options.severity[finding.code]
    return Result(
        findings=sort_findings(kept),
        policy_paths=list(options.policy),
        policy_sha256=declarations.sha256 if declarations else "",
        inventories=list(options.inventory),
        suppressed=sort_findings(suppressed),
        baselined=sort_findings(baselined),
        declarations=declarations,
        inventory=loaded.inventory,
        context=ctx,
        suppression_reasons=reasons,
    )
