"""Collection: is every data category the inventory collects disclosed by the policy?

Each data element's category is classified against the policy's data-category
declarations (see ``disclosure.classify``) and gives at most one finding, the most specific:

- PL103 contradicted-collection: the policy says it does not collect it (the finding quotes
  the negative sentence);
- PL104 sensitive-not-explicit: the category is special-category data (``sensitive: true``
  in the taxonomy, on the key or an ancestor) and the policy does not name it clearly; for
  such data it replaces PL101 and PL102;
- PL101 undeclared-collection: the policy does not mention it (the finding lists the
  collection sections searched);
- PL102 vague-disclosure: only a broader term covers it ("device information" for an IP
  address), or only narrower ones; the finding quotes that declaration. PL102 is also given
  for purposes (``purposes.py``) and recipient types (``sharing.py``).

And, the other way round:

- PL105 stale-declaration: the policy declares a category that no data element collects,
  neither that key nor anything above or below it. Only when the inventory lists data
  elements at all (an inventory of cookies alone says nothing about collection).
"""

from __future__ import annotations

from collections.abc import Iterator

from policylint import registry
from policylint.checks.common import cite, evidence_of, label, plain, policy_location, searched, vague_wording
from policylint.checks.context import CheckContext
from policylint.checks.disclosure import CLEAR, CONTRADICTED, OMITTED, VAGUE, Disclosure, classify
from policylint.findings import Finding
from policylint.inventory.model import DataElement
from policylint.policy.model import Declaration
from policylint.taxonomy import Vocabulary

ROOTS = ("user", "system")  # too broad to be stale or to disclose anything
# What a cookie or similar technology collects, for PL105 (a cookie notice's declaration of
# cookie identifiers is not stale when the inventory lists cookies).
COOKIE_CATEGORIES = ("user.device.cookie_id", "user.device.cookie")


def is_sensitive(vocabulary: Vocabulary, key: str) -> bool:
    """Special-category data: the key or one of its ancestors is marked ``sensitive``."""
    return any(vocabulary.terms[k].sensitive for k in vocabulary.lineage(key) if k in vocabulary.terms)


def element_finding(ctx: CheckContext, element: DataElement, disclosure: Disclosure) -> Finding | None:
    vocabulary = ctx.taxonomy.data_categories
    category = element.category
    what = f"data element `{element.id}` collects {label(vocabulary, category)}"
    location = element.at("category")
    key = f"data:{element.id}:{category}"
    declaration = disclosure.declaration
    name = plain(vocabulary.terms[category].name)

    if disclosure.cls == CONTRADICTED:
        evidence = evidence_of(declaration)
        return registry.finding(
            "PL103",
            f"{what}; the policy says it does not collect {label(vocabulary, declaration.key)}{cite(evidence)}",
            location,
            key,
            evidence=evidence,
            fix=f"correct the policy sentence that denies collecting {name}, or stop collecting it",
        )
    if disclosure.cls != CLEAR and is_sensitive(vocabulary, category):
        vague = disclosure.cls == VAGUE
        evidence = evidence_of(declaration) if vague else ()
        side = "the policy does not mention it"
        if vague:
            side = f"{vague_wording(vocabulary, category, declaration)}{cite(evidence)}"
        return registry.finding(
            "PL104",
            f"{what}, special-category data; {side}",
            location,
            key,
            evidence=evidence,
            searched=() if vague else searched(ctx, "collection"),
            fix=f"name {name} explicitly in the policy, with its purpose and legal basis",
        )
    if disclosure.cls == OMITTED:
        return registry.finding(
            "PL101",
            f"{what}; the policy does not mention it",
            location,
            key,
            searched=searched(ctx, "collection"),
            fix=f"add {name} to the policy's list of collected information, or stop collecting it",
        )
    if disclosure.cls == VAGUE:
        evidence = evidence_of(declaration)
        return registry.finding(
            "PL102",
            f"{what}; {vague_wording(vocabulary, category, declaration)}{cite(evidence)}",
            location,
            key,
            evidence=evidence,
            fix=f"name {name} in the policy's list of collected information",
        )
    return None


def undeclared(ctx: CheckContext) -> Iterator[Finding]:
    vocabulary = ctx.taxonomy.data_categories
    for element in ctx.inventory.data:
        if element.category is None or element.category not in vocabulary:
            continue  # an unknown term is PL003's
        disclosure = classify(vocabulary, element.category, ctx.policy.data_categories)
        finding = element_finding(ctx, element, disclosure)
        if finding is not None:
            yield finding


def collected(ctx: CheckContext) -> set[str]:
    """The categories the inventory collects (a cookie collects a cookie identifier)."""
    keys = {e.category for e in ctx.inventory.data if e.category and e.category not in ROOTS}
    if ctx.inventory.cookies:
        keys.update(k for k in COOKIE_CATEGORIES if k in ctx.taxonomy.data_categories)
    return keys


def stale(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.inventory.data:
        return
    vocabulary = ctx.taxonomy.data_categories
    keys = collected(ctx)
    declared: dict[str, list[Declaration]] = {}
    for declaration in ctx.policy.data_categories:
        if not declaration.negative and declaration.key not in ROOTS and declaration.key in vocabulary:
            declared.setdefault(declaration.key, []).append(declaration)
    for key, declarations in declared.items():
        if any(vocabulary.is_within(k, key) or vocabulary.is_within(key, k) for k in keys):
            continue
        evidence = evidence_of(*declarations)
        first = evidence[0] if evidence else None
        location = policy_location(ctx, first.line, first.path) if first else policy_location(ctx)
        yield registry.finding(
            "PL105",
            f"the policy says it collects {label(vocabulary, key)}{cite(evidence)}; "
            "no data element of the inventory collects it",
            location,
            key=key,
            evidence=evidence,
            fix=(
                f"add the data element that collects {plain(vocabulary.terms[key].name)} to the "
                "inventory, or drop it from the policy if it is no longer collected"
            ),
        )


def check(ctx: CheckContext) -> Iterator[Finding]:
    yield from undeclared(ctx)
    yield from stale(ctx)
