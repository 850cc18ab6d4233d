"""PL401-PL406: cookies and similar technologies against the policy's cookie notice."""

from __future__ import annotations

from checks_support import POLICY, SHARING, decl, ev, make_ctx, policy, run, sections

from policylint.checks import cookies
from policylint.checks.cookies import effective
from policylint.policy.model import Cookies, Section

COOKIES_SECTION = "II. Information Collection > (D) Log Files and Cookies"
NOTICE = ev(16, "Cookies are used to record your preferences and remember your login status.", COOKIES_SECTION)
CONTROL = ev(17, "You can choose to accept or reject Cookies through your browser settings.", COOKIES_SECTION)


def notice(purposes=("functional", "personalization"), technologies=("cookie", "web_beacon"), user_control=True):
    return Cookies(
        mentioned=True,
        purposes=list(purposes),
        technologies=list(technologies),
        user_control=user_control,
        evidence=[NOTICE, CONTROL] if user_control else [NOTICE],
        purpose_evidence={p: [NOTICE] for p in purposes},
        technology_evidence={t: [NOTICE] for t in technologies},
    )


def with_cookies(cookie_notice=None, recipients=()):
    declarations = policy(cookies=cookie_notice or notice(), recipients=list(recipients))
    declarations.sections = sections() + [Section(POLICY, COOKIES_SECTION, 14, 17, ("collection", "cookies"))]
    return declarations


SERVICE_PROVIDERS = decl("service_provider", "shares", 36, "we may cooperate with third-party service providers", SHARING)

INVENTORY = """
version: 1
cookies:
  - name: acme_session
    party: first
    purpose: essential
    consent: not_required
  - name: _fbp
    party: third
    provider: meta-pixel
    purpose: advertising
    consent: opt_in
recipients:
  - id: meta-pixel
    name: Meta Pixel
    type: advertising_network
"""


# --- the effective view -------------------------------------------------------------------


def test_effective_cookie_fills_what_the_inventory_leaves_out_from_the_table(tmp_path):
    inventory = """
    version: 1
    cookies:
      - name: _ga
      - name: IDE
        purpose: essential
    """
    ctx = make_ctx(tmp_path, inventory, with_cookies())
    ga, ide = (effective(ctx, c) for c in ctx.inventory.cookies)
    assert (ga.purpose, ga.party, ga.provider, ga.recipient_type) == ("analytics", "first", "google-analytics", "analytics_provider")
    assert ga.inferred == {"purpose", "party", "provider", "technology"}
    assert ide.purpose == "essential" and "purpose" not in ide.inferred
    # the inventory objects are not changed
    assert ctx.inventory.cookies[0].purpose is None  # the inventory model is not changed


def test_provider_type_is_the_inventory_recipients_when_it_names_one(tmp_path):
    inventory = """
    version: 1
    cookies:
      - name: _ga
        party: third
        provider: ga
    recipients:
      - id: ga
        type: cloud_provider
    """
    ctx = make_ctx(tmp_path, inventory, with_cookies())
    assert effective(ctx, ctx.inventory.cookies[0]).recipient_type == "cloud_provider"


# --- PL401 --------------------------------------------------------------------------------


def test_cookies_never_mentioned_is_one_pl401_per_file_at_the_first_cookie(tmp_path):
    ctx = make_ctx(tmp_path, INVENTORY, policy())
    [finding] = run(cookies, ctx, "PL401")
    assert finding.location.line == 3 and finding.location.pointer == "/cookies/0"
    assert finding.message == (
        "the inventory sets 2 cookies or similar technologies (`acme_session`, `_fbp`); "
        "the policy never mentions cookies"
    )
    assert finding.fingerprint == f"PL401:{ctx.inventory.files[0]}:cookies"
    assert finding.searched == tuple(s.title for s in sections())
    assert finding.evidence == ()
    # the notice-dependent rules stay quiet; consent and misclassification do not depend on it
    assert run(cookies, ctx, "PL402", "PL403") == []


