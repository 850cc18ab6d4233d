"""A policy document as the reader sees it: sections with heading paths, and sentences.

Markdown is parsed with markdown-it-py (CommonMark plus tables); the token line maps give
every sentence its 1-based line. Plain text (``.txt`` or anything that is not Markdown) is
split into paragraphs; a line of its own that looks like a heading ("3. Sharing Your
Information", "SHARING YOUR INFORMATION") starts a section.

A sentence keeps the context it needs to be read on its own:

- a bold label opening a paragraph or list item (``**Log Files**: Our servers ...``) stays in
  front of the first sentence and is the ``context`` of every sentence of that block;
- a table row becomes one sentence, each cell prefixed by its header
  ("Category: Identifiers | Examples: name, email | Collected: Yes");
- every sentence knows its section's heading path and topics.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from policylint.policy.model import Section


class LazyPattern:
    """A regular expression compiled when it is first used.

    Compiling every pattern at import costs each run (a pre-commit hook, one ``extract``)
    the patterns it never uses. The first use compiles the pattern and, once
    :func:`settle` has told the pattern where it lives, puts the compiled pattern in its
    place in the module, so later look-ups go straight to it.
    """

    __slots__ = ("_source", "_flags", "_compiled", "_home", "_name")

    def __init__(self, source: str, flags: int = 0):
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern | None = None
        self._home: dict | None = None
        self._name = ""

    def __getattr__(self, attribute: str):
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._source, self._flags)
            home = self._home
            if home is not None and home.get(self._name) is self:
                home[self._name] = compiled
        return getattr(compiled, attribute)


def lazy(source: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(source, flags)


def settle(namespace: dict) -> None:
    """Let the lazy patterns of a module replace themselves there once compiled."""
    for name, value in list(namespace.items()):
        if isinstance(value, LazyPattern):
            value._home, value._name = namespace, name

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn")

TOPICS = (
    "collection",
    "use",
    "sharing",
    "cookies",
    "children",
    "security",
    "rights",
    "retention",
    "transfers",
    "contact",
    "sale",
)


@dataclass(frozen=True)
class Sentence:
    """One sentence (or table row) with where it stands and what surrounds it."""

    path: str
    text: str  # plain text, Markdown stripped; a block's bold label opens its first sentence
    line: int  # 1-based line where the sentence starts
    section: str  # heading path, "II. Information Collection > (A) Registration Information"
    topics: tuple[str, ...] = ()
    context: str = ""  # the block's bold label, or a table's header cells
    kind: str = "text"  # text | item | row | heading
    block: int = 0  # index of the paragraph / list item / table row the sentence came from
    cells: tuple[tuple[str, str], ...] = ()  # table rows: (header, cell) pairs
    section_line: int = 1  # line of the section's heading


@dataclass
class Document:
    path: str
    text: str
    title: str = ""
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    markdown: bool = True


# ---------------------------------------------------------------------------------------
# Section topics


_TOPIC_PATTERNS: list[tuple[str, LazyPattern]] = [
    (
        "collection",
        lazy(
            r"\b(collect\w*|gather\w*|obtain\w*|information (we|you)|data (we|you)|"
            r"types of (personal )?(information|data)|categories of (personal )?(information|data)|"
            r"what (personal )?(information|data)|registration|log files?|usage data|"
            r"sources? of)\b"
        ),
    ),
    ("use", lazy(r"\b(use|uses|using|purposes?|how we process|processing purposes|legal bas[ie]s)\b")),
    (
        "sharing",
        lazy(
            r"\b(shar\w*|disclos\w*|third part(y|ies)|recipients?|service providers?|"
            r"business transfers?|affiliat\w*|partners?|law enforcement)\b"
        ),
    ),
    ("cookies", lazy(r"\b(cookies?|tracking|similar technologies|web beacons?|pixels?|do not track)\b")),
    ("children", lazy(r"\b(child\w*|minors?|kids|teens?|under (the age of )?\d+|age)\b")),
    ("security", lazy(r"\b(secur\w*|safeguard\w*|protect\w*|encrypt\w*)\b")),
    (
        "rights",
        lazy(
            r"\b(rights?|choices?|opt\w* out|access (to|and)|correction|rectification|deletion|erasure|portability|withdraw\w*|"
            r"complaints?|objection|control your)\b"
        ),
    ),
    ("retention", lazy(r"\b(retention|retain\w*|how long|storage period|keep\w*)\b")),
    (
        "transfers",
        lazy(
            r"\b(international|cross border|across borders|overseas|abroad|outside (the|your)|"
            r"transfers? (of|to) (personal )?(data|information) (outside|abroad|internationally)|"
            r"data transfers?|where we (store|process))\b"
        ),
    ),
    ("contact", lazy(r"\b(contact\w*|questions|reach us|get in touch|data protection officer|dpo)\b")),
    ("sale", lazy(r"\b(sale|sell\w*|sold|do not sell)\b")),
]


@lru_cache(maxsize=1024)
def heading_topics(heading: str) -> tuple[str, ...]:
    """Topics a heading is about, from its words (the same heading is asked about often)."""
    from policylint.taxonomy import normalize

    text = normalize(heading)
    found = [topic for topic, pattern in _TOPIC_PATTERNS if pattern.search(text)]
    if "children" in found and "security" in found and not re.search(r"\bsecur", text):
        # "Protection of Minors' Information" is about children, not about security measures.
        found.remove("security")
    if "transfers" in found and re.search(r"\bbusiness transfers?\b", text):
        found.remove("transfers")
    if "use" in found and re.search(r"\b(terms of use|cookies? (we )?use)\b", text) and len(found) > 1:
        found.remove("use")
    return tuple(t for t in TOPICS if t in found)


# ---------------------------------------------------------------------------------------
# Sentence splitting

# Abbreviations after which a period never ends a sentence.
_NEVER_END = {
    "e.g", "i.e", "eg", "ie", "vs", "cf", "viz", "approx", "incl", "no", "nos", "art", "arts",
    "sec", "secs", "para", "paras", "fig", "mr", "mrs", "ms", "dr", "prof", "st", "esp", "al",
    "ca", "pp", "p", "ch", "op", "ref", "resp", "subs", "pt", "ed", "vol", "est", "dept",
}
# Abbreviations that may also end a sentence ("..., browser type, etc. These log files ..."):
# the period ends the sentence only when a typical sentence opener follows.
_MAYBE_END = {"etc", "inc", "ltd", "co", "corp", "llc", "plc", "gmbh", "u.s", "u.k", "e.u", "s.a", "b.v", "n.v", "ag", "pty", "l.l.c", "l.p", "lp", "llp"}
_OPENERS = {
    "we", "you", "our", "your", "these", "this", "those", "that", "the", "if", "in", "it", "its",
    "they", "their", "when", "where", "for", "to", "any", "all", "such", "please", "some", "as",
    "a", "an", "each", "each", "however", "although", "unless", "except", "by", "with", "there",
    "here", "no", "not", "other", "most", "many", "because", "since", "after", "before", "at",
    "on", "from", "under", "upon", "also", "further", "finally", "additionally", "moreover",
    "i", "he", "she", "what", "which", "who", "how", "why", "note", "depending", "subject",
}

_BOUNDARY = lazy(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+|$)")
_WORD_BEFORE = lazy(r"([A-Za-z][A-Za-z.]*)$")
_NEXT_WORD = lazy(r"\s*[\"'\u201c\u2018(\[*_]*([A-Za-z0-9][\w'\u2019-]*)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` in ``text``.

    A period ends a sentence when whitespace and a capital letter, digit or opening quote
    follow, and the word before it is not an abbreviation ("e.g.", "i.e.", "No.", "Dr.") or
    an initial; "etc.", "Inc." and the like end a sentence only before a typical opener
    ("We", "These", "If", ...). Decimals, URLs and e-mail addresses hold no whitespace after
    their periods, so they never split.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if end >= n or not text[end:].strip():
            continue
        following = _NEXT_WORD.match(text, end)
        if not following:
            continue
        next_word = following.group(1)
        first = next_word[0]
        if not (first.isupper() or first.isdigit()):
            continue
        punct = text[m.start()]
        if punct == ".":
            before = _WORD_BEFORE.search(text, 0, m.start())
            word = before.group(1).lower().rstrip(".") if before else ""
            if word in _NEVER_END:
                continue
            if before and len(before.group(1)) == 1 and before.group(1).isupper():
                continue  # an initial: "J. Smith"
            if word in _MAYBE_END and next_word.lower() not in _OPENERS:
                continue
            if "." in word and word not in _MAYBE_END and len(word) <= 5:
                continue  # "e.g", "a.m", "p.m", "u.s.a"
        if text[start:end].strip():
            spans.append((start, end))
        start = end
        while start < n and text[start].isspace():
            start += 1
    if text[start:].strip():
        spans.append((start, n))
    # trim surrounding whitespace
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed


# ---------------------------------------------------------------------------------------
# Building sentences from blocks


@dataclass
class _Block:
    text: str  # plain text
    breaks: list[int]  # offsets in text where a new source line starts
    line: int  # 1-based line of the block's first character
    kind: str = "text"
    label: str = ""  # bold label (without the trailing colon)
    cells: tuple[tuple[str, str], ...] = ()
    context: str = ""


class _Builder:
    """Collects sections and sentences while the blocks of a document go by."""

    def __init__(self, path: str, total_lines: int):
        self.path = path
        self.total_lines = max(total_lines, 1)
        self.stack: list[tuple[int, str]] = []  # (level, heading)
        self.title = ""
        self.sections: list[Section] = []
        self.sentences: list[Sentence] = []
        self.block_index = 0
        self._current: Section | None = None

    # sections

    def heading(self, level: int, text: str, line: int, *, title: bool = False) -> None:
        text = clean_heading(text)
        if title:
            self.title = text
            self._open_section(text, line, heading_topics(text))
            return
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, text))
        path = " > ".join(h for _, h in self.stack)
        topics = set(heading_topics(text))
        if len(self.stack) > 1:
            topics.update(heading_topics(self.stack[-2][1]))
        self._open_section(path, line, tuple(t for t in TOPICS if t in topics))

    def _open_section(self, title: str, line: int, topics: tuple[str, ...]) -> None:
        if self._current is not None:
            self._current.end_line = max(self._current.line, line - 1)
        self._current = Section(path=self.path, title=title, line=line, end_line=self.total_lines, topics=topics)
        self.sections.append(self._current)

    def current(self) -> Section:
        if self._current is None:
            self._open_section(self.title, 1, heading_topics(self.title) if self.title else ())
        return self._current

    # sentences

    def block(self, block: _Block) -> None:
        section = self.current()
        self.block_index += 1
        context = block.context or block.label
        if block.kind == "row":
            text = block.text.strip()
            if text:
                self._add(text, block.line, section, context, block)
            return
        for start, end in split_sentences(block.text):
            line = block.line + bisect.bisect_right(block.breaks, start)
            text = " ".join(block.text[start:end].split())
            self._add(text, line, section, context, block)

    def _add(self, text: str, line: int, section: Section, context: str, block: _Block) -> None:
        self.sentences.append(
            Sentence(
                path=self.path,
                text=text,
                line=line,
                section=section.title,
                topics=section.topics,
                context=context,
                kind=block.kind,
                block=self.block_index,
                cells=block.cells,
                section_line=section.line,
            )
        )

    def finish(self) -> None:
        if self._current is not None:
            self._current.end_line = max(self._current.line, self.total_lines)


_BOLD = lazy(r"\*\*|__")
_TRAILING = lazy(r"[\s:]+$")


def clean_heading(text: str) -> str:
    """A heading's text without emphasis markers or trailing colons, spaces folded."""
    text = _BOLD.sub("", text)
    text = re.sub(r"(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)", "", text)
    text = _TRAILING.sub("", " ".join(text.split()))
    return text


