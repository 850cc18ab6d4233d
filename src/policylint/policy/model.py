"""What a policy declares: the reader's output and the checks' input.

The shape follows the declarations contract (``policylint extract --format json``): every
declaration keeps the evidence (file, line, section heading path, sentence) that makes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policylint.findings import Evidence

# Stances
COLLECTS, DOES_NOT_COLLECT = "collects", "does_not_collect"
USES, DOES_NOT_USE = "uses", "does_not_use"
SHARES, DOES_NOT_SHARE = "shares", "does_not_share"
NEGATIVE_STANCES = {DOES_NOT_COLLECT, DOES_NOT_USE, DOES_NOT_SHARE}


@dataclass
class Declaration:
    """A data category, purpose or recipient type the policy declares, or denies."""

    key: str
    stance: str
    evidence: list[Evidence] = field(default_factory=list)
    condition: str | None = None  # purposes: "consent" | "anonymized" | None
    names: list[str] = field(default_factory=list)  # recipients: vendor names
    # Which phrases made it (the reason a person can check when a reading looks wrong).
    phrases: list[str] = field(default_factory=list)
    # purposes: the sentences that state the condition (a subset of ``evidence``); empty when
    # there is no condition or the declaration did not come from reading a policy.
    condition_evidence: list[Evidence] = field(default_factory=list)

    @property
    def negative(self) -> bool:
        return self.stance in NEGATIVE_STANCES


@dataclass
class Cookies:
    mentioned: bool = False
    purposes: list[str] = field(default_factory=list)
    technologies: list[str] = field(default_factory=list)
    user_control: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    # Evidence per cookie purpose and per technology, for findings that quote the exact sentence.
    purpose_evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    technology_evidence: dict[str, list[Evidence]] = field(default_factory=dict)


@dataclass
class Children:
    stance: str = "silent"  # not_directed | directed | silent
    age: int | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Sale:
    stance: str = "silent"  # does_not_sell | sells | silent
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Promise:
    """A security measure or a right the policy promises."""

    key: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class RetentionPeriod:
    duration: str  # ISO 8601, e.g. P30D
    days: float
    category: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Retention:
    stance: str = "silent"  # limited | stated_period | indefinite | silent
    periods: list[RetentionPeriod] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Transfers:
    stance: str = "silent"  # disclosed | silent
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Placeholder:
    text: str
    path: str
    line: int


@dataclass
class Section:
    """A heading and its text: where findings say the policy was searched."""

    path: str  # file
    title: str  # heading path, "II. Information Collection > (D) Log Files and Cookies"
    line: int  # heading line (1 for text before the first heading)
    end_line: int
    topics: tuple[str, ...] = ()  # collection | use | sharing | cookies | children | security | rights | retention | transfers | contact | sale


@dataclass
class Declarations:
    paths: list[str] = field(default_factory=list)
    sha256: str = ""
    data_categories: list[Declaration] = field(default_factory=list)
    purposes: list[Declaration] = field(default_factory=list)
    recipients: list[Declaration] = field(default_factory=list)
    cookies: Cookies = field(default_factory=Cookies)
    children: Children = field(default_factory=Children)
    sale: Sale = field(default_factory=Sale)
    security: list[Promise] = field(default_factory=list)
    rights: list[Promise] = field(default_factory=list)
    retention: Retention = field(default_factory=Retention)
    international_transfers: Transfers = field(default_factory=Transfers)
    placeholders: list[Placeholder] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    # Facts the GDPR Art. 13 check (PL006) needs: a way to contact the controller.
    contact: list[Evidence] = field(default_factory=list)

    def sections_about(self, *topics: str) -> list[str]:
        """Titles of the sections about any of ``topics`` (all sections when none is tagged)."""
        wanted = set(topics)
        hits = [s.title for s in self.sections if wanted.intersection(s.topics)]
        return hits or [s.title for s in self.sections]

    def security_keys(self) -> set[str]:
        return {p.key for p in self.security}

    def right_keys(self) -> set[str]:
        return {p.key for p in self.rights}

    def promise(self, kind: str, key: str) -> Promise | None:
        for promise in getattr(self, kind):
            if promise.key == key:
                return promise
        return None
