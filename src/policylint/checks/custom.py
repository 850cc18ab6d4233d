"""Organisation rules (PL900-PL999): policies an organisation writes in its configuration.

A rule states up to four criteria, each a list of taxonomy keys and how a data element's
values must match them; it fires on a data element when every criterion it states holds.
This is the model of Fides policy rules, evaluated along the taxonomy tree: an element value
*matches* a rule value when it is that key or lies below it (``user.health_and_medical.
diagnosis`` matches ``user.health_and_medical``).

The element's values per criterion:

- ``data_categories``: its category;
- ``data_uses``: its purposes;
- ``data_subjects``: its subjects;
- ``recipient_types``: the types of the recipients it goes to.

``matches`` says how they must relate to the rule's ``values``:

- ``ANY``: at least one element value matches a rule value;
- ``ALL``: every rule value is matched by some element value;
- ``NONE``: no element value matches any rule value (an element with no values: holds);
- ``OTHER``: some element value matches none of the rule values.

Example (``pyproject.toml``)::

    [[tool.policylint.rules]]
    code = "PL901"
    name = "no-health-for-ads"
    severity = "error"
    message = "health data must never be used for advertising"
    data_categories = {matches = "ANY", values = ["user.health_and_medical"]}
    data_uses = {matches = "ANY", values = ["marketing.advertising"]}

fires on a data element with category ``user.health_and_medical.genetic`` and purposes
``[essential.service, marketing.advertising.third_party]``, and on none whose category lies
outside health data or whose purposes include no advertising. Likewise
``recipient_types = {matches = "OTHER", values = ["service_provider"]}`` fires on every
element that goes to anyone but a service provider.

Each finding is located at the data element, carries the rule's name as its slug and its
severity, and is keyed by the element id. A rule entry that is malformed (a code outside
PL900-PL999, an unknown field, a ``matches`` other than the four above, a value the
taxonomy does not know) is a configuration error: ``parse_rules`` raises ``ValueError``
saying which rule and what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from policylint.checks.context import CheckContext
from policylint.findings import SEVERITIES, Finding
from policylint.inventory.model import DataElement
from policylint.taxonomy import Taxonomy, Vocabulary

MATCHES = ("ANY", "ALL", "NONE", "OTHER")
# criterion field -> taxonomy vocabulary
CRITERIA = {
    "data_categories": "data_category",
    "data_uses": "data_use",
    "data_subjects": "data_subject",
    "recipient_types": "recipient_type",
}
FIELDS = ("code", "name", "severity", "message", *CRITERIA)
CODE = re.compile(r"^PL9\d\d$")


@dataclass(frozen=True)
class Criterion:
    field: str  # one of CRITERIA
    matches: str  # one of MATCHES
    values: tuple[str, ...]  # taxonomy keys


@dataclass(frozen=True)
class CustomRule:
    code: str
    name: str
    severity: str
    message: str
    criteria: tuple[Criterion, ...]


def parse_rules(entries: list[dict], taxonomy: Taxonomy) -> list[CustomRule]:
    """Validate the configuration's rule entries; ``ValueError`` names the first problem."""
    rules: list[CustomRule] = []
    for index, entry in enumerate(entries):
        rule = parse_rule(entry, index, taxonomy)
        if any(r.code == rule.code for r in rules):
            raise ValueError(f"rules[{index}]: code {rule.code} is used by two rules")
        rules.append(rule)
    return rules


