"""Well-known cookies and trackers (``rules/cookies.yaml``): who sets them and what for.

Used to catch a cookie declared with a purpose or party that contradicts what it is, and to
fill a cookie's provider or purpose when the inventory leaves it out. Names ending in ``*``
match by prefix (``_ga_*``). A user's copy of the Open Cookie Database (config
``cookie_database``) can extend the table; the shipped table wins where both know a cookie.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from policylint.errors import InputError
from policylint.resources import load_yaml, rules_dir


@dataclass(frozen=True)
class KnownCookie:
    name: str
    vendor: str
    provider: str | None
    recipient_type: str | None
    purposes: tuple[str, ...]
    set_on: str  # first | third
    technology: str = "cookie"
    duration: str | None = None
    description: str = ""
    source: str = "policylint"

    @property
    def purpose(self) -> str:
        return self.purposes[0]

    def matches(self, name: str) -> bool:
        if self.name.endswith("*"):
            return name.startswith(self.name[:-1])
        return name == self.name


class CookieTable:
    def __init__(self, entries: list[KnownCookie]):
        self.exact: dict[str, KnownCookie] = {}
        self.prefixes: list[KnownCookie] = []
        for entry in entries:
            if entry.name.endswith("*"):
                self.prefixes.append(entry)
            else:
                self.exact.setdefault(entry.name, entry)
        # Longest prefix first, so "_ga_*" beats "_g*".
        self.prefixes.sort(key=lambda e: -len(e.name))

    def __len__(self) -> int:
        return len(self.exact) + len(self.prefixes)

    def lookup(self, name: str) -> KnownCookie | None:
        """The entry for a cookie name; an inventory pattern ``_ga_*`` matches the table's ``_ga_*``."""
        if name in self.exact:
            return self.exact[name]
        probe = name[:-1] if name.endswith("*") else name
        for entry in self.prefixes:
            if name == entry.name or (not name.endswith("*") and entry.matches(probe)):
                return entry
            if name.endswith("*") and probe.startswith(entry.name[:-1]):
                return entry
        return None

    def extended(self, other: "CookieTable") -> "CookieTable":
        """This table, with ``other``'s entries for cookies this one does not know."""
        mine = list(self.exact.values()) + self.prefixes
        known = {e.name for e in mine}
        theirs = [e for e in list(other.exact.values()) + other.prefixes if e.name not in known]
        return CookieTable(mine + theirs)


@lru_cache(maxsize=None)
def builtin() -> CookieTable:
    doc = load_yaml(rules_dir() / "cookies.yaml")
    return CookieTable(
        [
            KnownCookie(
                name=e["name"],
                vendor=e["vendor"],
                provider=e.get("provider"),
                recipient_type=e.get("recipient_type"),
                purposes=tuple(e["purposes"]),
                set_on=e.get("set_on", "first"),
                technology=e.get("technology", "cookie"),
                duration=e.get("duration"),
                description=e.get("description", ""),
            )
            for e in doc["cookies"]
        ]
    )


# Open Cookie Database categories -> cookie purposes.
OCD_PURPOSES = {
    "functional": "functional",
    "analytics": "analytics",
    "marketing": "advertising",
    "personalization": "personalization",
    "preferences": "preferences",
    "security": "security",
}


def from_open_cookie_database(path: str) -> CookieTable:
    """Read a user's copy of the Open Cookie Database CSV (read-only)."""
    entries = []
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            for row in reader:
                name = (row.get("Cookie / Data Key name") or "").strip()
                purpose = OCD_PURPOSES.get((row.get("Category") or "").strip().lower())
                if not name or not purpose:
                    continue
                if (row.get("Wildcard match") or "").strip() == "1" and not name.endswith("*"):
                    name += "*"
                entries.append(
                    KnownCookie(
                        name=name,
                        vendor=(row.get("Platform") or "").strip() or "unknown",
                        provider=None,
                        recipient_type=None,
                        purposes=(purpose,),
                        set_on="first",
                        duration=(row.get("Retention period") or "").strip() or None,
                        description=(row.get("Description") or "").strip(),
                        source="Open Cookie Database",
                    )
                )
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(path, f"cannot read the cookie database: {exc}") from None
    return CookieTable(entries)


def table(cookie_database: str | None = None) -> CookieTable:
    base = builtin()
    if cookie_database and Path(cookie_database).exists():
        return base.extended(from_open_cookie_database(cookie_database))
    if cookie_database:
        raise InputError(cookie_database, "cookie database not found")
    return base
