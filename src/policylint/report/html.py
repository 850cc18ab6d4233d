"""One self-contained HTML audit report, for a release and for the people who sign it off.

The page needs nothing but itself: inline CSS, no scripts, no fonts, images or links to
other sites (a Content-Security-Policy says so to the browser as well). It prints cleanly.

Contents:

1. header: product, policy documents and their SHA-256, inventories, tool version and,
   when the caller passes one, the date (left out otherwise, so a report is reproducible);
2. summary: counts by severity and by rule family;
3. findings grouped by file, each with both sides: the inventory place and the policy
   sentence quoted with its section and line, or "policy silent" with the sections
   searched, then the fix;
4. the data map: one row per data element with its category, purposes (and legal basis),
   recipients (name, type, country), stores (kind, country, encryption, backups) and
   retention; then recipients, stores and cookies;
5. the policy's declarations (categories, purposes, recipient types, cookies, children,
   sale, security, rights, retention, international transfers), each with the inventory
   entries it covers: a declaration of key K covers the entries whose key is K or lies
   below it in the taxonomy. A declaration that covers nothing is marked stale.

Every piece of inventory and policy text goes through :func:`esc` (control characters
written out, then ``html.escape(quote=True)``); nothing user-controlled becomes a tag,
an attribute name, an id or a URL.
"""

from __future__ import annotations

import html as _html
import re
from itertools import groupby

from policylint.engine import Result
from policylint.findings import Finding
from policylint.report import one_line, shorten, suppression_of

SEVERITIES = ("error", "warning", "info")
SEVERITY_LABELS = {"error": "Errors", "warning": "Warnings", "info": "Info"}
# Rule families by code prefix, for codes the catalogue does not list (organisation rules).
FAMILY_BY_PREFIX = (
    ("PL00", "inventory"),
    ("PL1", "collection"),
    ("PL2", "purposes"),
    ("PL3", "sharing"),
    ("PL4", "cookies"),
    ("PL5", "minors"),
    ("PL6", "security"),
    ("PL7", "retention"),
    ("PL9", "custom"),
)
ENCRYPTED_TRANSPORTS = {"https", "tls", "sftp"}
UNENCRYPTED_TRANSPORTS = {"http", "ftp", "email", "none"}
NARROW_ACCESS = {"role_based", "need_to_know"}
BROAD_ACCESS = {"all_staff", "public"}
STORE_RIGHTS = ("access", "correction", "deletion", "portability")
QUOTE_LIMIT = 700
SEARCHED_LIMIT = 8
DECL_QUOTE_LIMIT = 320


def esc(value: object, limit: int | None = None) -> str:
    """Inventory or policy text as inert HTML: one line, controls visible, escaped."""
    text = one_line("" if value is None else value)
    if limit:
        text = shorten(text, limit)
    return _html.escape(text, quote=True)


def _code(value: object, limit: int | None = None) -> str:
    return f"<code>{esc(value, limit)}</code>"


_BACKTICKS = re.compile(r"`([^`]+)`")


def _prose(value: object, limit: int | None = None) -> str:
    """Escaped text in which `backticked` names (as messages write them) become <code>."""
    return _BACKTICKS.sub(r"<code>\1</code>", esc(value, limit))


def _key(value: object) -> str:
    """A taxonomy key or path that may break after its dots and slashes."""
    return esc(value).replace(".", ".<wbr>").replace("/", "/<wbr>")


def _tag(text: str, cls: str, title: str = "") -> str:
    title_attr = f' title="{esc(title)}"' if title else ""
    return f'<span class="tag {cls}"{title_attr}>{esc(text)}</span>'


def _yes_no(value: bool | None, yes: str = "yes", no: str = "no") -> str:
    if value is None:
        return _tag("not stated", "unknown")
    return _tag(yes, "ok") if value else _tag(no, "bad")


# --------------------------------------------------------------------------- taxonomy


class _Vocab:
    """Names and the is-within relation of one vocabulary, or plain keys without one."""

    def __init__(self, vocabulary=None):
        self.vocabulary = vocabulary

    def name(self, key: str | None) -> str:
        if not key:
            return ""
        term = self.vocabulary.terms.get(key) if self.vocabulary is not None else None
        return term.name if term and term.name else key

    def within(self, key: str | None, ancestor: str | None) -> bool:
        if not key or not ancestor:
            return False
        if self.vocabulary is not None:
            key, ancestor = self.vocabulary.canonical(key), self.vocabulary.canonical(ancestor)
            return self.vocabulary.is_within(key, ancestor)
        return key == ancestor or key.startswith(ancestor + ".")

    def sensitive(self, key: str | None) -> bool:
        if not key or self.vocabulary is None:
            return False
        return any(
            self.vocabulary.terms[k].sensitive for k in self.vocabulary.lineage(key) if k in self.vocabulary.terms
        )

    def label(self, key: str | None) -> str:
        """``Email address <code>user.contact.email</code>``."""
        if not key:
            return _tag("not stated", "unknown")
        name = self.name(key)
        if name == key:
            return _code(key)
        return f'{esc(name)} <code class="key">{_key(key)}</code>'


def _vocabularies(taxonomy) -> dict[str, _Vocab]:
    if taxonomy is None:
        from policylint import taxonomy as tax

        taxonomy = tax.load()
    kinds = ("data_category", "data_use", "data_subject", "recipient_type", "cookie_purpose", "technology", "security_measure", "right")
    return {kind: _Vocab(taxonomy.vocabularies.get(kind)) for kind in kinds}


def _non_disclosing() -> set[str]:
    """Keys too broad to disclose anything (the data-category roots)."""
    from policylint.checks.disclosure import NON_DISCLOSING

    return set(NON_DISCLOSING.get("data_category", ()))


# --------------------------------------------------------------------------- pieces


def _family(code: str, rules: dict) -> str:
    rule = rules.get(code)
    if rule is not None:
        return rule.family
    for prefix, family in FAMILY_BY_PREFIX:
        if code.startswith(prefix):
            return family
    return "other"


def _quote(ev, show_path: bool = True, limit: int = QUOTE_LIMIT) -> str:
    where = []
    if ev.section:
        where.append(esc(ev.section))
    where.append(f"line {int(ev.line)}")
    if show_path:
        where.append(_code(ev.path))
    return (
        '<figure class="quote">'
        f"<blockquote>{esc(ev.text, limit)}</blockquote>"
        f"<figcaption>{', '.join(where)}</figcaption>"
        "</figure>"
    )


def _evidence_block(evidence, limit: int = 2, quote_limit: int = QUOTE_LIMIT, show_path: bool = True) -> str:
    evidence = list(evidence)
    if not evidence:
        return ""
    parts = [_quote(ev, show_path, quote_limit) for ev in evidence[:limit]]
    if len(evidence) > limit:
        parts.append(f'<p class="more">and {len(evidence) - limit} more sentence{"s" if len(evidence) - limit != 1 else ""}</p>')
    return "".join(parts)


