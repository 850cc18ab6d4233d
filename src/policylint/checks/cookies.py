"""Cookies and similar technologies (PL4xx): what the browser stores, and what the policy says.

Rules:

- PL401 undeclared-cookies: the inventory sets cookies (or similar technologies) and the
  policy never mentions them; one finding per inventory file.
- PL402 undeclared-cookie-purpose: a cookie's purpose is not among the cookie uses the policy
  describes (strictly necessary cookies are covered by any essential, security or functional
  use).
- PL403 undeclared-tracking-technology: a technology (pixel, local storage, SDK,
  fingerprinting) the policy's cookie notice does not mention.
- PL404 cookie-without-consent: a cookie that is not strictly necessary is set without
  consent (ePrivacy Art. 5(3)), whatever the policy says.
- PL405 third-party-cookie-undeclared: a third-party cookie sends data to a type of recipient
  the policy does not declare.
- PL406 cookie-misclassified: a well-known cookie is declared with a purpose or a party that
  contradicts what it is.

A cookie is read through an *effective* view: what its inventory entry states, and for what
the entry leaves out (purpose, party, provider, technology), what the well-known cookie
table says about a cookie of that name. Inventory objects are never changed; a message that
relies on a fact from the table says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from policylint import registry
from policylint.checks.common import cite, label, searched
from policylint.checks.context import CheckContext
from policylint.checks.disclosure import CONTRADICTED, classify
from policylint.cookies import KnownCookie
from policylint.findings import Evidence, Finding
from policylint.inventory.model import Cookie

# Purposes of strictly necessary cookies: no consent needed (ePrivacy Art. 5(3)).
STRICTLY_NECESSARY = frozenset({"essential", "security"})
# Cookie uses a policy describes that cover strictly necessary cookies: "needed for the site
# to work" is how policies usually describe them.
COVERS_NECESSARY = frozenset({"essential", "security", "functional"})
# Consent values that mean no consent is asked.
NO_CONSENT = frozenset({"none", "not_required"})
# Words of a sentence that tells people how to control cookies.
CONTROL_WORDS = (
    "setting", "accept", "reject", "refuse", "decline", "disable", "block", "opt", "consent", "withdraw",
    "manage", "delete",
)

TECHNOLOGY_NOUNS = {
    "cookie": "cookie",
    "local_storage": "local storage entry",
    "session_storage": "session storage entry",
    "pixel": "pixel",
    "web_beacon": "web beacon",
    "sdk": "SDK",
    "fingerprinting": "fingerprinting script",
}
MESSAGE_NAMES = 5  # cookie names listed in a PL401 message


@dataclass(frozen=True)
class EffectiveCookie:
    """A cookie's facts: the inventory's where stated, else the well-known cookie table's."""

    cookie: Cookie
    known: KnownCookie | None
    purpose: str | None
    party: str | None
    provider: str | None  # the inventory recipient id, else the table's provider
    recipient_type: str | None
    technology: str
    inferred: frozenset[str]  # fields taken from the table

    @property
    def name(self) -> str:
        return self.cookie.name

    @property
    def strictly_necessary(self) -> bool:
        return self.purpose in STRICTLY_NECESSARY

    def describe(self) -> str:
        """``sets an advertising cookie for meta-pixel (advertising_network)``; a purpose or
        provider taken from the well-known cookie table is marked as such."""
        noun = TECHNOLOGY_NOUNS.get(self.technology, self.technology)
        if self.purpose:
            text = f"sets {article(self.purpose)} {self.purpose} {noun}"
        else:
            text = f"sets {article(noun)} {noun}"
        if self.provider:
            text += f" for {self.provider}"
            if self.recipient_type:
                text += f" ({self.recipient_type})"
        return text + self.inferred_note("purpose", "provider")

    def inferred_note(self, *fields: str) -> str:
        """`` [purpose and provider from the well-known cookie table]`` for those of ``fields``
        the inventory leaves out and the table fills in."""
        shown = [f for f in fields if f in self.inferred]
        if not shown:
            return ""
        return f" [{' and '.join(shown)} from the well-known cookie table]"


