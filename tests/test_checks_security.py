"""PL601-PL604: the policy's security promises against recipients and stores."""

from __future__ import annotations

from checks_support import make_ctx, policy, promise, run

from policylint.checks import security

IN_TRANSIT = promise("encryption_in_transit", 51, "We use secure communication protocols (such as HTTPS) to encrypt data.")
ENCRYPTION = promise("encryption", 47, "These measures include data encryption and access control.")
AT_REST = promise("encryption_at_rest", 48, "We encrypt stored data.")
BACKUPS = promise("backups", 49, "We also regularly back up data to prevent data loss.")
NEED_TO_KNOW = promise("least_privilege", 53, "We limit employees' access rights to your information.")
ACCESS_CONTROL = promise("access_control", 47, "These measures include data encryption and access control.")


def promising(*promises):
    return policy(security=list(promises))


RECIPIENTS = """
version: 1
data:
  - id: account-email
    category: user.contact.email
    recipients: [mailer, crm, analytics]
cookies:
  - name: _hjid
    party: third
    provider: hotjar
    purpose: analytics
    consent: opt_in
recipients:
  - id: mailer
    name: Postmark
    type: email_service_provider
    transport: https
  - id: crm
    name: Acme CRM
    type: crm
    transport: http
  - id: analytics
    type: analytics_provider
  - id: hotjar
    type: analytics_provider
    transport: ftp
  - id: unused
    type: crm
    transport: email
"""


# --- PL601 --------------------------------------------------------------------------------


def test_unencrypted_and_unstated_transports_are_pl601(tmp_path):
    ctx = make_ctx(tmp_path, RECIPIENTS, promising(IN_TRANSIT))
    found = run(security, ctx)
    assert [(f.code, f.location.line, f.location.pointer) for f in found] == [
        ("PL601", 20, "/recipients/1/transport"),
        ("PL601", 21, "/recipients/2"),
        ("PL601", 25, "/recipients/3/transport"),  # a cookie provider receives data too
    ]
    assert found[0].message == (
        "recipient `crm` (Acme CRM) receives data (`account-email`) over http; "
        "the policy promises encrypted transmission (V, line 51)"
    )
    assert found[1].message == (
        "recipient `analytics` receives data (`account-email`): transport not stated; "
        "the policy promises encrypted transmission (V, line 51)"
    )
    assert found[2].message.startswith("recipient `hotjar` receives cookie data (`_hjid`) over ftp;")
    assert found[0].evidence == tuple(IN_TRANSIT.evidence)
    assert found[0].fingerprint == f"PL601:{ctx.inventory.files[0]}:recipient:crm"


def test_no_transit_promise_no_pl601(tmp_path):
    ctx = make_ctx(tmp_path, RECIPIENTS, promising(ENCRYPTION, AT_REST))
    assert run(security, ctx, "PL601") == []


# --- PL602 --------------------------------------------------------------------------------

STORES = """
version: 1
data:
  - id: uploads
    category: user.content
    identifiability: identified
    stores: [files, cache, scratch]
  - id: usage-totals
    category: user.behavior.usage
    identifiability: aggregated
    stores: [stats]
  - id: events
    category: user.behavior.usage
    stores: [events-db]
stores:
  - id: files
    kind: object_storage
    encrypted_at_rest: false
    backups: false
    access: all_staff
    supports: [access]
  - id: cache
    kind: cache
    encrypted_at_rest: true
    backups: false
    access: public
  - id: stats
    kind: warehouse
    encrypted_at_rest: false
    backups: false
    access: all_staff
  - id: events-db
    kind: database
  - id: scratch
    encrypted_at_rest: true
    backups: true
    access: need_to_know
  - id: empty
    kind: database
    backups: false
    access: public
"""


def test_unencrypted_store_of_personal_data_is_pl602(tmp_path):
    ctx = make_ctx(tmp_path, STORES, promising(ENCRYPTION))
    found = run(security, ctx)
    assert [(f.code, f.location.line, f.key) for f in found] == [
        ("PL602", 17, "store:files"),
        ("PL602", 31, "store:events-db"),
    ]
    assert found[0].message == (
        "store `files` (object_storage) holds personal data (`uploads`) and is not encrypted at rest; "
        "the policy promises encryption (V, line 47)"
    )
    assert found[1].message.startswith("store `events-db` (database) holds personal data (`events`): encryption at rest not stated;")
    assert found[0].evidence == tuple(ENCRYPTION.evidence)


def test_encryption_at_rest_promise_counts_and_in_transit_alone_does_not(tmp_path):
    assert len(run(security, make_ctx(tmp_path, STORES, promising(AT_REST)), "PL602")) == 2
    assert run(security, make_ctx(tmp_path, STORES, promising(IN_TRANSIT)), "PL602") == []


# --- PL603 --------------------------------------------------------------------------------


def test_store_without_backups_is_pl603_caches_exempt(tmp_path):
    ctx = make_ctx(tmp_path, STORES, promising(BACKUPS))
    found = run(security, ctx)
    assert [(f.code, f.location.line, f.key) for f in found] == [
        ("PL603", 18, "store:files"),
        ("PL603", 29, "store:stats"),  # aggregated data is still data to back up
        ("PL603", 31, "store:events-db"),
    ]
    assert found[0].severity == "warning"
    assert found[0].message == (
        "store `files` (object_storage) holds data (`uploads`) and is not backed up; "
        "the policy promises regular backups (V, line 49)"
    )
    assert found[2].message.startswith("store `events-db` (database) holds data (`events`): backups not stated;")


# --- PL604 --------------------------------------------------------------------------------


def test_broad_access_to_personal_data_is_pl604(tmp_path):
    ctx = make_ctx(tmp_path, STORES, promising(NEED_TO_KNOW))
    found = run(security, ctx)
    assert [(f.code, f.location.line, f.location.pointer) for f in found] == [
        ("PL604", 19, "/stores/0/access"),
        ("PL604", 25, "/stores/1/access"),  # a cache of personal data is no exception
        ("PL604", 31, "/stores/3"),
    ]
    assert found[0].message == (
        "store `files` (object_storage) holds personal data (`uploads`) and is open to all staff "
        "(`access: all_staff`); the policy promises that only those who need it can access personal data (V, line 53)"
    )
    assert "is open to the public (`access: public`)" in found[1].message
    assert found[2].message.startswith("store `events-db` (database) holds personal data (`events`): access not stated;")


def test_access_control_promise_counts_too(tmp_path):
    ctx = make_ctx(tmp_path, STORES, promising(ACCESS_CONTROL))
    assert [f.key for f in run(security, ctx, "PL604")] == ["store:files", "store:cache", "store:events-db"]


def test_no_promise_no_findings(tmp_path):
    assert run(security, make_ctx(tmp_path, STORES, policy())) == []
    assert run(security, make_ctx(tmp_path, RECIPIENTS, policy())) == []


def test_fingerprints_survive_moved_lines(tmp_path):
    everything = promising(IN_TRANSIT, ENCRYPTION, BACKUPS, NEED_TO_KNOW)
    one = run(security, make_ctx(tmp_path, STORES, everything))
    two = run(security, make_ctx(tmp_path, "# moved\n" + STORES.lstrip("\n"), everything))
    assert len(one) == 8
    assert [f.fingerprint for f in one] == [f.fingerprint for f in two]
    assert [f.location.line + 1 for f in one] == [f.location.line for f in two]
