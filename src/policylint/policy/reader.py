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
  governs the whole sentence).

When a statement and its denial meet on the same key (in one document or across the
privacy policy and the cookie notice), both evidences are kept; see :func:`resolve_stance`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from policylint.findings import Evidence
from policylint.policy.document import Document, Sentence
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
_TOKEN = re.compile(r"[^\W_]+(?:\.[^\W_]+)*|[^\w\s]")

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


def _plural_stems(word: str) -> list[str]:
    stems = []
    if len(word) > 3 and word.endswith("ies"):
        stems.append(word[:-3] + "y")
    if len(word) > 2 and word.endswith("es"):
        stems.append(word[:-2])
    if len(word) > 1 and word.endswith("s"):
        stems.append(word[:-1])
    return stems


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
}
# Kinds whose one-word phrases do not take a plural: "emails" are messages, not an e-mail
# address; "contacts" an address book, "states" countries.
_SINGULAR_ONLY = {"data_category"}
_NO_PLURAL = "\x01"
_WEAK = "\x02"


class PhraseMatcher:
    """Every alias of every vocabulary in one word trie: leftmost-longest phrase matching.

    Some phrases are *weak*: an everyday key leaf ("location", "city") and the plural of a
    one-word data-category phrase ("fingerprints", "emails"). A weak match stands only inside
    an enumeration of data ("your name, email address, phone number or location") or alone
    in a table cell; elsewhere it is dropped ("the store handles the payment", "our emails").
    """

    def __init__(self, taxonomy: Taxonomy, kinds: tuple[str, ...] = MATCH_KINDS):
        self.root: dict = {}
        for kind in kinds:
            try:
                vocab = taxonomy[kind]
            except KeyError:
                continue
            generic = _GENERIC_LEAVES.get(kind, set())
            for term in vocab.terms.values():
                if kind == "data_category" and term.parent is None:
                    continue  # a data-category root ("user", "system") covers everything
                aliases = {normalize(a) for a in term.aliases}
                leaf = normalize(term.key.rsplit(".", 1)[-1])
                for phrase in term.phrases:
                    if phrase in _GENERIC_PHRASES:
                        continue
                    weak = phrase == leaf and phrase not in aliases and phrase in generic
                    if weak and kind != "data_category":
                        continue
                    key = vocab.resolve(phrase) or term.key
                    if weak:
                        key = term.key
                    words = _TOKEN.findall(phrase)
                    if not words or any(not w[0].isalnum() for w in words):
                        continue
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

_CHILD_RE = re.compile(
    r"\b(child|children|childrens|childs|minor|minors|kids?|teens?|teenagers?|underage|"
    r"under (the age of )?\d{1,2}\b|younger than \d{1,2}\b|below the age of \d{1,2}\b|"
    r"at least \d{1,2} years|\d{1,2} years (of age )?or older|\d{1,2} years old)"
)
_AGE_RE = re.compile(
    r"\b(?:under(?: the age of)?|younger than|below(?: the age of)?|at least|aged?(?: of)?|"
    r"over(?: the age of)?|(?:anyone|children|users|persons|people|individuals) under)\s+(\d{1,2})\b"
    r"|\b(\d{1,2})\s+(?:years? (?:of age|old)|or older|and older|or over|and over)"
)
_NOT_DIRECTED_RE = re.compile(
    r"\b(not|never)( \w+){0,2} (intended|directed|designed|meant|targeted|aimed|marketed|made|for use|"
    r"suitable|available|allowed|permitted)\b"
    r"|\b(dont|do not|does not|will not|wont|never) (knowingly |intentionally |deliberately )?"
    r"(collect|solicit|ask|request|process|market|target|allow|permit)"
    r"|\bmust be (at least )?\d{1,2}\b|\bonly (for|to) (adults|people|persons|users|individuals)"
    r"|\b(prohibit|prohibited|not permitted|not allowed|may not use|should not use|must not use)\b"
    r"|\bintended for (adults|users|people|persons|individuals) (aged |over |age |\d)"
)
_DIRECTED_RE = re.compile(
    r"\b(designed|intended|directed|made|built) (for|to|at) (children|kids|young children|families with children)"
    r"|\b(parental consent|verifiable parental|coppa)\b"
)

_SELL_RE = re.compile(r"\b(sell|sells|sold|selling|rent|rents|rented|renting|trade|trades|traded)\b")
_SALE_OBJECT_RE = re.compile(r"\b(information|data|details|addresses|it|them|lists?|profiles?)\b")

