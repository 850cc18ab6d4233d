"""The policy reader: sentences in, declarations out.

Reading is driven by the taxonomy. Every vocabulary's aliases are compiled once into a
word trie (:class:`PhraseMatcher`); a sentence is normalised with :func:`taxonomy.normalize`,
cut into words, and the longest phrase starting at each word wins (a plural ``-s``/``-es``/
``-ies`` is accepted on the last word). Roots ("information", "personal data", "third
party") are never phrases: they name everything and so declare nothing.

What a matched phrase declares depends on cues around it:

- practice verbs ("collect", "receive", "record", "use ... to", "share with", "disclose to",
  "sell", "retain ... for", "encrypt") and the section the sentence stands in (a category
  named in a collection or cookie section is collected even without a verb; a list under a
  sharing heading names recipients);
- negation ("we do not", "never", "will not", "no", "without"), scoped to its clause and to
  the practice its verb names: "we will not share your email address" denies sharing, not
  collecting. A negation whose subject is the reader ("if you do not agree", "you should
  not") or that belongs to a fixed phrase ("including but not limited to") negates nothing;
- conditions of a purpose: consent ("if you consent", "with your consent", "opt in", "if you
  choose to subscribe") and anonymised use ("in anonymous or aggregated form",
  "de-identified"), scoped to the clause that states them (a leading "If you consent ..."
  governs the whole sentence). A purpose takes a condition only when the sentences that state
  it carry one (:func:`purpose_condition`), and the declaration records which do;
- grants: a right is promised only when the sentence grants it to the reader ("you have the
  right", "you can", "upon your request", a list under "Your rights"), not when a right's word
  describes staff permissions or a practice of the company's;
- vendor names: capitalised names of third parties, typed by the recipient phrase, function or
  name next to them (:meth:`Reader._vendors`).

Patterns are compiled when first used (:func:`~policylint.policy.document.lazy`) and the phrase
matcher is built once per process from the taxonomy's already normalised aliases: a pre-commit
run reads one small policy, and set-up is most of its cost.

When a statement and its denial meet on the same key (in one document or across the
privacy policy and the cookie notice), both evidences are kept; see :func:`resolve_stance`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from policylint.durations import UNIT_DAYS, to_iso
from policylint.findings import Evidence
from policylint.policy.document import Document, Sentence, lazy, settle
from policylint.policy.model import (
    COLLECTS,
    DOES_NOT_COLLECT,
    DOES_NOT_SHARE,
    DOES_NOT_USE,
    SHARES,
    USES,
    Children,
    Cookies,
    Declaration,
    Declarations,
    Placeholder,
    Promise,
    Retention,
    RetentionPeriod,
    Sale,
    Transfers,
)
from policylint.taxonomy import ROOT_PHRASES, Taxonomy, normalize

MATCH_KINDS = (
    "data_category",
    "data_use",
    "recipient_type",
    "cookie_purpose",
    "technology",
    "security_measure",
    "right",
)

_END = "\x00"
_TOKEN = lazy(r"[^\W_]+(?:\.[^\W_]+)*|[^\w\s]")

# Phrases that name nothing in particular, whatever vocabulary lists them.
_GENERIC_PHRASES = set(ROOT_PHRASES) | {
    "user",
    "users",
    "system",
    "personal",
    "your information",
    "your data",
    "your personal information",
    "your personal data",
    "collect",
    "use",
    "service",
    "services",
    "provide",
    "other",
}


@dataclass(frozen=True)
class Match:
    start: int  # word index
    end: int  # word index after the last word
    phrase: str
    keys: tuple[tuple[str, str], ...]  # (kind, key)

    def key(self, kind: str) -> str | None:
        for k, key in self.keys:
            if k == kind:
                return key
        return None


_NO_STEMS: tuple[str, ...] = ()


def _plural_stems(word: str) -> tuple[str, ...]:
    if word[-1:] != "s":
        return _NO_STEMS  # most words: asked for at every position of every sentence
    stems = _STEMS.get(word)
    if stems is None:
        found = []
        if len(word) > 3 and word.endswith("ies"):
            found.append(word[:-3] + "y")
        if len(word) > 2 and word.endswith("es"):
            found.append(word[:-2])
        if len(word) > 1:
            found.append(word[:-1])
        stems = _STEMS[word] = tuple(found)
    return stems


_STEMS: dict[str, tuple[str, ...]] = {}


# A key's last segment is a phrase of its own only when it names the thing without help:
# everyday words ("account", "settings", "state", "public", "security") are phrases only when
# the taxonomy lists them as aliases, and otherwise need the qualifier its aliases carry
# ("account information", "state of residence", "security alert").
_GENERIC_LEAVES = {
    "data_category": {
        "system", "authentication", "operations", "account", "settings", "authorization",
        "credentials", "behavior", "usage", "preferences", "voice", "health", "contact",
        "address", "city", "country", "state", "street", "url", "organization", "content",
        "private", "public", "communications", "demographic", "language", "profile", "device",
        "browser", "cookie", "location", "imprecise", "precise", "payment", "financial",
        "social", "pseudonymous", "sensor", "immigration", "first", "last", "record id",
    },
    "data_use": {
        "reporting", "system", "performance", "collect", "essential", "service",
        "authentication", "notifications", "email", "sms", "operations", "support",
        "security", "upgrades", "functional", "storage", "content", "limited", "serving",
        "targeted", "contextual", "communications", "sales", "profiled", "first party",
        "third party", "improve",
    },
    # "the confidentiality and integrity of data" is a property of data; the promise is an
    # obligation ("confidentiality obligations", "bound by confidentiality"), which the
    # taxonomy's aliases name.
    "security_measure": {"confidentiality"},
}
# Kinds whose one-word phrases do not take a plural: "emails" are messages, not an e-mail
# address; "contacts" an address book, "states" countries.
_SINGULAR_ONLY = {"data_category"}
_NO_PLURAL = "\x01"
_WEAK = "\x02"


_NORMAL_PHRASE = lazy(r"[a-z0-9]+(?: [a-z0-9]+)*")


def _normal(text: str) -> str:
    """``text`` as the matcher compares it (:func:`taxonomy.normalize`), cheaply when it already is."""
    return text if _NORMAL_PHRASE.fullmatch(text) else normalize(text)


def _term_phrases(term) -> tuple[set[str], list[str]]:
    """A term's aliases, and all its phrases in order (aliases, then the key's leaf), normalised.

    The same phrases as ``Term.phrases``, without normalising what the data already holds
    normalised.
    """
    aliases = [_normal(a) for a in term.aliases]
    leaf = _normal(term.key.rsplit(".", 1)[-1].replace("_", " "))
    ordered = [p for p in dict.fromkeys(aliases + [leaf]) if p]
    return set(aliases), ordered


class PhraseMatcher:
    """Every alias of every vocabulary in one word trie: leftmost-longest phrase matching.

    Some phrases are *weak*: an everyday key leaf ("location", "city") and the plural of a
    one-word data-category phrase ("fingerprints", "emails"). A weak match stands only inside
    an enumeration of data ("your name, email address, phone number or location") or alone
    in a table cell; elsewhere it is dropped ("the store handles the payment", "our emails").
    """

    def __init__(self, taxonomy: Taxonomy, kinds: tuple[str, ...] = MATCH_KINDS):
        self.root: dict = {}
        self.words: set[str] = set()  # every word of every phrase: the vocabulary's ordinary words
        for kind in kinds:
            try:
                vocab = taxonomy[kind]
            except KeyError:
                continue
            generic = _GENERIC_LEAVES.get(kind, set())
            terms = list(vocab.terms.values())
            # The taxonomy stores its aliases normalised (the data tests hold it to that), so a
            # phrase is normalised only when it is not already: building the matcher is most
            # of a first read's set-up, and runs once per process.
            phrases = [(term, _term_phrases(term)) for term in terms]
            # phrase -> key, as Vocabulary.resolve answers: a key's own words first, then
            # each term's phrases in file order (the first term to list a phrase owns it)
            owner: dict[str, str] = {}
            for term in terms:
                if "." not in term.key:
                    owner.setdefault(_normal(term.key.replace("_", " ")), term.key)
            for term, (_, term_phrases) in phrases:
                for phrase in term_phrases:
                    owner.setdefault(phrase, term.key)
            for term, (aliases, term_phrases) in phrases:
                if kind == "data_category" and term.parent is None:
                    continue  # a data-category root ("user", "system") covers everything
                leaf = term_phrases[-1] if term_phrases else ""
                for phrase in term_phrases:
                    if phrase in _GENERIC_PHRASES:
                        continue
                    weak = phrase == leaf and phrase not in aliases and phrase in generic
                    if weak and kind != "data_category":
                        continue
                    key = term.key if weak else (owner.get(phrase) or term.key)
                    if phrase.replace(" ", "").isalnum() and "  " not in phrase:
                        words = phrase.split(" ")
                    else:
                        words = _TOKEN.findall(phrase)
                        if not words or any(not w[0].isalnum() for w in words):
                            continue
                    self.words.update(words)
                    node = self.root
                    for word in words:
                        node = node.setdefault(word, {})
                    if weak:
                        if _END not in node or kind not in node[_END]:
                            node.setdefault(_WEAK, {}).setdefault(kind, key)
                        continue
                    node.setdefault(_END, {}).setdefault(kind, key)
                    node.get(_WEAK, {}).pop(kind, None)
                    if len(words) == 1 and kind in _SINGULAR_ONLY:
                        node.setdefault(_NO_PLURAL, set()).add(kind)

    def find(self, words: list[str]) -> list[Match]:
        found: list[Match] = []
        i, n = 0, len(words)
        root = self.root
        while i < n:
            node = root
            best: tuple[int, dict, bool] | None = None
            j = i
            while j < n:
                word = words[j]
                for stem in _plural_stems(word):
                    child = node.get(stem)
                    if child is None or (best is not None and j + 1 <= best[0]):
                        continue
                    if _END in child:
                        values = child[_END]
                        if j == i and _NO_PLURAL in child:
                            strong = {k: v for k, v in values.items() if k not in child[_NO_PLURAL]}
                            weak = {k: v for k, v in values.items() if k in child[_NO_PLURAL]}
                            if strong:
                                best = (j + 1, strong, False)
                            elif weak:
                                best = (j + 1, weak, True)
                        else:
                            best = (j + 1, values, False)
                    elif _WEAK in child:
                        best = (j + 1, child[_WEAK], True)
                child = node.get(word)
                if child is None:
                    break
                node = child
                j += 1
                if _END in node:
                    best = (j, node[_END], False)
                elif _WEAK in node and (best is None or j > best[0]):
                    best = (j, node[_WEAK], True)
            if best is None:
                i += 1
                continue
            end, values, weak = best
            if weak and not _in_enumeration(words, i, end, root):
                i += 1
                continue
            found.append(Match(i, end, " ".join(words[i:end]), tuple(sorted(values.items()))))
            # English compounds put the head last: in "product analytics provider" the
            # phrase that runs on past this one ("analytics provider") names the thing too.
            following = None
            for k in range(i + 1, end):
                longer = self._longest_strong(words, k)
                if longer is not None and longer[0] > end:
                    following = (k, longer)
                    break
            if following is not None:
                k, (k_end, k_values) = following
                found.append(Match(k, k_end, " ".join(words[k:k_end]), tuple(sorted(k_values.items()))))
                end = k_end
            i = end
        return found

    def _longest_strong(self, words: list[str], start: int) -> tuple[int, dict] | None:
        node = self.root
        best = None
        for j in range(start, len(words)):
            for stem in _plural_stems(words[j]):
                child = node.get(stem)
                if child is not None and _END in child and not (j == start and _NO_PLURAL in child):
                    best = (j + 1, child[_END])
            child = node.get(words[j])
            if child is None:
                break
            node = child
            if _END in node:
                best = (j + 1, node[_END])
        return best


_LIST_GLUE = {",", "and", "or", "your", "a", "an", "the", "their", "his", "her", "its", "our", "any", "/", "&", "(", ")"}
_CELL_EDGE = {";", "|", ":", "."}


def _strong_at(words: list[str], start: int, root: dict) -> bool:
    node = root
    for j in range(start, min(len(words), start + 8)):
        child = node.get(words[j])
        if child is None:
            for stem in _plural_stems(words[j]):
                c = node.get(stem)
                if c is not None and _END in c and "data_category" in c[_END] and not (j == start and _NO_PLURAL in c):
                    return True
            return False
        node = child
        if _END in node and "data_category" in node[_END]:
            return True
    return False


def _strong_ending_at(words: list[str], end: int, root: dict) -> bool:
    for start in range(max(0, end - 8), end):
        node = root
        ok = True
        for j in range(start, end):
            child = node.get(words[j])
            if child is None and j == end - 1:
                child = next((node[s] for s in _plural_stems(words[j]) if s in node and _END in node[s]), None)
            if child is None:
                ok = False
                break
            node = child
        if ok and _END in node and "data_category" in node[_END]:
            return True
    return False


def _in_enumeration(words: list[str], start: int, end: int, root: dict) -> bool:
    """A weak phrase counts next to a data-category phrase in a list, or alone in a cell."""
    left = start
    while left > 0 and words[left - 1] in _LIST_GLUE:
        left -= 1
    right = end
    while right < len(words) and words[right] in _LIST_GLUE:
        right += 1
    glued_left = left < start and any(w in (",", "and", "or", "&", "/") for w in words[left:start])
    glued_right = right > end and any(w in (",", "and", "or", "&", "/") for w in words[end:right])
    if glued_left and left > 0 and _strong_ending_at(words, left, root):
        return True
    if glued_right and right < len(words) and _strong_at(words, right, root):
        return True
    alone_left = start == 0 or words[start - 1] in _CELL_EDGE
    alone_right = end == len(words) or words[end] in _CELL_EDGE
    return alone_left and alone_right


@lru_cache(maxsize=4)
def _matcher_for(taxonomy_id: int, taxonomy: Taxonomy) -> PhraseMatcher:
    return PhraseMatcher(taxonomy)


def matcher(taxonomy: Taxonomy) -> PhraseMatcher:
    return _matcher_for(id(taxonomy), taxonomy)


# ---------------------------------------------------------------------------------------
# Cue words (normalised: lower case, apostrophes dropped)

_NEGATIONS = {
    "not", "never", "dont", "doesnt", "didnt", "wont", "cannot", "cant", "isnt", "arent",
    "wasnt", "werent", "havent", "hasnt", "hadnt", "shouldnt", "wouldnt", "neither", "nor",
    "no", "nobody", "nothing", "none", "without", "prohibit", "prohibits", "prohibited", "forbid", "forbids",
}
# Word sequences in which a negation word negates no practice.
_NOT_NEGATION = [
    ("not", "limited", "to"), ("not", "limited"), ("not", "only"), ("or", "not"), ("no", "longer"),
    ("no", "later"), ("no", "more", "than"), ("no", "less", "than"), ("no", "matter"),
    ("not", "to", "be", "discriminated"), ("without", "limitation"), ("without", "notice"),
    ("without", "prejudice"), ("without", "affecting"), ("without", "undue"), ("without", "delay"),
    ("not", "affect"), ("will", "not", "affect"), ("no", "charge"), ("no", "cost"), ("no", "fee"),
    ("without", "charge"), ("not", "apply"), ("does", "not", "apply"), ("not", "cover"),
    ("not", "be", "able"), ("no", "time"), ("without", "time", "limit"),
]
_ADVERBS = {
    "knowingly", "intentionally", "directly", "ever", "actively", "otherwise", "also",
    "currently", "generally", "routinely", "automatically", "even", "deliberately",
    "willingly", "voluntarily", "purposely", "be", "have", "been", "any", "the", "your",
    "you", "us", "to", "it", "them", "this", "that", "or", "and", "try", "attempt", "ask",
    "use", "need", "want", "intend", "request",
}
_BE = {"is", "are", "was", "were", "be", "been", "being", "get", "gets"}
_IRREGULAR_PARTICIPLES = {
    "sold", "seen", "kept", "known", "shown", "given", "sent", "held", "made", "taken",
    "shared", "read", "built", "stored", "leave", "leaves", "left", "visible",
}

COLLECT_VERBS = {
    "collect", "collects", "collected", "collecting", "collection", "gather", "gathers",
    "gathered", "gathering", "obtain", "obtains", "obtained", "obtaining", "receive",
    "receives", "received", "receiving", "record", "records", "recorded", "recording", "log",
    "logs", "logged", "logging", "capture", "captures", "captured", "acquire", "acquires",
    "acquired", "ask", "asks", "asked", "request", "store", "stores", "stored", "storing",
    "keep", "keeps", "kept", "retain", "retains", "retained", "save", "saves", "saved", "see",
    "sees", "seen", "access", "upload", "uploads", "uploaded", "contain", "contains",
    "contained", "track", "tracks", "tracked", "tracking", "process", "processes",
    "processed", "processing", "hold", "holds", "held", "read", "derive", "derives",
    "derived", "infer", "inferred", "estimate", "estimates", "know", "learn", "visible",
    "leave", "leaves", "send", "sends", "sent",
}
# A person handing data over is a collection too: "you give us", "you provide", "you add".
PROVIDE_VERBS = {
    "provide", "provides", "provided", "give", "gives", "gave", "add", "adds", "enter",
    "enters", "entered", "submit", "submits", "submitted", "type", "post", "posts", "posted",
    "upload", "choose", "tell", "share", "connect", "create", "include", "includes",
    "including", "such",
}
USE_VERBS = {
    "use", "uses", "used", "using", "build", "builds", "train", "trains", "trained", "show",
    "shows", "shown", "serve", "serves", "display", "displays", "target", "targets", "profile",
    "analyze", "analyse", "analyzes", "analyses", "analyzed", "combine", "combines", "personalize",
    "personalise", "sell", "sells", "sold", "process", "processes", "processed",
}
SHARE_VERBS = {
    "share", "shares", "shared", "sharing", "disclose", "discloses", "disclosed", "disclosing",
    "sell", "sells", "sold", "selling", "rent", "rents", "rented", "trade", "trades", "traded",
    "transfer", "transfers", "transferred", "give", "gives", "pass", "passes", "passed",
    "send", "sends", "sent", "provide", "provides", "make", "release", "reveal", "license",
    "available", "receives", "receive",
}
_PRACTICE_VERBS = COLLECT_VERBS | USE_VERBS | SHARE_VERBS

_SUBJECTS = {"we", "you", "they", "it", "i", "he", "she", "this", "these", "those", "which", "who", "our", "us", "please"}
_CLAUSE_WORDS = {"but", "however", "except", "unless", "although", "though", "whereas", "instead", "besides"}
_CLAUSE_PAIRS = {("other", "than"), ("apart", "from"), ("aside", "from"), ("so", "that")}

_CHILD_RE = lazy(
    r"\b(child|children|childrens|childs|minor|minors|kids?|teens?|teenagers?|underage|"
    r"under (the age of )?\d{1,2}\b|younger than \d{1,2}\b|below the age of \d{1,2}\b|"
    r"at least \d{1,2} years|\d{1,2} years (of age )?or older|\d{1,2} years old)"
)
_AGE_RE = lazy(
    r"\b(?:under(?: the age of)?|younger than|below(?: the age of)?|at least|aged?(?: of)?|"
    r"over(?: the age of)?|(?:anyone|children|users|persons|people|individuals) under)\s+(\d{1,2})\b"
    r"|\b(\d{1,2})\s+(?:years? (?:of age|old)|or older|and older|or over|and over)"
)
_NOT_DIRECTED_RE = lazy(
    r"\b(not|never)( \w+){0,2} (intended|directed|designed|meant|targeted|aimed|marketed|made|for use|"
    r"suitable|available|allowed|permitted)\b"
    r"|\b(dont|do not|does not|will not|wont|never) (knowingly |intentionally |deliberately )?"
    r"(collect|solicit|ask|request|process|market|target|allow|permit)"
    r"|\bmust be (at least )?\d{1,2}\b|\bonly (for|to) (adults|people|persons|users|individuals)"
    r"|\b(prohibit|prohibited|not permitted|not allowed|may not use|should not use|must not use)\b"
    r"|\bintended for (adults|users|people|persons|individuals) (aged |over |age |\d)"
)
_DIRECTED_RE = lazy(
    r"\b(designed|intended|directed|made|built) (for|to|at) (children|kids|young children|families with children)"
    r"|\b(parental consent|verifiable parental|coppa)\b"
)

_SELL_RE = lazy(r"\b(sell|sells|sold|selling|rent|rents|rented|renting|trade|trades|traded)\b")
_SALE_OBJECT_RE = lazy(r"\b(information|data|details|addresses|it|them|lists?|profiles?)\b")

_CONSENT_LEAD_RE = lazy(
    r"^(only )?(if|where|when|once|after|provided( that)?|subject to|with|upon) (you |your )?"
    r"((have |had |previously |explicitly |expressly |first |also )*)"
    r"(consent|agree|opt|opted|allow|permit|authori[sz]e|choose to (subscribe|receive|opt|sign up|allow|enable)|"
    r"subscribe|sign up for|tick|check the box|give (us )?(your )?(consent|permission)|enable|turn on|"
    r"(prior |explicit |express |separate )*(consent|permission))"
)
_CONSENT_INLINE_RE = lazy(
    r"\b(with|upon|based on|subject to|only after|after obtaining|requires?|with your) (your )?"
    r"(prior |explicit |express |separate |specific )*(consent|permission|opt in)\b"
    r"|\b(if|only if|where|once|when|provided) (you )?(have )?(explicitly |expressly |also )?"
    r"(consent|consented|agree|agreed|opt in|opted in|allow|choose to (subscribe|receive|opt in)|tick|subscribe)\b"
    r"|\bopt in\b|\bdouble opt in\b|\b(legal|lawful) basis (explicit |express )?consent\b|\(consent\)|\bconsent prompt\b"
    r"|\bonly after you confirm\b"
)
_ANON_RE = lazy(
    r"\b(anonymi[sz]ed|anonymous(ly)?|aggregated?|aggregate form|de ?identified|deidentified|"
    r"pseudonymi[sz]ed|in (an )?anonymous|statistical form|cannot identify individual|"
    r"no longer (relate|identify)|non identifiable|"
    r"(from which|so that|such that|in which|where|by which) (no|none of|nobody|no one|neither)( \w+){0,4} (can|could|may|will) (be )?(re )?identif(y|ied)|"
    r"(cannot|can not|could not|does not|do not|will not) (be used to )?(re )?identify (you|any|individual|individuals|a person|people|users)|"
    r"not (personally )?identifiable)\b"
)
# A condition clause of its own ("..., but only if you opt in by texting JOIN") qualifies the
# clause before it.
_TRAILING_CONDITION_RE = lazy(r"^(but )?only (if|with|after|when|once|where)\b|^(but )?provided( that)?\b")
# A legal-basis table cell that names consent makes the row's purposes opt-in.
_BASIS_HEADER_RE = lazy(r"\b(legal|lawful) basis|\bbasis\b")
_BASIS_CONSENT_RE = lazy(r"^(\W*)(explicit |express |your |prior )*consent\b")

_RETENTION_VERB_RE = lazy(
    r"\b(retain|retains|retained|retention|keep|keeps|kept|store|stores|stored|hold|holds|held|"
    r"delete|deletes|deleted|deletion|erase|erases|erased|purge|purged|remove|removes|removed|"
    r"anonymi[sz]e|overwritten|overwrite|de identify|destroy|destroyed|preserve|preserved|"
    r"archive|archived|kept for)\b"
)
_LIMITED_RE = lazy(
    r"\b(as long as (is )?(reasonably )?(necessary|needed|required)|for as long as (necessary|needed|required|you|your|we need|the law)|"
    r"no longer than (is )?(necessary|needed|required)|only (for )?as long as|"
    r"(until|when|once) (it is |they are |we )?no longer (need|needed|necessary|required)|"
    r"as long as your account|as long as you (have|keep|maintain|use)|until you (delete|close|unsubscribe|withdraw|cancel|remove)|"
    r"while your account|for the (period|time) (necessary|needed|required)|"
    r"for as long as (we|it|they) (need|are needed)|as long as we need|"
    r"retention period|limited period|delete (it|them|your \w+) when)\b"
)
_INDEFINITE_RE = lazy(r"\b(indefinitely|forever|permanently retain|retain(ed)? permanently|kept permanently|without (any )?time limit|unlimited period)\b")
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "eighteen": 18, "twenty": 20, "thirty": 30, "forty": 40,
    "forty five": 45, "fifty": 50, "sixty": 60, "ninety": 90, "twenty four": 24, "thirty six": 36,
}
_PERIOD_RE = lazy(
    r"\b(\d{1,4}|" + "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True)) + r")"
    r"(?: \(\d{1,4}\))? (calendar |full |business )?(day|days|week|weeks|month|months|year|years)\b"
)


def _period(value: int, unit: str) -> tuple[str, float]:
    """``(30, "days")`` -> ``("P30D", 30.0)``: the ISO 8601 duration and its days."""
    unit = unit.rstrip("s")
    return to_iso(value, unit), value * UNIT_DAYS[unit]

_TRANSFER_RE = lazy(
    r"\b(international (data )?transfers?|transferred internationally|cross border|across borders|"
    r"other countries|another country|countries outside|outside (of )?(the |your )?(country|countries|uk|united kingdom|eea|"
    r"european economic area|european union|eu|switzerland|united states|us|jurisdiction)|"
    r"third countr(y|ies)|standard contractual clauses|adequacy decision|data privacy framework|"
    r"binding corporate rules|overseas|abroad)\b"
)
_TRANSFER_PLACE_RE = lazy(
    r"\b(in|to) the (united states|us|usa|u.s|united kingdom|uk)\b|\bin (the )?(india|china|canada|singapore|japan|australia)\b"
)
_TRANSFER_VERB_RE = lazy(
    r"\b(transfer|transfers|transferred|store|stores|stored|process|processes|processed|host|hosts|hosted|"
    r"located|access|accessed|move|moved|send|sent)\b"
)

_HOST_RE = lazy(r"\b(hosts (our|the|its)|hosted (by|with|at|on servers of)|(that|which|who) host (our|the))\b")
_PUBLIC_RE = lazy(
    r"\b(shown publicly|displayed publicly|publicly (visible|available|displayed|shown)|(is|are) public|"
    r"visible to (anyone|everyone|the public|all users|other (users|members|players|participants))|"
    r"(anyone|everyone) (can|may|will be able to) (see|view|read)|can be (seen|read|viewed) by (anyone|everyone|the public)|"
    r"public leaderboards?)\b"
)
# A named vendor whose type the sentence leaves unsaid gets it from what it does for the
# company: "sent to Google Analytics" in an analytics sentence, "Buttondown sends the newsletter".
_PURPOSE_RECIPIENT = (
    ("analytics", "analytics_provider"),
    ("marketing.advertising", "advertising_network"),
    ("essential.service.payment_processing", "payment_processor"),
    ("marketing.communications.email", "email_service_provider"),
    ("essential.service.notifications.email", "email_service_provider"),
    ("essential.service.operations.support", "customer_support_platform"),
)
_COOKIE_PURPOSE_RECIPIENT = {"analytics": "analytics_provider", "advertising": "advertising_network"}
_VENDOR_CUE_RE = lazy(
    r"\b(sent to|send (it|them|this|that|\w+) to|shared? with|disclosed? to|processed by|provided by|handled by|"
    r"hosted by|run by|operated by|powered by|set by|sent by|delivered by|sends|receives?|we (also )?(use|work with|rely on|partner with)|using|via|through|"
    r"(pay|paid|paying) with|rented from|"
    r"on our behalf|processes|stores|hosts)\b"
)

_CONTROL_RE = lazy(
    r"\b(browser settings?|browser data|settings of your browser|(block|disable|delete|clear|remove|refuse|manage) (\w+ ){0,3}in your browser|block|disable|disabled|reject|refuse|decline|choose (whether )?to (save|accept|allow|store)|"
    r"delete (the )?cookies|clear (your )?(browser|cookies|local storage|it)|manage (your )?(cookie )?(preferences|settings|choices)|"
    r"cookie (settings|preferences|banner|choices)|opt out|withdraw (your )?consent|change your (choice|choices|preferences|settings)|"
    r"turn(ing)? off|switch(ed)? off|accept or reject|privacy settings|reset your|deleting the app|device settings)\b"
)

_EMAIL_RE = lazy(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE_RE = lazy(r"(?<![\w.])\+?\(?\d[\d ().-]{7,}\d(?![\w.])")
_CONTACT_CUE_RE = lazy(
    r"\b(e ?mail|email address|phone|telephone|tel|call us|mailing address|postal address|address|"
    r"write to us|contact form|web form|online form|contact us|reach us|get in touch|"
    r"data protection officer|dpo|attn)\b"
)

_PLACEHOLDER_BRACE_RE = lazy(r"\{\{\s*[^{}\n]*?\s*\}\}|\{%[^%\n]*%\}")
_BRACKET_RE = lazy(r"\[([^\[\]\n]{1,200})\](?!\(|\[|:)")
_PLACEHOLDER_CUE_RE = lazy(
    r"\b(insert|enter|name|date|address|number|phone|email|e mail|company|organi[sz]ation|url|link|"
    r"website|site|specific|state|country|jurisdiction|city|year|contact|officer|dpo|todo|tbd|"
    r"placeholder|business|product|app|legal entity|entity|amount|period|days|months|here|"
    r"your|our|xx+|details?|region|domain)\b",
    re.IGNORECASE,
)

# Security measures stated by cue rather than by one alias.
_ENCRYPT_RE = lazy(r"\b(encrypt\w*|cipher\w*|tls|ssl|https|aes( \d+)?)\b")
_TRANSIT_RE = lazy(
    r"\b(in transit|transmission|transmissions|transmitted|transmit|transmitting|transfers? of data|tls|ssl|https|"
    r"(encrypted|secure) connections?|traffic|over (the )?(internet|network|web)|in motion|send|sends|sent|sending|travels?)\b"
)
_REST_RE = lazy(
    r"\b(at rest|stored|store|stores|storing|storage|saved|in (our|the|its) databases?|databases?|"
    r"on (our|the|its) (servers?|systems?|disks?|drives?)|disks?|hard drives?|file systems?|aes( \d+)?)\b"
)
# Words that open the continuation of an encryption statement after a comma ("encrypted in
# transit, and at rest"; "when we store it, and when we send it over the internet").
_QUALIFIER_OPENERS = {"in", "at", "when", "while", "whenever", "during", "before", "whether", "on", "both", "as", "once"}
# Confidentiality obligations: the taxonomy's `confidentiality` aliases name them, and so do
# these sentence shapes. Either counts only when it binds recipients (see _binds_recipients).
_CONFIDENTIALITY_RE = lazy(
    r"\b(confidentiality (obligations?|agreements?|clauses?|undertakings?|requirements?|terms|commitments?)|"
    r"(bound|obliged|obligated|required) (by|to) (a |strict |the same |appropriate )?(duty of |obligations of )?confidentiality|obligations? of confidentiality|"
    r"(keep|treat|hold) (it|them|your (personal )?(information|data)|the (information|data)|such (information|data)) (strictly )?confidential|"
    r"non disclosure agreements?|data processing (agreements?|addendum|addenda|terms)|"
    r"contractually (limited|bound|required|obligated|obliged|prohibited|restricted))\b"
)
# A party the obligation binds when no recipient type names it in the sentence: "require them
# to", or a sentence opening with a pronoun for the recipients the paragraph has just named.
_BOUND_PARTY_RE = lazy(
    r"\b(require|requires|required|oblige|obliges|bind|binds|ask|asks)\b (them|it|each( of them)?|all( of them)?|these|those|such)\b"
    r"|^(they|these|those|each|all of them|such|which|who)\b"
)
_BREACH_RE = lazy(r"\b(breach\w*|incident\w*|leak\w*|compromise\w*)\b")
_NOTIFY_RE = lazy(r"\b(notify|notified|notification|inform|informed|tell you|let you know)\b")
# A right is promised when the sentence grants it to the reader: "you have the right",
# "you can", "you may request", "upon your request", "contact us to", an unsubscribe link, or
# a sentence in a section about rights whose subject is the person (list items under "You have
# the right to:"). A right word that describes someone else's permissions ("employees' access
# rights", "unauthorized access") or a practice of the company's ("we delete your data") grants
# nothing.
# The reader or a class of people the policy addresses, then (within five words) a modal or
# a right they have: "you can", "California residents have the right", "parents may". A
# grantee word before a data noun ("student data") names data, not a person.
_GRANTEE_WORDS = {
    "you", "user", "users", "individual", "individuals", "resident", "residents", "consumer",
    "consumers", "customer", "customers", "member", "members", "parent", "parents", "guardian",
    "guardians", "school", "schools", "teacher", "teachers", "student", "students", "contact",
    "contacts", "driver", "drivers", "candidate", "candidates", "applicant", "applicants", "visitor",
    "visitors", "reader", "readers", "player", "players", "people", "person", "persons",
    "subscriber", "subscribers", "anyone", "everyone",
}
_DATA_NOUNS = {"data", "information", "content", "account", "accounts", "record", "records", "profile", "profiles", "details"}
_GRANTEE_PAIRS = {("data", "subject"), ("data", "subjects"), ("account", "holder"), ("account", "holders")}
_GRANT_MODALS = {"can", "may", "could", "might"}
_GRANT_BE = {("are", "able"), ("is", "able"), ("are", "entitled"), ("is", "entitled"), ("are", "free")}
_GRANT_HAVE = {"have", "has", "retain", "keep"}
_GRANT_DETERMINERS = {"the", "a", "certain", "several", "these", "those", "following", "other", "legal", "statutory", "specific"}
_GRANT_OBJECTS = {"right", "rights", "option", "options", "choice"}
# Other ways a sentence grants: "your rights", "upon your request", "contact us to", "if you
# wish", an unsubscribe link, an instruction ("To opt out, click ...").
_GRANT_RE = lazy(
    r"\b(have|has) rights\b"
    r"|\byour (\w+ )?(rights?|requests?|choices?|options?)\b"
    r"|\b(upon|at|on|following) (your |their )?(\w+ )?request\b|\brequests? (to|for) (us|access|deletion|erasure|correction|a copy)\b"
    r"|\b(ask|contact|email|e mail|write to|tell|message|call) (us|me|our \w+( \w+)?)\b( \w+){0,3} to\b|\b(ask|tell) (us|me)\b|\blet (us|me) know\b"
    r"|\bif you (want|wish|would like|prefer|choose|decide|ask|request|no longer want)\b"
    r"|\b(unsubscribe|opt out|preference|cookie settings|manage preferences) (link|button|page|centre|center)\b"
    r"|^(to (unsubscribe|opt out|withdraw|delete|request|exercise|access|object|correct|export|download)|"
    r"(please )?(use|click|tap|visit|go to|open|select|choose|contact|email|write|follow|reply))\b"
)


def _grants(words: list[str], text: str) -> bool:
    """The words (``text``: the same words, normalised) grant the reader something."""
    return _grantee_can(words) or bool(_GRANT_RE.search(text))


def _grantee_can(words: list[str]) -> bool:
    n = len(words)
    for i, word in enumerate(words):
        if word in _GRANTEE_WORDS:
            after = i + 1
        elif i + 1 < n and (word, words[i + 1]) in _GRANTEE_PAIRS:
            after = i + 2
        else:
            continue
        if after < n and words[after] in _DATA_NOUNS:
            continue  # "student data", "user information": not a person
        # up to five words between: "individuals in the United Kingdom may"
        for k in range(after, min(n, after + 6)):
            word_k = words[k]
            if word_k in _GRANT_MODALS:
                return True
            if k + 1 < n and (word_k, words[k + 1]) in _GRANT_BE:
                return True
            if word_k == "will" and words[k + 1 : k + 3] == ["be", "able"]:
                return True
            have = k + 1 if word_k in ("also", "always", "still") else k
            if have < n and words[have] in _GRANT_HAVE and have + 1 < n and words[have + 1] in _GRANT_DETERMINERS:
                rest = words[have + 2 : have + 4]
                if rest[:1] and rest[0] in _GRANT_OBJECTS or rest[1:] and rest[1] in _GRANT_OBJECTS:
                    return True
            if not word_k.isalnum() or word_k in ("we", "our", "us"):
                break
    return False


# Words before a one-word right phrase that make it someone else's permission or a quality
# of a system ("unauthorized access", "employees access", "location access").
_RIGHT_WORD_BEFORE_OK = {
    "to", "of", "and", "or", "for", "by", "with", "via", "through", "without", "in", "on", "at",
    "request", "requests", "requesting", "you", "can", "may", "might", "could", "also", "the", "a",
    "an", "right", "rights", "your", "their", "obtain", "get", "have", "has", "exercise", "seek",
    "ask", "want", "wish", "subject", "full", "easy", "own", "i", "we", "please", "then", "simply",
    "always", "still", "will", "would", "should", "must", "not", "nor", "later", "data",
}
_RIGHT_WORD_AFTER_OK = {
    "to", "of", "and", "or", "the", "your", "my", "their", "his", "her", "it", "them", "this", "that",
    "these", "those", "any", "all", "some", "a", "an", "personal", "information", "data", "what",
    "request", "requests", "at", "in", "by", "from", "for", "with", "where", "if", "when", "under",
    "as", "on", "via", "through", "without", "only", "also", "art", "article",
}


# ---------------------------------------------------------------------------------------
# Sentence analysis


@dataclass
class _Negation:
    index: int
    start: int  # scope, word indices
    end: int
    practice: str  # collect | use | share | any


@dataclass
class _Analysis:
    sentence: Sentence
    norm: str
    words: list[str]
    matches: list[Match]
    clause_of: list[int]
    negations: list[_Negation]
    consent_all: bool
    consent_clauses: set[int]
    anon_clauses: set[int]
    anon_all: bool
    cancelled_clauses: set[int]  # "never ... without your consent": the negation is a condition
    child: bool
    names: list[tuple[str, int]] | None = None  # proper names in the sentence, computed on demand
    offsets: list[int] = field(default_factory=list)  # character offset of each word in ``norm``

    def negation_for(self, match: Match) -> _Negation | None:
        cid = self.clause_of[match.start] if match.start < len(self.clause_of) else -1
        if cid in self.cancelled_clauses:
            return None
        for neg in self.negations:
            if neg.start <= match.start < neg.end:
                return neg
        return None


def _words_of(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _clauses(words: list[str]) -> list[int]:
    clause_of = []
    cid = 0
    n = len(words)
    for i, word in enumerate(words):
        boundary = False
        if word in (";", ":", "|"):
            boundary = True
        elif word in _CLAUSE_WORDS:
            boundary = True
        elif i + 1 < n and (word, words[i + 1]) in _CLAUSE_PAIRS:
            boundary = True
        elif word in ("and", "or", "so", "while") and i > 0 and words[i - 1] == "," and i + 1 < n and words[i + 1] in _SUBJECTS | {"nobody", "the", "no"}:
            boundary = True
        if boundary and i > 0:
            cid += 1
        clause_of.append(cid)
    return clause_of


def _practice_of(word: str) -> str | None:
    if word in SHARE_VERBS and word not in COLLECT_VERBS and word not in USE_VERBS:
        return "share"
    if word in ("sell", "sells", "sold", "selling", "rent", "trade", "disclose", "disclosed", "share", "shared", "sharing"):
        return "share"
    if word in COLLECT_VERBS:
        return "collect"
    if word in USE_VERBS:
        return "use"
    if word in SHARE_VERBS:
        return "share"
    return None


def _negations(words: list[str], clause_of: list[int]) -> list[_Negation]:
    found: list[_Negation] = []
    n = len(words)
    skip_until = -1
    for i, word in enumerate(words):
        if i < skip_until or word not in _NEGATIONS:
            continue
        fixed = False
        for seq in _NOT_NEGATION:
            # the negation word may sit anywhere in the fixed sequence
            for offset, part in enumerate(seq):
                if part != word:
                    continue
                start = i - offset
                if start >= 0 and tuple(words[start : start + len(seq)]) == seq:
                    fixed = True
                    break
            if fixed:
                break
        if fixed:
            # "no longer collect" is a negation after all
            if word == "no" and i + 2 < n and words[i + 1] == "longer" and _practice_of(words[i + 2]):
                fixed = False
            else:
                continue
        cid = clause_of[i]
        # whose negation? the nearest subject before it in the clause
        subject = None
        for k in range(i - 1, -1, -1):
            if clause_of[k] != cid:
                break
            if words[k] in _SUBJECTS:
                subject = words[k]
                break
        if subject in ("you", "please") and not (i + 1 < n and words[i + 1] in ("to",)):
            continue
        clause_start = next((k for k in range(i, -1, -1) if k == 0 or clause_of[k - 1] != cid), 0)
        clause_end = next((k for k in range(i, n) if clause_of[k] != cid), n)
        if word == "without":
            # "without ads", "without them": a short scope
            practice = "any"
            found.append(_Negation(i, i + 1, min(clause_end, i + 5), practice))
            continue
        # the verb it governs
        practice = "any"
        verb_at = None
        for k in range(i + 1, min(clause_end, i + 7)):
            p = _practice_of(words[k])
            if p:
                practice, verb_at = p, k
                break
            if words[k] not in _ADVERBS and words[k] not in _NEGATIONS and words[k] not in (
                "will", "would", "do", "does", "did", "shall", "can", "may", "might", "must", "should",
                "or", "and", ",", "we", "ourselves", "further", "routinely", "any", "to"
            ):
                if words[k] in _BE:
                    continue
                break
        start = i + 1
        passive = False
        before = words[max(clause_start, i - 2) : i]
        if verb_at is not None and (any(b in _BE for b in before) or words[verb_at] in ("leave", "leaves")):
            verb = words[verb_at]
            if verb.endswith("ed") or verb in _IRREGULAR_PARTICIPLES or verb in ("leave", "leaves"):
                passive = True
        if (verb_at is None and words[i] in ("never",) and any(b in _BE for b in before)) or words[i] in ("nobody", "none", "nothing"):
            passive = passive or words[i] != "nobody"
        if passive:
            start = clause_start
        found.append(_Negation(i, start, clause_end, practice))
        skip_until = i + 1
    return found


_BRACES = lazy(r"\{\{[^{}]*\}\}")


def analyse(sentence: Sentence, phrase_matcher: PhraseMatcher, text: str | None = None) -> _Analysis:
    # A template field names nothing: "{{ developer_email }}" is not an e-mail address.
    norm = normalize(_BRACES.sub(" placeholder ", text if text is not None else sentence.text))
    words = _words_of(norm)
    matches = phrase_matcher.find(words)
    clause_of = _clauses(words)
    negations = _negations(words, clause_of)
    # conditions
    consent_all = bool(_CONSENT_LEAD_RE.match(norm))
    if not consent_all and sentence.context and sentence.kind != "row":
        # "**Marketing Communications (Optional)**: If you consent ...": the label stands in
        # front of the sentence; the condition still leads it.
        label = normalize(sentence.context)
        if norm.startswith(label):
            rest = norm[len(label) :].lstrip(" :.-\u2013\u2014()")
            consent_all = bool(_CONSENT_LEAD_RE.match(rest))
    consent_clauses: set[int] = set()
    anon_clauses: set[int] = set()
    cancelled: set[int] = set()
    offsets = _word_offsets(norm, words)
    for m in _CONSENT_INLINE_RE.finditer(norm):
        cid = _clause_at(offsets, clause_of, m.start())
        consent_clauses.add(cid)
        if cid > 0 and _TRAILING_CONDITION_RE.match(_clause_words(words, clause_of, cid)):
            consent_clauses.add(cid - 1)
    for m in re.finditer(r"\bwithout (your |the )?(prior |explicit |express )*(consent|permission|authori[sz]ation|agreement)\b", norm):
        cid = _clause_at(offsets, clause_of, m.start())
        cancelled.add(cid)
        consent_clauses.add(cid)
    anon_all = False
    for m in _ANON_RE.finditer(norm):
        cid = _clause_at(offsets, clause_of, m.start())
        anon_clauses.add(cid)
        # "in aggregated form, from which no Driver can be identified": the negation belongs
        # to the anonymisation, not to the use
        first = bisect.bisect_left(offsets, m.start())
        last = bisect.bisect_left(offsets, m.end())
        negations = [n for n in negations if not first <= n.index < last]
    child = bool(_CHILD_RE.search(norm))
    return _Analysis(
        sentence=sentence,
        norm=norm,
        words=words,
        matches=matches,
        clause_of=clause_of,
        negations=negations,
        consent_all=consent_all,
        consent_clauses=consent_clauses,
        anon_clauses=anon_clauses,
        anon_all=anon_all,
        cancelled_clauses=cancelled,
        child=child,
        offsets=offsets,
    )


def _clause_words(words: list[str], clause_of: list[int], cid: int) -> str:
    return " ".join(w for w, c in zip(words, clause_of) if c == cid)


def _word_offsets(norm: str, words: list[str]) -> list[int]:
    offsets = []
    pos = 0
    for word in words:
        at = norm.find(word, pos)
        offsets.append(at)
        pos = at + len(word)
    return offsets


def _clause_at(offsets: list[int], clause_of: list[int], char: int) -> int:
    import bisect

    index = max(0, bisect.bisect_right(offsets, char) - 1)
    if index >= len(clause_of):
        return clause_of[-1] if clause_of else 0
    # a cue standing at a comma-separated list position belongs to the words around it
    return clause_of[index]


def _segment_of(words: list[str], index: int) -> tuple[int, int]:
    """The comma-separated stretch of words around ``index`` (for scoping conditions)."""
    start = index
    while start > 0 and words[start - 1] not in (",", ";", ":", "|"):
        start -= 1
    end = index
    while end < len(words) and words[end] not in (",", ";", ":", "|"):
        end += 1
    return start, end


# ---------------------------------------------------------------------------------------
# Accumulating declarations


@dataclass
class _Hit:
    evidence: Evidence
    stance: str
    strength: int
    phrase: str
    condition: str | None = None
    # purposes: ``states`` is False when the sentence only mentions the purpose ("you can
    # unsubscribe from the newsletter", "Buttondown sends the newsletter"); ``dedicated`` is
    # True when the sentence stands where the policy addresses this purpose on its own (under
    # a heading or a bold label naming it).
    states: bool = True
    dedicated: bool = False


@dataclass
class _Entry:
    hits: list[_Hit] = field(default_factory=list)
    names: set[str] = field(default_factory=set)


POSITIVE = {"data_categories": COLLECTS, "purposes": USES, "recipients": SHARES}
NEGATIVE = {"data_categories": DOES_NOT_COLLECT, "purposes": DOES_NOT_USE, "recipients": DOES_NOT_SHARE}


def resolve_stance(kind: str, hits: list[_Hit]) -> str:
    """One stance for a key stated both ways.

    A positive statement with an explicit practice verb ("we collect your email address")
    outweighs a denial of equal strength: denials are often narrower than they read ("we
    never see your online banking password" next to "we collect a password"; "we do not
    collect ... from children"). A denial wins over a positive reading that rests on section
    context alone (a category named under a collection heading with no verb), and over no
    positive at all. Both evidences are kept either way, so a person can see the conflict.
    """
    positive = [h.strength for h in hits if h.stance == POSITIVE[kind]]
    negative = [h.strength for h in hits if h.stance == NEGATIVE[kind]]
    if positive and (not negative or max(positive) >= max(negative)):
        return POSITIVE[kind]
    return NEGATIVE[kind]


def purpose_condition(hits: list[_Hit]) -> tuple[str | None, list[Evidence]]:
    """The condition of a purpose, and the sentences that carry it.

    A condition belongs to the sentence (and clause) that states it: "If you consent, we send
    you marketing materials about ... promotional activities" makes the marketing emails
    opt-in, not every mention of marketing. The purpose takes a condition when every sentence
    that states it carries one (mentions, such as "you can unsubscribe from the newsletter",
    are left out), or else when the sentences where the policy addresses this purpose on its
    own (under a heading or label naming it) all carry it. Consent outweighs anonymisation:
    an opt-in use in aggregated form is opt-in.
    """
    stating = [h for h in hits if h.states] or hits
    by_sentence: dict[tuple, list[_Hit]] = {}
    for hit in stating:
        e = hit.evidence
        by_sentence.setdefault((e.path, e.line, e.text), []).append(hit)

    def sentence_condition(group: list[_Hit]) -> str | None:
        conditions = {h.condition for h in group if h.condition}
        return "consent" if "consent" in conditions else ("anonymized" if conditions else None)

    for groups in (list(by_sentence.values()), [g for g in by_sentence.values() if any(h.dedicated for h in g)]):
        if not groups:
            continue
        conditions = [sentence_condition(g) for g in groups]
        if all(conditions):
            condition = "consent" if "consent" in conditions else "anonymized"
            carrying = [h.evidence for g, c in zip(groups, conditions) for h in g[:1] if c == condition]
            return condition, carrying
    return None, []


def evidence_of(sentence: Sentence) -> Evidence:
    return Evidence(path=sentence.path, line=sentence.line, section=sentence.section, text=sentence.text)


def sort_evidence(evidence) -> list[Evidence]:
    unique = {(e.path, e.line, e.section, e.text): e for e in evidence}
    return [unique[k] for k in sorted(unique, key=lambda k: (k[0], k[1], k[3], k[2]))]


class _Collector:
    def __init__(self):
        self.entries: dict[str, dict[str, _Entry]] = {"data_categories": {}, "purposes": {}, "recipients": {}}
        self.security: dict[str, list[Evidence]] = {}
        self.rights: dict[str, list[Evidence]] = {}
        self.cookie_evidence: list[Evidence] = []
        self.cookie_purposes: dict[str, list[Evidence]] = {}
        self.technologies: dict[str, list[Evidence]] = {}
        self.cookie_control: list[Evidence] = []
        self.children: list[tuple[str, int | None, Evidence]] = []
        self.children_mentions: list[Evidence] = []
        self.sale: list[tuple[str, Evidence]] = []
        self.retention: list[tuple[str, Evidence]] = []
        self.periods: list[RetentionPeriod] = []
        self.transfers: list[Evidence] = []
        self.contact: list[Evidence] = []
        self.placeholders: list[Placeholder] = []
        # Named parties that receive data with no recipient type of their own, with the
        # sentences that say so: service providers, unless typed elsewhere.
        self.unattributed_names: dict[str, list[Evidence]] = {}

    def add(
        self, kind: str, key: str, stance: str, sentence: Sentence, phrase: str, strength: int = 2,
        condition: str | None = None, states: bool = True, dedicated: bool = False,
    ) -> None:
        entry = self.entries[kind].setdefault(key, _Entry())
        entry.hits.append(_Hit(evidence_of(sentence), stance, strength, phrase, condition, states, dedicated))

    def promise(self, kind: str, key: str, sentence: Sentence) -> None:
        getattr(self, kind).setdefault(key, []).append(evidence_of(sentence))


# ---------------------------------------------------------------------------------------
# The reader


class Reader:
    """Reads the sentences of one or more documents into one set of declarations."""

    def __init__(self, taxonomy: Taxonomy | None = None):
        if taxonomy is None:
            from policylint.taxonomy import load

            taxonomy = load()
        self.taxonomy = taxonomy
        self.matcher = matcher(taxonomy)
        self.out = _Collector()
        self._doc: _DocumentNames | None = None
        self._dedicated_cache: dict[tuple[str, str], set[str]] = {}
        self._phrase_cache: dict[str, list[Match]] = {}
        self._vendor_type_keys: set[str] | None = None

    def _maybe(self, kind: str):
        try:
            return self.taxonomy[kind]
        except KeyError:
            return None

    # -- documents

    def read(self, document: Document, cookie_notice: bool = False) -> None:
        previous: _Analysis | None = None
        doc = self._doc = _DocumentNames.of(document, self.matcher)
        cookie_doc = cookie_notice or _is_cookie_document(document)
        for sentence in document.sentences:
            if sentence.kind == "row":
                analysis = self._read_row(sentence, cookie_doc)
            else:
                analysis = analyse(sentence, self.matcher)
                self._read_sentence(analysis, previous, cookie_doc)
            self._vendors(analysis, doc)
            previous = analysis

    # -- sentences

    def _read_sentence(self, a: _Analysis, previous: _Analysis | None, cookie_doc: bool) -> None:
        s = a.sentence
        topics = set(s.topics)
        cookie_context = self._cookie_context(a, cookie_doc)
        self._technologies(a, cookie_context)
        self._data_categories(a, previous, cookie_context)
        self._purposes(a, cookie_context)
        self._recipients(a)
        self._security(a, previous)
        self._rights(a)
        self._children(a)
        self._sale(a)
        self._retention(a)
        self._transfers(a)
        self._contact(a, topics)

    # data categories

    def _collection_context(self, a: _Analysis, cookie_context: bool) -> int:
        """How strongly the sentence states collection: 2 verb, 1 section context, 0 none."""
        s = a.sentence
        words = set(a.words)
        if words & COLLECT_VERBS or (words & PROVIDE_VERBS and ("you" in words or "us" in words)):
            return 2
        if re.search(r"\b(tells? us|let us know|we learn|we see|we get|we have access|via|through)\b", a.norm):
            return 2
        if words & (USE_VERBS | SHARE_VERBS):
            return 2
        topics = set(s.topics)
        if re.search(r"\b(delete|deleted|deletes|erase|erased|purge|purged|anonymi[sz]e)\b", a.norm):
            return 2
        if topics & {"collection", "cookies", "retention"} or cookie_context:
            return 1
        label = normalize(s.context)
        if re.search(r"\b(data|information|details|records|logs?)\b", label) and s.kind in ("item", "text"):
            return 1
        return 0

    def _data_categories(self, a: _Analysis, previous: _Analysis | None, cookie_context: bool) -> None:
        s = a.sentence
        strength = self._collection_context(a, cookie_context)
        on_device = bool(
            re.search(
                r"\b(only|locally|stays?|remain|remains|kept|saved|stored) (only )?(on|in) (your|the) (own )?(device|phone|computer|browser)|"
                r"\b(stored|saved|kept) locally\b|never leaves? (your|the) device",
                a.norm,
            )
        )
        found_any = False
        for match in a.matches:
            key = match.key("data_category")
            if not key:
                continue
            if self._contact_destination(a, match):
                # "we will send you news to your email address", "we may call you at the phone
                # number you gave us": data the company contacts you by is data it holds
                if a.negation_for(match) is None and not a.child:
                    self.out.add("data_categories", key, COLLECTS, s, match.phrase, 2)
                    found_any = True
                continue
            if _sent_to_user(a, match):
                continue  # "we send you ... billing information": what goes out, not what is collected
            if _modifier_or_count_noun(a.words, match):
                continue  # "your email program", "an email": not the data
            neg = a.negation_for(match)
            if a.child:
                # Statements about children's data speak of children only.
                continue
            if neg is not None:
                if neg.practice in ("collect", "any"):
                    self.out.add("data_categories", key, DOES_NOT_COLLECT, s, match.phrase, 2)
                    found_any = True
                continue
            if on_device:
                self.out.add("data_categories", key, DOES_NOT_COLLECT, s, match.phrase, 1)
                continue
            if _collected_by_third_party(a, match):
                continue  # "Stripe, which collects your payment card details"
            if strength:
                self.out.add("data_categories", key, COLLECTS, s, match.phrase, strength)
                found_any = True
        if a.child:
            self._childrens_data(a)
        # "They are never uploaded ...": a denial about what the previous sentence (or the
        # block's label) named.
        if not found_any and previous is not None and previous.sentence.block == s.block and a.negations:
            if a.words and a.words[0] in ("they", "it", "these", "this", "those") and not a.child:
                neg = a.negations[0]
                if neg.practice in ("collect", "any"):
                    for match in previous.matches + self._label_matches(s):
                        key = match.key("data_category")
                        if key:
                            self.out.add("data_categories", key, DOES_NOT_COLLECT, s, match.phrase, 2)

    def _contact_destination(self, a: _Analysis, match: Match) -> bool:
        """The phrase is where the company reaches the person: "to your email address"."""
        key = match.key("data_category")
        if not key or not self.taxonomy.data_categories.is_within(key, "user.contact"):
            return False
        k = match.start - 1
        while k >= 0 and a.words[k] in _DESTINATION_MODIFIERS:
            k -= 1
        if k < 0 or a.words[k] not in ("to", "at", "on", "via", "using"):
            return False
        cid = a.clause_of[match.start]
        return any(w in _CONTACT_VERBS for w, c in zip(a.words, a.clause_of) if c == cid)

    def _label_matches(self, s: Sentence) -> list[Match]:
        if not s.context or s.kind == "row":
            return []
        return self._phrases_in(s.context)

    def _phrases_in(self, text: str) -> list[Match]:
        """The phrases of a label, heading or name (each asked about many times)."""
        found = self._phrase_cache.get(text)
        if found is None:
            found = self._phrase_cache[text] = self.matcher.find(_words_of(normalize(text)))
        return found

    def _childrens_data(self, a: _Analysis) -> None:
        s = a.sentence
        if "user.childrens" not in self.taxonomy.data_categories:
            return
        collects = bool(a.words and set(a.words) & COLLECT_VERBS)
        if not collects:
            return
        denied = any(n.practice in ("collect", "any") for n in a.negations)
        if denied:
            self.out.add("data_categories", "user.childrens", DOES_NOT_COLLECT, s, "children", 2)
            return
        if re.search(r"\b(if|inadvertently|discover|learn|believe|become aware|find out|suspect|unless)\b", a.norm):
            return
        self.out.add("data_categories", "user.childrens", COLLECTS, s, "children", 2)

    # purposes

    def _purposes(self, a: _Analysis, cookie_context: bool) -> None:
        s = a.sentence
        for match in a.matches:
            key = match.key("data_use")
            if not key:
                continue
            neg = a.negation_for(match)
            if neg is not None:
                self.out.add("purposes", key, DOES_NOT_USE, s, match.phrase, 2)
                continue
            condition = self._condition(a, match)
            states = not self._mentions_purpose(a, match)
            dedicated = key in self._dedicated_purposes(s)
            self.out.add("purposes", key, USES, s, match.phrase, 2, condition, states, dedicated)

    def _mentions_purpose(self, a: _Analysis, match: Match) -> bool:
        """The sentence names the purpose without stating a use of data for it.

        A bold label standing alone, a quoted name ("Help improve Coach"), a right about it
        ("unsubscribe from the newsletter"), a retention or security statement, or a third
        party's own doing ("Buttondown sends the newsletter"). Such a mention neither gives a
        purpose its condition nor takes it away.
        """
        s = a.sentence
        words = a.words
        if (
            s.context and s.kind != "row" and len(s.text) <= len(s.context) + 3
            and normalize(s.text).strip(" .:;") == normalize(s.context).strip(" .:;")
        ):
            return True  # the bold label on its own: "Newsletter subscribers."
        quotes = sum(1 for w in words[: match.start] if w in ('"', "\u201c", "\u201d"))
        if quotes % 2 == 1:
            return True
        cid = a.clause_of[match.start]
        if any(m.key("right") and a.clause_of[m.start] == cid for m in a.matches):
            return True
        own = set(_own_topics(s.section.rsplit(">", 1)[-1]))
        if own & {"retention", "security", "rights"} and "use" not in own:
            return True
        names = self._names_of(a)
        if names:
            if any(position == 0 for _, position in names):
                return True  # "Buttondown sends ...", "Brevo, our email service provider, sends ..."
            if re.search(r"\b(sent|delivered|provided|processed|handled|operated|run|hosted|powered|managed) (by|through|via) [A-Z]", s.text):
                return True
        return False

    def _names_of(self, a: _Analysis) -> list[tuple[str, int]]:
        if a.names is None:
            a.names = _proper_names(a.sentence, self._doc) if self._doc is not None else []
        return a.names

    def _dedicated_purposes(self, s: Sentence) -> set[str]:
        """Purposes the sentence's bold label (or, without one, its own heading) names."""
        label = s.context if s.kind != "row" else ""
        heading = s.section.rsplit(">", 1)[-1]
        cache_key = (label, heading)
        found = self._dedicated_cache.get(cache_key)
        if found is None:
            found = set()
            for text in (label, heading):
                if text:
                    found = {m.key("data_use") for m in self._phrases_in(text) if m.key("data_use")}
                    if found:
                        break
            self._dedicated_cache[cache_key] = found
        return found

    def _condition(self, a: _Analysis, match: Match) -> str | None:
        cid = a.clause_of[match.start]
        if a.consent_all:
            return "consent"
        start, end = _segment_of(a.words, match.start)
        segment = " ".join(a.words[start:end])
        if _CONSENT_INLINE_RE.search(segment) or (cid in a.consent_clauses and cid not in a.cancelled_clauses and self._clause_single_purpose(a, cid)):
            return "consent"
        if cid in a.cancelled_clauses:
            return "consent"
        if _ANON_RE.search(segment):
            return "anonymized"
        if cid in a.anon_clauses and self._clause_single_purpose(a, cid):
            return "anonymized"
        return None

    def _clause_single_purpose(self, a: _Analysis, cid: int) -> bool:
        keys = {m.key("data_use") for m in a.matches if m.key("data_use") and a.clause_of[m.start] == cid}
        return len(keys) <= 2

    # recipients

    def _recipients(self, a: _Analysis) -> None:
        s = a.sentence
        for index, match in enumerate(a.matches):
            key = match.key("recipient_type")
            if not key:
                continue
            if _names_the_company(a.words, match):
                continue  # "we act as a service provider": the company itself
            if _after_place_preposition(a.words, match.start):
                continue  # a place ("stored in data centres") or a source ("from data brokers")
            if match.end < len(a.words) and a.words[match.end] in _RECIPIENT_MODIFIED:
                continue  # "affiliate links", "processor agreements": an arrangement, not a recipient
            neg = a.negation_for(match)
            if neg is not None:
                if neg.practice in ("share", "use", "any"):
                    self.out.add("recipients", key, DOES_NOT_SHARE, s, match.phrase, 2)
                continue
            self.out.add("recipients", key, SHARES, s, match.phrase, 2)
        # "Shopify, which hosts our online store", "providers that host our game servers"
        host = _HOST_RE.search(a.norm)
        if host and "hosting_provider" in self.taxonomy.recipient_types and not any(
            m.key("recipient_type") in ("hosting_provider", "cloud_provider") for m in a.matches
        ):
            index = len(_words_of(a.norm[: host.start()]))
            sharing = "sharing" in s.topics or any(m.key("recipient_type") for m in a.matches) or re.search(r"[A-Z]\w+", s.text[1:])
            if sharing and not any(n.start <= index < n.end for n in a.negations):
                self.out.add("recipients", "hosting_provider", SHARES, s, host.group(0), 2)
        # What is published is disclosed to other users and the public.
        public = _PUBLIC_RE.search(a.norm)
        if public and "other_users" in self.taxonomy.recipient_types:
            index = len(_words_of(a.norm[: public.start()]))
            if not any(n.start <= index < n.end for n in a.negations):
                self.out.add("recipients", "other_users", SHARES, s, public.group(0), 2)

    # cookies and technologies

    def _cookie_context(self, a: _Analysis, cookie_doc: bool) -> bool:
        s = a.sentence
        if any(m.key("technology") for m in a.matches):
            self._tech_block = s.block
            return True
        if getattr(self, "_tech_block", None) == s.block and s.kind != "row":
            return True  # the paragraph has just named the technology
        label = s.context
        if label and self._phrases_in(label):
            if any(m.key("technology") for m in self._label_matches(s)):
                return True
            if s.kind != "row":
                return False
        own = s.section.rsplit(">", 1)[-1]
        if "cookies" in _own_topics(own):
            return True
        if cookie_doc:
            return True
        return False

    def _technologies(self, a: _Analysis, cookie_context: bool) -> None:
        s = a.sentence
        for match in a.matches:
            key = match.key("technology")
            if not key:
                continue
            neg = a.negation_for(match)
            if neg is not None:
                continue
            self.out.technologies.setdefault(key, []).append(evidence_of(s))
            self.out.cookie_evidence.append(evidence_of(s))
        for match in a.matches:
            # "analytics cookies", "advertising SDKs": a phrase whose head is a technology
            if match.key("technology") or a.negation_for(match) is not None:
                continue
            head = a.words[match.end - 1 : match.end]
            if match.end - match.start > 1 and head:
                for tech in self.matcher.find(head):
                    key = tech.key("technology")
                    if key:
                        self.out.technologies.setdefault(key, []).append(evidence_of(s))
                        self.out.cookie_evidence.append(evidence_of(s))
        if cookie_context:
            for match in a.matches:
                key = match.key("cookie_purpose")
                if not key or a.negation_for(match) is not None:
                    continue
                self.out.cookie_purposes.setdefault(key, []).append(evidence_of(s))
                self.out.cookie_evidence.append(evidence_of(s))
            control = _CONTROL_RE.search(a.norm)
            if control and re.search(r"\b(you|your)\b", a.norm):
                index = len(_words_of(a.norm[: control.start()]))
                if not any(n.start <= index < n.end or (n.index < index and a.clause_of[n.index] == a.clause_of[min(index, len(a.clause_of) - 1)]) for n in a.negations):
                    self.out.cookie_control.append(evidence_of(s))

    # security

    def _security(self, a: _Analysis, previous: _Analysis | None = None) -> None:
        s = a.sentence
        keys = set()
        confidentiality = False
        for match in a.matches:
            key = match.key("security_measure")
            if not key or a.negation_for(match) is not None:
                continue
            if key == "confidentiality":
                confidentiality = True  # decided below, with the cue
                continue
            if key == "backups" and _after_place_preposition(a.words, match.start):
                continue  # "deleted from our backups within 60 days": a place, not a promise
            keys.add(key)
        vocab = self._maybe("security_measure")
        if vocab is None:
            return
        has = vocab.__contains__
        if not any(n.practice == "any" and n.start == 0 for n in a.negations):
            transit, rest, plain = _encryption_scope(a)
            if transit and has("encryption_in_transit"):
                keys.add("encryption_in_transit")
            if rest and has("encryption_at_rest"):
                keys.add("encryption_at_rest")
            if plain and has("encryption"):
                keys.add("encryption")
        if ("encryption_in_transit" in keys or "encryption_at_rest" in keys) and "encryption" in keys:
            keys.discard("encryption")
        if _BREACH_RE.search(a.norm) and _NOTIFY_RE.search(a.norm) and has("breach_notification"):
            keys.add("breach_notification")
        # Confidentiality obligations binding the recipients of personal data (the promise the
        # missing-agreement check holds recipients to): named by the taxonomy's aliases or by
        # the sentence shape, and only when the sentence binds a recipient. "The confidentiality
        # and integrity of data during transmission" is a property of data, and "we process
        # Customer Data as a processor under our Data Processing Addendum" binds the company.
        cue = _CONFIDENTIALITY_RE.search(a.norm)
        if cue is not None:
            at = len(_words_of(a.norm[: cue.start()]))
            if any(n.start <= at < n.end for n in a.negations):
                cue = None
        if (confidentiality or cue is not None) and has("confidentiality") and self._binds_recipients(a, previous):
            keys.add("confidentiality")
        for key in sorted(keys):
            self.out.promise("security", key, s)

    def _binds_recipients(self, a: _Analysis, previous: _Analysis | None) -> bool:
        """The sentence puts an obligation on recipients of the data, not on the company or staff."""
        for match in a.matches:
            if match.key("recipient_type") and not _names_the_company(a.words, match) and not _after_place_preposition(a.words, match.start):
                return True
        if _BOUND_PARTY_RE.search(a.norm):
            if not a.norm.startswith(("they", "these", "those", "each", "all", "such", "which", "who")):
                return True
            # a pronoun for the recipients the paragraph (or its label) has just named
            named = (previous.matches if previous is not None and previous.sentence.block == a.sentence.block else []) + self._label_matches(a.sentence)
            if any(m.key("recipient_type") for m in named) or "sharing" in a.sentence.topics:
                return True
        return False

    # rights

    def _rights(self, a: _Analysis) -> None:
        s = a.sentence
        matches = [m for m in a.matches if m.key("right") and a.negation_for(m) is None]
        if not matches:
            return
        in_rights = "rights" in s.topics
        granted = _grants(a.words, a.norm)
        for match in matches:
            if not _right_word_is_a_right(a.words, match):
                continue
            subject = _clause_subject(a, match.start)
            if subject in ("we", "i", "they", "it", "staff"):
                # the company (or someone else) acting: a right only when the clause itself
                # answers the person's request ("we will delete it at your request")
                clause = [w for w, c in zip(a.words, a.clause_of) if c == a.clause_of[match.start]]
                if not _grants(clause, " ".join(clause)):
                    continue
            elif not (granted or (in_rights and subject in (None, "you"))):
                continue
            self.out.promise("rights", match.key("right"), s)

    # children

    def _children(self, a: _Analysis) -> None:
        s = a.sentence
        if not a.child:
            return
        text = a.norm
        ages = [int(g1 or g2) for g1, g2 in _AGE_RE.findall(text) if (g1 or g2)]
        ages = [age for age in ages if 5 <= age <= 21]
        if _NOT_DIRECTED_RE.search(text):
            self.out.children.append(("not_directed", ages[0] if ages else None, evidence_of(s)))
        elif _DIRECTED_RE.search(text) and not re.search(r"\b(not|never)\b", text):
            self.out.children.append(("directed", ages[0] if ages else None, evidence_of(s)))
        else:
            self.out.children_mentions.append(evidence_of(s))

    # sale

    def _sale(self, a: _Analysis) -> None:
        s = a.sentence
        text = a.norm
        if re.search(r"\bdo not sell( or share)? my\b", text) and not re.search(r"\bwe\b", text):
            return  # the name of an opt-out link
        offsets = a.offsets or _word_offsets(text, a.words)
        for m in _SELL_RE.finditer(text):
            index = next((i for i, off in enumerate(offsets) if off == m.start()), None)
            if index is None:
                continue
            if index > 0 and a.words[index - 1] in ("asset", "assets"):
                continue
            if "whether" in a.words[max(0, index - 4) : index] or (index + 1 < len(a.words) and a.words[index + 1] in ("from", "by")):
                continue  # "whether we have sold", "a server rented from"
            cid = a.clause_of[index]
            clause_words = [w for i, w in enumerate(a.words) if a.clause_of[i] == cid]
            clause = " ".join(clause_words)
            if not (_SALE_OBJECT_RE.search(clause) or "sale" in s.topics):
                continue
            negated = any(n.start <= index < n.end or (n.index < index and a.clause_of[n.index] == cid) for n in a.negations)
            self.out.sale.append(("does_not_sell" if negated else "sells", evidence_of(s)))
            return

    # retention

    def _retention(self, a: _Analysis) -> None:
        s = a.sentence
        text = a.norm
        in_section = "retention" in s.topics
        verb = bool(_RETENTION_VERB_RE.search(text))
        if not (verb or in_section):
            return
        periods = []
        if verb or in_section:
            for m in _PERIOD_RE.finditer(text):
                before = text[max(0, m.start() - 30) : m.start()]
                if re.search(r"\b(preceding|past|last|previous|within the|every|each|per|once a|under|over|aged?)\s*$", before) and not re.search(r"\bwithin\s*$", before):
                    if not re.search(r"\b(within|after|for)\s*$", before):
                        continue
                if re.search(r"\b(old|of age)\b", text[m.end() : m.end() + 8]):
                    continue
                number, unit = m.group(1), m.group(3)
                value = int(number) if number.isdigit() else _NUMBER_WORDS.get(number, 0)
                if not value:
                    continue
                periods.append(_period(value, unit))
        if periods and not _retention_refers_to_user_action(text):
            categories = sorted(
                {m.key("data_category") for m in a.matches if m.key("data_category") and a.negation_for(m) is None}
            )
            for duration, days in periods:
                for category in categories or [None]:
                    self.out.periods.append(RetentionPeriod(duration, days, category, [evidence_of(s)]))
            self.out.retention.append(("stated_period", evidence_of(s)))
            return
        if _INDEFINITE_RE.search(text) and not re.search(r"\b(aggregated|anonymi[sz]ed|de identified|statistics)\b", text):
            self.out.retention.append(("indefinite", evidence_of(s)))
            return
        if _LIMITED_RE.search(text) and (verb or in_section):
            self.out.retention.append(("limited", evidence_of(s)))

    # transfers

    def _transfers(self, a: _Analysis) -> None:
        s = a.sentence
        text = a.norm
        strong = _TRANSFER_RE.search(text)
        place = _TRANSFER_PLACE_RE.search(text)
        if not (strong or place):
            return
        if not (_TRANSFER_VERB_RE.search(text) or (strong and "transfers" in s.topics)):
            return
        # "we do not transfer your data outside the EEA" discloses no transfer
        for neg in a.negations:
            if neg.practice in ("share", "collect", "any") and re.search(r"\b(transfer|store|process|host)", " ".join(a.words[neg.index : neg.end])):
                return
        self.out.transfers.append(evidence_of(s))

    # contact

    def _contact(self, a: _Analysis, topics: set[str]) -> None:
        s = a.sentence
        text = s.text
        if _EMAIL_RE.search(text) or (
            ("contact" in topics or re.search(r"\b(contact us|reach us|write to us)\b", a.norm))
            and (_CONTACT_CUE_RE.search(a.norm) or _PHONE_RE.search(text))
        ):
            self.out.contact.append(evidence_of(s))

    # tables

    def _read_row(self, s: Sentence, cookie_doc: bool) -> _Analysis:
        """A table row: yes/no columns decide the stance of what the other cells name."""
        collected: bool | None = None
        sold: bool | None = None
        texts = []
        period_cells = []
        partial: str | None = None
        basis_consent = False
        for header, cell in s.cells:
            h = normalize(header)
            c = normalize(cell).strip(" .")
            if _BASIS_HEADER_RE.search(h) and _BASIS_CONSENT_RE.match(c):
                basis_consent = True  # "Legal basis: Explicit consent (Art. 9(2)(a))"
            if "collect" in h and re.match(r"^(yes \(|only\b)", c) and "only" in c:
                partial = cell  # "Yes (date of birth only)", "Only account login with password"
                continue
            yes = c in ("yes", "y", "collected", "true", "x")
            no = c in ("no", "n", "none", "not collected", "false", "-", "no.")
            if yes or no:
                if "collect" in h:
                    collected = yes
                if re.search(r"\b(sold|sell|sale)\b", h):
                    sold = yes
                continue
            if re.search(r"\b(retention|period|how long|kept for|duration|storage)\b", h):
                period_cells.append(cell)
            texts.append(cell)
        body = " ; ".join(texts)
        a = analyse(s, self.matcher, text=body)
        if basis_consent:
            a.consent_all = True
        # A category column names a class, an examples column its members: the row declares
        # the members, and the class only when its examples name none of them.
        vocab = self.taxonomy.data_categories
        cell_keys = [(a.clause_of[m.start], m.key("data_category")) for m in a.matches if m.key("data_category")]
        broad = {
            key
            for cell, key in cell_keys
            if any(other_cell != cell and key in vocab.ancestors(other) for other_cell, other in cell_keys)
        }
        if broad:
            a.matches = [m for m in a.matches if m.key("data_category") not in broad]
        cookie_context = self._cookie_context(a, cookie_doc)
        self._technologies(a, cookie_context)
        if partial is not None:
            kept = {m.key("data_category") for m in self.matcher.find(_words_of(normalize(partial))) if m.key("data_category")}
            for match in a.matches:
                key = match.key("data_category")
                if key:
                    self.out.add("data_categories", key, COLLECTS if key in kept else DOES_NOT_COLLECT, s, match.phrase, 2)
        elif collected is not None:
            for match in a.matches:
                key = match.key("data_category")
                if key:
                    self.out.add("data_categories", key, COLLECTS if collected else DOES_NOT_COLLECT, s, match.phrase, 2)
        else:
            strength = 1 if ("collection" in s.topics or "retention" in s.topics or cookie_context) else 0
            if strength:
                for match in a.matches:
                    key = match.key("data_category")
                    if key and a.negation_for(match) is None:
                        self.out.add("data_categories", key, COLLECTS, s, match.phrase, strength)
        if sold is not None:
            self.out.sale.append(("sells" if sold else "does_not_sell", evidence_of(s)))
        self._purposes(a, cookie_context)
        self._recipients(a)
        self._security(a)
        self._rights(a)
        if period_cells and "retention" in s.topics:
            # A retention table: the period column states how long the other cells' data is kept.
            for cell in period_cells:
                cell_norm = normalize(cell)
                for m in _PERIOD_RE.finditer(cell_norm):
                    number, unit = m.group(1), m.group(3)
                    value = int(number) if number.isdigit() else _NUMBER_WORDS.get(number, 0)
                    if not value:
                        continue
                    duration, days = _period(value, unit)
                    categories = sorted({m2.key("data_category") for m2 in a.matches if m2.key("data_category")})
                    for category in categories or [None]:
                        self.out.periods.append(RetentionPeriod(duration, days, category, [evidence_of(s)]))
                    self.out.retention.append(("stated_period", evidence_of(s)))
                    break
        else:
            self._retention(a)
        self._transfers(a)
        return a

    # vendors

    def _vendors(self, a: _Analysis, doc: "_DocumentNames") -> None:
        """Attach the vendor names a sentence gives to the recipient types they are.

        A name takes the type its own stretch of the sentence gives it (the recipient phrase
        next to it, "payment processors such as Stripe and Adyen", "Shopify, which hosts our
        store", "Stripe, which processes payments", a table row's other cells), else the type
        its own words name ("Google Analytics", "Unity Ads"), else a recipient phrase elsewhere
        in the sentence, the block's label or the section's heading, else what the sentence
        says it does for the company ("Mailchimp sends our newsletter"). Only third parties
        that work for or with the company are vendors: names typed as authorities, affiliates,
        acquirers or other users are not kept, nor names the sentence denies ("we do not use
        Google Analytics") or software the company runs itself.
        """
        s = a.sentence
        if a.names is None:
            a.names = _proper_names(s, doc)
        names = a.names
        if not names or _SELF_HOSTED_RE.search(a.norm):
            return
        row = s.kind == "row"
        used: list[int] = []
        # the word indices of the sentence's names (a list of several: "Stripe and Adyen")
        named = {
            k
            for other, _ in names
            for start in _occurrences(a.words, other)
            for k in range(start, start + len(_words_of(normalize(other))))
        } if len(names) > 1 else set()
        types = self._vendor_types()
        recipients = [
            m for m in a.matches
            if m.key("recipient_type") in types and a.negation_for(m) is None
            and not _names_the_company(a.words, m) and not _after_place_preposition(a.words, m.start)
        ]
        for name, position in names:
            index = _name_index(a, name, position, used)
            used.append(index)
            if self._name_negated(a, index):
                continue
            key, inferred = self._vendor_type(a, name, index, row, named, recipients)
            if key is None:
                if not row and _RECEIVES_RE.search(_around(a.norm, name)) and not any(
                    self._name_negated(a, k) for k in _occurrences(a.words, name)
                ):
                    # a named party that receives data, with no kind of its own (a printer,
                    # a spam filter): a service provider, unless it is typed elsewhere
                    self.out.unattributed_names.setdefault(name, []).append(evidence_of(s))
                continue
            if key not in self._vendor_types():
                continue
            entry = self.out.entries["recipients"].get(key)
            if inferred or entry is None:
                if not (row or _VENDOR_CUE_RE.search(a.norm)):
                    continue  # a name next to a purpose, but nothing says it receives data
                if not row and self._name_negated(a, index, wide=True):
                    continue
                self.out.add("recipients", key, SHARES, s, name, 2)
                entry = self.out.entries["recipients"][key]
            entry.names.add(name)

    def _vendor_types(self) -> set[str]:
        if self._vendor_type_keys is None:
            self._vendor_type_keys = {k for k in self.taxonomy.recipient_types.terms if k not in _NOT_VENDOR_TYPES}
        return self._vendor_type_keys

    def _name_negated(self, a: _Analysis, index: int, wide: bool = False) -> bool:
        for neg in a.negations:
            if neg.practice in ("share", "use", "any", "collect") and neg.start <= index < neg.end:
                return True
            if wide and a.clause_of[neg.index] == a.clause_of[min(index, len(a.clause_of) - 1)]:
                return True
        return False

    def _vendor_type(
        self, a: _Analysis, name: str, index: int, row: bool, named: set[int], recipients: list[Match]
    ) -> tuple[str | None, bool]:
        """(recipient type, whether it was inferred rather than named by a recipient phrase).

        ``recipients``: the sentence's recipient phrases that can name a vendor's type.
        """
        types = self._vendor_types()
        words = a.words
        size = len(_words_of(normalize(name))) or 1
        # "payment processors such as Stripe and Adyen", "vendors, including ..."
        listed = _listed_under(a, index, recipients, named)
        if listed is not None:
            return listed, False
        # "Klaviyo, the email service provider that ...", "Vocalis Speech, our speech-recognition
        # provider": an apposition says what the party is
        apposition = _apposition(words, index + size)
        if apposition is not None:
            inside = [m for m in recipients if apposition[0] <= m.start < apposition[1]]
            if inside:
                return inside[0].key("recipient_type"), False
            if "service_provider" in types and not row:
                return "service_provider", True
        if row:
            part = (0, len(words))
            stretch = part
        else:
            part = _part_of(words, index, size)
            stretch = _stretch_of(words, index)
        near = _nearest_type(recipients, part, index)
        if near is not None:
            return near, False
        text = " ".join(words[part[0] : part[1]])
        if _HOST_RE.search(text) and "hosting_provider" in types:
            return "hosting_provider", True
        by_function = self._type_from_matches([m for m in a.matches if part[0] <= m.start < part[1]], text)
        if by_function is not None:
            return by_function, True
        near = _nearest_type(recipients, stretch, index)
        if near is not None:
            return near, False
        own = self._type_from_matches(self._phrases_in(name), normalize(name))
        if own is not None:
            return own, True
        if recipients and not row:
            if stretch == (0, len(words)):
                return min(recipients, key=lambda m: abs(m.start - index)).key("recipient_type"), False
            # an entry of a list whose own words give no type: the list's head ("Service
            # providers that help us, including ...; and carriers, such as UPS")
            head_end = _stretch_of(words, 0)[1]
            head = [m for m in recipients if m.start < head_end]
            if head:
                return head[0].key("recipient_type"), False
        for matches in (self._label_matches(a.sentence), self._heading_matches(a.sentence)):
            typed = [m.key("recipient_type") for m in matches if m.key("recipient_type") in types]
            if typed:
                return typed[0], True
        inferred = self._recipient_from_purpose(a)
        return inferred, True

    def _type_from_matches(self, matches: list[Match], text: str) -> str | None:
        """A recipient type from what the words say the party does ("processes payments")."""
        types = self._vendor_types()
        for match in matches:
            key = match.key("recipient_type")
            if key in types:
                return key
        for match in matches:
            use = match.key("data_use")
            if use:
                for prefix, recipient in _PURPOSE_RECIPIENT:
                    if (use == prefix or use.startswith(prefix + ".")) and recipient in types:
                        return recipient
            purpose = match.key("cookie_purpose")
            if purpose in _COOKIE_PURPOSE_RECIPIENT and _COOKIE_PURPOSE_RECIPIENT[purpose] in types:
                return _COOKIE_PURPOSE_RECIPIENT[purpose]
        for pattern, recipient in _FUNCTION_RECIPIENT:
            if recipient in types and pattern.search(text):
                return recipient
        return None

    def _heading_matches(self, s: Sentence) -> list[Match]:
        return self._phrases_in(s.section.rsplit(">", 1)[-1])

    def _recipient_from_purpose(self, a: _Analysis) -> str | None:
        if not _VENDOR_CUE_RE.search(a.norm) or a.negations:
            return None
        s = a.sentence
        for matches in (a.matches, self._label_matches(s), self._heading_matches(s)):
            found = self._type_from_matches([m for m in matches if not m.key("recipient_type")], "")
            if found is not None:
                return found
        return None

    # -- result

    def result(self) -> Declarations:
        out = self.out
        typed = {name for entry in out.entries["recipients"].values() for name in entry.names}
        generic = "service_provider"
        if generic in self.taxonomy.recipient_types:
            for name, evidence in sorted(out.unattributed_names.items()):
                if name in typed:
                    continue
                entry = out.entries["recipients"].setdefault(generic, _Entry())
                entry.hits.extend(_Hit(e, SHARES, 2, name) for e in evidence)
                entry.names.add(name)
        decl = Declarations()
        for kind in ("data_categories", "purposes", "recipients"):
            items = []
            for key in sorted(out.entries[kind]):
                entry = out.entries[kind][key]
                stance = resolve_stance(kind, entry.hits)
                condition = None
                condition_evidence: list[Evidence] = []
                if kind == "purposes" and stance == USES:
                    condition, condition_evidence = purpose_condition([h for h in entry.hits if h.stance == USES])
                items.append(
                    Declaration(
                        key=key,
                        stance=stance,
                        evidence=sort_evidence(h.evidence for h in entry.hits),
                        condition=condition,
                        names=sorted(entry.names) if kind == "recipients" else [],
                        phrases=sorted({h.phrase for h in entry.hits}),
                        condition_evidence=sort_evidence(condition_evidence),
                    )
                )
            setattr(decl, kind, items)
        # cookies
        technologies = sorted(out.technologies)
        purposes = sorted(out.cookie_purposes)
        decl.cookies = Cookies(
            mentioned=bool(technologies),
            purposes=purposes,
            technologies=technologies,
            user_control=bool(out.cookie_control) and bool(technologies),
            evidence=sort_evidence(out.cookie_evidence + out.cookie_control) if technologies else [],
            purpose_evidence={k: sort_evidence(v) for k, v in sorted(out.cookie_purposes.items())},
            technology_evidence={k: sort_evidence(v) for k, v in sorted(out.technologies.items())},
        )
        # children: a statement that the service is not for children beats one that it is
        # (policies that welcome children say so without denials); the age is the first
        # threshold the deciding statements give.
        stances = [c for c in out.children if c[0] == "not_directed"] or [c for c in out.children if c[0] == "directed"]
        if stances:
            ages = [age for _, age, _ in stances if age is not None]
            decl.children = Children(stance=stances[0][0], age=ages[0] if ages else None, evidence=sort_evidence(e for _, _, e in stances))
        # sale: an explicit "we sell" outweighs "we do not sell" (a denial rarely holds for
        # every disclosure once a sale is admitted); both evidences are kept.
        if out.sale:
            stance = "sells" if any(st == "sells" for st, _ in out.sale) else "does_not_sell"
            decl.sale = Sale(stance=stance, evidence=sort_evidence(e for _, e in out.sale))
        # retention: a stated period is the most precise promise, then "no longer than
        # necessary", then "indefinitely".
        if out.retention:
            found = {st for st, _ in out.retention}
            stance = next(st for st in ("stated_period", "limited", "indefinite") if st in found)
            periods = _merge_periods(out.periods)
            decl.retention = Retention(stance=stance, periods=periods, evidence=sort_evidence(e for _, e in out.retention))
        if out.transfers:
            decl.international_transfers = Transfers(stance="disclosed", evidence=sort_evidence(out.transfers))
        decl.security = [Promise(k, sort_evidence(v)) for k, v in sorted(out.security.items())]
        decl.rights = [Promise(k, sort_evidence(v)) for k, v in sorted(out.rights.items())]
        decl.contact = sort_evidence(out.contact)
        decl.placeholders = sorted(out.placeholders, key=lambda p: (p.path, p.line, p.text))
        return decl


def _after_place_preposition(words: list[str], start: int) -> bool:
    """True when a place or source preposition governs the phrase ("in our Amsterdam data centre")."""
    for k in range(start - 1, max(-1, start - 5), -1):
        word = words[k]
        if word in ("in", "at", "within", "from", "inside"):
            return True
        if not word[0].isalnum() or _practice_of(word) or word in ("to", "with", "by", "for", "of"):
            return False
    return False


# Nouns a recipient phrase can modify: then it names an arrangement, not a recipient.
_RECIPIENT_MODIFIED = {
    "link", "links", "program", "programme", "programs", "programmes", "commission", "commissions",
    "marketing", "id", "ids", "code", "codes", "agreement", "agreements", "contract", "contracts",
    "relationship", "relationships", "arrangement", "arrangements", "fee", "fees", "disclosure",
}


def _names_the_company(words: list[str], match: Match) -> bool:
    """The recipient phrase names the company's own role: "we act as a service provider"."""
    before = words[max(0, match.start - 3) : match.start]
    return before[-2:] in (["as", "a"], ["as", "an"]) or (before[-1:] == ["as"] and "act" in before)


def _encryption_scope(a: "_Analysis") -> tuple[bool, bool, bool]:
    """What the sentence's encryption statements qualify: (in transit, at rest, unqualified).

    An encryption statement names at rest and/or in transit within its own stretch of the
    sentence: the comma-separated part holding the encryption word, with the parts that
    continue it ("..., and at rest", "when we store it, and when we send it") or lead into it
    ("When we store your data, we encrypt it"). A qualifier in another part ("Your data is
    stored in Germany, and all connections use TLS") or one a negation governs qualifies
    nothing. "Data encryption" with no qualifier is plain encryption.
    """
    transit = rest = plain = False
    words = a.words
    n = len(words)
    cuts: list[int] = []
    for m in _ENCRYPT_RE.finditer(a.norm):
        if not cuts:
            cuts = [i for i, w in enumerate(words) if w in (",", ";", ":", "|", "(", ")")] or [-1]
        at = len(_words_of(a.norm[: m.start()]))
        if at >= n or any(neg.start <= at < neg.end for neg in a.negations):
            continue
        start = max([c + 1 for c in cuts if c < at], default=0)
        end = min([c for c in cuts if c >= at], default=n)
        # parts after it that continue it
        while end < n and words[end] in (",", "(", ")"):
            nxt = end + 1
            while nxt < n and words[nxt] in ("and", "or", "as", "well", "both", "also", "(", ")"):
                nxt += 1
            if nxt < n and words[nxt] in _QUALIFIER_OPENERS:
                end = min([c for c in cuts if c > nxt], default=n)
            else:
                break
        # a leading part that sets the scene ("When we store it, we encrypt it")
        if start > 0 and words[start - 1] == ",":
            lead = max([c + 1 for c in cuts if c < start - 1], default=0)
            if lead == 0 and words[0] in _QUALIFIER_OPENERS:
                start = 0
        span_words = [w for k, w in enumerate(words[start:end], start) if not any(neg.start <= k < neg.end for neg in a.negations)]
        span = " ".join(span_words)
        found_transit = bool(_TRANSIT_RE.search(span))
        found_rest = bool(_REST_RE.search(span))
        transit |= found_transit
        rest |= found_rest
        if not (found_transit or found_rest) and m.group(0).startswith("encrypt"):
            plain = True
    return transit, rest, plain


_CONTACT_VERBS = {
    "send", "sends", "sent", "sending", "contact", "contacts", "contacted", "contacting", "call",
    "calls", "called", "calling", "text", "texts", "texted", "texting", "email", "emails", "emailed",
    "emailing", "reach", "notify", "notified", "write", "mail", "mailed", "deliver", "delivered",
    "message", "messages", "reply", "respond", "answer", "remind", "inform", "forward",
}
_DESTINATION_MODIFIERS = {
    "your", "the", "a", "an", "their", "registered", "primary", "preferred", "verified", "provided",
    "associated", "linked", "current", "main", "given", "account", "same", "last", "known",
}


_OUTGOING = (("send", "you"), ("sends", "you"), ("sending", "you"), ("provide", "you", "with"), ("notify", "you", "of"), ("show", "you"), ("shows", "you"))
_OUTGOING_FIRST = {seq[0] for seq in _OUTGOING}


def _sent_to_user(a: "_Analysis", match: Match) -> bool:
    """True when the phrase is what the company sends the person, in the same clause."""
    cid = a.clause_of[match.start]
    words = a.words
    for k in range(match.start - 1, -1, -1):
        if a.clause_of[k] != cid:
            return False
        if words[k] not in _OUTGOING_FIRST:
            continue
        for seq in _OUTGOING:
            if tuple(words[k : k + len(seq)]) == seq and k + len(seq) <= match.start:
                return True
    return False


_STAFF = {"employee", "employees", "staff", "personnel", "contractors", "processors", "vendors", "administrators", "engineers"}


def _clause_subject(a: "_Analysis", index: int) -> str | None:
    """The subject of the clause at ``index``, as far as a right needs it.

    The first subject word of the clause before ``index``: "we" for the company (and "i" for
    a one-person site), "they"/"it" for a third party, "staff" for employees, "you" for the
    reader or a class of people the policy addresses ("parents", "residents"), or None when
    the clause names none (a list item under "You have the right to:").
    """
    cid = a.clause_of[index]
    words = a.words
    k = index
    while k > 0 and a.clause_of[k - 1] == cid:
        k -= 1
    for j in range(k, index):
        word = words[j]
        if word in ("you", "your", "please"):
            return "you"
        if word in ("we", "our", "us"):
            return "we"
        if word in ("i", "me", "my"):
            return "i"
        if word in ("they", "them", "he", "she"):
            return "they"
        if word == "it":
            return "it"
        if word in _STAFF:
            return "staff"
        if word in _GRANTEE_WORDS and not (j + 1 < len(words) and words[j + 1] in _DATA_NOUNS):
            return "you"
    return None


def _right_word_is_a_right(words: list[str], match: Match) -> bool:
    """A one-word right phrase names a right, not a permission or a system property.

    "unauthorized access", "employees access rights", "location access", "access control" and
    "access time" use the word for something else; "the right of access", "request access to",
    "access, correct or delete" use it for the right. "A copy of the safeguards" is no copy of
    one's data.
    """
    start, end = match.start, match.end
    if words[end - 1] == "copy" and end + 1 < len(words) and words[end] == "of":
        tail = set(words[end + 1 : end + 5])
        if not tail & {"your", "my", "their", "the", "personal", "data", "information", "it", "them", "what", "everything", "all"} or (
            "the" in tail and not tail & {"data", "information", "personal", "records", "profile", "posts"}
        ):
            return False
    if end - start != 1:
        return True
    before = words[start - 1] if start > 0 else ""
    after = words[end] if end < len(words) else ""
    if before and before[0].isalnum() and before not in _RIGHT_WORD_BEFORE_OK and _practice_of(before) is None:
        return False
    if after and after[0].isalnum() and after not in _RIGHT_WORD_AFTER_OK and _practice_of(after) is None:
        return False
    return True


_MODIFIER_STOP = {
    "and", "or", "to", "from", "of", "for", "in", "on", "with", "as", "is", "are", "was", "were",
    "we", "you", "they", "which", "that", "when", "if", "so", "but", "at", "by", "will", "may",
    "can", "only", "also", "be", "has", "have", "if", "where", "while", "until", "after",
    "before", "during", "via", "through", "such", "including", "like", "nor", "not", "or",
}


def _modifier_or_count_noun(words: list[str], match: Match) -> bool:
    """A one-word data phrase used as a modifier ("email program") or a counted thing ("an email")."""
    if match.end - match.start != 1:
        return False
    if match.start > 0 and words[match.start - 1] in ("an", "each", "every", "per", "one"):
        return True
    if match.end < len(words):
        following = words[match.end]
        if following[0].isalpha() and following not in _MODIFIER_STOP and _practice_of(following) is None:
            return True
    return False


def _collected_by_third_party(a: "_Analysis", match: Match) -> bool:
    """The collecting verb of the clause belongs to a relative clause about someone else."""
    cid = a.clause_of[match.start]
    for k in range(match.start - 1, -1, -1):
        if a.clause_of[k] != cid:
            break
        if a.words[k] in COLLECT_VERBS:
            return k > 0 and a.words[k - 1] in ("which", "who")
    return False


def _merge_periods(periods: list[RetentionPeriod]) -> list[RetentionPeriod]:
    merged: dict[tuple, RetentionPeriod] = {}
    for period in periods:
        k = (period.duration, period.category)
        if k in merged:
            merged[k].evidence = sort_evidence(merged[k].evidence + period.evidence)
        else:
            merged[k] = RetentionPeriod(period.duration, period.days, period.category, sort_evidence(period.evidence))
    return sorted(merged.values(), key=lambda p: (p.days, p.category or "", p.duration))


def _retention_refers_to_user_action(text: str) -> bool:
    """Periods that are not about keeping data ("we respond within 30 days")."""
    return bool(
        re.search(r"\b(respond|reply|answer|process your request|fulfil|fulfill|notice|notify|inform)\w* (to )?(\w+ ){0,4}within\b", text)
    ) and not re.search(r"\b(retain|keep|kept|store|stored|delete|deleted|erase|purge)\b", text)


def _own_topics(heading: str) -> tuple[str, ...]:
    from policylint.policy.document import heading_topics

    return heading_topics(heading)


def _is_cookie_document(document: Document) -> bool:
    title = normalize(document.title or (document.sections[0].title if document.sections else ""))
    return bool(re.search(r"\b(cookies?|tracking technologies)\b", title)) and not re.search(r"\bprivacy\b", title)


# ---------------------------------------------------------------------------------------
# Vendor names

_NAME_RE = lazy(
    r"(?<![\w@./-])((?:[A-Z][\w&'\u2019+-]*|[a-z]+[A-Z]\w*)(?:\s+(?:[A-Z][\w&+-]*|&))*)"
)
# Legal forms after a company name ("Mollie B.V.", "Brackenfield Print Ltd"): not part of it.
_LEGAL_SUFFIX_RE = lazy(
    r",?\s+(?:B\.\s?V\.?|N\.\s?V\.?|S\.A\.S?\.?|S\.L\.|S\.p\.A\.|Pty\.?\s+Ltd\.?|Inc\.?|Ltd\.?|L\.?L\.?C\.?|"
    r"Co\.|Corp\.?|GmbH|AG|SE|SA|plc|PLC|Limited|LLP|LP|SAS|Oy|AB|ApS|KG)(?=[\s,;:)\u2013\u2014-]|$)"
)
_NOT_NAMES = {
    "we", "our", "us", "you", "your", "the", "this", "these", "those", "that", "if", "when", "where",
    "a", "an", "in", "on", "for", "to", "and", "or", "as", "by", "with", "from", "of", "all", "any",
    "some", "it", "they", "their", "its", "such", "section", "article", "art", "part", "policy",
    "privacy", "terms", "services", "service", "settings", "please", "note", "email", "e-mail",
    "gdpr", "ccpa", "cpra", "coppa", "hipaa", "pipeda", "lgpd", "eu", "eea", "uk", "us", "usa",
    "u.s", "united", "states", "kingdom", "european", "union", "economic", "area", "california",
    "standard", "contractual", "clauses", "commission", "inc", "llc", "ltd", "gmbh", "b.v", "bv",
    "se", "sa", "plc", "co", "corp", "ag", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december", "monday", "sunday",
    "tls", "ssl", "https", "http", "aes", "ip", "id", "url", "gps", "sdk", "sdks", "api", "vat",
    "faq", "ios", "android", "iphone", "ipad", "mac", "windows", "linux", "web", "internet",
    "cookie", "cookies", "data", "information", "personal", "customer", "customers", "user",
    "users", "other", "others", "company", "companies", "partners", "providers", "provider",
    "processors", "processor", "affiliates", "law", "enforcement", "authorities", "government",
    "courts", "court", "police", "yes", "no", "none", "name", "names", "category", "categories",
    "purpose", "purposes", "examples", "duration", "session", "session", "legal", "basis",
    "account", "accounts", "app", "apps", "website", "site", "notice", "statement", "officer",
    "protection", "dpo", "attn", "also", "only", "each", "every", "both", "either", "after",
    "before", "because", "although", "however", "except", "unless", "while", "during", "until",
    "not", "never", "do", "does", "will", "can", "may", "must", "should", "has", "have", "is",
    "are", "was", "were", "be", "analytics", "advertising", "marketing", "strictly", "necessary",
    "preferences", "functional", "essential", "performance", "security", "provider", "netherlands",
    "germany", "france", "ireland", "canada", "switzerland", "norway", "sweden", "spain", "italy",
    "japan", "china", "india", "australia", "brazil", "singapore", "paris", "london", "berlin",
    "amsterdam", "chicago", "hamburg", "montabaur", "dutch", "english", "german", "french",
}
# A cheap look-up first: most sentences name no legal form at all.
_LEGAL_HINT_RE = lazy(r"B\.|N\.|S\.|Pty|Inc|Ltd|L\.|LLC|Co\.|Corp|GmbH|AG|SE|SA|plc|PLC|Limited|LLP|LP|Oy|AB|ApS|KG")
_POSSESSIVE = ("'s", "\u2019s")
# Names joined in a list: "UPS and FedEx", "AdMob, Unity Ads".
_COORDINATED_RE = lazy(r"\s*(,|and|or|&|, and|, or)\s*")
# Words a name never ends with: "Google Analytics cookies", "our Privacy Policy".
_TRAILING_NOT_NAMES = {
    "cookie", "cookies", "policy", "policies", "privacy", "terms", "notice", "settings", "inc", "llc",
    "ltd", "gmbh", "b.v", "bv", "se", "sa", "plc", "co", "corp", "ag", "limited", "llp",
}
# Public bodies are recipients (authorities), never vendors.
_PUBLIC_BODY_WORDS = {
    "commission", "commissioner", "commissioners", "authority", "autoriteit", "agency", "ministry",
    "court", "police", "garda", "tribunal", "ombudsman", "regulator", "inspectorate", "supervisor",
    "directorate", "bureau", "department", "government", "parliament", "council",
}
# "our affiliate in Bengaluru", "servers located in Frankfurt", "the West Europe region": places.
_PLACE_BEFORE_IN = {
    "affiliate", "affiliates", "office", "offices", "subsidiary", "subsidiaries", "based", "located",
    "headquartered", "registered", "incorporated", "centre", "center", "centres", "centers", "server",
    "servers", "established", "entity", "branch", "team", "teams", "live", "lives", "living",
    "hosted", "stored", "region", "company", "companies",
}
_PLACE_AFTER = {"region", "regions", "zone", "zones", "area", "office", "offices", "headquarters"}
# How a sentence that opens with a vendor's name goes on: "Zendesk is our customer support
# platform", "Stripe, which processes payments", "Buttondown sends the newsletter".
_VENDOR_INTRO_RE = lazy(
    r"\s*(,\s*(which|who|our|a|an|the|that)\b|\((?!s\))|(is|are) (our|a|an|the|used|also)\b|"
    r"(also )?(provides|processes|sends|hosts|stores|receives|handles|delivers|helps|collects|powers|runs|"
    r"operates|supplies|checks|filters|sets|serves|shows|tracks|analy[sz]es|measures)\b)"
)
# Recipient types whose members are not vendors: public bodies, the company's own group, a
# buyer of the business, the service's other users.
_NOT_VENDOR_TYPES = {"authority", "affiliate", "acquirer", "other_users"}
# What a party does for the company, when no recipient phrase says it.
_FUNCTION_RECIPIENT = (
    (lazy(r"\b(sms|text messages?|phone calls?|voice calls?|telephony)\b"), "communications_provider"),
    (lazy(r"\b(crash(es)?|crash reports?|error reports?|errors? tracking)\b"), "error_monitoring"),
    (lazy(r"\b(hosting|hosts|hosted|cloud (infrastructure|platform|hosting|storage)|servers? (rented|leased|hired) from|runs on (a |their |its )?servers?)\b"), "hosting_provider"),
    (lazy(r"\b(pay|paid|paying|payments?) (with|via|through|using|by)\b"), "payment_processor"),
)
# Software the company runs itself sends nothing to its maker.
_SELF_HOSTED_RE = lazy(r"\b(self hosted|on our own (servers|infrastructure|hardware)|we (run|host|operate) (it )?ourselves|hosted by us)\b")
# A named party receiving data: "sent to the Gravatar service", "X, which receives the names".
_RECEIVES_RE = lazy(
    r"\b(sent|send|sends|passed|transferred|transmitted|disclosed|provided|shared|given) (\w+ ){0,3}to (the )?\x00"
    r"|\b(processed|printed|mailed|handled|delivered|shipped|checked|filtered|screened) (\w+ ){0,2}by \x00"
    r"|\x00 (\( ?\w+ ?\) )?(, )?(which|who) (receives?|gets|processes|collects|stores)"
)


class _DocumentNames:
    """What a document says about names: its own, its words, its defined terms."""

    __slots__ = ("own", "lower", "mid_caps", "defined", "common")

    def __init__(self, own: set[str], lower: set[str], mid_caps: set[str], defined: set[str], common: set[str]):
        self.own = own  # the company's own names (title, the "we" definition)
        self.lower = lower  # words the document writes in lower case
        self.mid_caps = mid_caps  # capitalised words the document writes inside sentences
        self.defined = defined  # defined terms: ("Provider"), (the "Services"), "Sold or shared" means
        self.common = common  # words of the taxonomy's phrases: ordinary vocabulary, not names

    @classmethod
    def of(cls, document: Document, phrase_matcher: "PhraseMatcher") -> "_DocumentNames":
        mid_caps: set[str] = set()
        for sentence in document.sentences:
            for m in _MID_CAPS_RE.finditer(sentence.text):
                mid_caps.add(m.group(1).strip("\"'\u201c\u201d\u2018\u2019()[]*.,;:"))
        defined = {(m.group(1) or m.group(2)).strip() for m in _DEFINED_TERM_RE.finditer(document.text)}
        defined |= {d[:-1] for d in defined if d.endswith("s")}
        return cls(_own_names(document), _lowercase_vocabulary(document.text), mid_caps, defined, phrase_matcher.words)


# A capitalised word inside a sentence: after a word that does not end one ("sent to Google").
_MID_CAPS_RE = lazy(r"(?<=[^\s.:|!?\u2013\u2014-])\s+[\"'\u201c\u2018(\[*]*([A-Z]\S*)")
_DEFINED_TERM_RE = lazy(
    r"\((?:the |each a |each, a |together, the |collectively, the )?[\"\u201c]([A-Z][^\"\u201d\n]{0,60})[\"\u201d]"
    r"|[\"\u201c]([A-Z][^\"\u201d\n]{0,60})[\"\u201d],? (?:means|refers to)\b"
)


# Who runs the service: "This app is provided by ...", "... is the controller". Not "a
# crash-reporting service provided by Google", which names a vendor.
_OWNER_RE = lazy(
    r"\b(this|the|our) (app|application|website|site|service|services|platform|product|policy|notice|privacy policy|blog|forum|game)\b"
    r"[^.;]{0,80}\b(operated|run|made|provided|issued|published|owned|developed|maintained) by\b"
    r"|\b(is|are|acts as) (the )?(data )?controller\b|\bcontroller (is|of your)\b",
    re.IGNORECASE,
)


def _lowercase_vocabulary(text: str) -> set[str]:
    return {w for w in re.findall(r"(?<![\w.@/])[a-z][a-z'\u2019-]+", text)}


def _own_names(document: Document) -> set[str]:
    """Names the policy gives its own controller: the title and the "we" definition."""
    names: set[str] = set()
    sources = [document.title]
    for sentence in document.sentences[:12]:
        if re.search(r"[\"\u201c](we|us|our)[,\"\u201d]", sentence.text, re.IGNORECASE) or _OWNER_RE.search(sentence.text):
            sources.append(sentence.text)
    for source in sources:
        for m in _NAME_RE.finditer(source or ""):
            for word in m.group(1).split():
                if word.lower().strip(".,") not in _NOT_NAMES and len(word) > 2:
                    names.add(word.strip(".,"))
    return names


def _name_like(word: str) -> bool:
    """A word no dictionary holds: inner capitals or digits ("HubSpot", "Auth0", "AdMob")."""
    return any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word)