# ---------------------------------------------------------------------------------------
# Markdown


def _inline_text(children, first_line: int) -> tuple[str, list[int], str]:
    """Plain text of an inline token, the offsets where source lines start, and a bold label.

    The label is the bold text opening the inline when a colon (or a period or dash) closes
    it: ``**Log Files**: Our servers`` -> ("Log Files: Our servers", [...], "Log Files").
    """
    parts: list[str] = []
    breaks: list[int] = []
    length = 0
    label = ""
    # bold label at the start
    kids = list(children or [])
    i = 0
    while i < len(kids) and kids[i].type == "text" and not kids[i].content.strip():
        i += 1
    if i < len(kids) and kids[i].type in ("strong_open", "em_open"):
        close = "strong_close" if kids[i].type == "strong_open" else "em_close"
        j = i + 1
        inner = []
        while j < len(kids) and kids[j].type != close:
            if kids[j].type in ("text", "code_inline"):
                inner.append(kids[j].content)
            elif kids[j].type in ("softbreak", "hardbreak"):
                inner.append(" ")
            j += 1
        candidate = " ".join("".join(inner).split())
        after = kids[j + 1].content if j + 1 < len(kids) and kids[j + 1].type == "text" else ""
        if candidate and j < len(kids):
            if candidate.endswith((":", ".", "\u2014", "-")) or re.match(r"\s*[:.\u2013\u2014-]", after):
                label = candidate.rstrip(":.\u2013\u2014- ").strip()
    for child in kids:
        kind = child.type
        if kind in ("text", "code_inline"):
            piece = child.content
        elif kind in ("softbreak", "hardbreak"):
            piece = " "
            breaks.append(length + 1)
        elif kind == "image":
            piece = child.content or ""
        elif kind == "html_inline":
            piece = ""
        else:
            piece = ""
        parts.append(piece)
        length += len(piece)
    return "".join(parts), breaks, label


