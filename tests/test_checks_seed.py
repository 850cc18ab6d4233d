"""The example policy (examples/privacy-policy.md) against small inventories.

A clean inventory that does what the policy says gives no error or warning from the
collection, purpose, sharing and organisation-rule families; the policy's own placeholders
(PL005) and gaps (PL006) remain. Each violating variant gives exactly the promised findings,
at the inventory line that states the practice and quoting the policy sentence.
"""

from __future__ import annotations

from conftest import SEED_POLICY

from policylint import cookies, taxonomy
from policylint.checks import collection, custom, hygiene, purposes, sharing
from policylint.checks.context import CheckContext
from policylint.inventory.load import load_inventories
from policylint.policy import read_policy

FAMILIES = (hygiene, collection, purposes, sharing, custom)

CLEAN = """\
version: 1
product: Example Cloud

data:
  - id: account-email
    category: user.contact.email
    subjects: [customer]
    source: user
    purposes: [essential.service, essential.service.authentication, essential.service.notifications]
    legal_basis: contract
    identifiability: identified
    stores: [accounts-db]
    recipients: [payments, affiliate]
  - id: account-name
    category: user.name
    purposes: [essential.service]
    legal_basis: contract
    identifiability: identified
    stores: [accounts-db]
    recipients: [payments]
  - id: account-phone
    category: user.contact.phone_number
    purposes: [essential.service]
    legal_basis: contract
    identifiability: identified
    stores: [accounts-db]
  - id: account-company
    category: user.workplace
    purposes: [essential.service]
    legal_basis: contract
    identifiability: identified
    stores: [accounts-db]
  - id: account-job-title
    category: user.job_title
    purposes: [essential.service]
    legal_basis: contract
    identifiability: identified
    stores: [accounts-db]
  - id: marketing-email
    category: user.contact.email
    purposes: [marketing.communications.email]
    legal_basis: consent
    identifiability: identified
    stores: [accounts-db]
  - id: usage-records
    category: user.behavior.usage
    source: device
    purposes: [essential.service.operations, essential.service.security, personalize.content]
    legal_basis: legitimate_interest
    identifiability: identified
    stores: [events-db]
    recipients: [cloud]
  - id: usage-statistics
    category: user.behavior.usage
    source: derived
    purposes: [analytics.reporting]
    legal_basis: legitimate_interest
    identifiability: aggregated
    stores: [events-db]
  - id: device-info
    category: user.device
    source: device
    purposes: [essential.service.operations]
    legal_basis: legitimate_interest
    identifiability: pseudonymous
    stores: [events-db]
  - id: ip-logs
    category: user.device.ip_address
    source: device
    purposes: [essential.service.operations, essential.fraud_detection]
    legal_basis: legitimate_interest
    identifiability: identified
    stores: [logs]
    recipients: [cloud]
  - id: uploaded-content
    category: user.content.private
    purposes: [essential.service]
    legal_basis: contract
    identifiability: identified
    stores: [files]
    recipients: [cloud]
  - id: support-messages
    category: user.content.communications
    purposes: [essential.service.operations.support]
    legal_basis: contract
    identifiability: identified
    stores: [accounts-db]

cookies:
  - name: session_prefs
    party: first
    purpose: functional
    technology: cookie
    consent: opt_in
  - name: recommendations
    party: first
    purpose: personalization
    technology: cookie
    consent: opt_in

stores:
  - id: accounts-db
    kind: database
    country: DE
    encrypted_at_rest: true
    backups: true
    access: role_based
    supports: [access, correction, deletion, portability]
  - id: events-db
    kind: warehouse
    country: DE
    encrypted_at_rest: true
    backups: true
    access: role_based
    supports: [access, correction, deletion, portability]
  - id: logs
    kind: log
    country: DE
    encrypted_at_rest: true
    backups: true
    access: role_based
    supports: [access, correction, deletion, portability]
  - id: files
    kind: object_storage
    country: DE
    encrypted_at_rest: true
    backups: true
    access: role_based
    supports: [access, correction, deletion, portability]

recipients:
  - id: cloud
    name: Example Cloud Hosting
    type: cloud_provider
    role: processor
    country: DE
    agreement: dpa
    transport: https
    sale: false
  - id: payments
    name: Example Payments
    type: payment_processor
    role: processor
    country: DE
    agreement: dpa
    transport: https
    sale: false
  - id: affiliate
    name: Example Group Services
    type: affiliate
    role: affiliate
    country: DE
    agreement: contract
    transport: https
    sale: false
"""


