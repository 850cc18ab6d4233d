"""Regenerate the README's rule table from the rule documentation (rules/catalog/*.yaml)."""

from __future__ import annotations

import re
from pathlib import Path

from policylint import registry
from policylint.report.explain import rules_markdown

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"(<!-- rules:start -->\n).*?(<!-- rules:end -->)", re.S)


def updated(text: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + rules_markdown(registry.all_rules().values()) + m.group(2), text)


if __name__ == "__main__":
    README.write_text(updated(README.read_text(encoding="utf-8")), encoding="utf-8")
