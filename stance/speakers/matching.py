"""The annotation guide's rule for comparing a predicted speaker with the gold one.

Case, punctuation and titles are folded. For people the last token of the
canonical names must be equal ("Gen. McMaster" matches "H.R. McMaster"); for
groups, anonymous sources, institutions and documents the head noun phrase
must be equal: the phrase up to its head noun, without determiners and without
postmodifiers ("one official familiar with the diplomatic process" ->
"official"; "senior U.S. and South Korean officials" keeps its modifiers).
A missing speaker (None, "", NaN) matches only a missing one.
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources
import re
import unicodedata

from .lexicon import lexicon
from .mentions import is_participle

_SUFFIXES = lexicon().grammar["name_suffixes"]
_POSS_MARK = "\u0001"  # marks a folded possessive so that head_phrase can drop the owner


def _missing(x: object) -> bool:
    if x is None:
        return True
    if isinstance(x, float) and math.isnan(x):
        return True
    try:
        import pandas as pd

        if x is pd.NA or x is pd.NaT:
            return True
    except ImportError:  # pragma: no cover
        pass
    return isinstance(x, str) and not x.strip()


def _is_title(word: str) -> bool:
    lex = lexicon()
    return word in lex.titles or word.rstrip(".") in lex.titles or word + "." in lex.titles


def _fold_tokens(name: str, titles: bool = True) -> list[str]:
    name = unicodedata.normalize("NFKC", name).replace("’", "'")
    words = name.split()
    # strip titles (with or without their period) in front of a capitalised name:
    # "Gen. McMaster" -> "McMaster", but "foreign policy experts" keeps "foreign"
    while titles and len(words) > 1 and _is_title(words[0]) and words[1][:1].isupper():
        words = words[1:]
    text = " ".join(words)
    text = re.sub(r"'s\b", _POSS_MARK, text)
    # hyphens and dots split name parts: "Kim Jong-un" ~ "Kim Jong Un", "H.R." -> "h r"
    text = re.sub(r"[-\u2010-\u2015.]", " ", text)
    text = re.sub(r"[^\w\s\u0001]", "", text).lower()
    toks = [t for t in text.split() if t]
    while len(toks) > 1 and toks[-1] in _SUFFIXES:
        toks.pop()
    return toks


@lru_cache(maxsize=1)
def _ignorable() -> frozenset[str]:
    text = resources.files("stance.data.speakers").joinpath("ignorable_modifiers.txt").read_text("utf-8")
    return frozenset(w for ln in text.splitlines() if not ln.startswith("#") for w in ln.split())


def _is_common(toks: list[str]) -> bool:
    heads = lexicon().source_heads
    return any(t in heads for t in toks)


def head_phrase(toks: list[str]) -> str:
    """Determiners stripped, cut before the first postmodifier ("officials | familiar with ...")."""
    lex = lexicon()
    while toks and toks[0] in lex.determiners:
        toks = toks[1:]
    # a possessive in front is a determiner too: "China's Foreign Ministry" ~ "Foreign Ministry"
    # "mr erdogan's aides" ~ "aides": drop everything up to the last possessive
    marks = [i for i, t in enumerate(toks[:-1]) if _POSS_MARK in t]
    if marks and any(t in lex.source_heads for t in toks[marks[-1] + 1:]):
        toks = toks[marks[-1] + 1:]
    toks = [t.replace(_POSS_MARK, "") for t in toks]
    out: list[str] = []
    for t in toks:
        if out and (t in lex.postmodifier_starts or (out[-1] in lex.source_heads and is_participle(t, lex))):
            break  # "officials | familiar with ...", "leaders | meeting in Doha", "cables | made public"
        out.append(t)
    # an institution's nationality works like a possessive: "Chinese Foreign Ministry" ~ "Foreign Ministry"
    if out and out[-1] in lex.institution_heads:
        while len(out) > 1 and out[0].endswith(("ese", "ian", "ish", "an", "ch")) and out[0] not in lex.institution_heads:
            out = out[1:]
        # two-word nationalities: "South Korean Foreign Ministry" ~ "Foreign Ministry"
        if len(out) > 2 and out[0] in lex.grammar["nationality_prefix"] and out[1].endswith(("ese", "ian", "an")):
            out = out[2:]
    ignorable = _ignorable()
    return " ".join(t for t in out if t not in ignorable) or " ".join(out)


def speaker_matches(predicted: str | None, gold: str | None) -> bool:
    """True when *predicted* names the same source as *gold* under the guide's rule."""
    if _missing(gold) or _missing(predicted):
        return _missing(gold) and _missing(predicted)
    p, g = _fold_tokens(str(predicted)), _fold_tokens(str(gold))
    if not p or not g:
        return not p and not g
    if _is_common(g) or _is_common(p):
        # compare groups and institutions with their capitalised modifiers kept
        return head_phrase(_fold_tokens(str(predicted), False)) == head_phrase(_fold_tokens(str(gold), False))
    p = [t.replace(_POSS_MARK, "") for t in p]
    g = [t.replace(_POSS_MARK, "") for t in g]
    if p[-1] == g[-1]:
        return True
    # A bare surname against a full name in East Asian order: "Xi" ~ "Xi Jinping",
    # "Moon" ~ "Moon Jae-in" (the surname comes first there).
    if len(p) == 1 or len(g) == 1:
        short, full = (p, g) if len(p) == 1 else (g, p)
        return short[0] == full[0] and len(full) <= 3
    return False
