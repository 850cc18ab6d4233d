"""Load one or more inventory files into one Inventory, with format findings.

Each file is read (``yamlload``), checked against the schema (PL001), checked for duplicate
keys (PL002), its taxonomy terms resolved (PL003), and the files are merged: ids are
global, a duplicate id names both places and references resolve across files (PL004).
A field with the wrong type is left out of the model (its PL001 finding says why), so the
policy checks still run on everything else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policylint import registry
from policylint.durations import parse_days
from policylint.findings import Finding, Location
from policylint.inventory import model
from policylint.inventory.schema import validate
from policylint.inventory.yamlload import Document, load_document
from policylint.taxonomy import Taxonomy

SPECIAL_RETENTION = ("until_account_deletion", "until_purpose_fulfilled", "indefinite")


@dataclass
class LoadResult:
    inventory: model.Inventory
    findings: list[Finding] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)


def entry_key(section: str, entry: dict, index: int) -> str:
    """A logical name for a list entry that does not change when entries move: ``data[account-email]``."""
    name = entry.get("id") if isinstance(entry, dict) else None
    if name is None and isinstance(entry, dict):
        name = entry.get("name")
    return f"{section}[{name}]" if isinstance(name, (str, int)) else f"{section}[{index}]"


def logical_pointer(doc: Document, pointer: str) -> str:
    """``/data/3/purposes/1`` -> ``data[account-email]/purposes/1`` for fingerprints."""
    parts = pointer.strip("/").split("/") if pointer else []
    if len(parts) >= 2 and parts[1].isdigit() and isinstance(doc.value, dict):
        items = doc.value.get(parts[0])
        index = int(parts[1])
        if isinstance(items, list) and index < len(items):
            return "/".join([entry_key(parts[0], items[index], index), *parts[2:]])
    return "/".join(parts)


class _Builder:
    """Turns one validated-or-not document into model entries, resolving taxonomy terms."""

    def __init__(self, doc: Document, taxonomy: Taxonomy, findings: list[Finding]):
        self.doc = doc
        self.taxonomy = taxonomy
        self.findings = findings

    def loc(self, pointer: str) -> Location:
        return self.doc.at(pointer)

    def fields(self, pointer: str, entry: dict) -> dict[str, Location]:
        found = {}
        for name, value in entry.items():
            found[name] = self.loc(f"{pointer}/{name}")
            if isinstance(value, list):
                for i in range(len(value)):
                    found[f"{name}/{i}"] = self.loc(f"{pointer}/{name}/{i}")
        return found

    def term(self, kind: str, value, pointer: str, label: str) -> str | None:
        """Resolve a key or alias of ``kind``; an unknown term is a PL003 finding."""
        if not isinstance(value, str) or not value:
            return None
        vocabulary = self.taxonomy[kind]
        key = vocabulary.resolve(value)
        if key is not None:
            return key
        suggestions = vocabulary.suggest(value)
        hint = f"; did you mean {' or '.join(f'`{s}`' for s in suggestions)}?" if suggestions else ""
        location = self.loc(pointer)
        self.findings.append(
            registry.finding(
                "PL003",
                f"unknown {label} `{value}`{hint}",
                Location(location.path, location.line, location.column, pointer),
                key=f"{logical_pointer(self.doc, pointer)}:{value}",
                fix=f"use a {label} key from the taxonomy (`policylint taxonomy {kind}` lists them)",
            )
        )
        return None

    def terms(self, kind: str, values, pointer: str, label: str) -> list[str]:
        if not isinstance(values, list):
            return []
        keys = [self.term(kind, v, f"{pointer}/{i}", label) for i, v in enumerate(values)]
        return [k for k in keys if k]

    @staticmethod
    def text(value) -> str | None:
        return value if isinstance(value, str) else None

    @staticmethod
    def flag(value) -> bool | None:
        return value if isinstance(value, bool) else None

    @staticmethod
    def ids(values) -> list[str]:
        return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []

    def entries(self, section: str):
        items = self.doc.value.get(section) if isinstance(self.doc.value, dict) else None
        if not isinstance(items, list):
            return
        for index, entry in enumerate(items):
            if isinstance(entry, dict):
                pointer = f"/{section}/{index}"
                yield pointer, entry, dict(loc=self.loc(pointer), fields=self.fields(pointer, entry))

    def audience(self) -> model.Audience | None:
        raw = self.doc.value.get("audience") if isinstance(self.doc.value, dict) else None
        if not isinstance(raw, dict):
            return None
        age = raw.get("minimum_age")
        return model.Audience(
            loc=self.loc("/audience"),
            fields=self.fields("/audience", raw),
            minimum_age=age if isinstance(age, int) and not isinstance(age, bool) else None,
            age_gate=self.text(raw.get("age_gate")),
            directed_to_children=self.flag(raw.get("directed_to_children")),
        )

    def data(self):
        for pointer, e, base in self.entries("data"):
            basis = e.get("legal_basis")
            if isinstance(basis, dict):
                resolved = {}
                for purpose, value in basis.items():
                    key = self.term("data_use", purpose, f"{pointer}/legal_basis/{purpose}", "purpose")
                    if key and isinstance(value, str):
                        resolved[key] = value
                basis = resolved
            elif not isinstance(basis, str):
                basis = None
            retention = self.text(e.get("retention"))
            if retention == "indefinite":
                days = float("inf")
            elif retention in SPECIAL_RETENTION or retention is None:
                days = None
            else:
                days = parse_days(retention)
            yield model.DataElement(
                **base,
                id=str(e.get("id", "")),
                category=self.term("data_category", e.get("category"), f"{pointer}/category", "data category"),
                description=self.text(e.get("description")),
                subjects=self.terms("data_subject", e.get("subjects"), f"{pointer}/subjects", "data subject"),
                source=self.text(e.get("source")),
                purposes=self.terms("data_use", e.get("purposes"), f"{pointer}/purposes", "purpose"),
                legal_basis=basis,
                identifiability=self.text(e.get("identifiability")),
                retention=retention,
                retention_days=days,
                stores=self.ids(e.get("stores")),
                recipients=self.ids(e.get("recipients")),
            )

    def cookies(self):
        for pointer, e, base in self.entries("cookies"):
            duration = self.text(e.get("duration"))
            yield model.Cookie(
                **base,
                name=str(e.get("name", "")),
                domain=self.text(e.get("domain")),
                party=self.text(e.get("party")),
                provider=self.text(e.get("provider")),
                purpose=self.term("cookie_purpose", e.get("purpose"), f"{pointer}/purpose", "cookie purpose"),
                technology=self.text(e.get("technology")),
                duration=duration,
                duration_days=parse_days(duration) if duration else None,
                consent=self.text(e.get("consent")),
            )

    def recipients(self):
        for pointer, e, base in self.entries("recipients"):
            yield model.Recipient(
                **base,
                id=str(e.get("id", "")),
                name=self.text(e.get("name")),
                type=self.term("recipient_type", e.get("type"), f"{pointer}/type", "recipient type"),
                role=self.text(e.get("role")),
                country=self.text(e.get("country")),
                agreement=self.text(e.get("agreement")),
                transport=self.text(e.get("transport")),
                sale=self.flag(e.get("sale")),
            )

    def stores(self):
        for pointer, e, base in self.entries("stores"):
            supports = e.get("supports")
            yield model.Store(
                **base,
                id=str(e.get("id", "")),
                kind=self.text(e.get("kind")),
                country=self.text(e.get("country")),
                encrypted_at_rest=self.flag(e.get("encrypted_at_rest")),
                backups=self.flag(e.get("backups")),
                access=self.text(e.get("access")),
                supports=self.ids(supports) if isinstance(supports, list) else None,
            )


def _duplicate_key_findings(doc: Document) -> list[Finding]:
    return [
        registry.finding(
            "PL002",
            f"key `{d.key}` appears twice in this mapping (first at line {d.first.line}); "
            "only the first value is read",
            d.location,
            key=f"{logical_pointer(doc, d.location.pointer)}",
        )
        for d in doc.duplicates
    ]


def _reference_findings(inv: model.Inventory) -> list[Finding]:
    findings: list[Finding] = []
    for section in ("data", "recipients", "stores"):
        first: dict[str, model.Entry] = {}
        for entry in getattr(inv, section):
            if not entry.id:
                continue
            if entry.id in first:
                other = first[entry.id].loc
                findings.append(
                    registry.finding(
                        "PL004",
                        f"id `{entry.id}` is defined twice in {section}: here and at {other.path}:{other.line}",
                        entry.at("id"),
                        key=f"duplicate-id:{section}:{entry.id}",
                        fix="give each entry its own id (ids are global across inventory files)",
                    )
                )
            else:
                first[entry.id] = entry
    store_ids = {s.id for s in inv.stores}
    recipient_ids = {r.id for r in inv.recipients}

    def undefined(entry, field_name, index, ref, kind, owner):
        findings.append(
            registry.finding(
                "PL004",
                f"{owner} refers to {kind} `{ref}`, which no inventory file defines",
                entry.at(field_name, index),
                key=f"reference:{owner}:{field_name}:{ref}",
                fix=f"define `{ref}` under {kind}s:, or correct the id",
            )
        )

    for element in inv.data:
        for index, ref in enumerate(element.stores):
            if ref not in store_ids:
                undefined(element, "stores", index, ref, "store", f"data element `{element.id}`")
        for index, ref in enumerate(element.recipients):
            if ref not in recipient_ids:
                undefined(element, "recipients", index, ref, "recipient", f"data element `{element.id}`")
    for cookie in inv.cookies:
        if cookie.provider and cookie.provider not in recipient_ids:
            undefined(cookie, "provider", None, cookie.provider, "recipient", f"cookie `{cookie.name}`")
    return findings


def load_inventories(paths: list[str], taxonomy: Taxonomy, on_file=None) -> LoadResult:
    """Read, validate and merge inventory files. Unreadable input raises InputError.

    ``on_file(path)`` is called before each file is read (progress display).
    """
    inv = model.Inventory(files=list(paths))
    result = LoadResult(inventory=inv)
    for path in paths:
        if on_file is not None:
            on_file(path)
        doc = load_document(path)
        result.documents.append(doc)
        result.findings.extend(_duplicate_key_findings(doc))
        result.findings.extend(validate(doc))
        if not isinstance(doc.value, dict):
            continue
        builder = _Builder(doc, taxonomy, result.findings)
        if inv.product is None and isinstance(doc.value.get("product"), str):
            inv.product = doc.value["product"]
        audience = builder.audience()
        if audience:
            inv.audiences.append(audience)
        inv.data.extend(builder.data())
        inv.cookies.extend(builder.cookies())
        inv.recipients.extend(builder.recipients())
        inv.stores.extend(builder.stores())
        for line, text in doc.comments.items():
            inv.comments[(path, line)] = text
    result.findings.extend(_reference_findings(inv))
    return result
