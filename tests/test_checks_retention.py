"""PL701-PL704: retention against the policy's promises, and the rights the stores can serve."""

from __future__ import annotations

from checks_support import ev, make_ctx, policy, promise, run

from policylint.checks import retention
from policylint.policy.model import Retention, RetentionPeriod

RETENTION_SECTION = "VIII. Data Retention"
AS_LONG_AS_NEEDED = ev(70, "We keep your information only as long as necessary.", RETENTION_SECTION)
RIGHTS_SECTION = "VI. User Rights"


def limited(stance="limited", periods=()):
    return policy(retention=Retention(stance=stance, periods=list(periods), evidence=[AS_LONG_AS_NEEDED]))


def period(days, category=None, line=71, text="We keep it for a while."):
    return RetentionPeriod(duration=f"P{days}D", days=days, category=category, evidence=[ev(line, text, RETENTION_SECTION)])


ELEMENTS = """
version: 1
data:
  - id: account-email
    category: user.contact.email
    retention: until_account_deletion
  - id: support-messages
    category: user.content.communications
  - id: access-logs
    category: user.device.ip_address
    retention: indefinite
  - id: invoices
    category: user.payment
    retention: 10 years
  - id: device-info
    category: user.device
    retention: P400D
"""


# --- PL701 / PL702 ------------------------------------------------------------------------


def test_unstated_and_indefinite_retention_under_a_limited_promise(tmp_path):
    ctx = make_ctx(tmp_path, ELEMENTS, limited())
    found = run(retention, ctx)
    assert [(f.code, f.location.line, f.location.pointer) for f in found] == [
        ("PL701", 6, "/data/1"),
        ("PL702", 10, "/data/2/retention"),
    ]
    assert found[0].severity == "warning" and found[1].severity == "error"
    assert found[0].message == (
        "data element `support-messages` (user.content.communications): retention not stated; "
        "the policy promises to keep data only as long as needed (VIII, line 70)"
    )
    assert found[1].message == (
        "data element `access-logs` (user.device.ip_address) is kept indefinitely; "
        "the policy promises to keep data only as long as needed (VIII, line 70)"
    )
    assert found[1].evidence == (AS_LONG_AS_NEEDED,)
    assert found[1].fingerprint == f"PL702:{ctx.inventory.files[0]}:data:access-logs"


def test_silent_or_indefinite_policy_promises_nothing(tmp_path):
    assert run(retention, make_ctx(tmp_path, ELEMENTS, policy())) == []
    assert run(retention, make_ctx(tmp_path, ELEMENTS, limited(stance="indefinite"))) == []


# --- PL703 --------------------------------------------------------------------------------


def test_period_for_an_ancestor_category_applies_and_the_nearest_wins(tmp_path):
    periods = [
        period(365, "user.device", 72, "Device information is kept for one year."),
        period(90, "user.device.ip_address", 73, "IP addresses are deleted after 90 days."),
        period(7 * 365, "user.payment", 74, "Invoices are kept for 7 years."),
    ]
    ctx = make_ctx(tmp_path, ELEMENTS, limited("stated_period", periods))
    found = run(retention, ctx, "PL703")
    assert [(f.location.line, f.key) for f in found] == [(13, "data:invoices"), (16, "data:device-info")]
    assert found[0].message == (
        "data element `invoices` (user.payment) is kept for 10 years; the policy says "
        "user.payment (Payment information) data is kept 7 years (VIII, line 74)"
    )
    assert found[1].message == (
        "data element `device-info` (user.device) is kept for 400 days (`P400D`); the policy says "
        "user.device (Device information) data is kept 1 year (VIII, line 72)"
    )
    assert found[1].evidence[0].text == "Device information is kept for one year."
    # indefinite is PL702's finding, until_account_deletion is not compared
    assert [f.code for f in run(retention, ctx) if f.key == "data:access-logs"] == ["PL702"]


