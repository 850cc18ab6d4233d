"""A Markdown pull-request comment (and GitHub job summary).

A heading with the counts, a table of findings (severity, rule, ``path:line``, message),
then one collapsed ``<details>`` block per finding with the policy sentences it rests on
quoted (or the sections searched when the policy is silent) and the fix. The first line is
an HTML comment marker a CI job can look for to update its earlier comment in place.

Inventory and policy text is hostile: every value is folded to one line, control
characters are written out, ``& < >`` become entities, Markdown punctuation
(``| * _ ` [ ] ( ) # ~ ...``) takes a backslash, and ``@name``, ``#123``, URLs and
``www.`` are broken with a zero-width space, so a value cannot end a table cell, open an
HTML tag, forge a link or notify a person. The comment stays under GitHub's 65,536
character limit: details, then rows, are left out past ``max_length`` with a note saying so.
"""

from __future__ import annotations

import html
import re

from policylint.engine import Result
from policylint.findings import Finding
from policylint.report import one_line, shorten, suppression_of

MARKER = "<!-- policylint-report -->"
MAX_LENGTH = 60000
ICONS = {"error": "🔴", "warning": "🟠", "info": "🔵"}
ZWSP = "&#8203;"
_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-!|~])")
_AUTOLINK = re.compile(r"(?i)(@|#(?=\d)|:(?=//)|\bwww(?=\.))")


def _break_links(text: str) -> str:
    """``@team`` -> ``@&#8203;team`` (likewise ``#12``, ``https://``, ``www.``)."""
    return _AUTOLINK.sub(lambda m: m.group(1) + ZWSP, text)


def _inert(text: str) -> str:
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = _PUNCT.sub(r"\\\1", out)
    return _break_links(out)


def md_escape(text: object, limit: int | None = None) -> str:
    """One line of inert Markdown: shows as written, inside a table cell or a quote."""
    out = one_line(text)
    if limit:
        out = shorten(out, limit)
    return _inert(out)


def html_escape(text: object, limit: int | None = None) -> str:
    """One line of inert text for raw HTML (``<summary>``), where Markdown is not read."""
    out = one_line(text)
    if limit:
        out = shorten(out, limit)
    return _break_links(html.escape(out, quote=True))


