"""Names, titles and noun phrases: who an article mentions and in what form.

Two jobs:

* ``PersonIndex`` scans a whole article once for person names (with their
  titles and descriptive roles, e.g. "North Korean leader Kim Jong-un",
  "Kim Kwang-jin, a North Korean defector") and gives the canonical form of a
  person: the fullest name the article uses, titles stripped.
* ``analyze_np`` reads one noun phrase (the subject of a reporting cue) and
  says what kind of source it is: a pronoun, a name, a surname with an
  honorific, a group or anonymous source, an institution or a document, or
  nothing human at all.
"""

from __future__ import annotations

import re
from itertools import accumulate, compress, count, repeat
from dataclasses import dataclass, field
from typing import NamedTuple

from .lexicon import Lexicon, is_place_word, lexicon

# A word (hyphens and apostrophes inside), dotted initials, a number or one
# punctuation character. A trailing period is split off later unless the token
# is an abbreviation.
_L = r"[^\W\d_]"  # any letter
_U = "[" + "".join(re.escape(chr(c)) for c in range(0x41, 0x530) if chr(c).isupper()) + "]"  # capital letter
# The word alternative comes first because it is by far the most frequent; it
# cannot match where dotted initials do (its second character would be a period).
_TOKEN = re.compile(
    rf"{_L}[\w'’\-]*{_L}\.?|(?:{_U}\.){{2,}}|{_L}\.?|\d[\d.,:]*\d|\d|[^\s\w]|_"
)
_TOKEN_SPLIT = re.compile("(" + _TOKEN.pattern + ")")  # the token pattern has no groups of its own
_POSSESSIVE = re.compile(r"['’]s?$")
_INITIALS = re.compile(rf"(?:{_U}\.)+")
_PARTICLE = re.compile(rf"(?:al|el|ad|as|an|ar|bin|ibn|van|von|de|der|del|da|di|du|la|le|dos)(?:-{_U}[\w'’]*)?$")


class Tok(NamedTuple):
    text: str
    start: int
    end: int
    low: str     # text.lower(), computed once: the rules compare lower-case words all the time


_tuple_new = tuple.__new__


def tokenize(text: str, base: int = 0, lex: Lexicon | None = None) -> list[Tok]:
    """Tokens of *text* with absolute offsets (``base`` added)."""
    # One split with the token pattern captured gives [gap, token, gap, token, ..., gap];
    # the running sum of their lengths gives every offset without a Python-level loop.
    parts = _TOKEN_SPLIT.split(text)
    if len(parts) == 1:
        return []
    pos = list(accumulate(map(len, parts), initial=base))
    words = parts[1::2]
    out = list(map(_tuple_new, repeat(Tok), zip(words, pos[1::2], pos[2::2], map(str.lower, words))))
    # A trailing period is split off unless the token is an abbreviation.
    dotted = list(compress(count(), map(str.endswith, words, repeat("."))))
    if dotted:
        lex = lex or lexicon()
        titles, nonhuman = lex.titles, lex.nonhuman_proper
        for i in reversed(dotted):
            t, s, e, _ = out[i]
            if len(t) > 1 and not _INITIALS.fullmatch(t) and t not in titles and t not in nonhuman \
                    and not (len(t) == 2 and t[0].isupper()):
                out[i:i + 1] = [_tuple_new(Tok, (t[:-1], s, e - 1, t[:-1].lower())), _tuple_new(Tok, (".", e - 1, e, "."))]
    return out


def strip_possessive(word: str) -> str:
    return _POSSESSIVE.sub("", word) if word.endswith(("'s", "’s", "s'", "s’")) else word


def is_cap(word: str) -> bool:
    """Capitalised, or a name particle with a capitalised part ("al-Hussein")."""
    return bool(word) and (word[0].isupper() or ("-" in word and _PARTICLE.match(word) is not None))


# --------------------------------------------------------------------------
# People in an article
# --------------------------------------------------------------------------

@dataclass
class Person:
    """One person the article names."""

    tokens: tuple[str, ...]                 # the fullest name seen, titles stripped
    first_pos: int
    descriptors: list[str] = field(default_factory=list)   # "north korean leader"
    positions: list[int] = field(default_factory=list)     # offsets of every mention

    @property
    def name(self) -> str:
        return " ".join(self.tokens)

    @property
    def roles(self) -> set[str]:
        return {d.split()[-1] for d in self.descriptors if d}

    def matches_surname(self, word: str) -> bool:
        # Western order ("Mr. Trump" -> Donald Trump) and East Asian order
        # ("Mr. Moon" -> Moon Jae-in) both occur in the same article.
        return word == self.tokens[-1] or word == self.tokens[0]


