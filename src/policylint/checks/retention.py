"""Retention and rights (PL7xx): how long data is kept, and whether the stores can serve the
rights the policy promises.

Rules:

- PL701 retention-unstated: the policy promises limited retention; a data element states none.
- PL702 indefinite-retention: the policy promises limited retention; an element is kept
  `indefinite`.
- PL703 retention-exceeds-policy: an element is kept longer than a period the policy states
  for its category (or in general).
- PL704 right-unsupported: the policy promises access, correction, deletion or portability;
  a store holding identified data cannot serve it.
"""

from __future__ import annotations

from collections.abc import Iterator

from policylint import registry
from policylint.checks.common import cite, label
from policylint.checks.context import CheckContext
from policylint.durations import describe_days
from policylint.findings import Finding
from policylint.inventory.model import DataElement
from policylint.policy.model import RetentionPeriod

LIMITED = frozenset({"limited", "stated_period"})
INDEFINITE = "indefinite"
# Rights a store must be able to serve (the others are served by processes, not by stores).
STORE_RIGHTS = ("access", "correction", "deletion", "portability")
RIGHT_NAMES = {
    "access": "access",
    "correction": "correction",
    "deletion": "deletion",
    "portability": "portability (export)",
}
RIGHT_TASKS = {
    "access": "find and export one person's records",
    "correction": "find and update one person's records",
    "deletion": "find and delete one person's records",
    "portability": "export one person's records in a machine-readable format",
}
IDENTIFIED = frozenset({"identified"})


def element_name(ctx: CheckContext, element: DataElement) -> str:
    if element.category:
        return f"data element `{element.id}` ({element.category})"
    return f"data element `{element.id}`"


def check(ctx: CheckContext) -> Iterator[Finding]:
    retention = ctx.policy.retention
    if retention.stance in LIMITED:
        for element in ctx.inventory.data:
            yield from retention_unstated(ctx, element)
            yield from indefinite_retention(ctx, element)
    for element in ctx.inventory.data:
        yield from retention_exceeds_policy(ctx, element)
    yield from right_unsupported(ctx)


def limited_promise(ctx: CheckContext) -> str:
    evidence = ctx.policy.retention.evidence
    if ctx.policy.retention.stance == "stated_period":
        return f"the policy states how long data is kept{cite(evidence)}"
    return f"the policy promises to keep data only as long as needed{cite(evidence)}"


def retention_unstated(ctx: CheckContext, element: DataElement) -> Iterator[Finding]:
    """PL701: no retention stated while the policy promises limited retention."""
    if element.retention is not None:
        return
    evidence = tuple(ctx.policy.retention.evidence[:3])
    yield registry.finding(
        "PL701",
        f"{element_name(ctx, element)}: retention not stated; {limited_promise(ctx)}",
        element.loc,
        key=f"data:{element.id}",
        evidence=evidence,
        fix=f"state how long `{element.id}` is kept (`retention: P90D`, `2 years`, `until_account_deletion`, ...)",
    )


def indefinite_retention(ctx: CheckContext, element: DataElement) -> Iterator[Finding]:
    """PL702: kept indefinitely while the policy promises limited retention."""
    if element.retention != INDEFINITE:
        return
    evidence = tuple(ctx.policy.retention.evidence[:3])
    yield registry.finding(
        "PL702",
        f"{element_name(ctx, element)} is kept indefinitely; {limited_promise(ctx)}",
        element.at("retention"),
        key=f"data:{element.id}",
        evidence=evidence,
        fix=f"set a retention period for `{element.id}` and delete or anonymise it when it ends",
    )


def applicable_period(ctx: CheckContext, element: DataElement) -> RetentionPeriod | None:
    """The period the policy states for the element's category: the nearest category on its
    lineage wins (the longest, when the policy states several for it); else a general period."""
    periods = ctx.policy.retention.periods
    if not periods:
        return None
    vocabulary = ctx.taxonomy.data_categories
    lineage = vocabulary.lineage(element.category) if element.category in vocabulary else []
    for level in lineage:
        matching = [p for p in periods if p.category == level]
        if matching:
            return max(matching, key=lambda p: p.days)
    general = [p for p in periods if p.category is None]
    return max(general, key=lambda p: p.days) if general else None


def retention_exceeds_policy(ctx: CheckContext, element: DataElement) -> Iterator[Finding]:
    """PL703: a period longer than the one the policy states (named retention events such as
    until_account_deletion are not compared with periods)."""
    days = element.retention_days
    if days is None:
        return
    if days == float("inf") and ctx.policy.retention.stance in LIMITED:
        return  # PL702's finding
    period = applicable_period(ctx, element)
    if period is None or days <= period.days:
        return
    evidence = tuple(period.evidence[:3])
    scope = f"{label(ctx.taxonomy.data_categories, period.category)} data" if period.category else "data"
    if days == float("inf"):
        kept = "indefinitely"
    else:
        kept = f"for {describe_days(days)}"
        if element.retention.strip().lower() != describe_days(days):
            kept += f" (`{element.retention}`)"
    yield registry.finding(
        "PL703",
        f"{element_name(ctx, element)} is kept {kept}; the policy says {scope} is kept "
        f"{describe_days(period.days)}{cite(evidence)}",
        element.at("retention"),
        key=f"data:{element.id}",
        evidence=evidence,
        fix=f"delete `{element.id}` after {describe_days(period.days)}, or state the longer period "
        "(and the reason for it) in the policy",
    )


def identified(element: DataElement) -> bool:
    return element.identifiability is None or element.identifiability in IDENTIFIED


def right_unsupported(ctx: CheckContext) -> Iterator[Finding]:
    """PL704: a store of identified data cannot serve a right the policy promises."""
    promised = [(right, ctx.policy.promise("rights", right)) for right in STORE_RIGHTS]
    promised = [(right, p) for right, p in promised if p is not None]
    if not promised:
        return
    for store in ctx.inventory.stores:
        elements = [e for e in ctx.inventory.data_for_store(store.id) if identified(e)]
        if not elements:
            continue
        holds = ", ".join(f"`{e.id}`" for e in elements[:3]) + (
            f" and {len(elements) - 3} more" if len(elements) > 3 else ""
        )
        what = f"store `{store.id}` holds identified data ({holds})"
        for right, promise in promised:
            evidence = tuple(promise.evidence[:3])
            policy_side = f"the policy promises the right to {RIGHT_NAMES[right]}{cite(evidence)}"
            if store.supports is None:
                message, location = f"{what}: supports not stated; {policy_side}", store.loc
            elif right not in store.supports:
                message = f"{what} and cannot serve {RIGHT_NAMES[right]} requests; {policy_side}"
                location = store.at("supports")
            else:
                continue
            yield registry.finding(
                "PL704",
                message,
                location,
                key=f"store:{store.id}:{right}",
                evidence=evidence,
                fix=f"make `{store.id}` able to {RIGHT_TASKS[right]} and list `{right}` in its `supports`",
            )

