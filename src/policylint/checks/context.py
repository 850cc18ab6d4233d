"""What every check receives: the inventory, the policy's declarations and the vocabularies."""

from __future__ import annotations

from dataclasses import dataclass, field

from policylint.cookies import CookieTable
from policylint.inventory.model import Inventory
from policylint.policy.model import Declarations
from policylint.taxonomy import Taxonomy


@dataclass
class CheckContext:
    inventory: Inventory
    policy: Declarations
    taxonomy: Taxonomy
    cookie_table: CookieTable
    minor_age: int = 18  # used where the policy says "minors" without an age
    policy_path: str = ""  # the first policy document: where policy-level findings are located
    custom_rules: list[dict] = field(default_factory=list)  # organisation rules (PL9xx) from config
