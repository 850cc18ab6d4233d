"""PL201-PL204 (and PL102 for purposes): element purposes against the policy's purposes."""

from __future__ import annotations

from checks_support import SHARING, USE, decl, ev, make_ctx, policy, run

from policylint.checks import purposes
from policylint.policy.model import Sale


def use(key, line=22, text="", condition=None, stance="uses"):
    return decl(key, stance, line, text, USE, condition)


SERVICE = use("essential.service", 22, "We use the collected information to provide ... our services")
CONSENTED = use(
    "marketing.communications", 31, "If you consent to receive marketing communications, we may send ...", "consent"
)
ANONYMOUS = use("analytics", 28, "We may analyze ... (in anonymous or aggregated form)", "anonymized")

INVENTORY = """
version: 1
data:
  - id: account-email
    category: user.contact.email
    purposes: [essential.service, marketing.communications.email]
    legal_basis: {essential.service: contract, marketing.communications.email: consent}
"""


def test_declared_purposes_are_silent(tmp_path):
    ctx = make_ctx(tmp_path, INVENTORY, policy(purposes=[SERVICE, CONSENTED, use("marketing.communications.email", 31)]))
    assert run(purposes, ctx) == []


def test_omitted_purpose_is_pl201_at_the_purpose(tmp_path):
    ctx = make_ctx(tmp_path, INVENTORY, policy(purposes=[SERVICE]))
    [finding] = run(purposes, ctx)
    assert (finding.code, finding.location.line, finding.location.pointer) == ("PL201", 5, "/data/0/purposes/1")
    assert finding.message == (
        "data element `account-email` is used for marketing.communications.email (Marketing email); "
        "the policy does not mention this purpose"
    )
    assert finding.searched == (USE,)
    assert finding.key == "data:account-email:purpose:marketing.communications.email"


def test_contradicted_purpose_is_pl201_quoting_the_denial(tmp_path):
    denial = use("marketing", 40, "We never use your data for marketing.", stance="does_not_use")
    ctx = make_ctx(tmp_path, INVENTORY, policy(purposes=[SERVICE, denial]))
    [finding] = run(purposes, ctx)
    assert finding.code == "PL201"
    assert finding.message.endswith("the policy says it does not use data for marketing (Marketing) (III, line 40)")
    assert [e.text for e in finding.evidence] == ["We never use your data for marketing."]


def test_broader_purpose_is_pl102(tmp_path):
    ctx = make_ctx(tmp_path, INVENTORY, policy(purposes=[SERVICE, CONSENTED]))
    [finding] = run(purposes, ctx)
    assert (finding.code, finding.severity, finding.location.line) == ("PL102", "info", 5)
    assert "the policy says only marketing.communications (Marketing communications) (III, line 31)" in finding.message


def test_sales_purpose_is_left_to_pl204(tmp_path):
    inventory = """
    version: 1
    data:
      - id: purchases
        category: user.behavior.purchase_history
        purposes: [sales]
    """
    ctx = make_ctx(tmp_path, inventory, policy(purposes=[SERVICE]))
    found = run(purposes, ctx)
    assert [(f.code, f.location.line, f.key) for f in found] == [("PL204", 5, "data:purchases:sale")]
    assert found[0].message.startswith("data element `purchases` is used for sales (")
    assert found[0].message.endswith("the policy does not say that it sells personal data")


# PL202 ---------------------------------------------------------------------------------

MARKETING = """
version: 1
data:
  - id: newsletter
    category: user.contact.email
    purposes: [marketing.communications.email]
    legal_basis: legitimate_interest
  - id: promo-sms
    category: user.contact.phone_number
    purposes: [marketing.communications.sms]
  - id: account-email
    category: user.contact.email
    purposes: [essential.service, marketing.communications.email]
    legal_basis: {essential.service: contract}
"""


def test_consent_purpose_on_another_basis_is_pl202(tmp_path):
    ctx = make_ctx(tmp_path, MARKETING, policy(purposes=[SERVICE, CONSENTED]))
    found = run(purposes, ctx, "PL202")
    assert [(f.key, f.location.line) for f in found] == [
        ("data:newsletter:basis:marketing.communications.email", 6),
        ("data:promo-sms:basis:marketing.communications.sms", 9),
        ("data:account-email:basis:marketing.communications.email", 13),
    ]
    assert found[0].message == (
        "data element `newsletter` is used for marketing.communications.email on the basis of "
        "legitimate_interest; the policy makes marketing.communications (Marketing communications) "
        "conditional on consent (III, line 31)"
    )
    # No legal basis at all: located at the purpose; a map without that purpose: at the map.
    assert "legal basis not stated; the policy makes marketing.communications" in found[1].message
    assert found[1].location.pointer == "/data/1/purposes/0"
    assert "legal basis not stated" in found[2].message
    assert found[2].location.pointer == "/data/2/legal_basis"
    assert [e.line for e in found[0].evidence] == [31]


def test_consent_basis_or_unconditional_purpose_is_fine(tmp_path):
    ctx = make_ctx(tmp_path, INVENTORY, policy(purposes=[SERVICE, CONSENTED]))
    assert run(purposes, ctx, "PL202") == []
    plain = use("marketing.communications", 31, "We send you newsletters.")
    ctx = make_ctx(tmp_path, MARKETING, policy(purposes=[SERVICE, plain]))
    assert run(purposes, ctx, "PL202") == []