def _proper_names(s: Sentence, doc: _DocumentNames) -> list[tuple[str, int]]:
    """Names of companies and products in a sentence, with their character positions.

    A capitalised run the document never writes in lower case, less its legal form, leading
    common words and trailing document words ("cookies", "Privacy Policy"). Not names: the
    company's own names and defined terms, public bodies, places ("our affiliate in
    Bengaluru", "the West Europe region"), and a sentence's first word when it is an
    ordinary word the document uses elsewhere only there ("Questions about privacy ...").
    """
    text = s.text
    if s.kind == "row":
        # Provider-like columns name vendors; other cells hold descriptions.
        picked = []
        for header, cell in s.cells:
            if re.search(r"\b(provider|vendor|company|recipient|processor|partner|third part|set by|service)\b", header, re.I):
                picked.append(cell)
        text = " | ".join(picked)
        if not text:
            return []
    if _LEGAL_HINT_RE.search(text):
        text = _LEGAL_SUFFIX_RE.sub(lambda m: " " * len(m.group(0)), text)
    found: list[tuple[str, int]] = []
    acronyms: list[tuple[str, int]] = []
    for m in _NAME_RE.finditer(text):
        run = m.group(1).strip()
        words = run.split()
        # a possessive ends the name: "Google's Privacy Policy"
        for k, word in enumerate(words):
            if word.endswith(_POSSESSIVE):
                words = words[: k + 1]
                break
        if " ".join(words) in doc.defined or " ".join(words).rstrip("s") in doc.defined:
            continue  # a defined term of the policy ("Business Contacts")
        # drop leading words that are common (sentence openers, "Our", "The")
        while words and (words[0].lower() in _NOT_NAMES or words[0].lower() in doc.lower):
            words = words[1:]
        while words and words[-1].lower().strip(".,") in _TRAILING_NOT_NAMES:
            words = words[:-1]
        if not words:
            continue
        name = " ".join(words).strip(".,;:'\u2019")
        if name.endswith(_POSSESSIVE):
            name = name[:-2]
        if len(name) < 3 or name in doc.own or any(w in doc.own for w in name.split()):
            continue
        if name in doc.defined or name.rstrip("s") in doc.defined:
            continue
        lowered = {w.lower() for w in name.split()}
        if lowered & _PUBLIC_BODY_WORDS:
            continue
        at = m.start() + text[m.start() :].find(words[0])
        if name.isupper() and len(name) <= 4 and name not in ("AWS", "IBM", "SAP"):
            # most short capitals are acronyms (GDPR, EEA, SMS); one listed with a name is a
            # name too ("carriers such as UPS and FedEx")
            acronyms.append((name, at))
            continue
        single = len(words) == 1
        whole_cell = s.kind == "row" and any(name == cell.strip() for _, cell in s.cells)
        if single and not _name_like(name) and name.lower() in doc.common and name not in doc.mid_caps and not whole_cell:
            continue  # "Professional advisers", "Public authorities": ordinary words
        if single and not _name_like(name) and s.kind != "row":
            opening = not text[:at].strip(" -*\u2022(\"\u201c") or text[:at].rstrip().endswith((".", ":", ";"))
            if opening and name not in doc.mid_caps and not _VENDOR_INTRO_RE.match(text[at + len(name) :]):
                continue  # "There is ...", "Completing the survey ...": a sentence's first word
        if _is_place(text, at, name):
            continue
        found.append((name, at))
    for name, at in acronyms:
        for other, other_at in found:
            first, second = sorted([(at, name), (other_at, other)])
            if _COORDINATED_RE.fullmatch(text[first[0] + len(first[1]) : second[0]]):
                found.append((name, at))
                break
    found.sort(key=lambda item: item[1])
    return found


