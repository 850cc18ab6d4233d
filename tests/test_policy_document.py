"""Policy documents: sections, heading paths, sentences, tables, bold labels, plain text."""

from __future__ import annotations

from policylint.policy.document import heading_topics, parse_document, split_sentences

MD = """\
# Privacy Policy

Intro text here.

## **II. Information Collection**
### **(A) Registration Information**
When you register, we collect your name and email address. We may also
ask for your phone number.

### (D) Log Files and Cookies
1. **Log Files**: Our servers record log files, e.g. IP address, browser type, etc. These
   files help us diagnose problems.
2. **Cookies and Similar Technologies**: We use cookies.

| Category | Examples | Collected |
|---|---|---|
| Identifiers | name, email | Yes |
| Biometrics | fingerprints | No |
"""


def _sentences(doc):
    return [(s.line, s.text) for s in doc.sentences]


def test_heading_paths_strip_bold_and_title():
    doc = parse_document("p.md", MD)
    titles = [s.title for s in doc.sections]
    assert doc.title == "Privacy Policy"
    assert "II. Information Collection > (A) Registration Information" in titles
    assert "II. Information Collection > (D) Log Files and Cookies" in titles
    assert not any("**" in t for t in titles)
    section = next(s for s in doc.sections if s.title.endswith("(A) Registration Information"))
    assert section.line == 6 and section.end_line == 9
    assert "collection" in section.topics


def test_sentences_have_their_own_lines():
    doc = parse_document("p.md", MD)
    got = _sentences(doc)
    assert (7, "When you register, we collect your name and email address.") in got
    assert (7, "We may also ask for your phone number.") in got
    assert (3, "Intro text here.") in got


def test_bold_label_is_kept_as_context():
    doc = parse_document("p.md", MD)
    log = [s for s in doc.sentences if s.context == "Log Files"]
    assert log[0].text.startswith("Log Files: Our servers record log files, e.g. IP address")
    assert log[0].line == 11
    # "etc." before "These" ends the sentence; the second sentence starts on line 11 too
    assert log[1].text == "These files help us diagnose problems."
    assert log[1].context == "Log Files"
    assert log[0].kind == "item"


def test_table_rows_become_sentences_with_headers():
    doc = parse_document("p.md", MD)
    rows = [s for s in doc.sentences if s.kind == "row"]
    assert [(r.line, r.text) for r in rows] == [
        (17, "Category: Identifiers | Examples: name, email | Collected: Yes"),
        (18, "Category: Biometrics | Examples: fingerprints | Collected: No"),
    ]
    assert rows[0].context == "Category | Examples | Collected"
    assert rows[1].cells == (("Category", "Biometrics"), ("Examples", "fingerprints"), ("Collected", "No"))


def test_sentence_splitting_keeps_abbreviations_numbers_and_addresses():
    text = (
        "We use vendors, e.g. Stripe Inc. and others, i.e. processors. Version 2.5 applies. "
        "Write to privacy@example.com. Visit https://example.com/a.b for more. Acme Inc. The end."
    )
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == [
        "We use vendors, e.g. Stripe Inc. and others, i.e. processors.",
        "Version 2.5 applies.",
        "Write to privacy@example.com.",
        "Visit https://example.com/a.b for more.",
        "Acme Inc. The end.",
    ] or spans == [
        "We use vendors, e.g. Stripe Inc. and others, i.e. processors.",
        "Version 2.5 applies.",
        "Write to privacy@example.com.",
        "Visit https://example.com/a.b for more.",
        "Acme Inc.",
        "The end.",
    ]
    assert split_sentences("Name, email, etc. are collected.") == [(0, 32)]


def test_plain_text_numbered_headings_and_paragraphs():
    text = (
        "PRIVACY NOTICE\n\n"
        "1. Information We Collect\n\n"
        "We collect your name.\nWe also collect\nyour email address.\n\n"
        "3. Sharing Your Information\n\n"
        "- We share data with payment processors.\n- We do not sell data.\n"
    )
    doc = parse_document("policy.txt", text)
    assert [s.title for s in doc.sections] == [
        "PRIVACY NOTICE",
        "1. Information We Collect",
        "3. Sharing Your Information",
    ]
    assert doc.sections[2].topics == ("sharing",)
    got = _sentences(doc)
    assert (5, "We collect your name.") in got
    assert (6, "We also collect your email address.") in got
    assert (11, "We share data with payment processors.") in got
    assert (12, "We do not sell data.") in got


def test_plain_text_saved_as_markdown_is_read_as_plain_text():
    text = "PRIVACY NOTICE\n\n1. ABOUT THIS NOTICE\n\nWe collect names.\n\n2. SHARING\n\nWe share.\n"
    doc = parse_document("notice.md", text)
    assert [s.title for s in doc.sections][1:] == ["1. ABOUT THIS NOTICE", "2. SHARING"]


def test_heading_topics():
    assert heading_topics("VII. Protection of Minors' Information") == ("children",)
    assert heading_topics("IV. Information Sharing > (D) Business Transfer") == ("sharing",)
    assert "transfers" in heading_topics("International Transfers")
    assert "retention" in heading_topics("How long we keep your data")
    assert "cookies" in heading_topics("Cookies and Similar Technologies")
    assert "contact" in heading_topics("IX. Contact Us")
    assert "sale" in heading_topics("Do we sell your data?")
    assert "rights" not in heading_topics("(D) Employee Access Control")