def article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def effective(ctx: CheckContext, cookie: Cookie) -> EffectiveCookie:
    """The cookie's effective facts. The provider's recipient type is the inventory
    recipient's ``type`` when the provider names one, else the table's."""
    known = ctx.cookie_table.lookup(cookie.name) if cookie.name else None
    inferred = set()

    def pick(field_name: str, stated, from_table):
        if stated is not None:
            return stated
        if known is not None and from_table is not None:
            inferred.add(field_name)
        return from_table

    purpose = pick("purpose", cookie.purpose, known.purpose if known else None)
    party = pick("party", cookie.party, known.set_on if known else None)
    provider = pick("provider", cookie.provider, known.provider if known else None)
    technology = pick("technology", cookie.technology, known.technology if known else None) or "cookie"
    recipient = ctx.inventory.recipient(cookie.provider)
    recipient_type = recipient.type if recipient is not None and recipient.type else None
    if recipient_type is None and known is not None:
        recipient_type = known.recipient_type
    return EffectiveCookie(
        cookie=cookie,
        known=known,
        purpose=purpose,
        party=party,
        provider=provider,
        recipient_type=recipient_type,
        technology=technology,
        inferred=frozenset(inferred),
    )


def _dedupe(evidence: Iterable[Evidence], limit: int = 3) -> tuple[Evidence, ...]:
    seen: dict[tuple, Evidence] = {}
    for ev in evidence:
        seen.setdefault((ev.path, ev.line, ev.text), ev)
    return tuple(sorted(seen.values(), key=lambda e: (e.path, e.line)))[:limit]


def purpose_evidence(ctx: CheckContext) -> tuple[Evidence, ...]:
    """The sentences that describe cookie uses, else every cookie sentence."""
    cookies = ctx.policy.cookies
    found = [ev for evs in cookies.purpose_evidence.values() for ev in evs]
    return _dedupe(found or cookies.evidence)


def technology_evidence(ctx: CheckContext) -> tuple[Evidence, ...]:
    cookies = ctx.policy.cookies
    found = [ev for evs in cookies.technology_evidence.values() for ev in evs]
    return _dedupe(found or cookies.evidence)


def control_evidence(ctx: CheckContext) -> tuple[Evidence, ...]:
    """The sentences that tell people how to control cookies (when the policy says so)."""
    cookies = ctx.policy.cookies
    if not cookies.user_control:
        return ()
    control = [ev for ev in cookies.evidence if any(w in ev.text.lower() for w in CONTROL_WORDS)]
    return _dedupe(control or cookies.evidence, limit=2)


def purpose_covered(ctx: CheckContext, purpose: str, declared: set[str]) -> bool:
    """A purpose is covered when the policy describes it (or a broader use containing it);
    strictly necessary cookies are covered by any essential, security or functional use."""
    if purpose in declared:
        return True
    vocabulary = ctx.taxonomy.cookie_purposes
    if purpose in vocabulary and any(vocabulary.is_within(purpose, d) for d in declared if d in vocabulary):
        return True
    return purpose in STRICTLY_NECESSARY and bool(declared & COVERS_NECESSARY)


def canonical_technology(ctx: CheckContext, key: str) -> str:
    vocabulary = ctx.taxonomy.technologies
    resolved = vocabulary.resolve(key) or key
    return vocabulary.canonical(resolved)


# --- the rules ---------------------------------------------------------------------------


def check(ctx: CheckContext) -> Iterator[Finding]:
    cookies = [effective(ctx, c) for c in ctx.inventory.cookies]
    if not cookies:
        return
    yield from undeclared_cookies(ctx, cookies)
    if ctx.policy.cookies.mentioned:
        for eff in cookies:
            yield from undeclared_purpose(ctx, eff)
            yield from undeclared_technology(ctx, eff)
    for eff in cookies:
        yield from without_consent(ctx, eff)
        yield from third_party_undeclared(ctx, eff)
        yield from misclassified(ctx, eff)


