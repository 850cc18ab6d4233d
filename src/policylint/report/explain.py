"""``policylint explain``: a rule's documentation, readable in a terminal."""

from __future__ import annotations

from policylint.registry import Rule


def reflow(text: str) -> str:
    """Join the hard-wrapped lines of each paragraph so the terminal can wrap them.

    Blank lines separate paragraphs; lines starting with ``-`` or ``*`` start list items;
    indented lines (code) are kept as they are.
    """
    out: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        starts_item = stripped[:2] in ("- ", "* ")
        if not stripped or line.startswith("  ") or not out or not out[-1] or starts_item:
            out.append(line.rstrip() if line.startswith("  ") else stripped)
        else:
            out[-1] = f"{out[-1]} {stripped}"
    return "\n".join(out)


def render_rule(rule: Rule, console) -> None:
    from rich.markup import escape
    from rich.padding import Padding
    from rich.syntax import Syntax

    console.print(f"[bold]{rule.code} {rule.slug}[/]  [dim]default severity: {rule.severity}[/]")
    console.print(escape(rule.summary))
    for title, body in (("What it checks", rule.what), ("Why it matters", rule.why)):
        console.print(f"\n[bold underline]{title}[/]")
        console.print(Padding(escape(reflow(body)), (0, 0, 0, 2)))
    for example in rule.examples:
        verdict = "fails" if example.kind == "fail" else "passes"
        console.print(f"\n[bold underline]Example that {verdict}: {escape(example.name)}[/]")
        console.print(Padding(Syntax(example.inventory.rstrip(), "yaml", theme="ansi_dark", background_color="default"), (0, 0, 0, 2)))
        if example.policy:
            console.print("  [dim]policy:[/]")
            console.print(Padding(escape(example.policy.rstrip()), (0, 0, 0, 4)))
    console.print("\n[bold underline]How to fix it[/]")
    console.print(Padding(escape(reflow(rule.fix)), (0, 0, 0, 2)))
    if rule.references:
        console.print("\n[bold underline]References[/]")
        for ref in rule.references:
            console.print(f"  - {escape(ref)}")


def rules_markdown(rules) -> str:
    """The rule table for the README, generated from the rule documentation."""
    lines = ["| code | slug | default | what it checks |", "|---|---|---|---|"]
    for rule in rules:
        summary = rule.summary.replace("|", "\\|")
        lines.append(f"| {rule.code} | `{rule.slug}` | {rule.severity} | {summary} |")
    return "\n".join(lines) + "\n"
