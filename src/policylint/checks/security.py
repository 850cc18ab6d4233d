"""Security promises (PL6xx): what the policy promises about protecting data, and whether the
recipients and stores in the inventory keep those promises.

Rules:

- PL601 unencrypted-transfer: the policy promises encryption in transit; a recipient that
  receives data gets it over `http`, `ftp`, `email` or `none` (or the transport is not stated).
- PL602 unencrypted-store: the policy promises encryption; a store of personal data is not
  encrypted at rest (or does not say).
- PL603 no-backups: the policy promises regular backups; a store that holds data is not
  backed up (or does not say).
- PL604 broad-access: the policy promises need-to-know access; a store of personal data is
  open to all staff or the public (or does not say who can access it).

Each rule runs only when the policy makes the promise; the finding quotes the promise.
"""

from __future__ import annotations

from collections.abc import Iterator

from policylint import registry
from policylint.checks.common import cite
from policylint.checks.context import CheckContext
from policylint.findings import Evidence, Finding
from policylint.inventory.model import DataElement, Store

UNENCRYPTED_TRANSPORTS = frozenset({"http", "ftp", "email", "none"})
NOT_PERSONAL = frozenset({"anonymous", "aggregated"})
# Stores a backup promise is about; caches, logs and backup stores themselves are exempt.
BACKED_UP_KINDS = frozenset({"database", "object_storage", "warehouse", "file"})
BROAD_ACCESS = frozenset({"all_staff", "public"})


def promise_evidence(ctx: CheckContext, *keys: str) -> tuple[Evidence, ...] | None:
    """The sentences that make any of the promises ``keys`` (the first key's first: it is the
    most specific), or None when the policy makes none of them."""
    promises = [p for key in keys if (p := ctx.policy.promise("security", key)) is not None]
    if not promises:
        return None
    seen: dict[tuple, Evidence] = {}
    for promise in promises:
        for ev in sorted(promise.evidence, key=lambda e: (e.path, e.line)):
            seen.setdefault((ev.path, ev.line, ev.text), ev)
    return tuple(seen.values())[:3]


def personal(element: DataElement) -> bool:
    return element.identifiability not in NOT_PERSONAL


def ids(elements: list[DataElement], limit: int = 3) -> str:
    shown = ", ".join(f"`{e.id}`" for e in elements[:limit])
    return shown + (f" and {len(elements) - limit} more" if len(elements) > limit else "")


def personal_stores(ctx: CheckContext) -> Iterator[tuple[Store, list[DataElement]]]:
    """Stores holding personal data (an element that is not anonymous or aggregated), with it."""
    for store in ctx.inventory.stores:
        elements = [e for e in ctx.inventory.data_for_store(store.id) if personal(e)]
        if elements:
            yield store, elements


def store_name(store: Store) -> str:
    return f"store `{store.id}`" + (f" ({store.kind})" if store.kind else "")


def check(ctx: CheckContext) -> Iterator[Finding]:
    yield from unencrypted_transfer(ctx)
    yield from unencrypted_store(ctx)
    yield from no_backups(ctx)
    yield from broad_access(ctx)


def unencrypted_transfer(ctx: CheckContext) -> Iterator[Finding]:
    """PL601: a recipient gets data over an unencrypted channel despite the promise."""
    evidence = promise_evidence(ctx, "encryption_in_transit")
    if evidence is None:
        return
    promise = f"the policy promises encrypted transmission{cite(evidence)}"
    for recipient in ctx.inventory.recipients:
        elements = ctx.inventory.data_for_recipient(recipient.id)
        cookies = [c.name for c in ctx.inventory.cookies if c.provider == recipient.id]
        if not elements and not cookies:
            continue
        receives = ids(elements) if elements else ", ".join(f"`{c}`" for c in cookies[:3])
        what = f"recipient `{recipient.id}`" + (f" ({recipient.name})" if recipient.name else "")
        what += f" receives {'data' if elements else 'cookie data'} ({receives})"
        if recipient.transport is None:
            message, location = f"{what}: transport not stated; {promise}", recipient.loc
        elif recipient.transport in UNENCRYPTED_TRANSPORTS:
            channel = "no transport at all" if recipient.transport == "none" else recipient.transport
            message, location = f"{what} over {channel}; {promise}", recipient.at("transport")
        else:
            continue
        yield registry.finding(
            "PL601",
            message,
            location,
            key=f"recipient:{recipient.id}",
            evidence=evidence,
            fix=f"send data to `{recipient.id}` over an encrypted channel (`transport: https`, `tls` or `sftp`) "
            "and state it in the inventory",
        )


def unencrypted_store(ctx: CheckContext) -> Iterator[Finding]:
    """PL602: a store of personal data is not encrypted at rest despite the promise."""
    evidence = promise_evidence(ctx, "encryption", "encryption_at_rest")
    if evidence is None:
        return
    promise = f"the policy promises encryption{cite(evidence)}"
    for store, elements in personal_stores(ctx):
        what = f"{store_name(store)} holds personal data ({ids(elements)})"
        if store.encrypted_at_rest is None:
            message, location = f"{what}: encryption at rest not stated; {promise}", store.loc
        elif store.encrypted_at_rest is False:
            message, location = f"{what} and is not encrypted at rest; {promise}", store.at("encrypted_at_rest")
        else:
            continue
        yield registry.finding(
            "PL602",
            message,
            location,
            key=f"store:{store.id}",
            evidence=evidence,
            fix=f"encrypt `{store.id}` at rest and state `encrypted_at_rest: true` in the inventory",
        )


def no_backups(ctx: CheckContext) -> Iterator[Finding]:
    """PL603: a store that holds data is not backed up despite the promise of regular backups."""
    evidence = promise_evidence(ctx, "backups")
    if evidence is None:
        return
    promise = f"the policy promises regular backups{cite(evidence)}"
    for store in ctx.inventory.stores:
        if store.kind is not None and store.kind not in BACKED_UP_KINDS:
            continue
        elements = ctx.inventory.data_for_store(store.id)
        if not elements:
            continue
        what = f"{store_name(store)} holds data ({ids(elements)})"
        if store.backups is None:
            message, location = f"{what}: backups not stated; {promise}", store.loc
        elif store.backups is False:
            message, location = f"{what} and is not backed up; {promise}", store.at("backups")
        else:
            continue
        yield registry.finding(
            "PL603",
            message,
            location,
            key=f"store:{store.id}",
            evidence=evidence,
            fix=f"back up `{store.id}` regularly and state `backups: true` in the inventory",
        )


def broad_access(ctx: CheckContext) -> Iterator[Finding]:
    """PL604: a store of personal data is open to all staff or the public despite the promise."""
    evidence = promise_evidence(ctx, "least_privilege", "access_control")
    if evidence is None:
        return
    promise = f"the policy promises that only those who need it can access personal data{cite(evidence)}"
    for store, elements in personal_stores(ctx):
        what = f"{store_name(store)} holds personal data ({ids(elements)})"
        if store.access is None:
            message, location = f"{what}: access not stated; {promise}", store.loc
        elif store.access in BROAD_ACCESS:
            who = "all staff" if store.access == "all_staff" else "the public"
            message = f"{what} and is open to {who} (`access: {store.access}`); {promise}"
            location = store.at("access")
        else:
            continue
        yield registry.finding(
            "PL604",
            message,
            location,
            key=f"store:{store.id}",
            evidence=evidence,
            fix=f"restrict access to `{store.id}` by role (`access: role_based` or `need_to_know`) "
            "and state it in the inventory",
        )
