"""PL301-PL304 (and PL102 for recipients): who receives the data."""

from __future__ import annotations

from checks_support import SHARING, decl, make_ctx, policy, promise, run

from policylint.checks import sharing
from policylint.checks.sharing import same_vendor
from policylint.policy.model import Transfers


def shares(key, line=36, text="", names=()):
    return decl(key, "shares", line, text, SHARING, names=names)


PROVIDERS = shares("service_provider", 36, "... we may cooperate with third-party service providers ...")
PAYMENTS = shares("payment_processor", 36, "... payment processors ...")

INVENTORY = """
version: 1
data:
  - id: account-email
    category: user.contact.email
    recipients: [mailer, payments]
  - id: card
    category: user.payment
    recipients: [payments]
cookies:
  - name: _fbp
    party: first
    provider: meta
    purpose: advertising
recipients:
  - id: mailer
    name: Postmark
    type: email_service_provider
    country: US
    agreement: dpa
  - id: payments
    name: Stripe, Inc.
    type: payment_processor
    country: US
    agreement: contract
  - id: meta
    name: Meta Platforms
    type: advertising_network
    country: US
  - id: unused
    name: Nobody
    type: data_broker
"""


def test_a_vendor_reached_only_by_third_party_cookies_is_left_to_pl405(tmp_path):
    from policylint.checks import cookies

    third = INVENTORY.replace("    party: first\n", "    party: third\n")
    ctx = make_ctx(tmp_path, third, policy(recipients=[PROVIDERS, PAYMENTS]))
    assert [f.key for f in run(sharing, ctx, "PL301")] == []
    assert [(f.code, f.location.line) for f in run(cookies, ctx, "PL405")] == [("PL405", 12)]


def test_recipient_types_are_classified(tmp_path):
    ctx = make_ctx(tmp_path, INVENTORY, policy(recipients=[PROVIDERS, PAYMENTS]))
    found = run(sharing, ctx, "PL301", "PL102")
    assert [(f.code, f.location.line, f.key) for f in found] == [
        ("PL102", 17, "recipient:mailer:email_service_provider"),
        ("PL301", 27, "recipient:meta:advertising_network"),
    ]
    vague, omitted = found
    assert vague.message == (
        "recipient `mailer` (Postmark) receives `account-email` as email_service_provider "
        "(Email service provider); the policy says only service_provider (Service provider) (IV, line 36)"
    )
    assert [e.line for e in vague.evidence] == [36]
    assert omitted.message == (
        "recipient `meta` (Meta Platforms) receives cookie `_fbp`; the policy does not mention sharing "
        "with advertising_network (Advertising network)"
    )
    assert omitted.searched == (SHARING,)
    assert omitted.severity == "error"


def test_denied_recipient_type_is_pl301_quoting_the_denial(tmp_path):
    denial = decl("advertising_network", "does_not_share", 40, "We never share your data with advertisers.", SHARING)
    ctx = make_ctx(tmp_path, INVENTORY, policy(recipients=[PROVIDERS, PAYMENTS, denial]))
    [finding] = run(sharing, ctx, "PL301")
    assert finding.message.endswith(
        "the policy says it does not share with advertising_network (Advertising network) (IV, line 40)"
    )
    assert finding.evidence[0].text == "We never share your data with advertisers."


def test_recipient_without_type(tmp_path):
    inventory = """
    version: 1
    data:
      - id: account-email
        category: user.contact.email
        recipients: [mystery]
    recipients:
      - id: mystery
        name: Some Vendor
    """
    ctx = make_ctx(tmp_path, inventory, policy(recipients=[PROVIDERS]))
    [finding] = run(sharing, ctx, "PL301")
    assert finding.message == (
        "recipient `mystery` (Some Vendor) receives `account-email`; recipient type not stated, "
        "so the policy cannot be checked for it"
    )
    assert finding.location.line == 7 and finding.key == "recipient:mystery:type"


# PL302 ---------------------------------------------------------------------------------

AGREEMENTS = """
version: 1
data:
  - id: account-email
    category: user.contact.email
    recipients: [mailer, crm, police, signed]
recipients:
  - id: mailer
    name: Postmark
    type: email_service_provider
    agreement: none
  - id: crm
    name: Hubspot
    type: crm
  - id: police
    type: authority
    agreement: none
  - id: signed
    type: payment_processor
    agreement: dpa
"""

CONFIDENTIAL = promise(
    "confidentiality", 36, "... require them to comply with strict confidentiality obligations ...", SHARING
)


def test_missing_agreement_when_confidentiality_is_promised(tmp_path):
    ctx = make_ctx(tmp_path, AGREEMENTS, policy(recipients=[PROVIDERS], security=[CONFIDENTIAL]))
    found = run(sharing, ctx, "PL302")
    assert [(f.key, f.location.line) for f in found] == [
        ("recipient:mailer:agreement", 10),
        ("recipient:crm:agreement", 11),
    ]
    assert found[0].message == (
        "recipient `mailer` (Postmark) receives `account-email` without an agreement; "
        "the policy promises confidentiality obligations for recipients (IV, line 36)"
    )
    assert "agreement not stated" in found[1].message
    assert [e.line for e in found[0].evidence] == [36]
    assert found[0].severity == "warning"


