"""One run, several outputs: the CI-gate use of ``check -o``."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from conftest import EXAMPLES, SHARED_DATA

POLICY = str(EXAMPLES / "privacy-policy.md")
INVENTORY = str(EXAMPLES / "inventory.yaml")


def test_sarif_junit_and_text_in_one_run(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(EXAMPLES.parent)
    sarif_path, junit_path = tmp_path / "policylint.sarif", tmp_path / "junit.xml"
    result = cli(
        "check", "--policy", "examples/privacy-policy.md", "examples/inventory.yaml",
        "-o", f"sarif={sarif_path}", "-o", f"junit={junit_path}", "-o", "text",
    )
    assert result.exit_code == 1
    assert "PL402" in result.stdout and "finding(s)" in result.stdout  # text on stdout
    sarif = json.loads(sarif_path.read_text())
    results = sarif["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"PL101", "PL402", "PL601"}
    # Repo-relative paths, stable fingerprints.
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "examples/inventory.yaml" in uris
    assert all("policylint/v1" in r["partialFingerprints"] for r in results)
    suites = ET.parse(junit_path).getroot()
    failures = sum(int(s.get("failures")) for s in suites.iter("testsuite"))
    assert failures == len([r for r in results if r["level"] in ("error", "warning")])

    schema_file = SHARED_DATA / "sarif-schema-2.1.0.json"
    if not schema_file.exists():
        pytest.skip("SARIF schema not available")
    from jsonschema import Draft7Validator

    Draft7Validator(json.loads(schema_file.read_text())).validate(sarif)


def test_format_with_output_file(tmp_path, cli):
    out = tmp_path / "report.html"
    result = cli("check", "--policy", POLICY, INVENTORY, "--format", "html", "-o", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>")
    # The cookie table judges purposes as PL402 does: the essential session cookie is
    # covered by the policy's functional cookie uses, the advertising pixel is not.
    import re

    def verdict(name):
        row = re.search(rf"<tr><th scope=\"row\"><code>{name}</code>.*?</tr>", html, re.S).group(0)
        return "not in the policy" if "not in the policy" in row else "in the policy"

    assert verdict("acme_session") == "in the policy"
    assert verdict("_fbp") == "not in the policy"


def test_github_annotations_and_step_summary(tmp_path, monkeypatch, cli):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = cli("check", "--policy", POLICY, INVENTORY, "-o", "github")
    assert result.exit_code == 1
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert any(line.startswith("::error file=") and "PL601" in line for line in commands)
    text = summary.read_text()
    assert text.startswith("earlier step\n") and "PL601" in text


@pytest.mark.parametrize("args, message", [
    (["-o", "xml=out.xml"], "unknown format `xml`"),
    (["-o", "sarif="], "names no file"),
    (["-o", "text", "-o", "json"], "only one output can go to standard output"),
])
def test_output_usage_errors(cli, args, message):
    result = cli("check", "--policy", POLICY, INVENTORY, *args)
    assert result.exit_code == 2 and message in result.stderr


def test_exit_zero_quiet_and_statistics(cli):
    quiet = cli("check", "--policy", POLICY, INVENTORY, "--quiet", "--exit-zero")
    assert quiet.exit_code == 0
    assert quiet.stdout.strip().splitlines()[-1].startswith("10 finding(s)")
    assert "PL402" not in quiet.stdout
    stats = cli("check", "--policy", POLICY, INVENTORY, "--statistics")
    assert any(line.split()[:3] == ["4", "PL005", "policy-placeholder"] for line in stats.stdout.splitlines())