class PersonMention(NamedTuple):
    start: int
    end: int
    person: Person | None     # None: a surname still to be resolved in context
    surname: str | None
    text: str


# A capitalised word, dotted initials, or an honorific with its period.
_CAP_WORD = rf"(?:{_U}\.){{1,3}}|{_U}[^\W\d_]{{0,3}}\.|{_U}[\w'’]*(?:-{_L}[\w'’]*)*|(?:al|el)-{_U}[\w'’]*"
# A run of capitalised words not glued to a word before it:
#     (?<![\w.'’-])(?:{_CAP_WORD})(?:[ \t]+(?:of|von|...)[ \t]+){0,2}(?:{_CAP_WORD}))*
# written so that it begins with a one-character class (a capital, or the "a"/"e" of
# "al-"/"el-"): the regex engine then skips to candidate positions in C. The lookbehind
# moves after that character ("(?<!X.)") and the first word's alternatives are factored.
_CAP_RUN = re.compile(
    rf"[{_U[1:-1]}ae](?<![\w.'’-].)(?:(?<={_U})(?:\.(?:{_U}\.){{0,2}}|[^\W\d_]{{0,3}}\.|[\w'’]*(?:-{_L}[\w'’]*)*)"
    rf"|(?<=[ae])l-{_U}[\w'’]*)"
    rf"(?:[ \t]+(?:(?:of|von|van|de|da|del|der|den|la|bin|ibn)[ \t]+){{0,2}}(?:{_CAP_WORD}))*")
_APPOSITIVE = re.compile(
    rf"\s*,\s+(?:(?:a|an|the)\s+|(?:{_U}[\w.'’-]*\s+){{0,3}}{_U}[\w.-]*['’]s\s+)?"
    r"(?P<desc>(?:[\w.'’-]+\s+){0,5}?[a-z][\w-]*)(?=\s+(?:who|which|that|of|at|in|for|on|with)\b|\s*[,.;)]|\s*$)"
)


_LINE = re.compile(r"[^\n]+")
_WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*")


_HEADLINE_SMALL = lexicon().grammar["headline_small"]
# lower-case role words just before a name: "dictator Kim Jong Un", "nominee Victor Cha"
_ROLE_BEFORE = re.compile(r"((?:[A-Z][\w.-]*\s+){0,3}(?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*))\s+$")
_ROLE_SUFFIXES: list = [None, ()]


def _role_suffixes(lex: Lexicon) -> tuple[str, ...]:
    if _ROLE_SUFFIXES[0] is not lex:
        _ROLE_SUFFIXES[:] = [lex, tuple(lex.role_heads)]
    return _ROLE_SUFFIXES[1]


def _headline_spans(text: str) -> list[tuple[int, int]]:
    """Lines written in Title Case (most words capitalised, no final period)."""
    out = []
    for m in _LINE.finditer(text):
        line = m.group().strip()
        if not line or len(line) > 140 or line.endswith((".", "”", '"')):
            continue
        words = _WORD_RE.findall(line)
        if len(words) < 3:
            continue
        caps = sum(1 for w in words if w[0].isupper())
        if caps / len(words) >= 0.6 and all(w[0].isupper() or w.lower() in _HEADLINE_SMALL for w in words):
            out.append((m.start(), m.end()))
    return out


_RUN_CACHE: dict = {}