def _counts_phrase(summary: dict) -> str:
    parts = []
    for sev, word in (("error", "error"), ("warning", "warning"), ("info", "info")):
        n = summary[sev]
        parts.append(f"{n} {word}{'s' if n != 1 and sev != 'info' else ''}")
    return ", ".join(parts)


def _header(result: Result, date: str | None, title: str | None) -> str:
    inventory = result.inventory
    product = getattr(inventory, "product", None)
    heading = title or (f"Privacy audit: {product}" if product else "Privacy audit")
    s = result.summary()
    verdict_cls = "fail" if s["error"] else ("warn" if s["warning"] else "pass")
    verdict = {
        "fail": "The inventory and the policy disagree",
        "warn": "No errors; warnings to review",
        "pass": "The inventory and the policy agree",
    }[verdict_cls]
    files = list(getattr(inventory, "files", None) or result.inventories)
    meta = []
    if product:
        meta.append(("Product", esc(product)))
    policies = "".join(f"<li>{_code(p)}</li>" for p in result.policy_paths) or "<li>none given</li>"
    sha = f'<p class="sha">SHA-256 <code>{esc(result.policy_sha256)}</code></p>' if result.policy_sha256 else ""
    meta.append(("Policy", f'<ul class="plain">{policies}</ul>{sha}'))
    meta.append(("Inventories", '<ul class="plain">' + ("".join(f"<li>{_code(p)}</li>" for p in files) or "<li>none</li>") + "</ul>"))
    checked = f"policylint {esc(result.tool_version)}"
    if date:
        checked += f'<br><span class="date">on {esc(date)}</span>'
    meta.append(("Checked with", checked))
    rows = "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in meta)
    return (
        '<header class="masthead">'
        '<p class="eyebrow">policylint audit report</p>'
        f"<h1>{esc(heading)}</h1>"
        f'<p class="verdict {verdict_cls}"><strong>{verdict}.</strong> {_counts_phrase(s)}'
        + (f"; {s['suppressed']} suppressed" if s["suppressed"] else "")
        + (f"; {s['baselined']} in the baseline" if s["baselined"] else "")
        + "</p>"
        f'<dl class="meta">{rows}</dl>'
        "</header>"
    )