def test_pl401_lists_five_names_and_counts_the_rest(tmp_path):
    names = "".join(f"  - name: c{i}\n    purpose: essential\n" for i in range(7))
    ctx = make_ctx(tmp_path, "version: 1\ncookies:\n" + names, policy())
    [finding] = run(cookies, ctx, "PL401")
    assert "(`c0`, `c1`, `c2`, `c3`, `c4` and 2 more)" in finding.message


def test_pl401_is_silent_when_the_policy_mentions_cookies(tmp_path):
    ctx = make_ctx(tmp_path, INVENTORY, with_cookies(recipients=[decl("advertising_network", "shares", 36)]))
    assert run(cookies, ctx, "PL401") == []


# --- PL402 --------------------------------------------------------------------------------


def test_advertising_cookie_not_described_is_pl402_quoting_the_cookie_uses(tmp_path):
    ctx = make_ctx(tmp_path, INVENTORY, with_cookies())
    [finding] = run(cookies, ctx, "PL402")
    assert finding.location.line == 10 and finding.location.pointer == "/cookies/1/purpose"
    assert finding.message == (
        "`_fbp` sets an advertising cookie for meta-pixel (advertising_network); "
        "the policy describes cookies only for functional, personalization (II(D), line 16)"
    )
    assert finding.evidence == (NOTICE,)
    assert finding.fingerprint == f"PL402:{ctx.inventory.files[0]}:cookie:_fbp"
    assert "advertising cookies" in finding.fix


def test_essential_cookie_is_covered_by_a_functional_use_but_not_by_analytics(tmp_path):
    ctx = make_ctx(tmp_path, INVENTORY, with_cookies(notice(purposes=("analytics", "advertising"))))
    [finding] = run(cookies, ctx, "PL402")
    assert "`acme_session` sets an essential cookie" in finding.message
    ctx = make_ctx(tmp_path, INVENTORY, with_cookies(notice(purposes=("functional", "advertising"))))
    assert run(cookies, ctx, "PL402") == []


def test_purpose_from_the_table_is_marked(tmp_path):
    inventory = """
    version: 1
    cookies:
      - name: _gcl_au
        consent: opt_in
    """
    ctx = make_ctx(tmp_path, inventory, with_cookies())
    [finding] = run(cookies, ctx, "PL402")
    assert finding.message.startswith(
        "`_gcl_au` sets an advertising cookie for google-ads (advertising_network) "
        "[purpose and provider from the well-known cookie table]; "
    )
    assert finding.location.line == 3


def test_unknown_purpose_is_pl402_purpose_not_stated(tmp_path):
    inventory = """
    version: 1
    cookies:
      - name: acme_vid
        consent: opt_in
    """
    ctx = make_ctx(tmp_path, inventory, with_cookies())
    [finding] = run(cookies, ctx)
    assert finding.code == "PL402"
    assert finding.message.startswith("`acme_vid` sets a cookie: purpose not stated; ")
    assert "state the purpose" in finding.fix


def test_policy_with_no_cookie_uses_says_so(tmp_path):
    ctx = make_ctx(tmp_path, INVENTORY, with_cookies(notice(purposes=())))
    found = run(cookies, ctx, "PL402")
    assert len(found) == 2
    assert found[0].message.endswith("the policy mentions cookies but describes no use for them (II(D), line 16)")


# --- PL403 --------------------------------------------------------------------------------

STORAGE = """
version: 1
cookies:
  - name: ajs_anonymous_id
    technology: local_storage
    purpose: personalization
    consent: opt_in
  - name: email-open
    technology: pixel
    purpose: functional
    consent: opt_in
"""


def test_technology_not_mentioned_is_pl403_and_pixel_equals_web_beacon(tmp_path):
    ctx = make_ctx(tmp_path, STORAGE, with_cookies())
    [finding] = run(cookies, ctx, "PL403")
    assert finding.severity == "warning"
    assert finding.location.line == 4 and finding.location.pointer == "/cookies/0/technology"
    assert finding.message == (
        "`ajs_anonymous_id` is a local storage entry (local_storage); "
        "the policy mentions only cookie, web_beacon (II(D), line 16)"
    )
    assert finding.evidence == (NOTICE,)


