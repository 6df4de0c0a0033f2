"""Speaker attribution: who each sentence of an article comes from.

The public entry point is ``attribute(text, spans)``: for the sentences of one
article (``spans`` are the segmenter's ``(start, end)`` offsets) it returns one
``Attribution`` per sentence, in order. ``speaker_matches(predicted, gold)`` is
the annotation guide's evaluation rule.

Rule-based, pure Python; one job per module:

* ``lexicon``  - word lists and rules read from ``stance/data/speakers/*.txt``
* ``quotes``   - which text is quoted, and quotations running over sentences
* ``mentions`` - people named in the article (canonical names, roles) and
  what a subject noun phrase is (person, group, anonymous, institution)
* ``cues``     - reporting cues in a sentence and their source phrase
* ``resolve``  - the article loop: nested attribution, pronouns,
  back-references, shared surnames, quote carry-over
* ``matching`` - the evaluation rule
"""

from __future__ import annotations

from typing import NamedTuple

from ..gcpause import paused_gc

__all__ = ["Attribution", "SPEAKER_COLUMNS", "attribute", "speaker_matches"]

SPEAKER_COLUMNS = ["speaker", "speaker_mention", "speaker_start", "speaker_end", "speaker_type"]


class Attribution(NamedTuple):
    """The source of one sentence; all fields None for narrator sentences."""

    speaker: str | None = None         # canonical name ("Moon Jae-in", "U.S. officials")
    mention: str | None = None         # surface text the attribution came from ("Mr. Moon")
    mention_start: int | None = None   # offsets of the mention in the article text
    mention_end: int | None = None
    speaker_type: str | None = None    # person, group, anonymous, institution


def attribute(text: str, spans: list[tuple[int, int]]) -> list[Attribution]:
    """One Attribution per sentence span of *text*.

    Narrator sentences (no reporting cue, no quotation carried over) get an
    all-None Attribution. See ``stance/speakers/resolve.py`` for the rules.
    """
    if not spans:
        return []
    from .resolve import attribute_article  # imported lazily: keeps `import stance` cheap

    with paused_gc():  # the rules allocate many short-lived tuples; see stance/gcpause.py
        results = attribute_article(text, list(spans))
    none = Attribution()
    return [none if r is None else Attribution(r.speaker, r.mention, r.start, r.end, r.speaker_type)
            for r in results]


def speaker_matches(predicted: str | None, gold: str | None) -> bool:
    """Evaluation rule of the annotation guide; see ``stance.speakers.matching``."""
    from .matching import speaker_matches as _match

    return _match(predicted, gold)
