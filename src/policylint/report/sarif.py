"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run: the tool with every catalogued rule (its documentation as help text), the files
read (artifacts), and one result per finding. A result points at the inventory line;
the policy sentences it rests on are ``relatedLocations``; its stable fingerprint is the
partial fingerprint ``policylint/v1``, so an alert survives edits that move lines.
Suppressed and baselined findings are reported too, each with a ``suppressions`` entry
(``inSource`` for an inline comment, ``external`` for the baseline or the configuration),
so viewers close their alerts as dismissed rather than fixed.

Paths are relative to the working directory (``%SRCROOT%``) when the file lies under it.
User text is plain text with SARIF's own escapes: ``\\``, ``[`` and ``]`` take a backslash
(no embedded link can be forged) and braces are doubled (no placeholder can be forged).
"""

from __future__ import annotations

import json
import os
from urllib.parse import quote

from policylint.engine import Result
from policylint.findings import Finding
from policylint.report import one_line, relative_path, shorten, suppression_of, visible

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/policylint/policylint"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
QUOTE_LIMIT = 400


def escape_text(text: object) -> str:
    """Plain text for a SARIF message: controls made visible, link and placeholder syntax escaped."""
    out = visible(text)
    out = out.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return out.replace("{", "{{").replace("}", "}}")


def _message(text: object) -> dict:
    return {"text": escape_text(text)}


def file_uri(path: str) -> str:
    """An absolute path as a ``file:`` URI (forward slashes, percent-encoded)."""
    path = path.replace(os.sep, "/")
    if not path.startswith("/"):  # C:/x -> /C:/x
        path = "/" + path
    return "file://" + quote(path, safe="/:")


def _artifact_location(path: str, root: str, indexes: dict[str, int]) -> dict:
    rel = relative_path(path, root)
    if rel.startswith("/") or (len(rel) > 1 and rel[1] == ":"):
        location = {"uri": file_uri(rel)}
    else:
        location = {"uri": quote(rel, safe="/"), "uriBaseId": SRCROOT}
    if path in indexes:
        location["index"] = indexes[path]
    return location


def _region(line: int, column: int | None = None) -> dict | None:
    if not line or line < 1:
        return None
    region = {"startLine": line}
    if column and column >= 1:
        region["startColumn"] = column
    return region


def _physical(path: str, line: int, column: int | None, root: str, indexes: dict[str, int]) -> dict:
    physical = {"artifactLocation": _artifact_location(path, root, indexes)}
    region = _region(line, column)
    if region:
        physical["region"] = region
    return physical


def _reference(ref: object) -> str:
    """A reference as text (a YAML ``- Name: note`` line reads as a one-item mapping)."""
    if isinstance(ref, dict):
        return "; ".join(f"{k}: {v}" for k, v in ref.items())
    return str(ref)


def _rule_descriptor(rule) -> dict:
    text = f"{rule.what}\n\nWhy it matters: {rule.why}\n\nHow to fix it: {rule.fix}"
    markdown = (
        f"**{rule.code} {rule.slug}**: {rule.summary}\n\n"
        f"## What it checks\n\n{rule.what}\n\n"
        f"## Why it matters\n\n{rule.why}\n\n"
        f"## How to fix it\n\n{rule.fix}\n"
    )
    references = [_reference(ref) for ref in rule.references]
    if references:
        text += "\n\nReferences: " + "; ".join(references)
        markdown += "\n## References\n\n" + "".join(f"- {ref}\n" for ref in references)
    return {
        "id": rule.code,
        "name": rule.slug,
        "shortDescription": _message(rule.summary),
        "fullDescription": _message(rule.what),
        "help": {"text": escape_text(text), "markdown": markdown.replace("{", "{{").replace("}", "}}")},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"tags": ["privacy", rule.family]},
    }


def _extra_descriptor(finding: Finding) -> dict:
    """A rule the catalogue does not hold (an organisation rule from the configuration)."""
    summary = f"Organisation rule {one_line(finding.slug)}"
    return {
        "id": finding.code,
        "name": one_line(finding.slug),
        "shortDescription": _message(summary),
        "fullDescription": _message(summary + " (defined in the policylint configuration)."),
        "defaultConfiguration": {"level": LEVELS.get(finding.severity, "warning")},
        "properties": {"tags": ["privacy", "custom"]},
    }


def _result_text(finding: Finding) -> str:
    lines = [visible(finding.message).strip()]
    for ev in finding.evidence[:2]:
        place = ev.short_place()
        lines.append(f"The policy says ({place}): “{shorten(one_line(ev.text), QUOTE_LIMIT)}”")
    if len(finding.evidence) > 2:
        lines.append(f"(and {len(finding.evidence) - 2} more policy sentences)")
    if finding.searched:
        lines.append("The policy is silent; searched: " + "; ".join(one_line(s) for s in finding.searched))
    if finding.fix:
        lines.append("Fix: " + one_line(finding.fix))
    return "\n".join(lines)


def _result(finding: Finding, rule_index: dict[str, int], root: str, indexes: dict[str, int]) -> dict:
    loc = finding.location
    result: dict = {
        "ruleId": finding.code,
        "ruleIndex": rule_index[finding.code],
        "level": LEVELS.get(finding.severity, "warning"),
        "message": _message(_result_text(finding)),
        "locations": [{"physicalLocation": _physical(loc.path, loc.line, loc.column, root, indexes)}],
    }
    related = []
    for number, ev in enumerate(finding.evidence, start=1):
        where = f"{one_line(ev.section)}: " if ev.section else ""
        related.append(
            {
                "id": number,
                "physicalLocation": _physical(ev.path, ev.line, None, root, indexes),
                "message": _message(f"{where}“{shorten(one_line(ev.text), QUOTE_LIMIT)}”"),
            }
        )
    if related:
        result["relatedLocations"] = related
    result["partialFingerprints"] = {"policylint/v1": finding.fingerprint}
    properties: dict = {"slug": finding.slug, "severity": finding.severity}
    if loc.pointer:
        properties["pointer"] = loc.pointer
    if finding.searched:
        properties["searched"] = list(finding.searched)
    if finding.fix:
        properties["fix"] = finding.fix
    result["properties"] = properties
    return result


def _artifact_paths(result: Result, findings: list[Finding]) -> list[str]:
    inventory = getattr(result, "inventory", None)
    paths = list(getattr(inventory, "files", None) or result.inventories) + list(result.policy_paths)
    extra = set()
    for finding in findings:
        extra.add(finding.location.path)
        extra.update(ev.path for ev in finding.evidence)
    paths += sorted(extra - set(paths))
    return list(dict.fromkeys(p for p in paths if p))


def to_dict(result: Result, *, root: str | None = None, baseline: str | None = None) -> dict:
    from policylint import registry

    root = os.path.abspath(root or os.getcwd())
    suppressed = list(result.suppressed) + list(result.baselined)
    everything = sorted(list(result.findings) + suppressed, key=Finding.sort_key)
    suppressed_ids = {id(f) for f in suppressed}

    descriptors = [_rule_descriptor(rule) for rule in registry.all_rules().values()]
    known = {d["id"] for d in descriptors}
    extras: dict[str, Finding] = {}
    for finding in everything:
        if finding.code not in known:
            extras.setdefault(finding.code, finding)
    descriptors += [_extra_descriptor(extras[code]) for code in sorted(extras)]
    rule_index = {d["id"]: i for i, d in enumerate(descriptors)}

    paths = _artifact_paths(result, everything)
    indexes = {path: i for i, path in enumerate(paths)}
    inventories = set(getattr(getattr(result, "inventory", None), "files", None) or result.inventories)
    artifacts = []
    for path in paths:
        location = _artifact_location(path, root, {})
        role = "analysisTarget" if path in inventories or path in result.policy_paths else "resultFile"
        artifacts.append({"location": location, "roles": [role]})

    results = []
    for finding in everything:
        entry = _result(finding, rule_index, root, indexes)
        if id(finding) in suppressed_ids:
            kind, reason = suppression_of(result, finding, baseline)
            entry["suppressions"] = [{"kind": kind, "status": "accepted", "justification": one_line(reason)}]
        results.append(entry)

    run = {
        "tool": {
            "driver": {
                "name": "policylint",
                "version": result.tool_version,
                "semanticVersion": result.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        "invocations": [{"executionSuccessful": True}],
        "originalUriBaseIds": {SRCROOT: {"uri": file_uri(root.rstrip("/\\") + "/")}},
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {
            "policy": {"paths": list(result.policy_paths), "sha256": result.policy_sha256},
            "inventories": list(result.inventories),
            "summary": result.summary(),
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(result: Result, *, root: str | None = None, baseline: str | None = None, **_) -> str:
    return json.dumps(to_dict(result, root=root, baseline=baseline), indent=2, ensure_ascii=False) + "\n"
