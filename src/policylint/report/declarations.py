"""`policylint extract` as text: one table per kind of declaration, each row with its place.

Policy text is data, never markup: every string that comes from a policy (evidence, section
headings, vendor names, placeholders) is escaped before rich sees it.
"""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table

from policylint.findings import Evidence
from policylint.policy.model import Declarations


def _where(evidence: list[Evidence], limit: int = 3) -> str:
    """``file:line  section`` per evidence (the first few), escaped."""
    if not evidence:
        return "[dim]-[/dim]"
    lines = [escape(f"{e.path}:{e.line}  {e.section}".rstrip()) for e in evidence[:limit]]
    if len(evidence) > limit:
        lines.append(f"[dim](+{len(evidence) - limit} more)[/dim]")
    return "\n".join(lines)


def _table(title: str, *columns: str) -> Table:
    table = Table(title=escape(title), title_justify="left", show_lines=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _stance(stance: str) -> str:
    negative = stance.startswith("does_not") or stance in ("silent",)
    return f"[red]{escape(stance)}[/red]" if stance.startswith("does_not") else (f"[dim]{escape(stance)}[/dim]" if negative else escape(stance))


def render_text(decl: Declarations, console) -> None:
    """Print what the policy declares, one rich table per kind."""
    paths = ", ".join(decl.paths)
    console.print(f"[bold]policy[/bold] {escape(paths)}  [dim]sha256 {escape(decl.sha256[:12])}[/dim]")

    for kind, title in (("data_categories", "Data categories"), ("purposes", "Purposes"), ("recipients", "Recipients")):
        items = getattr(decl, kind)
        table = _table(f"{title} ({len(items)})", "what", "stance / condition", "where")
        for d in items:
            what = escape(d.key)
            if d.names:
                what += "\n[dim]" + escape(", ".join(d.names)) + "[/dim]"
            stance = _stance(d.stance)
            if d.condition:
                stance += f" [yellow]({escape(d.condition)})[/yellow]"
            table.add_row(what, stance, _where(d.evidence))
        console.print(table)

    c = decl.cookies
    table = _table("Cookies", "what", "value", "where")
    table.add_row("mentioned", escape(str(c.mentioned).lower()), _where(c.evidence, 1))
    for purpose in c.purposes:
        table.add_row("purpose", escape(purpose), _where(c.purpose_evidence.get(purpose, []), 2))
    for technology in c.technologies:
        table.add_row("technology", escape(technology), _where(c.technology_evidence.get(technology, []), 2))
    table.add_row("user control", escape(str(c.user_control).lower()), "")
    console.print(table)

    table = _table("Stances", "what", "stance", "where")
    age = f" (under {decl.children.age})" if decl.children.age is not None else ""
    table.add_row("children", _stance(decl.children.stance) + escape(age), _where(decl.children.evidence))
    table.add_row("sale", _stance(decl.sale.stance), _where(decl.sale.evidence))
    table.add_row("retention", _stance(decl.retention.stance), _where(decl.retention.evidence))
    table.add_row(
        "international transfers", _stance(decl.international_transfers.stance), _where(decl.international_transfers.evidence)
    )
    table.add_row("contact", "stated" if decl.contact else "[dim]not found[/dim]", _where(decl.contact, 2))
    console.print(table)

    if decl.retention.periods:
        table = _table("Retention periods", "duration", "category", "where")
        for p in decl.retention.periods:
            table.add_row(escape(p.duration), escape(p.category or "-"), _where(p.evidence, 1))
        console.print(table)

    for kind, title in (("security", "Security promises"), ("rights", "Rights")):
        items = getattr(decl, kind)
        table = _table(f"{title} ({len(items)})", "what", "where")
        for p in items:
            table.add_row(escape(p.key), _where(p.evidence, 2))
        console.print(table)

    if decl.placeholders:
        table = _table(f"Placeholders ({len(decl.placeholders)})", "text", "where")
        for p in decl.placeholders:
            table.add_row(escape(p.text), escape(f"{p.path}:{p.line}"))
        console.print(table)