def code_span(text: object, limit: int | None = None) -> str:
    """Inline code that holds any text: a fence longer than any backtick run inside it."""
    out = one_line(text)
    if limit:
        out = shorten(out, limit)
    out = out.replace("|", "\\|")  # a table cell ends at an unescaped pipe, even in code
    longest = max((len(run) for run in re.findall(r"`+", out)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if out.startswith("`") or out.endswith("`") or not out.strip() else ""
    return f"{fence}{pad}{out}{pad}{fence}"


def md_prose(text: object, limit: int | None = None) -> str:
    """Like :func:`md_escape`, but a message's `backticked` names become code spans."""
    out = one_line(text)
    if limit:
        out = shorten(out, limit)
    pieces = out.split("`")
    if len(pieces) % 2 == 0:  # an unpaired backtick: keep it as text
        pieces[-2:] = [pieces[-2] + "`" + pieces[-1]]
    return "".join(code_span(piece) if i % 2 else _inert(piece) for i, piece in enumerate(pieces) if piece or not i % 2)


def _place(finding: Finding) -> str:
    return f"{finding.location.path}:{finding.location.line}"


def _counts(result: Result) -> str:
    s = result.summary()
    parts = [f"{s['error']} error{'s' if s['error'] != 1 else ''}", f"{s['warning']} warning{'s' if s['warning'] != 1 else ''}", f"{s['info']} info"]
    extra = []
    if s["suppressed"]:
        extra.append(f"{s['suppressed']} suppressed")
    if s["baselined"]:
        extra.append(f"{s['baselined']} in the baseline")
    return ", ".join(parts) + (f" ({', '.join(extra)})" if extra else "")


def _details(number: int, finding: Finding, note: str = "") -> str:
    summary = html_escape(f"{number}. {finding.code} {finding.slug} at {_place(finding)}{' ' + note if note else ''}", 300)
    lines = ["<details>", f"<summary>{summary}</summary>", ""]
    lines.append(md_prose(finding.message, 1000))
    lines.append("")
    for ev in finding.evidence[:3]:
        cite = f"{ev.section}, line {ev.line}" if ev.section else f"line {ev.line}"
        lines.append(f"> **Policy** {code_span(ev.path, 200)}, {md_escape(cite, 300)}:")
        lines.append(">")
        lines.append(f"> “{md_escape(ev.text, 600)}”")
        lines.append("")
    if len(finding.evidence) > 3:
        lines.append(f"_and {len(finding.evidence) - 3} more policy sentences_")
        lines.append("")
    if finding.searched:
        searched = "; ".join(one_line(s) for s in finding.searched)
        lines.append(f"**The policy is silent.** Sections searched: {md_escape(searched, 800)}")
        lines.append("")
    if finding.fix:
        lines.append(f"**Fix:** {md_prose(finding.fix, 600)}")
        lines.append("")
    lines.append("</details>")
    lines.append("")
    return "\n".join(lines)


def render(
    result: Result,
    *,
    show_suppressed: bool = False,
    max_length: int = MAX_LENGTH,
    title: str = "policylint",
    baseline: str | None = None,
    **_,
) -> str:
    suppressed = (list(result.suppressed) + list(result.baselined)) if show_suppressed else []
    suppressed_ids = {id(f) for f in suppressed}
    findings = sorted(list(result.findings) + suppressed, key=Finding.sort_key)
    s = result.summary()
    mark = "❌" if s["error"] else ("⚠️" if s["warning"] else "✅")
    head = [MARKER, f"## {mark} {md_escape(title)}: {_counts(result)}", ""]
    inventories = ", ".join(code_span(p, 200) for p in result.inventories)
    if result.policy_paths:
        policy = ", ".join(code_span(p, 200) for p in result.policy_paths)
        head += [f"Policy {policy} checked against {inventories or 'no inventory'}.", ""]
    elif inventories:
        head += [f"Inventory {inventories} checked (no policy given).", ""]
    if not findings:
        head.append("No findings: the inventory and the policy agree.")
        return "\n".join(head).rstrip("\n") + "\n"

    rows = ["| # | Severity | Rule | Location | Message |", "|---:|---|---|---|---|"]
    notes = {}
    for number, finding in enumerate(findings, start=1):
        note = ""
        if id(finding) in suppressed_ids:
            _, reason = suppression_of(result, finding, baseline)
            note = f"(suppressed: {one_line(reason)})"
        notes[number] = note
        rows.append(
            f"| {number} | {ICONS.get(finding.severity, '')} {finding.severity} | "
            f"{md_escape(finding.code)} {md_escape(finding.slug)} | {code_span(_place(finding), 200)} | "
            f"{md_prose(finding.message, 300)}{' ' + md_escape(note) if note else ''} |"
        )
    details = [_details(n, f, notes[n]) for n, f in enumerate(findings, start=1)]

    body = "\n".join(head) + "\n"
    budget = max_length - len(body) - 400
    table = ""
    kept_rows = 0
    for row in rows:
        if len(table) + len(row) + 1 > budget and kept_rows > 2:
            break
        table += row + "\n"
        kept_rows += 1
    shown = kept_rows - 2
    text = body + table
    if shown < len(findings):
        text += f"\n_{len(findings) - shown} more findings are left out to keep this comment short; see the full report._\n"
        return text
    text += "\n### Evidence\n\n"
    left = 0
    for n, block in enumerate(details):
        if len(text) + len(block) > max_length - 200:
            left = len(details) - n
            break
        text += block + "\n"
    if left:
        text += f"_Evidence for {left} more findings is left out to keep this comment short; see the full report._\n"
    return text.rstrip("\n") + "\n"