def test_cookies_count_as_mentioned_whenever_the_policy_mentions_cookies(tmp_path):
    ctx = make_ctx(tmp_path, INVENTORY, with_cookies(notice(technologies=("web_beacon",))))
    assert run(cookies, ctx, "PL403") == []


def test_technology_from_the_table(tmp_path):
    inventory = """
    version: 1
    cookies:
      - name: tr
        consent: opt_in
    """
    ctx = make_ctx(tmp_path, inventory, with_cookies(notice(purposes=("advertising",), technologies=("cookie",))))
    [finding] = run(cookies, ctx, "PL403")
    assert finding.message.startswith("`tr` is a pixel (pixel) [technology from the well-known cookie table];")


# --- PL404 --------------------------------------------------------------------------------

CONSENT = """
version: 1
cookies:
  - name: acme_session
    purpose: essential
    consent: not_required
  - name: acme_ab
    purpose: analytics
    consent: none
  - name: acme_prefs
    purpose: preferences
  - name: acme_opt
    purpose: analytics
    consent: opt_out
  - name: acme_mystery
    consent: none
"""


def test_non_essential_cookies_without_consent_are_pl404(tmp_path):
    ctx = make_ctx(tmp_path, CONSENT, with_cookies())
    found = run(cookies, ctx, "PL404")
    assert [(f.location.line, f.location.pointer) for f in found] == [
        (8, "/cookies/1/consent"),
        (9, "/cookies/2"),
        (15, "/cookies/4/consent"),
    ]
    assert found[0].message == (
        "`acme_ab` sets an analytics cookie without consent (`consent: none`); only strictly necessary "
        "cookies may be set without opt-in consent; the cookie controls the policy describes "
        "(II(D), line 17) do not replace prior consent"
    )
    assert found[0].evidence == (CONTROL,)
    assert found[1].message.startswith("`acme_prefs` sets a preferences cookie: consent not stated; ")
    assert found[2].message.startswith("`acme_mystery` sets a cookie without consent (`consent: none`); ")


def test_pl404_without_user_control_quotes_nothing(tmp_path):
    ctx = make_ctx(tmp_path, CONSENT, with_cookies(notice(user_control=False)))
    found = run(cookies, ctx, "PL404")
    assert found[0].evidence == ()
    assert found[0].message.endswith("only strictly necessary cookies may be set without opt-in consent")


def test_pl404_does_not_depend_on_the_policy(tmp_path):
    ctx = make_ctx(tmp_path, CONSENT, policy())
    assert len(run(cookies, ctx, "PL404")) == 3


# --- PL405 --------------------------------------------------------------------------------


def test_third_party_cookie_of_an_undeclared_type_is_pl405(tmp_path):
    ctx = make_ctx(tmp_path, INVENTORY, with_cookies(recipients=[SERVICE_PROVIDERS]))
    [finding] = run(cookies, ctx, "PL405")
    assert finding.location.line == 9 and finding.location.pointer == "/cookies/1/provider"
    assert finding.message == (
        "third-party cookie `_fbp` sends data to meta-pixel, an advertising_network (Advertising network); "
        "the policy declares no such recipient"
    )
    assert finding.searched == (SHARING,)


def test_vague_declaration_counts_as_declared_for_pl405(tmp_path):
    inventory = """
    version: 1
    cookies:
      - name: _hjid
        party: third
        provider: hotjar
        purpose: analytics
        consent: opt_in
    recipients:
      - id: hotjar
        type: analytics_provider
    """
    ctx = make_ctx(tmp_path, inventory, with_cookies(notice(purposes=("analytics",)), recipients=[SERVICE_PROVIDERS]))
    assert run(cookies, ctx, "PL405") == []


def test_denied_recipient_type_is_quoted(tmp_path):
    denial = decl("advertising_network", "does_not_share", 40, "We do not share your information with advertisers.", SHARING)
    ctx = make_ctx(tmp_path, INVENTORY, with_cookies(recipients=[denial]))
    [finding] = run(cookies, ctx, "PL405")
    assert finding.message.endswith("the policy says it does not share with them (IV, line 40)")
    assert finding.evidence[0].text == "We do not share your information with advertisers."


