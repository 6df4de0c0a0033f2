"""Speaker attribution: who each sentence of an article comes from.

The public entry point is ``attribute(text, spans)``: for the sentences of one
article (``spans`` are the segmenter's ``(start, end)`` offsets) it returns one
``Attribution`` per sentence, in order.
"""

from __future__ import annotations

from typing import NamedTuple

SPEAKER_COLUMNS = ["speaker", "speaker_mention", "speaker_start", "speaker_end", "speaker_type"]


class Attribution(NamedTuple):
    """The source of one sentence; all fields None for narrator sentences."""

    speaker: str | None = None         # canonical name ("Moon Jae-in", "U.S. officials")
    mention: str | None = None         # surface text the attribution came from ("Mr. Moon")
    mention_start: int | None = None   # offsets of the mention in the article text
    mention_end: int | None = None
    speaker_type: str | None = None    # person, group, anonymous, institution


def attribute(text: str, spans: list[tuple[int, int]]) -> list[Attribution]:
    """One Attribution per sentence span of *text*."""
    return [Attribution() for _ in spans]
