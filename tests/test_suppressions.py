"""Inline suppressions (with reasons) and baselines that survive moved lines."""

from __future__ import annotations

import json

import pytest

from policylint import engine
from policylint.options import Options


def run(path, **kwargs):
    return engine.run(Options(inventory=[path], **kwargs))


def test_line_suppression_with_reason(write):
    path = write("inv.yaml", "version: 1\ndata:\n  - id: d\n    category: user.contact.emial  # policylint: ignore[PL003] reviewed custom term\n")
    result = run(path)
    assert result.findings == []
    assert [f.code for f in result.suppressed] == ["PL003"]
    assert result.summary()["suppressed"] == 1


def test_entry_suppression_covers_the_whole_entry(write):
    path = write(
        "inv.yaml",
        """
        version: 1
        data:
          - id: d  # policylint: ignore[PL0] legacy entry, migrating in Q3
            category: user.contact.emial
            purposes: [essential.servce]
          - id: e
            category: user.contact.emial
        """,
    )
    result = run(path)
    assert [(f.code, f.location.line) for f in result.findings] == [("PL003", 7)]
    assert len(result.suppressed) == 2


def test_suppression_without_reason_still_applies_but_is_reported(write):
    path = write("inv.yaml", "version: 1\ndata:\n  - id: d\n    category: user.contact.emial  # policylint: ignore[PL003]\n")
    result = run(path)
    assert [(f.code, f.location.line) for f in result.findings] == [("PL007", 4)]
    assert [f.code for f in result.suppressed] == ["PL003"]


def test_unused_suppression_is_reported_unless_rule_not_selected(write):
    path = write("inv.yaml", "version: 1\ndata:\n  - id: d\n    category: user.contact.email  # policylint: ignore[PL003] was misspelt\n")
    assert [f.code for f in run(path).findings] == ["PL008"]
    assert run(path, ignore=["PL003"]).findings == []


def test_invalid_code_in_suppression(write):
    path = write("inv.yaml", "version: 1\ndata:\n  - id: d\n    category: user.contact.email  # policylint: ignore[cookies] whatever\n")
    [finding] = run(path).findings
    assert finding.code == "PL007" and "no valid rule code" in finding.message


def test_show_suppressed_in_text(write, cli):
    path = write("inv.yaml", "version: 1\ndata:\n  - id: d\n    category: user.contact.emial  # policylint: ignore[PL003] reviewed\n")
    plain = cli("check", path)
    assert plain.exit_code == 0 and "1 suppressed" in plain.stdout and "PL003" not in plain.stdout.split("No findings")[0]
    shown = cli("check", "--show-suppressed", path)
    assert "PL003" in shown.stdout and "(suppressed)" in shown.stdout


BEFORE = """
version: 1
data:
  - id: a
    category: user.contact.emial
  - id: b
    category: user.contact.phon
"""

AFTER = """
version: 1
# a comment that moves every line down
data:
  - id: c
    category: user.contact.email
  - id: b
    description: moved around
    category: user.contact.phon
  - id: a
    category: user.contact.emial
  - id: z
    category: user.contact.faks
"""


def test_baseline_survives_moved_and_reordered_entries(write, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write("inv.yaml", BEFORE)
    made = cli("baseline", "inv.yaml", "-o", "baseline.json")
    assert made.exit_code == 0, made.output
    recorded = json.loads((tmp_path / "baseline.json").read_text())
    assert len(recorded["findings"]) == 2
    assert cli("check", "--baseline", "baseline.json", "inv.yaml").exit_code == 0
    write("inv.yaml", AFTER)
    report = json.loads(cli("check", "--baseline", "baseline.json", "--format", "json", "inv.yaml").stdout)
    assert [(f["code"], f["location"]["line"]) for f in report["findings"]] == [("PL003", 12)]
    assert report["summary"]["baselined"] == 2


def test_stale_baseline_entries_are_listed(write, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write("inv.yaml", BEFORE)
    cli("baseline", "inv.yaml", "-o", "baseline.json")
    write("inv.yaml", "version: 1\ndata:\n  - id: a\n    category: user.contact.emial\n")
    report = json.loads(cli("check", "--baseline", "baseline.json", "--format", "json", "inv.yaml").stdout)
    [stale] = report["findings"]
    assert stale["code"] == "PL008" and stale["location"]["path"] == "baseline.json"
    assert "data[b]" in stale["message"]


def test_broken_baseline_is_an_input_error(write, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write("inv.yaml", BEFORE)
    write("baseline.json", "{not json")
    result = cli("check", "--baseline", "baseline.json", "inv.yaml")
    assert result.exit_code == 2 and "baseline.json:1" in result.stderr


def test_reports_quote_the_suppression_that_matched(write):
    from policylint.report import suppression_of

    path = write(
        "inv.yaml",
        """
        version: 1
        data:
          - id: d  # policylint: ignore[PL003] legacy entry, migrating in Q3
            category: user.contact.emial
          - id: e
            category: user.contact.emial  # policylint: ignore[PL003]
        """,
    )
    result = run(path)
    by_line = {f.location.line: suppression_of(result, f) for f in result.suppressed}
    assert by_line == {
        4: ("inSource", "legacy entry, migrating in Q3"),
        6: ("inSource", "inline suppression (no reason given)"),
    }
