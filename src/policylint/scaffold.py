"""``policylint init``: a configuration and a starter inventory derived from the policy.

Every data category the policy declares becomes an inventory entry with the policy
sentence above it, to be confirmed and completed (purposes, retention, stores, recipients)
by the person who knows the system. Existing files are never overwritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from policylint.policy.model import Declarations

INVENTORY_PATH = "privacy/inventory.yaml"
SCHEMA_PATH = "privacy/inventory.schema.json"  # beside the inventory, for editor completion


@dataclass
class Planned:
    path: Path
    text: str
    append: bool = False  # add to an existing pyproject.toml


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def config_text(policy: str | None, inventory: str) -> str:
    lines = [
        "[tool.policylint]",
        f"policy = [{_toml_string(policy)}]" if policy else '# policy = ["docs/privacy-policy.md"]',
        f"inventory = [{_toml_string(inventory)}]",
        'fail_on = "error"',
        "# minor_age = 18          # used where the policy says 'minors' without an age",
        '# baseline = ".policylint-baseline.json"',
    ]
    return "\n".join(lines) + "\n"


def _yaml_comment(text: str, width: int = 88) -> list[str]:
    words, lines, current = " ".join(text.split()).split(" "), [], "#   "
    for word in words:
        if len(current) + len(word) + 1 > width and current.strip() != "#":
            lines.append(current.rstrip())
            current = "#   "
        current += word + " "
    lines.append(current.rstrip())
    return lines


def _entry_id(key: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", key.split(".", 1)[-1].lower()).strip("-") or "data"
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate


def inventory_text(declarations: Declarations | None, product: str | None = None) -> str:
    out = [
        "# yaml-language-server: $schema=inventory.schema.json",
        "# Data inventory: what the product really does with personal data.",
        "# Each entry below was derived from a sentence of the privacy policy. Confirm it with the",
        "# people who run the system, then complete purposes, legal_basis, retention, stores and",
        "# recipients. Remove entries the product does not collect (and fix the policy).",
        "version: 1",
    ]
    if product:
        out.append(f"product: {_toml_string(product)}")
    positives = [d for d in (declarations.data_categories if declarations else []) if not d.negative]
    if not positives:
        out += ["", "data: []", "# - id: account-email", "#   category: user.contact.email", "#   purposes: [essential.service]"]
        return "\n".join(out) + "\n"
    out += ["", "data:"]
    used: set[str] = set()
    for declaration in sorted(positives, key=lambda d: (d.evidence[0].line if d.evidence else 0, d.key)):
        if declaration.evidence:
            ev = declaration.evidence[0]
            out.append(f"  # policy line {ev.line} ({ev.section}):")
            out += ["  " + line for line in _yaml_comment(f'"{ev.text}"')]
        out.append(f"  - id: {_entry_id(declaration.key, used)}")
        out.append(f"    category: {declaration.key}")
        out.append("    # TODO confirm: purposes, legal_basis, retention, stores, recipients")
    return "\n".join(out) + "\n"


def plan(directory: Path, policy: str | None, declarations: Declarations | None) -> tuple[list[Planned], list[str]]:
    """What init would write, and what it leaves alone (with the reason)."""
    planned: list[Planned] = []
    skipped: list[str] = []
    pyproject = directory / "pyproject.toml"
    dotfile = directory / ".policylint.toml"
    config = config_text(policy, INVENTORY_PATH)
    if dotfile.exists():
        skipped.append(f"{dotfile.name} exists; configuration left as it is")
    elif pyproject.exists():
        current = pyproject.read_text(encoding="utf-8")
        if re.search(r"^\[tool\.policylint(\.|\])", current, re.M):
            skipped.append("pyproject.toml already has [tool.policylint]; configuration left as it is")
        else:
            planned.append(Planned(pyproject, ("\n" if not current.endswith("\n\n") else "") + config, append=True))
    else:
        planned.append(Planned(dotfile, config.replace("[tool.policylint]\n", "")))
    schema = directory / SCHEMA_PATH
    if not schema.exists():
        from policylint.inventory.schema import schema_text

        planned.append(Planned(schema, schema_text()))
    inventory = directory / INVENTORY_PATH
    if inventory.exists():
        skipped.append(f"{INVENTORY_PATH} exists; inventory left as it is")
    else:
        planned.append(Planned(inventory, inventory_text(declarations)))
    return planned, skipped


def write(planned: list[Planned]) -> None:
    for item in planned:
        item.path.parent.mkdir(parents=True, exist_ok=True)
        if item.append:
            with open(item.path, "a", encoding="utf-8") as handle:
                handle.write(item.text)
        else:
            with open(item.path, "x", encoding="utf-8") as handle:  # never overwrite
                handle.write(item.text)
