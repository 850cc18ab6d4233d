"""The seed policy (examples/privacy-policy.md), read in full.

Every expectation below comes from reading the policy: the category, purpose, recipient,
cookie use, security promise and right each sentence states, with a line that states it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policylint.policy import read_policy

SEED = Path(__file__).resolve().parents[1] / "examples" / "privacy-policy.md"

DATA_CATEGORIES = {
    # key: (stance, a line that states it)
    "user.name": ("collects", 7),  # "your name"
    "user.contact.email": ("collects", 7),  # "email address"
    "user.contact.phone_number": ("collects", 7),  # "contact phone number"
    "user.workplace": ("collects", 7),  # "company name (if applicable)"
    "user.job_title": ("collects", 7),  # "job title (if applicable)"
    "user.behavior.usage": ("collects", 9),  # "login time ... used functions, operation records"
    "user.behavior.browsing_history": ("collects", 9),  # "visited pages"
    "user.device": ("collects", 10),  # "device type, device model"
    "user.device.operating_system": ("collects", 10),  # "operating system version"
    "user.device.device_id": ("collects", 10),  # "device identifier (such as IMEI, MAC address"
    "user.device.browser": ("collects", 10),  # "browser type, browser version"
    "user.content.private": ("collects", 12),  # "Uploaded and Stored Data"
    "user.content": ("collects", 12),  # "documents, pictures, videos" the user uploads
    "user.device.ip_address": ("collects", 15),  # "IP address" in the log files
    "user.contact": ("collects", 18),  # "contact information"
    "user.content.communications": ("collects", 18),  # "feedback ... inquiries ... problem description"
    "user.behavior.preferences": ("collects", 19),  # "personal preferences, opinions, purchase intentions"
    "user.childrens": ("does_not_collect", 68),  # "we will not intentionally collect personal information of minors"
}

PURPOSES = {
    # key: (line, condition)
    "essential.service": (7, None),  # "to provide you with services"
    "essential.service.authentication": (7, None),  # "verify your identity"
    "essential.service.security": (9, None),  # "ensure the security and stability of the service"
    "essential.service.operations": (15, None),  # "diagnose technical problems, manage the service"
    "essential.fraud_detection": (15, None),  # "prevent fraud"
    "analytics.reporting": (15, None),  # "analyze usage trends"
    "functional.service.improve": (22, None),  # "provide, maintain, and improve our services"
    "personalize": (24, None),  # "a personalized service experience"
    "personalize.content": (24, None),  # "recommending relevant products, services, or content"
    "personalize.system": (24, None),  # "customizing the service interface"
    "essential.service.operations.support": (26, None),  # "customer support requests"
    "analytics": (28, "anonymized"),  # "analyze and research ... (in anonymous or aggregated form)"
    "analytics.reporting.system.performance": (28, None),  # "service performance"
    "operations": (28, None),  # "making business decisions"; "internal management"
    "essential.service.notifications": (30, None),  # "service-related notifications"
    "marketing.communications": (31, "consent"),  # "If you consent to receive marketing communications"
    "essential.legal_obligation": (33, None),  # "comply with applicable laws"
    "third_party_sharing.legal_obligation": (40, None),  # "court subpoena"
    "marketing": (38, None),  # "conduct joint marketing activities"
}
# Conditions are checked where the policy attaches one to the purpose itself.
CONDITIONS = {"analytics": "anonymized", "marketing.communications": "consent"}

RECIPIENTS = {
    "service_provider": 36,  # "third-party service providers"
    "cloud_provider": 36,  # "cloud computing infrastructure providers"
    "data_center": 36,  # "data center operators"
    "payment_processor": 36,  # "payment processors"
    "technical_support": 36,  # "technical support service providers"
    "analytics_provider": 36,  # "data analysis service providers"
    "affiliate": 38,  # "our affiliated companies"
    "authority": 40,  # "law enforcement agency"
    "acquirer": 42,  # "merger, acquisition ... business transfer"
}

SECURITY = {
    "encryption": 47,  # "data encryption"
    "access_control": 47,  # "access control"
    "security_training": 47,  # "employee training"; "data security training" (53)
    "physical_security": 49,  # "physical security measures"
    "backups": 49,  # "regularly back up data"
    "encryption_in_transit": 51,  # "secure communication protocols (such as HTTPS) to encrypt data"
    "least_privilege": 53,  # "only authorize employees ... to the extent necessary to perform their duties"
    "incident_response": 55,  # "emergency response procedure"
    "breach_notification": 55,  # "notify the affected users"
    "confidentiality": 36,  # "require them to comply with strict confidentiality obligations"
}

RIGHTS = {
    "opt_out_marketing": 31,  # "unsubscribe from receiving marketing communications"
    "access": 58,
    "correction": 58,
    "deletion": 60,
    "portability": 62,
    "withdraw_consent": 64,
    "complaint": 66,  # "filing a complaint with the relevant data protection regulatory agency"
}

PLACEHOLDERS = {
    ("{{ user_name }}", 4),
    ("{{ user_name }}", 74),
    ("[<privacy@ {{ user_name }} .com>]", 74),
    ("{{ user_name }}", 75),
    ("[ {{ user_name }}  Company Address, specific address]", 75),
    ("[phone number]", 76),
}


@pytest.fixture(scope="module")
def seed():
    return read_policy([str(SEED)])


def _lines(evidence):
    return {e.line for e in evidence}


def test_data_categories(seed):
    got = {d.key: d for d in seed.data_categories}
    assert set(got) == set(DATA_CATEGORIES)
    for key, (stance, line) in DATA_CATEGORIES.items():
        assert got[key].stance == stance, key
        assert line in _lines(got[key].evidence), (key, sorted(_lines(got[key].evidence)))


def test_no_payment_data_is_declared(seed):
    # "send you ... billing information" (line 30) is a message the company sends, and
    # "payment processors" (line 36) a recipient: neither declares collecting payment data.
    keys = {d.key for d in seed.data_categories}
    assert "user.payment" not in keys
    assert "user.financial.credit_card" not in keys


def test_purposes(seed):
    got = {d.key: d for d in seed.purposes}
    assert set(got) == set(PURPOSES)
    for key, (line, _) in PURPOSES.items():
        assert got[key].stance == "uses", key
        assert line in _lines(got[key].evidence), (key, sorted(_lines(got[key].evidence)))
    for key, condition in CONDITIONS.items():
        assert got[key].condition == condition, key


def test_recipients(seed):
    got = {d.key: d for d in seed.recipients}
    assert set(got) == set(RECIPIENTS)
    for key, line in RECIPIENTS.items():
        assert got[key].stance == "shares"
        assert line in _lines(got[key].evidence), (key, sorted(_lines(got[key].evidence)))
    # "We store your information in secure servers and data centers" is a place, not a recipient.
    assert 49 not in _lines(got["data_center"].evidence)
    assert all(not d.names for d in seed.recipients)  # the seed names no vendor


def test_cookies(seed):
    cookies = seed.cookies
    assert cookies.mentioned is True
    assert cookies.technologies == ["cookie", "web_beacon"]
    assert cookies.purposes == ["functional", "personalization"]  # login status; recommendations
    assert cookies.user_control is True  # "accept or reject Cookies through your browser settings"
    assert _lines(cookies.technology_evidence["web_beacon"]) == {16}
    assert 16 in _lines(cookies.purpose_evidence["functional"])


def test_children_sale_retention_transfers(seed):
    assert seed.children.stance == "not_directed"
    assert seed.children.age is None  # "minors", no age stated
    assert _lines(seed.children.evidence) == {68}
    assert seed.sale.stance == "silent"  # "asset sale" (line 42) is a business transfer
    assert seed.retention.stance == "silent"
    assert seed.international_transfers.stance == "silent"  # line 62 is portability, line 42 a business transfer


def test_security(seed):
    got = {p.key: p for p in seed.security}
    assert set(got) == set(SECURITY)
    for key, line in SECURITY.items():
        assert line in _lines(got[key].evidence), (key, sorted(_lines(got[key].evidence)))


def test_rights(seed):
    got = {p.key: p for p in seed.rights}
    assert set(got) == set(RIGHTS)
    for key, line in RIGHTS.items():
        assert line in _lines(got[key].evidence), (key, sorted(_lines(got[key].evidence)))


def test_placeholders_and_contact(seed):
    assert {(p.text, p.line) for p in seed.placeholders} == PLACEHOLDERS
    assert {74, 75, 76} <= _lines(seed.contact)


def test_variables_fill_the_template(tmp_path):
    decl = read_policy([str(SEED)], variables={"user_name": "Acme"})
    texts = {p.text for p in decl.placeholders}
    assert not any("{{" in t for t in texts)
    assert "[phone number]" in texts
    assert "[ Acme  Company Address, specific address]" in texts


def test_evidence_section_paths(seed):
    email = next(d for d in seed.data_categories if d.key == "user.contact.email")
    first = email.evidence[0]
    assert first.path == str(SEED)
    assert first.section == "II. Information Collection > (A) Registration Information"
    assert "email address" in first.text
