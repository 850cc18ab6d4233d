"""Human output: findings grouped by file, each with the policy sentence quoted under it.

Inventory and policy text is escaped before it reaches rich, so ``[bold]`` in a description
prints as written; control characters (ANSI escapes) are made visible instead of reaching
the terminal.
"""

from __future__ import annotations

from itertools import groupby

from policylint.engine import Result
from policylint.report import visible

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def clean(text: str) -> str:
    """Make control and direction characters visible (``\\x1b``), then escape rich markup."""
    from rich.markup import escape

    return escape(visible(text))


def _quote(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_to(result: Result, console, *, show_suppressed: bool = False, statistics: bool = False, quiet: bool = False) -> None:
    findings = list(result.findings)
    if show_suppressed:
        findings = sorted(findings + list(result.suppressed), key=lambda f: f.sort_key())
    suppressed_ids = {id(f) for f in result.suppressed}
    if not quiet:
        for path, group in groupby(findings, key=lambda f: f.location.path):
            console.print(f"[bold underline]{clean(path)}[/]")
            for f in group:
                loc = f.location
                tag = " [dim](suppressed)[/]" if id(f) in suppressed_ids else ""
                console.print(
                    f"  {loc.line}:{loc.column}  [{_STYLE[f.severity]}]{f.severity:<7}[/] "
                    f"[bold]{f.code}[/] {clean(f.message)} [dim]({f.slug})[/]{tag}",
                    highlight=False,
                    soft_wrap=True,
                )
                for ev in f.evidence[:2]:
                    console.print(
                        f"      [dim]policy {clean(ev.path)}:{ev.line} {clean(ev.section)}[/]\n"
                        f"      [italic]“{clean(_quote(ev.text))}”[/]",
                        highlight=False,
                        soft_wrap=True,
                    )
                if f.searched:
                    sections = "; ".join(f.searched[:6]) + (" …" if len(f.searched) > 6 else "")
                    console.print(f"      [dim]policy is silent; searched: {clean(sections)}[/]", highlight=False, soft_wrap=True)
                if f.fix:
                    console.print(f"      [green]fix:[/] {clean(f.fix)}", highlight=False, soft_wrap=True)
            console.print()
    if statistics:
        counts: dict[tuple[str, str], int] = {}
        for f in result.findings:
            counts[(f.code, f.slug)] = counts.get((f.code, f.slug), 0) + 1
        for (code, slug), n in sorted(counts.items()):
            console.print(f"{n:>5}  {code}  {slug}", highlight=False)
        console.print()
    s = result.summary()
    total = s["error"] + s["warning"] + s["info"]
    parts = [f"[{_STYLE['error']}]{s['error']} error(s)[/]", f"[{_STYLE['warning']}]{s['warning']} warning(s)[/]", f"[{_STYLE['info']}]{s['info']} info[/]"]
    extra = []
    if s["suppressed"]:
        extra.append(f"{s['suppressed']} suppressed")
    if s["baselined"]:
        extra.append(f"{s['baselined']} in baseline")
    head = "No findings." if total == 0 else f"{total} finding(s):"
    console.print(f"{head} {', '.join(parts)}" + (f" ({', '.join(extra)})" if extra else ""), highlight=False)


def render(result: Result, **kwargs) -> str:
    """Plain text (no colour), for writing to a file."""
    from io import StringIO

    from rich.console import Console

    buffer = StringIO()
    console = Console(file=buffer, color_system=None, width=120, highlight=False, emoji=False)
    render_to(result, console, **kwargs)
    return buffer.getvalue()
