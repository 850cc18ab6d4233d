"""Building blocks for the rule-family tests: a real inventory, hand-made declarations.

The inventory goes through the real loader (so locations are real lines); the policy side is
built directly as Declarations, so a family's tests do not depend on how the reader words
things.
"""

from __future__ import annotations

import textwrap

from policylint import cookies, taxonomy
from policylint.checks.context import CheckContext
from policylint.findings import Evidence
from policylint.inventory.load import load_inventories
from policylint.policy.model import Declaration, Declarations, Promise, Section

POLICY = "privacy-policy.md"
COLLECTION = "II. Information Collection"
USE = "III. Information Use"
SHARING = "IV. Information Sharing"
SECURITY = "V. Data Security"


def ev(line: int, text: str, section: str = COLLECTION, path: str = POLICY) -> Evidence:
    return Evidence(path, line, section, text)


def decl(key, stance, line=10, text="", section=COLLECTION, condition=None, names=()) -> Declaration:
    return Declaration(
        key=key,
        stance=stance,
        evidence=[ev(line, text or f"sentence about {key}", section)],
        condition=condition,
        names=list(names),
    )


def promise(key: str, line: int, text: str, section: str = SECURITY) -> Promise:
    return Promise(key, [ev(line, text, section)])


def sections() -> list[Section]:
    return [
        Section(POLICY, "I. Introduction", 1, 4),
        Section(POLICY, COLLECTION, 5, 19, ("collection",)),
        Section(POLICY, USE, 20, 33, ("use",)),
        Section(POLICY, SHARING, 34, 44, ("sharing",)),
        Section(POLICY, SECURITY, 45, 55, ("security",)),
        Section(POLICY, "IX. Contact Us", 71, 78, ("contact",)),
    ]


def policy(**fields) -> Declarations:
    """Declarations with the sections above; keyword arguments set any field."""
    declarations = Declarations(paths=[POLICY], sections=sections())
    for name, value in fields.items():
        setattr(declarations, name, value)
    return declarations


def make_ctx(tmp_path, inventory: str, declarations: Declarations | None = None, rules=()) -> CheckContext:
    path = tmp_path / "inventory.yaml"
    path.write_text(textwrap.dedent(inventory).lstrip("\n"), encoding="utf-8")
    tax = taxonomy.load()
    loaded = load_inventories([str(path)], tax)
    assert loaded.findings == [], [(f.code, f.message) for f in loaded.findings]
    return CheckContext(
        inventory=loaded.inventory,
        policy=declarations if declarations is not None else policy(),
        taxonomy=tax,
        cookie_table=cookies.builtin(),
        policy_path=POLICY,
        custom_rules=list(rules),
    )


def run(module, ctx, *codes) -> list:
    """The findings of one family module, restricted to ``codes`` when given."""
    found = list(module.check(ctx))
    return [f for f in found if not codes or f.code in codes]