def _is_place(text: str, at: int, name: str) -> bool:
    # only the words next to the name matter: normalise a short window, not the sentence
    before = _words_of(normalize(text[max(0, at - 60) : at]))[-3:]
    after = _words_of(normalize(text[at + len(name) : at + len(name) + 30]))[:1]
    if after and after[0] in _PLACE_AFTER:
        return True
    if before and before[-1] in ("in", "near") and len(before) >= 2:
        prior = before[-2] if before[-2] not in ("the",) else (before[-3] if len(before) >= 3 else "")
        return prior in _PLACE_BEFORE_IN
    return False


def _name_index(a: _Analysis, name: str, position: int, used: list[int]) -> int:
    """The word index where ``name`` stands in the analysed sentence."""
    tokens = _words_of(normalize(name))
    words = a.words
    n = len(tokens)
    if n:
        candidates = [k for k in range(len(words) - n + 1) if words[k : k + n] == tokens]
        fresh = [k for k in candidates if k not in used]
        if fresh or candidates:
            return (fresh or candidates)[0]
    ratio = position / max(1, len(a.sentence.text))
    return min(len(words) - 1, int(ratio * max(1, len(words)))) if words else 0


def _stretch_of(words: list[str], index: int) -> tuple[int, int]:
    """The part of the sentence a name stands in: between semicolons (list entries)."""
    start = index
    while start > 0 and words[start - 1] not in (";", "|"):
        start -= 1
    end = index
    while end < len(words) and words[end] not in (";", "|"):
        end += 1
    return start, end


