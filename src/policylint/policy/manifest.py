"""The policy manifest: what a policy declares, as data a person can review and edit.

``to_dict`` gives the declarations contract's JSON shape (keys stable, lists sorted);
``dump_yaml`` writes the same structure as a commented YAML manifest; ``from_dict`` and
``load_manifest`` read one back, validating every key and value (errors name the key path).

The shape is the contract's, plus one optional key, ``contact``: the evidence of a way to
contact the controller. The GDPR Art. 13 check needs it, and a manifest that dropped it would
turn a policy that names its contact into one that does not. ``to_dict`` leaves it out unless
asked (``include_contact=True``); the YAML manifest always carries it.
"""

from __future__ import annotations

import json
from pathlib import Path

from policylint.durations import parse_days
from policylint.errors import InputError
from policylint.findings import Evidence
from policylint.policy.model import (
    COLLECTS,
    DOES_NOT_COLLECT,
    DOES_NOT_SHARE,
    DOES_NOT_USE,
    SHARES,
    USES,
    Children,
    Cookies,
    Declaration,
    Declarations,
    Placeholder,
    Promise,
    Retention,
    RetentionPeriod,
    Sale,
    Transfers,
)

STANCES = {
    "data_categories": (COLLECTS, DOES_NOT_COLLECT),
    "purposes": (USES, DOES_NOT_USE),
    "recipients": (SHARES, DOES_NOT_SHARE),
}
CONDITIONS = (None, "consent", "anonymized")
CHILDREN_STANCES = ("not_directed", "directed", "silent")
SALE_STANCES = ("does_not_sell", "sells", "silent")
RETENTION_STANCES = ("limited", "stated_period", "indefinite", "silent")
TRANSFER_STANCES = ("disclosed", "silent")

TOP_KEYS = (
    "policy",
    "data_categories",
    "purposes",
    "recipients",
    "cookies",
    "children",
    "sale",
    "security",
    "rights",
    "retention",
    "international_transfers",
    "placeholders",
    "contact",
)

HEADER = """\
# Policy manifest (policylint): what the privacy policy declares, with the sentence that says it.
#
# Written by `policylint extract --format yaml`. Review it against the policy, correct what the
# reader got wrong, and pass it with `--policy FILE.yaml` (or `policy = ["FILE.yaml"]` in the
# configuration) instead of the Markdown. Stances: collects / does_not_collect, uses /
# does_not_use (condition: consent | anonymized | null), shares / does_not_share.
# A declaration you add by hand needs no evidence, but a line telling where the policy says it
# helps the next reviewer.
"""


# ---------------------------------------------------------------------------------------
# to dict


def _evidence(evidence: list[Evidence]) -> list[dict]:
    unique = {(e.path, e.line, e.section, e.text): e for e in evidence}
    return [unique[k].to_dict() for k in sorted(unique, key=lambda k: (k[0], k[1], k[3], k[2]))]


def to_dict(decl: Declarations, *, include_contact: bool = False) -> dict:
    """The declarations contract's JSON shape (keys in the contract's order, lists sorted)."""
    out: dict = {"policy": {"paths": list(decl.paths), "sha256": decl.sha256}}
    out["data_categories"] = [
        {"key": d.key, "stance": d.stance, "evidence": _evidence(d.evidence)}
        for d in sorted(decl.data_categories, key=lambda d: d.key)
    ]
    out["purposes"] = [
        {"key": d.key, "stance": d.stance, "condition": d.condition, "evidence": _evidence(d.evidence)}
        for d in sorted(decl.purposes, key=lambda d: d.key)
    ]
    out["recipients"] = [
        {"key": d.key, "stance": d.stance, "names": sorted(set(d.names)), "evidence": _evidence(d.evidence)}
        for d in sorted(decl.recipients, key=lambda d: d.key)
    ]
    c = decl.cookies
    out["cookies"] = {
        "mentioned": bool(c.mentioned),
        "purposes": sorted(set(c.purposes)),
        "technologies": sorted(set(c.technologies)),
        "user_control": bool(c.user_control),
        "evidence": _evidence(c.evidence),
    }
    out["children"] = {"stance": decl.children.stance, "age": decl.children.age, "evidence": _evidence(decl.children.evidence)}
    out["sale"] = {"stance": decl.sale.stance, "evidence": _evidence(decl.sale.evidence)}
    out["security"] = [{"key": p.key, "evidence": _evidence(p.evidence)} for p in sorted(decl.security, key=lambda p: p.key)]
    out["rights"] = [{"key": p.key, "evidence": _evidence(p.evidence)} for p in sorted(decl.rights, key=lambda p: p.key)]
    r = decl.retention
    out["retention"] = {
        "stance": r.stance,
        "periods": [
            {"duration": p.duration, "days": p.days, "category": p.category, "evidence": _evidence(p.evidence)}
            for p in sorted(r.periods, key=lambda p: (p.days, p.category or "", p.duration))
        ],
        "evidence": _evidence(r.evidence),
    }
    t = decl.international_transfers
    out["international_transfers"] = {"stance": t.stance, "evidence": _evidence(t.evidence)}
    out["placeholders"] = [
        {"text": p.text, "path": p.path, "line": p.line}
        for p in sorted(decl.placeholders, key=lambda p: (p.path, p.line, p.text))
    ]
    if include_contact:
        out["contact"] = _evidence(decl.contact)
    return out


