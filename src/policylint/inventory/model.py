"""The inventory model: what the product does, with the place every value came from.

Taxonomy values (categories, purposes, recipient types, subjects, cookie purposes,
technologies) are already resolved to keys: an alias in the file becomes its key here.
A field the file leaves out (or states with the wrong type) is ``None``; checks that need it
say so as a finding of their own rather than guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policylint.findings import Location


@dataclass
class Entry:
    """Common to every inventory entry: where it is, and where each of its fields is."""

    loc: Location
    fields: dict[str, Location] = field(default_factory=dict, repr=False)

    def at(self, name: str, index: int | None = None) -> Location:
        """The location of a field (or of one item of a list field), else of the entry."""
        if index is not None and f"{name}/{index}" in self.fields:
            return self.fields[f"{name}/{index}"]
        return self.fields.get(name, self.loc)


@dataclass
class Audience(Entry):
    minimum_age: int | None = None
    age_gate: str | None = None
    directed_to_children: bool | None = None


@dataclass
class DataElement(Entry):
    id: str = ""
    category: str | None = None  # taxonomy key (None when unknown)
    description: str | None = None
    subjects: list[str] = field(default_factory=list)
    source: str | None = None
    purposes: list[str] = field(default_factory=list)
    legal_basis: dict[str, str] | str | None = None
    identifiability: str | None = None
    retention: str | None = None  # as written
    retention_days: float | None = None  # parsed duration; None when unstated or not a duration
    stores: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)

    def basis_for(self, purpose: str) -> str | None:
        """The legal basis stated for ``purpose`` (a single basis applies to every purpose)."""
        if isinstance(self.legal_basis, dict):
            return self.legal_basis.get(purpose)
        return self.legal_basis


@dataclass
class Cookie(Entry):
    name: str = ""
    domain: str | None = None
    party: str | None = None
    provider: str | None = None
    purpose: str | None = None
    technology: str | None = None
    duration: str | None = None
    duration_days: float | None = None
    consent: str | None = None


@dataclass
class Recipient(Entry):
    id: str = ""
    name: str | None = None
    type: str | None = None  # recipient-type key
    role: str | None = None
    country: str | None = None
    agreement: str | None = None
    transport: str | None = None
    sale: bool | None = None


@dataclass
class Store(Entry):
    id: str = ""
    kind: str | None = None
    country: str | None = None
    encrypted_at_rest: bool | None = None
    backups: bool | None = None
    access: str | None = None
    supports: list[str] | None = None


@dataclass
class Inventory:
    files: list[str] = field(default_factory=list)
    product: str | None = None
    audiences: list[Audience] = field(default_factory=list)  # one per file that states one
    data: list[DataElement] = field(default_factory=list)
    cookies: list[Cookie] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    stores: list[Store] = field(default_factory=list)
    # Inline suppressions found in the files: (path, line) -> comment text.
    comments: dict[tuple[str, int], str] = field(default_factory=dict)

    def recipient(self, rid: str | None) -> Recipient | None:
        return next((r for r in self.recipients if r.id == rid), None) if rid else None

    def store(self, sid: str | None) -> Store | None:
        return next((s for s in self.stores if s.id == sid), None) if sid else None

    def data_for_store(self, sid: str) -> list[DataElement]:
        return [d for d in self.data if sid in d.stores]

    def data_for_recipient(self, rid: str) -> list[DataElement]:
        return [d for d in self.data if rid in d.recipients]