def parse_rule(entry: dict, index: int, taxonomy: Taxonomy) -> CustomRule:
    where = f"rules[{index}]"
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: a rule must be a table of fields ({', '.join(FIELDS)})")
    code = entry.get("code")
    if not isinstance(code, str) or not CODE.match(code):
        raise ValueError(f"{where}: code must be PL900 to PL999, got {code!r}")
    where = f"rules[{index}] ({code})"
    unknown = sorted(set(entry) - set(FIELDS))
    if unknown:
        raise ValueError(f"{where}: unknown field {', '.join(unknown)}; a rule has {', '.join(FIELDS)}")
    name = entry.get("name")
    if not isinstance(name, str) or not re.match(r"^[a-z0-9][a-z0-9-]*$", name):
        raise ValueError(f"{where}: name must be a slug like 'no-health-for-ads', got {name!r}")
    severity = entry.get("severity", "error")
    if severity not in SEVERITIES:
        raise ValueError(f"{where}: severity must be one of {', '.join(SEVERITIES)}, got {severity!r}")
    message = entry.get("message", f"breaks the organisation rule {name}")
    if not isinstance(message, str) or not message.strip():
        raise ValueError(f"{where}: message must be a non-empty string")
    criteria = tuple(
        parse_criterion(where, field, entry[field], taxonomy[kind])
        for field, kind in CRITERIA.items()
        if field in entry
    )
    if not criteria:
        raise ValueError(f"{where}: states no criterion ({', '.join(CRITERIA)}); it would fire on every data element")
    return CustomRule(code, name, severity, message.strip(), criteria)


def parse_criterion(where: str, field: str, spec, vocabulary: Vocabulary) -> Criterion:
    if not isinstance(spec, dict) or set(spec) - {"matches", "values"}:
        raise ValueError(f"{where}: {field} must be {{matches = \"ANY\", values = [...]}}")
    matches = spec.get("matches")
    if not isinstance(matches, str) or matches.upper() not in MATCHES:
        raise ValueError(f"{where}: {field}.matches must be one of {', '.join(MATCHES)}, got {matches!r}")
    values = spec.get("values")
    if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{where}: {field}.values must be a non-empty list of taxonomy keys")
    keys = []
    for value in values:
        key = vocabulary.resolve(value)
        if key is None:
            close = vocabulary.suggest(value)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            raise ValueError(f"{where}: {field} value {value!r} is not in the taxonomy{hint}")
        keys.append(key)
    return Criterion(field, matches.upper(), tuple(dict.fromkeys(keys)))


def element_values(element: DataElement, types: dict[str, str | None], field: str) -> list[str]:
    if field == "data_categories":
        return [element.category] if element.category else []
    if field == "data_uses":
        return list(element.purposes)
    if field == "data_subjects":
        return list(element.subjects)
    return [t for t in (types.get(rid) for rid in element.recipients) if t]


def holds(criterion: Criterion, values: list[str], vocabulary: Vocabulary) -> bool:
    """Fides semantics of one criterion along the taxonomy tree."""

    def match(value: str, rule_value: str) -> bool:
        return vocabulary.is_within(value, rule_value)

    if criterion.matches == "ANY":
        return any(match(v, r) for v in values for r in criterion.values)
    if criterion.matches == "ALL":
        return all(any(match(v, r) for v in values) for r in criterion.values)
    if criterion.matches == "NONE":
        return not any(match(v, r) for v in values for r in criterion.values)
    return any(not any(match(v, r) for r in criterion.values) for v in values)  # OTHER


def fires(rule: CustomRule, element: DataElement, types: dict[str, str | None], taxonomy: Taxonomy) -> bool:
    """Whether every criterion of ``rule`` holds for ``element`` (``types``: recipient id -> type)."""
    return all(
        holds(c, element_values(element, types, c.field), taxonomy[CRITERIA[c.field]])
        for c in rule.criteria
    )


def check(ctx: CheckContext) -> Iterator[Finding]:
    rules = parse_rules(ctx.custom_rules, ctx.taxonomy)
    types = {r.id: r.type for r in ctx.inventory.recipients}
    for element in ctx.inventory.data:
        for rule in rules:
            if fires(rule, element, types, ctx.taxonomy):
                yield Finding(
                    code=rule.code,
                    slug=rule.name,
                    severity=rule.severity,
                    message=f"data element `{element.id}`: {rule.message}",
                    location=element.loc,
                    key=f"data:{element.id}",
                    fix=f"change the data element or its uses so that organisation rule {rule.name} holds",
                )
