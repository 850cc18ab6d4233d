"""PL005 policy-placeholder and PL006 policy-missing-disclosure."""

from __future__ import annotations

from checks_support import POLICY, SHARING, decl, ev, make_ctx, policy, run

from policylint.checks import hygiene
from policylint.policy.model import Placeholder, Promise, Retention

INVENTORY = """
version: 1
data:
  - id: account-email
    category: user.contact.email
"""


def complete(**fields):
    """A policy that states every GDPR Art. 13 item."""
    base = dict(
        contact=[ev(72, "Email: privacy@acme.example", "IX. Contact Us")],
        rights=[Promise("access", [ev(58, "You have the right to access ...", "VI. User Rights")])],
        retention=Retention(stance="limited", evidence=[ev(60, "We delete data when ...")]),
        recipients=[decl("payment_processor", "shares", 36, section=SHARING)],
    )
    base.update(fields)
    return policy(**base)


def test_one_finding_per_placeholder_at_its_line(tmp_path):
    placeholders = [
        Placeholder("{{ user_name }}", POLICY, 4),
        Placeholder("{{ user_name }}", POLICY, 74),
        Placeholder("[phone number]", POLICY, 76),
    ]
    ctx = make_ctx(tmp_path, INVENTORY, complete(placeholders=placeholders))
    found = run(hygiene, ctx, "PL005")
    assert [(f.location.path, f.location.line) for f in found] == [(POLICY, 4), (POLICY, 74), (POLICY, 76)]
    assert found[0].message == "the policy still holds the template placeholder `{{ user_name }}` in I. Introduction"
    assert found[2].message.endswith("`[phone number]` in IX. Contact Us")
    assert found[2].fingerprint == f"PL005:{POLICY}:[phone number]"
    assert found[0].severity == "warning" and found[0].slug == "policy-placeholder"
    assert "[tool.policylint.variables]" in found[0].fix


def test_placeholder_fingerprint_survives_moved_lines(tmp_path):
    one = make_ctx(tmp_path, INVENTORY, complete(placeholders=[Placeholder("[phone number]", POLICY, 76)]))
    two = make_ctx(tmp_path, INVENTORY, complete(placeholders=[Placeholder("[phone number]", POLICY, 80)]))
    assert run(hygiene, one, "PL005")[0].fingerprint == run(hygiene, two, "PL005")[0].fingerprint


def test_complete_policy_has_no_gap(tmp_path):
    assert run(hygiene, make_ctx(tmp_path, INVENTORY, complete()), "PL006") == []


def test_each_missing_article_13_item_is_one_finding(tmp_path):
    ctx = make_ctx(tmp_path, INVENTORY, policy())
    found = run(hygiene, ctx, "PL006")
    assert [f.key for f in found] == ["contact", "rights", "retention", "recipients"]
    assert {(f.location.path, f.location.line) for f in found} == {(POLICY, 1)}
    assert found[0].message == "the policy does not state a way to contact the controller (GDPR Art. 13(1)(a))"
    assert "GDPR Art. 13(2)(a)" in found[2].message
    # Searched: every section, since these items may stand anywhere.
    assert found[0].searched == tuple(s.title for s in ctx.policy.sections)
    assert found[0].searched[0] == "I. Introduction" and len(found[0].searched) == 6


def test_only_the_missing_item_is_reported(tmp_path):
    ctx = make_ctx(tmp_path, INVENTORY, complete(retention=Retention(stance="silent")))
    assert [f.key for f in run(hygiene, ctx, "PL006")] == ["retention"]
    ctx = make_ctx(tmp_path, INVENTORY, complete(contact=[]))
    assert [f.fingerprint for f in run(hygiene, ctx, "PL006")] == [f"PL006:{POLICY}:contact"]


def test_saying_nobody_receives_data_answers_the_recipients_question(tmp_path):
    denial = decl("advertising_network", "does_not_share", 40, "We do not share your data with advertisers.", SHARING)
    ctx = make_ctx(tmp_path, INVENTORY, complete(recipients=[denial]))
    assert run(hygiene, ctx, "PL006") == []


def test_stated_period_or_indefinite_retention_is_a_statement(tmp_path):
    for stance in ("stated_period", "indefinite", "limited"):
        ctx = make_ctx(tmp_path, INVENTORY, complete(retention=Retention(stance=stance)))
        assert run(hygiene, ctx, "PL006") == []


def test_a_placeholder_inside_another_is_reported_once(tmp_path):
    placeholders = [
        Placeholder("[<privacy@ {{ user_name }} .com>]", POLICY, 74),
        Placeholder("{{ user_name }}", POLICY, 74),
        Placeholder("{{ user_name }}", POLICY, 75),
    ]
    ctx = make_ctx(tmp_path, INVENTORY, complete(placeholders=placeholders))
    assert [(f.location.line, f.key) for f in run(hygiene, ctx, "PL005")] == [
        (74, "[<privacy@ {{ user_name }} .com>]"),
        (75, "{{ user_name }}"),
    ]