def test_no_confidentiality_promise_no_pl302(tmp_path):
    ctx = make_ctx(tmp_path, AGREEMENTS, policy(recipients=[PROVIDERS]))
    assert run(sharing, ctx, "PL302") == []


# PL303 ---------------------------------------------------------------------------------

TRANSFERS = """
version: 1
data:
  - id: account-email
    category: user.contact.email
    stores: [db]
    recipients: [mailer, local]
recipients:
  - id: mailer
    type: email_service_provider
    country: US
  - id: local
    type: payment_processor
    country: IE
  - id: idle
    type: crm
    country: JP
stores:
  - id: db
    country: IE
  - id: backups
    country: DE
  - id: replica
    country: IE
"""


def test_transfers_are_judged_from_the_stores_home_country(tmp_path):
    ctx = make_ctx(tmp_path, TRANSFERS, policy(recipients=[PROVIDERS]))
    found = run(sharing, ctx, "PL303")
    assert [(f.key, f.location.line) for f in found] == [
        ("store:backups:transfer", 21),
        ("recipient:mailer:transfer", 10),
    ]
    assert found[0].message == (
        "store `backups` keeps data in DE, outside IE, the most common country among the stores; "
        "the policy says nothing about international transfers"
    )
    assert found[1].message.startswith("recipient `mailer` receives `account-email` in US, outside IE")
    assert found[1].location.pointer == "/recipients/0/country"
    assert found[0].severity == "warning"


def test_disclosed_transfers_are_fine(tmp_path):
    disclosed = Transfers("disclosed")
    assert run(sharing, make_ctx(tmp_path, TRANSFERS, policy(international_transfers=disclosed)), "PL303") == []


def test_home_country_tie_goes_to_the_first_store(tmp_path):
    inventory = """
    version: 1
    stores:
      - id: a
        country: FR
      - id: b
        country: DE
    """
    [finding] = run(sharing, make_ctx(tmp_path, inventory), "PL303")
    assert finding.key == "store:b:transfer" and "outside FR" in finding.message


def test_without_store_countries_recipients_decide(tmp_path):
    inventory = """
    version: 1
    data:
      - id: account-email
        category: user.contact.email
        recipients: [a, b, c]
    recipients:
      - id: a
        type: crm
        country: DE
      - id: b
        type: crm
        country: US
      - id: c
        type: crm
        country: US
    stores:
      - id: db
    """
    [finding] = run(sharing, make_ctx(tmp_path, inventory, policy(recipients=[PROVIDERS])), "PL303")
    assert finding.key == "recipient:a:transfer"
    assert "outside US, the most common country among the recipients" in finding.message
    one_country = inventory.replace("country: DE", "country: US")
    assert run(sharing, make_ctx(tmp_path, one_country, policy(recipients=[PROVIDERS])), "PL303") == []


# PL304 ---------------------------------------------------------------------------------


def test_unnamed_vendor(tmp_path):
    named = shares("payment_processor", 36, "We use Stripe to process payments.", names=["Stripe"])
    inventory = INVENTORY.replace("name: Stripe, Inc.", "name: Adyen N.V.")
    ctx = make_ctx(tmp_path, inventory, policy(recipients=[PROVIDERS, named]))
    [finding] = run(sharing, ctx, "PL304")
    assert (finding.location.line, finding.key) == (21, "recipient:payments:name")
    assert finding.message == (
        "recipient `payments` (Adyen N.V.) receives `account-email`, `card`; the policy names "
        "payment_processor (Payment processor): Stripe (IV, line 36)"
    )
    assert finding.severity == "info"


def test_named_vendor_matches_despite_suffixes(tmp_path):
    named = shares("payment_processor", 36, "We use Stripe to process payments.", names=["stripe"])
    ctx = make_ctx(tmp_path, INVENTORY, policy(recipients=[PROVIDERS, named]))
    assert run(sharing, ctx, "PL304") == []


def test_names_of_a_broader_type_cover_narrower_recipients(tmp_path):
    named = shares("service_provider", 36, "Our providers are Stripe and AWS.", names=["Stripe", "AWS"])
    ctx = make_ctx(tmp_path, INVENTORY, policy(recipients=[named]))
    # Postmark is an email service provider, a service provider the list does not name.
    assert [f.key for f in run(sharing, ctx, "PL304")] == ["recipient:mailer:name"]


def test_vendor_names():
    assert same_vendor("Stripe, Inc.", "stripe")
    assert same_vendor("Google", "Google Analytics")
    assert same_vendor("Amazon Web Services Ltd", "amazon web services")
    assert not same_vendor("Adyen N.V.", "Stripe")
    assert not same_vendor("Googlebot", "Google")
    assert not same_vendor("Inc.", "Inc.")
