"""Sharing: who receives the data, under which terms, and in which country.

A recipient *receives data* when a data element lists it under ``recipients`` or a cookie
names it as ``provider``; recipients that receive nothing are not checked.

- PL301 undeclared-recipient: a recipient's type is omitted by the policy's recipient
  declarations, or contradicted ("we do not share with advertisers"); a recipient without a
  ``type`` is reported too ("recipient type not stated"). A recipient that receives only
  third-party cookies is left to PL405, which reports it at the cookie, so one undeclared
  vendor is not reported twice. A type covered only by a broader
  one ("third-party service providers" for an email service) is PL102 vague-disclosure.
- PL302 missing-agreement: the policy promises confidentiality obligations for recipients
  (security promise ``confidentiality``), and a recipient has ``agreement: none`` or states
  none. Authorities and other users of the service are not bound by such agreements and are
  not checked.
- PL303 undisclosed-transfer: the policy says nothing about international transfers and
  data crosses a border. The home country is the most common country among the stores
  (ties: the first store in file order), or among the receiving recipients when no store
  names a country; every store, and every receiving recipient, in another country is a
  transfer.
- PL304 unnamed-vendor: the policy names its vendors of a type ("payment processors such
  as Stripe"), and a receiving recipient of that type (or below it) is not among them.
  Names compare case-insensitively, ignoring company suffixes ("Inc.", "Ltd", "GmbH") and
  allowing one name to extend the other by whole words ("Google" names "Google Analytics").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from policylint import registry
from policylint.checks.common import cite, evidence_of, label, plain, searched, vague_wording
from policylint.checks.context import CheckContext
from policylint.checks.disclosure import CONTRADICTED, OMITTED, VAGUE, classify
from policylint.findings import Finding
from policylint.inventory.model import Inventory, Recipient, Store

CONFIDENTIALITY = "confidentiality"
# The sentences that bind recipients, among those the promise was read from.
BINDING = re.compile(
    r"confidentiality (obligation|agreement|clause)|non-?disclosure|bound by|duty of confidentiality", re.I
)
NOT_BOUND = ("authority", "other_users")  # recipient types no agreement can bind
COMPANY_SUFFIXES = (
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "gmbh", "ag", "sa", "sas",
    "bv", "nv", "ab", "as", "oy", "srl", "spa", "co", "corp", "corporation", "company", "pty",
)


def receiving(inventory: Inventory) -> list[tuple[Recipient, list[str]]]:
    """Recipients that receive data, in file order, with what they receive."""
    received: dict[str, list[str]] = {}
    for element in inventory.data:
        for rid in dict.fromkeys(element.recipients):
            received.setdefault(rid, []).append(f"`{element.id}`")
    for cookie in inventory.cookies:
        if cookie.provider:
            received.setdefault(cookie.provider, []).append(f"cookie `{cookie.name}`")
    return [(r, received[r.id]) for r in inventory.recipients if r.id in received]


def describe(recipient: Recipient) -> str:
    """``recipient `mailer` (Postmark)`` for messages."""
    return f"recipient `{recipient.id}`" + (f" ({recipient.name})" if recipient.name else "")


def listing(items: list[str], limit: int = 3) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


# PL301 / PL102 -------------------------------------------------------------------------


def third_party_cookie_only(ctx: CheckContext, recipient: Recipient) -> bool:
    """The recipient receives nothing but third-party cookies (PL405 reports those)."""
    from policylint.checks.cookies import effective

    if any(recipient.id in element.recipients for element in ctx.inventory.data):
        return False
    cookies = [c for c in ctx.inventory.cookies if c.provider == recipient.id]
    return bool(cookies) and all(effective(ctx, c).party == "third" for c in cookies)


def recipient_types(ctx: CheckContext) -> Iterator[Finding]:
    vocabulary = ctx.taxonomy.recipient_types
    for recipient, what in receiving(ctx.inventory):
        if third_party_cookie_only(ctx, recipient):
            continue
        who = f"{describe(recipient)} receives {listing(what)}"
        if recipient.type is None:
            yield registry.finding(
                "PL301",
                f"{who}; recipient type not stated, so the policy cannot be checked for it",
                recipient.at("type"),
                key=f"recipient:{recipient.id}:type",
                searched=searched(ctx, "sharing"),
                fix="state the recipient's `type` (e.g. email_service_provider) in the inventory",
            )
            continue
        if recipient.type not in vocabulary:
            continue  # an unknown term is PL003's
        disclosure = classify(vocabulary, recipient.type, ctx.policy.recipients)
        kind = label(vocabulary, recipient.type)
        name = plain(vocabulary.terms[recipient.type].name)
        location = recipient.at("type")
        key = f"recipient:{recipient.id}:{recipient.type}"
        if disclosure.cls == OMITTED:
            yield registry.finding(
                "PL301",
                f"{who}; the policy does not mention sharing with {kind}",
                location,
                key,
                searched=searched(ctx, "sharing"),
                fix=f"add {name}s to the policy's list of recipients, or stop sharing with them",
            )
        elif disclosure.cls == CONTRADICTED:
            evidence = evidence_of(disclosure.declaration)
            yield registry.finding(
                "PL301",
                f"{who}; the policy says it does not share with "
                f"{label(vocabulary, disclosure.declaration.key)}{cite(evidence)}",
                location,
                key,
                evidence=evidence,
                fix=f"correct the policy sentence that denies sharing with {name}s, or stop sharing with them",
            )
        elif disclosure.cls == VAGUE:
            evidence = evidence_of(disclosure.declaration)
            side = vague_wording(vocabulary, recipient.type, disclosure.declaration)
            yield registry.finding(
                "PL102",
                f"{who} as {kind}; {side}{cite(evidence)}",
                location,
                key,
                evidence=evidence,
                fix=f"name {name}s in the policy's list of recipients",
            )


# PL302 ---------------------------------------------------------------------------------


def agreements(ctx: CheckContext) -> Iterator[Finding]:
    promise = ctx.policy.promise("security", CONFIDENTIALITY)
    if promise is None:
        return
    vocabulary = ctx.taxonomy.recipient_types
    evidence = sorted(promise.evidence, key=lambda e: (e.path, e.line))
    evidence = tuple([e for e in evidence if BINDING.search(e.text)] or evidence)[:3]
    said = f"the policy promises confidentiality obligations for recipients{cite(evidence)}"
    for recipient, what in receiving(ctx.inventory):
        if recipient.type and any(
            t in vocabulary and vocabulary.is_within(recipient.type, t) for t in NOT_BOUND
        ):
            continue
        if recipient.role == "authority":
            continue
        if recipient.agreement == "none":
            message = f"{describe(recipient)} receives {listing(what)} without an agreement; {said}"
            location = recipient.at("agreement")
        elif recipient.agreement is None:
            message = f"{describe(recipient)} receives {listing(what)}; agreement not stated; {said}"
            location = recipient.loc
        else:
            continue
        yield registry.finding(
            "PL302",
            message,
            location,
            key=f"recipient:{recipient.id}:agreement",
            evidence=evidence,
            fix="sign a data processing agreement (or a contract with confidentiality clauses) "
            "with the recipient and record it as `agreement: dpa` or `agreement: contract`",
        )


# PL303 ---------------------------------------------------------------------------------


def home_country(inventory: Inventory, recipients: list[Recipient]) -> tuple[str | None, str]:
    """The product's home country and where it was taken from."""
    for entries, source in ((inventory.stores, "stores"), (recipients, "recipients")):
        countries = [e.country for e in entries if e.country]
        if countries:
            counts = Counter(countries)
            best = max(counts.values())
            return next(c for c in countries if counts[c] == best), source
    return None, ""


