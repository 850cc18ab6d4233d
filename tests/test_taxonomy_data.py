"""Checks on the taxonomy data files in rules/taxonomy/.

The files are read with yaml.safe_load directly, so these tests check the data on its own,
independent of the code that loads it.

Aliases are stored in the form the policy matcher compares against: lowercase, words of
letters and digits separated by single spaces (hyphens and underscores become spaces,
apostrophes are dropped). The matcher also accepts a trailing "s"/"es" on the last word, and
a term's key leaf (e.g. "ip address" for user.device.ip_address) is an alias automatically.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

TAXONOMY = Path(__file__).resolve().parents[1] / "rules" / "taxonomy"

FILES = {
    "data_categories.yaml": "data_category",
    "data_uses.yaml": "data_use",
    "data_subjects.yaml": "data_subject",
    "recipient_types.yaml": "recipient_type",
    "cookie_purposes.yaml": "cookie_purpose",
    "technologies.yaml": "technology",
    "security_measures.yaml": "security_measure",
    "rights.yaml": "right",
}

ALIAS_RE = re.compile(r"^[a-z0-9]+( [a-z0-9]+)*$")
KEY_RE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")

# Phrases that occur in nearly every policy sentence; as aliases they would declare
# something everywhere.
TOO_GENERIC = {
    "information", "data", "personal data", "personal information", "third party",
    "third parties", "service", "services", "your information", "user information",
    "partner", "company", "identifier", "we", "you", "use",
}

DATA_CATEGORY_EXTENSIONS = {
    "user.behavior.usage": "user.behavior",
    "user.device.browser": "user.device",
    "user.device.operating_system": "user.device",
    "user.content.communications": "user.content",
    "user.behavior.preferences": "user.behavior",
}

SENSITIVE_ROOTS = {
    "user.biometric",
    "user.health_and_medical",
    "user.government_id",
    "user.financial",
}
SENSITIVE_SINGLE = {
    "user.demographic.race_ethnicity",
    "user.demographic.political_opinion",
    "user.demographic.religious_belief",
    "user.demographic.sexual_orientation",
    "user.location.precise",
    "user.criminal_history",
    "user.authorization.biometric",
}

RECIPIENT_TREE = {
    "service_provider": None,
    "cloud_provider": "service_provider",
    "hosting_provider": "service_provider",
    "data_center": "service_provider",
    "content_delivery_network": "service_provider",
    "payment_processor": "service_provider",
    "technical_support": "service_provider",
    "customer_support_platform": "service_provider",
    "email_service_provider": "service_provider",
    "communications_provider": "service_provider",
    "analytics_provider": "service_provider",
    "error_monitoring": "service_provider",
    "crm": "service_provider",
    "identity_provider": "service_provider",
    "professional_adviser": "service_provider",
    "advertising_network": None,
    "marketing_partner": None,
    "social_network": None,
    "data_broker": None,
    "search_engine": None,
    "affiliate": None,
    "authority": None,
    "acquirer": None,
    "other_users": None,
}

COOKIE_PURPOSES = {
    "essential", "functional", "preferences", "analytics",
    "advertising", "personalization", "security",
}
TECHNOLOGIES = {
    "cookie", "local_storage", "session_storage", "pixel",
    "web_beacon", "sdk", "fingerprinting",
}
SECURITY_MEASURES = {
    "encryption": None,
    "encryption_in_transit": "encryption",
    "encryption_at_rest": "encryption",
    "access_control": None,
    "least_privilege": None,
    "backups": None,
    "security_training": None,
    "incident_response": None,
    "breach_notification": None,
    "physical_security": None,
    # Extension: the promise PL302 tests (recipients bound by confidentiality obligations).
    "confidentiality": None,
}
RIGHTS = {
    "access", "correction", "deletion", "portability", "withdraw_consent",
    "object", "restrict", "complaint", "opt_out_marketing", "opt_out_sale",
}


def load(name: str) -> dict:
    with open(TAXONOMY / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def terms(name: str) -> list[dict]:
    return load(name)["terms"]


def keys(name: str) -> list[str]:
    return [term["key"] for term in terms(name)]


def parents(name: str) -> dict[str, str | None]:
    return {term["key"]: term["parent"] for term in terms(name)}


def leaf(key: str) -> str:
    return key.rsplit(".", 1)[-1].replace("_", " ")


def vocabulary(name: str) -> dict[str, set[str]]:
    """Every phrase (key leaf or alias) of a file -> the keys it names."""
    found: dict[str, set[str]] = {}
    for term in terms(name):
        for phrase in [leaf(term["key"]), *term["aliases"]]:
            found.setdefault(phrase, set()).add(term["key"])
    return found


def resolve(name: str, phrase: str) -> set[str]:
    """Keys a policy phrase names, by exact phrase or its last word without s/es."""
    vocab = vocabulary(name)
    candidates = [phrase]
    if phrase.endswith("es"):
        candidates.append(phrase[:-2])
    if phrase.endswith("s"):
        candidates.append(phrase[:-1])
    for candidate in candidates:
        if candidate in vocab:
            return vocab[candidate]
    return set()


# ---------------------------------------------------------------- format of every file


@pytest.mark.parametrize("name", sorted(FILES))
def test_file_starts_with_a_comment_and_has_the_format(name):
    text = (TAXONOMY / name).read_text(encoding="utf-8")
    assert text.startswith("# "), f"{name}: the first line must be a comment"
    data = yaml.safe_load(text)
    assert set(data) == {"kind", "terms"}
    assert data["kind"] == FILES[name]
    assert isinstance(data["terms"], list) and data["terms"]


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_term_has_exactly_the_allowed_fields(name):
    kind = FILES[name]
    required = {"key", "name", "description", "parent", "aliases"}
    if kind == "data_category":
        required.add("sensitive")
    for term in terms(name):
        fields = set(term)
        extra = fields - required
        if kind == "technology":
            extra -= {"same_as"}
        assert required <= fields, f"{term.get('key')}: missing {required - fields}"
        assert not extra, f"{term['key']}: unexpected fields {extra}"
        assert KEY_RE.match(term["key"]), term["key"]
        for field in ("name", "description"):
            value = term[field]
            assert isinstance(value, str) and value.strip(), f"{term['key']}: empty {field}"
            assert "\n" not in value, f"{term['key']}: {field} must be one line"
        assert isinstance(term["aliases"], list), term["key"]
        if kind == "data_category":
            assert isinstance(term["sensitive"], bool), term["key"]


@pytest.mark.parametrize("name", sorted(FILES))
def test_keys_are_unique(name):
    seen = keys(name)
    duplicates = {key for key in seen if seen.count(key) > 1}
    assert not duplicates


@pytest.mark.parametrize("name", sorted(FILES))
def test_parents_exist_and_come_first(name):
    earlier: set[str] = set()
    for term in terms(name):
        parent = term["parent"]
        if parent is not None:
            assert parent in earlier, f"{term['key']}: parent {parent} not listed before it"
        earlier.add(term["key"])


@pytest.mark.parametrize("name", sorted(FILES))
def test_dotted_keys_have_the_dotted_parent(name):
    for term in terms(name):
        key = term["key"]
        if "." in key:
            assert term["parent"] == key.rsplit(".", 1)[0], key


@pytest.mark.parametrize("name", ["data_categories.yaml", "data_uses.yaml", "data_subjects.yaml"])
def test_undotted_keys_of_dotted_vocabularies_are_roots(name):
    for term in terms(name):
        if "." not in term["key"]:
            assert term["parent"] is None, term["key"]


# ---------------------------------------------------------------- aliases


@pytest.mark.parametrize("name", sorted(FILES))
def test_aliases_are_normalized_strings(name):
    for term in terms(name):
        for alias in term["aliases"]:
            assert isinstance(alias, str), f"{term['key']}: alias {alias!r} is not a string"
            assert ALIAS_RE.match(alias), f"{term['key']}: alias {alias!r} is not normalized"


@pytest.mark.parametrize("name", sorted(FILES))
def test_an_alias_belongs_to_one_term(name):
    owner: dict[str, str] = {}
    for term in terms(name):
        for alias in term["aliases"]:
            assert alias not in owner, f"{alias!r} is listed under {owner[alias]} and {term['key']}"
            owner[alias] = term["key"]


@pytest.mark.parametrize("name", sorted(FILES))
def test_no_alias_repeats_a_key_leaf(name):
    """An alias is never a key's leaf, except to settle a leaf two keys share.

    Such an alias ("improve", the leaf of both improve purposes) is listed on the key it
    should name, and that key comes first in the file, so that it wins the look-up.
    """
    order = keys(name)
    leaves: dict[str, set[str]] = {}
    for term in terms(name):
        leaves.setdefault(leaf(term["key"]), set()).add(term["key"])
    for term in terms(name):
        for alias in term["aliases"]:
            if alias not in leaves:
                continue
            owners = leaves[alias]
            assert len(owners) > 1 and term["key"] in owners, (
                f"{term['key']}: alias {alias!r} is already the leaf of {sorted(owners)}"
            )
            first = min(owners, key=order.index)
            assert first == term["key"], f"{alias!r}: {term['key']} must come before {first}"


def test_bare_improve_names_product_improvement():
    listed = [term["key"] for term in terms("data_uses.yaml") if "improve" in term["aliases"]]
    assert listed == ["functional.service.improve"]


def test_sale_statements_are_not_purpose_aliases():
    # "we do not sell your personal information" is the policy's sale statement, read on its
    # own; the sales purpose only lists wording about sales activities.
    for term in terms("data_uses.yaml"):
        for alias in term["aliases"]:
            assert not {"sell", "sold", "selling"} & set(alias.split()), (term["key"], alias)


@pytest.mark.parametrize("name", sorted(FILES))
def test_no_alias_is_the_plural_of_another_terms_phrase(name):
    vocab = vocabulary(name)
    for phrase, owners in vocab.items():
        for suffix in ("s", "es"):
            other = vocab.get(phrase + suffix)
            if other is None:
                continue
            # Two fideslang leaves may share a word; aliases must not add such clashes.
            assert other == owners or (len(owners) > 1 and phrase in {
                leaf(key) for key in owners
            }), f"{phrase!r} ({sorted(owners)}) and {phrase + suffix!r} ({sorted(other)})"


@pytest.mark.parametrize("name", sorted(FILES))
def test_no_alias_is_too_generic(name):
    for term in terms(name):
        generic = TOO_GENERIC & set(term["aliases"])
        assert not generic, f"{term['key']}: {generic}"


def test_the_user_root_has_no_aliases():
    root = {term["key"]: term for term in terms("data_categories.yaml")}["user"]
    assert root["aliases"] == []


# ---------------------------------------------------------------- fideslang coverage


def test_every_fideslang_data_category_is_present_with_its_parent():
    pytest.importorskip("fideslang")
    from fideslang.default_taxonomy import DEFAULT_TAXONOMY

    ours = parents("data_categories.yaml")
    for item in DEFAULT_TAXONOMY.data_category:
        assert item.fides_key in ours, item.fides_key
        assert ours[item.fides_key] == item.parent_key, item.fides_key


def test_data_category_extensions_are_exactly_the_agreed_ones():
    pytest.importorskip("fideslang")
    from fideslang.default_taxonomy import DEFAULT_TAXONOMY

    fideslang_keys = {item.fides_key for item in DEFAULT_TAXONOMY.data_category}
    ours = parents("data_categories.yaml")
    extensions = {key: parent for key, parent in ours.items() if key not in fideslang_keys}
    assert extensions == DATA_CATEGORY_EXTENSIONS


def test_data_uses_are_exactly_fideslang():
    pytest.importorskip("fideslang")
    from fideslang.default_taxonomy import DEFAULT_TAXONOMY

    expected = {item.fides_key: item.parent_key for item in DEFAULT_TAXONOMY.data_use}
    assert parents("data_uses.yaml") == expected


def test_data_subjects_are_fideslang_plus_child():
    pytest.importorskip("fideslang")
    from fideslang.default_taxonomy import DEFAULT_TAXONOMY

    expected = {item.fides_key for item in DEFAULT_TAXONOMY.data_subject} | {"child"}
    assert set(keys("data_subjects.yaml")) == expected


def test_data_category_counts():
    # 85 fideslang 3.1.4 categories plus the 5 extensions.
    assert len(keys("data_categories.yaml")) == 90
    assert len(keys("data_uses.yaml")) == 56
    assert len(keys("data_subjects.yaml")) == 16


# ---------------------------------------------------------------- sensitive categories


def expected_sensitive(all_keys: list[str]) -> set[str]:
    found = set(SENSITIVE_SINGLE)
    for key in all_keys:
        if any(key == root or key.startswith(root + ".") for root in SENSITIVE_ROOTS):
            found.add(key)
    return found


def test_sensitive_flags_are_set_exactly_on_special_categories():
    flagged = {term["key"] for term in terms("data_categories.yaml") if term["sensitive"]}
    assert flagged == expected_sensitive(keys("data_categories.yaml"))


@pytest.mark.parametrize(
    "key",
    [
        "user.biometric.fingerprint",
        "user.health_and_medical.genetic",
        "user.government_id.passport_number",
        "user.financial.credit_card",
        "user.location.precise",
        "user.demographic.sexual_orientation",
    ],
)
def test_listed_special_categories_are_sensitive(key):
    by_key = {term["key"]: term for term in terms("data_categories.yaml")}
    assert by_key[key]["sensitive"] is True


@pytest.mark.parametrize(
    "key", ["user.contact.email", "user.location.imprecise", "user.payment", "user.device.ip_address"]
)
def test_ordinary_categories_are_not_sensitive(key):
    by_key = {term["key"]: term for term in terms("data_categories.yaml")}
    assert by_key[key]["sensitive"] is False


# ---------------------------------------------------------------- the project's own lists


def test_recipient_tree_is_exactly_the_agreed_one():
    assert parents("recipient_types.yaml") == RECIPIENT_TREE


def test_cookie_purposes():
    assert parents("cookie_purposes.yaml") == {key: None for key in COOKIE_PURPOSES}


def test_technologies():
    assert parents("technologies.yaml") == {key: None for key in TECHNOLOGIES}


def test_web_beacon_is_the_same_as_pixel_and_nothing_else_is():
    same_as = {term["key"]: term.get("same_as") for term in terms("technologies.yaml")}
    assert same_as.pop("web_beacon") == "pixel"
    assert set(same_as.values()) == {None}


def test_security_measures():
    assert parents("security_measures.yaml") == SECURITY_MEASURES


def test_rights():
    assert parents("rights.yaml") == {key: None for key in RIGHTS}


# ---------------------------------------------------------------- what phrases name


@pytest.mark.parametrize(
    ("name", "phrase", "key"),
    [
        ("data_categories.yaml", "email address", "user.contact.email"),
        ("data_categories.yaml", "contact phone number", "user.contact.phone_number"),
        ("data_categories.yaml", "company name", "user.workplace"),
        ("data_categories.yaml", "organization name", "user.contact.organization"),
        ("data_categories.yaml", "employer name", "user.workplace"),
        ("data_categories.yaml", "job title", "user.job_title"),
        ("data_categories.yaml", "imei", "user.device.device_id"),
        ("data_categories.yaml", "mac address", "user.device.device_id"),
        ("data_categories.yaml", "ip address", "user.device.ip_address"),
        ("data_categories.yaml", "device model", "user.device"),
        ("data_categories.yaml", "browser type", "user.device.browser"),
        ("data_categories.yaml", "operating system version", "user.device.operating_system"),
        ("data_categories.yaml", "login time", "user.behavior.usage"),
        ("data_categories.yaml", "operation records", "user.behavior.usage"),
        ("data_categories.yaml", "browsing history", "user.behavior.browsing_history"),
        ("data_categories.yaml", "inquiries", "user.content.communications"),
        ("data_categories.yaml", "purchase intentions", "user.behavior.preferences"),
        ("data_categories.yaml", "uploaded content", "user.content.private"),
        ("data_categories.yaml", "gps location", "user.location.precise"),
        ("data_categories.yaml", "approximate location", "user.location.imprecise"),
        ("data_categories.yaml", "billing information", "user.payment"),
        ("data_categories.yaml", "card number", "user.financial.credit_card"),
        ("data_categories.yaml", "commercial information", "user.behavior.purchase_history"),
        ("data_categories.yaml", "inferences", "user.demographic.profile"),
        ("data_categories.yaml", "social security number", "user.government_id.national_identification_number"),
        ("data_categories.yaml", "personal information of minors", "user.childrens"),
        ("data_uses.yaml", "prevent fraud", "essential.fraud_detection"),
        ("data_uses.yaml", "comply with applicable laws", "essential.legal_obligation"),
        ("data_uses.yaml", "customer support", "essential.service.operations.support"),
        ("data_uses.yaml", "improve our services", "functional.service.improve"),
        ("data_uses.yaml", "newsletter", "marketing.communications.email"),
        ("data_uses.yaml", "interest based advertising", "marketing.advertising.third_party.targeted"),
        ("data_uses.yaml", "train machine learning", "train_ai_system"),
        ("data_uses.yaml", "verify your identity", "essential.service.authentication"),
        ("data_uses.yaml", "service related notifications", "essential.service.notifications"),
        ("data_uses.yaml", "sales conversations", "sales"),
        ("data_uses.yaml", "product updates", "marketing.communications"),
        ("data_categories.yaml", "heart rate", "user.health_and_medical"),
        ("data_categories.yaml", "voice recordings", "user.content"),
        ("data_categories.yaml", "voiceprint", "user.biometric.voice"),
        ("data_categories.yaml", "accelerometer", "user.sensor"),
        ("data_subjects.yaml", "children", "child"),
        ("data_subjects.yaml", "minors", "child"),
        ("recipient_types.yaml", "third party service providers", "service_provider"),
        ("recipient_types.yaml", "cloud computing infrastructure providers", "cloud_provider"),
        ("recipient_types.yaml", "data center operators", "data_center"),
        ("recipient_types.yaml", "payment processors", "payment_processor"),
        ("recipient_types.yaml", "technical support service providers", "technical_support"),
        ("recipient_types.yaml", "data analysis service providers", "analytics_provider"),
        ("recipient_types.yaml", "affiliated companies", "affiliate"),
        ("recipient_types.yaml", "law enforcement agencies", "authority"),
        ("recipient_types.yaml", "court", "authority"),
        ("recipient_types.yaml", "merger", "acquirer"),
        ("recipient_types.yaml", "auditors", "professional_adviser"),
        ("cookie_purposes.yaml", "strictly necessary", "essential"),
        ("cookie_purposes.yaml", "performance cookies", "analytics"),
        ("cookie_purposes.yaml", "remembering your login status", "functional"),
        ("cookie_purposes.yaml", "recommending relevant content", "personalization"),
        ("cookie_purposes.yaml", "targeting cookies", "advertising"),
        ("technologies.yaml", "web beacons", "web_beacon"),
        ("technologies.yaml", "clear gifs", "pixel"),
        ("technologies.yaml", "software development kit", "sdk"),
        ("security_measures.yaml", "https", "encryption_in_transit"),
        ("security_measures.yaml", "encrypt data transmission", "encryption_in_transit"),
        ("security_measures.yaml", "encrypted at rest", "encryption_at_rest"),
        ("security_measures.yaml", "data encryption", "encryption"),
        ("security_measures.yaml", "limit employees access", "least_privilege"),
        ("security_measures.yaml", "regularly back up", "backups"),
        ("security_measures.yaml", "emergency response procedure", "incident_response"),
        ("security_measures.yaml", "notify the affected users", "breach_notification"),
        ("rights.yaml", "access the information we hold about you", "access"),
        ("rights.yaml", "correct inaccurate", "correction"),
        ("rights.yaml", "request us to delete", "deletion"),
        ("rights.yaml", "machine readable format", "portability"),
        ("rights.yaml", "withdraw your consent", "withdraw_consent"),
        ("rights.yaml", "filing a complaint", "complaint"),
        ("rights.yaml", "unsubscribe", "opt_out_marketing"),
        ("rights.yaml", "do not sell my", "opt_out_sale"),
    ],
)
def test_policy_phrase_names_the_term(name, phrase, key):
    assert resolve(name, phrase) == {key}
