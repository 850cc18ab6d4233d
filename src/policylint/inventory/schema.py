"""The inventory JSON Schema, and PL001 findings people can read.

``schemas/inventory.schema.json`` is the format's public contract (editors use it through
``# yaml-language-server: $schema=...``). Violations become findings located at the
offending node, with messages written for the person who made the typo instead of raw
validator output.
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache

from policylint import registry
from policylint.findings import Finding
from policylint.inventory.yamlload import Document
from policylint.resources import schemas_dir

SCHEMA_FILE = "inventory.schema.json"

_TYPE_WORDS = {
    "object": "a mapping (key: value)",
    "array": "a list",
    "string": "a text value",
    "integer": "a whole number",
    "boolean": "true or false",
    "number": "a number",
}


def schema_text() -> str:
    return (schemas_dir() / SCHEMA_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def schema() -> dict:
    return json.loads(schema_text())


@lru_cache(maxsize=None)
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema())


def _describe(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "an empty value"
    if isinstance(value, (dict, list)):
        return _TYPE_WORDS["object" if isinstance(value, dict) else "array"]
    return f"`{value}`"


def _kind_of(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    for pytype, word in ((str, "text"), (int, "a number"), (float, "a number"), (list, "a list"), (dict, "a mapping")):
        if isinstance(value, pytype):
            return word
    return "empty"


def _pointer(error) -> str:
    from policylint.inventory.yamlload import escape_pointer

    return "".join(f"/{escape_pointer(str(p))}" for p in error.absolute_path)


def _field(error) -> str:
    path = list(error.absolute_path)
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else "inventory"


def _message(error) -> tuple[str, str]:
    """(message, pointer to locate it at)."""
    pointer = _pointer(error)
    field = _field(error)
    value = error.instance
    validator = error.validator
    if validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(k for k in value if k not in error.schema.get("properties", {}))
        key = extra[0]
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"; did you mean `{close[0]}`?" if close else f"; expected one of: {', '.join(allowed)}"
        where = f"{pointer}/{key}"
        return f"unknown field `{key}`{hint}", where
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        if error.schema_path and "then" in error.schema_path:
            return f"a third-party cookie needs `{missing}`: the id of its vendor under recipients:", pointer
        return f"missing required field `{missing}`", pointer
    if validator == "const" and field == "version":
        return f"version must be 1 (this format version), got {_describe(value)}", pointer
    if validator == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, str) else expected[0]
        if expected == "boolean" and isinstance(value, str):
            return f"`{field}` must be true or false, got the text {_describe(value)}", pointer
        return f"`{field}` must be {_TYPE_WORDS.get(expected, expected)}, got {_kind_of(value)}", pointer
    if validator == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        close = difflib.get_close_matches(str(value), [str(o) for o in error.validator_value], n=1, cutoff=0.6)
        hint = f"; did you mean `{close[0]}`?" if close else ""
        return f"`{field}` is {_describe(value)}, expected one of: {options}{hint}", pointer
    if validator == "pattern":
        if field == "country":
            return f"`country` {_describe(value)} is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. `IE`, `US`, `NO`)", pointer
        if "retention" in pointer or "duration" in pointer:
            return _duration_message(field, value), pointer
        return (
            f"`{field}` {_describe(value)} is not a valid id: start with a lowercase letter or digit, "
            "then lowercase letters, digits, `.`, `_` or `-`"
        ), pointer
    if validator == "anyOf" and field in ("retention", "duration"):
        return _duration_message(field, value), pointer
    if validator == "oneOf" and field == "legal_basis" and isinstance(value, dict):
        from policylint.inventory.yamlload import escape_pointer

        bases = error.schema["oneOf"][0]["enum"]
        for purpose, basis in value.items():
            if basis not in bases:
                return (
                    f"`legal_basis` for `{purpose}` is {_describe(basis)}; expected one of: {', '.join(bases)}",
                    f"{pointer}/{escape_pointer(str(purpose))}",
                )
    if validator == "oneOf" and field == "legal_basis":
        return (
            f"`legal_basis` {_describe(value)} is not a basis: use one of consent, contract, legal_obligation, "
            "legitimate_interest, vital_interest, public_task, or a map from purpose to basis"
        ), pointer
    if validator in ("minimum", "maximum"):
        return f"`{field}` {_describe(value)} is out of range", pointer
    if validator == "minLength":
        return f"`{field}` must not be empty", pointer
    return f"`{field}`: {error.message}", pointer


def _duration_message(field: str, value) -> str:
    extra = ", until_account_deletion, until_purpose_fulfilled or indefinite" if field == "retention" else " or session"
    return f"`{field}` {_describe(value)} is not a duration: write P30D, \"30 days\", \"2 years\"{extra}"


def _leaf_errors(error):
    """For a oneOf/anyOf on a field we describe the field itself; deeper ones explain better."""
    if error.validator in ("anyOf", "oneOf") and _field(error) not in ("retention", "duration", "legal_basis") and error.context:
        for sub in error.context:
            yield from _leaf_errors(sub)
    else:
        yield error


def _valid_before(value) -> str | None:
    """The cache entry that records ``value`` as valid, or None when it cannot have one.

    Importing jsonschema costs about 40 ms, most of a run whose inventory has not changed
    since it last passed; so a document the validator passed is remembered, named by the
    hash of everything the verdict depends on: the values exactly as the validator reads
    them (JSON keeps text, numbers, true/false and null apart), the schema's text, this
    module (which builds the validator), policylint's version and the installed jsonschema
    (its files' sizes and times, read without importing it). Only passes are remembered:
    a document with errors is always validated, so PL001 findings always come from jsonschema.
    """
    import os
    from importlib.util import find_spec

    from policylint import __version__, cache

    try:
        values = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        spec = find_spec("jsonschema")
        folder = os.path.dirname(spec.origin)
        installed = [os.stat(os.path.join(folder, name)) for name in ("__init__.py", "validators.py", "_keywords.py")]
        with open(__file__, "rb") as handle:
            module = handle.read()
    except (TypeError, ValueError, AttributeError, ImportError, OSError):
        return None
    stamp = f"{folder}|" + "|".join(f"{s.st_size}:{s.st_mtime_ns}" for s in installed)
    return cache.key("inventory-valid", __version__, stamp, module, schema_text(), values)


def validate(doc: Document) -> list[Finding]:
    """PL001 findings for every place the document breaks the format."""
    from policylint import cache

    entry = _valid_before(doc.value)
    if entry is not None and cache.read("valid", entry) is not None:
        return []
    findings: list[Finding] = []
    seen = set()
    errors = 0
    for error in _validator().iter_errors(doc.value):
        errors += 1
        for leaf in _leaf_errors(error):
            message, pointer = _message(leaf)
            if (message, pointer) in seen:
                continue
            seen.add((message, pointer))
            location = doc.key_at(pointer) if leaf.validator == "additionalProperties" else doc.at(pointer)
            location = location.__class__(location.path, location.line, location.column, pointer)
            findings.append(registry.finding("PL001", message, location, key=f"schema:{pointer}:{leaf.validator}"))
    if errors == 0 and entry is not None:
        cache.write("valid", entry, "")
    return findings