def test_party_from_the_table(tmp_path):
    inventory = """
    version: 1
    cookies:
      - name: IDE
        purpose: advertising
        consent: opt_in
    """
    ctx = make_ctx(tmp_path, inventory, with_cookies(notice(purposes=("advertising",))))
    [finding] = run(cookies, ctx, "PL405")
    assert finding.message.startswith(
        "third-party cookie `IDE` [party and provider from the well-known cookie table] sends data to "
        "google-doubleclick, an advertising_network"
    )
    assert finding.location.line == 3  # no provider line: the cookie entry


def test_first_party_cookie_is_not_pl405(tmp_path):
    inventory = """
    version: 1
    cookies:
      - name: _fbp
        party: first
        purpose: advertising
        consent: opt_in
    """
    ctx = make_ctx(tmp_path, inventory, with_cookies(notice(purposes=("advertising",))))
    assert run(cookies, ctx, "PL405") == []


# --- PL406 --------------------------------------------------------------------------------


def test_known_cookie_declared_with_wrong_purpose_and_party_is_pl406(tmp_path):
    inventory = """
    version: 1
    cookies:
      - name: IDE
        party: first
        purpose: essential
        consent: not_required
    """
    ctx = make_ctx(tmp_path, inventory, with_cookies())
    [finding] = run(cookies, ctx, "PL406")
    assert finding.severity == "warning"
    assert finding.location.line == 5 and finding.location.pointer == "/cookies/0/purpose"
    assert finding.message == (
        "`IDE` is Google DoubleClick's advertising cookie (set on its own domain); "
        "the inventory declares it essential, first-party"
    )
    assert finding.fix.startswith("declare `purpose: advertising` and `party: third`")
    # declared essential, it escapes PL404: the misclassification is what reports it
    assert run(cookies, ctx, "PL404") == []


def test_wrong_party_only_points_at_the_party(tmp_path):
    inventory = """
    version: 1
    cookies:
      - name: IDE
        party: first
        purpose: advertising
        consent: opt_in
    """
    ctx = make_ctx(tmp_path, inventory, with_cookies())
    [finding] = run(cookies, ctx, "PL406")
    assert finding.location.pointer == "/cookies/0/party"
    assert finding.message.endswith("the inventory declares it first-party")


def test_site_cookie_declared_third_party_and_acceptable_purposes_are_fine(tmp_path):
    inventory = """
    version: 1
    cookies:
      - name: _ga
        party: third
        provider: google-analytics
        purpose: analytics
        consent: opt_in
      - name: csrftoken
        party: first
        purpose: essential
        consent: not_required
    recipients:
      - id: google-analytics
        type: analytics_provider
    """
    ctx = make_ctx(tmp_path, inventory, with_cookies())
    assert run(cookies, ctx, "PL406") == []


def test_site_framework_cookie_message(tmp_path):
    inventory = """
    version: 1
    cookies:
      - name: csrftoken
        purpose: advertising
        consent: opt_in
    """
    ctx = make_ctx(tmp_path, inventory, with_cookies())
    [finding] = run(cookies, ctx, "PL406")
    assert finding.message == (
        "`csrftoken` is the site framework's security or essential cookie; the inventory declares it advertising"
    )


# --- fingerprints -------------------------------------------------------------------------


def test_fingerprints_survive_moved_lines(tmp_path):
    one = run(cookies, make_ctx(tmp_path, INVENTORY, with_cookies(recipients=[SERVICE_PROVIDERS])))
    two = run(cookies, make_ctx(tmp_path, "# moved\n" + INVENTORY.lstrip("\n"), with_cookies(recipients=[SERVICE_PROVIDERS])))
    assert [f.fingerprint for f in one] == [f.fingerprint for f in two]
    assert [f.location.line + 1 for f in one] == [f.location.line for f in two]


def test_pl401_fix_names_the_technologies(tmp_path):
    ctx = make_ctx(tmp_path, STORAGE, policy())
    [finding] = run(cookies, ctx, "PL401")
    assert finding.fix.startswith("add a cookie section to the policy: which local storage entries and pixels are used")