def undeclared_cookies(ctx: CheckContext, cookies: list[EffectiveCookie]) -> Iterator[Finding]:
    """PL401: one finding per inventory file that sets cookies the policy never mentions."""
    if ctx.policy.cookies.mentioned:
        return
    by_file: dict[str, list[EffectiveCookie]] = {}
    for eff in cookies:
        by_file.setdefault(eff.cookie.loc.path, []).append(eff)
    for entries in by_file.values():
        names = [f"`{e.name}`" for e in entries]
        shown = ", ".join(names[:MESSAGE_NAMES])
        if len(names) > MESSAGE_NAMES:
            shown += f" and {len(names) - MESSAGE_NAMES} more"
        technologies = sorted({plural(TECHNOLOGY_NOUNS.get(e.technology, e.technology)) for e in entries})
        yield registry.finding(
            "PL401",
            f"the inventory sets {len(entries)} cookie{'s' if len(entries) != 1 else ''} or similar "
            f"technologies ({shown}); the policy never mentions cookies",
            entries[0].cookie.loc,
            key="cookies",
            searched=searched(ctx),
            fix=f"add a cookie section to the policy: which {' and '.join(technologies)} are used, "
            "what for, who sets them and how to refuse them",
        )


def undeclared_purpose(ctx: CheckContext, eff: EffectiveCookie) -> Iterator[Finding]:
    """PL402: the cookie's purpose is not among the cookie uses the policy describes."""
    declared = set(ctx.policy.cookies.purposes)
    if eff.purpose is not None and purpose_covered(ctx, eff.purpose, declared):
        return
    evidence = purpose_evidence(ctx)
    if declared:
        policy_side = f"the policy describes cookies only for {', '.join(sorted(declared))}{cite(evidence)}"
    else:
        policy_side = f"the policy mentions cookies but describes no use for them{cite(evidence)}"
    if eff.purpose is None:
        message = f"`{eff.name}` {eff.describe()}: purpose not stated; {policy_side}"
        fix = f"state the purpose of `{eff.name}` in the inventory (essential, functional, analytics, ...)"
    else:
        message = f"`{eff.name}` {eff.describe()}; {policy_side}"
        fix = (
            f"describe {eff.purpose} cookies in the policy (what they do, who sets them, how to refuse them), "
            f"or remove `{eff.name}`"
        )
    yield registry.finding(
        "PL402",
        message,
        eff.cookie.at("purpose"),
        key=f"cookie:{eff.name}",
        evidence=evidence,
        fix=fix,
    )


def undeclared_technology(ctx: CheckContext, eff: EffectiveCookie) -> Iterator[Finding]:
    """PL403: the technology is not among those the policy mentions (cookies are mentioned)."""
    mentioned = {canonical_technology(ctx, t) for t in ctx.policy.cookies.technologies}
    mentioned.add("cookie")
    technology = canonical_technology(ctx, eff.technology)
    if technology in mentioned:
        return
    evidence = technology_evidence(ctx)
    noun = TECHNOLOGY_NOUNS.get(eff.technology, eff.technology)
    listed = ", ".join(sorted(set(ctx.policy.cookies.technologies) | {"cookie"}))
    yield registry.finding(
        "PL403",
        f"`{eff.name}` is {article(noun)} {noun} ({eff.technology}){eff.inferred_note('technology')}; "
        f"the policy mentions only {listed}{cite(evidence)}",
        eff.cookie.at("technology"),
        key=f"cookie:{eff.name}",
        evidence=evidence,
        fix=f"name {eff.technology.replace('_', ' ')} among the technologies the policy describes, "
        f"with what `{eff.name}` does",
    )


def without_consent(ctx: CheckContext, eff: EffectiveCookie) -> Iterator[Finding]:
    """PL404: a cookie that is not strictly necessary, set without consent."""
    consent = eff.cookie.consent
    if eff.strictly_necessary:
        return
    if eff.purpose is None:
        # Without a purpose the exemption cannot be claimed, but neither can the need:
        # only an explicit "no consent" is reported.
        if consent not in NO_CONSENT:
            return
        what = f"`{eff.name}` {eff.describe()} without consent (`consent: {consent}`)"
        location = eff.cookie.at("consent")
    elif consent is None:
        what = f"`{eff.name}` {eff.describe()}: consent not stated"
        location = eff.cookie.loc
    elif consent in NO_CONSENT:
        what = f"`{eff.name}` {eff.describe()} without consent (`consent: {consent}`)"
        location = eff.cookie.at("consent")
    else:
        return
    evidence = control_evidence(ctx)
    rule = "only strictly necessary cookies may be set without opt-in consent"
    if evidence:
        rule += f"; the cookie controls the policy describes{cite(evidence)} do not replace prior consent"
    yield registry.finding(
        "PL404",
        f"{what}; {rule}",
        location,
        key=f"cookie:{eff.name}",
        evidence=evidence,
        fix=f"set `{eff.name}` only after opt-in consent (`consent: opt_in`) through a consent banner, "
        "or remove it",
    )