def _nearest_type(recipients: list[Match], span: tuple[int, int], index: int) -> str | None:
    """The recipient type nearest the name within ``span``; a specific kind before the generic
    service provider ("processed by Google on our behalf as our crash-reporting service
    provider")."""
    near = [m for m in recipients if span[0] <= m.start < span[1] and not (m.start <= index < m.end)]
    specific = [m for m in near if m.key("recipient_type") != "service_provider"] or near
    if not specific:
        return None
    return min(specific, key=lambda m: abs(m.start - index)).key("recipient_type")


def _part_of(words: list[str], index: int, size: int) -> tuple[int, int]:
    """The comma-separated part a name stands in, with a relative clause that follows it
    ("Shopify, which hosts our online store") and a parenthesis ("Microsoft Azure (cloud
    hosting, West Europe region)")."""
    start = index
    while start > 0 and words[start - 1] not in (",", ";", "|", ":"):
        start -= 1
    end = index + size
    depth = 0
    while end < len(words):
        word = words[end]
        if word == "(":
            depth += 1
        elif word == ")":
            depth = max(0, depth - 1)
        elif word in (",", ";", "|") and depth == 0:
            if word == "," and end + 1 < len(words) and words[end + 1] in ("which", "who", "that") and end == index + size:
                end += 1
                continue
            break
        end += 1
    return start, end


