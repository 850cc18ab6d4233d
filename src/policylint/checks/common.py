"""Small helpers the rule families share: naming terms, quoting evidence, the silent sections."""

from __future__ import annotations

from policylint.checks.context import CheckContext
from policylint.findings import Evidence, Location
from policylint.policy.model import Declaration
from policylint.taxonomy import Vocabulary


def label(vocabulary: Vocabulary, key: str) -> str:
    """``user.contact.email (Email address)`` for messages."""
    term = vocabulary.terms.get(key)
    return f"{key} ({term.name})" if term and term.name and term.name != key else key


def evidence_of(*declarations: Declaration | None, limit: int = 3) -> tuple[Evidence, ...]:
    """The evidence of the given declarations, de-duplicated, in document order."""
    seen: dict[tuple, Evidence] = {}
    for declaration in declarations:
        if declaration is None:
            continue
        for ev in declaration.evidence:
            seen.setdefault((ev.path, ev.line, ev.text), ev)
    return tuple(sorted(seen.values(), key=lambda e: (e.path, e.line)))[:limit]


def cite(evidence) -> str:
    """``(II(D), line 28)`` for the first piece of evidence, or empty."""
    evidence = list(evidence)
    return f" ({evidence[0].short_place()})" if evidence else ""


def searched(ctx: CheckContext, *topics: str) -> tuple[str, ...]:
    """The policy sections looked at when the policy is silent on ``topics``."""
    return tuple(ctx.policy.sections_about(*topics))


def policy_location(ctx: CheckContext, line: int = 1, path: str | None = None) -> Location:
    """Where a policy-level finding points: the policy file (first document by default)."""
    return Location(path or ctx.policy_path, line, 1, "")


def plain(name: str) -> str:
    """A term name for running text: ``Phone number`` -> ``phone number``, ``IP address`` kept."""
    return name[0].lower() + name[1:] if name[1:2].islower() else name


def vague_wording(vocabulary: Vocabulary, key: str, declaration: Declaration) -> str:
    """How a vague declaration relates to the practice: broader, or only narrower."""
    if vocabulary.is_within(key, declaration.key):
        return f"the policy says only {label(vocabulary, declaration.key)}"
    return f"the policy names only the narrower {label(vocabulary, declaration.key)}"
