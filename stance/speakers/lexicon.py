"""Word lists for speaker attribution, read once from ``stance/data/speakers``.

Every rule that depends on vocabulary (which verbs report speech, which nouns
name a group of sources, which words are titles, ...) lives in a plain text
file so that it can be reviewed and extended without touching the code. This
module loads those files with ``importlib.resources`` and caches them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_PACKAGE = "stance.data.speakers"


def _lines(name: str) -> list[str]:
    text = resources.files(_PACKAGE).joinpath(name).read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def _words(name: str) -> list[str]:
    return [w for ln in _lines(name) for w in ln.split()]


def _forms(name: str) -> list[str]:
    """Surface forms of verb entries: ``a|b c|d`` lines split on ``|``, others on spaces."""
    out: list[str] = []
    for ln in _lines(name):
        parts = ln.split("|") if "|" in ln else ln.split()
        out.extend(p.strip() for p in parts if p.strip())
    return out


def _grammar() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for ln in _lines("grammar_words.txt"):
        name, _, words = ln.partition(":")
        out[name.strip()] = frozenset(words.split())
    return out


def _base_forms(name: str) -> list[str]:
    """The first form of each entry whose later forms inflect it ("call" of "call calls called")."""
    out = []
    for ln in _lines(name):
        parts = ln.split("|") if "|" in ln else ln.split()
        if len(parts) > 1:
            out.append(parts[0].strip())
    return out


def _alternation(forms: list[str]) -> str:
    # Longest first so "called for" wins over "called"; spaces match any whitespace.
    uniq = sorted(set(forms), key=len, reverse=True)
    # a multiword predicate may have an adverb inside: "speaks only of", "called repeatedly for"
    return "|".join(re.escape(f).replace(r"\ ", r"\s+(?:\w+ly\s+|only\s+|again\s+)?") for f in uniq)


@dataclass(frozen=True)
class Lexicon:
    reporting: frozenset[str]
    communicative: frozenset[str]
    titles: frozenset[str]
    title_objects: frozenset[str]
    honorifics: frozenset[str]
    pronouns: dict[str, str]
    group_heads: frozenset[str]
    anonymous_heads: frozenset[str]
    anonymity_markers: tuple[str, ...]
    role_heads: frozenset[str]
    institution_heads: frozenset[str]
    document_heads: frozenset[str]
    source_heads: frozenset[str]   # all five head lists above: a noun that can head a source
    determiners: frozenset[str]
    past_verbs: frozenset[str]     # irregular past tenses ("dug", "flew"): a subject ends before them
    backref_determiners: frozenset[str]
    subordinators: frozenset[str]
    postmodifier_starts: frozenset[str]
    nonhuman_proper: frozenset[str]
    function_words: frozenset[str]
    place_first_names: frozenset[str]
    time_words: frozenset[str]
    venue_nouns: tuple[str, ...]
    event_markers: tuple[str, ...]
    source_phrases: tuple[str, ...]
    complement_verbs: frozenset[str]
    inversion_verbs: frozenset[str]
    core_speech: frozenset[str]
    np_terminators: frozenset[str]
    grammar: dict[str, frozenset[str]]   # closed word classes from grammar_words.txt
    base_forms: frozenset[str]    # uninflected verb forms ("call", "warn"): often nouns, so checked harder
    quoting_verbs: frozenset[str]
    triggers: frozenset[str]      # words of which a sentence must hold one to carry any cue
    nominal_words: frozenset[str]
    venue_words: frozenset[str]
    nominal_re: re.Pattern        # "with a pledge to ...": the main-clause subject is the source
    cue_index: dict[str, tuple[tuple[str, ...], ...]]  # first word -> cue forms as word tuples, longest first
    event_words: frozenset[str]
    anonymity_re: re.Pattern


def _cue_index(forms: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for f in set(forms):
        words = tuple(f.lower().split())
        index.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def is_place_word(words: list[str], lex: "Lexicon") -> bool:
    """Does a capitalised name hold a place or organisation word (allowing "Israel Katz")?"""
    for i, w in enumerate(words):
        if w in lex.nonhuman_proper and not (i == 0 and len(words) > 1 and w in lex.place_first_names):
            return True
    return False


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The cached lexicon built from the data files."""
    reporting = _forms("reporting_verbs.txt")
    communicative = _forms("communicative_predicates.txt")
    sources = _lines("source_phrases.txt")
    venues = _lines("venue_phrases.txt")
    events = _lines("event_markers.txt")
    markers = _lines("anonymity_markers.txt")
    pronouns = {}
    for ln in _lines("pronouns.txt"):
        word, kind = ln.split()[:2]
        pronouns[word.lower()] = kind
    all_cues = reporting + communicative + sources + _forms("quoting_phrases.txt")
    nominal = _lines("nominal_cues.txt")
    first_words = {f.split()[0].lower() for f in all_cues}
    nominal_words = {ln.split()[2].lower() for ln in nominal if len(ln.split()) > 2}
    venue_words = {v.split()[-1].lower() for v in venues}
    return Lexicon(
        triggers=frozenset(first_words | nominal_words | venue_words),
        cue_index=_cue_index(all_cues),
        nominal_words=frozenset(nominal_words),
        venue_words=frozenset(venue_words),
        reporting=frozenset(reporting),
        communicative=frozenset(communicative),
        titles=frozenset(_words("titles.txt")),
        title_objects=frozenset(_words("title_objects.txt")),
        honorifics=frozenset(_words("honorifics.txt")),
        pronouns=pronouns,
        group_heads=frozenset(_words("group_heads.txt")),
        anonymous_heads=frozenset(_words("anonymous_heads.txt")),
        anonymity_markers=tuple(markers),
        role_heads=frozenset(_words("role_heads.txt")),
        institution_heads=frozenset(_words("institution_heads.txt")),
        document_heads=frozenset(_words("document_heads.txt")),
        source_heads=frozenset(_words("group_heads.txt") + _words("anonymous_heads.txt") + _words("role_heads.txt")
                               + _words("institution_heads.txt") + _words("document_heads.txt")),
        determiners=frozenset(_words("determiners.txt")),
        past_verbs=frozenset(_words("past_verbs.txt")),
        backref_determiners=frozenset(_words("backref_determiners.txt")),
        subordinators=frozenset(w.replace("-", " ") for w in _words("subordinators.txt")),
        postmodifier_starts=frozenset(_words("postmodifier_starts.txt")),
        nonhuman_proper=frozenset(_words("nonhuman_proper.txt")),
        function_words=frozenset(_words("function_words.txt")),
        place_first_names=frozenset(_words("place_first_names.txt")),
        time_words=frozenset(_words("time_words.txt")),
        venue_nouns=tuple(venues),
        event_markers=tuple(events),
        source_phrases=tuple(sources),
        complement_verbs=frozenset(_forms("complement_verbs.txt")),
        inversion_verbs=frozenset(_forms("inversion_verbs.txt")),
        core_speech=frozenset(_forms("core_speech_verbs.txt")),
        np_terminators=frozenset(_words("np_terminators.txt")),
        grammar=_grammar(),
        base_forms=frozenset(set(_base_forms("reporting_verbs.txt") + _base_forms("communicative_predicates.txt"))
                             & set(_words("noun_homographs.txt"))),
        quoting_verbs=frozenset(_forms("quoting_phrases.txt")),
        nominal_re=re.compile(r"\b(?:" + _alternation(_lines("nominal_cues.txt")) + r")\b", re.IGNORECASE),
        event_words=frozenset(w.lower() for e in events for w in e.split()[-1:]),
        anonymity_re=re.compile(r"\b(?:" + _alternation(markers) + r")\b", re.IGNORECASE),
    )
