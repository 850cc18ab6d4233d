"""The taxonomy: the vocabularies inventories and policies are written in.

Each vocabulary is a tree of terms kept as data in ``rules/taxonomy/*.yaml`` (data
categories and data uses with fideslang-compatible keys, data subjects, recipient types,
cookie purposes, technologies, security measures, rights). A term has a key, a name, a
description, a parent, aliases (the phrases people write) and, for data categories, a
``sensitive`` flag for special-category data.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from policylint.resources import load_yaml, rules_dir

KINDS = {
    "data_category": "data_categories.yaml",
    "data_use": "data_uses.yaml",
    "data_subject": "data_subjects.yaml",
    "recipient_type": "recipient_types.yaml",
    "cookie_purpose": "cookie_purposes.yaml",
    "technology": "technologies.yaml",
    "security_measure": "security_measures.yaml",
    "right": "rights.yaml",
}

# Root terms that name everything and therefore disclose nothing.
ROOT_PHRASES = ("information", "personal information", "personal data", "data", "third party")

_PUNCT = re.compile(r"[\u2019\u2018'`]")
_SEP = re.compile(r"[\s_\-/]+")


def normalize(text: str) -> str:
    """Lowercase, drop apostrophes, turn hyphens/underscores/slashes into spaces, fold spaces."""
    return _SEP.sub(" ", _PUNCT.sub("", text.lower())).strip()


@dataclass(frozen=True)
class Term:
    kind: str
    key: str
    name: str
    description: str
    parent: str | None
    aliases: tuple[str, ...]
    sensitive: bool = False
    same_as: str | None = None

    @property
    def phrases(self) -> tuple[str, ...]:
        """Every phrase that names this term: its aliases and its key's leaf, normalized."""
        leaf = normalize(self.key.rsplit(".", 1)[-1])
        seen = dict.fromkeys([normalize(a) for a in self.aliases] + [leaf])
        return tuple(p for p in seen if p)


class Vocabulary:
    """One tree of terms, with look-up by key or alias and walks up and down the tree."""

    def __init__(self, kind: str, terms: list[Term]):
        self.kind = kind
        self.terms: dict[str, Term] = {t.key: t for t in terms}
        self._by_phrase: dict[str, str] = {}
        for term in terms:
            self._by_phrase.setdefault(normalize(term.key), term.key)
        for term in terms:
            for phrase in term.phrases:
                self._by_phrase.setdefault(phrase, term.key)

    def __contains__(self, key: str) -> bool:
        return key in self.terms

    def __getitem__(self, key: str) -> Term:
        return self.terms[key]

    def resolve(self, value: str) -> str | None:
        """The key for a key or an alias (case and separators ignored), or None."""
        if value in self.terms:
            return value
        text = normalize(value)
        found = self._by_phrase.get(text)
        if found is None:
            # Plural of the last word: "payment processors", "addresses".
            for suffix in ("es", "s"):
                if text.endswith(suffix) and (found := self._by_phrase.get(text[: -len(suffix)])):
                    break
        return found

    def suggest(self, value: str, n: int = 3) -> list[str]:
        """Close keys or aliases for a term that resolves to nothing ("did you mean")."""
        text = normalize(value)
        candidates = list(self.terms) + list(self._by_phrase)
        close = difflib.get_close_matches(value, list(self.terms), n=n, cutoff=0.6)
        for match in difflib.get_close_matches(text, candidates, n=n, cutoff=0.6):
            key = self.resolve(match)
            if key and key not in close:
                close.append(key)
        if not close:
            # The last segment alone often tells: "user.contact.emial" -> user.contact.email.
            leaf = text.rsplit(".", 1)[-1].replace(" ", "_")
            close = [k for k in self.terms if k.rsplit(".", 1)[-1] == leaf]
        return close[:n]

    def parent(self, key: str) -> str | None:
        term = self.terms.get(key)
        return term.parent if term else None

    def ancestors(self, key: str) -> list[str]:
        """Strict ancestors, nearest first."""
        chain = []
        current = self.parent(key)
        while current:
            chain.append(current)
            current = self.parent(current)
        return chain

    def lineage(self, key: str) -> list[str]:
        """The key itself, then its ancestors."""
        return [key, *self.ancestors(key)]

    def is_within(self, key: str, ancestor: str) -> bool:
        """True when ``key`` is ``ancestor`` or lies below it."""
        return key == ancestor or ancestor in self.ancestors(key)

    def children(self, key: str) -> list[str]:
        return [k for k, t in self.terms.items() if t.parent == key]

    def canonical(self, key: str) -> str:
        """A term declared as the same thing as another (web_beacon = pixel) maps to it."""
        term = self.terms.get(key)
        return term.same_as if term and term.same_as else key


class Taxonomy:
    def __init__(self, vocabularies: Mapping[str, Vocabulary]):
        self.vocabularies = vocabularies

    def __getitem__(self, kind: str) -> Vocabulary:
        return self.vocabularies[kind]

    @property
    def data_categories(self) -> Vocabulary:
        return self.vocabularies["data_category"]

    @property
    def data_uses(self) -> Vocabulary:
        return self.vocabularies["data_use"]

    @property
    def data_subjects(self) -> Vocabulary:
        return self.vocabularies["data_subject"]

    @property
    def recipient_types(self) -> Vocabulary:
        return self.vocabularies["recipient_type"]

    @property
    def cookie_purposes(self) -> Vocabulary:
        return self.vocabularies["cookie_purpose"]

    @property
    def technologies(self) -> Vocabulary:
        return self.vocabularies["technology"]


def _load_vocabulary(kind: str, filename: str) -> Vocabulary:
    doc = load_yaml(rules_dir() / "taxonomy" / filename)
    terms = [
        Term(
            kind=kind,
            key=str(t["key"]),
            name=str(t.get("name", t["key"])),
            description=str(t.get("description", "")),
            parent=t.get("parent"),
            aliases=tuple(str(a) for a in t.get("aliases") or ()),
            sensitive=bool(t.get("sensitive", False)),
            same_as=t.get("same_as"),
        )
        for t in doc["terms"]
    ]
    return Vocabulary(kind, terms)


class _Shipped(Mapping):
    """kind -> Vocabulary of the shipped files, each read on first use: a run reads only
    the vocabularies it looks at (an inventory without cookies needs no cookie purposes)."""

    def __init__(self) -> None:
        self._read: dict[str, Vocabulary] = {}

    def __getitem__(self, kind: str) -> Vocabulary:
        vocabulary = self._read.get(kind)
        if vocabulary is None:
            vocabulary = self._read[kind] = _load_vocabulary(kind, KINDS[kind])
        return vocabulary

    def __contains__(self, kind: object) -> bool:
        return kind in KINDS

    def __iter__(self):
        return iter(KINDS)

    def __len__(self) -> int:
        return len(KINDS)


@lru_cache(maxsize=None)
def load() -> Taxonomy:
    """The shipped taxonomy (each vocabulary read once per process, when first used)."""
    return Taxonomy(_Shipped())
