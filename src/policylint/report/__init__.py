"""Report formats: each module turns a run's ``Result`` into text, and reads nothing else.

``render(name, result, **options)`` imports the format's module only when it is used, so
that a pre-commit run printing text never pays for the HTML or SARIF writers. Every format
is deterministic (the same result gives the same bytes) and treats inventory and policy
text as hostile: it is escaped for the format it lands in.

Options a caller may pass (each format takes those it understands and ignores the rest):

- ``show_suppressed``: also report suppressed and baselined findings (text, junit,
  markdown, html; SARIF always carries them, marked with ``suppressions``).
- ``root``: the folder paths are made relative to (default: the working directory);
  sarif, github, gitlab, markdown, html.
- ``date``: a date to print in the HTML report header (omitted when not given).
- ``baseline``: the baseline file's name, quoted in SARIF suppressions.
"""

from __future__ import annotations

import os
import re
from importlib import import_module

FORMATS = {
    "text": "policylint.report.text",
    "json": "policylint.report.json",
    "sarif": "policylint.report.sarif",
    "junit": "policylint.report.junit",
    "github": "policylint.report.github",
    "markdown": "policylint.report.markdown",
    "gitlab": "policylint.report.gitlab",
    "html": "policylint.report.html",
}


# Options of renderers that pass ``**kwargs`` on (so they cannot be read off the signature).
_FORWARDED = {"text": ("show_suppressed", "statistics", "quiet")}


def render(name: str, result, **options) -> str:
    """Render ``result`` in format ``name``; options a format does not take are left out."""
    try:
        module_name = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format `{name}`; choose one of: {', '.join(FORMATS)}") from None
    func = import_module(module_name).render
    if name in _FORWARDED:
        options = {k: v for k, v in options.items() if k in _FORWARDED[name]}
    else:
        code = func.__code__
        if not code.co_flags & 0x08:  # CO_VARKEYWORDS: the renderer takes no **kwargs
            accepted = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
            options = {k: v for k, v in options.items() if k in accepted}
    return func(result, **options)


# Characters that must never reach a report as themselves: C0/C1 controls (ANSI escapes,
# NUL, carriage return), Unicode line/paragraph separators, bidirectional overrides and
# isolates (they reorder what a reader sees), lone surrogates and non-characters.
# Tab and newline are kept; each format decides what a newline becomes.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ufeff\ufffe\uffff\ud800-\udfff]"
)


def _show(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: object) -> str:
    """``text`` with control and direction-changing characters written out (``\\x1b``)."""
    return _INVISIBLE.sub(_show, str(text))


def one_line(text: object) -> str:
    """:func:`visible`, with every run of whitespace (newlines included) folded to one space."""
    return " ".join(visible(text).split())


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def relative_path(path: str, root: str | None = None) -> str:
    """``path`` relative to ``root`` (default: the working directory) with forward slashes,
    when the file lies under it; otherwise the absolute path, with forward slashes."""
    root = os.path.abspath(root or os.getcwd())
    absolute = os.path.abspath(os.path.join(root, path))
    try:
        rel = os.path.relpath(absolute, root)
    except ValueError:  # another drive (Windows)
        rel = os.pardir
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return absolute.replace(os.sep, "/")
    return rel.replace(os.sep, "/")


def suppression_of(result, finding, baseline: str | None = None) -> tuple[str, str]:
    """How a finding left the report: ``("inSource", reason)`` for an inline
    ``# policylint: ignore[...]`` comment (the engine records which one matched),
    ``("external", reason)`` for a baseline entry or the configuration."""
    if any(f is finding for f in getattr(result, "baselined", ())):
        where = f" ({baseline})" if baseline else ""
        return "external", f"accepted in the baseline{where}"
    reasons = getattr(result, "suppression_reasons", None) or {}
    if id(finding) in reasons:
        return "inSource", reasons[id(finding)] or "inline suppression (no reason given)"
    return "external", "suppressed by the configuration"
