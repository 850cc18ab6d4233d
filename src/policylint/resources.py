"""Where the shipped data lives: the rule catalog, the taxonomy and the JSON Schemas.

An installed wheel carries them inside the package (``policylint/_data``); a source
checkout (editable install, tests) reads them from the repository's top-level
``rules/`` and ``schemas/`` folders, so there is one copy of each file.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=None)
def data_root() -> Path:
    packaged = Path(__file__).parent / "_data"
    if (packaged / "rules").is_dir():
        return packaged
    return Path(__file__).resolve().parents[2]


def rules_dir() -> Path:
    return data_root() / "rules"


def schemas_dir() -> Path:
    return data_root() / "schemas"


def load_yaml(path: Path):
    """Load one of the project's own (trusted, well-formed) YAML data files.

    Parsing YAML is most of the time these files cost (about 50 ms for all of them), so the
    parsed value is also kept as JSON in the user's cache (:mod:`policylint.cache`), named
    by the hash of the file's text: a changed file is parsed again. A value JSON cannot
    carry exactly (dates, non-text keys) is never cached.
    """
    from policylint import cache

    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    name = cache.key("yaml-data", text)
    cached = cache.read("data", name)
    if cached is not None:
        try:
            return json.loads(cached)
        except ValueError:
            pass
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    value = yaml.load(text, Loader=loader)
    try:
        encoded = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):
        return value
    if json.loads(encoded) == value:
        cache.write("data", name, encoded)
    return value
