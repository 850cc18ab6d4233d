"""PL9xx organisation rules: Fides policy semantics along the taxonomy tree."""

from __future__ import annotations

import pytest
from checks_support import make_ctx, run

from policylint import taxonomy
from policylint.checks import custom

INVENTORY = """
version: 1
data:
  - id: diagnosis
    category: user.health_and_medical.genetic
    subjects: [customer]
    purposes: [essential.service, marketing.advertising.third_party]
    recipients: [adnet]
  - id: account-email
    category: user.contact.email
    subjects: [customer, employee]
    purposes: [essential.service]
    recipients: [mailer]
  - id: visits
    category: user.behavior.browsing_history
    purposes: [analytics.reporting]
recipients:
  - id: adnet
    type: advertising_network
  - id: mailer
    type: email_service_provider
"""


def rule(**criteria):
    return {"code": "PL901", "name": "test-rule", "severity": "warning", "message": "not allowed", **criteria}


def fired(tmp_path, *rules):
    ctx = make_ctx(tmp_path, INVENTORY, rules=rules)
    return [(f.code, f.key) for f in run(custom, ctx)]


def test_the_documented_example(tmp_path):
    no_health_ads = {
        "code": "PL901",
        "name": "no-health-for-ads",
        "severity": "error",
        "message": "health data must never be used for advertising",
        "data_categories": {"matches": "ANY", "values": ["user.health_and_medical"]},
        "data_uses": {"matches": "ANY", "values": ["marketing.advertising"]},
    }
    ctx = make_ctx(tmp_path, INVENTORY, rules=[no_health_ads])
    [finding] = run(custom, ctx)
    assert (finding.code, finding.slug, finding.severity) == ("PL901", "no-health-for-ads", "error")
    assert finding.message == "data element `diagnosis`: health data must never be used for advertising"
    assert (finding.location.line, finding.location.pointer) == (3, "/data/0")
    assert finding.fingerprint.endswith(":data:diagnosis")


def test_any(tmp_path):
    assert fired(tmp_path, rule(data_uses={"matches": "ANY", "values": ["essential"]})) == [
        ("PL901", "data:diagnosis"),
        ("PL901", "data:account-email"),
    ]


def test_all_needs_every_rule_value_matched(tmp_path):
    both = rule(data_uses={"matches": "ALL", "values": ["essential.service", "marketing"]})
    assert fired(tmp_path, both) == [("PL901", "data:diagnosis")]
    subjects = rule(data_subjects={"matches": "ALL", "values": ["customer", "employee"]})
    assert fired(tmp_path, subjects) == [("PL901", "data:account-email")]


def test_none_holds_for_elements_without_values(tmp_path):
    no_ads = rule(recipient_types={"matches": "NONE", "values": ["advertising_network"]})
    assert fired(tmp_path, no_ads) == [("PL901", "data:account-email"), ("PL901", "data:visits")]


def test_other_fires_on_any_value_outside_the_list(tmp_path):
    only_providers = rule(recipient_types={"matches": "OTHER", "values": ["service_provider"]})
    assert fired(tmp_path, only_providers) == [("PL901", "data:diagnosis")]
    only_essential = rule(data_uses={"matches": "OTHER", "values": ["essential"]})
    assert fired(tmp_path, only_essential) == [("PL901", "data:diagnosis"), ("PL901", "data:visits")]


def test_every_stated_criterion_must_hold(tmp_path):
    both = rule(
        data_categories={"matches": "ANY", "values": ["user.contact"]},
        data_subjects={"matches": "ANY", "values": ["employee"]},
    )
    assert fired(tmp_path, both) == [("PL901", "data:account-email")]


def test_aliases_resolve(tmp_path):
    by_alias = rule(data_categories={"matches": "any", "values": ["email address"]})
    assert fired(tmp_path, by_alias) == [("PL901", "data:account-email")]


@pytest.mark.parametrize(
    "entry, message",
    [
        (rule(code="PL101", data_uses={"matches": "ANY", "values": ["essential"]}), "code must be PL900 to PL999"),
        (rule(data_use={"matches": "ANY", "values": ["essential"]}), "unknown field data_use"),
        (rule(data_uses={"matches": "SOME", "values": ["essential"]}), "data_uses.matches must be one of ANY, ALL, NONE, OTHER"),
        (rule(data_uses={"matches": "ANY", "values": ["essentail"]}), "'essentail' is not in the taxonomy; did you mean essential"),
        (rule(data_uses={"matches": "ANY", "values": []}), "data_uses.values must be a non-empty list"),
        (rule(), "states no criterion"),
        (rule(severity="fatal", data_uses={"matches": "ANY", "values": ["essential"]}), "severity must be one of"),
        (rule(name="No Ads", data_uses={"matches": "ANY", "values": ["essential"]}), "name must be a slug"),
    ],
)
def test_malformed_rules_are_config_errors(entry, message):
    with pytest.raises(ValueError, match="rules\\[0\\]") as excinfo:
        custom.parse_rules([entry], taxonomy.load())
    assert message in str(excinfo.value)


def test_duplicate_codes_are_config_errors():
    entry = rule(data_uses={"matches": "ANY", "values": ["essential"]})
    with pytest.raises(ValueError, match=r"rules\[1\]: code PL901 is used by two rules"):
        custom.parse_rules([entry, entry], taxonomy.load())
