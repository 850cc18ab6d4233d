"""PL101-PL105: collected data categories against the policy's declarations."""

from __future__ import annotations

from checks_support import COLLECTION, POLICY, decl, make_ctx, policy, run

from policylint.checks import collection

INVENTORY = """
version: 1
data:
  - id: account-email
    category: user.contact.email
  - id: ip-logs
    category: user.device.ip_address
  - id: phone
    category: user.contact.phone_number
"""


def declared(*declarations):
    return policy(data_categories=list(declarations))


EMAIL = decl("user.contact.email", "collects", 7, "We collect your name, email address ...")
DEVICE = decl("user.device", "collects", 10, "We may collect information about the device ...")


def test_clear_disclosure_is_silent(tmp_path):
    ip = decl("user.device.ip_address", "collects", 15, "... including information such as IP address ...")
    ctx = make_ctx(tmp_path, INVENTORY, declared(EMAIL, DEVICE, ip, decl("user.contact.phone_number", "collects", 7)))
    assert run(collection, ctx) == []


def test_omitted_category_is_pl101_at_the_category_line(tmp_path):
    ctx = make_ctx(tmp_path, INVENTORY, declared(EMAIL, DEVICE))
    [finding] = run(collection, ctx, "PL101")
    assert finding.location.line == 8 and finding.location.pointer == "/data/2/category"
    assert finding.message == (
        "data element `phone` collects user.contact.phone_number (Phone number); the policy does not mention it"
    )
    assert finding.searched == (COLLECTION,)
    assert finding.evidence == ()
    assert finding.fingerprint == "PL101:" + ctx.inventory.files[0] + ":data:phone:user.contact.phone_number"
    assert finding.severity == "error"


def test_fingerprint_survives_moved_lines(tmp_path):
    ctx = make_ctx(tmp_path, INVENTORY, declared(EMAIL, DEVICE))
    moved = make_ctx(tmp_path, "# a comment" + INVENTORY, declared(EMAIL, DEVICE))
    one, two = run(collection, ctx, "PL101")[0], run(collection, moved, "PL101")[0]
    assert one.location.line + 1 == two.location.line
    assert one.fingerprint == two.fingerprint


def test_broader_declaration_is_pl102_quoting_it(tmp_path):
    ctx = make_ctx(tmp_path, INVENTORY, declared(EMAIL, DEVICE, decl("user.contact.phone_number", "collects")))
    [finding] = run(collection, ctx)
    assert finding.code == "PL102" and finding.severity == "info"
    assert finding.location.line == 6
    assert finding.message == (
        "data element `ip-logs` collects user.device.ip_address (IP address); "
        "the policy says only user.device (Device information) (II, line 10)"
    )
    assert [e.line for e in finding.evidence] == [10]


def test_only_narrower_declarations_are_vague_too(tmp_path):
    inventory = """
    version: 1
    data:
      - id: contact-details
        category: user.contact
    """
    ctx = make_ctx(tmp_path, inventory, declared(EMAIL))
    [finding] = run(collection, ctx)
    assert finding.code == "PL102"
    assert "the policy names only the narrower user.contact.email (Email address)" in finding.message


def test_root_declaration_discloses_nothing(tmp_path):
    ctx = make_ctx(tmp_path, INVENTORY, declared(decl("user", "collects", 4, "we collect personal information")))
    assert [f.code for f in run(collection, ctx)] == ["PL101", "PL101", "PL101"]


def test_negative_statement_is_pl103_quoting_it(tmp_path):
    denial = decl("user.contact.phone_number", "does_not_collect", 9, "We do not collect your phone number.")
    ctx = make_ctx(tmp_path, INVENTORY, declared(EMAIL, DEVICE, denial))
    [finding] = run(collection, ctx, "PL101", "PL103")
    assert finding.code == "PL103" and finding.location.line == 8
    assert finding.message.endswith("the policy says it does not collect user.contact.phone_number (Phone number) (II, line 9)")
    assert finding.evidence[0].text == "We do not collect your phone number."


SENSITIVE = """
version: 1
data:
  - id: diagnosis
    category: user.health_and_medical
  - id: genome
    category: user.health_and_medical.genetic
  - id: card
    category: user.financial.credit_card
"""