def _parse_markdown(path: str, text: str) -> Document:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(text)
    lines = text.splitlines()
    builder = _Builder(path, len(lines))

    headings = [(i, t) for i, t in enumerate(tokens) if t.type == "heading_open"]
    title_index = None
    if headings:
        first_i, first = headings[0]
        h1_count = sum(1 for _, t in headings if t.tag == "h1")
        if first.tag == "h1" and h1_count == 1 and len(headings) > 1:
            title_index = first_i

    pseudo_level = 1
    item_label: list[str] = []  # label of the enclosing list item, for its later paragraphs
    in_item = 0
    table_headers: list[str] = []
    row_cells: list[str] = []
    row_line = 0
    in_thead = False
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind == "heading_open":
            inline = tokens[i + 1]
            level = int(tok.tag[1:])
            line = tok.map[0] + 1 if tok.map else 1
            plain, _, _ = _inline_text(inline.children, line)
            builder.heading(level, plain or inline.content, line, title=(i == title_index))
            pseudo_level = level + 1
            i += 3
            continue
        if kind == "list_item_open":
            in_item += 1
            item_label.append("")
        elif kind == "list_item_close":
            in_item -= 1
            item_label.pop()
        elif kind == "thead_open":
            in_thead = True
            table_headers = []
        elif kind == "thead_close":
            in_thead = False
        elif kind == "tr_open":
            row_cells = []
            row_line = tok.map[0] + 1 if tok.map else 1
        elif kind in ("th_open", "td_open"):
            inline = tokens[i + 1]
            plain, _, _ = _inline_text(inline.children, row_line)
            plain = " ".join(plain.split())
            if in_thead:
                table_headers.append(plain)
            else:
                row_cells.append(plain)
        elif kind == "tr_close" and not in_thead:
            pairs = []
            for index, cell in enumerate(row_cells):
                header = table_headers[index] if index < len(table_headers) else ""
                if cell:
                    pairs.append((header, cell))
            text_row = " | ".join(f"{h}: {c}" if h else c for h, c in pairs)
            builder.block(
                _Block(
                    text=text_row,
                    breaks=[],
                    line=row_line,
                    kind="row",
                    cells=tuple(pairs),
                    context=" | ".join(h for h in table_headers if h),
                )
            )
        elif kind == "inline" and tokens[i - 1].type == "paragraph_open":
            line = tok.map[0] + 1 if tok.map else 1
            plain, breaks, label = _inline_text(tok.children, line)
            stripped = plain.strip()
            kids = [c for c in (tok.children or []) if not (c.type == "text" and not c.content.strip())]
            only_bold = (
                len(kids) >= 3
                and kids[0].type in ("strong_open",)
                and kids[-1].type in ("strong_close",)
                and sum(1 for c in kids if c.type == "strong_open") == 1
            )
            if only_bold and not in_item and len(stripped) <= 120 and not stripped.endswith((".", ";", ",")):
                # A paragraph that is nothing but bold text works as a sub-heading.
                builder.heading(min(pseudo_level, 6), stripped, line)
            else:
                if in_item and label:
                    item_label[-1] = label
                context_label = label or (item_label[-1] if item_label else "")
                lead = len(plain) - len(plain.lstrip())
                builder.block(
                    _Block(
                        text=plain,
                        breaks=[b for b in breaks],
                        line=line,
                        kind="item" if in_item else "text",
                        label=context_label,
                    )
                )
                del lead
        i += 1
    builder.finish()
    return Document(path=path, text=text, title=builder.title, sections=builder.sections, sentences=builder.sentences)


