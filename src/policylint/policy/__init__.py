"""Reading a privacy policy (and a cookie notice) into declarations.

``read_policy(paths)`` reads Markdown or plain-text policy documents, or a policy manifest
(``.yaml``/``.yml``/``.json``, the reviewed form of what a policy declares), and returns one
:class:`~policylint.policy.model.Declarations` for all of them.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from policylint.errors import InputError
from policylint.policy.model import Declarations

MANIFEST_SUFFIXES = (".yaml", ".yml", ".json")

_VARIABLE_RE = re.compile(r"\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}")


def read_bytes(path: str) -> bytes:
    """The bytes of an input file, or an InputError that says why they cannot be read."""
    p = Path(path)
    if not p.exists():
        raise InputError(path, "file not found")
    if p.is_dir():
        raise InputError(path, "is a directory, not a file")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror or exc}") from exc


def decode_text(path: str, data: bytes) -> str:
    """UTF-8 text of a policy document (a byte-order mark is allowed), or an InputError."""
    if b"\x00" in data[:8192]:
        raise InputError(path, "looks like a binary file, not a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", line, column) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def fill_variables(text: str, variables: dict[str, str] | None) -> str:
    """Replace ``{{ name }}`` by its value; unknown names stay (and remain placeholders)."""
    if not variables:
        return text

    def repl(m: re.Match) -> str:
        name = m.group(1)
        return str(variables[name]) if name in variables else m.group(0)

    return _VARIABLE_RE.sub(repl, text)


def is_manifest(path: str) -> bool:
    return path.lower().endswith(MANIFEST_SUFFIXES)


def read_policy(paths: list[str], variables: dict[str, str] | None = None, taxonomy=None) -> Declarations:
    """Read policy documents (or one policy manifest) into declarations.

    Several documents (a privacy policy and a cookie notice) are read as one policy: every
    declaration keeps the evidence from each document that makes it. ``variables`` fill
    ``{{ name }}`` template fields before reading. The sha256 is taken over the documents'
    bytes as stored, in the order given.
    """
    from policylint.policy.document import parse_document
    from policylint.policy.reader import Reader, find_placeholders

    if isinstance(paths, (str, Path)):
        paths = [str(paths)]
    paths = [str(p) for p in paths]
    if not paths:
        raise InputError("<policy>", "no policy document given")
    manifests = [p for p in paths if is_manifest(p)]
    if manifests:
        if len(paths) > 1:
            raise InputError(manifests[0], "a policy manifest stands alone: give either one manifest or the policy documents")
        from policylint.policy.manifest import load_manifest

        return load_manifest(paths[0])

    digest = hashlib.sha256()
    reader = Reader(taxonomy)
    documents = []
    for path in paths:
        data = read_bytes(path)
        digest.update(data)
        text = decode_text(path, data)
        text = fill_variables(text, variables)
        documents.append((path, text))
    all_sections = []
    for path, text in documents:
        document = parse_document(path, text)
        reader.read(document)
        reader.out.placeholders.extend(find_placeholders(path, text))
        all_sections.extend(document.sections)
    decl = reader.result()
    decl.paths = paths
    decl.sha256 = digest.hexdigest()
    decl.sections = all_sections
    return decl


__all__ = ["read_policy", "fill_variables", "is_manifest"]