def test_consent_on_a_narrower_purpose_does_not_bind_a_sibling(tmp_path):
    sms_only = use("marketing.communications.sms", 31, "If you consent, we send you text messages.", "consent")
    ctx = make_ctx(tmp_path, MARKETING, policy(purposes=[SERVICE, sms_only]))
    assert [f.key for f in run(purposes, ctx, "PL202")] == ["data:promo-sms:basis:marketing.communications.sms"]


# PL203 ---------------------------------------------------------------------------------

ANALYTICS = """
version: 1
data:
  - id: usage-records
    category: user.behavior.usage
    purposes: [essential.service, analytics.reporting]
    identifiability: identified
  - id: page-stats
    category: user.behavior.browsing_history
    purposes: [analytics.reporting]
    identifiability: aggregated
  - id: device-info
    category: user.device
    purposes: [analytics]
  - id: crash-reports
    category: user.device
    purposes: [essential.service]
    identifiability: identified
"""


def test_identified_analytics_is_pl203(tmp_path):
    ctx = make_ctx(tmp_path, ANALYTICS, policy(purposes=[SERVICE, ANONYMOUS]))
    found = run(purposes, ctx, "PL203")
    assert [(f.key, f.location.line) for f in found] == [
        ("data:usage-records:identifiability", 6),
        ("data:device-info:identifiability", 13),
    ]
    assert found[0].message == (
        "data element `usage-records` is used for analytics.reporting in identified form; "
        "the policy limits analysis to anonymous or aggregated data (III, line 28)"
    )
    assert found[0].severity == "warning"
    assert "identifiability not stated" in found[1].message
    assert found[1].location.pointer == "/data/2/purposes/0"


def test_no_anonymity_promise_no_pl203(tmp_path):
    ctx = make_ctx(tmp_path, ANALYTICS, policy(purposes=[SERVICE, use("analytics", 28)]))
    assert run(purposes, ctx, "PL203") == []


def test_anonymity_promise_about_another_analysis_does_not_apply(tmp_path):
    ads = use("analytics.reporting.ad_performance", 28, "Ad reports are aggregated.", "anonymized")
    ctx = make_ctx(tmp_path, ANALYTICS, policy(purposes=[SERVICE, ads]))
    # analytics.reporting contains ad_performance: the broader analysis is limited too;
    # a sibling analysis would not be.
    assert [f.key for f in run(purposes, ctx, "PL203")] == [
        "data:usage-records:identifiability",
        "data:device-info:identifiability",
    ]
    inventory = """
    version: 1
    data:
      - id: content-stats
        category: user.behavior.usage
        purposes: [analytics.reporting.content_performance]
        identifiability: identified
    """
    assert run(purposes, make_ctx(tmp_path, inventory, policy(purposes=[ads])), "PL203") == []


# PL204 ---------------------------------------------------------------------------------

SOLD = """
version: 1
data:
  - id: account-email
    category: user.contact.email
    purposes: [essential.service]
    recipients: [broker]
recipients:
  - id: broker
    name: Acme Data Exchange
    type: data_broker
    sale: true
  - id: idle-buyer
    type: data_broker
    sale: true
"""


def test_sale_while_the_policy_denies_it_quotes_the_denial(tmp_path):
    denial = Sale("does_not_sell", [ev(44, "We do not sell your personal information.", SHARING)])
    ctx = make_ctx(tmp_path, SOLD, policy(purposes=[SERVICE], sale=denial))
    [finding] = run(purposes, ctx)  # idle-buyer receives no data element
    assert (finding.code, finding.location.line, finding.location.pointer) == ("PL204", 11, "/recipients/0/sale")
    assert finding.message == (
        "recipient `broker` (Acme Data Exchange) buys `account-email` (`sale: true`); "
        "the policy says it does not sell personal data (IV, line 44)"
    )
    assert finding.evidence[0].text == "We do not sell your personal information."
    assert finding.searched == ()
    assert finding.fingerprint.endswith(":recipient:broker:sale")


def test_sale_while_the_policy_is_silent_lists_the_sections(tmp_path):
    ctx = make_ctx(tmp_path, SOLD, policy(purposes=[SERVICE]))
    [finding] = run(purposes, ctx)
    assert finding.message.endswith("the policy does not say that it sells personal data")
    assert finding.searched == (SHARING,)


def test_disclosed_sale_is_fine(tmp_path):
    sells = Sale("sells", [ev(44, "We sell your email address to marketers.", SHARING)])
    ctx = make_ctx(tmp_path, SOLD, policy(purposes=[SERVICE], sale=sells))
    assert run(purposes, ctx) == []


def test_the_sentence_stating_the_condition_is_quoted(tmp_path):
    merged = use("marketing.communications", 30, "We send you service announcements and marketing news.", "consent")
    merged.evidence.append(ev(31, "If you consent to receive marketing communications, we may send ...", USE))
    ctx = make_ctx(tmp_path, MARKETING, policy(purposes=[SERVICE, merged]))
    finding = run(purposes, ctx, "PL202")[0]
    assert [e.line for e in finding.evidence] == [31]
    assert finding.message.endswith("conditional on consent (III, line 31)")