# ---------------------------------------------------------------------------------------
# Plain text

_NUMBERED_HEADING = lazy(
    r"^\s*(?:(?:section|article|part)\s+)?(?P<num>\d+(?:\.\d+)*\.?|[IVXLC]+\.|\(?[A-Za-z]\)|[A-Z]\.)\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_LIST_LINE = lazy(r"^\s*(?:[-*\u2022\u25cf\u25aa\u2013]|\d+[.)]|\(?[a-z]\))\s+")
_LABEL_LINE = lazy(r"^\s*(?P<label>[A-Z][^.:!?]{1,60}):\s+\S")


def _heading_level_for(line: str) -> int | None:
    """The heading level of a plain-text line on its own, or None when it is prose."""
    stripped = line.strip()
    if not stripped or len(stripped) > 100:
        return None
    if stripped.endswith((".", ";", ",", "?", "!")) and not re.match(r"^[IVXLC\d.]+\.$", stripped):
        return None
    words = stripped.split()
    if len(words) > 14:
        return None
    m = _NUMBERED_HEADING.match(stripped)
    if m:
        rest = m.group("rest")
        if not rest[:1].isupper():
            return None
        num = m.group("num")
        if re.match(r"^\d", num):
            return 1 + num.rstrip(".").count(".")
        if re.match(r"^[IVXLC]+\.$", num):
            return 1
        return 2
    letters = [c for c in stripped if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) >= 3:
        return 1
    # Title Case line: most significant words capitalized.
    significant = [w for w in words if len(w) > 3 and w[0].isalpha()]
    if significant and len(words) <= 10 and stripped[0].isupper() and ":" not in stripped and "@" not in stripped:
        capitalized = sum(1 for w in significant if w[0].isupper())
        if capitalized == len(significant):
            return 1
    return None


