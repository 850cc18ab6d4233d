"""Fixing a misreading once: declarations added or removed by configuration, with a reason.

```toml
[[tool.policylint.declarations]]
add = {kind = "data_categories", key = "user.contact.organization"}
reason = "II(A) says 'company name'"

[[tool.policylint.declarations]]
remove = {kind = "recipients", key = "data_broker"}
reason = "'data brokers' is the source of the data, not a recipient"
```

An added declaration's evidence says where it came from: path ``config``, line 0, section
``configuration override`` and the reason as its text.
"""

from __future__ import annotations

import copy

from policylint.findings import Evidence
from policylint.policy.model import (
    COLLECTS,
    DOES_NOT_COLLECT,
    DOES_NOT_SHARE,
    DOES_NOT_USE,
    SHARES,
    USES,
    Declaration,
    Declarations,
    Promise,
)

KINDS = ("data_categories", "purposes", "recipients", "security", "rights")
_STANCES = {
    "data_categories": (COLLECTS, DOES_NOT_COLLECT),
    "purposes": (USES, DOES_NOT_USE),
    "recipients": (SHARES, DOES_NOT_SHARE),
}
_CONDITIONS = (None, "consent", "anonymized")
_VOCABULARY = {
    "data_categories": "data_category",
    "purposes": "data_use",
    "recipients": "recipient_type",
    "security": "security_measure",
    "rights": "right",
}
CONFIG_PATH = "config"
CONFIG_SECTION = "configuration override"


def config_evidence(reason: str) -> Evidence:
    return Evidence(path=CONFIG_PATH, line=0, section=CONFIG_SECTION, text=reason)


def _check_keys(mapping: dict, allowed: tuple[str, ...], where: str) -> None:
    unknown = [k for k in mapping if k not in allowed]
    if unknown:
        raise ValueError(f"{where}: unknown key `{unknown[0]}`; expected {', '.join(allowed)}")


def _validate(entry, index: int, taxonomy) -> tuple[str, dict, str]:
    where = f"entry {index + 1}"
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: expected a table with `add` or `remove` and a `reason`")
    _check_keys(entry, ("add", "remove", "reason"), where)
    actions = [a for a in ("add", "remove") if a in entry]
    if len(actions) != 1:
        raise ValueError(f"{where}: give exactly one of `add` or `remove`")
    action = actions[0]
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise ValueError(f"{where}: a `reason` is required (why the reading is wrong)")
    spec = entry[action]
    if not isinstance(spec, dict):
        raise ValueError(f"{where}.{action}: expected a table such as {{kind = \"data_categories\", key = \"user.contact.email\"}}")
    allowed = ("kind", "key", "stance", "condition") if action == "add" else ("kind", "key")
    _check_keys(spec, allowed, f"{where}.{action}")
    kind, key = spec.get("kind"), spec.get("key")
    if kind not in KINDS:
        raise ValueError(f"{where}.{action}.kind: `{kind}` is not one of {', '.join(KINDS)}")
    if not isinstance(key, str) or not key:
        raise ValueError(f"{where}.{action}.key: a key is required")
    if taxonomy is not None:
        vocab = taxonomy[_VOCABULARY[kind]]
        if key not in vocab:
            hint = vocab.suggest(key)
            more = f"; did you mean {', '.join(hint)}?" if hint else ""
            raise ValueError(f"{where}.{action}.key: `{key}` is not a {_VOCABULARY[kind].replace('_', ' ')} key{more}")
    if action == "add":
        if "stance" in spec:
            if kind not in _STANCES:
                raise ValueError(f"{where}.add.stance: {kind} take no stance")
            if spec["stance"] not in _STANCES[kind]:
                raise ValueError(f"{where}.add.stance: `{spec['stance']}` is not one of {', '.join(_STANCES[kind])}")
        if "condition" in spec:
            if kind != "purposes":
                raise ValueError(f"{where}.add.condition: only purposes take a condition")
            if spec["condition"] not in _CONDITIONS:
                raise ValueError(f"{where}.add.condition: `{spec['condition']}` is not one of consent, anonymized")
    return action, spec, reason.strip()


def apply_overrides(decl: Declarations, overrides: list[dict], taxonomy=None) -> Declarations:
    """A copy of ``decl`` with the configured additions and removals applied, in order.

    Unknown entry keys, kinds, stances, conditions or taxonomy keys raise ValueError. Adding
    a declaration that exists replaces its stance (and condition) and adds the configuration
    evidence; removing one that does not exist changes nothing.
    """
    if taxonomy is None:
        try:
            from policylint.taxonomy import load

            taxonomy = load()
        except Exception:  # the taxonomy is optional here: shape checks still apply
            taxonomy = None
    if overrides is None:
        return decl
    if not isinstance(overrides, list):
        raise ValueError("expected a list of `add` / `remove` entries")
    checked = [_validate(entry, i, taxonomy) for i, entry in enumerate(overrides)]
    result = copy.deepcopy(decl)
    for action, spec, reason in checked:
        kind, key = spec["kind"], spec["key"]
        items = getattr(result, kind)
        if action == "remove":
            setattr(result, kind, [item for item in items if item.key != key])
            continue
        evidence = config_evidence(reason)
        existing = next((item for item in items if item.key == key), None)
        if kind in _STANCES:
            stance = spec.get("stance", _STANCES[kind][0])
            condition = spec.get("condition") if kind == "purposes" else None
            if existing is None:
                items.append(
                    Declaration(
                        key=key, stance=stance, evidence=[evidence], condition=condition,
                        condition_evidence=[evidence] if condition else [],
                    )
                )
            else:
                existing.stance = stance
                if kind == "purposes":
                    existing.condition = condition
                    existing.condition_evidence = [evidence] if condition else []
                existing.evidence = [evidence, *[e for e in existing.evidence if e != evidence]]
        else:
            if existing is None:
                items.append(Promise(key=key, evidence=[evidence]))
            else:
                existing.evidence = [evidence, *[e for e in existing.evidence if e != evidence]]
        items.sort(key=lambda item: item.key)
    return result