def _nav(sections: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="#{anchor}">{label}</a></li>' for anchor, label in sections)
    return f'<nav class="toc" aria-label="Contents"><ol>{items}</ol></nav>'


def _summary(result: Result, rules: dict) -> str:
    s = result.summary()
    cards = []
    for sev in SEVERITIES:
        cards.append(f'<div class="card {sev}"><span class="count">{s[sev]}</span><span class="what">{SEVERITY_LABELS[sev]}</span></div>')
    cards.append(f'<div class="card muted"><span class="count">{s["suppressed"]}</span><span class="what">Suppressed</span></div>')
    cards.append(f'<div class="card muted"><span class="count">{s["baselined"]}</span><span class="what">In the baseline</span></div>')

    by_family: dict[str, dict[str, int]] = {}
    by_rule: dict[tuple[str, str], dict[str, int]] = {}
    for f in result.findings:
        fam = by_family.setdefault(_family(f.code, rules), {k: 0 for k in SEVERITIES})
        fam[f.severity] = fam.get(f.severity, 0) + 1
        rule = by_rule.setdefault((f.code, f.slug), {k: 0 for k in SEVERITIES})
        rule[f.severity] = rule.get(f.severity, 0) + 1

    def cells(counts: dict[str, int]) -> str:
        out = "".join(f'<td class="num">{counts[sev] or ""}</td>' for sev in SEVERITIES)
        return out + f'<td class="num total">{sum(counts.values())}</td>'

    head = '<tr><th scope="col">{}</th><th scope="col" class="num">Errors</th><th scope="col" class="num">Warnings</th><th scope="col" class="num">Info</th><th scope="col" class="num">Total</th></tr>'
    tables = ""
    if by_family:
        rows = "".join(f'<tr><th scope="row">{esc(name.capitalize())}</th>{cells(by_family[name])}</tr>' for name in sorted(by_family))
        tables += f'<div class="col"><h3>By rule family</h3><table class="counts"><thead>{head.format("Family")}</thead><tbody>{rows}</tbody></table></div>'
        rows = ""
        for (code, slug), counts in sorted(by_rule.items()):
            rule = rules.get(code)
            about = f'<span class="about">{esc(rule.summary)}</span>' if rule else ""
            rows += f'<tr><th scope="row"><span class="rule">{esc(code)}</span> {esc(slug)}{about}</th>{cells(counts)}</tr>'
        tables += f'<div class="col wide"><h3>By rule</h3><table class="counts"><thead>{head.format("Rule")}</thead><tbody>{rows}</tbody></table></div>'
    else:
        tables = '<p class="empty">No findings.</p>'
    return (
        '<section id="summary"><h2>Summary</h2>'
        f'<div class="cards">{"".join(cards)}</div>'
        f'<div class="cols">{tables}</div></section>'
    )


def _finding(number: int, finding: Finding, result: Result, inventories: set[str], note: str) -> str:
    loc = finding.location
    sev = finding.severity if finding.severity in SEVERITIES else "info"
    where_kind = "Inventory" if loc.path in inventories else "Location"
    place = _code(f"{loc.path}:{loc.line}:{loc.column}")
    if loc.pointer:
        place += f' <span class="pointer">at {_code(loc.pointer)}</span>'
    rows = [(where_kind, place)]
    if finding.evidence:
        rows.append(("Policy says", _evidence_block(finding.evidence, 3, show_path=len(result.policy_paths) != 1)))
    elif finding.searched:
        shown = finding.searched[:SEARCHED_LIMIT]
        items = "".join(f"<li>{esc(s)}</li>" for s in shown)
        if len(finding.searched) > len(shown):
            items += f'<li class="more">and {len(finding.searched) - len(shown)} more</li>'
        rows.append(("Policy", f'<p class="silent"><strong>Silent.</strong> Sections searched:</p><ul class="searched">{items}</ul>'))
    if note:
        rows.append(("Suppressed", f'<span class="note">{esc(note)}</span>'))
    if finding.fix:
        rows.append(("Fix", f'<span class="fix">{_prose(finding.fix)}</span>'))
    grid = "".join(f'<dt class="{label.split()[0].lower()}">{label}</dt><dd>{value}</dd>' for label, value in rows)
    return (
        f'<article class="finding {sev}" id="finding-{number}">'
        '<header class="finding-head">'
        f'<span class="badge {sev}">{sev}</span>'
        f'<span class="rule">{esc(finding.code)}</span>'
        f'<span class="slug">{esc(finding.slug)}</span>'
        f'<span class="num-ref">#{number}</span>'
        "</header>"
        f'<p class="message">{_prose(finding.message)}</p>'
        f'<dl class="sides">{grid}</dl>'
        "</article>"
    )


def _findings(result: Result, show_suppressed: bool, baseline: str | None) -> str:
    suppressed = (list(result.suppressed) + list(result.baselined)) if show_suppressed else []
    suppressed_ids = {id(f) for f in suppressed}
    findings = sorted(list(result.findings) + suppressed, key=Finding.sort_key)
    inventories = set(getattr(result.inventory, "files", None) or result.inventories)
    if not findings:
        return '<section id="findings"><h2>Findings</h2><p class="empty">No findings: the inventory and the policy agree.</p></section>'
    parts = ['<section id="findings"><h2>Findings</h2>']
    number = 0
    for path, group in groupby(findings, key=lambda f: f.location.path):
        group = list(group)
        counts = {sev: sum(1 for f in group if f.severity == sev and id(f) not in suppressed_ids) for sev in SEVERITIES}
        chips = "".join(f'<span class="chip {sev}">{counts[sev]} {sev}</span>' for sev in SEVERITIES if counts[sev])
        parts.append(f'<section class="file"><h3 class="file-head">{_code(path)} <span class="chips">{chips}</span></h3>')
        for finding in group:
            number += 1
            note = ""
            if id(finding) in suppressed_ids:
                _, reason = suppression_of(result, finding, baseline)
                note = reason
            parts.append(_finding(number, finding, result, inventories, note))
        parts.append("</section>")
    parts.append("</section>")
    return "".join(parts)


# --------------------------------------------------------------------------- data map


def _recipient_line(recipient, v: dict[str, _Vocab], rid: str) -> str:
    if recipient is None:
        return f'<li>{_code(rid)} {_tag("undefined", "bad")}</li>'
    name = esc(recipient.name or recipient.id)
    bits = [v["recipient_type"].label(recipient.type)]
    if recipient.country:
        bits.append(_tag(recipient.country, "country", "country"))
    if recipient.sale:
        bits.append(_tag("sale", "bad", "data is sold to this recipient"))
    return f'<li><span class="who">{name}</span> <span class="sub">{" ".join(bits)}</span></li>'


def _store_line(store, sid: str) -> str:
    if store is None:
        return f'<li>{_code(sid)} {_tag("undefined", "bad")}</li>'
    bits = [esc(store.kind or "kind not stated")]
    if store.country:
        bits.append(_tag(store.country, "country", "country"))
    enc = {True: _tag("encrypted", "ok"), False: _tag("not encrypted", "bad"), None: _tag("encryption not stated", "unknown")}[store.encrypted_at_rest]
    bak = {True: _tag("backups", "ok"), False: _tag("no backups", "warn"), None: _tag("backups not stated", "unknown")}[store.backups]
    return f'<li><span class="who">{esc(store.id)}</span> <span class="sub">{" ".join(bits)} {enc} {bak}</span></li>'


def _disclosure_tags(result: Result, vocab: _Vocab, element) -> str:
    """How the policy discloses an element's category: clear, vague, omitted, contradicted."""
    declarations = result.declarations
    if declarations is None or vocab.vocabulary is None or not element.category:
        return ""
    from policylint.checks.disclosure import classify

    disclosure = classify(vocab.vocabulary, element.category, declarations.data_categories)
    cls = {"clear": "ok", "vague": "warn", "omitted": "bad", "contradicted": "bad"}.get(disclosure.cls, "unknown")
    return _tag(f"policy: {disclosure.cls}", cls, "how the policy discloses this category")


def _data_map(result: Result, v: dict[str, _Vocab]) -> str:
    inv = result.inventory
    parts = ['<section id="data-map"><h2>Data map</h2>']
    if inv is None or not getattr(inv, "data", None):
        parts.append('<p class="empty">The inventory lists no data elements.</p></section>')
        return "".join(parts)
    parts.append(
        '<p class="lead">What the product collects, why, who receives it, where it is kept and for how long, '
        "as the inventory states it. The tag under each category says how the policy discloses it.</p>"
    )
    parts.append(
        '<table class="map"><colgroup><col class="c-el"><col class="c-cat"><col class="c-pur"><col class="c-rec"><col class="c-sto"><col class="c-ret"></colgroup>'
        '<thead><tr><th scope="col">Data element</th><th scope="col">Category</th><th scope="col">Purposes and legal basis</th>'
        '<th scope="col">Recipients</th><th scope="col">Stores</th><th scope="col">Retention</th></tr></thead><tbody>'
    )
    for element in inv.data:
        desc = f'<span class="desc">{esc(element.description, 300)}</span>' if element.description else ""
        facts = []
        if element.subjects:
            facts.append("subjects: " + ", ".join(esc(v["data_subject"].name(s)) for s in element.subjects))
        if element.identifiability:
            facts.append(esc(element.identifiability))
        if element.source:
            facts.append("source: " + esc(element.source))
        facts_html = f'<span class="facts">{"; ".join(facts)}</span>' if facts else ""
        at = element.loc
        where = f'<span class="where">{esc(at.path)}:{int(at.line)}</span>'
        cat = v["data_category"].label(element.category)
        if v["data_category"].sensitive(element.category):
            cat += " " + _tag("special category", "bad", "special-category data (GDPR Art. 9)")
        cat += " " + _disclosure_tags(result, v["data_category"], element)
        purposes = []
        for purpose in element.purposes:
            basis = element.basis_for(purpose)
            basis_html = _tag(basis, "basis", "legal basis") if basis else _tag("no legal basis", "unknown")
            purposes.append(f"<li>{v['data_use'].label(purpose)} {basis_html}</li>")
        recipients = [_recipient_line(inv.recipient(r), v, r) for r in element.recipients]
        stores = [_store_line(inv.store(s), s) for s in element.stores]
        if element.retention:
            retention = esc(element.retention.replace("_", " ") if element.retention in ("until_account_deletion", "until_purpose_fulfilled") else element.retention)
            if element.retention == "indefinite":
                retention = _tag("indefinite", "bad")
        else:
            retention = _tag("not stated", "unknown")
        parts.append(
            "<tr>"
            f'<th scope="row"><span class="id">{esc(element.id)}</span>{desc}{facts_html}{where}</th>'
            f"<td>{cat}</td>"
            f'<td><ul class="plain">{"".join(purposes) or "<li>" + _tag("none stated", "unknown") + "</li>"}</ul></td>'
            f'<td><ul class="plain">{"".join(recipients) or "<li class=none>none</li>"}</ul></td>'
            f'<td><ul class="plain">{"".join(stores) or "<li class=none>none stated</li>"}</ul></td>'
            f"<td>{retention}</td>"
            "</tr>"
        )
    parts.append("</tbody></table></section>")
    return "".join(parts)


def _cols(*widths: int) -> str:
    """Fixed column widths (percent): long values wrap inside their column."""
    return "<colgroup>" + "".join(f'<col style="width:{w}%">' for w in widths) + "</colgroup>"


def _sale(sale: bool | None) -> str:
    if sale is None:
        return _tag("not stated", "unknown")
    return _tag("sold", "bad") if sale else _tag("no", "ok")


def _recipients_table(result: Result, v: dict[str, _Vocab]) -> str:
    inv = result.inventory
    recipients = getattr(inv, "recipients", None) or []
    if not recipients:
        return ""
    rows = []
    for r in recipients:
        receives = [d.id for d in inv.data_for_recipient(r.id)] + [f"cookie {c.name}" for c in inv.cookies if c.provider == r.id]
        transport = esc(r.transport) if r.transport else _tag("not stated", "unknown")
        if r.transport in UNENCRYPTED_TRANSPORTS:
            transport = _tag(r.transport, "bad", "unencrypted")
        agreement = esc(r.agreement) if r.agreement else _tag("not stated", "unknown")
        if r.agreement == "none":
            agreement = _tag("none", "warn")
        rows.append(
            "<tr>"
            f'<th scope="row"><span class="id">{esc(r.name or r.id)}</span><span class="where">{esc(r.id)}</span></th>'
            f"<td>{v['recipient_type'].label(r.type)}</td>"
            f"<td>{esc(r.role) if r.role else _tag('not stated', 'unknown')}</td>"
            f"<td>{esc(r.country) if r.country else _tag('not stated', 'unknown')}</td>"
            f"<td>{agreement}</td><td>{transport}</td>"
            f"<td>{_sale(r.sale)}</td>"
            f"<td>{', '.join(_code(x) for x in receives) or '—'}</td>"
            "</tr>"
        )
    return (
        '<section id="recipients"><h2>Recipients</h2><table class="grid">'
        + _cols(17, 17, 10, 9, 11, 11, 7, 18)
        + '<thead><tr><th scope="col">Recipient</th><th scope="col">Type</th><th scope="col">Role</th><th scope="col">Country</th>'
        '<th scope="col">Agreement</th><th scope="col">Transport</th><th scope="col">Sale</th><th scope="col">Receives</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></section>'
    )


def _stores_table(result: Result, v: dict[str, _Vocab]) -> str:
    inv = result.inventory
    stores = getattr(inv, "stores", None) or []
    if not stores:
        return ""
    rows = []
    for s in stores:
        holds = [d.id for d in inv.data_for_store(s.id)]
        access = esc(s.access) if s.access else _tag("not stated", "unknown")
        if s.access in BROAD_ACCESS:
            access = _tag(s.access.replace("_", " "), "bad")
        supports = ", ".join(esc(v["right"].name(x)) for x in s.supports) if s.supports else _tag("not stated", "unknown")
        rows.append(
            "<tr>"
            f'<th scope="row"><span class="id">{esc(s.id)}</span></th>'
            f"<td>{esc(s.kind) if s.kind else _tag('not stated', 'unknown')}</td>"
            f"<td>{esc(s.country) if s.country else _tag('not stated', 'unknown')}</td>"
            f"<td>{_yes_no(s.encrypted_at_rest)}</td><td>{_yes_no(s.backups)}</td>"
            f"<td>{access}</td><td>{supports}</td>"
            f"<td>{', '.join(_code(x) for x in holds) or '—'}</td>"
            "</tr>"
        )
    return (
        '<section id="stores"><h2>Stores</h2><table class="grid">'
        + _cols(14, 11, 9, 11, 10, 11, 16, 18)
        + '<thead><tr><th scope="col">Store</th><th scope="col">Kind</th><th scope="col">Country</th><th scope="col">Encrypted at rest</th>'
        '<th scope="col">Backups</th><th scope="col">Access</th><th scope="col">Rights it can serve</th><th scope="col">Holds</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></section>'
    )


def _cookie_purpose(result: Result, cookie) -> str | None:
    """The purpose the checks used: the inventory's, else the well-known cookie table's."""
    ctx = result.context
    if ctx is None:
        return cookie.purpose
    from policylint.checks.cookies import effective

    return effective(ctx, cookie).purpose


def _cookie_in_policy(result: Result, purpose: str, declared: list[str]) -> bool:
    """Whether the policy describes this cookie purpose, by the rule PL402 applies."""
    ctx = result.context
    if ctx is None:
        return purpose in declared
    from policylint.checks.cookies import purpose_covered

    return purpose_covered(ctx, purpose, set(declared))


def _cookies_table(result: Result, v: dict[str, _Vocab]) -> str:
    inv = result.inventory
    cookies = getattr(inv, "cookies", None) or []
    if not cookies:
        return ""
    declared = getattr(getattr(result.declarations, "cookies", None), "purposes", None)
    rows = []
    for c in cookies:
        purpose = _cookie_purpose(result, c)
        purpose_html = v["cookie_purpose"].label(purpose)
        if c.purpose is None and purpose:
            purpose_html += " " + _tag("inferred", "unknown", "from the table of well-known cookies")
        if declared is not None and purpose:
            if _cookie_in_policy(result, purpose, declared):
                purpose_html += " " + _tag("in the policy", "ok")
            else:
                purpose_html += " " + _tag("not in the policy", "bad")
        provider = inv.recipient(c.provider)
        provider_html = esc(provider.name or provider.id) if provider else (esc(c.provider) if c.provider else "—")
        consent = esc(c.consent.replace("_", " ")) if c.consent else _tag("not stated", "unknown")
        if c.consent == "none" or (c.consent == "not_required" and purpose not in (None, "essential")):
            consent = _tag(c.consent.replace("_", " "), "bad")
        rows.append(
            "<tr>"
            f'<th scope="row"><code>{esc(c.name)}</code></th>'
            f"<td>{esc(c.domain) if c.domain else '—'}</td>"
            f"<td>{esc(c.party) if c.party else _tag('not stated', 'unknown')}</td>"
            f"<td>{provider_html}</td>"
            f"<td>{purpose_html}</td>"
            f"<td>{v['technology'].label(c.technology) if c.technology else _tag('not stated', 'unknown')}</td>"
            f"<td>{esc(c.duration) if c.duration else _tag('not stated', 'unknown')}</td>"
            f"<td>{consent}</td>"
            "</tr>"
        )
    return (
        '<section id="cookies"><h2>Cookies and similar technologies</h2><table class="grid">'
        + _cols(14, 12, 7, 14, 19, 12, 10, 12)
        + '<thead><tr><th scope="col">Name</th><th scope="col">Domain</th><th scope="col">Party</th><th scope="col">Provider</th>'
        '<th scope="col">Purpose</th><th scope="col">Technology</th><th scope="col">Duration</th><th scope="col">Consent</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></section>'
    )


# --------------------------------------------------------------------------- declarations


def _entry_list(entries: list[tuple[str, str]]) -> str:
    """``[(html label, css class)]`` -> a compact list of covered entries."""
    return '<ul class="covers">' + "".join(f'<li class="{cls}">{label}</li>' for label, cls in entries) + "</ul>"


def _coverage_cell(covered: list[tuple[str, str]], stale_text: str = "Stale: covers no inventory entry") -> str:
    if covered:
        return _entry_list(covered)
    return _tag(stale_text, "stale")


def _stance_tag(stance: str, negative: bool) -> str:
    return _tag(stance.replace("_", " "), "neg" if negative else "pos")


def _declaration_rows(declarations, vocab: _Vocab, covers, says) -> str:
    rows = []
    for d in declarations:
        covered, note = covers(d)
        cond = f" {_tag(d.condition, 'basis', 'condition')}" if getattr(d, "condition", None) else ""
        names = f'<span class="names">named: {", ".join(esc(n) for n in d.names)}</span>' if getattr(d, "names", None) else ""
        if note:
            cell = _tag(note, "unknown")
        elif d.negative:
            cell = _entry_list(covered) if covered else _tag("no inventory entry contradicts it", "ok")
        else:
            cell = _coverage_cell(covered)
        stale = " stale" if not d.negative and not covered and not note else ""
        rows.append(
            f'<tr class="decl{stale}">'
            f'<th scope="row">{vocab.label(d.key)}{names}</th>'
            f"<td>{_stance_tag(d.stance, d.negative)}{cond}</td>"
            f'<td class="says">{says(d.evidence) or "—"}</td>'
            f"<td>{cell}</td>"
            "</tr>"
        )
    return "".join(rows)


def _decl_table(title: str, anchor: str, body: str, empty: str, covers_head: str = "Covers in the inventory") -> str:
    if not body:
        return f'<section class="decl-kind" id="{anchor}"><h3>{title}</h3><p class="empty">{empty}</p></section>'
    return (
        f'<section class="decl-kind" id="{anchor}"><h3>{title}</h3><table class="decls">'
        '<colgroup><col class="c-key"><col class="c-stance"><col class="c-says"><col class="c-covers"></colgroup>'
        f'<thead><tr><th scope="col">Declaration</th><th scope="col">Stance</th><th scope="col">The policy says</th><th scope="col">{covers_head}</th></tr></thead>'
        f"<tbody>{body}</tbody></table></section>"
    )


def _simple_table(title: str, anchor: str, rows: list[tuple[str, str, str, str]], covers_head: str = "Inventory entries") -> str:
    body = "".join(
        f'<tr><th scope="row">{a}</th><td>{b}</td><td class="says">{c or "—"}</td><td>{d}</td></tr>' for a, b, c, d in rows
    )
    return _decl_table(title, anchor, body, "", covers_head)


def _declarations(result: Result, v: dict[str, _Vocab], minor_age: int) -> str:
    decl = result.declarations
    parts = ['<section id="declarations"><h2>Policy declarations</h2>']
    if decl is None:
        parts.append('<p class="empty">No policy was read.</p></section>')
        return "".join(parts)
    inv = result.inventory
    data = list(getattr(inv, "data", None) or [])
    recipients = list(getattr(inv, "recipients", None) or [])
    stores = list(getattr(inv, "stores", None) or [])
    cookies = list(getattr(inv, "cookies", None) or [])
    audiences = list(getattr(inv, "audiences", None) or [])
    roots = _non_disclosing()
    multi = len(decl.paths or result.policy_paths) > 1

    def says(evidence) -> str:
        return _evidence_block(evidence, 1, DECL_QUOTE_LIMIT, show_path=multi)

    def item(name: str, cls: str, sub: str = "") -> tuple[str, str]:
        """An inventory entry in a coverage list: escaped name, optional escaped note."""
        return f'<span class="id">{esc(name)}</span>' + (f' <span class="sub">{esc(sub)}</span>' if sub else ""), cls

    parts.append(
        '<p class="lead">What the policy declares, with the sentence that declares it, and the inventory entries each '
        "declaration covers: a declaration of a term covers entries of that term (&#10003;, <em>clear</em>) and of "
        "narrower terms (~, <em>vague</em>); &#10007; marks an entry that contradicts the declaration. "
        "A declaration that covers nothing is <em>stale</em>.</p>"
    )

    # Data categories, purposes, recipient types: the taxonomy decides what a key covers.
    cat, use, rtype = v["data_category"], v["data_use"], v["recipient_type"]

    def cover_category(d):
        if d.key in roots:
            return [], "too broad: discloses nothing"
        covered = []
        for e in data:
            if cat.within(e.category, d.key):
                exact = e.category == d.key
                covered.append(item(e.id, "neg" if d.negative else ("clear" if exact else "vague"), "" if exact else cat.name(e.category)))
        if not covered and not d.negative:
            # Narrower than what is collected: it names a part of it, so it is not stale.
            covered = [item(e.id, "vague", f"part of {cat.name(e.category)}") for e in data if cat.within(d.key, e.category) and e.category not in roots]
        return covered, ""

    def cover_purpose(d):
        covered = []
        for e in data:
            hits = [p for p in e.purposes if use.within(p, d.key)]
            if hits:
                exact = d.key in hits
                sub = "" if exact else ", ".join(use.name(p) for p in hits)
                covered.append(item(e.id, "neg" if d.negative else ("clear" if exact else "vague"), sub))
        return covered, ""

    def cover_recipient(d):
        covered = []
        for r in recipients:
            if rtype.within(r.type, d.key):
                exact = r.type == d.key
                covered.append(item(r.name or r.id, "neg" if d.negative else ("clear" if exact else "vague"), "" if exact else rtype.name(r.type)))
        return covered, ""

    for title, anchor, declared, vocab, covers, empty in (
        ("Data categories", "decl-categories", decl.data_categories, cat, cover_category, "The policy declares no data categories."),
        ("Purposes", "decl-purposes", decl.purposes, use, cover_purpose, "The policy declares no purposes."),
        ("Recipients", "decl-recipients", decl.recipients, rtype, cover_recipient, "The policy declares no recipients."),
    ):
        parts.append(_decl_table(title, anchor, _declaration_rows(declared, vocab, covers, says), empty))

    # Cookies
    ck = decl.cookies
    stance = _tag("mentioned", "pos") if ck.mentioned else _tag("not mentioned", "silent")
    stance += " " + (_tag("user control described", "pos") if ck.user_control else _tag("no user control described", "silent"))
    names = [(_code(c.name), "clear" if ck.mentioned else "neg") for c in cookies]
    rows = [("Cookies", stance, says(ck.evidence), _entry_list(names) if names else "no cookies in the inventory")]
    cpv, tech = v["cookie_purpose"], v["technology"]
    for purpose in ck.purposes:
        purposes = {id(c): _cookie_purpose(result, c) for c in cookies}
        hits = [(_code(c.name), "clear" if purposes[id(c)] == purpose else "vague") for c in cookies if cpv.within(purposes[id(c)], purpose)]
        rows.append((f"Purpose: {cpv.label(purpose)}", _tag("uses", "pos"), says(ck.purpose_evidence.get(purpose, [])), _coverage_cell(hits)))
    for technology in ck.technologies:
        hits = [(_code(c.name), "clear") for c in cookies if tech.within(c.technology, technology)]
        rows.append((f"Technology: {tech.label(technology)}", _tag("uses", "pos"), says(ck.technology_evidence.get(technology, [])), _coverage_cell(hits)))
    parts.append(_simple_table("Cookies and similar technologies", "decl-cookies", rows, "Covers in the inventory"))

    # Children: an audience or data about children contradicts "not directed to minors".
    ch = decl.children
    age = ch.age or minor_age
    excludes = ch.stance == "not_directed"
    entries = []
    for audience in audiences:
        bits, young = [], False
        if audience.minimum_age is not None:
            bits.append(f"minimum age {int(audience.minimum_age)}")
            young = audience.minimum_age < age
        if audience.age_gate:
            bits.append(f"age gate: {audience.age_gate}")
        if audience.directed_to_children:
            bits.append("directed to children")
            young = True
        if bits:
            entries.append(item("audience", "neg" if excludes and young else "clear", ", ".join(bits)))
    for e in data:
        if "child" in (e.subjects or []) or cat.within(e.category, "user.childrens"):
            entries.append(item(e.id, "neg" if excludes else "clear", "data about children"))
    label = ch.stance.replace("_", " ") + (f" (under {int(ch.age)})" if ch.age else "")
    stance = _tag(label, "silent" if ch.stance == "silent" else "pos")
    parts.append(_simple_table("Children", "decl-children", [("Children", stance, says(ch.evidence), _entry_list(entries) if entries else "—")], "Audience and children's data"))

    # Sale: a recipient that buys data is covered only when the policy says it sells.
    sale = decl.sale
    sold = [item(r.name or r.id, "clear" if sale.stance == "sells" else "neg") for r in recipients if r.sale]
    stance = _tag(sale.stance.replace("_", " "), "silent" if sale.stance == "silent" else "pos")
    parts.append(_simple_table("Sale", "decl-sale", [("Sale of personal data", stance, says(sale.evidence), _entry_list(sold) if sold else "no recipient buys data")], "Recipients with <code>sale: true</code>"))

    # Security promises and rights: the inventory fields they apply to.
    rows = [(v["security_measure"].label(p.key), _tag("promised", "pos"), says(p.evidence), _security_cover(p.key, recipients, stores)) for p in decl.security]
    parts.append(_simple_table("Security", "decl-security", rows, "Inventory entries it applies to") if rows else _decl_table("Security", "decl-security", "", "The policy promises no security measures."))
    rows = [(v["right"].label(p.key), _tag("promised", "pos"), says(p.evidence), _rights_cover(p.key, stores, inv)) for p in decl.rights]
    parts.append(_simple_table("Rights", "decl-rights", rows, "Stores") if rows else _decl_table("Rights", "decl-rights", "", "The policy promises no rights."))

    # Retention
    ret = decl.retention
    limited = ret.stance in ("limited", "stated_period")
    entries = []
    for e in data:
        if e.retention == "indefinite":
            entries.append(item(e.id, "neg" if limited else "plain", "indefinite"))
        elif e.retention:
            entries.append(item(e.id, "clear" if limited else "plain", e.retention))
        else:
            entries.append(item(e.id, "unknown", "not stated"))
    stance = _tag(ret.stance.replace("_", " "), "silent" if ret.stance == "silent" else "pos")
    rows = [("Retention", stance, says(ret.evidence), _entry_list(entries) if entries else "—")]
    for period in ret.periods:
        scope = cat.label(period.category) if period.category else "all data"
        covered = []
        for e in data:
            if period.category is None or cat.within(e.category, period.category):
                too_long = e.retention == "indefinite" or (e.retention_days is not None and e.retention_days > period.days)
                covered.append(item(e.id, "neg" if too_long else "clear", e.retention or "not stated"))
        rows.append((f"Period {_code(period.duration)} for {scope}", _tag("stated period", "pos"), says(period.evidence), _coverage_cell(covered)))
    parts.append(_simple_table("Retention", "decl-retention", rows, "Data elements"))

    # International transfers: where recipients and stores are (the policy's home is not recorded).
    tr = decl.international_transfers
    cls = "clear" if tr.stance == "disclosed" else "plain"
    places = [item(r.name or r.id, cls, r.country) for r in recipients if r.country]
    places += [item(s.id, cls, s.country) for s in stores if s.country]
    stance = _tag(tr.stance, "pos" if tr.stance == "disclosed" else "silent")
    parts.append(_simple_table("International transfers", "decl-transfers", [("International transfers", stance, says(tr.evidence), _entry_list(places) if places else "—")], "Recipients and stores by country"))

    # Placeholders and contact
    if decl.placeholders:
        items = "".join(f'<li>{_code(p.text, 200)} <span class="sub">{esc(p.path)}, line {int(p.line)}</span></li>' for p in decl.placeholders)
        parts.append(f'<section class="decl-kind" id="decl-placeholders"><h3>Template placeholders left in the policy</h3><ul class="plain list">{items}</ul></section>')
    contact = getattr(decl, "contact", None) or []
    if contact:
        parts.append(f'<section class="decl-kind" id="decl-contact"><h3>Contact</h3>{_evidence_block(contact, 2, DECL_QUOTE_LIMIT, show_path=multi)}</section>')
    parts.append("</section>")
    return "".join(parts)


def _rights_cover(key: str, stores, inv) -> str:
    if key not in STORE_RIGHTS:
        return '<span class="na">not recorded in the inventory</span>'
    entries = []
    for s in stores:
        if s.supports is None:
            entries.append((f'<span class="id">{esc(s.id)}</span> <span class="sub">not stated</span>', "unknown"))
        elif key in s.supports:
            entries.append((f'<span class="id">{esc(s.id)}</span> <span class="sub">can serve it</span>', "clear"))
        elif any(d.identifiability in (None, "identified", "pseudonymous") for d in inv.data_for_store(s.id)):
            entries.append((f'<span class="id">{esc(s.id)}</span> <span class="sub">cannot serve it</span>', "neg"))
    return _entry_list(entries) if entries else "—"


def _security_cover(key: str, recipients, stores) -> str:
    entries = []
    if key in ("encryption_in_transit", "encryption"):
        for r in recipients:
            cls = "clear" if r.transport in ENCRYPTED_TRANSPORTS else ("neg" if r.transport in UNENCRYPTED_TRANSPORTS else "unknown")
            entries.append((f'<span class="id">{esc(r.name or r.id)}</span> <span class="sub">transport: {esc(r.transport or "not stated")}</span>', cls))
    if key in ("encryption_at_rest", "encryption"):
        for s in stores:
            cls = {True: "clear", False: "neg", None: "unknown"}[s.encrypted_at_rest]
            state = {True: "encrypted", False: "not encrypted", None: "not stated"}[s.encrypted_at_rest]
            entries.append((f'<span class="id">{esc(s.id)}</span> <span class="sub">{state}</span>', cls))
    if key == "backups":
        for s in stores:
            cls = {True: "clear", False: "neg", None: "unknown"}[s.backups]
            state = {True: "backed up", False: "no backups", None: "not stated"}[s.backups]
            entries.append((f'<span class="id">{esc(s.id)}</span> <span class="sub">{state}</span>', cls))
    if key in ("access_control", "least_privilege"):
        for s in stores:
            cls = "clear" if s.access in NARROW_ACCESS else ("neg" if s.access in BROAD_ACCESS else "unknown")
            entries.append((f'<span class="id">{esc(s.id)}</span> <span class="sub">access: {esc((s.access or "not stated").replace("_", " "))}</span>', cls))
    if not entries:
        return '<span class="na">not recorded in the inventory</span>'
    return _entry_list(entries)


# --------------------------------------------------------------------------- page

CSS = """
:root{--fg:#1b2330;--muted:#566170;--line:#d9dee6;--soft:#f5f7fa;--accent:#1f3f66;
--err:#a3161a;--err-bg:#fdecec;--err-line:#d33a3a;--warn:#7a4600;--warn-bg:#fff3db;--warn-line:#d8961a;
--info:#0b4d87;--info-bg:#e6f0fa;--info-line:#3f86c8;--ok:#1b6631;--ok-bg:#e5f3e9;--stale:#5b3d8a;--stale-bg:#f0eaf9}
*{box-sizing:border-box}
html{font-size:15px;-webkit-text-size-adjust:100%}
body{margin:0;color:var(--fg);background:#fff;line-height:1.5;overflow-wrap:anywhere;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","DejaVu Sans",sans-serif}
.page{max-width:1200px;margin:0 auto;padding:2rem 2.25rem 4rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.86em;
background:var(--soft);border:1px solid #e4e8ee;border-radius:3px;padding:0 .25em;overflow-wrap:anywhere}
h1,h2,h3,h4{line-height:1.25;margin:0}
h2{font-size:1.45rem;margin:2.6rem 0 1rem;padding-bottom:.35rem;border-bottom:2px solid var(--accent);color:var(--accent)}
h3{font-size:1.1rem;margin:1.6rem 0 .6rem}
h4{font-size:.78rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin-bottom:.35rem}
p{margin:.35rem 0}
ul.plain{list-style:none;margin:0;padding:0}
ul.plain li+li{margin-top:.3rem}
.lead{color:var(--muted);max-width:70rem}
.empty{color:var(--muted);font-style:italic}
.masthead{border-bottom:1px solid var(--line);padding-bottom:1.2rem}
.eyebrow{text-transform:uppercase;letter-spacing:.08em;font-size:.78rem;color:var(--muted);margin:0 0 .3rem}
h1{font-size:2rem;color:var(--accent)}
.verdict{margin:.8rem 0 1rem;padding:.6rem .9rem;border-radius:6px;border-left:5px solid;font-size:1.02rem}
.verdict.fail{background:var(--err-bg);border-color:var(--err-line)}
.verdict.warn{background:var(--warn-bg);border-color:var(--warn-line)}
.verdict.pass{background:var(--ok-bg);border-color:var(--ok)}
.meta{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:.8rem 2rem;margin:0}
.meta div{min-width:0}
.meta dt{font-size:.75rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.meta dd{margin:.15rem 0 0}
.meta .sha{font-size:.85rem;color:var(--muted)}
.meta .sha code{font-size:.78rem}
.toc{margin:1.2rem 0 0}
.toc ol{display:flex;flex-wrap:wrap;gap:.4rem 1.4rem;list-style:none;margin:0;padding:0}
.toc a{color:var(--accent);text-decoration:none;border-bottom:1px solid #9fb3cc}
.cards{display:grid;grid-template-columns:repeat(5,minmax(0,1fr));gap:.8rem}
.card{border:1px solid var(--line);border-top:5px solid var(--line);border-radius:6px;padding:.7rem .9rem;background:#fff}
.card .count{display:block;font-size:2rem;font-weight:700;line-height:1.1}
.card .what{color:var(--muted);font-size:.9rem}
.card.error{border-top-color:var(--err-line)}.card.error .count{color:var(--err)}
.card.warning{border-top-color:var(--warn-line)}.card.warning .count{color:var(--warn)}
.card.info{border-top-color:var(--info-line)}.card.info .count{color:var(--info)}
.card.muted .count{color:var(--muted)}
.cols{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,2fr);gap:2rem;align-items:start}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;vertical-align:top;padding:.5rem .6rem;border-bottom:1px solid var(--line)}
thead th{font-size:.8rem;font-weight:600;color:#3f4a58;border-bottom:2px solid var(--line);background:var(--soft)}
tbody th{font-weight:600}
td,th{overflow-wrap:break-word}
.num{text-align:right;font-variant-numeric:tabular-nums}
.counts td.num{width:5.2rem}
.counts .total{font-weight:700}
.counts .about{display:block;font-weight:400;color:var(--muted);font-size:.85rem}
.rule{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-weight:700;margin-right:.35rem}
.file{margin-top:1.4rem}
.file-head{display:flex;flex-wrap:wrap;gap:.4rem .8rem;align-items:center;padding:.45rem .2rem;border-bottom:1px solid var(--line)}
.file-head code{font-size:.95rem}
.chips{display:inline-flex;gap:.35rem;flex-wrap:wrap}
.chip{font-size:.75rem;font-weight:600;border-radius:999px;padding:.05rem .55rem;border:1px solid}
.chip.error{color:var(--err);background:var(--err-bg);border-color:#f2b8b8}
.chip.warning{color:var(--warn);background:var(--warn-bg);border-color:#efd29a}
.chip.info{color:var(--info);background:var(--info-bg);border-color:#b6d0ec}
.finding{border:1px solid var(--line);border-left:5px solid var(--line);border-radius:6px;padding:.8rem 1rem .7rem;margin:.8rem 0;background:#fff;break-inside:avoid}
.finding.error{border-left-color:var(--err-line)}
.finding.warning{border-left-color:var(--warn-line)}
.finding.info{border-left-color:var(--info-line)}
.finding-head{display:flex;align-items:baseline;gap:.5rem;flex-wrap:wrap}
.finding-head .slug{color:var(--muted)}
.finding-head .num-ref{margin-left:auto;color:var(--muted);font-size:.8rem}
.badge{font-size:.72rem;font-weight:700;text-transform:uppercase;letter-spacing:.05em;border-radius:4px;padding:.1rem .45rem}
.badge.error{background:var(--err);color:#fff}
.badge.warning{background:#f4c15d;color:#3d2600}
.badge.info{background:var(--info);color:#fff}
.message{font-size:1rem;margin:.45rem 0 .6rem;overflow-wrap:anywhere}
.note{color:var(--stale);font-style:italic}
.sides{display:grid;grid-template-columns:8.5rem minmax(0,1fr);gap:.45rem 1rem;margin:.2rem 0 0}
.sides dt{font-size:.72rem;font-weight:700;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);padding-top:.2rem}
.sides dd{margin:0;min-width:0}
.sides dt.fix{color:var(--ok)}
.pointer{color:var(--muted);font-size:.85rem}
.quote{margin:0}
.quote+.quote{margin-top:.6rem}
blockquote{margin:0;padding:.1rem 0 .1rem .8rem;border-left:3px solid #9fb3cc;font-style:italic;overflow-wrap:anywhere}
blockquote::before{content:"\\201C"}blockquote::after{content:"\\201D"}
figcaption{font-size:.8rem;color:var(--muted);margin:.25rem 0 0 .95rem;overflow-wrap:anywhere}
.more{font-size:.8rem;color:var(--muted);margin-left:.95rem}
.silent{margin:0}
.searched{display:flex;flex-wrap:wrap;gap:.1rem 1.1rem;list-style:none;margin:.2rem 0 0;padding:0;font-size:.85rem;color:var(--muted)}
.searched li{position:relative;min-width:0}
.searched li+li::before{content:"\\00B7";position:absolute;left:-.7rem}
.tag{display:inline-block;max-width:100%;font-size:.74rem;line-height:1.3;border-radius:4px;padding:.05rem .4rem;margin:.1rem 0;border:1px solid;font-style:normal}
.tag.ok,.tag.pos{color:var(--ok);background:var(--ok-bg);border-color:#b5dcc0}
.tag.bad,.tag.neg{color:var(--err);background:var(--err-bg);border-color:#f2b8b8}
.tag.warn{color:var(--warn);background:var(--warn-bg);border-color:#efd29a}
.tag.silent{color:#4a5462;background:#fff;border-color:#b9c1cc;border-style:dashed}
.tag.unknown{color:#4a5462;background:#eef1f5;border-color:#d3d9e1}
.tag.basis{color:var(--info);background:var(--info-bg);border-color:#b6d0ec}
.tag.country{color:#33404f;background:#fff;border-color:#c5ccd6;font-weight:600}
.tag.stale{color:var(--stale);background:var(--stale-bg);border-color:#d6c8ee;white-space:normal}
code.key{font-size:.76em;color:var(--muted);overflow-wrap:normal}
.id{font-weight:600;overflow-wrap:anywhere}
.desc,.facts,.where{display:block;font-weight:400;font-size:.82rem;color:var(--muted);overflow-wrap:anywhere}
.where{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.75rem}
.who{font-weight:600}
.sub{color:var(--muted);font-size:.85em}
.names{display:block;font-weight:400;font-size:.82rem;color:var(--muted)}
.na{color:var(--muted);font-style:italic;font-size:.85rem}
table.map,table.grid{table-layout:fixed}
thead th{overflow-wrap:normal;word-break:normal;hyphens:manual}
.map .c-el{width:16%}.map .c-cat{width:17%}.map .c-pur{width:21%}.map .c-rec{width:17%}.map .c-sto{width:17%}.map .c-ret{width:12%}
.map td li,.grid td{font-size:.88rem}
table.decls{table-layout:fixed}
.decls .c-key{width:22%}.decls .c-stance{width:12%}.decls .c-says{width:40%}.decls .c-covers{width:26%}
.decls .says blockquote{font-size:.88rem}
tr.stale th,tr.stale td{background:#fbf9fe}
ul.covers{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.2rem}
ul.covers li{padding-left:1.15rem;position:relative;font-size:.88rem}
ul.covers li::before{position:absolute;left:0;font-weight:700}
ul.covers li.clear::before{content:"\\2713";color:var(--ok)}
ul.covers li.vague::before{content:"~";color:var(--warn)}
ul.covers li.neg::before{content:"\\2717";color:var(--err)}
ul.covers li.unknown::before{content:"?";color:var(--muted)}
ul.covers li.plain::before{content:"\\2022";color:var(--muted)}
.list li{margin:.2rem 0}
footer{margin-top:3rem;padding-top:1rem;border-top:1px solid var(--line);color:var(--muted);font-size:.85rem}
@media (max-width:800px){.cards{grid-template-columns:repeat(2,minmax(0,1fr))}.cols,.sides{grid-template-columns:minmax(0,1fr)}.page{padding:1rem}}
@page{margin:14mm 12mm}
@media print{
html{font-size:10.5pt}
.page{max-width:none;padding:0}
.toc{display:none}
.cards{grid-template-columns:repeat(5,minmax(0,1fr));gap:.5rem}
.card{padding:.4rem .6rem}
.card .count{font-size:1.5rem}
.meta{grid-template-columns:repeat(2,minmax(0,1fr))}
h2{break-after:avoid;margin-top:1.6rem}
h3{break-after:avoid}
.finding,tr,figure{break-inside:avoid}
a{color:inherit;text-decoration:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""


def render(
    result: Result,
    *,
    date: str | None = None,
    title: str | None = None,
    show_suppressed: bool = False,
    baseline: str | None = None,
    taxonomy=None,
    minor_age: int = 18,
    **_,
) -> str:
    from policylint import registry

    rules = registry.all_rules()
    v = _vocabularies(taxonomy)
    product = getattr(result.inventory, "product", None)
    page_title = title or (f"Privacy audit: {product}" if product else "Privacy audit")
    sections = [
        ("summary", "Summary", _summary(result, rules)),
        ("findings", "Findings", _findings(result, show_suppressed, baseline)),
        ("data-map", "Data map", _data_map(result, v)),
        ("recipients", "Recipients", _recipients_table(result, v)),
        ("stores", "Stores", _stores_table(result, v)),
        ("cookies", "Cookies", _cookies_table(result, v)),
        ("declarations", "Policy declarations", _declarations(result, v, minor_age)),
    ]
    body = [
        _header(result, date, title),
        _nav([(anchor, label) for anchor, label, html in sections if html]),
        "<main>",
        *(html for _, _, html in sections if html),
        "</main>",
        f"<footer><p>Generated by policylint {esc(result.tool_version)}. Findings are sorted by file, line and rule; "
        "the same inputs give the same report.</p></footer>",
    ]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f'<meta name="generator" content="policylint {esc(result.tool_version)}">\n'
        f"<title>{esc(page_title)}</title>\n<style>{CSS}</style>\n</head>\n"
        '<body>\n<div class="page">\n' + "\n".join(body) + "\n</div>\n</body>\n</html>\n"
    )
