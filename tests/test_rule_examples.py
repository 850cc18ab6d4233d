"""Every rule's documented examples are tests: the documentation cannot drift from the behaviour.

A failing example must produce a finding of its rule (at the documented line, when the
documentation names one); a passing example must produce none.
"""

from __future__ import annotations

import pytest

from policylint import engine, registry
from policylint.options import Options

EXAMPLES = [
    pytest.param(rule, example, id=f"{rule.code}-{example.kind}-{example.name}")
    for rule in registry.all_rules().values()
    for example in rule.examples
]


def run_example(tmp_path, example) -> list:
    inventory = tmp_path / "inventory.yaml"
    inventory.write_text(example.inventory, encoding="utf-8")
    options = Options(inventory=[str(inventory)])
    if example.policy is not None:
        policy = tmp_path / "privacy-policy.md"
        policy.write_text(example.policy, encoding="utf-8")
        options.policy = [str(policy)]
    for key, value in example.config.items():
        setattr(options, key, value)
    return engine.run(options).findings


@pytest.mark.parametrize("rule, example", EXAMPLES)
def test_documented_example(tmp_path, rule, example):
    findings = run_example(tmp_path, example)
    mine = [f for f in findings if f.code == rule.code]
    if example.kind == "fail":
        assert mine, f"{rule.code} example '{example.name}' should fail; got {[(f.code, f.message) for f in findings]}"
        if example.line is not None:
            assert example.line in [f.location.line for f in mine], [(f.location.line, f.message) for f in mine]
    else:
        assert not mine, f"{rule.code} example '{example.name}' should pass; got {[f.message for f in mine]}"


def test_every_rule_is_documented_with_both_kinds_of_example():
    for rule in registry.all_rules().values():
        kinds = {e.kind for e in rule.examples}
        assert kinds == {"fail", "pass"}, f"{rule.code} needs a failing and a passing example"
        assert rule.what and rule.why and rule.fix and rule.summary
        assert rule.severity in ("error", "warning", "info")


def test_codes_and_slugs_are_unique():
    rules = list(registry.all_rules().values())
    assert len({r.slug for r in rules}) == len(rules)
