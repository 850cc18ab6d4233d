"""Where the shipped data lives: the rule catalog, the taxonomy and the JSON Schemas.

An installed wheel carries them inside the package (``policylint/_data``); a source
checkout (editable install, tests) reads them from the repository's top-level
``rules/`` and ``schemas/`` folders, so there is one copy of each file.
"""

from __future__ import annotations

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
    """Load one of the project's own (trusted, well-formed) YAML data files."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)
