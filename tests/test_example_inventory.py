"""The shipped example: examples/inventory.yaml against examples/privacy-policy.md.

The example inventory agrees with the policy except where it is written not to (see its
header comment); this pins down exactly what `policylint check` reports for it, so that a
change in any rule family or in the policy reader that changes the example's findings is
seen here first.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import REPO

INVENTORY = "examples/inventory.yaml"
POLICY = "examples/privacy-policy.md"

# (file, code, line) of every finding, as a multiset.
EXPECTED = Counter(
    [
        # billing details: the policy never says it collects payment information
        (INVENTORY, "PL101", 94),
        # usage events are analysed in identified form; the policy promises anonymous or aggregated
        (INVENTORY, "PL203", 115),
        # the Meta Pixel's `_fbp`: an advertising network the policy never mentions ...
        (INVENTORY, "PL405", 236),
        # ... setting an advertising cookie the cookie notice (II(D)) does not describe
        # (the undeclared vendor is reported once, at the cookie: no PL301 at its recipient entry)
        (INVENTORY, "PL402", 237),
        # usage events posted over plain http; V(C) promises encrypted transmission
        (INVENTORY, "PL601", 267),
        # the policy itself: no retention statement, template placeholders left in
        (POLICY, "PL006", 1),
        (POLICY, "PL005", 4),
        (POLICY, "PL005", 74),
        (POLICY, "PL005", 75),
        (POLICY, "PL005", 76),
    ]
)


@pytest.fixture
def report(cli, monkeypatch):
    monkeypatch.chdir(REPO)
    result = cli("check", "--no-config", "--format", "json", "--policy", POLICY, INVENTORY)
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def test_example_findings_are_exactly_the_intended_ones(report):
    found = Counter((f["location"]["path"], f["code"], f["location"]["line"]) for f in report["findings"])
    assert found == EXPECTED, [
        (f["code"], f["location"]["line"], f["message"]) for f in report["findings"]
    ]


def test_example_cookie_finding_names_the_cookie_and_quotes_the_notice(report):
    [purpose] = [f for f in report["findings"] if f["code"] == "PL402"]
    assert purpose["message"] == (
        "`_fbp` sets an advertising cookie for meta-pixel (advertising_network); "
        "the policy describes cookies only for functional, personalization (II(D), line 16)"
    )
    assert purpose["fingerprint"] == f"PL402:{INVENTORY}:cookie:_fbp"
    assert {e["line"] for e in purpose["evidence"]} == {16}
    [recipient] = [f for f in report["findings"] if f["code"] == "PL405"]
    assert recipient["searched"] and all(s.startswith("IV. Information Sharing") for s in recipient["searched"])


def test_example_transfer_finding_quotes_the_promise(report):
    [transfer] = [f for f in report["findings"] if f["code"] == "PL601"]
    assert transfer["message"].startswith(
        "recipient `product-analytics` (Usage analytics service) receives data (`usage-events`) over http; "
        "the policy promises encrypted transmission"
    )
    assert 51 in {e["line"] for e in transfer["evidence"]}


def test_example_is_a_valid_inventory(cli, monkeypatch):
    monkeypatch.chdir(REPO)
    result = cli("check", "--no-config", "--format", "json", INVENTORY)
    assert json.loads(result.stdout)["findings"] == []