_CONSENT_LEAD_RE = re.compile(
    r"^(only )?(if|where|when|once|after|provided( that)?|subject to|with|upon) (you |your )?"
    r"((have |had |previously |explicitly |expressly |first |also )*)"
    r"(consent|agree|opt|opted|allow|permit|authori[sz]e|choose to (subscribe|receive|opt|sign up|allow|enable)|"
    r"subscribe|sign up for|tick|check the box|give (us )?(your )?(consent|permission)|enable|turn on|"
    r"(prior |explicit |express |separate )*(consent|permission))"
)
_CONSENT_INLINE_RE = re.compile(
    r"\b(with|upon|based on|subject to|only after|after obtaining|requires?|with your) (your )?"
    r"(prior |explicit |express |separate |specific )*(consent|permission|opt in)\b"
    r"|\b(if|only if|where|once|when|provided) (you )?(have )?(explicitly |expressly |also )?"
    r"(consent|consented|agree|agreed|opt in|opted in|allow|choose to (subscribe|receive|opt in)|tick|subscribe)\b"
    r"|\bopt in\b|\bdouble opt in\b|\blegal basis consent\b|\(consent\)|\bconsent prompt\b"
    r"|\bonly after you confirm\b"
)
_ANON_RE = re.compile(
    r"\b(anonymi[sz]ed|anonymous(ly)?|aggregated?|aggregate form|de ?identified|deidentified|"
    r"pseudonymi[sz]ed|in (an )?anonymous|statistical form|cannot identify individual|"
    r"no longer (relate|identify)|non identifiable)\b"
)

_RETENTION_VERB_RE = re.compile(
    r"\b(retain|retains|retained|retention|keep|keeps|kept|store|stores|stored|hold|holds|held|"
    r"delete|deletes|deleted|deletion|erase|erases|erased|purge|purged|remove|removes|removed|"
    r"anonymi[sz]e|overwritten|overwrite|de identify|destroy|destroyed|preserve|preserved|"
    r"archive|archived|kept for)\b"
)
_LIMITED_RE = re.compile(
    r"\b(as long as (is )?(reasonably )?(necessary|needed|required)|for as long as (necessary|needed|required|you|your|we need|the law)|"
    r"no longer than (is )?(necessary|needed|required)|only (for )?as long as|"
    r"(until|when|once) (it is |they are |we )?no longer (need|needed|necessary|required)|"
    r"as long as your account|as long as you (have|keep|maintain|use)|until you (delete|close|unsubscribe|withdraw|cancel|remove)|"
    r"while your account|for the (period|time) (necessary|needed|required)|"
    r"for as long as (we|it|they) (need|are needed)|as long as we need|"
    r"retention period|limited period|delete (it|them|your \w+) when)\b"
)
_INDEFINITE_RE = re.compile(r"\b(indefinitely|forever|permanently retain|retain(ed)? permanently|kept permanently|without (any )?time limit|unlimited period)\b")
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "eighteen": 18, "twenty": 20, "thirty": 30, "forty": 40,
    "forty five": 45, "fifty": 50, "sixty": 60, "ninety": 90, "twenty four": 24, "thirty six": 36,
}
_PERIOD_RE = re.compile(
    r"\b(\d{1,4}|" + "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True)) + r")"
    r"(?: \(\d{1,4}\))? (calendar |full |business )?(day|days|week|weeks|month|months|year|years)\b"
)
_UNIT = {"day": ("D", 1), "week": ("W", 7), "month": ("M", 30), "year": ("Y", 365)}

_TRANSFER_RE = re.compile(
    r"\b(international (data )?transfers?|transferred internationally|cross border|across borders|"
    r"other countries|another country|countries outside|outside (of )?(the |your )?(country|countries|uk|united kingdom|eea|"
    r"european economic area|european union|eu|switzerland|united states|us|jurisdiction)|"
    r"third countr(y|ies)|standard contractual clauses|adequacy decision|data privacy framework|"
    r"binding corporate rules|overseas|abroad)\b"
)
_TRANSFER_PLACE_RE = re.compile(
    r"\b(in|to) the (united states|us|usa|u.s|united kingdom|uk)\b|\bin (the )?(india|china|canada|singapore|japan|australia)\b"
)
_TRANSFER_VERB_RE = re.compile(
    r"\b(transfer|transfers|transferred|store|stores|stored|process|processes|processed|host|hosts|hosted|"
    r"located|access|accessed|move|moved|send|sent)\b"
)

