"""The rule registry: every rule's code, slug, default severity and documentation.

Documentation is data (``rules/catalog/*.yaml``): what the rule checks, why it matters, a
failing and a passing example, the fix and references. ``policylint explain`` prints it and
the test suite runs every example, so the documentation cannot drift from the behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from policylint.findings import Evidence, Finding, Location
from policylint.resources import load_yaml, rules_dir


@dataclass(frozen=True)
class Example:
    name: str
    kind: str  # "fail" or "pass"
    inventory: str
    policy: str | None = None
    config: dict = field(default_factory=dict)
    line: int | None = None  # where a failing example's finding must point (inventory line)


@dataclass(frozen=True)
class Rule:
    code: str
    slug: str
    severity: str
    family: str
    summary: str
    what: str
    why: str
    fix: str
    references: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()


def _rule_from(entry: dict, family: str) -> Rule:
    examples = tuple(
        Example(
            name=e["name"],
            kind=e["kind"],
            inventory=e["inventory"],
            policy=e.get("policy"),
            config=e.get("config") or {},
            line=e.get("line"),
        )
        for e in entry.get("examples", [])
    )
    return Rule(
        code=entry["code"],
        slug=entry["slug"],
        severity=entry["severity"],
        family=family,
        summary=entry["summary"].strip(),
        what=entry["what"].strip(),
        why=entry["why"].strip(),
        fix=entry["fix"].strip(),
        references=tuple(entry.get("references", [])),
        examples=examples,
    )


@lru_cache(maxsize=None)
def all_rules() -> dict[str, Rule]:
    """Every documented rule, keyed by code, in code order."""
    found: dict[str, Rule] = {}
    for path in sorted(rules_dir().joinpath("catalog").glob("*.yaml")):
        doc = load_yaml(path)
        for entry in doc["rules"]:
            found[entry["code"]] = _rule_from(entry, doc["family"])
    return dict(sorted(found.items()))


def get(code: str) -> Rule:
    return all_rules()[code]


def find(code_or_slug: str) -> Rule | None:
    wanted = code_or_slug.strip()
    for rule in all_rules().values():
        if rule.code.lower() == wanted.lower() or rule.slug == wanted.lower():
            return rule
    return None


def finding(
    code: str,
    message: str,
    location: Location,
    key: str,
    *,
    evidence: tuple[Evidence, ...] | list[Evidence] = (),
    searched: tuple[str, ...] | list[str] = (),
    fix: str | None = None,
) -> Finding:
    """Build a finding of a catalogued rule, with its slug and default severity."""
    rule = get(code)
    return Finding(
        code=code,
        slug=rule.slug,
        severity=rule.severity,
        message=message,
        location=location,
        key=key,
        evidence=tuple(evidence),
        searched=tuple(searched),
        fix=fix if fix is not None else first_sentence(rule.fix),
    )


def first_sentence(text: str) -> str:
    """The first sentence of a documentation paragraph, for a finding's fix hint."""
    paragraph = " ".join(text.split("\n\n")[0].split())
    end = paragraph.find(". ")
    return paragraph if end < 0 else paragraph[: end + 1]
