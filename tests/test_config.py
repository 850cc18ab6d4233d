"""Configuration: discovery, relative paths, globs, overrides, errors with did-you-mean."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from policylint import config
from policylint.errors import UsageError

INVENTORY = "version: 1\ndata:\n  - id: d\n    category: user.contact.emial\n"


@pytest.fixture
def in_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_pyproject_table_is_found_from_a_subfolder(in_dir, write, monkeypatch):
    write("pyproject.toml", '[project]\nname = "x"\n\n[tool.policylint]\ninventory = ["privacy/**/*.yaml"]\nfail_on = "warning"\nminor_age = 16\n')
    write("privacy/a/inventory.yaml", INVENTORY)
    write("privacy/b/inventory.yaml", "version: 1\n")
    sub = in_dir / "privacy" / "a"
    monkeypatch.chdir(sub)
    options = config.resolve(None)
    assert options.fail_on == "warning" and options.minor_age == 16
    # Paths are relative to the config file, shown relative to the working directory.
    assert options.inventory == ["inventory.yaml", "../b/inventory.yaml"]


def test_dotfile_wins_and_pyproject_without_table_is_skipped(in_dir, write):
    write("pyproject.toml", '[project]\nname = "x"\n')
    assert config.find_config() is None
    write(".policylint.toml", 'fail_on = "never"\n')
    assert config.find_config() == in_dir / ".policylint.toml"
    assert config.resolve(None).fail_on == "never"


@pytest.mark.parametrize(
    "text, needle",
    [
        ('[tool.policylint]\nfail-on = "error"\n', "unknown key `fail-on`; did you mean `fail_on`?"),
        ('[tool.policylint]\nselekt = ["PL"]\n', "did you mean `select`?"),
        ('[tool.policylint]\nfail_on = "sometimes"\n', "`fail_on` must be"),
        ('[tool.policylint]\nminor_age = "18"\n', "`minor_age` must be an age"),
        ('[tool.policylint.severity]\nPL303 = "fatal"\n', "severity.PL303"),
        ('[[tool.policylint.declarations]]\nadd = {kind = "data_categories", key = "user.contact.organization"}\n', "non-empty reason"),
        ("[tool.policylint\n", "invalid TOML"),
    ],
)
def test_config_errors_name_the_file(in_dir, write, text, needle):
    write("pyproject.toml", text)
    with pytest.raises(UsageError) as info:
        config.resolve(None)
    assert needle in str(info.value)
    assert "pyproject.toml" in str(info.value)


def test_bare_check_runs_in_a_configured_repository(in_dir, write, cli):
    write("pyproject.toml", '[tool.policylint]\ninventory = ["privacy/*.yaml"]\n')
    write("privacy/inventory.yaml", INVENTORY)
    result = cli("check", "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["inventories"] == ["privacy/inventory.yaml"]
    assert report["findings"][0]["location"]["path"] == "privacy/inventory.yaml"


def test_command_line_wins_over_the_file(in_dir, write, cli):
    write(".policylint.toml", 'inventory = ["inv.yaml"]\nfail_on = "never"\nignore = ["PL0"]\n')
    write("inv.yaml", INVENTORY)
    assert cli("check").exit_code == 0
    assert cli("check", "--fail-on", "error", "--select", "PL003").exit_code == 1


def test_severity_override_and_select_prefixes(in_dir, write, cli):
    write(".policylint.toml", 'inventory = ["inv.yaml"]\n[severity]\nPL003 = "info"\n')
    write("inv.yaml", INVENTORY)
    result = cli("check", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"][0]["severity"] == "info"
    assert cli("check", "--fail-on", "info").exit_code == 1


def test_per_path_ignores(in_dir, write, cli):
    write(".policylint.toml", 'inventory = ["privacy/**/*.yaml"]\n[[per_path_ignores]]\npath = "privacy/legacy/*.yaml"\nignore = ["PL003"]\n')
    write("privacy/legacy/old.yaml", INVENTORY)
    write("privacy/new.yaml", INVENTORY.replace("id: d", "id: e"))
    report = json.loads(cli("check", "--format", "json").stdout)
    assert [f["location"]["path"] for f in report["findings"]] == ["privacy/new.yaml"]


def test_show_config(in_dir, write, cli):
    write(".policylint.toml", 'inventory = ["inv.yaml"]\nminor_age = 16\n[variables]\nuser_name = "Acme"\n')
    write("inv.yaml", "version: 1\n")
    result = cli("check", "--show-config")
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    assert shown["minor_age"] == 16 and shown["variables"] == {"user_name": "Acme"}
    assert shown["config_path"].endswith(".policylint.toml")


def test_config_error_exits_two(in_dir, write, cli):
    write(".policylint.toml", 'inventori = ["inv.yaml"]\n')
    result = cli("check")
    assert result.exit_code == 2
    assert "did you mean `inventory`?" in result.stderr


def test_explicit_config_and_no_config(in_dir, write, cli):
    write("conf/policylint.toml", 'inventory = ["../inv.yaml"]\n')
    write("inv.yaml", INVENTORY)
    assert cli("check", "--config", "conf/policylint.toml").exit_code == 1
    assert cli("check", "--config", "nope.toml").exit_code == 2
    assert cli("check", "--no-config").exit_code == 2  # no inventory named
