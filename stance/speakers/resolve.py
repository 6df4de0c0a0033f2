"""From cues to speakers across an article: pronouns, back-references, carry-over.

The article is read in order, keeping the speakers already in play. For each
sentence the best cue is chosen (the inner source of a nested attribution
over the outer informant), its noun phrase is resolved to a canonical speaker
("he" -> the person in play, "these people" -> "people familiar with the
matter", "Mr. Kim" -> the Kim in play), and quotations that run over several
sentences carry their speaker to sentences without a cue of their own.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .cues import Cue, find_cues
from .lexicon import Lexicon, lexicon
from .mentions import NP, Person, PersonIndex
from .quotes import SentenceQuotes, sentence_quotes

_WORD = re.compile(r"[^\W\d_]+")
# What follows a pronoun in a trailing attribution: "…, he said, …" / "…, she added."
_TRAILING = re.compile(r"\s+([a-z]+)(?:\s+[a-z]+){0,2}\s*(?:[,.;]|$)")
_TYPES = {"person": "person", "surname": "person", "group": "group", "anonymous": "anonymous",
          "institution": "institution", "role": "person"}


class Resolved(NamedTuple):
    speaker: str
    speaker_type: str
    mention: str
    start: int
    end: int
    person: Person | None = None
    head: str = ""
    mode: str = "public"      # interview | event | public


def _singular(word: str) -> str:
    w = word.lower()
    if w == "people":
        return "person"
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


class ArticleResolver:
    """Speaker attribution for the sentences of one article."""

    def __init__(self, text: str, spans: list[tuple[int, int]], lex: Lexicon | None = None):
        self.text = text
        self.spans = spans
        self.lex = lex or lexicon()
        self.index = PersonIndex(text, self.lex)
        self.quotes: list[SentenceQuotes] = sentence_quotes(text, spans)
        self.results: list[Resolved | None] = [None] * len(spans)
        self.history: list[tuple[int, Resolved]] = []   # (sentence index, speaker), in order
        # group and anonymous sources named by any cue, also the outer informants of
        # nested attributions: "these people said" can point back to them
        self.sources: list[tuple[int, Resolved]] = []   # (sentence index, source)

    # -- the article loop ---------------------------------------------------
    def run(self) -> list[Resolved | None]:
        """Attribute every sentence, in order."""
        pending: list[int] = []          # sentences of an open quotation whose speaker comes later
        before_quote: Resolved | None = None   # the speaker just before that quotation opened
        for i, (s, e) in enumerate(self.spans):
            q = self.quotes[i]
            prev = self.results[i - 1] if i > 0 else None
            local = self._local(i, s, e, q)
            if local is not None:
                self._set(i, local)
            elif q.open_at_start and not pending and prev is not None:
                # the quotation opened in the previous sentence goes on: same speaker
                self._set(i, prev)
            elif q.open_at_start or (q.opens_with_quote and q.open_at_end):
                # inside a quotation whose attribution may still come: "“This city ... . No one …,” said X."
                if not pending:
                    before_quote = prev if q.opens_with_quote else None
                pending.append(i)
            elif q.opens_with_quote and prev is not None and (self.quotes[i - 1].has_quote or q.all_quoted):
                # a new quotation right after its speaker's sentence: "“…,” he said. “…”"
                self._set(i, prev)
            if pending and (self.results[i] is not None or not q.open_at_end):
                fill = self.results[i] if self.results[i] is not None else before_quote
                if fill is not None:
                    for k in pending:
                        if k != i:
                            self.results[k] = fill
                    if self.results[i] is None:
                        self.results[i] = fill
                pending = []
                before_quote = None
        return self.results

    def _set(self, i: int, r: Resolved) -> None:
        self.results[i] = r
        self.history.append((i, r))

    # -- one sentence -------------------------------------------------------
    def _local(self, i: int, s: int, e: int, q: SentenceQuotes) -> Resolved | None:
        masked = q.masked
        words = set(_WORD.findall(masked.lower()))
        if words.isdisjoint(self.lex.triggers):
            return None  # cheap exit: no word that could start a cue
        cues = find_cues(self.text, s, masked, self.index, self.lex, words)
        if not cues:
            return None
        cue = self._choose(cues, q)
        if cue is None:
            return None
        mode = "event" if cue.event else ("interview" if cue.kind == "reporting" and q.has_quote else "public")
        result = self.resolve_np(cue.np, i, s, mode)
        for c in cues:
            if c is not cue and not c.demoted and c.np.kind in ("group", "anonymous") and not c.np.backref:
                r = self.resolve_np(c.np, i, s, mode)
                if r is not None:
                    self.sources.append((i, r))
        return result

    def _choose(self, cues: list[Cue], q: SentenceQuotes) -> Cue | None:
        valid = [c for c in cues if not c.demoted]
        inner = [c for c in valid if not c.outer and not c.weak and not c.secondary and c.kind != "according"]
        if inner:
            return min(inner, key=lambda c: c.pos)
        outer = [c for c in valid if c.outer or c.kind == "according"]
        if outer:
            non_acc = [c for c in outer if c.kind != "according"]
            return min(non_acc or outer, key=lambda c: c.pos)
        secondary = [c for c in valid if c.secondary and not c.weak]
        if secondary:
            return min(secondary, key=lambda c: c.pos)
        weak = [c for c in valid if c.weak]
        if weak and q.has_quote:
            return min(weak, key=lambda c: c.pos)
        return None

    # -- noun phrase -> speaker --------------------------------------------
    def resolve_np(self, np_: NP, i: int, s: int, mode: str) -> Resolved | None:
        kind = np_.kind
        if kind == "pronoun":
            return self._pronoun(np_, i, s, mode)
        if kind == "person":
            p = self.index.by_name(np_.text.split())
            name = p.name if p else np_.text
            return Resolved(name, "person", self.text[np_.start:np_.end], np_.start, np_.end, p, np_.head, mode)
        if kind == "surname":
            p = self._pick_person(self.index.by_surname(np_.text), i, s, mode)
            name = p.name if p else np_.text
            return Resolved(name, "person", self.text[np_.start:np_.end], np_.start, np_.end, p, np_.head, mode)
        if kind == "role":
            if np_.backref:
                mods = [m for m in np_.mods if m not in self.lex.determiners]
                people = self.index.by_role(np_.head, mods, s)
                if people:
                    spoke = {id(r.person) for _, r in self.history if r.person is not None}
                    p = next((x for x in people if id(x) in spoke), people[0])
                    return Resolved(p.name, "person", self.text[np_.start:np_.end], np_.start, np_.end, p, np_.head, mode)
                back = self._backref(np_.head)
                if back is not None:
                    return back._replace(mention=self.text[np_.start:np_.end], start=np_.start, end=np_.end, mode=mode)
            return Resolved(np_.text, "anonymous", self.text[np_.start:np_.end], np_.start, np_.end, None, np_.head, mode)
        if kind in ("group", "anonymous") and np_.backref and not self._has_modifiers(np_):
            back = self._backref(np_.head)
            if back is not None:
                return back._replace(mention=self.text[np_.start:np_.end], start=np_.start, end=np_.end, mode=mode)
        return Resolved(np_.text, _TYPES[kind], self.text[np_.start:np_.end], np_.start, np_.end, None, np_.head, mode)

    def _has_modifiers(self, np_: NP) -> bool:
        # "the people" / "those people" point back; "the U.S. officials familiar with ..." introduces
        text = np_.text.split()
        return len(text) > 1

    def _backref(self, head: str) -> Resolved | None:
        h = _singular(head)
        # The most recently mentioned source with that head, whether it spoke or
        # only informed: "…, according to an official who was present. …, the
        # official said" is that official, not one who spoke three paragraphs up.
        spoke = next(((k, r) for k, r in reversed(self.history)
                      if r.head and _singular(r.head) == h and r.speaker_type in ("group", "anonymous")), None)
        informed = next(((k, r) for k, r in reversed(self.sources)
                         if r.head and _singular(r.head) == h), None)
        if spoke is not None or informed is not None:
            if informed is None or (spoke is not None and spoke[0] >= informed[0]):
                return spoke[1]
            return informed[1]
        for _, r in reversed(self.history):
            if r.person is not None and h in r.person.roles:
                return r
        return None

    def _pronoun(self, np_: NP, i: int, s: int, mode: str) -> Resolved | None:
        want = self.lex.pronouns.get(np_.head, "person")
        mention = self.text[np_.start:np_.end]
        prev = self.results[i - 1] if i > 0 else None

        def ok(r: Resolved | None) -> bool:
            if r is None:
                return False
            if want == "person":
                return r.speaker_type == "person" or (r.speaker_type == "anonymous" and not r.head.endswith("s")
                                                      and r.head != "people")
            if want == "group":
                return r.speaker_type in ("group", "anonymous", "institution") and (
                    r.speaker_type != "anonymous" or r.head.endswith("s") or r.head == "people")
            return r.speaker_type == "institution"

        if want == "person" and not self._trailing(np_, i):
            # a person named earlier in the same sentence, outside quotations:
            # "Mr. Orbán went on to Beijing, where he met Mr. Trump, and he said ..."
            # (not when the attribution trails what was said: in "… squeeze on
            # Mr. Maduro, he said," the name belongs to the reported words)
            masked = self.quotes[i].masked
            for m in self.index.mentions_between(s, np_.start):
                if masked[m.start - s].isalpha():
                    p = m.person or self._pick_person(self.index.by_surname(m.surname or ""), i, s, mode)
                    if p is not None:
                        return Resolved(p.name, "person", mention, np_.start, np_.end, p, p.tokens[-1], mode)
        if ok(prev):
            return prev._replace(mention=mention, start=np_.start, end=np_.end, mode=mode)
        if want == "person" and i > 0:
            ps, pe = self.spans[i - 1]
            for m in self.index.mentions_between(ps, pe):
                p = m.person or self._pick_person(self.index.by_surname(m.surname or ""), i - 1, ps, mode)
                if p is not None:
                    return Resolved(p.name, "person", mention, np_.start, np_.end, p, p.tokens[-1], mode)
        for k, r in reversed(self.history):
            if ok(r) and i - k <= 6:
                return r._replace(mention=mention, start=np_.start, end=np_.end, mode=mode)
        return None

    def _trailing(self, np_: NP, i: int) -> bool:
        """Is the pronoun the subject of an attribution that follows the words it reports?"""
        s, e = self.spans[i]
        if self.text[s:np_.start].rstrip()[-1:] != ",":
            return False
        m = _TRAILING.match(self.text, np_.end, e)
        return m is not None and m.group(1) in self.lex.cue_index

    def _pick_person(self, cands: list[Person], i: int, s: int, mode: str) -> Person | None:
        """Tell apart people who share a surname by who is in play (guide, speaker rule 6)."""
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        ids = {id(c) for c in cands}
        prev = self.results[i - 1] if i > 0 else None
        if prev is not None and prev.person is not None and id(prev.person) in ids and (
                prev.mode == mode or "public" in (prev.mode, mode)):
            return prev.person
        spoken = [(k, r) for k, r in self.history if r.person is not None and id(r.person) in ids]
        same_mode = [r for _, r in spoken if r.mode == mode]
        if same_mode:
            return same_mode[-1].person
        if spoken:
            return spoken[-1][1].person
        # nobody in play yet: the one most recently mentioned by full name
        best, best_pos = None, -1
        for c in cands:
            pos = max([x for x in c.positions if x < s] or [-1])
            if pos > best_pos:
                best, best_pos = c, pos
        return best or cands[0]


def attribute_article(text: str, spans: list[tuple[int, int]]) -> list[Resolved | None]:
    """Resolved speakers (or None) for each sentence span of one article."""
    return ArticleResolver(text, spans).run()
