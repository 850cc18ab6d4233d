"""The JSON report: the shape the rule catalog contract describes, keys stable, findings sorted."""

from __future__ import annotations

import json

from policylint.engine import Result


def to_dict(result: Result) -> dict:
    return {
        "version": 1,
        "tool": {"name": "policylint", "version": result.tool_version},
        "policy": {"paths": result.policy_paths, "sha256": result.policy_sha256},
        "inventories": result.inventories,
        "summary": result.summary(),
        "findings": [f.to_dict() for f in result.findings],
    }


def render(result: Result, **_) -> str:
    return json.dumps(to_dict(result), indent=2, ensure_ascii=False) + "\n"