def test_sensitive_omitted_is_pl104_not_pl101(tmp_path):
    ctx = make_ctx(tmp_path, SENSITIVE, declared(EMAIL))
    found = run(collection, ctx, "PL101", "PL102", "PL104")
    assert [(f.code, f.location.line) for f in found] == [("PL104", 4), ("PL104", 6), ("PL104", 8)]
    assert found[0].message == (
        "data element `diagnosis` collects user.health_and_medical (Health and medical data), "
        "special-category data; the policy does not mention it"
    )
    assert found[0].searched == (COLLECTION,)


def test_sensitive_below_a_sensitive_ancestor_needs_its_own_name(tmp_path):
    health = decl("user.health_and_medical", "collects", 12, "We collect health information you enter.")
    ctx = make_ctx(tmp_path, SENSITIVE, declared(health, decl("user.financial.credit_card", "collects", 13)))
    [finding] = run(collection, ctx, "PL101", "PL102", "PL104")
    assert (finding.code, finding.key) == ("PL104", "data:genome:user.health_and_medical.genetic")
    assert "the policy says only user.health_and_medical" in finding.message
    assert [e.line for e in finding.evidence] == [12]


def test_sensitive_clearly_named_is_fine_and_contradicted_is_pl103(tmp_path):
    ctx = make_ctx(
        tmp_path,
        SENSITIVE,
        declared(
            decl("user.health_and_medical", "collects", 12),
            decl("user.health_and_medical.genetic", "collects", 12),
            decl("user.financial.credit_card", "does_not_collect", 14, "We never see your card number."),
        ),
    )
    [finding] = run(collection, ctx)
    assert (finding.code, finding.location.line) == ("PL103", 8)


def test_stale_declaration_is_located_in_the_policy(tmp_path):
    address = decl("user.contact.address", "collects", 15, "We collect your postal address.")
    ctx = make_ctx(tmp_path, INVENTORY, declared(EMAIL, DEVICE, decl("user.contact.phone_number", "collects"), address))
    [finding] = run(collection, ctx, "PL105")
    assert (finding.location.path, finding.location.line) == (POLICY, 15)
    assert finding.key == "user.contact.address" and finding.fingerprint == f"PL105:{POLICY}:user.contact.address"
    assert finding.message == (
        "the policy says it collects user.contact.address (Postal address) (II, line 15); "
        "no data element of the inventory collects it"
    )
    assert finding.severity == "info"


def test_stale_compares_along_the_tree_both_ways(tmp_path):
    broad = decl("user.contact", "collects", 7)  # the inventory collects an email: below it
    narrow = decl("user.device.ip_address", "collects", 10)  # ip-logs is exactly it
    ctx = make_ctx(tmp_path, INVENTORY, declared(broad, narrow, decl("user", "collects", 3)))
    assert run(collection, ctx, "PL105") == []
    inventory = """
    version: 1
    data:
      - id: device
        category: user.device
    """
    ctx = make_ctx(tmp_path, inventory, declared(decl("user.device.ip_address", "collects", 10)))
    assert run(collection, ctx, "PL105") == []  # narrower than what is collected


def test_negative_declarations_are_never_stale(tmp_path):
    ctx = make_ctx(tmp_path, INVENTORY, declared(EMAIL, DEVICE, decl("user.biometric", "does_not_collect", 20)))
    assert run(collection, ctx, "PL105") == []


def test_no_stale_finding_without_data_elements(tmp_path):
    inventory = """
    version: 1
    cookies:
      - name: session
        party: first
        purpose: essential
    """
    ctx = make_ctx(tmp_path, inventory, declared(EMAIL, DEVICE))
    assert run(collection, ctx) == []


def test_cookies_collect_cookie_identifiers(tmp_path):
    inventory = INVENTORY + """
cookies:
  - name: session
    party: first
    purpose: essential
"""
    cookie_ids = decl("user.device.cookie_id", "collects", 16, "Cookies ... identify your browser")
    ctx = make_ctx(tmp_path, inventory, declared(EMAIL, DEVICE, cookie_ids))
    assert run(collection, ctx, "PL105") == []