def check(tmp_path, inventory: str) -> list:
    path = tmp_path / "inventory.yaml"
    path.write_text(inventory, encoding="utf-8")
    tax = taxonomy.load()
    loaded = load_inventories([str(path)], tax)
    assert loaded.findings == [], [(f.code, f.message) for f in loaded.findings]
    ctx = CheckContext(
        inventory=loaded.inventory,
        policy=read_policy([str(SEED_POLICY)]),
        taxonomy=tax,
        cookie_table=cookies.builtin(),
        policy_path=str(SEED_POLICY),
    )
    return [f for family in FAMILIES for f in family.check(ctx)]


def serious(findings) -> list[tuple[str, str]]:
    """Errors and warnings, except the policy's own defects (PL005, PL006)."""
    return sorted(
        (f.code, f.key) for f in findings if f.severity in ("error", "warning") and f.code not in ("PL005", "PL006")
    )


def line_of(inventory: str, text: str) -> int:
    """The 1-based line of the only line of ``inventory`` that contains ``text``."""
    [line] = [n for n, content in enumerate(inventory.splitlines(), 1) if text in content]
    return line


def field_line(inventory: str, entry: str, field: str) -> int:
    """The line of ``field`` in the entry with id ``entry``."""
    lines = inventory.splitlines()
    start = line_of(inventory, f"- id: {entry}")
    return next(n for n in range(start, len(lines) + 1) if lines[n - 1].strip().startswith(f"{field}:"))


def test_clean_inventory_has_no_error_or_warning(tmp_path):
    findings = check(tmp_path, CLEAN)
    assert serious(findings) == [], [(f.code, f.location.line, f.message) for f in findings if f.severity != "info"]


def test_the_seed_policy_own_defects(tmp_path):
    findings = check(tmp_path, CLEAN)
    placeholders = [(f.location.line, f.key) for f in findings if f.code == "PL005"]
    assert (4, "{{ user_name }}") in placeholders and (76, "[phone number]") in placeholders
    assert {f.location.path for f in findings if f.code == "PL005"} == {str(SEED_POLICY)}
    # The seed says nothing about how long data is kept; contact, rights and recipients it has.
    assert [f.key for f in findings if f.code == "PL006"] == ["retention"]


def added(tmp_path, findings) -> list[tuple[str, str]]:
    """The (code, key) of findings that the clean inventory does not give."""
    clean = {(f.code, f.key) for f in check(tmp_path, CLEAN)}
    return sorted({(f.code, f.key) for f in findings} - clean)


def variant(old: str, new: str, base: str = CLEAN) -> str:
    assert base.count(old) == 1, old
    return base.replace(old, new)


def only(findings, *codes) -> list:
    return [f for f in findings if f.code in codes]


def test_marketing_without_consent_is_pl202(tmp_path):
    inventory = variant(
        "    purposes: [marketing.communications.email]\n    legal_basis: consent\n",
        "    purposes: [marketing.communications.email]\n    legal_basis: legitimate_interest\n",
    )
    findings = check(tmp_path, inventory)
    assert added(tmp_path, findings) == [("PL202", "data:marketing-email:basis:marketing.communications.email")]
    [finding] = [f for f in only(findings, "PL202") if f.key.startswith("data:marketing-email:")]
    assert finding.location.line == field_line(inventory, "marketing-email", "legal_basis")
    assert "on the basis of legitimate_interest" in finding.message
    assert finding.evidence[0].line == 31
    assert finding.evidence[0].text.startswith("Marketing Communications (Optional): If you consent")