_APPOSITION_HEADS = {
    "provider", "providers", "service", "services", "platform", "vendor", "processor", "company", "tool",
    "partner", "network", "supplier", "contractor", "host", "processors", "subprocessor",
}


def _apposition(words: list[str], after: int) -> tuple[int, int] | None:
    """The span of an apposition right after a name: ", our analytics provider"."""
    if after + 1 >= len(words) or words[after] not in (",", "("):
        return None
    if words[after + 1] not in ("our", "a", "an", "the", "its", "their"):
        return None
    for k in range(after + 2, min(len(words), after + 9)):
        if words[k] in (",", ";", ")", "|", "which", "that", "who"):
            return None
        if words[k] in _APPOSITION_HEADS:
            return after + 1, k + 1
    return None


def _listed_under(a: _Analysis, index: int, recipients: list[Match], named: set[int]) -> str | None:
    """The recipient phrase a name is listed under: "payment processors such as Stripe and Adyen".

    Walking left from the name over the other names of the list (``named``: their word
    indices) and the words joining them, the list must open with "such as", "including",
    "like", "e.g." or a colon right after a recipient phrase.
    """
    words = a.words
    k = index - 1
    while k >= 0 and (words[k] in (",", "and", "or", "&") or k in named):
        k -= 1
        if index - k > 16:
            return None
    if k >= 1 and (words[k - 1], words[k]) in (("such", "as"), ("e", "g"), ("for", "example")):
        k -= 2
    elif k >= 0 and words[k] in ("including", "like", "namely", ":", "("):
        k -= 1
    else:
        return None
    while k >= 0 and words[k] == ",":
        k -= 1
    for match in recipients:
        if match.end - 1 == k:
            return match.key("recipient_type")
    return None


