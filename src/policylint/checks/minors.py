"""Children and minors (PL5xx): whom the product accepts, and what the policy says about it.

Rules:

- PL501 minors-data-collected: the policy says the service is not for minors (or not for
  those under an age it states), and the inventory accepts or targets them.
- PL502 no-age-gate: the policy excludes minors and the inventory has no age gate.
- PL503 children-notice-missing: the inventory targets or collects from children and the
  policy says nothing about children.

The age threshold is the policy's own ("under 13") where it states one, else the configured
minor age (default 18).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from policylint import registry
from policylint.checks.common import cite
from policylint.checks.context import CheckContext
from policylint.findings import Finding, Location

CHILD_SUBJECT = "child"
CHILDREN_CATEGORY = "user.childrens"
COPPA_AGE = 13  # under this age a product collecting data needs a children's notice (COPPA)


@dataclass(frozen=True)
class ChildSignal:
    """One place where the inventory accepts, targets or collects from young people."""

    what: str  # "data element `kid-name` collects from children (subject `child`)"
    location: Location
    key: str


def threshold(ctx: CheckContext) -> int:
    return ctx.policy.children.age or ctx.minor_age


def element_signals(ctx: CheckContext) -> Iterator[ChildSignal]:
    """Data elements about children: subject `child`, or a category within user.childrens.
    One signal per element, at the subject item when there is one, else at the category."""
    vocabulary = ctx.taxonomy.data_categories
    for element in ctx.inventory.data:
        child_data = (
            element.category is not None
            and CHILDREN_CATEGORY in vocabulary
            and element.category in vocabulary
            and vocabulary.is_within(element.category, CHILDREN_CATEGORY)
        )
        reasons = []
        location = None
        if CHILD_SUBJECT in element.subjects:
            reasons.append("subject `child`")
            location = element.at("subjects", element.subjects.index(CHILD_SUBJECT))
        if child_data:
            reasons.append(f"category {element.category}")
            location = location or element.at("category")
        if reasons:
            yield ChildSignal(
                f"data element `{element.id}` collects data from children ({', '.join(reasons)})",
                location,
                f"data:{element.id}",
            )


def audience_signals(ctx: CheckContext, below: int) -> Iterator[ChildSignal]:
    """An audience that targets children, or accepts people younger than ``below``."""
    for audience in ctx.inventory.audiences:
        if audience.directed_to_children:
            yield ChildSignal(
                "the product is directed to children (`directed_to_children: true`)",
                audience.at("directed_to_children"),
                "audience:directed_to_children",
            )
        if audience.minimum_age is not None and audience.minimum_age < below:
            yield ChildSignal(
                f"the product accepts users from age {audience.minimum_age} (`minimum_age: {audience.minimum_age}`)",
                audience.at("minimum_age"),
                "audience:minimum_age",
            )


def excluded_group(ctx: CheckContext) -> str:
    """How the policy's exclusion reads in a message: "minors (under 18)", "children under 13"."""
    age = ctx.policy.children.age
    return f"children under {age}" if age else f"minors (under {ctx.minor_age}, the configured minor age)"


def check(ctx: CheckContext) -> Iterator[Finding]:
    stance = ctx.policy.children.stance
    if stance == "not_directed":
        yield from minors_data_collected(ctx)
        yield from no_age_gate(ctx)
    elif stance == "silent":
        yield from children_notice_missing(ctx)


def minors_data_collected(ctx: CheckContext) -> Iterator[Finding]:
    """PL501: the policy excludes minors; the inventory accepts or targets them."""
    evidence = tuple(ctx.policy.children.evidence[:3])
    age = threshold(ctx)
    for signal in [*element_signals(ctx), *audience_signals(ctx, age)]:
        yield registry.finding(
            "PL501",
            f"{signal.what}; the policy says the service is not for {excluded_group(ctx)}{cite(evidence)}",
            signal.location,
            key=signal.key,
            evidence=evidence,
            fix=f"stop collecting from users under {age} (raise `minimum_age`, remove the children's data), "
            "or rewrite the policy's children section to describe what is collected from them and how "
            "parents consent",
        )


def no_age_gate(ctx: CheckContext) -> Iterator[Finding]:
    """PL502: the policy excludes minors; the inventory states no age gate, or `age_gate: none`."""
    evidence = tuple(ctx.policy.children.evidence[:3])
    policy_side = f"the policy says the service is not for {excluded_group(ctx)}{cite(evidence)}"
    fix = (
        f"ask for the user's age or date of birth at signup (`age_gate: self_declared` or `verified`) "
        f"and refuse users under {threshold(ctx)}; record it under `audience:` in the inventory"
    )
    if not ctx.inventory.audiences:
        if not ctx.inventory.files:
            return
        yield registry.finding(
            "PL502",
            f"the inventory has no `audience:` block, so no age gate is stated; {policy_side}",
            Location(ctx.inventory.files[0], 1, 1, ""),
            key="audience:age_gate",
            evidence=evidence,
            fix=fix,
        )
        return
    for audience in ctx.inventory.audiences:
        if audience.age_gate == "none":
            what, location = "the product has no age gate (`age_gate: none`)", audience.at("age_gate")
        elif audience.age_gate is None:
            what, location = "age gate not stated", audience.loc
        else:
            continue
        yield registry.finding(
            "PL502",
            f"{what}; {policy_side}",
            location,
            key="audience:age_gate",
            evidence=evidence,
            fix=fix,
        )


def children_searched(ctx: CheckContext) -> tuple[str, ...]:
    """Every section, those about children first."""
    sections = ctx.policy.sections
    about = [s.title for s in sections if "children" in s.topics]
    rest = [s.title for s in sections if "children" not in s.topics]
    return tuple(dict.fromkeys(about + rest))


def children_notice_missing(ctx: CheckContext) -> Iterator[Finding]:
    """PL503: the inventory targets or collects from children; the policy is silent about them."""
    for signal in [*element_signals(ctx), *audience_signals(ctx, COPPA_AGE)]:
        yield registry.finding(
            "PL503",
            f"{signal.what}; the policy says nothing about children",
            signal.location,
            key=signal.key,
            searched=children_searched(ctx),
            fix="add a children's section to the policy: what is collected from children, why, "
            "how parents give and withdraw consent, and how they can review or delete it",
        )
