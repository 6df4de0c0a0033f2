"""Quotation marks across an article: what is quoted, and what runs on.

Double quotes only (curly “ ” and straight "); single quotes double as
apostrophes and mark quotes inside quotes, so they never open a quotation
here. A quotation left open at a line break is closed there: in news a quote
that runs over paragraphs re-opens with a new mark on the next one.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_QUOTE_CHARS = re.compile(r"[\u201c\u201d\"\n]")
_WORDCH = re.compile(r"\w")
_ALNUM = re.compile(r"[^\W_]")   # what str.isalnum accepts


class SentenceQuotes(NamedTuple):
    open_at_start: bool     # the sentence continues a quotation opened before it
    open_at_end: bool       # its quotation runs on into the next sentence
    opens_with_quote: bool  # the sentence begins with an opening quote mark
    has_quote: bool
    all_quoted: bool        # no word outside quotation marks
    masked: str             # the sentence with quoted words blanked (cues inside quotes belong to the quotee)


def quoted_intervals(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every quotation, marks included."""
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in _QUOTE_CHARS.finditer(text):
        ch, pos = m.group(), m.start()
        if ch == "\n":
            if open_at is not None:
                out.append((open_at, pos))
                open_at = None
        elif ch == "\u201c":
            if open_at is not None:
                out.append((open_at, pos))
            open_at = pos
        elif ch == "\u201d":
            if open_at is not None:
                out.append((open_at, pos + 1))
                open_at = None
        else:  # straight quote toggles
            if open_at is None:
                open_at = pos
            else:
                out.append((open_at, pos + 1))
                open_at = None
    if open_at is not None:
        out.append((open_at, len(text)))
    return out


def sentence_quotes(text: str, spans: list[tuple[int, int]]) -> list[SentenceQuotes]:
    """Quote facts for each sentence span."""
    intervals = quoted_intervals(text) if ('"' in text or "\u201c" in text or "\u201d" in text) else []
    out: list[SentenceQuotes] = []
    k = 0
    for s, e in spans:
        sent = text[s:e]
        while k < len(intervals) and intervals[k][1] <= s:
            k += 1
        inside = []
        j = k
        while j < len(intervals) and intervals[j][0] < e:
            inside.append(intervals[j])
            j += 1
        if not inside:
            out.append(SentenceQuotes(False, False, False, False, False, sent))
            continue
        open_start = inside[0][0] < s
        open_end = inside[-1][1] > e
        # blank the letters and digits (str.isalnum) of each quoted stretch
        pieces = []
        last = 0
        for a, b in inside:
            a, b = max(a, s) - s, min(b, e) - s
            if a < last:   # intervals never overlap; kept safe all the same
                a = last
            if b <= a:
                continue
            pieces.append(sent[last:a])
            pieces.append(_ALNUM.sub(" ", sent[a:b]))
            last = b
        pieces.append(sent[last:])
        masked = "".join(pieces)
        outside_words = _WORDCH.search(masked) is not None
        opens = sent.lstrip()[:1] in ("\u201c", '"') or open_start
        out.append(SentenceQuotes(open_start, open_end, opens, True, not outside_words, masked))
    return out
