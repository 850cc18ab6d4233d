"""GitHub Actions workflow commands: one annotation per finding, on the inventory line.

``::error file=F,line=L,col=C,title=T::message`` (``warning`` for warnings, ``notice`` for
info). The message carries the finding, the policy sentence it rests on (or the sections
searched) and the fix, on separate lines of the annotation. Every command is one line of
output: in the message ``%``, CR and LF are percent-encoded; in properties ``:`` and ``,``
are too, so no value can end a property, end the command or start a new one. Control
characters other than CR and LF are written out (``\\x1b``), so ANSI escapes reach neither
the log nor the annotation. Inventory and policy text is folded to one line before it is
placed in a message; the message's own lines (finding, policy sentence, fix) are encoded.

``write_step_summary(result, path)`` appends the Markdown report (``markdown.render``) to
the job summary file; the caller passes ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

from policylint.engine import Result
from policylint.findings import Finding
from policylint.report import one_line, relative_path, shorten, visible

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
QUOTE_LIMIT = 300
MESSAGE_LIMIT = 1000


def escape_data(text: object) -> str:
    """The message part of a workflow command."""
    encoded = str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(encoded)


def escape_property(text: object) -> str:
    """A property value (file, title): the message escapes plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def message(finding: Finding) -> str:
    lines = [shorten(one_line(finding.message), MESSAGE_LIMIT)]
    for ev in finding.evidence[:2]:
        lines.append(f"Policy ({ev.short_place()}): “{shorten(one_line(ev.text), QUOTE_LIMIT)}”")
    if finding.searched:
        lines.append("The policy is silent; searched: " + shorten("; ".join(one_line(s) for s in finding.searched), 500))
    if finding.fix:
        lines.append("Fix: " + shorten(one_line(finding.fix), MESSAGE_LIMIT))
    return "\n".join(lines)


def command(finding: Finding, root: str | None = None) -> str:
    loc = finding.location
    props = [f"file={escape_property(relative_path(loc.path, root))}"]
    if loc.line and loc.line > 0:
        props.append(f"line={loc.line}")
        if loc.column and loc.column > 0:
            props.append(f"col={loc.column}")
    props.append(f"title={escape_property(f'{finding.code} {one_line(finding.slug)}')}")
    return f"::{COMMANDS.get(finding.severity, 'warning')} {','.join(props)}::{escape_data(message(finding))}"


def render(result: Result, *, root: str | None = None, **_) -> str:
    lines = [command(finding, root) for finding in result.findings]
    s = result.summary()
    tail = f"policylint: {s['error']} error(s), {s['warning']} warning(s), {s['info']} info"
    extra = [f"{s['suppressed']} suppressed"] if s["suppressed"] else []
    extra += [f"{s['baselined']} in the baseline"] if s["baselined"] else []
    lines.append(tail + (f" ({', '.join(extra)})" if extra else ""))
    return "\n".join(lines) + "\n"


def write_step_summary(result: Result, path: str | None, **options) -> bool:
    """Append the Markdown report to the job summary file ``path`` (``$GITHUB_STEP_SUMMARY``).

    Returns False, writing nothing, when no path is given (not running in GitHub Actions)."""
    if not path:
        return False
    from policylint.report import markdown

    text = markdown.render(result, **options)
    with open(path, "a", encoding="utf-8", newline="\n") as handle:
        handle.write(text + "\n")
    return True