def test_identified_analytics_is_pl203(tmp_path):
    inventory = variant(
        "    purposes: [analytics.reporting]\n    legal_basis: legitimate_interest\n    identifiability: aggregated\n",
        "    purposes: [analytics.reporting]\n    legal_basis: legitimate_interest\n    identifiability: identified\n",
    )
    findings = check(tmp_path, inventory)
    assert added(tmp_path, findings) == [("PL203", "data:usage-statistics:identifiability")]
    [finding] = only(findings, "PL203")
    assert finding.location.line == field_line(inventory, "usage-statistics", "identifiability")
    assert "in identified form; the policy limits analysis to anonymous or aggregated data" in finding.message
    assert 28 in [e.line for e in finding.evidence]


def test_sale_to_a_data_broker_is_pl204_and_pl301(tmp_path):
    inventory = variant("    recipients: [payments, affiliate]\n", "    recipients: [payments, affiliate, broker]\n")
    inventory += """\
  - id: broker
    name: Example Data Exchange
    type: data_broker
    role: controller
    country: DE
    agreement: contract
    transport: https
    sale: true
"""
    findings = check(tmp_path, inventory)
    assert added(tmp_path, findings) == [("PL204", "recipient:broker:sale"), ("PL301", "recipient:broker:data_broker")]
    sale, recipient = only(findings, "PL204")[0], only(findings, "PL301")[0]
    assert sale.location.line == field_line(inventory, "broker", "sale")
    assert sale.message.endswith("the policy does not say that it sells personal data")
    assert any(s.startswith("IV. Information Sharing") for s in sale.searched)
    assert recipient.location.line == line_of(inventory, "type: data_broker")
    assert recipient.message.startswith("recipient `broker` (Example Data Exchange) receives `account-email`")
    assert all(s.startswith("IV. Information Sharing") for s in recipient.searched)


def test_health_data_is_pl104(tmp_path):
    inventory = variant(
        "  - id: support-messages\n",
        "  - id: health-notes\n"
        "    category: user.health_and_medical\n"
        "    purposes: [essential.service]\n"
        "    legal_basis: consent\n"
        "    identifiability: identified\n"
        "    stores: [accounts-db]\n"
        "  - id: support-messages\n",
    )
    findings = check(tmp_path, inventory)
    assert added(tmp_path, findings) == [("PL104", "data:health-notes:user.health_and_medical")]
    [finding] = [f for f in only(findings, "PL104", "PL101", "PL102") if f.key.startswith("data:health-notes:")]
    assert finding.location.line == line_of(inventory, "category: user.health_and_medical")
    assert finding.message.endswith("special-category data; the policy does not mention it")
    assert any(s.startswith("II. Information Collection") for s in finding.searched)


def test_email_service_covered_only_by_service_providers_is_pl102(tmp_path):
    inventory = variant("    recipients: [payments, affiliate]\n", "    recipients: [payments, affiliate, mailer]\n")
    inventory += """\
  - id: mailer
    name: Example Mail
    type: email_service_provider
    role: processor
    country: DE
    agreement: dpa
    transport: https
    sale: false
"""
    findings = check(tmp_path, inventory)
    assert added(tmp_path, findings) == [("PL102", "recipient:mailer:email_service_provider")]
    [finding] = [f for f in only(findings, "PL102") if f.key.startswith("recipient:")]
    assert finding.location.line == line_of(inventory, "type: email_service_provider")
    assert "the policy says only service_provider (Service provider) (IV(A), line 36)" in finding.message
    assert finding.evidence[0].line == 36


def test_recipient_without_agreement_is_pl302(tmp_path):
    inventory = variant(
        "    country: DE\n    agreement: contract\n    transport: https\n    sale: false\n",
        "    country: DE\n    agreement: none\n    transport: https\n    sale: false\n",
    )
    findings = check(tmp_path, inventory)
    assert added(tmp_path, findings) == [("PL302", "recipient:affiliate:agreement")]
    [finding] = only(findings, "PL302")
    assert finding.location.line == field_line(inventory, "affiliate", "agreement")
    assert [e.line for e in finding.evidence] == [36]
    assert "require them to comply with strict confidentiality obligations" in finding.evidence[0].text
