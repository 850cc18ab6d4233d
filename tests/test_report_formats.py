"""Report formats: shape, escaping of hostile inventory and policy text, determinism.

Results are built by hand (no reader, no checks), with inventory and policy text chosen to
break each format: markup, HTML, CDATA ends, percent-encoded newlines, workflow commands,
table pipes, mentions, ANSI escapes, control characters, emoji and very long text.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from policylint import registry
from policylint.engine import Result
from policylint.findings import Evidence, Finding, Location
from policylint.inventory import model as inv
from policylint.policy import model as pol
from policylint.report import FORMATS, relative_path, render, visible

SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "data" / "sarif-schema-2.1.0.json"

HOSTILE = (
    "[bold]x[/] <script>alert(1)</script> ]]> %0A line\nbreak \r\n::error::forged, a:b | @team "
    "\x1b[31mred\x1b[0m \x00nul\x07bell 🍪 {0} {{ user_name }} [link](https://evil.example) www.evil.example #12"
)
LONG = "very long " * 200
INVENTORY = "privacy/inventory.yaml"
HOSTILE_PATH = "privacy/odd, name:x|y.yaml"
POLICY = "docs/privacy-policy.md"


def _evidence(text: str = HOSTILE, line: int = 28) -> Evidence:
    return Evidence(POLICY, line, "II. Information Collection > (D) Log Files <b>and</b> Cookies", text)


def _finding(code: str, line: int, *, path: str = INVENTORY, message: str = HOSTILE, key: str = "cookie:_fbp", **kw) -> Finding:
    rule = registry.get(code)
    return Finding(
        code=code,
        slug=rule.slug,
        severity=kw.pop("severity", rule.severity),
        message=message,
        location=Location(path, line, 5, kw.pop("pointer", "/cookies/1")),
        key=key,
        evidence=tuple(kw.pop("evidence", (_evidence(),))),
        searched=tuple(kw.pop("searched", ())),
        fix=kw.pop("fix", "describe it <i>now</i> | @team"),
    )


def _inventory() -> inv.Inventory:
    loc = lambda line, pointer: Location(INVENTORY, line, 5, pointer)  # noqa: E731
    return inv.Inventory(
        files=[INVENTORY, HOSTILE_PATH],
        product="Acme <Cloud> & \x1b[1mCo",
        audiences=[inv.Audience(loc=loc(3, "/audience"), minimum_age=13, age_gate="none", directed_to_children=False)],
        data=[
            inv.DataElement(
                loc=loc(10, "/data/0"),
                id="account-email",
                category="user.contact.email",
                description=HOSTILE,
                subjects=["customer"],
                purposes=["essential.service", "marketing.communications.email"],
                legal_basis={"essential.service": "contract", "marketing.communications.email": "consent"},
                identifiability="identified",
                retention="until_account_deletion",
                stores=["accounts-db"],
                recipients=["mailer"],
            ),
            inv.DataElement(
                loc=loc(20, "/data/1"),
                id="ip-<b>address</b>",
                category="user.device.ip_address",
                purposes=["analytics.reporting"],
                legal_basis="legitimate_interest",
                retention="indefinite",
                stores=["logs"],
                recipients=["adnet"],
            ),
        ],
        cookies=[
            inv.Cookie(loc=loc(40, "/cookies/0"), name="_ga", party="third", provider="adnet", purpose="analytics", technology="cookie", duration="2 years", consent="opt_in"),
            inv.Cookie(loc=loc(41, "/cookies/1"), name="<img src=x onerror=alert(1)>", party="third", provider="adnet", purpose="advertising", technology="pixel", consent="none"),
        ],
        recipients=[
            inv.Recipient(loc=loc(50, "/recipients/0"), id="mailer", name="Postmark", type="email_service_provider", country="NO", agreement="dpa", transport="https", sale=False),
            inv.Recipient(loc=loc(60, "/recipients/1"), id="adnet", name=HOSTILE, type="advertising_network", country="US", agreement="none", transport="http", sale=True),
        ],
        stores=[
            inv.Store(loc=loc(70, "/stores/0"), id="accounts-db", kind="database", country="IE", encrypted_at_rest=True, backups=True, access="role_based", supports=["access", "deletion"]),
            inv.Store(loc=loc(80, "/stores/1"), id="logs", kind="log", country="DE", encrypted_at_rest=False, backups=False, access="all_staff"),
        ],
        comments={(INVENTORY, 41): "# policylint: ignore[PL404] consent banner sets it <only> after opt-in"},
    )


def _declarations() -> pol.Declarations:
    ev = _evidence("We collect your contact information, such as your email address.", 9)
    return pol.Declarations(
        paths=[POLICY],
        sha256="ab" * 32,
        data_categories=[
            pol.Declaration("user.contact", "collects", [ev]),
            pol.Declaration("user.contact.phone_number", "collects", [_evidence(HOSTILE, 9)]),
            pol.Declaration("user.location.precise", "does_not_collect", [_evidence("We do not collect precise location.", 12)]),
        ],
        purposes=[pol.Declaration("essential.service", "uses", [ev]), pol.Declaration("marketing", "uses", [ev], condition="consent")],
        recipients=[pol.Declaration("service_provider", "shares", [ev], names=["Postmark", "<b>Evil</b>"])],
        cookies=pol.Cookies(mentioned=True, purposes=["functional"], technologies=["cookie"], user_control=True, evidence=[ev]),
        children=pol.Children(stance="not_directed", age=16, evidence=[ev]),
        sale=pol.Sale(stance="does_not_sell", evidence=[ev]),
        security=[pol.Promise("encryption_in_transit", [ev]), pol.Promise("backups", [ev])],
        rights=[pol.Promise("access", [ev]), pol.Promise("portability", [ev])],
        retention=pol.Retention(stance="limited", evidence=[ev]),
        international_transfers=pol.Transfers(),
        placeholders=[pol.Placeholder("{{ user_name }}", POLICY, 3)],
    )


@pytest.fixture
def result() -> Result:
    findings = [
        _finding("PL402", 41, key="cookie:_fbp"),
        _finding("PL404", 42, key="cookie:_fbp:consent", severity="warning"),
        _finding("PL102", 13, key="data:account-email:purpose", evidence=(), searched=("II. Collection", "III. <Use> | x")),
        _finding("PL105", 9, path=POLICY, key="policy:user.contact.phone_number", message=LONG, fix=LONG),
        _finding("PL101", 20, path=HOSTILE_PATH, key="data:ip", pointer="/data/0/category"),
    ]
    suppressed = [_finding("PL404", 41, key="cookie:<img>:consent", message="suppressed one")]
    baselined = [_finding("PL301", 60, key="recipient:adnet", message="baselined one")]
    return Result(
        findings=sorted(findings, key=Finding.sort_key),
        policy_paths=[POLICY],
        policy_sha256="ab" * 32,
        inventories=[INVENTORY, HOSTILE_PATH],
        suppressed=suppressed,
        baselined=baselined,
        declarations=_declarations(),
        inventory=_inventory(),
        suppression_reasons={id(suppressed[0]): "consent banner sets it <only> after opt-in"},
    )


@pytest.fixture
def empty_result() -> Result:
    return Result(findings=[], policy_paths=[POLICY], policy_sha256="", inventories=[INVENTORY])


@pytest.fixture(autouse=True)
def _in_repo(tmp_path, monkeypatch):
    """Reports make paths relative to the working directory."""
    monkeypatch.chdir(tmp_path)


# --------------------------------------------------------------------------- registry


def test_formats_names_every_format_and_imports_lazily():
    assert set(FORMATS) == {"text", "json", "sarif", "junit", "github", "markdown", "gitlab", "html"}
    code = (
        "import sys, policylint.report as r; "
        "print(sorted(m for m in sys.modules if m.startswith('policylint.report.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_render_dispatches_and_drops_options_a_format_does_not_take(result):
    # `date` is an HTML option, `statistics` a text option: the others ignore them.
    for name in FORMATS:
        assert render(name, result, date="2025-01-31", statistics=True, root=None)
    with pytest.raises(ValueError, match="unknown format"):
        render("pdf", result)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_is_deterministic(name, result):
    assert render(name, result, date="2025-01-31") == render(name, result, date="2025-01-31")


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_handles_an_empty_result(name, empty_result):
    assert render(name, empty_result)


def test_visible_writes_out_controls_and_direction_overrides():
    assert visible("a\x1b[31mb\x00c\u202ed\tn\n") == "a\\x1b[31mb\\x00c\\u202ed\tn\n"


def test_relative_path(tmp_path):
    assert relative_path("privacy/inv.yaml", str(tmp_path)) == "privacy/inv.yaml"
    assert relative_path(str(tmp_path / "a" / "b.yaml"), str(tmp_path)) == "a/b.yaml"
    assert relative_path("/elsewhere/x.yaml", str(tmp_path)) == "/elsewhere/x.yaml"


# --------------------------------------------------------------------------- SARIF


def _sarif(result, **kw) -> dict:
    return json.loads(render("sarif", result, **kw))


def test_sarif_validates_against_the_oasis_schema(result):
    if not SARIF_SCHEMA.is_file():
        pytest.skip("SARIF 2.1.0 schema not available")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    validator(schema).validate(_sarif(result))


def test_sarif_tool_and_rules(result):
    log = _sarif(result)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "policylint" and driver["version"] == result.tool_version
    assert driver["informationUri"].startswith("https://")
    ids = [r["id"] for r in driver["rules"]]
    assert set(registry.all_rules()) <= set(ids)
    pl402 = driver["rules"][ids.index("PL402")]
    rule = registry.get("PL402")
    assert pl402["name"] == rule.slug
    assert pl402["defaultConfiguration"]["level"] == "error"
    assert "How to fix it" in pl402["help"]["markdown"] and pl402["help"]["text"]
    assert "privacy" in pl402["properties"]["tags"]
    assert driver["rules"][ids.index("PL102")]["defaultConfiguration"]["level"] == "note"
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")


def test_sarif_results(result):
    run = _sarif(result)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_key = {r["partialFingerprints"]["policylint/v1"]: r for r in run["results"]}
    assert len(run["results"]) == len(result.findings) + 2  # plus suppressed and baselined
    for entry in run["results"]:
        assert rules[entry["ruleIndex"]]["id"] == entry["ruleId"]
    fp = f"PL402:{INVENTORY}:cookie:_fbp"
    r = by_key[fp]
    assert r["level"] == "error"
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": INVENTORY, "uriBaseId": "%SRCROOT%", "index": 0}
    assert loc["region"] == {"startLine": 41, "startColumn": 5}
    related = r["relatedLocations"][0]
    assert related["physicalLocation"]["artifactLocation"]["uri"] == POLICY
    assert related["physicalLocation"]["region"]["startLine"] == 28
    assert "Log Files <b>and</b> Cookies" in related["message"]["text"]
    # The policy evidence is quoted in the message too.
    assert "The policy says" in r["message"]["text"]
    assert by_key[f"PL404:{INVENTORY}:cookie:_fbp:consent"]["level"] == "warning"
    assert by_key[f"PL102:{INVENTORY}:data:account-email:purpose"]["level"] == "note"
    assert "searched: II. Collection" in by_key[f"PL102:{INVENTORY}:data:account-email:purpose"]["message"]["text"]
    # A path with a comma, colon and pipe is percent-encoded, still relative.
    odd = by_key[f"PL101:{HOSTILE_PATH}:data:ip"]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert odd["uri"] == "privacy/odd%2C%20name%3Ax%7Cy.yaml" and odd["uriBaseId"] == "%SRCROOT%"
    assert "suppressions" not in r


def test_sarif_escapes_message_syntax(result):
    r = _sarif(result)["runs"][0]["results"]
    text = next(x for x in r if x["ruleId"] == "PL402")["message"]["text"]
    assert "\\[bold\\]x\\[/\\]" in text  # no embedded link can be forged
    assert "{{0}}" in text and "{{{{ user_name }}}}" in text  # no placeholder either
    assert "\\x1b" in text and "\x1b" not in text and "\x00" not in text


def test_sarif_suppressions(result):
    results = _sarif(result, baseline=".policylint-baseline.json")["runs"][0]["results"]
    inline = next(x for x in results if x["partialFingerprints"]["policylint/v1"].endswith("cookie:<img>:consent"))
    assert inline["suppressions"] == [{"kind": "inSource", "status": "accepted", "justification": "consent banner sets it <only> after opt-in"}]
    base = next(x for x in results if x["ruleId"] == "PL301")
    assert base["suppressions"][0]["kind"] == "external"
    assert ".policylint-baseline.json" in base["suppressions"][0]["justification"]


def test_sarif_path_outside_the_working_directory_is_a_file_uri(result, tmp_path):
    result.findings[0].location = Location("/elsewhere/inv entory.yaml", 3, 1, "")
    entry = _sarif(result, root=str(tmp_path / "repo"))["runs"][0]["results"][0]
    location = entry["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "file:///elsewhere/inv%20entory.yaml" and "uriBaseId" not in location


# --------------------------------------------------------------------------- JUnit


def test_junit_structure_and_counts(result):
    root = ET.fromstring(render("junit", result).encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == [INVENTORY, HOSTILE_PATH, POLICY]
    inventory = suites[INVENTORY]
    cases = inventory.findall("testcase")
    assert inventory.get("tests") == str(len(cases)) == "3"
    assert inventory.get("failures") == "2"  # PL402 error, PL404 warning; PL102 info passes
    failures = [c.find("failure") for c in cases if c.find("failure") is not None]
    assert sorted(f.get("type") for f in failures) == ["error", "warning"]
    info = next(c for c in cases if c.get("name").startswith("PL102"))
    assert info.find("failure") is None and "searched" in info.find("system-out").text
    assert root.get("tests") == "5" and root.get("failures") == "3" and root.get("skipped") == "0"
    for suite in suites.values():
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))


def test_junit_passing_testcase_for_a_file_without_findings(empty_result):
    root = ET.fromstring(render("junit", empty_result).encode("utf-8"))
    for suite in root.findall("testsuite"):
        (case,) = suite.findall("testcase")
        assert case.get("name") == "no findings" and list(case) == []
        assert suite.get("tests") == "1" and suite.get("failures") == "0"
    assert root.get("tests") == "2" and root.get("failures") == "0"


def test_junit_suppressed_findings_are_skipped(result):
    root = ET.fromstring(render("junit", result, show_suppressed=True).encode("utf-8"))
    assert root.get("skipped") == "2" and root.get("tests") == "7"
    skipped = root.findall(".//skipped")
    assert any("consent banner" in s.get("message") for s in skipped)


def test_junit_text_is_xml_safe(result):
    text = render("junit", result)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
    assert "<script>" not in text and "]]>" not in text
    root = ET.fromstring(text.encode("utf-8"))
    failure = root.find(".//failure")
    # The hostile text survives, visibly, as text.
    assert "<script>alert(1)</script> ]]>" in failure.text and "\\x1b[31m" in failure.text
    assert "\n" not in failure.get("message")


# --------------------------------------------------------------------------- GitHub


def _unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def test_github_commands_are_one_line_each(result):
    out = render("github", result)
    lines = out.splitlines()
    assert "\r" not in out
    assert len(lines) == len(result.findings) + 1
    commands = lines[:-1]
    assert all(re.match(r"::(error|warning|notice) file=[^:]*(,line=\d+)?(,col=\d+)?,title=[^:,]*::", c) for c in commands)
    assert lines[-1].startswith("policylint: 2 error(s), 1 warning(s), 2 info")
    levels = sorted(c.split(" ", 1)[0] for c in commands)
    assert levels == ["::error", "::error", "::notice", "::notice", "::warning"]


def test_github_escaping(result):
    lines = render("github", result).splitlines()
    odd = next(line for line in lines if "PL101" in line)
    assert odd.startswith("::error file=privacy/odd%2C name%3Ax|y.yaml,line=20,col=5,title=PL101 undeclared-collection::")
    message = odd.split("::", 2)[2]
    assert "::error::forged" in message  # harmless inside the message: it cannot start a line
    assert "%250A" in message and "\\x0d ::error::forged" in message  # user text is one line
    assert "\\x1b[31m" in message and "\x1b" not in message
    decoded = _unescape_data(message)
    assert decoded.splitlines()[0].startswith("[bold]x[/] <script>alert(1)</script> ]]> %0A line")


def test_github_escape_functions():
    from policylint.report.github import escape_data, escape_property

    assert escape_data("50%\r\n::x\x1b") == "50%25%0D%0A::x\\x1b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_step_summary(result, tmp_path):
    from policylint.report import github, markdown

    path = tmp_path / "summary.md"
    path.write_text("earlier step\n", encoding="utf-8")
    assert github.write_step_summary(result, str(path))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n") and markdown.render(result) in text
    assert not github.write_step_summary(result, None)


# --------------------------------------------------------------------------- Markdown


def test_markdown_table_rows_stay_intact(result):
    out = render("markdown", result)
    assert out.startswith("<!-- policylint-report -->\n## ")
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + len(result.findings)
    for row in rows:
        # Six cell borders: no unescaped pipe inside a cell.
        assert len(re.findall(r"(?<!\\)\|", row)) == 6, row


def test_markdown_renders_without_injected_html_links_or_mentions(result):
    from markdown_it import MarkdownIt

    out = render("markdown", result, show_suppressed=True)
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    flat = [t for tok in tokens for t in ([tok] + list(tok.children or []))]
    assert not [t for t in flat if t.type == "link_open"]
    html_bits = [t.content for t in flat if t.type in ("html_inline", "html_block")]
    lines = [line for bit in html_bits for line in bit.splitlines() if line.strip()]
    assert lines
    for line in lines:  # only the report's own markup: marker, details, summary
        assert re.fullmatch(r"<!-- policylint-report -->|</?details>|<summary>[^<>]*</summary>", line), line
    assert len([t for t in flat if t.type == "tr_open"]) == 1 + len(result.findings) + 2
    assert "@team" not in out and "@&#8203;team" in out
    assert "https://evil" not in out and "www.evil" not in out
    assert "\x1b" not in out and "\\x1b" in out
    assert "suppressed: consent banner" in out


def test_markdown_stays_under_the_comment_limit(result):
    many = [_finding("PL402", i, key=f"cookie:{i}", message=LONG) for i in range(1, 400)]
    result.findings = many
    out = render("markdown", result, max_length=20000)
    assert len(out) <= 20000
    assert "left out to keep this comment short" in out


def test_markdown_without_findings(empty_result):
    out = render("markdown", empty_result)
    assert "No findings" in out and "|" not in out


# --------------------------------------------------------------------------- GitLab


def test_gitlab_code_quality(result):
    issues = json.loads(render("gitlab", result))
    assert len(issues) == len(result.findings)
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert "\n" not in issue["description"] and "\x1b" not in issue["description"]
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    severities = {i["check_name"]: i["severity"] for i in issues}
    assert severities["PL402"] == "major" and severities["PL404"] == "minor" and severities["PL102"] == "info"
    assert {i["location"]["path"] for i in issues} == {INVENTORY, POLICY, HOSTILE_PATH}


def test_gitlab_fingerprints_are_unique_for_shared_keys(result):
    result.findings = [_finding("PL402", 3), _finding("PL402", 9)]  # same code, file and key
    issues = json.loads(render("gitlab", result))
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]


# --------------------------------------------------------------------------- HTML


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _html(result, **kw) -> tuple[str, _Collector]:
    out = render("html", result, **kw)
    parser = _Collector()
    parser.feed(out)
    parser.close()
    return out, parser


def test_html_parses_and_injects_nothing(result):
    out, parsed = _html(result, show_suppressed=True)
    assert out.startswith("<!DOCTYPE html>")
    assert "<script" not in out.lower() and "<img" not in out.lower() and "<b>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    tags = {tag for tag, _ in parsed.tags}
    assert tags.isdisjoint({"script", "img", "iframe", "link", "object", "embed", "form", "b", "i"})
    for tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "a":
            assert attrs["href"].startswith("#")
    assert "\x1b" not in out and "\x00" not in out
    text = "".join(parsed.text)
    assert "<script>alert(1)</script>" in text  # shown as text
    csp = [a for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]


def test_html_header_summary_and_findings(result):
    out, parsed = _html(result, date="2025-01-31")
    text = " ".join("".join(parsed.text).split())
    assert "Privacy audit: Acme <Cloud> & \\x1b[1mCo" in text
    assert "2025-01-31" in text and "ab" * 32 in text
    assert "2 errors, 1 warning, 2 info" in text
    assert "Silent. Sections searched" in text and "III. <Use> | x" in text
    assert "II. Information Collection > (D) Log Files <b>and</b> Cookies" in text
    assert out.count('<article class="finding') == len(result.findings)
    _, undated = _html(result)
    assert "2025-01-31" not in "".join(undated.text)


def test_html_data_map_and_declarations(result):
    _, parsed = _html(result)
    text = " ".join("".join(parsed.text).split())
    for heading in ("Data map", "Recipients", "Stores", "Cookies and similar technologies", "Policy declarations"):
        assert heading in text
    # user.contact covers the email element (vaguely); the phone number declaration covers nothing.
    out = render("html", result)
    contact_row = re.search(r'<tr class="decl">.*?user\.<wbr>contact</code>.*?</tr>', out).group(0)
    assert "account-email" in contact_row and 'class="vague"' in contact_row
    phone_row = re.search(r'<tr class="decl stale">((?!</tr>).)*?phone_number</code>.*?</tr>', out).group(0)
    assert "Stale" in phone_row
    # "we do not collect precise location" contradicts nothing in this inventory.
    assert "no inventory entry contradicts it" in text
    # The sale denial is contradicted by the recipient that buys data.
    sale = re.search(r'id="decl-sale".*?</section>', out).group(0)
    assert 'class="neg"' in sale


def test_html_without_policy_or_inventory(empty_result):
    _, parsed = _html(empty_result)
    text = "".join(parsed.text)
    assert "No findings" in text and "No policy was read" in text