def third_party_undeclared(ctx: CheckContext, eff: EffectiveCookie) -> Iterator[Finding]:
    """PL405: a third-party cookie whose provider is a recipient type the policy does not declare."""
    if eff.party != "third" or not eff.recipient_type:
        return
    vocabulary = ctx.taxonomy.recipient_types
    if eff.recipient_type not in vocabulary:
        return  # an unknown type is PL003's finding
    disclosure = classify(vocabulary, eff.recipient_type, ctx.policy.recipients)
    if disclosure.covered:
        return
    kind = label(vocabulary, eff.recipient_type)
    party = eff.inferred_note("party", "provider")
    provider = eff.provider or "its provider"
    if disclosure.cls == CONTRADICTED:
        evidence = tuple(disclosure.declaration.evidence[:3])
        yield registry.finding(
            "PL405",
            f"third-party cookie `{eff.name}`{party} sends data to {provider}, {article(kind)} {kind}; "
            f"the policy says it does not share with them{cite(evidence)}",
            eff.cookie.at("provider"),
            key=f"cookie:{eff.name}",
            evidence=evidence,
            fix=f"remove `{eff.name}`, or correct what the policy says about sharing with "
            f"{eff.recipient_type} recipients",
        )
        return
    yield registry.finding(
        "PL405",
        f"third-party cookie `{eff.name}`{party} sends data to {provider}, {article(kind)} {kind}; "
        "the policy declares no such recipient",
        eff.cookie.at("provider"),
        key=f"cookie:{eff.name}",
        searched=searched(ctx, "sharing"),
        fix=f"name {eff.recipient_type.replace('_', ' ')}s among the recipients in the policy's sharing "
        f"section (and the cookies they set), or remove `{eff.name}`",
    )


def misclassified(ctx: CheckContext, eff: EffectiveCookie) -> Iterator[Finding]:
    """PL406: a well-known cookie declared with a purpose or party that contradicts what it is."""
    known = eff.known
    if known is None:
        return
    cookie = eff.cookie
    wrong_purpose = cookie.purpose is not None and cookie.purpose not in known.purposes
    # A cookie the table knows as set on the site's domain may still be declared third-party
    # (the data goes to the vendor); the reverse hides a transfer.
    wrong_party = cookie.party == "first" and known.set_on == "third"
    if not (wrong_purpose or wrong_party):
        return
    declared = []
    if wrong_purpose:
        declared.append(cookie.purpose)
    if wrong_party:
        declared.append("first-party")
    yield registry.finding(
        "PL406",
        f"`{cookie.name}` is {what_it_is(known)}; the inventory declares it {', '.join(declared)}",
        cookie.at("purpose") if wrong_purpose else cookie.at("party"),
        key=f"cookie:{cookie.name}",
        fix=misclassified_fix(known, wrong_purpose, wrong_party),
    )


def what_it_is(known: KnownCookie) -> str:
    """``DoubleClick's advertising cookie (set on its own domain)``."""
    purposes = " or ".join(known.purposes)
    noun = TECHNOLOGY_NOUNS.get(known.technology, known.technology)
    owner = "the site framework's" if known.vendor == "(site)" else f"{known.vendor}'s"
    text = f"{owner} {purposes} {noun}"
    if known.set_on == "third":
        text += " (set on its own domain)"
    return text


def misclassified_fix(known: KnownCookie, wrong_purpose: bool, wrong_party: bool) -> str:
    parts = []
    if wrong_purpose:
        parts.append(f"`purpose: {known.purpose}`")
    if wrong_party:
        parts.append("`party: third`")
    return f"declare {' and '.join(parts)} in the inventory (and the consent that goes with it)"
