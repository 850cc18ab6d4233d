"""``policylint init``: a configuration and a starter inventory that check accepts."""

from __future__ import annotations

import json
import shutil

import yaml

from conftest import SEED_POLICY


def test_init_in_an_empty_directory_with_the_example_policy(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED_POLICY, tmp_path / "privacy-policy.md")
    result = cli("init", "--policy", "privacy-policy.md")
    assert result.exit_code == 0, result.output
    assert (tmp_path / ".policylint.toml").read_text().startswith('policy = ["privacy-policy.md"]')
    inventory = (tmp_path / "privacy" / "inventory.yaml").read_text()
    data = yaml.safe_load(inventory)
    categories = {entry["category"] for entry in data["data"]}
    assert {"user.contact.email", "user.device.ip_address", "user.name"} <= categories
    assert "# policy line 9" in inventory  # each entry quotes the sentence it came from
    assert json.loads((tmp_path / "privacy" / "inventory.schema.json").read_text())["title"]
    checked = cli("check", "--format", "json")
    assert checked.exit_code == 0, checked.output
    report = json.loads(checked.stdout)
    assert report["summary"]["error"] == 0
    assert not [f for f in report["findings"] if f["code"] in ("PL001", "PL003", "PL101")]


def test_init_never_overwrites(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".policylint.toml").write_text('fail_on = "never"\n')
    (tmp_path / "privacy").mkdir()
    (tmp_path / "privacy" / "inventory.yaml").write_text("version: 1\n")
    result = cli("init")
    assert result.exit_code == 0
    assert "skipped: .policylint.toml exists" in result.stdout
    assert (tmp_path / ".policylint.toml").read_text() == 'fail_on = "never"\n'
    assert (tmp_path / "privacy" / "inventory.yaml").read_text() == "version: 1\n"


def test_init_appends_to_pyproject_once(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "shop"\n')
    assert cli("init").exit_code == 0
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith('[project]\nname = "shop"\n') and text.count("[tool.policylint]") == 1
    (tmp_path / "privacy" / "inventory.yaml").unlink()
    assert "already has [tool.policylint]" in cli("init").stdout
    assert (tmp_path / "pyproject.toml").read_text().count("[tool.policylint]") == 1
    assert cli("check").exit_code == 0