def test_general_period_applies_when_no_category_period_does(tmp_path):
    ctx = make_ctx(tmp_path, ELEMENTS, limited("stated_period", [period(5 * 365), period(90, "user.device")]))
    found = run(retention, ctx, "PL703")
    assert [f.key for f in found] == ["data:invoices", "data:device-info"]
    assert "the policy says data is kept 5 years" in found[0].message


def test_several_periods_for_one_category_take_the_longest(tmp_path):
    periods = [period(30, "user.device"), period(500, "user.device")]
    ctx = make_ctx(tmp_path, ELEMENTS, limited("stated_period", periods))
    assert run(retention, ctx, "PL703") == []


def test_periods_are_compared_even_when_the_stance_is_not_limited(tmp_path):
    ctx = make_ctx(tmp_path, ELEMENTS, limited("indefinite", [period(365)]))
    found = run(retention, ctx, "PL703")
    assert [f.key for f in found] == ["data:access-logs", "data:invoices", "data:device-info"]
    assert found[0].message.startswith("data element `access-logs` (user.device.ip_address) is kept indefinitely;")


# --- PL704 --------------------------------------------------------------------------------

RIGHTS = [
    promise("access", 58, "You have the right to access the information we hold about you.", RIGHTS_SECTION),
    promise("deletion", 60, "You have the right to request us to delete your information.", RIGHTS_SECTION),
    promise("portability", 62, "You have the right to request your information in a machine-readable format.", RIGHTS_SECTION),
    promise("withdraw_consent", 64, "You can withdraw your consent at any time.", RIGHTS_SECTION),
]

STORES = """
version: 1
data:
  - id: account-email
    category: user.contact.email
    identifiability: identified
    stores: [accounts-db, backups]
  - id: events
    category: user.behavior.usage
    stores: [events-db]
  - id: usage-totals
    category: user.behavior.usage
    identifiability: aggregated
    stores: [stats]
  - id: sessions
    category: user.behavior.usage
    identifiability: pseudonymous
    stores: [cache]
stores:
  - id: accounts-db
    supports: [access, correction, deletion, portability]
  - id: backups
    kind: backup
    supports: [access]
  - id: events-db
  - id: stats
  - id: cache
"""


def test_store_that_cannot_serve_a_promised_right_is_pl704_per_right(tmp_path):
    ctx = make_ctx(tmp_path, STORES, policy(rights=RIGHTS))
    found = run(retention, ctx)
    assert [(f.location.line, f.key) for f in found] == [
        (23, "store:backups:deletion"),
        (23, "store:backups:portability"),
        (24, "store:events-db:access"),
        (24, "store:events-db:deletion"),
        (24, "store:events-db:portability"),
    ]
    assert found[0].message == (
        "store `backups` holds identified data (`account-email`) and cannot serve deletion requests; "
        "the policy promises the right to deletion (VI, line 60)"
    )
    assert found[0].location.pointer == "/stores/1/supports"
    assert found[2].message == (
        "store `events-db` holds identified data (`events`): supports not stated; "
        "the policy promises the right to access (VI, line 58)"
    )
    assert found[2].location.pointer == "/stores/2"
    assert found[1].evidence[0].line == 62
    assert found[1].fingerprint == f"PL704:{ctx.inventory.files[0]}:store:backups:portability"


def test_no_store_right_promised_no_pl704(tmp_path):
    ctx = make_ctx(tmp_path, STORES, policy(rights=RIGHTS[3:]))
    assert run(retention, ctx) == []


def test_fingerprints_survive_moved_lines(tmp_path):
    declarations = policy(rights=RIGHTS, retention=limited().retention)
    for inventory in (ELEMENTS, STORES):
        one = run(retention, make_ctx(tmp_path, inventory, declarations))
        two = run(retention, make_ctx(tmp_path, "# moved\n" + inventory.lstrip("\n"), declarations))
        assert one
        assert [f.fingerprint for f in one] == [f.fingerprint for f in two]
        assert [f.location.line + 1 for f in one] == [f.location.line for f in two]
