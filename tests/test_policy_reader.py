"""The policy reader: sentences to declarations, and the manifest and overrides around it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policylint.errors import InputError
from policylint.policy import read_policy
from policylint.policy.manifest import dump_yaml, from_dict, load_manifest, to_dict
from policylint.policy.overrides import apply_overrides


SEED = Path(__file__).resolve().parents[1] / "examples" / "privacy-policy.md"


def read(tmp_path, text: str, name: str = "policy.md", **kwargs):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_policy([str(path)], **kwargs)


def stances(decl, kind="data_categories"):
    return {d.key: d.stance for d in getattr(decl, kind)}


# -- data categories ------------------------------------------------------------------


def test_collection_and_negation(tmp_path):
    decl = read(
        tmp_path,
        "## What we collect\n\nWe collect your email address and phone number. "
        "We do not collect your date of birth or precise location.\n",
    )
    got = stances(decl)
    assert got["user.contact.email"] == "collects"
    assert got["user.contact.phone_number"] == "collects"
    assert got["user.demographic.date_of_birth"] == "does_not_collect"
    assert got["user.location.precise"] == "does_not_collect"


def test_passive_negation_and_pronoun(tmp_path):
    decl = read(
        tmp_path,
        "## Payments\n\nPayment card details are entered into a form hosted by our payment processor "
        "and are never received by our servers.\n",
    )
    assert stances(decl)["user.financial.credit_card"] == "does_not_collect"


def test_negation_of_sharing_does_not_deny_collection(tmp_path):
    decl = read(tmp_path, "## Sharing\n\nWe will not share your email address with advertisers or data brokers.\n")
    assert "user.contact.email" not in stances(decl)
    assert stances(decl, "recipients") == {"advertising_network": "does_not_share", "data_broker": "does_not_share"}


def test_negation_fixed_phrases_and_the_readers_own_negation(tmp_path):
    decl = read(
        tmp_path,
        "## Information we collect\n\nWe collect information including but not limited to your email address. "
        "If you do not agree, you should not give us your phone number.\n",
    )
    got = stances(decl)
    assert got["user.contact.email"] == "collects"
    assert got.get("user.contact.phone_number") != "does_not_collect"


def test_broad_terms_stay_broad_and_roots_declare_nothing(tmp_path):
    decl = read(
        tmp_path,
        "## Information we collect\n\nWe collect device information and personal information. "
        "We collect information and personal data from you.\n",
    )
    assert stances(decl) == {"user.device": "collects"}


def test_everyday_words_need_their_qualifier(tmp_path):
    decl = read(
        tmp_path,
        "## Information we collect\n\nWhen you create an account, the store handles the payment. "
        "Our servers are in the United States. We collect your name, email address or location.\n",
    )
    got = stances(decl)
    assert "user.account" not in got and "user.payment" not in got
    assert "user.contact.address.state" not in got
    assert got["user.location"] == "collects"  # "location" in a list of data


def test_specific_negative_against_generic_positive(tmp_path):
    decl = read(
        tmp_path,
        "## Information we collect\n\nWe collect a password when you sign up.\n\n"
        "## Bank connections\n\nWe never see or store your online banking password.\n",
    )
    password = next(d for d in decl.data_categories if d.key == "user.authorization.password")
    assert password.stance == "collects"  # the explicit positive statement holds
    assert {e.line for e in password.evidence} == {3, 7}  # both evidences are kept


def test_children_statements_speak_of_children_only(tmp_path):
    decl = read(
        tmp_path,
        "## Children\n\nWe do not knowingly collect names or email addresses from children under 13.\n",
    )
    assert stances(decl) == {"user.childrens": "does_not_collect"}
    assert decl.children.stance == "not_directed" and decl.children.age == 13


def test_data_the_company_contacts_you_by_is_collected(tmp_path):
    decl = read(
        tmp_path,
        "## Marketing\n\nWe will send you news about our products to your email address. "
        "We may call you at the phone number you gave us. We send you billing information.\n",
    )
    got = stances(decl)
    assert got["user.contact.email"] == "collects"
    assert got["user.contact.phone_number"] == "collects"
    assert "user.payment" not in got  # what the company sends out is not what it holds
    assert "user.contact.address" not in stances(read(tmp_path, "## Contact\n\nYou can write to us at our postal address.\n"))


# -- purposes and conditions ------------------------------------------------------------


def test_purpose_conditions(tmp_path):
    decl = read(
        tmp_path,
        "## Use\n\nIf you consent, we send you our newsletter. "
        "We analyze usage in aggregated form to improve our service. "
        "We do not use your information for advertising.\n",
    )
    purposes = {d.key: d for d in decl.purposes}
    assert purposes["marketing.communications.email"].condition == "consent"
    assert purposes["analytics.reporting"].condition == "anonymized"
    assert purposes["marketing.advertising"].stance == "does_not_use"


def test_opt_out_is_not_consent(tmp_path):
    decl = read(tmp_path, "## Use\n\nWe send you our newsletter. You can unsubscribe at any time.\n")
    newsletter = next(d for d in decl.purposes if d.key == "marketing.communications.email")
    assert newsletter.condition is None
    assert [p.key for p in decl.rights] == ["opt_out_marketing"]


def test_a_condition_belongs_to_the_sentence_that_states_it(tmp_path):
    decl = read(
        tmp_path,
        "## Marketing\n\n**Marketing Communications (Optional)**: If you consent to receive marketing "
        "communications, we may send you marketing materials about our products and promotional activities. "
        "You can unsubscribe from marketing communications at any time.\n\n"
        "## Partners\n\nWe may share your information with our affiliated companies to conduct joint marketing activities.\n",
    )
    purposes = {d.key: d for d in decl.purposes}
    communications = purposes["marketing.communications"]
    assert communications.condition == "consent"
    assert [e.line for e in communications.condition_evidence] == [3]
    # "promotional activities" inside the opt-in sentence does not make all marketing opt-in
    assert purposes["marketing"].condition is None
    assert purposes["marketing"].condition_evidence == []


def test_a_narrower_opt_in_leaves_the_broader_purpose_unconditional(tmp_path):
    decl = read(
        tmp_path,
        "## Ads\n\nThe game is free because it shows ads between races. Personalized ads are shown only if "
        "you agree to them in the consent prompt. If you don't agree, you will still see ads.\n",
    )
    purposes = {d.key: d for d in decl.purposes}
    assert purposes["marketing.advertising.third_party.targeted"].condition == "consent"
    assert purposes["marketing.advertising"].condition is None


def test_mentions_of_a_purpose_do_not_undo_its_condition(tmp_path):
    decl = read(
        tmp_path,
        "## What we collect\n\n**Newsletter subscribers.** If you choose to subscribe to our newsletter, we collect "
        "your email address and use it only to send you the newsletter. Our newsletter is sent by Buttondown.\n\n"
        "## Your choices\n\nYou can unsubscribe from the newsletter at any time.\n",
    )
    newsletter = next(d for d in decl.purposes if d.key == "marketing.communications.email")
    assert newsletter.condition == "consent"
    assert {e.line for e in newsletter.condition_evidence} == {3}


def test_trailing_opt_in_clause_and_anonymisation_that_reads_like_a_negation(tmp_path):
    decl = read(
        tmp_path,
        "## Use\n\nWe send you marketing text messages, but only if you opt in by texting JOIN. "
        "We may use de-identified information, from which no child can be identified, to improve our reading exercises.\n",
    )
    purposes = {d.key: d for d in decl.purposes}
    assert purposes["marketing.communications.sms"].condition == "consent"
    improve = purposes["functional.service.improve"]
    assert (improve.stance, improve.condition) == ("uses", "anonymized")


def test_legal_basis_consent_in_a_table_makes_the_row_opt_in(tmp_path):
    decl = read(
        tmp_path,
        "## Purposes\n\n| Purpose | Legal basis |\n| --- | --- |\n"
        "| Sending our product newsletter | Consent (Art. 6(1)(a) GDPR) |\n| To provide our services | Contract |\n",
    )
    purposes = {d.key: d for d in decl.purposes}
    assert purposes["marketing.communications.email"].condition == "consent"
    assert purposes["essential.service"].condition is None


# -- recipients and vendor names --------------------------------------------------------


def test_recipients_and_vendor_names(tmp_path):
    decl = read(
        tmp_path,
        "# Acme Privacy Policy\n\n## Sharing\n\n"
        "- **Service providers.** Stripe, our payment processor, processes payments; "
        "Mixpanel, an analytics provider, helps us understand product usage.\n"
        "- We store data in data centers in Ireland.\n",
    )
    recipients = {d.key: d for d in decl.recipients}
    assert recipients["payment_processor"].names == ["Stripe"]
    assert recipients["analytics_provider"].names == ["Mixpanel"]
    assert "data_center" not in recipients  # a place, not a recipient
    assert "Ireland" not in {n for d in decl.recipients for n in d.names}


def test_named_vendor_typed_by_what_it_does(tmp_path):
    decl = read(tmp_path, "## Newsletter\n\nButtondown sends our newsletter.\n")
    recipients = {d.key: d for d in decl.recipients}
    assert "Buttondown" in recipients["email_service_provider"].names


def vendors_by_type(decl):
    return {d.key: d.names for d in decl.recipients if d.names}


def test_vendors_listed_under_a_recipient_phrase(tmp_path):
    decl = read(
        tmp_path,
        "## Sharing\n\nWe share data with payment processors such as Stripe and Adyen and with analytics "
        "providers such as Mixpanel.\n",
    )
    assert vendors_by_type(decl) == {"payment_processor": ["Adyen", "Stripe"], "analytics_provider": ["Mixpanel"]}


def test_vendors_typed_by_their_own_name_or_what_they_do(tmp_path):
    decl = read(
        tmp_path,
        "## Sharing\n\nWe use Google Analytics to understand how the site is used. Mailchimp sends our newsletter. "
        "Our journal is printed and mailed by Brackenfield Print Ltd, which receives the names and addresses of members. "
        "The forum runs on a server rented from DigitalOcean, and PayPal processes payments.\n",
    )
    assert vendors_by_type(decl) == {
        "analytics_provider": ["Google Analytics"],
        "email_service_provider": ["Mailchimp"],
        "service_provider": ["Brackenfield Print"],
        "hosting_provider": ["DigitalOcean"],
        "payment_processor": ["PayPal"],
    }


def test_vendor_table_rows_take_their_type_from_the_row(tmp_path):
    decl = read(
        tmp_path,
        "## Subprocessors\n\n| Vendor | What it does for us |\n| --- | --- |\n"
        "| Amazon Web Services | Cloud provider hosting our databases |\n"
        "| Twilio | Sends SMS codes for two-step verification |\n"
        "| OpenAI | Generates summaries of survey answers |\n",
    )
    assert vendors_by_type(decl) == {
        "cloud_provider": ["Amazon Web Services"],
        "communications_provider": ["Twilio"],
        "service_provider": ["OpenAI"],
    }


def test_a_cookie_table_names_the_vendor_and_its_type(tmp_path):
    decl = read(
        tmp_path,
        "# Cookie Notice\n\n## Cookie table\n\n| Name | Provider | Purpose | Duration |\n| --- | --- | --- | --- |\n"
        "| `_ga` | Google Analytics | Analytics: distinguishes visitors | 2 years |\n"
        "| `IDE` | Google | Advertising: shows personalised ads | 13 months |\n",
    )
    assert vendors_by_type(decl) == {"analytics_provider": ["Google Analytics"], "advertising_network": ["Google"]}


def test_names_that_are_not_vendors(tmp_path):
    decl = read(
        tmp_path,
        "# Acme Privacy Policy\n\n## Sharing\n\n"
        "We share data with our affiliate in Bengaluru, which provides support. "
        "Professional advisers, such as our lawyers, may receive data. "
        "We use Matomo, an analytics tool that we run on our own servers. "
        "We do not use Google Analytics. "
        "Acme Cloud, our own product, stores your files with our cloud provider.\n\n"
        "## Your rights\n\nYou can lodge a complaint with the Dutch data protection authority, the Autoriteit "
        "Persoonsgegevens. The help pages of Chrome, Firefox and Safari explain how to block cookies.\n",
    )
    assert vendors_by_type(decl) == {}


# -- security promises and rights ---------------------------------------------------------


def security_lines(decl):
    return {p.key: sorted({e.line for e in p.evidence}) for p in decl.security}


def test_encryption_at_rest_and_in_transit_are_named_by_the_clause(tmp_path):
    decl = read(
        tmp_path,
        "## Security\n\nWe encrypt your personal data when we store it and when we send it over the internet.\n\n"
        "We use data encryption.\n\nYour data is stored in Germany, and all connections use TLS.\n\n"
        "Data is encrypted in transit but not at rest.\n",
    )
    assert security_lines(decl) == {
        "encryption": [5],
        "encryption_at_rest": [3],
        "encryption_in_transit": [3, 7, 9],
    }


def test_confidentiality_is_an_obligation_binding_recipients(tmp_path):
    decl = read(
        tmp_path,
        "## Security\n\nWe use HTTPS to ensure the confidentiality and integrity of data during transmission. "
        "Our employees are bound by confidentiality obligations.\n\n"
        "## Sharing\n\nWe process customer files as a service provider under our Data Processing Addendum. "
        "We share your information with service providers and require them to comply with strict confidentiality obligations.\n",
    )
    assert security_lines(decl)["confidentiality"] == [7]
    assert "confidentiality" not in security_lines(read(tmp_path, "## Security\n\nWe protect the confidentiality of your data.\n"))


def test_backups_named_only_as_a_place_are_no_promise(tmp_path):
    decl = read(tmp_path, "## Retention\n\nWhen you delete your account, we delete your data from our backups within 60 days.\n")
    assert "backups" not in security_lines(decl)


def test_a_right_is_promised_only_when_granted_to_the_reader(tmp_path):
    decl = read(
        tmp_path,
        "## Security\n\nWe limit employees' access rights to your information and only authorize employees to access "
        "and process your information to the extent necessary to perform their duties. We prevent unauthorized access "
        "to your data. If you switch location access off, you can still record workouts.\n\n"
        "## Retention\n\nNewsletter records are kept for 3 years after you unsubscribe.\n\n"
        "## Your rights\n\nYou have the right to access the information we hold about you. "
        "You can view and correct your profile at any time. Parents can ask us to delete their child's data.\n",
    )
    rights = {p.key: sorted({e.line for e in p.evidence}) for p in decl.rights}
    assert rights == {"access": [11], "correction": [11], "deletion": [11]}
    assert decl.right_keys() == {"access", "correction", "deletion"}


def test_seed_security_wording_promises_no_right_and_no_confidentiality():
    decl = read_policy([str(SEED)])
    # "We limit employees' access rights to your information" (line 53) is no right of access
    assert {e.line for e in decl.promise("rights", "access").evidence} == {58}
    # "the confidentiality and integrity of data during network transmission" (line 51) is a
    # property of data; "require them to comply with strict confidentiality obligations" (36)
    # binds the recipients
    assert {e.line for e in decl.promise("security", "confidentiality").evidence} == {36}
    purposes = {d.key: d for d in decl.purposes}
    # the opt-in of line 31 belongs to the marketing communications it names
    assert purposes["marketing.communications"].condition == "consent"
    assert 31 in {e.line for e in purposes["marketing.communications"].condition_evidence}
    assert purposes["marketing"].condition is None
    assert purposes["analytics"].condition == "anonymized"
    assert {e.line for e in purposes["analytics"].condition_evidence} == {28}



# -- children, sale, retention, transfers ------------------------------------------------


@pytest.mark.parametrize(
    "sentence, age",
    [
        ("Our services are not directed to children under 13.", 13),
        ("The service is not intended for anyone under the age of 16.", 16),
        ("Our services are not intended for minors.", None),
        ("You must be at least 18 years old to use the service.", 18),
    ],
)
def test_children_ages(tmp_path, sentence, age):
    decl = read(tmp_path, f"## Children\n\n{sentence}\n")
    assert decl.children.stance == "not_directed"
    assert decl.children.age == age


def test_sale(tmp_path):
    assert read(tmp_path, "We do not sell your personal information.\n").sale.stance == "does_not_sell"
    assert read(tmp_path, "We may sell your personal information to partners.\n").sale.stance == "sells"
    assert read(tmp_path, "In a merger or asset sale, data may be transferred.\n").sale.stance == "silent"


def test_retention_periods(tmp_path):
    decl = read(
        tmp_path,
        "## Retention\n\nWe keep crash reports for 90 days. Billing information is retained for seven years. "
        "We keep everything else only as long as necessary.\n",
    )
    assert decl.retention.stance == "stated_period"
    periods = {(p.duration, p.days, p.category) for p in decl.retention.periods}
    assert ("P90D", 90.0, "user.telemetry") in periods
    assert ("P7Y", 7 * 365.0, "user.payment") in periods
    limited = read(tmp_path, "## Retention\n\nWe retain data only as long as necessary.\n")
    assert limited.retention.stance == "limited" and limited.retention.periods == []
    assert read(tmp_path, "We respond within 30 days.\n").retention.stance == "silent"


def test_transfers(tmp_path):
    assert read(tmp_path, "Your data is transferred to the United States.\n").international_transfers.stance == "disclosed"
    assert (
        read(tmp_path, "We do not transfer your personal data outside the European Economic Area.\n").international_transfers.stance
        == "silent"
    )


@pytest.mark.parametrize(
    "sentence, kind, key",
    [
        ("Chat messages are visible to the other players in your crew.", "recipients", "other_users"),
        ("Our help desk platform stores your support tickets.", "recipients", "customer_support_platform"),
        ("We share your data with providers of cloud hosting.", "recipients", "cloud_provider"),
        ("If we sell the business, your data may be transferred to the purchaser.", "recipients", "acquirer"),
        ("We collect gameplay data such as races played.", "data_categories", "user.behavior.usage"),
        ("Our servers record your IP address and the pages you request.", "data_categories", "user.behavior.browsing_history"),
        ("Our web servers record the URL requested.", "data_categories", "user.behavior.browsing_history"),
        ("You can add a profile photo and your city.", "data_categories", "user.contact.address.city"),
    ],
)
def test_taxonomy_phrases_the_reader_needs(tmp_path, sentence, kind, key):
    decl = read(tmp_path, f"## Information we collect and share\n\n{sentence}\n")
    assert key in stances(decl, kind)


def test_british_spelling_of_a_cookie_purpose(tmp_path):
    decl = read(
        tmp_path,
        "## Cookies\n\n| Name | Purpose |\n| --- | --- |\n| `reads` | Personalisation: recommends similar articles |\n",
    )
    assert "personalization" in decl.cookies.purposes



# -- cookies ------------------------------------------------------------------------------


def test_cookies(tmp_path):
    decl = read(
        tmp_path,
        "## Cookies\n\nWe use analytics cookies and web beacons. We do not use fingerprinting. "
        "You can block cookies in your browser settings.\n",
    )
    assert decl.cookies.mentioned
    assert decl.cookies.technologies == ["cookie", "web_beacon"]
    assert decl.cookies.purposes == ["analytics"]
    assert decl.cookies.user_control
    assert decl.cookies.technology_evidence["web_beacon"][0].line == 3


# -- placeholders and variables ------------------------------------------------------------


def test_placeholders(tmp_path):
    decl = read(
        tmp_path,
        "# Policy of {{ company }}\n\nEffective: [insert date]. Call [phone number].\n"
        "See [our terms](https://example.com). - [x] done. Footnote [1].\n",
    )
    assert {(p.text, p.line) for p in decl.placeholders} == {
        ("{{ company }}", 1),
        ("[insert date]", 3),
        ("[phone number]", 3),
    }


def test_variables_fill_placeholders(tmp_path):
    decl = read(tmp_path, "Contact {{ company }} at {{ email }}.\n", variables={"company": "Acme"})
    assert [p.text for p in decl.placeholders] == ["{{ email }}"]


# -- several documents -----------------------------------------------------------------------


def test_merge_of_two_documents(tmp_path):
    policy = tmp_path / "privacy.md"
    notice = tmp_path / "cookies.md"
    policy.write_text("## Information we collect\n\nWe collect your email address.\n", encoding="utf-8")
    notice.write_text("# Cookie Notice\n\n## Analytics\n\nAnalytics cookies record your email address.\n", encoding="utf-8")
    decl = read_policy([str(policy), str(notice)])
    email = next(d for d in decl.data_categories if d.key == "user.contact.email")
    assert {e.path for e in email.evidence} == {str(policy), str(notice)}
    assert decl.cookies.purposes == ["analytics"]
    assert decl.paths == [str(policy), str(notice)]
    assert len(decl.sha256) == 64
    assert decl.sha256 != read_policy([str(policy)]).sha256


# -- manifest -------------------------------------------------------------------------------


SAMPLE = (
    "## Information we collect\n\nWe collect your email address. We do not collect your date of birth.\n\n"
    "## Use\n\nIf you consent, we send you our newsletter.\n\n"
    "## Sharing\n\nStripe, our payment processor, processes payments. We do not sell your personal information.\n\n"
    "## Security\n\nAll data is encrypted in transit.\n\n## Children\n\nNot directed to children under 13.\n"
)


def test_manifest_shape_and_json_round_trip(tmp_path):
    decl = read(tmp_path, SAMPLE)
    data = to_dict(decl)
    assert list(data) == [
        "policy", "data_categories", "purposes", "recipients", "cookies", "children", "sale",
        "security", "rights", "retention", "international_transfers", "placeholders",
    ]
    assert data["recipients"][0]["names"] == ["Stripe"]
    again = from_dict(json.loads(json.dumps(data)), "manifest.json")
    assert to_dict(again) == data
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert to_dict(read_policy([str(path)])) == data


def test_manifest_yaml_round_trip(tmp_path):
    decl = read(tmp_path, SAMPLE)
    text = dump_yaml(decl)
    assert text.startswith("# Policy manifest")
    path = tmp_path / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_manifest(str(path))
    assert to_dict(loaded, include_contact=True) == to_dict(decl, include_contact=True)
    assert to_dict(read_policy([str(path)])) == to_dict(decl)


def test_manifest_errors_name_the_key_path(tmp_path):
    with pytest.raises(InputError) as err:
        from_dict({"data_categories": [{"key": "user.contact.email", "stance": "gathers"}]}, "m.yaml")
    assert "data_categories[0].stance" in str(err.value)
    with pytest.raises(InputError) as err:
        from_dict({"cookies": {"mentiond": True}}, "m.yaml")
    assert "cookies.mentiond" in str(err.value)
    bad = tmp_path / "bad.yaml"
    bad.write_text("data_categories: [\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_policy([str(bad)])
    assert err.value.line is not None


# -- overrides ------------------------------------------------------------------------------


def test_overrides_add_and_remove(tmp_path):
    decl = read(tmp_path, SAMPLE)
    changed = apply_overrides(
        decl,
        [
            {"add": {"kind": "data_categories", "key": "user.workplace"}, "reason": "II(A) says 'company name'"},
            {"add": {"kind": "purposes", "key": "analytics", "condition": "anonymized"}, "reason": "section D"},
            {"remove": {"kind": "recipients", "key": "payment_processor"}, "reason": "misread"},
            {"add": {"kind": "security", "key": "backups"}, "reason": "V(B)"},
        ],
    )
    workplace = next(d for d in changed.data_categories if d.key == "user.workplace")
    assert workplace.stance == "collects"
    evidence = workplace.evidence[0]
    assert (evidence.path, evidence.line, evidence.section, evidence.text) == (
        "config", 0, "configuration override", "II(A) says 'company name'"
    )
    assert next(d for d in changed.purposes if d.key == "analytics").condition == "anonymized"
    assert "payment_processor" not in {d.key for d in changed.recipients}
    assert "backups" in changed.security_keys()
    assert "payment_processor" in {d.key for d in decl.recipients}  # the original is untouched


@pytest.mark.parametrize(
    "entry, message",
    [
        ({"ad": {"kind": "data_categories", "key": "user.name"}, "reason": "x"}, "unknown key `ad`"),
        ({"add": {"kind": "cookies", "key": "x"}, "reason": "x"}, "kind"),
        ({"add": {"kind": "data_categories", "key": "user.emial"}, "reason": "x"}, "not a data category key"),
        ({"add": {"kind": "data_categories", "key": "user.name", "stanse": "collects"}, "reason": "x"}, "unknown key `stanse`"),
        ({"add": {"kind": "data_categories", "key": "user.name"}}, "reason"),
    ],
)
def test_override_errors(tmp_path, entry, message):
    decl = read(tmp_path, SAMPLE)
    with pytest.raises(ValueError) as err:
        apply_overrides(decl, [entry])
    assert message in str(err.value)


# -- input errors ------------------------------------------------------------------------------


def test_input_errors(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_policy([str(tmp_path / "missing.md")])
    latin = tmp_path / "latin.md"
    latin.write_bytes("Caf\xe9 policy\n".encode("latin-1"))
    with pytest.raises(InputError) as err:
        read_policy([str(latin)])
    assert err.value.line == 1 and err.value.column == 4
    binary = tmp_path / "blob.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(InputError, match="binary"):
        read_policy([str(binary)])
    with pytest.raises(InputError, match="directory"):
        read_policy([str(tmp_path)])


def test_render_text_escapes_policy_text(tmp_path):
    from rich.console import Console

    from policylint.report.declarations import render_text

    decl = read(tmp_path, "## [bold]Sharing[/bold]\n\nWe collect your email address [red]now[/red].\n", name="p[x].md")
    console = Console(record=True, width=200)
    render_text(decl, console)
    out = console.export_text()
    assert "[bold]Sharing[/bold]" in out
    assert "p[x].md" in out