def _occurrences(words: list[str], name: str) -> list[int]:
    tokens = _words_of(normalize(name))
    n = len(tokens)
    return [k for k in range(len(words) - n + 1) if n and words[k : k + n] == tokens]


def _around(norm: str, name: str) -> str:
    """The sentence with the name marked (``\x00``), for the patterns that need its place."""
    target = normalize(name)
    return re.sub(r"\b" + re.escape(target) + r"\b", "\x00", norm) if target else norm


# ---------------------------------------------------------------------------------------
# Placeholders


def find_placeholders(path: str, text: str) -> list[Placeholder]:
    """Template text left in a policy: ``{{ name }}`` and bracketed fill-ins like ``[phone number]``.

    Markdown links (``[text](url)``, ``[text][ref]``, ``[ref]: url``), task-list boxes
    (``[ ]``, ``[x]``) and footnote marks (``[^1]``, ``[1]``) are not placeholders.
    """
    found: list[Placeholder] = []
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(r"^\s*(```|~~~)", line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for m in _PLACEHOLDER_BRACE_RE.finditer(line):
            found.append(Placeholder(m.group(0), path, number))
        for m in _BRACKET_RE.finditer(line):
            content = m.group(1)
            inner = content.strip()
            if not inner or inner.lower() in ("x", " ") or inner.startswith("^") or inner.isdigit():
                continue
            if m.start() > 0 and line[m.start() - 1] in ("!", "]"):
                continue
            if re.match(r"^\s*\[[^\]]*\]:", line[m.start():]) and m.start() == len(line) - len(line.lstrip()):
                continue
            letters = [c for c in inner if c.isalpha()]
            template = (
                "{{" in inner
                or "___" in inner
                or "..." in inner
                or "\u2026" in inner
                or (len(letters) >= 3 and all(c.isupper() for c in letters))
                or bool(_PLACEHOLDER_CUE_RE.search(inner))
            )
            if template:
                found.append(Placeholder(m.group(0), path, number))
    return found


settle(globals())
