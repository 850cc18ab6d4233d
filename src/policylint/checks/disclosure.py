"""Disclosure classes (after PoliCheck): how well the policy covers one practice.

- **clear**: the policy names that very key;
- **vague**: only a broader key covers it ("contact information" for an email address,
  "third-party service providers" for an email service), or only narrower keys are named;
- **contradicted**: a negative statement covers it ("we do not collect precise location");
- **omitted**: nothing covers it.

Root terms ("information", "personal data") never disclose anything: the reader does not
turn them into declarations, and the taxonomy roots ``user`` and ``system`` are not counted
here either.
"""

from __future__ import annotations

from dataclasses import dataclass

from policylint.policy.model import Declaration
from policylint.taxonomy import Vocabulary

CLEAR, VAGUE, OMITTED, CONTRADICTED = "clear", "vague", "omitted", "contradicted"

# Keys too broad to disclose anything, per vocabulary.
NON_DISCLOSING = {"data_category": {"user", "system"}}


@dataclass(frozen=True)
class Disclosure:
    cls: str
    declaration: Declaration | None = None  # the declaration that decided the class

    @property
    def covered(self) -> bool:
        return self.cls in (CLEAR, VAGUE)


def classify(vocabulary: Vocabulary, key: str, declarations: list[Declaration]) -> Disclosure:
    """The disclosure class of ``key`` against the policy's declarations of one kind.

    The tree is walked from the key upwards: the nearest level the policy speaks about
    decides. At one level a positive statement wins over a negative one (a policy that says
    both is at least disclosing it). Below the key, a positive declaration of a narrower term
    is a vague disclosure of the broader practice.
    """
    skip = NON_DISCLOSING.get(vocabulary.kind, set())
    by_key: dict[str, list[Declaration]] = {}
    for declaration in declarations:
        by_key.setdefault(declaration.key, []).append(declaration)
    for depth, level in enumerate(vocabulary.lineage(key)):
        if level in skip:
            break
        found = by_key.get(level, [])
        positive = [d for d in found if not d.negative]
        negative = [d for d in found if d.negative]
        if positive:
            return Disclosure(CLEAR if depth == 0 else VAGUE, positive[0])
        if negative:
            return Disclosure(CONTRADICTED, negative[0])
    for declaration in declarations:
        if not declaration.negative and declaration.key != key and vocabulary.is_within(declaration.key, key):
            return Disclosure(VAGUE, declaration)
    return Disclosure(OMITTED)