def _analyze_run(words: list[str], lex: Lexicon):
    """What a capitalised run names, from its words alone (memoised by ``PersonIndex._scan``).

    False when the run names no person; else ``(first, n, name, titled,
    words, last_title)``: the name is the ``n`` words from index ``first`` of
    the run (possessive stripped), ``words`` the run from its first
    non-function word (cut after the name at "of"), ``titled`` whether a
    title or honorific precedes the name.
    """
    # Drop capitalised function words ("When", "The") at the front.
    k = 0
    while k < len(words) and (words[k].lower() in lex.function_words or words[k] in lex.function_words):
        k += 1
    words = words[k:]
    if not words:
        return False
    # Cut at the last title ("South Korean President Moon Jae-in").
    last_title = -1
    for j, w in enumerate(words[:-1]):
        if w in lex.titles or w.rstrip(".") in lex.titles or (w == "of" and last_title == j - 1) \
                or (last_title == j - 1 and j > 0 and words[j - 1] == "of" and w in lex.title_objects):
            last_title = j
    j = last_title + 1
    while j < len(words) - 1 and words[j] in lex.title_objects and last_title >= 0:
        j += 1
    titled = last_title >= 0
    name_words = [strip_possessive(w) for w in words[j:]]
    # A possessive ends the name ("Mr. Trump’s national security adviser").
    for q, w in enumerate(words[j:]):
        if w.endswith(("’s", "'s")):
            name_words = name_words[: q + 1]
            break
    if "of" in name_words[1:]:  # "Sam Brownback of Kansas"
        cut = name_words.index("of")
        name_words = name_words[:cut]
        words = words[: j + cut]
    if not name_words:
        return False
    if is_place_word(name_words, lex) or any(
            w.lower() in lex.institution_heads or w.rstrip(".") in lex.titles or w.lower() in lex.function_words
            for w in name_words):
        return False
    if any(_INITIALS.fullmatch(w) for w in name_words[-1:]) or name_words[-1].isupper():
        return False
    honorific = titled and words[last_title] in lex.honorifics or (
        titled and words[last_title].rstrip(".") + "." in lex.honorifics)
    if len(name_words) > 4:
        return False
    return k + j, len(name_words), tuple(name_words), bool(titled or honorific), words, last_title


class PersonIndex:
    """Every person an article names, with canonical names and roles."""

    def __init__(self, text: str, lex: Lexicon | None = None):
        self.lex = lex or lexicon()
        self.people: list[Person] = []
        self.mentions: list[PersonMention] = []
        self._scan(text)

    # -- building ---------------------------------------------------------
    def _scan(self, text: str) -> None:
        pending: list[tuple[int, int, str, str]] = []   # surname-only mentions
        headlines = _headline_spans(text)
        nh = len(headlines)
        h = 0
        cache = _RUN_CACHE
        lex = self.lex
        if cache.get(None) is not lex:   # the cache is valid for one lexicon only
            cache.clear()
            cache[None] = lex
        for m in _CAP_RUN.finditer(text):
            ms = m.start()
            if nh:
                while h < nh and headlines[h][1] <= ms:
                    h += 1
                if h < nh and headlines[h][0] <= ms:
                    continue  # a Title Case headline: "Putin Warns West Over Missiles" names nobody
            run = m.group()
            info = cache.get(run)
            if info is None:
                if len(cache) > 200_000:
                    cache.clear()
                    cache[None] = lex
                info = cache[run] = _analyze_run(run.split(), lex)
            if info is False:
                continue
            first, nq, name_words, titled, words, last_title = info
            if first == 0 and nq == 1:
                start = ms
            else:
                # offsets of the words of the run (separated by spaces or tabs only)
                raw = run.split()
                pos = ms
                for w in raw[:first]:
                    pos = text.index(w, pos) + len(w)
                start = text.index(raw[first], pos)
                pos = start
                last = start
                for w in raw[first:first + nq]:
                    last = text.index(w, pos)
                    pos = last + len(w)
            if nq == 1:
                end = start + len(name_words[0])
                if titled:
                    pending.append((start, end, name_words[0], text[ms:end]))
                else:
                    pending.append((start, end, name_words[0], name_words[0]))
                continue
            end = last + len(name_words[-1])
            person = self._add(name_words, start)
            desc = self._descriptor(text, ms, None, words, last_title, end)
            if desc:
                person.descriptors.append(desc)
            self.mentions.append(PersonMention(start, end, person, None, " ".join(name_words)))
        if pending:
            known = {p.tokens[0] for p in self.people} | {p.tokens[-1] for p in self.people}
            for start, end, surname, surface in pending:
                if surname in known:
                    self.mentions.append(PersonMention(start, end, None, surname, surface))
        self.mentions.sort()

    def _add(self, tokens: tuple[str, ...], pos: int) -> Person:
        for p in self.people:
            same = p.tokens == tokens or (p.tokens[0] == tokens[0] and p.tokens[-1] == tokens[-1]) \
                or (p.tokens[-1] == tokens[-1] and (set(tokens) <= set(p.tokens) or set(p.tokens) <= set(tokens)))
            if same:
                if len(tokens) > len(p.tokens):
                    p.tokens = tokens
                p.positions.append(pos)
                return p
        p = Person(tokens, pos, positions=[pos])
        self.people.append(p)
        return p

    def _descriptor(self, text: str, run_start: int, offs: list[int], words: list[str],
                    last_title: int, name_end: int) -> str:
        """Role words before the name ("North Korean leader") or in an appositive after it."""
        lex = self.lex
        parts: list[str] = []
        if last_title >= 0:
            parts = [w for w in words[: last_title + 1]]
        else:
            # lower-case role words just before the run: "dictator Kim Jong Un", "nominee Victor Cha"
            before = text[max(0, run_start - 80):run_start]
            # cheap necessary condition for the expression below: the text before ends in a role word
            m = _ROLE_BEFORE.search(before) if before[-1:].isspace() and before.rstrip().endswith(
                _role_suffixes(lex)) else None
            if m and m.group(2) in lex.role_heads:
                words_b = m.group(1).split()
                while words_b and (words_b[0].lower() in lex.function_words or words_b[0].lower() in lex.determiners):
                    words_b = words_b[1:]
                parts = words_b
        if not parts:
            m = _APPOSITIVE.match(text, name_end)
            if m:
                desc = m.group("desc").split()
                if desc and desc[-1].lower() in lex.role_heads:
                    parts = desc
        return " ".join(strip_possessive(w) for w in parts).lower()

    # -- lookup -----------------------------------------------------------
    def by_surname(self, word: str) -> list[Person]:
        word = strip_possessive(word)
        return [p for p in self.people if p.matches_surname(word)]

    def by_name(self, tokens: list[str]) -> Person | None:
        tokens = [strip_possessive(t) for t in tokens]
        for p in self.people:
            if tuple(tokens) == p.tokens or (len(tokens) >= 2 and tokens[0] == p.tokens[0] and tokens[-1] == p.tokens[-1]):
                return p
        if len(tokens) >= 2:
            for p in self.people:
                if tokens[-1] == p.tokens[-1] and set(tokens) <= set(p.tokens):
                    return p
        return None

    def by_role(self, head: str, mods: list[str], before: int) -> list[Person]:
        """People described with role *head* (and the modifiers), most recent first."""
        out = []
        for p in self.people:
            for d in p.descriptors:
                dw = d.split()
                if dw and dw[-1] == head and all(m in dw for m in mods):
                    out.append(p)
                    break
        return sorted(out, key=lambda p: max([x for x in p.positions if x < before] or [-1]), reverse=True)

    def mentions_between(self, start: int, end: int) -> list[PersonMention]:
        return [m for m in self.mentions if start <= m.start < end]