def transfers(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.policy.international_transfers.stance != "silent":
        return
    receivers = receiving(ctx.inventory)
    home, source = home_country(ctx.inventory, [r for r, _ in receivers])
    if home is None:
        return
    basis = f"{home}, the most common country among the {source}"
    silent = "the policy says nothing about international transfers"
    for store in ctx.inventory.stores:
        if store.country and store.country != home:
            yield transfer(ctx, store, f"store `{store.id}` keeps data in {store.country}, outside {basis}; {silent}")
    for recipient, what in receivers:
        if recipient.country and recipient.country != home:
            yield transfer(
                ctx,
                recipient,
                f"{describe(recipient)} receives {listing(what)} in {recipient.country}, outside {basis}; {silent}",
            )


def transfer(ctx: CheckContext, entry: Store | Recipient, message: str) -> Finding:
    kind = "store" if isinstance(entry, Store) else "recipient"
    return registry.finding(
        "PL303",
        message,
        entry.at("country"),
        key=f"{kind}:{entry.id}:transfer",
        searched=searched(ctx, "transfers"),
        fix=(
            f"say in the policy that data is transferred to {entry.country} and on which safeguard "
            "(adequacy decision, standard contractual clauses), or keep the data in the home country"
        ),
    )


# PL304 ---------------------------------------------------------------------------------


def vendor_words(name: str) -> tuple[str, ...]:
    """``Stripe, Inc.`` -> ``("stripe",)``: lowercase words without company suffixes."""
    words = re.findall(r"[a-z0-9]+", name.lower().replace(".", ""))
    while words and words[-1] in COMPANY_SUFFIXES:
        words.pop()
    return tuple(words)


def same_vendor(a: str, b: str) -> bool:
    """Whether two vendor names name the same vendor (one may extend the other by words)."""
    x, y = vendor_words(a), vendor_words(b)
    if not x or not y:
        return False
    shorter, longer = sorted((x, y), key=len)
    return longer[: len(shorter)] == shorter


def vendors(ctx: CheckContext) -> Iterator[Finding]:
    vocabulary = ctx.taxonomy.recipient_types
    naming = [d for d in ctx.policy.recipients if d.names and not d.negative and d.key in vocabulary]
    if not naming:
        return
    for recipient, what in receiving(ctx.inventory):
        if recipient.type is None or recipient.type not in vocabulary:
            continue
        covering = [d for d in naming if vocabulary.is_within(recipient.type, d.key)]
        if not covering:
            continue
        names = list(dict.fromkeys(n for d in covering for n in d.names))
        evidence = evidence_of(*covering)
        kinds = ", ".join(dict.fromkeys(label(vocabulary, d.key) for d in covering))
        said = f"the policy names {kinds}: {', '.join(names)}{cite(evidence)}"
        if not recipient.name:
            message = f"recipient `{recipient.id}` receives {listing(what)}; vendor name not stated; {said}"
            location = recipient.loc
        elif not any(same_vendor(recipient.name, n) for n in names):
            message = f"{describe(recipient)} receives {listing(what)}; {said}"
            location = recipient.at("name")
        else:
            continue
        yield registry.finding(
            "PL304",
            message,
            location,
            key=f"recipient:{recipient.id}:name",
            evidence=evidence,
            fix=f"add {recipient.name or 'the vendor'} to the vendors the policy names, "
            "or record the vendor's name in the inventory",
        )


def check(ctx: CheckContext) -> Iterator[Finding]:
    yield from recipient_types(ctx)
    yield from agreements(ctx)
    yield from transfers(ctx)
    yield from vendors(ctx)
