"""Safe YAML reading that keeps the place of every value.

The file is *composed* (PyYAML's node graph, with the libyaml C parser when present) and
turned into plain Python values by this module, which records the line and column of every
node under its JSON pointer. Building the values ourselves lets us:

- report duplicate mapping keys (PyYAML keeps the last one silently: that hides a data flow);
- read scalars with YAML 1.2 core semantics, so ``country: NO``, ``on``, ``yes`` and dates
  stay strings instead of turning into booleans and ``datetime`` objects;
- bound alias expansion, so a "billion laughs" file is rejected at once;
- refuse every Python object tag (only the standard tags are read).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from policylint.errors import InputError
from policylint.findings import Location

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# How many nodes a document may expand to through aliases before it is refused.
MAX_EXPANDED_NODES = 200_000

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_INT_OTHER = re.compile(r"^(0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:binary",
    "tag:yaml.org,2002:merge",
    "tag:yaml.org,2002:value",
}


@dataclass
class Duplicate:
    """A key that appears twice in one mapping: where it is, and where it was first."""

    key: str
    location: Location
    first: Location


@dataclass
class Document:
    """A YAML document turned into Python values, with positions."""

    path: str
    value: object
    positions: dict[str, Location] = field(default_factory=dict)  # pointer -> value's place
    key_positions: dict[str, Location] = field(default_factory=dict)  # pointer -> key's place
    duplicates: list[Duplicate] = field(default_factory=list)
    comments: dict[int, str] = field(default_factory=dict)  # line -> text after '#'

    def at(self, pointer: str) -> Location:
        """The place of ``pointer``, or of its nearest ancestor that has one."""
        while True:
            if pointer in self.positions:
                return self.positions[pointer]
            if not pointer:
                return Location(self.path, 1, 1, "")
            pointer = pointer.rsplit("/", 1)[0]

    def key_at(self, pointer: str) -> Location:
        return self.key_positions.get(pointer) or self.at(pointer)


def escape_pointer(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def scalar_value(node: yaml.ScalarNode):
    """YAML 1.2 core schema for plain scalars; quoted scalars are always strings."""
    text = node.value
    if node.style or node.tag == "tag:yaml.org,2002:str":
        # Quoted, block, explicitly tagged ``!!str`` or a plain word: a string.
        return text
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.match(text):
        return int(text)
    if _INT_OTHER.match(text):
        return int(text, 0)
    if _FLOAT.match(text):
        return float(text)
    return text


def _read_bytes(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except IsADirectoryError:
        raise InputError(path, "is a directory, not an inventory file") from None
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror or exc}") from None
    if b"\x00" in raw[:8192]:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InputError(path, "looks like a binary file (it contains NUL bytes), not YAML", line, 1)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError(path, f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8", line, column) from None


def _mark_error(path: str, exc: yaml.MarkedYAMLError) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    if exc.context:
        problem = f"{problem} ({exc.context})"
    if mark is None:
        return InputError(path, f"invalid YAML: {problem}")
    return InputError(path, f"invalid YAML: {problem}", mark.line + 1, mark.column + 1)


def _comments(text: str) -> dict[int, str]:
    """Comments by line: used for inline suppressions. Only lines that contain a '#'."""
    found = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if "#" in line:
            found[number] = line
    return found


def load_document(path: str) -> Document:
    """Read one YAML file into a Document; unreadable or malformed input raises InputError."""
    text = _read_bytes(path)
    if not text.strip() or all(not l.strip() or l.lstrip().startswith("#") for l in text.splitlines()):
        raise InputError(path, "is empty: an inventory needs at least `version: 1`", 1, 1)
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        raise _mark_error(path, exc) from None
    except yaml.YAMLError as exc:
        raise InputError(path, f"invalid YAML: {exc}") from None
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        raise InputError(path, "is empty: an inventory needs at least `version: 1`", 1, 1)
    if len(nodes) > 1:
        # Point at the `---` that starts the second document (its first node comes later).
        lines = text.splitlines()
        line = next(
            (i for i in range(nodes[0].end_mark.line, nodes[1].start_mark.line + 1) if lines[i].startswith("---")),
            nodes[1].start_mark.line,
        )
        raise InputError(
            path,
            "holds several YAML documents (separated by ---); put each inventory in a file of its own",
            line + 1,
            1,
        )
    doc = Document(path=path, value=None, comments=_comments(text))
    builder = _Builder(doc)
    doc.value = builder.build(nodes[0], "")
    return doc


class _Builder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.expanded = 0

    def _loc(self, node: yaml.Node, pointer: str) -> Location:
        return Location(self.doc.path, node.start_mark.line + 1, node.start_mark.column + 1, pointer)

    def build(self, node: yaml.Node, pointer: str):
        # Aliases share nodes, so a small file can expand to billions of values: count them.
        self.expanded += 1
        if self.expanded > MAX_EXPANDED_NODES:
            raise InputError(
                self.doc.path,
                f"expands to more than {MAX_EXPANDED_NODES:,} values through anchors and aliases; refusing to read it",
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        if node.tag not in _STANDARD_TAGS:
            raise InputError(
                self.doc.path,
                f"uses the tag `{node.tag}`; only plain YAML values are allowed in an inventory",
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        self.doc.positions[pointer] = self._loc(node, pointer)
        if isinstance(node, yaml.ScalarNode):
            return scalar_value(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, f"{pointer}/{i}") for i, item in enumerate(node.value)]
        return self._mapping(node, pointer)

    def _mapping(self, node: yaml.MappingNode, pointer: str) -> dict:
        result: dict = {}
        first_seen: dict[str, Location] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise InputError(
                    self.doc.path,
                    "uses a merge key (<<); write the entry out in full so every field is visible in review",
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError(
                    self.doc.path,
                    "uses a mapping or list as a key; keys must be plain names",
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
            key = key_node.value  # keys are names: keep the text as written
            child = f"{pointer}/{escape_pointer(key)}"
            key_loc = self._loc(key_node, child)
            if key in first_seen:
                self.doc.duplicates.append(Duplicate(key, key_loc, first_seen[key]))
                continue  # keep the first value; the duplicate is reported
            first_seen[key] = key_loc
            self.doc.key_positions[child] = key_loc
            result[key] = self.build(value_node, child)
        return result
