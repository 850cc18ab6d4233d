"""Run options: what the command line and the configuration file decide together."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Options:
    policy: list[str] = field(default_factory=list)
    inventory: list[str] = field(default_factory=list)
    fail_on: str = "error"
    select: list[str] = field(default_factory=lambda: ["PL"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    minor_age: int = 18
    cookie_database: str | None = None
    baseline: str | None = None
    variables: dict[str, str] = field(default_factory=dict)
    declarations: list[dict] = field(default_factory=list)
    per_path_ignores: list[dict] = field(default_factory=list)
    rules: list[dict] = field(default_factory=list)
    config_path: str | None = None  # the file these came from, if any

    def selected(self, code: str) -> bool:
        """Selected by the longest matching prefix: ``select=["PL"], ignore=["PL4"]`` drops cookie rules."""
        best_select = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        best_ignore = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return best_select >= 0 and best_select > best_ignore