# --------------------------------------------------------------------------
# One noun phrase
# --------------------------------------------------------------------------

class NP(NamedTuple):
    """What a subject noun phrase is."""

    kind: str            # pronoun | person | surname | group | anonymous | institution | role
    text: str            # canonical-ish surface (determiners stripped)
    start: int           # absolute offsets of the mention
    end: int
    head: str = ""       # lower-case head noun
    backref: bool = False  # "the/these ..." points back to a source in play
    mods: tuple[str, ...] = ()


_G = lexicon().grammar
_CONNECTORS = _G["connectors"]
_NAME_PARTICLES = _G["name_particles"]
_TIME_UNITS = _G["time_units"]
_VERBISH = _G["aux"] | _G["modal"] | _G["be"]
_PARTICIPLE_NEXT = _G["prepositions"] | _G["participle_next"]


def _numeral(word: str, lex: Lexicon) -> bool:
    """A number in digits or words ("76", "seventy-six"): a determiner of a group."""
    return word.isdigit() or ("-" in word and all(p in lex.determiners for p in word.split("-")))


def is_participle(word: str, lex: Lexicon) -> bool:
    """A lower-case -ing or -ed form or an irregular past ("meeting", "reviewed", "made")."""
    return (word.endswith("ing") and len(word) > 5) or (word.endswith("ed") and len(word) > 4) or word in lex.past_verbs


