"""The inventory loader: exact values, positions, format findings and input errors."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from policylint import taxonomy
from policylint.errors import InputError
from policylint.inventory.load import load_inventories

SPEC_EXAMPLE = str(Path(__file__).parent / "data" / "spec-inventory.yaml")


def load(*paths):
    return load_inventories(list(paths), taxonomy.load())


def codes(result):
    return [f.code for f in result.findings]


def test_spec_example_is_clean_and_exact():
    result = load(SPEC_EXAMPLE)
    assert result.findings == []
    inv = result.inventory
    email = inv.data[0]
    assert email.category == "user.contact.email"
    assert email.purposes == ["essential.service", "marketing.communications.email"]
    assert email.basis_for("marketing.communications.email") == "consent"
    assert email.retention == "until_account_deletion" and email.retention_days is None
    assert inv.recipient("mailer").country == "NO"  # YAML 1.1 would read a bare NO as false
    assert inv.audiences[0].minimum_age == 18
    assert inv.cookies[0].duration_days == 730
    assert inv.store("accounts-db").supports == ["access", "correction", "deletion", "portability"]


def test_every_value_keeps_its_place():
    inv = load(SPEC_EXAMPLE).inventory
    email = inv.data[0]
    assert (email.loc.line, email.loc.column) == (11, 5)
    assert email.at("category").line == 12
    assert email.at("purposes", 1).line == 16
    assert email.at("purposes", 1).pointer == "/data/0/purposes/1"
    assert inv.recipient("mailer").at("country").line == 46


def test_yaml_11_traps_stay_strings(write):
    path = write(
        "inv.yaml",
        """
        version: 1
        product: on
        recipients:
          - id: r
            name: yes
            country: NO
        data:
          - id: d
            category: user.contact.email
            description: 2024-01-01
        """,
    )
    result = load(path)
    assert result.findings == []
    inv = result.inventory
    assert inv.product == "on"
    assert inv.recipients[0].name == "yes"
    assert inv.recipients[0].country == "NO"
    assert inv.data[0].description == "2024-01-01"


def test_boolean_written_as_yes_is_a_located_error(write):
    path = write("inv.yaml", "version: 1\nstores:\n  - id: db\n    encrypted_at_rest: yes\n")
    result = load(path)
    [finding] = result.findings
    assert finding.code == "PL001"
    assert finding.location.line == 4 and finding.location.column == 24
    assert "true or false" in finding.message


def test_unknown_field_gets_did_you_mean_at_the_key(write):
    path = write(
        "inv.yaml",
        """
        version: 1
        data:
          - id: d
            category: user.contact.email
            purpose: [essential.service]
        """,
    )
    [finding] = load(path).findings
    assert finding.code == "PL001"
    assert finding.message == "unknown field `purpose`; did you mean `purposes`?"
    assert (finding.location.line, finding.location.column) == (5, 5)
    assert finding.location.pointer == "/data/0/purpose"
    # Fingerprints name the entry, not its index or line.
    assert finding.fingerprint.endswith("schema:/data/0/purpose:additionalProperties")


@pytest.mark.parametrize(
    "text, needle, line",
    [
        ("version: 2\n", "version must be 1", 1),
        ("data:\n  - id: d\n    category: user.contact.email\n", "missing required field `version`", 1),
        ("version: 1\ndata:\n  - category: user.contact.email\n", "missing required field `id`", 3),
        ("version: 1\ndata:\n  - id: Bad Id\n    category: user.contact.email\n", "not a valid id", 3),
        ("version: 1\nrecipients:\n  - id: r\n    country: Norway\n", "ISO 3166-1", 4),
        ("version: 1\nrecipients:\n  - id: r\n    transport: htps\n", "did you mean `https`", 4),
        ("version: 1\ndata:\n  - id: d\n    category: user.contact.email\n    retention: forever\n", "not a duration", 5),
        ("version: 1\ndata:\n  - id: d\n    category: user.contact.email\n    legal_basis: because\n", "not a basis", 5),
        ("version: 1\ndata: {id: d}\n", "must be a list", 2),
        (
            "version: 1\ndata:\n  - id: d\n    category: user.contact.email\n    legal_basis: {essential.service: contrakt}\n",
            "`legal_basis` for `essential.service` is `contrakt`",
            5,
        ),
        ("version: 1\ncookies:\n  - name: _ga\n    party: third\n", "needs `provider`", 3),
    ],
)
def test_schema_messages_are_readable_and_located(write, text, needle, line):
    findings = load(write("inv.yaml", text)).findings
    assert any(f.code == "PL001" and needle in f.message and f.location.line == line for f in findings), [
        (f.message, f.location.line) for f in findings
    ]


def test_duplicate_key_is_reported_and_first_value_kept(write):
    path = write(
        "inv.yaml",
        """
        version: 1
        data:
          - id: d
            category: user.contact.email
            recipients: [a]
            recipients: [b]
        recipients:
          - id: a
        """,
    )
    result = load(path)
    [dup] = [f for f in result.findings if f.code == "PL002"]
    assert dup.location.line == 6
    assert "first at line 5" in dup.message
    assert result.inventory.data[0].recipients == ["a"]


def test_unknown_term_suggests_the_key(write):
    path = write(
        "inv.yaml",
        """
        version: 1
        data:
          - id: d
            category: user.contact.emial
            purposes: [essential.servce]
        recipients:
          - id: r
            type: payment processors
        """,
    )
    findings = load(path).findings
    by_line = {f.location.line: f for f in findings}
    assert by_line[4].code == "PL003" and "`user.contact.email`" in by_line[4].message
    assert by_line[5].code == "PL003" and "`essential.service`" in by_line[5].message
    assert 8 not in by_line  # an alias ("payment processors") resolves


def test_aliases_resolve_to_keys(write):
    path = write("inv.yaml", "version: 1\ndata:\n  - id: d\n    category: email address\n    subjects: [children]\n")
    result = load(path)
    assert result.findings == []
    assert result.inventory.data[0].category == "user.contact.email"
    assert result.inventory.data[0].subjects == ["child"]


def test_several_files_merge_and_references_resolve_across_them(write):
    a = write("svc-a/inventory.yaml", "version: 1\ndata:\n  - id: d\n    category: user.contact.email\n    stores: [db]\n    recipients: [mailer]\n")
    b = write("svc-b/inventory.yaml", "version: 1\nstores:\n  - id: db\nrecipients:\n  - id: mailer\n")
    result = load(a, b)
    assert result.findings == []
    assert [d.id for d in result.inventory.data] == ["d"]
    assert result.inventory.data[0].loc.path == a
    assert result.inventory.stores[0].loc.path == b


def test_duplicate_id_across_files_names_both_places(write):
    a = write("a.yaml", "version: 1\nstores:\n  - id: db\n")
    b = write("b.yaml", "version: 1\nstores:\n  - kind: log\n    id: db\n")
    [finding] = load(a, b).findings
    assert finding.code == "PL004"
    assert finding.location.path == b and finding.location.line == 4
    assert f"{a}:3" in finding.message


def test_undefined_references(write):
    path = write(
        "inv.yaml",
        """
        version: 1
        data:
          - id: d
            category: user.contact.email
            stores: [db, nowhere]
        stores:
          - id: db
        cookies:
          - name: _fbp
            party: third
            provider: meta
        """,
    )
    findings = [f for f in load(path).findings if f.code == "PL004"]
    assert [(f.location.line, f.location.column) for f in findings] == [(5, 18), (11, 15)]
    assert "store `nowhere`" in findings[0].message


def test_billion_laughs_is_rejected_quickly(write):
    lines = ["version: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    path = write("laughs.yaml", "\n".join(lines) + "\n")
    start = time.perf_counter()
    with pytest.raises(InputError) as info:
        load(path)
    assert time.perf_counter() - start < 1.0
    assert "anchors and aliases" in info.value.message
    assert info.value.line is not None


@pytest.mark.parametrize(
    "content, needle, line",
    [
        (b"", "is empty", 1),
        (b"# only a comment\n", "is empty", 1),
        (b"version: 1\n---\nversion: 1\n", "several YAML documents", 2),
        (b"version: 1\nproduct: caf\xe9\n", "not valid UTF-8", 2),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", 3),
        (b"version: 1\ndata: [\n", "invalid YAML", 3),
        (b"version: 1\nx: !!python/object/apply:os.system [echo hi]\n", "tag", 2),
        (b"version: 1\nbase: &b {id: x}\nstores:\n  - <<: *b\n", "merge key", 4),
    ],
)
def test_unreadable_input_is_one_clear_error(write, content, needle, line):
    path = write("bad.yaml", content)
    with pytest.raises(InputError) as info:
        load(path)
    assert needle in info.value.message
    assert info.value.line == line
    assert str(info.value).startswith(f"{path}:{line}")


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load(str(tmp_path / "nope.yaml"))
    with pytest.raises(InputError, match="directory"):
        load(str(tmp_path))


def test_input_files_are_never_written(write):
    path = write("inv.yaml", "version: 1\ndata:\n  - id: d\n    category: user.contact.emial\n")
    before = Path(path).read_bytes()
    stat = Path(path).stat()
    load(path)
    assert Path(path).read_bytes() == before and Path(path).stat().st_mtime_ns == stat.st_mtime_ns


def test_schema_file_is_valid_json_schema():
    from jsonschema import Draft202012Validator

    from policylint.inventory.schema import schema

    Draft202012Validator.check_schema(schema())
    assert schema()["additionalProperties"] is False