def _parse_text(path: str, text: str) -> Document:
    lines = text.splitlines()
    builder = _Builder(path, len(lines))
    paragraph: list[tuple[int, str]] = []
    seen_heading = False
    seen_content = False

    def flush() -> None:
        nonlocal seen_heading, seen_content
        if not paragraph:
            return
        if len(paragraph) == 1:
            number, content = paragraph[0]
            level = _heading_level_for(content)
            if level is not None:
                numbered = bool(_NUMBERED_HEADING.match(content.strip()))
                is_title = not seen_heading and not seen_content and not numbered
                builder.heading(level, content.strip(), number, title=is_title)
                seen_heading = True
                paragraph.clear()
                return
        # list items each form a block; other lines join into one paragraph
        chunks: list[list[tuple[int, str]]] = []
        for number, content in paragraph:
            if _LIST_LINE.match(content) or not chunks:
                chunks.append([(number, content)])
            else:
                chunks[-1].append((number, content))
        for chunk in chunks:
            first_number = chunk[0][0]
            pieces = []
            breaks = []
            length = 0
            for k, (_, content) in enumerate(chunk):
                piece = content.strip()
                if k == 0:
                    piece = _LIST_LINE.sub("", piece, count=1) if _LIST_LINE.match(content) else piece
                else:
                    pieces.append(" ")
                    length += 1
                    breaks.append(length)
                pieces.append(piece)
                length += len(piece)
            body = "".join(pieces)
            label_match = _LABEL_LINE.match(body)
            builder.block(
                _Block(
                    text=body,
                    breaks=breaks,
                    line=first_number,
                    kind="item" if _LIST_LINE.match(chunk[0][1]) else "text",
                    label=label_match.group("label").strip() if label_match else "",
                )
            )
        seen_content = True
        paragraph.clear()

    for number, content in enumerate(lines, start=1):
        if not content.strip():
            flush()
            continue
        paragraph.append((number, content))
    flush()
    builder.finish()
    return Document(
        path=path, text=text, title=builder.title, sections=builder.sections, sentences=builder.sentences, markdown=False
    )


def is_markdown(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def parse_document(path: str, text: str, *, markdown: bool | None = None) -> Document:
    """Sections and sentences of one policy document (Markdown or plain text)."""
    if markdown is None:
        markdown = is_markdown(path)
    if markdown:
        document = _parse_markdown(path, text)
        if _looks_like_plain_text(document, text):
            # A plain-text policy saved with a Markdown name ("1. ABOUT THIS NOTICE" would
            # otherwise read as a list item): read it as the plain text it is.
            plain = _parse_text(path, text)
            plain.markdown = True
            return plain
        return document
    return _parse_text(path, text)


def _looks_like_plain_text(document: Document, text: str) -> bool:
    if len(document.sections) > 1 or document.title:
        return False
    if re.search(r"^\s*(#{1,6}\s|\|.*\||[-*]\s+\*\*|\*\*[^*]+\*\*\s*$)", text, re.MULTILINE):
        return False
    headings = 0
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if line.strip()]
        if len(lines) == 1 and _heading_level_for(lines[0]) is not None:
            headings += 1
    return headings >= 2


settle(globals())
