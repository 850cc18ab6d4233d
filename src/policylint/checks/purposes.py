"""Purposes: is data used only for what the policy says, on the terms it promises?

- PL201 undeclared-purpose: a data element's purpose (data use) is omitted by the policy's
  purpose declarations, or contradicted ("we do not use your data to train AI"; the finding
  quotes it). A purpose covered only by a broader one is PL102 vague-disclosure. Purposes
  within ``sales`` are judged by PL204 against what the policy says about selling.
- PL202 consent-missing: the policy makes a purpose conditional on consent ("if you consent
  to receive marketing communications": a purpose declaration with condition ``consent``
  whose key is the purpose or an ancestor of it), and the element's legal basis for that
  purpose is another one, or is not stated.
- PL203 identified-analytics: the policy limits analysis or research to anonymous or
  aggregated form (a declaration with condition ``anonymized`` whose key lies within
  ``analytics``), and an element used for a related analytics purpose (that key, above or
  below it) is identified or pseudonymous, or does not state its identifiability.
- PL204 undeclared-sale: data is sold (a recipient with ``sale: true`` receives data
  elements, or an element's purpose lies within ``sales``) while the policy is silent about
  selling or says it does not sell (the finding quotes that sentence).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from policylint import registry
from policylint.checks.common import cite, evidence_of, label, plain, searched, vague_wording
from policylint.checks.context import CheckContext
from policylint.checks.disclosure import CONTRADICTED, OMITTED, VAGUE, classify
from policylint.checks.sharing import describe, listing
from policylint.findings import Evidence, Finding
from policylint.inventory.model import DataElement
from policylint.policy.model import Declaration

CONSENT, ANONYMIZED = "consent", "anonymized"
ANALYTICS, SALES = "analytics", "sales"
IDENTIFYING = ("identified", "pseudonymous")
# A declaration keeps every sentence that mentions its purpose; the sentences that state its
# condition are the ones worth quoting.
CONDITION_WORDING = {
    CONSENT: re.compile(r"\b(consent|opt(ed)?[ -]?in|choose to|agree|permission|optional)", re.I),
    ANONYMIZED: re.compile(r"\b(anonym|aggregat|de-?identif|statistic)", re.I),
}


def within(ctx: CheckContext, key: str, ancestor: str) -> bool:
    vocabulary = ctx.taxonomy.data_uses
    return ancestor in vocabulary and vocabulary.is_within(key, ancestor)


def element_purposes(ctx: CheckContext) -> Iterator[tuple[DataElement, int, str]]:
    """Every (element, index, purpose) with a purpose the taxonomy knows."""
    vocabulary = ctx.taxonomy.data_uses
    for element in ctx.inventory.data:
        for index, purpose in enumerate(element.purposes):
            if purpose in vocabulary:
                yield element, index, purpose


# PL201 / PL102 -------------------------------------------------------------------------


def undeclared(ctx: CheckContext) -> Iterator[Finding]:
    vocabulary = ctx.taxonomy.data_uses
    for element, index, purpose in element_purposes(ctx):
        if within(ctx, purpose, SALES):
            continue  # selling is PL204's
        disclosure = classify(vocabulary, purpose, ctx.policy.purposes)
        what = f"data element `{element.id}` is used for {label(vocabulary, purpose)}"
        location = element.at("purposes", index)
        key = f"data:{element.id}:purpose:{purpose}"
        name = plain(vocabulary.terms[purpose].name)
        declaration = disclosure.declaration
        if disclosure.cls == OMITTED:
            yield registry.finding(
                "PL201",
                f"{what}; the policy does not mention this purpose",
                location,
                key,
                searched=searched(ctx, "use"),
                fix=f"add {name} to the purposes the policy describes, or stop using the data for it",
            )
        elif disclosure.cls == CONTRADICTED:
            evidence = evidence_of(declaration)
            yield registry.finding(
                "PL201",
                f"{what}; the policy says it does not use data for "
                f"{label(vocabulary, declaration.key)}{cite(evidence)}",
                location,
                key,
                evidence=evidence,
                fix=f"correct the policy sentence that rules out {name}, or stop using the data for it",
            )
        elif disclosure.cls == VAGUE:
            evidence = evidence_of(declaration)
            side = vague_wording(vocabulary, purpose, declaration)
            yield registry.finding(
                "PL102",
                f"{what}; {side}{cite(evidence)}",
                location,
                key,
                evidence=evidence,
                fix=f"name {name} among the purposes the policy describes",
            )


# PL202 ---------------------------------------------------------------------------------


def conditional(ctx: CheckContext, purpose: str, condition: str) -> list[Declaration]:
    """Positive purpose declarations with ``condition`` on the purpose or an ancestor of it."""
    return [
        d
        for d in ctx.policy.purposes
        if d.condition == condition and not d.negative and within(ctx, purpose, d.key)
    ]


def condition_evidence(declarations: list[Declaration], condition: str) -> tuple[Evidence, ...]:
    """The sentences of ``declarations`` that state ``condition`` (all of them if none does)."""
    evidence = evidence_of(*declarations, limit=100)
    stating = [e for e in evidence if CONDITION_WORDING[condition].search(e.text)]
    return tuple(stating or evidence)[:3]


def consent(ctx: CheckContext) -> Iterator[Finding]:
    vocabulary = ctx.taxonomy.data_uses
    for element, index, purpose in element_purposes(ctx):
        declarations = conditional(ctx, purpose, CONSENT)
        if not declarations:
            continue
        basis = element.basis_for(purpose)
        if basis == CONSENT:
            continue
        evidence = condition_evidence(declarations, CONSENT)
        made = f"the policy makes {label(vocabulary, declarations[0].key)} conditional on consent{cite(evidence)}"
        if basis is None:
            message = f"data element `{element.id}` is used for {purpose}; legal basis not stated; {made}"
        else:
            message = f"data element `{element.id}` is used for {purpose} on the basis of {basis}; {made}"
        location = element.at("legal_basis") if element.legal_basis else element.at("purposes", index)
        yield registry.finding(
            "PL202",
            message,
            location,
            key=f"data:{element.id}:basis:{purpose}",
            evidence=evidence,
            fix=f"ask for consent before using the data for {purpose} and record "
            f"`legal_basis: {{{purpose}: consent}}`, or correct the policy",
        )


# PL203 ---------------------------------------------------------------------------------


def anonymized_limits(ctx: CheckContext, purpose: str) -> list[Declaration]:
    """Anonymized-only declarations within analytics that concern ``purpose`` (above or below)."""
    vocabulary = ctx.taxonomy.data_uses
    return [
        d
        for d in ctx.policy.purposes
        if d.condition == ANONYMIZED
        and not d.negative
        and within(ctx, d.key, ANALYTICS)
        and (vocabulary.is_within(purpose, d.key) or vocabulary.is_within(d.key, purpose))
    ]


def identified_analytics(ctx: CheckContext) -> Iterator[Finding]:
    for element in ctx.inventory.data:
        if element.identifiability not in (*IDENTIFYING, None):
            continue
        analysed = [
            (i, p, anonymized_limits(ctx, p))
            for i, p in enumerate(element.purposes)
            if p in ctx.taxonomy.data_uses and within(ctx, p, ANALYTICS)
        ]
        analysed = [(i, p, limits) for i, p, limits in analysed if limits]
        if not analysed:
            continue
        index, purpose, _ = analysed[0]
        limits = [d for _, _, found in analysed for d in found]
        evidence = condition_evidence(limits, ANONYMIZED)
        limited = f"the policy limits analysis to anonymous or aggregated data{cite(evidence)}"
        if element.identifiability is None:
            message = f"data element `{element.id}` is used for {purpose}; identifiability not stated; {limited}"
            location = element.at("purposes", index)
        else:
            message = f"data element `{element.id}` is used for {purpose} in {element.identifiability} form; {limited}"
            location = element.at("identifiability")
        yield registry.finding(
            "PL203",
            message,
            location,
            key=f"data:{element.id}:identifiability",
            evidence=evidence,
            fix="anonymize or aggregate the data before analysing it (and record "
            "`identifiability: aggregated`), or say in the policy that analysis uses identifiable data",
        )


# PL204 ---------------------------------------------------------------------------------


def sale(ctx: CheckContext) -> Iterator[Finding]:
    stance = ctx.policy.sale.stance
    if stance == "sells":
        return
    if stance == "does_not_sell":
        evidence = tuple(sorted(ctx.policy.sale.evidence, key=lambda e: (e.path, e.line)))[:3]
        said = f"the policy says it does not sell personal data{cite(evidence)}"
        where: tuple[str, ...] = ()
    else:
        evidence = ()
        said = "the policy does not say that it sells personal data"
        where = searched(ctx, "sale", "sharing")
    fix = (
        "disclose the sale in the policy (with the right to opt out, CCPA s1798.120), "
        "or stop selling the data"
    )
    for recipient in ctx.inventory.recipients:
        if recipient.sale is not True:
            continue
        sold = [f"`{e.id}`" for e in ctx.inventory.data_for_recipient(recipient.id)]
        if sold:
            yield registry.finding(
                "PL204",
                f"{describe(recipient)} buys {listing(sold)} (`sale: true`); {said}",
                recipient.at("sale"),
                key=f"recipient:{recipient.id}:sale",
                evidence=evidence,
                searched=where,
                fix=fix,
            )
    for element, index, purpose in element_purposes(ctx):
        if within(ctx, purpose, SALES):
            yield registry.finding(
                "PL204",
                f"data element `{element.id}` is used for {label(ctx.taxonomy.data_uses, purpose)}; {said}",
                element.at("purposes", index),
                key=f"data:{element.id}:sale",
                evidence=evidence,
                searched=where,
                fix=fix,
            )


def check(ctx: CheckContext) -> Iterator[Finding]:
    yield from undeclared(ctx)
    yield from consent(ctx)
    yield from identified_analytics(ctx)
    yield from sale(ctx)