def _participle_modifier(toks: list[Tok], k: int, lex: Lexicon) -> bool:
    """Is ``toks[k]`` a participle opening a postmodifier ("leaders meeting in Doha",
    "records reviewed by researchers", "cables made public") rather than the verb of
    a clause ("officials rejected the plan")? It must be followed by a preposition,
    a determiner or "public"."""
    w = toks[k].low
    if not is_participle(w, lex):
        return False
    after = toks[k + 1].low if k + 1 < len(toks) else ""
    return after in _PARTICIPLE_NEXT or after in lex.postmodifier_starts or (w.endswith("ing") and after in lex.determiners)


def _is_head(word: str, lex: Lexicon) -> bool:
    return strip_possessive(word).lower() in lex.source_heads


def _head_ahead(toks: list[Tok], j: int, lex: Lexicon) -> bool:
    """A listed head noun within two lower-case, non-determiner words from ``toks[j]``."""
    for k in range(j, min(j + 3, len(toks))):
        w = toks[k].text
        if is_cap(w) or w.lower() in lex.determiners or w.lower() in lex.postmodifier_starts:
            return False
        if _is_head(w, lex):
            return True
    return False


def _cut_title(words: list[str], lex: Lexicon) -> int:
    """Index where the name starts after any titles ("Chief Cabinet Secretary Hiromu Nonaka")."""
    last = -1
    for j, w in enumerate(words[:-1]):
        if w in lex.titles or w.rstrip(".") in lex.titles:
            last = j
        elif (w == "of" and last == j - 1) or (w == "the" and j > 0 and words[j - 1] == "of" and last == j - 1):
            last = j
        elif last == j - 1 and j > 0 and words[j - 1] == "of" and w in lex.title_objects:
            last = j
    q = last + 1
    while q < len(words) - 1 and (words[q].lower() in lex.function_words or words[q] == "of"):
        q += 1
    return q