_HOST_RE = re.compile(r"\b(hosts (our|the|its)|hosted (by|with|at|on servers of)|(that|which|who) host (our|the))\b")
_PUBLIC_RE = re.compile(
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
_VENDOR_CUE_RE = re.compile(
    r"\b(sent to|send (it|them|this|that|\w+) to|shared? with|disclosed? to|processed by|provided by|handled by|"
    r"hosted by|run by|operated by|powered by|set by|sent by|delivered by|sends|receives?|we use|using|via|through|"
    r"on our behalf|processes|stores|hosts)\b"
)

_CONTROL_RE = re.compile(
    r"\b(browser settings?|browser data|settings of your browser|(block|disable|delete|clear|remove|refuse|manage) (\w+ ){0,3}in your browser|block|disable|disabled|reject|refuse|decline|choose (whether )?to (save|accept|allow|store)|"
    r"delete (the )?cookies|clear (your )?(browser|cookies|local storage|it)|manage (your )?(cookie )?(preferences|settings|choices)|"
    r"cookie (settings|preferences|banner|choices)|opt out|withdraw (your )?consent|change your (choice|choices|preferences|settings)|"
    r"turn(ing)? off|switch(ed)? off|accept or reject|privacy settings|reset your|deleting the app|device settings)\b"
)

_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE_RE = re.compile(r"(?<![\w.])\+?\(?\d[\d ().-]{7,}\d(?![\w.])")
_CONTACT_CUE_RE = re.compile(
    r"\b(e ?mail|email address|phone|telephone|tel|call us|mailing address|postal address|address|"
    r"write to us|contact form|web form|online form|contact us|reach us|get in touch|"
    r"data protection officer|dpo|attn)\b"
)

_PLACEHOLDER_BRACE_RE = re.compile(r"\{\{\s*[^{}\n]*?\s*\}\}|\{%[^%\n]*%\}")
_BRACKET_RE = re.compile(r"\[([^\[\]\n]{1,200})\](?!\(|\[|:)")
_PLACEHOLDER_CUE_RE = re.compile(
    r"\b(insert|enter|name|date|address|number|phone|email|e mail|company|organi[sz]ation|url|link|"
    r"website|site|specific|state|country|jurisdiction|city|year|contact|officer|dpo|todo|tbd|"
    r"placeholder|business|product|app|legal entity|entity|amount|period|days|months|here|"
    r"your|our|xx+|details?|region|domain)\b",
    re.IGNORECASE,
)

# Security measures stated by cue rather than by one alias.
_ENCRYPT_RE = re.compile(r"\b(encrypt\w*|cipher\w*|tls|ssl|https|aes( \d+)?)\b")
_TRANSIT_RE = re.compile(r"\b(in transit|transmission|transmitted|transmit|transfers? of data|tls|ssl|https|(encrypted|secure) connections?|traffic|over (the )?(internet|network))\b")
_REST_RE = re.compile(r"\b(at rest|stored|storage|databases?|disks?|backups?|aes)\b")
_CONFIDENTIALITY_RE = re.compile(
    r"\b(confidentiality (obligations?|agreements?|clauses?|undertakings?|requirements?)|"
    r"(bound|obliged|obligated) (by|to) (a |strict )?(duty of )?confidentiality|obligations? of confidentiality|"
    r"keep (it|them|your (personal )?(information|data)|the (information|data)) confidential|"
    r"data processing (agreements?|addendum)|contractually (limited|bound|required|obligated))\b"
)
_BREACH_RE = re.compile(r"\b(breach\w*|incident\w*|leak\w*|compromise\w*)\b")
_NOTIFY_RE = re.compile(r"\b(notify|notified|notification|inform|informed|tell you|let you know)\b")
_RIGHT_CUE_RE = re.compile(
    r"\b(right|rights|entitled|you (can|may|could)|request|ask us|choose to|able to|at any time|exercise|"
    r"opt out|unsubscribe|withdraw|lodge|file a complaint|contact us to|let us know)\b"
)


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

    def clause_range(self, cid: int) -> tuple[int, int]:
        indices = [i for i, c in enumerate(self.clause_of) if c == cid]
        return (indices[0], indices[-1] + 1) if indices else (0, 0)

    def negation_for(self, match: Match) -> _Negation | None:
        cid = self.clause_of[match.start] if match.start < len(self.clause_of) else -1
        if cid in self.cancelled_clauses:
            return None
        for neg in self.negations:
            if neg.start <= match.start < neg.end:
                return neg
        return None

    def has_words(self, vocabulary: set[str]) -> bool:
        return any(w in vocabulary for w in self.words)


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


_BRACES = re.compile(r"\{\{[^{}]*\}\}")


def analyse(sentence: Sentence, phrase_matcher: PhraseMatcher, text: str | None = None) -> _Analysis:
    # A template field names nothing: "{{ developer_email }}" is not an e-mail address.
    norm = normalize(_BRACES.sub(" placeholder ", text if text is not None else sentence.text))
    words = _words_of(norm)
    matches = phrase_matcher.find(words)
    clause_of = _clauses(words)
    negations = _negations(words, clause_of)
    # conditions
    consent_all = bool(_CONSENT_LEAD_RE.match(norm))
    consent_clauses: set[int] = set()
    anon_clauses: set[int] = set()
    cancelled: set[int] = set()
    offsets = _word_offsets(norm, words)
    for m in _CONSENT_INLINE_RE.finditer(norm):
        cid = _clause_at(offsets, clause_of, m.start())
        consent_clauses.add(cid)
        if re.match(r"(with|upon|subject to|based on) ", m.group(0)) is None and m.group(0).startswith("without"):
            pass
    for m in re.finditer(r"\bwithout (your |the )?(prior |explicit |express )*(consent|permission|authori[sz]ation|agreement)\b", norm):
        cid = _clause_at(offsets, clause_of, m.start())
        cancelled.add(cid)
        consent_clauses.add(cid)
    anon_all = False
    for m in _ANON_RE.finditer(norm):
        cid = _clause_at(offsets, clause_of, m.start())
        anon_clauses.add(cid)
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
    )


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
        self.unattributed_names: set[str] = set()

    def add(self, kind: str, key: str, stance: str, sentence: Sentence, phrase: str, strength: int = 2, condition: str | None = None) -> None:
        entry = self.entries[kind].setdefault(key, _Entry())
        entry.hits.append(_Hit(evidence_of(sentence), stance, strength, phrase, condition))

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
        self._cookie_vocab = self._maybe("cookie_purpose")
        self._tech_vocab = self._maybe("technology")

    def _maybe(self, kind: str):
        try:
            return self.taxonomy[kind]
        except KeyError:
            return None

    # -- documents

    def read(self, document: Document, cookie_notice: bool = False) -> None:
        previous: _Analysis | None = None
        own_names = _own_names(document)
        lower_words = _lowercase_vocabulary(document.text)
        cookie_doc = cookie_notice or _is_cookie_document(document)
        for sentence in document.sentences:
            if sentence.kind == "row":
                analysis = self._read_row(sentence, cookie_doc)
            else:
                analysis = analyse(sentence, self.matcher)
                self._read_sentence(analysis, previous, cookie_doc)
            self._vendors(analysis, own_names, lower_words)
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
        self._security(a)
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

    def _label_matches(self, s: Sentence) -> list[Match]:
        if not s.context or s.kind == "row":
            return []
        return self.matcher.find(_words_of(normalize(s.context)))

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

    def _is_part_of_recipient(self, a: _Analysis, match: Match) -> bool:
        return match.key("recipient_type") is not None and match.key("data_category") is not None and False

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
            self.out.add("purposes", key, USES, s, match.phrase, 2, condition)

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
            before = a.words[max(0, match.start - 3) : match.start]
            if before[-2:] in (["as", "a"], ["as", "an"]) or before[-1:] == ["as"] and "act" in before:
                continue  # "we act as a service provider": the company itself
            if _after_place_preposition(a.words, match.start):
                continue  # a place ("stored in data centres") or a source ("from data brokers")
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
        if label and self.matcher.find(_words_of(normalize(label))):
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

    def _security(self, a: _Analysis) -> None:
        s = a.sentence
        keys = set()
        for match in a.matches:
            key = match.key("security_measure")
            if key and a.negation_for(match) is None:
                keys.add(key)
        vocab = self._maybe("security_measure")
        if vocab is None:
            return
        has = vocab.__contains__
        encrypt = _ENCRYPT_RE.search(a.norm)
        if encrypt and not any(n.practice == "any" and n.start == 0 for n in a.negations):
            # the qualifier must stand near the encryption it qualifies
            window = a.norm[max(0, encrypt.start() - 80) : encrypt.end() + 80]
            transit = bool(_TRANSIT_RE.search(window))
            rest = bool(re.search(r"\bat rest\b", a.norm)) or (bool(_REST_RE.search(window)) and not transit)
            if transit and has("encryption_in_transit"):
                keys.add("encryption_in_transit")
            if rest and has("encryption_at_rest"):
                keys.add("encryption_at_rest")
            if not transit and not rest and re.search(r"\bencrypt", a.norm) and has("encryption"):
                keys.add("encryption")
        if ("encryption_in_transit" in keys or "encryption_at_rest" in keys) and "encryption" in keys:
            keys.discard("encryption")
        if _BREACH_RE.search(a.norm) and _NOTIFY_RE.search(a.norm) and has("breach_notification"):
            keys.add("breach_notification")
        # Confidentiality obligations imposed on recipients (the promise the missing-agreement
        # check holds recipients to); stated by cue, as the contract's security list names it.
        if _CONFIDENTIALITY_RE.search(a.norm) and not a.negations:
            keys.add("confidentiality")
        for key in sorted(keys):
            self.out.promise("security", key, s)

    # rights

    def _rights(self, a: _Analysis) -> None:
        s = a.sentence
        in_rights = "rights" in s.topics
        cue = bool(_RIGHT_CUE_RE.search(a.norm))
        if not (in_rights or cue):
            return
        for match in a.matches:
            key = match.key("right")
            if not key or a.negation_for(match) is not None:
                continue
            self.out.promise("rights", key, s)

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
        offsets = _word_offsets(text, a.words)
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
                letter, days = _UNIT[unit.rstrip("s")]
                periods.append((f"P{value}{letter}", float(value * days)))
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
        for header, cell in s.cells:
            h = normalize(header)
            c = normalize(cell).strip(" .")
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
                    letter, days = _UNIT[unit.rstrip("s")]
                    categories = sorted({m2.key("data_category") for m2 in a.matches if m2.key("data_category")})
                    for category in categories or [None]:
                        self.out.periods.append(RetentionPeriod(f"P{value}{letter}", float(value * days), category, [evidence_of(s)]))
                    self.out.retention.append(("stated_period", evidence_of(s)))
                    break
        else:
            self._retention(a)
        self._transfers(a)
        return a

    # vendors

    def _vendors(self, a: _Analysis, own_names: set[str], lower_words: set[str]) -> None:
        s = a.sentence
        recipient_matches = [m for m in a.matches if m.key("recipient_type") and a.negation_for(m) is None]
        label_recipients = [m for m in self._label_matches(s) if m.key("recipient_type")] if s.kind != "row" else []
        names = _proper_names(s, own_names, lower_words)
        if not names:
            return
        if not recipient_matches and not label_recipients:
            inferred = self._recipient_from_purpose(a)
            if inferred is None:
                return
            self.out.add("recipients", inferred, SHARES, s, names[0][0], 2)
            self.out.entries["recipients"][inferred].names.update(name for name, _ in names)
            return
        for name, position in names:
            key = _nearest_recipient(a, recipient_matches, position, s.text) or (
                label_recipients[0].key("recipient_type") if label_recipients else None
            )
            if key is None:
                continue
            entry = self.out.entries["recipients"].get(key)
            if entry is None:
                continue
            entry.names.add(name)

    def _recipient_from_purpose(self, a: _Analysis) -> str | None:
        if not _VENDOR_CUE_RE.search(a.norm) or a.negations:
            return None
        s = a.sentence
        types = self.taxonomy.recipient_types
        heading = s.section.rsplit(">", 1)[-1]
        sources = [a.matches, self._label_matches(s), self.matcher.find(_words_of(normalize(heading)))]
        for matches in sources:
            for match in matches:
                use = match.key("data_use")
                if use:
                    for prefix, recipient in _PURPOSE_RECIPIENT:
                        if (use == prefix or use.startswith(prefix + ".")) and recipient in types:
                            return recipient
                purpose = match.key("cookie_purpose")
                if purpose in _COOKIE_PURPOSE_RECIPIENT and _COOKIE_PURPOSE_RECIPIENT[purpose] in types:
                    return _COOKIE_PURPOSE_RECIPIENT[purpose]
        return None

    # -- result

    def result(self) -> Declarations:
        out = self.out
        decl = Declarations()
        for kind in ("data_categories", "purposes", "recipients"):
            items = []
            for key in sorted(out.entries[kind]):
                entry = out.entries[kind][key]
                stance = resolve_stance(kind, entry.hits)
                condition = None
                if kind == "purposes" and stance == USES:
                    conditions = {h.condition for h in entry.hits if h.stance == USES and h.condition}
                    # A limit stated anywhere holds: the policy promised it for this purpose.
                    condition = "consent" if "consent" in conditions else ("anonymized" if conditions else None)
                items.append(
                    Declaration(
                        key=key,
                        stance=stance,
                        evidence=sort_evidence(h.evidence for h in entry.hits),
                        condition=condition,
                        names=sorted(entry.names) if kind == "recipients" else [],
                        phrases=sorted({h.phrase for h in entry.hits}),
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


_OUTGOING = (("send", "you"), ("sends", "you"), ("sending", "you"), ("provide", "you", "with"), ("notify", "you", "of"), ("show", "you"), ("shows", "you"))


def _sent_to_user(a: "_Analysis", match: Match) -> bool:
    """True when the phrase is what the company sends the person, in the same clause."""
    cid = a.clause_of[match.start]
    words = a.words
    for k in range(match.start - 1, -1, -1):
        if a.clause_of[k] != cid:
            return False
        for seq in _OUTGOING:
            if tuple(words[k : k + len(seq)]) == seq and k + len(seq) <= match.start:
                return True
    return False


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

_NAME_RE = re.compile(
    r"(?<![\w@./-])((?:[A-Z][\w&'\u2019+-]*|[a-z]+[A-Z]\w*)(?:\s+(?:[A-Z][\w&+-]*|&))*)"
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


def _lowercase_vocabulary(text: str) -> set[str]:
    return {w for w in re.findall(r"(?<![\w.@/])[a-z][a-z'\u2019-]+", text)}


def _own_names(document: Document) -> set[str]:
    """Names the policy gives its own controller: the title and the "we" definition."""
    names: set[str] = set()
    sources = [document.title]
    for sentence in document.sentences[:12]:
        if re.search(r"[\"\u201c](we|us|our)[,\"\u201d]", sentence.text, re.IGNORECASE) or re.search(
            r"\b(operated by|run by|made by|provided by|controller)\b", sentence.text
        ):
            sources.append(sentence.text)
    for source in sources:
        for m in _NAME_RE.finditer(source or ""):
            for word in m.group(1).split():
                if word.lower().strip(".,") not in _NOT_NAMES and len(word) > 2:
                    names.add(word.strip(".,"))
    return names


def _proper_names(s: Sentence, own_names: set[str], lower_words: set[str]) -> list[tuple[str, int]]:
    """Capitalised names in a sentence that the document never writes in lower case."""
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
    found = []
    for m in _NAME_RE.finditer(text):
        run = m.group(1).strip()
        words = run.split()
        # drop leading words that are common (sentence openers, "Our", "The")
        while words and (words[0].lower() in _NOT_NAMES or words[0].lower() in lower_words):
            words = words[1:]
        while words and (words[-1].lower() in _NOT_NAMES and words[-1] not in ("Ads",)):
            words = words[:-1]
        if not words:
            continue
        if not any(w.lower() not in lower_words and w.lower() not in _NOT_NAMES for w in words[:1]):
            continue
        name = " ".join(words).strip(".,;:'\u2019")
        name = re.sub(r"['\u2019]s$", "", name)
        if len(name) < 3 or name in own_names or any(w in own_names for w in name.split()):
            continue
        if name.isupper() and len(name) <= 4 and name not in ("AWS", "IBM", "SAP"):
            continue
        found.append((name, m.start() + text[m.start():].find(words[0])))
    return found


def _nearest_recipient(a: _Analysis, matches: list[Match], position: int, text: str) -> str | None:
    if not matches:
        return None
    norm_pos_ratio = position / max(1, len(text))
    # map the character position to a word index by proportion (cheap and good enough)
    index = int(norm_pos_ratio * max(1, len(a.words)))
    segment_start, segment_end = index, index
    while segment_start > 0 and a.words[segment_start - 1] not in (";", "|"):
        segment_start -= 1
    while segment_end < len(a.words) and a.words[segment_end] not in (";", "|"):
        segment_end += 1
    in_segment = [m for m in matches if segment_start <= m.start < segment_end]
    pool = in_segment or matches
    best = min(pool, key=lambda m: abs(m.start - index))
    return best.key("recipient_type")


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
