"""The README's promises: the two set-up commands first, the rule table generated."""

from __future__ import annotations

import importlib.util
import re

from conftest import REPO


def test_readme_starts_with_the_two_setup_commands():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", text, re.S).group(1).strip().splitlines()
    assert block == [
        "pip install . && policylint check --policy examples/privacy-policy.md examples/inventory.yaml",
        "pip install -e '.[test]' && pytest",
    ]
    assert text.index("```sh") < 40


def test_readme_rule_table_is_generated_from_the_rule_docs():
    spec = importlib.util.spec_from_file_location("update_readme_rules", REPO / "scripts" / "update_readme_rules.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert module.updated(text) == text, "run `python scripts/update_readme_rules.py` to refresh the README's rule table"
