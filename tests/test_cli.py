"""The command line: exit codes, output formats, documentation commands."""

from __future__ import annotations

import json
from pathlib import Path

SPEC_EXAMPLE = str(Path(__file__).parent / "data" / "spec-inventory.yaml")


def test_check_clean_inventory_exits_zero(cli):
    result = cli("check", SPEC_EXAMPLE)
    assert result.exit_code == 0, result.output
    assert "No findings" in result.stdout


def test_check_findings_exit_one_with_file_line_column(cli, write):
    path = write("inv.yaml", "version: 1\ndata:\n  - id: d\n    category: user.contact.email\n    purpose: []\n")
    result = cli("check", path)
    assert result.exit_code == 1
    assert "5:5" in result.stdout and "PL001" in result.stdout and "did you mean `purposes`" in result.stdout


def test_fail_on_never_and_warning(cli, write):
    path = write("inv.yaml", "version: 1\ndata:\n  - id: d\n    category: user.contact.emial\n")
    assert cli("check", "--fail-on", "never", path).exit_code == 0
    assert cli("check", "--fail-on", "warning", path).exit_code == 1


def test_input_error_exits_two_with_place(cli, write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write("inv.yaml", "version: 1\ndata: [\n")
    result = cli("check", "inv.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("policylint: error: inv.yaml:3:1: invalid YAML")
    assert "Traceback" not in result.output


def test_usage_errors_exit_two(cli, write):
    path = write("inv.yaml", "version: 1\n")
    assert cli("check", "--format", "xml", path).exit_code == 2
    assert cli("check", "--fail-on", "sometimes", path).exit_code == 2
    assert cli("check", "missing.yaml").exit_code == 2


def test_json_report_shape(cli, write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write("privacy/inv.yaml", "version: 1\ndata:\n  - id: d\n    category: user.contact.emial\n")
    path = "privacy/inv.yaml"
    result = cli("check", "--format", "json", "./privacy//inv.yaml")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert list(report) == ["version", "tool", "policy", "inventories", "summary", "findings"]
    assert report["summary"] == {"error": 1, "warning": 0, "info": 0, "suppressed": 0, "baselined": 0}
    [finding] = report["findings"]
    assert finding["code"] == "PL003" and finding["slug"] == "unknown-term"
    assert finding["location"] == {"path": path, "line": 4, "column": 15, "pointer": "/data/0/category"}
    assert finding["fingerprint"] == f"PL003:{path}:data[d]/category:user.contact.emial"
    assert set(finding) == {"code", "slug", "severity", "message", "location", "evidence", "searched", "fix", "fingerprint"}


def test_markup_in_inventory_prints_literally(cli, write):
    path = write("inv.yaml", "version: 1\ndata:\n  - id: d\n    category: '[bold]x[/bold]'\n")
    result = cli("check", path)
    assert "`[bold]x[/bold]`" in result.stdout


def test_schema_prints_valid_json(cli):
    result = cli("schema", "inventory")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"].startswith("policylint data inventory")


def test_rules_and_explain(cli):
    listing = cli("rules")
    assert "PL001" in listing.stdout and "duplicate-key" in listing.stdout
    explained = cli("explain", "PL001")
    assert explained.exit_code == 0
    for heading in ("What it checks", "Why it matters", "Example that fails", "Example that passes", "How to fix it"):
        assert heading in explained.stdout
    assert cli("explain", "duplicate-key").exit_code == 0
    missing = cli("explain", "PL0001")
    assert missing.exit_code == 2 and "did you mean" in missing.stderr


def test_extract_applies_configuration_variables_and_corrections(tmp_path, monkeypatch, cli):
    import shutil

    from conftest import SEED_POLICY

    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED_POLICY, tmp_path / "privacy-policy.md")
    (tmp_path / ".policylint.toml").write_text(
        'policy = ["privacy-policy.md"]\n[variables]\nuser_name = "Acme"\n'
        '[[declarations]]\nadd = {kind = "data_categories", key = "user.contact.organization"}\nreason = "II(A) says company name"\n'
        '[[declarations]]\nremove = {kind = "recipients", key = "affiliate"}\nreason = "no affiliates"\n'
    )
    result = cli("extract", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    added = [d for d in data["data_categories"] if d["key"] == "user.contact.organization"]
    assert added and added[0]["evidence"][0]["text"] == "II(A) says company name"
    assert "affiliate" not in [r["key"] for r in data["recipients"]]
    assert "affiliate" in [r["key"] for r in json.loads(cli("extract", "--no-config", "-f", "json", "privacy-policy.md").stdout)["recipients"]]
    # {{ user_name }} is filled; the bracketed template text is still reported.
    assert [p["text"] for p in data["placeholders"]] == ["[ Acme  Company Address, specific address]", "[phone number]"]


def test_extract_yaml_manifest_is_accepted_as_policy(tmp_path, cli):
    from conftest import SEED_POLICY

    manifest = tmp_path / "policy.yaml"
    result = cli("extract", "--format", "yaml", str(SEED_POLICY))
    assert result.exit_code == 0
    manifest.write_text(result.stdout)
    from_markdown = json.loads(cli("extract", "-f", "json", str(SEED_POLICY)).stdout)
    from_manifest = json.loads(cli("extract", "-f", "json", str(manifest)).stdout)
    for kind in ("data_categories", "purposes", "recipients", "children", "sale", "retention", "security", "rights"):
        assert from_manifest[kind] == from_markdown[kind], kind


def test_progress_on_a_terminal_for_many_inventories(write, monkeypatch):
    import io

    from policylint import cli as cli_module
    from policylint.options import Options

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    paths = [write(f"svc{i}/inventory.yaml", f"version: 1\ndata:\n  - id: d{i}\n    category: user.contact.email\n") for i in range(3)]
    terminal = Terminal()
    monkeypatch.setattr(cli_module, "PROGRESS_THRESHOLD", 2)
    monkeypatch.setattr("sys.stderr", terminal)
    result = cli_module._run(Options(inventory=paths))
    assert [d.id for d in result.inventory.data] == ["d0", "d1", "d2"]
    assert "reading inventories" in terminal.getvalue()


def test_no_progress_when_stderr_is_not_a_terminal(write, monkeypatch):
    import io

    from policylint import cli as cli_module
    from policylint.options import Options

    paths = [write(f"svc{i}/inventory.yaml", "version: 1\n") for i in range(3)]
    pipe = io.StringIO()
    monkeypatch.setattr(cli_module, "PROGRESS_THRESHOLD", 2)
    monkeypatch.setattr("sys.stderr", pipe)
    cli_module._run(Options(inventory=paths))
    assert pipe.getvalue() == ""


def test_default_fix_hint_is_a_whole_sentence(cli, write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write("inv.yaml", "version: 1\ndata:\n  - id: d\n    category: [user.contact.email]\n")
    report = json.loads(cli("check", "-f", "json", "inv.yaml").stdout)
    assert report["findings"][0]["fix"] == "Correct the field named in the message."