def analyze_np(toks: list[Tok], text: str, index: PersonIndex | None, lex: Lexicon | None = None,
               lenient: bool = False) -> NP | None:
    """Classify the noun phrase made of *toks* (offsets into *text*).

    ``lenient``: the phrase is known to be a source (subject of "said", object
    of "according to"), so an unlisted head noun ("a farmer who ...") is
    accepted as an anonymous source instead of being rejected as non-human.
    """
    lex = lex or lexicon()
    toks = [t for t in toks if t.text not in {"“", "”", '"', "‘", "(", ")", "[", "]"}]
    terminators = lex.np_terminators
    for k in range(1, len(toks)):
        tl = toks[k].low
        if tl in terminators and not (tl == "that" and toks[k - 1].low in {"who", "which"}):
            toks = toks[:k]
            break
    while toks and toks[-1].text in {".", ",", ";", ":", "—", "–", "-", "’", "'"}:
        toks = toks[:-1]
    if not toks:
        return None
    backref = False
    i = 0
    # partitive "one of the sources" -> "the sources"
    if len(toks) > 2 and toks[0].low in lex.determiners and toks[1].low == "of":
        i = 2
    while i < len(toks) - 1 and (toks[i].low in lex.determiners or _numeral(toks[i].low, lex)):
        if toks[i].low in lex.backref_determiners:
            backref = True
        i += 1
    toks = toks[i:]
    if all(t.low in lex.determiners or t.low in lex.time_words for t in toks):
        return None
    # leading time phrase: "Days later the State Department"
    k = 0
    while k < len(toks) - 1 and (toks[k].low in lex.time_words or toks[k].text.isdigit()
                                 or toks[k].low in _TIME_UNITS):
        k += 1
    if k:
        toks = toks[k:]
        while len(toks) > 1 and toks[0].low in lex.determiners:
            backref = backref or toks[0].low in lex.backref_determiners
            toks = toks[1:]
    first = toks[0].text
    low = first.lower()
    if low in lex.pronouns and len(toks) <= 2 and i == 0 and toks[0].low != "her":
        return NP("pronoun", first, toks[0].start, toks[0].end, low)
    if low in {"i", "we", "you", "me", "us"}:
        return None

    def span(a: int, b: int) -> tuple[str, int, int]:
        s, e = toks[a].start, toks[b].end
        return text[s:e], s, e

    # The head noun: the first listed head (the last of a compound: "Biden
    # administration official"), looking no further than the first postmodifier.
    head_idx = None
    stop = len(toks)
    j = 0
    while j < len(toks):
        w = toks[j].text
        wl = strip_possessive(w).lower()
        if j > 0 and wl in lex.postmodifier_starts and not (
                w in _CONNECTORS and j + 1 < len(toks) and is_cap(toks[j + 1].text) and is_cap(toks[j - 1].text)):
            stop = j
            break
        if w in {",", ";", ":", "—", "–"}:
            stop = j
            break
        if j > 0 and not is_cap(w) and is_cap(toks[j - 1].text) and not _is_head(w, lex) \
                and w not in _CONNECTORS and not _head_ahead(toks, j, lex):
            # "Mr. Kaya | met the envoy": a name followed by its verb, not a modifier of a head
            stop = j
            break
        cap_ok = not is_cap(w) or (j == 0 and not (j + 1 < len(toks) and (
            is_cap(toks[j + 1].text) or (toks[j + 1].text == "of" and j + 2 < len(toks) and is_cap(toks[j + 2].text)))))
        if cap_ok and _is_head(w, lex):
            head_idx = j
            while head_idx + 1 < len(toks) and not is_cap(toks[head_idx + 1].text) and _is_head(toks[head_idx + 1].text, lex):
                head_idx += 1
            j = head_idx + 1
            stop = j
            while stop < len(toks) and toks[stop].low not in lex.postmodifier_starts \
                    and toks[stop].text not in {",", ";", ":", "—", "–"}:
                stop += 1
            break
        if is_cap(w) and strip_possessive(w).lower() in lex.institution_heads and not w.endswith(("’s", "'s")) \
                and not (j + 1 < len(toks) and is_cap(toks[j + 1].text)):
            head_idx = j  # "Foreign Ministry", "Ministry of Commerce"; not "Cabinet Secretary Shinzo Abe"
        j += 1
    if head_idx is not None and not is_cap(toks[head_idx].text) or (head_idx == 0 and toks[0].low != toks[0].text
                                                                       and _is_head(toks[0].text, lex)
                                                                       and strip_possessive(toks[0].text).lower() not in lex.institution_heads):
        head = strip_possessive(toks[head_idx].text).lower()
        # A role word before a name is a descriptor: "North Korean dictator Kim Jong Un";
        # so is an institution noun before its name: "the news agency Tass"
        if head_idx + 1 < len(toks) and is_cap(toks[head_idx + 1].text) and (
                head in lex.role_heads or head in lex.institution_heads or head in lex.document_heads):
            named = analyze_np(toks[head_idx + 1:], text, index, lex, lenient)
            if named is not None and head not in lex.role_heads and named.kind in ("person", "surname"):
                named = NP("institution", text[named.start:named.end], named.start, named.end, named.head)
            return named
        # After the head only a postmodifier may follow, else this is a clause
        # ("officials were struck by ..."), not a noun phrase.
        if head_idx + 1 < len(toks):
            nxt = toks[head_idx + 1].low
            if not (nxt in lex.postmodifier_starts or nxt in {"and", "or", ",", "—", "–"}
                    or _participle_modifier(toks, head_idx + 1, lex)):
                return None
        s_text, s, e = span(0, len(toks) - 1)
        mods = tuple(t.low for t in toks[:head_idx])
        if head in lex.document_heads or head in lex.institution_heads:
            return NP("institution", s_text, s, e, head, backref, mods)
        if lex.anonymity_re.search(s_text) or head in {"source", "sources"}:
            return NP("anonymous", s_text, s, e, head, backref, mods)
        if head in lex.group_heads:
            return NP("group", s_text, s, e, head, backref, mods)
        if head in lex.role_heads and head not in lex.anonymous_heads:
            return NP("role", s_text, s, e, head, backref, mods)
        return NP("anonymous", s_text, s, e, head, backref, mods)
    if head_idx is not None:
        # Capitalised institution ("Seoul’s Foreign Ministry and Defense Ministry", "Ministry of Commerce")
        k = head_idx
        while k + 1 < len(toks) and (is_cap(toks[k + 1].text) or toks[k + 1].text in _CONNECTORS):
            k += 1
        while k > head_idx and toks[k].text in _CONNECTORS:
            k -= 1
        s_text, s, e = span(0, k)
        return NP("institution", s_text, s, e, strip_possessive(toks[head_idx].text).lower(), backref)
    if not is_cap(first) and not _INITIALS.match(first):
        # lower-case modifiers before a titled name: "former President Ma Ying-jeou"
        k = 0
        while k < min(len(toks), 3) and not is_cap(toks[k].text) and toks[k].text.isalpha() \
                and toks[k].low not in lex.postmodifier_starts:
            k += 1
        if 0 < k < len(toks) and is_cap(toks[k].text) and (toks[k].text in lex.titles or toks[k].text.rstrip(".") in lex.titles):
            return analyze_np(toks[k:], text, index, lex, lenient)
        if lenient and stop > 0 and (i > 0 or toks[stop - 1].text.endswith("s")):
            # An unlisted common noun that is the subject of "said": "a farmer who joined the protests"
            h = toks[stop - 1].text
            if stop < len(toks) and not (toks[stop].low in lex.postmodifier_starts):
                return None
            if stop > 5 or any(t.low in _VERBISH for t in toks[:stop]):
                return None  # "the embargo would stay" is a clause, not a source
            if h.isalpha() and not h.endswith("ly") and h.lower() not in lex.function_words:
                s_text, s, e = span(0, len(toks) - 1)
                return NP("anonymous", s_text, s, e, h.lower(), backref)
        return None
    # Proper noun phrase: the capitalised run at the front.
    k = 0
    while k + 1 < len(toks) and (is_cap(toks[k + 1].text) or _INITIALS.fullmatch(toks[k + 1].text)
                                 or (toks[k + 1].text in _CONNECTORS and k + 2 < len(toks) and is_cap(toks[k + 2].text)
                                     and toks[k + 2].low.rstrip(".") not in lex.time_words)
                                 or (toks[k + 1].text in _NAME_PARTICLES and k + 3 < len(toks)
                                     and toks[k + 2].text in _NAME_PARTICLES and is_cap(toks[k + 3].text))):
        if toks[k].text.endswith(("’s", "'s")) and not is_cap(toks[k + 1].text):
            break
        k += 1
    words = [t.text for t in toks[: k + 1]]
    # a capitalised modifier run before a lower-case noun: "North Korean delegate", "Malaysian police"
    if k + 1 < len(toks) and not is_cap(toks[k + 1].text) and toks[k + 1].text.isalpha() \
            and toks[k + 1].low not in lex.postmodifier_starts and toks[k + 1].low not in _CONNECTORS:
        # also any capitalised word whose lower-case noun ends the phrase: "Financial sanctions"
        if k + 2 == len(toks) or all(w in lex.nonhuman_proper or w.endswith(("’s", "'s")) or w.endswith(("an", "ese", "ish", "i"))
                                     or _INITIALS.fullmatch(w) or (w.isupper() and len(w) > 1) for w in words):
            if lenient:
                s_text, s, e = span(0, min(len(toks) - 1, k + 1))
                return NP("anonymous", s_text, s, e, toks[k + 1].low, backref)
            return None
    q = _cut_title(words, lex)
    titled = q > 0 and any(w in lex.titles or w.rstrip(".") in lex.titles for w in words[:q])
    name = [strip_possessive(w) for w in words[q:]]
    # persons: "of Kansas" is an affiliation, not part of the name
    if "of" in name[1:] and not any(w.lower() in lex.institution_heads or w in lex.nonhuman_proper
                                    for w in name[:name.index("of")]):
        cut = name.index("of")
        name = name[:cut]
        k = q + cut - 1
    s, e = toks[q].start, toks[k].end
    if toks[k].text.endswith(("’s", "'s")):
        e -= 2
    if not name:
        return None
    if all(w.lower() in lex.time_words for w in name) and not titled:
        return None
    if is_place_word(name, lex) or any(w.lower() in lex.institution_heads for w in name) or name[-1].isupper() \
            or _INITIALS.fullmatch(name[-1]) or any(w.endswith(("’s", "'s")) for w in words[q:k]):
        s0 = toks[0].start
        return NP("institution", text[s0:e], s0, e, name[-1].lower(), backref)
    if index is not None:
        p = index.by_name(name) if len(name) >= 2 else None
        if p is not None:
            return NP("person", p.name, s, e, name[-1])
        if len(name) == 1 and index.by_surname(name[0]):
            return NP("surname", name[0], toks[0].start, e, name[0])
    if len(name) == 1:
        if titled:
            return NP("surname", name[0], toks[0].start, e, name[0])
        # a bare capitalised word that is no place or organisation: a surname ("Zelenskyy said")
        return NP("surname", name[0], s, e, name[0])
    return NP("person", " ".join(name), s, e, name[-1])
