"""Policy hygiene: defects of the policy document itself, whatever the inventory says.

- PL005 policy-placeholder: the policy still holds a template placeholder
  (``{{ user_name }}``, ``[phone number]``). One finding per placeholder, located at its
  line in the policy; its key is the placeholder text, so the fingerprint survives edits.
  A placeholder inside another (``[<privacy@ {{ user_name }} .com>]``) is reported once,
  as the outer one.
- PL006 policy-missing-disclosure: the policy lacks an item GDPR Art. 13 requires in every
  privacy notice: a way to contact the controller, the data subject's rights, how long data
  is kept, and who receives it. One finding per missing item, located at line 1 of the
  policy; the searched sections are all of them (the item belongs nowhere in particular).
"""

from __future__ import annotations

from collections.abc import Iterator

from policylint import registry
from policylint.checks.common import policy_location
from policylint.checks.context import CheckContext
from policylint.findings import Finding
from policylint.policy.model import Declarations, Placeholder, Section

# (item, what is missing, where the law asks for it, what to add)
ART13_ITEMS = (
    (
        "contact",
        "a way to contact the controller",
        "GDPR Art. 13(1)(a)",
        "add a contact section with the controller's name, postal address and an email address",
    ),
    (
        "rights",
        "the data subject's rights (access, correction, deletion, portability, objection, complaint)",
        "GDPR Art. 13(2)(b)-(d)",
        "add a section listing the rights (access, correction, deletion, portability, objection, "
        "withdrawal of consent, complaint to a supervisory authority) and how to exercise them",
    ),
    (
        "retention",
        "how long personal data is kept",
        "GDPR Art. 13(2)(a)",
        "state how long each kind of data is kept, or the criteria that decide it "
        "(e.g. 'deleted 30 days after the account is closed')",
    ),
    (
        "recipients",
        "the recipients or categories of recipients",
        "GDPR Art. 13(1)(e)",
        "say who receives personal data (e.g. 'hosting providers, payment processors'), "
        "or that nobody outside the company does",
    ),
)


def section_at(policy: Declarations, path: str, line: int) -> Section | None:
    """The innermost section of ``path`` that contains ``line``."""
    containing = [s for s in policy.sections if s.path == path and s.line <= line <= s.end_line]
    return max(containing, key=lambda s: s.line) if containing else None


def outermost(placeholders: list[Placeholder]) -> list[Placeholder]:
    """Drop a placeholder that stands inside another on the same line (``[<a@ {{ x }} .com>]``)."""
    return [
        p
        for p in placeholders
        if not any(
            o is not p and o.path == p.path and o.line == p.line and p.text in o.text and len(o.text) > len(p.text)
            for o in placeholders
        )
    ]


def placeholders(ctx: CheckContext) -> Iterator[Finding]:
    for placeholder in outermost(ctx.policy.placeholders):
        section = section_at(ctx.policy, placeholder.path, placeholder.line)
        where = f" in {section.title}" if section else ""
        yield registry.finding(
            "PL005",
            f"the policy still holds the template placeholder `{placeholder.text}`{where}",
            policy_location(ctx, placeholder.line, placeholder.path),
            key=placeholder.text,
            fix=(
                f"replace `{placeholder.text}` with the real text, or give its value in "
                "[tool.policylint.variables] if the published policy fills it in"
            ),
        )


def missing(policy: Declarations, item: str) -> bool:
    """Whether the policy says nothing about one GDPR Art. 13 item."""
    if item == "contact":
        return not policy.contact
    if item == "rights":
        return not policy.rights
    if item == "retention":
        return policy.retention.stance == "silent"
    if item == "recipients":
        # A policy that says nobody receives the data ("we do not share") answers the question.
        return not policy.recipients
    raise ValueError(item)


def missing_disclosures(ctx: CheckContext) -> Iterator[Finding]:
    every_section = tuple(s.title for s in ctx.policy.sections)
    for item, what, law, fix in ART13_ITEMS:
        if missing(ctx.policy, item):
            yield registry.finding(
                "PL006",
                f"the policy does not state {what} ({law})",
                policy_location(ctx),
                key=item,
                searched=every_section,
                fix=fix,
            )


def check(ctx: CheckContext) -> Iterator[Finding]:
    yield from placeholders(ctx)
    yield from missing_disclosures(ctx)
