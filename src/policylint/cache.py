"""A small cache on disk that saves start-up time and never changes an answer.

Every entry is named by the SHA-256 of all that its content depends on (a data file's
text, an inventory's values and the schema), so an input that changes is a different name
and an old entry is never read for it. Entries live in the user's cache folder:
``$POLICYLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/policylint`` (``~/.cache/policylint``),
``~/Library/Caches/policylint`` on macOS or ``%LOCALAPPDATA%\\policylint\\Cache`` on
Windows; a relative folder is not used, so the cache is never written into the checked
repository (nor into the package). Each entry is written under a temporary name and then
renamed, so a reader sees a whole entry or none. A cache folder that cannot be created,
read or written is ignored: the run computes everything itself, as it does on a first run.
``POLICYLINT_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Part of every key: change it when what an entry holds, or how it is made, changes.
FORMAT = "policylint-cache-1"

# Entries kept per kind; writing a new one past this removes the oldest written.
MAX_ENTRIES = 200


def directory() -> Path | None:
    """The cache folder, or None when caching is off or no absolute folder is known."""
    env = os.environ
    if env.get("POLICYLINT_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = env.get("POLICYLINT_CACHE_DIR")
    if explicit:
        return Path(explicit) if os.path.isabs(explicit) else None
    try:
        if sys.platform == "win32":
            base = env.get("LOCALAPPDATA", "")
            return Path(base, "policylint", "Cache") if os.path.isabs(base) else None
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "policylint"
        xdg = env.get("XDG_CACHE_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    except (RuntimeError, KeyError):  # no home folder
        return None
    return base / "policylint" if base.is_absolute() else None


def key(*parts: str | bytes) -> str:
    """The entry name for an answer that depends on exactly ``parts``."""
    digest = _sha256(FORMAT.encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def _sha256(data: bytes):
    # The interpreter's own SHA-256 loads in a fraction of a millisecond; ``hashlib`` loads
    # OpenSSL first (3 to 4 ms). The digest is the same.
    try:
        from _sha2 import sha256  # Python 3.12+
    except ImportError:
        try:
            from _sha256 import sha256  # Python 3.10, 3.11
        except ImportError:  # an interpreter built without them
            from hashlib import sha256
    return sha256(data)


def read(kind: str, name: str) -> str | None:
    """The entry's text, or None when there is none (or it cannot be read)."""
    folder = directory()
    if folder is None:
        return None
    try:
        with open(folder / kind / name, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, ValueError):
        return None


def write(kind: str, name: str, text: str) -> None:
    """Store an entry; any failure leaves the cache as it was."""
    folder = directory()
    if folder is None:
        return
    folder = folder / kind
    temporary = folder / f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        with open(temporary, "x", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, folder / name)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return
    _prune(folder)


def _prune(folder: Path) -> None:
    """Keep at most MAX_ENTRIES entries: remove the oldest written (they are rebuilt if needed)."""
    try:
        entries = [e for e in os.scandir(folder) if e.is_file()]
        if len(entries) <= MAX_ENTRIES:
            return
        entries.sort(key=lambda e: e.stat().st_mtime)
        for entry in entries[: len(entries) - MAX_ENTRIES // 2]:
            os.unlink(entry.path)
    except OSError:
        pass