def dump_yaml(decl: Declarations) -> str:
    """A reviewable, editable YAML manifest with a header comment."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    body = yaml.dump(
        to_dict(decl, include_contact=True),
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return HEADER + "\n" + body


# ---------------------------------------------------------------------------------------
# from dict


class _Checker:
    def __init__(self, path: str):
        self.path = path

    def fail(self, where: str, message: str):
        raise InputError(self.path, f"{where}: {message}")

    def mapping(self, value, where: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> dict:
        if not isinstance(value, dict):
            self.fail(where, f"expected a mapping, got {_kind(value)}")
        for key in value:
            if key not in allowed:
                self.fail(f"{where}.{key}" if where else str(key), f"unknown key; expected one of: {', '.join(allowed)}")
        for key in required:
            if key not in value:
                self.fail(where or "<top>", f"missing key `{key}`")
        return value

    def listing(self, value, where: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(where, f"expected a list, got {_kind(value)}")
        return value

    def string(self, value, where: str, *, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value:
            self.fail(where, f"expected a non-empty string, got {_kind(value)}")
        return value

    def choice(self, value, where: str, choices) -> str | None:
        if value not in choices:
            shown = ", ".join("null" if c is None else str(c) for c in choices)
            self.fail(where, f"`{value}` is not one of: {shown}")
        return value

    def boolean(self, value, where: str) -> bool:
        if not isinstance(value, bool):
            self.fail(where, f"expected true or false, got {_kind(value)}")
        return value

    def evidence(self, value, where: str) -> list[Evidence]:
        items = []
        for i, item in enumerate(self.listing(value, where)):
            at = f"{where}[{i}]"
            self.mapping(item, at, ("path", "line", "section", "text"), ("path", "line"))
            line = item["line"]
            if not isinstance(line, int) or isinstance(line, bool) or line < 0:
                self.fail(f"{at}.line", f"expected a line number, got {_kind(line)}")
            section = item.get("section", "") or ""
            text = item.get("text", "") or ""
            if not isinstance(section, str) or not isinstance(text, str):
                self.fail(at, "section and text must be strings")
            items.append(Evidence(path=self.string(item["path"], f"{at}.path"), line=line, section=section, text=text))
        return items


def _kind(value) -> str:
    if value is None:
        return "null"
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def from_dict(d: dict, path: str) -> Declarations:
    """Declarations from the manifest shape; any shape error is an InputError naming the key path."""
    check = _Checker(path)
    check.mapping(d, "", TOP_KEYS)
    decl = Declarations()
    policy = check.mapping(d.get("policy") or {}, "policy", ("paths", "sha256"))
    decl.paths = [check.string(p, f"policy.paths[{i}]") for i, p in enumerate(check.listing(policy.get("paths"), "policy.paths"))]
    sha = policy.get("sha256", "") or ""
    if not isinstance(sha, str):
        check.fail("policy.sha256", f"expected a string, got {_kind(sha)}")
    decl.sha256 = sha
    if not decl.paths:
        decl.paths = [path]

    for kind, fields in (
        ("data_categories", ("key", "stance", "evidence", "phrases")),
        ("purposes", ("key", "stance", "condition", "evidence", "phrases")),
        ("recipients", ("key", "stance", "names", "evidence", "phrases")),
    ):
        items = []
        seen = set()
        for i, item in enumerate(check.listing(d.get(kind), kind)):
            at = f"{kind}[{i}]"
            check.mapping(item, at, fields, ("key", "stance"))
            key = check.string(item["key"], f"{at}.key")
            if key in seen:
                check.fail(f"{at}.key", f"`{key}` is declared twice")
            seen.add(key)
            stance = check.choice(item["stance"], f"{at}.stance", STANCES[kind])
            condition = check.choice(item.get("condition"), f"{at}.condition", CONDITIONS) if kind == "purposes" else None
            names = [check.string(n, f"{at}.names[{j}]") for j, n in enumerate(check.listing(item.get("names"), f"{at}.names"))]
            phrases = [check.string(p, f"{at}.phrases[{j}]") for j, p in enumerate(check.listing(item.get("phrases"), f"{at}.phrases"))]
            items.append(
                Declaration(
                    key=key,
                    stance=stance,
                    evidence=check.evidence(item.get("evidence"), f"{at}.evidence"),
                    condition=condition,
                    names=sorted(set(names)),
                    phrases=sorted(set(phrases)),
                )
            )
        setattr(decl, kind, sorted(items, key=lambda x: x.key))

    cookies = check.mapping(d.get("cookies") or {}, "cookies", ("mentioned", "purposes", "technologies", "user_control", "evidence"))
    decl.cookies = Cookies(
        mentioned=check.boolean(cookies.get("mentioned", False), "cookies.mentioned"),
        purposes=sorted({check.string(p, f"cookies.purposes[{i}]") for i, p in enumerate(check.listing(cookies.get("purposes"), "cookies.purposes"))}),
        technologies=sorted(
            {check.string(p, f"cookies.technologies[{i}]") for i, p in enumerate(check.listing(cookies.get("technologies"), "cookies.technologies"))}
        ),
        user_control=check.boolean(cookies.get("user_control", False), "cookies.user_control"),
        evidence=check.evidence(cookies.get("evidence"), "cookies.evidence"),
    )

    children = check.mapping(d.get("children") or {}, "children", ("stance", "age", "evidence"))
    age = children.get("age")
    if age is not None and (not isinstance(age, int) or isinstance(age, bool) or not 0 < age < 30):
        check.fail("children.age", f"expected an age in years or null, got {age!r}")
    decl.children = Children(
        stance=check.choice(children.get("stance", "silent"), "children.stance", CHILDREN_STANCES),
        age=age,
        evidence=check.evidence(children.get("evidence"), "children.evidence"),
    )

    sale = check.mapping(d.get("sale") or {}, "sale", ("stance", "evidence"))
    decl.sale = Sale(
        stance=check.choice(sale.get("stance", "silent"), "sale.stance", SALE_STANCES),
        evidence=check.evidence(sale.get("evidence"), "sale.evidence"),
    )

    for kind in ("security", "rights"):
        promises = []
        seen = set()
        for i, item in enumerate(check.listing(d.get(kind), kind)):
            at = f"{kind}[{i}]"
            check.mapping(item, at, ("key", "evidence"), ("key",))
            key = check.string(item["key"], f"{at}.key")
            if key in seen:
                check.fail(f"{at}.key", f"`{key}` is declared twice")
            seen.add(key)
            promises.append(Promise(key=key, evidence=check.evidence(item.get("evidence"), f"{at}.evidence")))
        setattr(decl, kind, sorted(promises, key=lambda p: p.key))

    retention = check.mapping(d.get("retention") or {}, "retention", ("stance", "periods", "evidence"))
    periods = []
    for i, item in enumerate(check.listing(retention.get("periods"), "retention.periods")):
        at = f"retention.periods[{i}]"
        check.mapping(item, at, ("duration", "days", "category", "evidence"), ("duration",))
        duration = check.string(item["duration"], f"{at}.duration")
        days = item.get("days")
        if days is None:
            days = parse_days(duration)
            if days is None:
                check.fail(f"{at}.duration", f"`{duration}` is not an ISO 8601 duration such as P30D, P6M or P1Y")
        elif not isinstance(days, (int, float)) or isinstance(days, bool) or days < 0:
            check.fail(f"{at}.days", f"expected a number of days, got {_kind(days)}")
        periods.append(
            RetentionPeriod(
                duration=duration,
                days=float(days),
                category=check.string(item.get("category"), f"{at}.category", optional=True),
                evidence=check.evidence(item.get("evidence"), f"{at}.evidence"),
            )
        )
    decl.retention = Retention(
        stance=check.choice(retention.get("stance", "silent"), "retention.stance", RETENTION_STANCES),
        periods=sorted(periods, key=lambda p: (p.days, p.category or "", p.duration)),
        evidence=check.evidence(retention.get("evidence"), "retention.evidence"),
    )

    transfers = check.mapping(d.get("international_transfers") or {}, "international_transfers", ("stance", "evidence"))
    decl.international_transfers = Transfers(
        stance=check.choice(transfers.get("stance", "silent"), "international_transfers.stance", TRANSFER_STANCES),
        evidence=check.evidence(transfers.get("evidence"), "international_transfers.evidence"),
    )

    placeholders = []
    for i, item in enumerate(check.listing(d.get("placeholders"), "placeholders")):
        at = f"placeholders[{i}]"
        check.mapping(item, at, ("text", "path", "line"), ("text",))
        line = item.get("line", 0)
        if not isinstance(line, int) or isinstance(line, bool):
            check.fail(f"{at}.line", f"expected a line number, got {_kind(line)}")
        placeholders.append(Placeholder(text=check.string(item["text"], f"{at}.text"), path=str(item.get("path") or path), line=line))
    decl.placeholders = sorted(placeholders, key=lambda p: (p.path, p.line, p.text))
    decl.contact = check.evidence(d.get("contact"), "contact")
    return decl


# ---------------------------------------------------------------------------------------
# files


def load_manifest(path: str) -> Declarations:
    """Read a policy manifest (YAML or JSON); errors are InputErrors with the place."""
    from policylint.policy import decode_text, read_bytes

    data = read_bytes(path)
    text = decode_text(path, data)
    if path.lower().endswith(".json"):
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    else:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            doc = yaml.load(text, Loader=loader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc)
            raise InputError(
                path, f"invalid YAML: {problem}", mark.line + 1 if mark else None, mark.column + 1 if mark else None
            ) from None
    if doc is None:
        raise InputError(path, "the policy manifest is empty")
    decl = from_dict(doc, path)
    if not decl.sha256:
        import hashlib

        decl.sha256 = hashlib.sha256(data).hexdigest()
    return decl
