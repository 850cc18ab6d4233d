"""Configuration: ``[tool.policylint]`` in pyproject.toml or ``.policylint.toml``.

The file is found from the working directory upwards (``.policylint.toml`` first, then a
``pyproject.toml`` that has a ``[tool.policylint]`` table), or named with ``--config``.
Relative paths are relative to the file that states them; inventory entries are globs.
Command-line options win over the file. Unknown keys are errors with a did-you-mean, so
a typo never silently turns a setting off.
"""

from __future__ import annotations

import difflib
import glob
import os
import sys
from pathlib import Path

from policylint.errors import UsageError
from policylint.findings import FAIL_ON, SEVERITIES
from policylint.options import Options

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

KEYS = {
    "policy": "documents or policy manifests (list of paths)",
    "inventory": "inventory files (list of globs)",
    "fail_on": "error | warning | info | never",
    "select": "rule code prefixes to run",
    "ignore": "rule code prefixes to skip",
    "minor_age": "age used where the policy says 'minors' without one",
    "cookie_database": "path to an Open Cookie Database CSV",
    "baseline": "path to a baseline file",
    "severity": "per-rule severity overrides",
    "variables": "values for {{ name }} placeholders in the policy",
    "declarations": "corrections to what the policy reader found, each with a reason",
    "per_path_ignores": "rule prefixes to skip for matching inventory paths",
    "rules": "organisation rules (PL9xx)",
}


def display_path(path: str | os.PathLike, cwd: Path | None = None) -> str:
    """A path as findings show it, with '/': relative to the working directory when the two
    share a folder below the file-system root (``privacy/a.yaml``, ``../b/a.yaml``), else
    absolute. Fingerprints contain it, so the same file always gets the same name."""
    cwd = Path(os.path.normpath(cwd or Path.cwd()))
    p = Path(path)
    absolute = Path(os.path.normpath(p if p.is_absolute() else (cwd / p)))
    try:
        common = Path(os.path.commonpath([absolute, cwd]))
    except ValueError:  # another drive (Windows)
        return absolute.as_posix()
    if common == Path(common.anchor):
        return absolute.as_posix()
    return Path(os.path.relpath(absolute, cwd)).as_posix()


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``.policylint.toml`` or ``pyproject.toml`` with ``[tool.policylint]``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        dotfile = folder / ".policylint.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = _read_toml(pyproject)
            except UsageError:
                raise
            if "policylint" in data.get("tool", {}):
                return pyproject
    return None


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read: {exc.strerror or exc}") from None


def _table(path: Path) -> tuple[dict, str]:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("policylint")
        if table is None:
            raise UsageError(f"{path}: has no [tool.policylint] table")
        return table, "[tool.policylint]"
    return data, path.name


def _expect(condition: bool, where: str, key: str, what: str) -> None:
    if not condition:
        raise UsageError(f"{where}: `{key}` must be {what}")


def _str_list(value, where: str, key: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    _expect(isinstance(value, list) and all(isinstance(v, str) for v in value), where, key, "a list of strings")
    return value


def _resolve_globs(patterns: list[str], base: Path, where: str) -> list[str]:
    found: list[str] = []
    for pattern in patterns:
        full = pattern if Path(pattern).is_absolute() else str(base / pattern)
        matches = sorted(glob.glob(full, recursive=True))
        if not matches and not glob.has_magic(pattern):
            matches = [full]  # a plain path that does not exist: reading it reports the error
        found.extend(display_path(m) for m in matches if not Path(m).is_dir())
    return list(dict.fromkeys(found))


def load(path: Path) -> Options:
    """Options from one configuration file. Errors raise UsageError with the file named."""
    table, name = _table(path)
    where = f"{path}: {name}"
    base = path.parent
    options = Options(config_path=str(path))
    for key, value in table.items():
        if key not in KEYS:
            close = difflib.get_close_matches(key.replace("-", "_"), list(KEYS), n=1, cutoff=0.6)
            hint = f"; did you mean `{close[0]}`?" if close else f"; known keys: {', '.join(KEYS)}"
            raise UsageError(f"{where}: unknown key `{key}`{hint}")
        if key == "policy":
            options.policy = [display_path(base / p) for p in _str_list(value, where, key)]
        elif key == "inventory":
            options.inventory = _resolve_globs(_str_list(value, where, key), base, where)
        elif key == "fail_on":
            _expect(value in FAIL_ON, where, key, " | ".join(FAIL_ON))
            options.fail_on = value
        elif key in ("select", "ignore"):
            setattr(options, key, _str_list(value, where, key))
        elif key == "minor_age":
            _expect(isinstance(value, int) and not isinstance(value, bool) and 0 < value < 130, where, key, "an age in years")
            options.minor_age = value
        elif key in ("cookie_database", "baseline"):
            _expect(isinstance(value, str), where, key, "a path")
            setattr(options, key, display_path(base / value))
        elif key == "severity":
            _expect(isinstance(value, dict), where, key, "a table of rule code = severity")
            for code, severity in value.items():
                _expect(severity in SEVERITIES, where, f"severity.{code}", " | ".join(SEVERITIES))
            options.severity = dict(value)
        elif key == "variables":
            _expect(isinstance(value, dict) and all(isinstance(v, str) for v in value.values()), where, key, "a table of name = text")
            options.variables = dict(value)
        elif key == "declarations":
            _expect(isinstance(value, list), where, key, "an array of tables ([[tool.policylint.declarations]])")
            for i, entry in enumerate(value):
                _expect(isinstance(entry, dict) and ("add" in entry) != ("remove" in entry), where, f"declarations[{i}]", "a table with `add` or `remove`")
                _expect(isinstance(entry.get("reason"), str) and entry["reason"].strip() != "", where, f"declarations[{i}].reason", "a non-empty reason")
            options.declarations = list(value)
        elif key == "per_path_ignores":
            _expect(isinstance(value, list), where, key, "an array of tables with `path` and `ignore`")
            for i, entry in enumerate(value):
                _expect(isinstance(entry, dict) and isinstance(entry.get("path"), str), where, f"per_path_ignores[{i}].path", "a glob")
                _str_list(entry.get("ignore"), where, f"per_path_ignores[{i}].ignore")
            options.per_path_ignores = [
                {"path": display_path(base / e["path"]), "ignore": _str_list(e["ignore"], where, key)} for e in value
            ]
        elif key == "rules":
            _expect(isinstance(value, list) and all(isinstance(e, dict) for e in value), where, key, "an array of tables ([[tool.policylint.rules]])")
            options.rules = list(value)
    return options


def resolve(config: str | None, no_config: bool = False) -> Options:
    """The options of the configuration in force (``--config FILE`` or discovery)."""
    if no_config:
        return Options()
    if config:
        path = Path(config)
        if not path.is_file():
            raise UsageError(f"{config}: configuration file not found")
        return load(path)
    found = find_config()
    return load(found) if found else Options()
