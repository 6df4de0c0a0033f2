"""Reporting cues in one sentence and the noun phrase that is their source.

A *cue* is a reporting verb ("said", "told"), a communicative predicate
("called for", "reiterated"), "according to", a passive agent ("summarized by
the source"), "quoted X as saying", a nominal cue ("with a pledge to") or a
venue phrase ("in a statement"). The word classes used here are in
``data/speakers/grammar_words.txt``. For each cue this module finds
the subject: before the verb ("Mr. Han said"), after it in an inverted quote
attribution ("…,” said Han Suk-hee"), or in the main clause for participles
("…, reaffirming …"). It works on the sentence with quoted words blanked out,
because a verb inside a quotation belongs to the quoted speaker's words.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .lexicon import Lexicon, lexicon
from .mentions import NP, PersonIndex, Tok, analyze_np, is_cap, tokenize

_G = lexicon().grammar
_BOUNDARY = _G["boundary"]
_CLAUSE_WORDS = _G["clause"]
_COORD = _G["coord"]
_PLURAL_SUBJECT = _G["plural_subject"]
_CALL = _G["call"]
_RELATIVE = _G["relative"]
_AUX = _G["aux"]
_MODAL = _G["modal"]
_ING_BEFORE = _G["ing_before"]
_BE = _G["be"]
_NEGATION = _G["negation"]
_PREPOSITIONS = _G["prepositions"]
_AFTER_CALL = _G["after_call"]
_TIME_UNITS = _G["time_units"]
_PRESS, _AFTER_PRESS = _G["press"], _G["after_press"]
_ASPECT, _PURPOSE = _G["aspect"], _G["purpose"]


class Cue(NamedTuple):
    np: NP               # the source noun phrase
    pos: int             # absolute offset of the cue word
    kind: str            # reporting | communicative | according | passive | venue
    outer: bool          # a trailing attribution (", the people said"), the informant
    weak: bool           # inside a relative clause ("Mr. Kim, who called for ...")
    demoted: bool        # inside a concessive/conditional/temporal subordinate clause
    event: bool          # the words come from a speech, statement or account
    secondary: bool = False  # a participle or coordinated verb sharing another clause's subject


def _np_after(toks: list[Tok], i: int, text: str, index: PersonIndex, lex: Lexicon,
              whole: bool = False, bare: bool = False, lenient: bool = True) -> NP | None:
    """The source phrase that follows a cue ("said one official ...", "according to X")."""
    j = i
    while j < len(toks) and toks[j].text not in _BOUNDARY:
        j += 1
    seg = toks[i:j]
    while seg and seg[-1].text == ".":
        seg = seg[:-1]
    if not seg or seg[0].low in lex.time_words:
        return None
    np_ = analyze_np(seg, text, index, lex, lenient=lenient)
    if np_ is None and bare:
        # "according to bankers in Istanbul": whatever follows "according to" is the source
        np_ = analyze_np([Tok("the", seg[0].start, seg[0].start, "the")] + seg, text, index, lex, lenient=True)
        if np_ is not None:
            np_ = np_._replace(start=seg[0].start, text=text[seg[0].start:np_.end], backref=False)
    if np_ is not None and bare and np_.head in lex.document_heads:
        # "according to estimates by defense analysts", "figures released by the State Department"
        for k, t in enumerate(seg):
            if t.low in _G["agent_links"] and k + 1 < len(seg) and t.start > np_.start:
                agent = analyze_np(seg[k + 1:], text, index, lex, lenient=True) or analyze_np(
                    [Tok("the", seg[k + 1].start, seg[k + 1].start, "the")] + seg[k + 1:], text, index, lex, lenient=True)
                if agent is not None and agent.kind != "pronoun":
                    np_ = agent._replace(start=max(agent.start, seg[k + 1].start))
                break
    if np_ is None:
        return None
    if whole and np_.kind in ("person", "surname", "institution") and np_.end < seg[-1].end \
            and not _only_postmodifiers(toks, np_.end, seg[-1].end, lex):
        return None  # "said Kim Il Sung had told him ...": a clause, not an inverted subject
    # "the attorney general, Tarek William Saab" - the name in apposition is the source
    if np_.kind in ("role", "anonymous") and j < len(toks) and toks[j].text == ",":
        name = _appositive_name(toks, j, text, index, lex)
        if name is not None:
            return name
    return np_


def _only_postmodifiers(toks: list[Tok], a: int, b: int, lex: Lexicon) -> bool:
    rest = [t for t in toks if a <= t.start < b]
    return not rest or rest[0].text.lower() in lex.postmodifier_starts or rest[0].text in {",", "of"}


def _appositive_name(toks: list[Tok], comma: int, text: str, index: PersonIndex, lex: Lexicon) -> NP | None:
    """A bare person name between ``toks[comma]`` and the next comma or sentence end."""
    k = comma + 1
    while k < len(toks) and toks[k].text not in _BOUNDARY and toks[k].text != ".":
        k += 1
    seg = toks[comma + 1:k]
    if not seg or len(seg) > 6:
        return None
    np_ = analyze_np(seg, text, index, lex)
    if np_ is not None and np_.kind in ("person", "surname") and np_.end >= seg[-1].end - 2:
        return np_
    return None


def _segment_start(toks: list[Tok], j: int, lex: Lexicon) -> tuple[int, str | None]:
    """Index where the clause holding ``toks[j]`` starts, and the opener word (lower) if any."""
    k = j
    while k >= 0:
        t = toks[k].text
        tl = t.lower()
        if t in _BOUNDARY:
            return k + 1, t
        if tl in lex.subordinators or tl in _CLAUSE_WORDS:
            if (tl in {"and", "or"} and not (k > 0 and toks[k - 1].text == ",")) or (
                    tl == "as" and k > 0 and toks[k - 1].low == "such"):
                k -= 1  # "Diplomats and officials": coordination inside the noun phrase
                continue
            return k + 1, tl
        k -= 1
    return 0, None


def _tail_np(toks: list[Tok], end: int, text: str, index: PersonIndex, lex: Lexicon) -> NP | None:
    """The noun phrase ending at ``toks[end-1]`` (an antecedent before ", who")."""
    k = end - 1
    while k >= 0 and toks[k].text not in _BOUNDARY and toks[k].low not in _PREPOSITIONS \
            and toks[k].low not in _CLAUSE_WORDS and toks[k].low not in lex.subordinators:
        k -= 1
    return analyze_np(toks[k + 1:end], text, index, lex) if k + 1 < end else None


def _main_subject(toks: list[Tok], before: int, text: str, index: PersonIndex, lex: Lexicon) -> NP | None:
    """Subject of the sentence's main clause: the first clause segment that opens with a source."""
    segs: list[tuple[int, int]] = []
    a = 0
    for k in range(before):
        if toks[k].text in {",", ";", "—", "–", ":"}:
            segs.append((a, k))
            a = k + 1
    segs.append((a, before))
    dateline = False
    for a, b in segs:
        if a >= b:
            continue
        first = toks[a].low
        if first in _PREPOSITIONS or first in lex.subordinators or first in _CLAUSE_WORDS or first.endswith("ing") \
                or first.rstrip(".") in lex.time_words or first in _TIME_UNITS or first[:1].isdigit():
            continue
        if b - a <= 3 and ((a == 0 and all(t.text.isupper() and t.text.isalpha() and len(t.text) >= 2
                                           for t in toks[a:b]) and sum(len(t.text) for t in toks[a:b]) >= 5) or (
                dateline and b < len(toks) and toks[b].text in {"—", "–"})):
            dateline = True
            continue  # dateline: "NIAMEY, Niger —"
        np_ = _front_np(toks, a, b, text, index, lex)
        if np_ is not None and np_.kind in ("role", "anonymous") and b < before and toks[b].text == ",":
            np_ = _appositive_name(toks, b, text, index, lex) or np_
        if np_ is not None and not (np_.kind == "institution" and np_.head in lex.document_heads
                                    and np_.end - np_.start > 40):
            return np_
    return None


def find_cues(text: str, start: int, masked: str, index: PersonIndex, lex: Lexicon | None = None,
              words: set[str] | None = None) -> list[Cue]:
    """All usable cues of the sentence ``text[start:start+len(masked)]`` (``masked`` has quotes blanked).

    ``words`` (the lower-cased words of ``masked``) lets callers skip the regular
    expressions for sentences that cannot hold a cue.
    """
    lex = lex or lexicon()
    if words is None:
        words = set(re.findall(r"[^\W\d_]+", masked.lower()))
    toks = tokenize(masked, start, lex)
    if not toks:
        return []
    event = not words.isdisjoint(lex.event_words)
    cues: list[Cue] = []
    if not words.isdisjoint(lex.cue_index.keys()):
        for ia, ib in _cue_spans(toks, lex):
            cue = _one_cue(ia, ib, toks, None, text, start, index, lex, event)
            if cue is not None:
                cues.append(cue)
    nm = lex.nominal_re.search(masked) if not words.isdisjoint(lex.nominal_words) else None
    if nm:
        at = start + nm.start()
        cut = next((i for i, t in enumerate(toks) if t.start == at), len(toks))
        np_ = _main_subject(toks, cut, text, index, lex)
        if np_ is not None:
            cues.append(Cue(np_, start + nm.start(), "communicative", False, False, False, True, True))
    if all(c.demoted for c in cues) and not words.isdisjoint(lex.venue_words):
        # "In a statement, the ministry rejected ..." - the main clause subject speaks.
        vm = _venue_re(lex).search(masked)
        front = vm is not None and (not masked[:vm.start()].strip(" “\"'") or masked[:vm.start()].rstrip().endswith(","))
        if vm and front:
            np_ = _main_subject(toks, len(toks), text, index, lex)
            if np_ is not None and np_.head not in lex.document_heads:
                cues.append(Cue(np_, start + vm.start(), "venue", False, False, False, True))
    return cues


_VENUE_RE: list = [None, None]


def _venue_re(lex: Lexicon) -> re.Pattern:
    """ "in a statement", "on his Truth Social account": compiled once per lexicon."""
    if _VENUE_RE[0] is not lex:
        _VENUE_RE[:] = [lex, re.compile(r"\b(?:in|on)\s+(?:a|an|the|his|her|its|their)\s+(?:[\w.-]+\s+){0,3}?(?:"
                                        + "|".join(re.escape(v) for v in lex.venue_nouns) + r")\b", re.IGNORECASE)]
    return _VENUE_RE[1]


def _cue_spans(toks: list[Tok], lex: Lexicon) -> list[tuple[int, int]]:
    """Token ranges ``[ia, ib)`` of cue words and phrases, longest match first.

    Token lookups instead of one big regular expression: a dictionary probe per
    word is much cheaper than trying hundreds of alternatives at every position.
    A multiword cue may hold one adverb ("speaks only of", "called again for").
    """
    out: list[tuple[int, int]] = []
    n = len(toks)
    index = lex.cue_index
    lows = [t.low for t in toks]
    nxt = 0   # tokens before this one are inside a cue already matched
    for i, low in enumerate(lows):
        if i < nxt or low not in index:
            continue
        matched = 0
        for form in index[low]:
            k = i + 1
            ok = True
            for w in form[1:]:
                if k < n and lows[k] != w and (toks[k].text.endswith("ly") or toks[k].text in {"only", "again"}):
                    k += 1
                if k < n and lows[k] == w:
                    k += 1
                else:
                    ok = False
                    break
            if ok:
                matched = k
                break
        if matched:
            out.append((i, matched))
            nxt = matched
    return out


def _one_cue(ia: int, ib: int, toks: list[Tok], pos_index: dict[int, int], text: str, start: int,
             index: PersonIndex, lex: Lexicon, event: bool) -> Cue | None:
    word = text[toks[ia].start:toks[ib - 1].end]
    form = " ".join(t.low for t in toks[ia:ib])
    a = toks[ia].start
    if ia >= 2 and toks[ia - 1].low == "to":
        verb = _controlling_verb(toks, ia - 1)
        if verb is not None:
            # the cue's subject is that verb's: read the cue as if it stood there
            toks = toks[:verb] + toks[ia:]
            ib -= ia - verb
            ia = verb
    prev = toks[ia - 1].text if ia > 0 else ""
    prev_l = prev.lower()
    nxt = toks[ib].low if ib < len(toks) else ""
    if form in lex.source_phrases:
        np_ = _np_after(toks, ib, text, index, lex, bare=True)
        return Cue(np_, a, "according", True, False, False, event) if np_ is not None else None
    if word[0].isupper():
        return None  # "Says" as a name or headline word
    first_word = form.split()[0]
    if form in lex.quoting_verbs:
        # "state media quoted a health official as saying": the quoted person is the source
        k = ib
        while k + 1 < len(toks) and not (toks[k].low == "as" and toks[k + 1].low.startswith("say")):
            if toks[k].text in _BOUNDARY:
                return None
            k += 1
        if k + 1 >= len(toks) or k == ib:
            return None
        np_ = analyze_np(toks[ib:k], text, index, lex, lenient=True)
        return Cue(np_, a, "reporting", False, False, False, event) if np_ is not None else None
    if (prev_l in lex.determiners and (not is_cap(prev) or ia == 1)) or prev.endswith(("’s", "'s")) \
            or (prev in _MODAL):
        return None  # "the call for", "Mr. Moon's demands", "to announce", "will say"
    if prev_l in _PREPOSITIONS and prev_l not in {"since"}:
        return None
    if form in lex.base_forms and not (prev_l in _PLURAL_SUBJECT or prev_l in {"do", "did", "often", "also", "n't", "not"}
                                       or (prev_l.endswith("s") and not prev_l.endswith("ss"))
                                       or (prev and prev[0].isupper() and prev_l not in lex.function_words)):
        return None  # "a video call on", "the pledge": a base form after a singular noun is a noun
    nxt_raw = toks[ib].text if ib < len(toks) else ""
    if ib - ia == 1 and first_word in _CALL and (nxt_raw[:1].isupper() or nxt in _AFTER_CALL) \
            and not _calls_it(toks, ib):
        return None  # "Ms. Sheinbaum called Mr. Trump": a phone call; "called off"
    if first_word in _PRESS and nxt in _AFTER_PRESS:
        return None  # "pressed ahead with plans": went on, said nothing
    if prev[:1].isdigit() and form not in lex.core_speech:
        return None  # "issued 13 demands": a noun after a number
    kind = "reporting" if form in lex.reporting else "communicative"
    participle = first_word.endswith("ing")
    absolute = participle and ia >= 2 and (is_cap(prev) or prev_l in lex.group_heads) \
        and prev_l not in lex.function_words and _after_with(toks, ia, lex)
    if participle and prev_l not in _ING_BEFORE and prev_l not in _BE and not absolute:
        return None  # "early warning", "a briefing": a noun, not a verb
    # Passive: "were summarized by the source" names the agent; "was said to" names nobody.
    j = ia - 1
    while j >= 0 and (toks[j].low in _AUX - _BE or (toks[j].text.endswith("ly") and not is_cap(toks[j].text))):
        j -= 1
    if j >= 0 and toks[j].low in _BE and not participle:
        if nxt == "by":
            np_ = _np_after(toks, ib + 1, text, index, lex)
            return Cue(np_, a, "passive", False, False, False, event) if np_ is not None else None
        return None
    # Inverted attribution after a quotation or clause: "…,” said one official"
    after_quote = prev in {"”", '"'} or (prev in {",", "?", "!", "."} and ia > 1 and toks[ia - 2].text in {"”", '"'}) \
        or (prev == "," and form in lex.core_speech and ib < len(toks) and toks[ib].low in {"a", "an", "the", "one"})
    if form in lex.inversion_verbs and after_quote:
        bare_comma = prev == "," and toks[ia - 2].text not in {"”", '"'}
        np_ = _np_after(toks, ib, text, index, lex, whole=True, lenient=not bare_comma)
        if np_ is not None and np_.kind != "pronoun":
            return Cue(np_, a, kind, True, False, False, event)
    k = ib  # a time phrase may come first: "…,” one negotiator recalled years later.
    while k < len(toks) and (toks[k].low in _TIME_UNITS or toks[k].text.isdigit()):
        k += 1
    after = toks[k].low if k < len(toks) else ""
    complement_ok = after in {"that", ",", ".", "“", '"', ":", "", "on", "in", "to", "at", "of"} or after.startswith("“")
    if form in lex.complement_verbs and not complement_ok:
        return None  # "added Huawei to its list", "declared martial law"
    # A participle adjunct ("..., reaffirming ...") or a coordinated verb ("... and called for")
    # shares the subject of the clause before it.
    j = ia - 1
    while j >= 0 and (toks[j].low in _AUX or (toks[j].text.endswith("ly") and not is_cap(toks[j].text))):
        j -= 1
    if j >= 0 and toks[j].text in _MODAL:  # case-sensitive: "Mrs. May told" is no modal
        return None
    if form not in lex.core_speech and any(toks[x].low in _NEGATION for x in range(max(0, j + 1), ia)):
        return None  # "Mr. Obama did not apologize": no statement made
    if absolute:
        # "..., with Foreign Minister Jean-Yves Le Drian calling the deal a betrayal":
        # the whole phrase between "with" and the participle must be the source
        w_at = max(k for k in range(max(0, ia - 8), ia) if toks[k].low == "with")
        np_ = analyze_np(toks[w_at + 1:ia], text, index, lex)
        if np_ is not None and np_.end < toks[ia - 1].end - 2:
            np_ = None
        if np_ is not None:
            return Cue(np_, a, kind, False, False, False, event or kind == "communicative", True)
    if (participle and prev_l in {",", "and", "while", "also", "by"}) or (j >= 0 and toks[j].low in _COORD):
        res = _coordinated_subject(toks, j, text, index, lex)
        if res is None or res[0] is None:
            return None
        np_, rel, dem = res
        dem = dem or prev_l == "while"
        return Cue(np_, a, kind, False, rel and form not in lex.core_speech, dem, event or kind == "communicative", True)
    # Subject before the verb
    weak = demoted = outer = False
    np_: NP | None = None
    if j >= 0 and toks[j].text == "," and j > 0:
        # A parenthetical sits between subject and verb: "X, Mr. Trump's adviser, said"
        k = j - 1
        while k >= 0 and toks[k].text != ",":
            k -= 1
        if k >= 0:
            seg_a, opener = _segment_start(toks, k - 1, lex)
            np_ = analyze_np(toks[seg_a:k], text, index, lex, lenient=kind == "reporting")
            # "Japan's foreign minister, Nobutaka Machimura, said": the name in apposition
            if np_ is None or np_.kind in ("role", "anonymous", "group", "institution"):
                name = _appositive_name(toks, k, text, index, lex)
                if name is not None:
                    np_ = name
            if np_ is not None and np_.kind == "pronoun":
                np_ = None
            demoted = opener in lex.subordinators
            if opener in _RELATIVE:
                weak = form not in lex.core_speech
    else:
        seg_a, opener = _segment_start(toks, j, lex)
        if opener in _RELATIVE:
            if ia - seg_a <= 4:
                # the cue is the relative clause's own verb: "Mr. Kim, who ... called for"
                weak = form not in lex.core_speech
                np_ = _antecedent(toks, seg_a - 1, text, index, lex)
            else:
                # the relative clause modifies the subject: "INSS analysts who visited ... briefed"
                seg_b, opener2 = _segment_start(toks, seg_a - 2, lex)
                np_ = analyze_np(toks[seg_b:j + 1], text, index, lex, lenient=kind == "reporting")
                demoted = opener2 in lex.subordinators
        elif seg_a <= j:
            if opener == "," and _list_tail(toks, seg_a, j + 1, lex):
                # "a team of investigators from South Korea, Britain, Australia and Sweden
                # concluded": the commas separate a list inside the subject, not clauses
                seg_a, opener = _list_start(toks, seg_a, lex)
            seg_toks = toks[seg_a:j + 1]
            np_ = analyze_np(seg_toks, text, index, lex, lenient=kind == "reporting")
            demoted = opener in lex.subordinators
            if _object_relative(toks, seg_a, opener, lex):
                weak = True
            if opener == "," and seg_a >= 1:
                # ", the people said." at the end: an outer attribution
                after = [t.text for t in toks[ib:]]
                if not after or after[0] in {".", ",", "”", '"'}:
                    outer = True
    if np_ is None:
        return None
    if kind == "communicative" and np_.kind == "pronoun" and np_.head == "it":
        return None
    return Cue(np_, a, kind, outer, weak, demoted, event or kind == "communicative")


def _controlling_verb(toks: list[Tok], to: int) -> int | None:
    """Index of the verb whose subject also does what follows ``toks[to]`` ("to").

    "officials continued to insist": aspect verbs right before "to"; "Ms. Rice flew
    to Tokyo the next week to reaffirm ...": a purpose infinitive after a verb of
    going or contacting in the same clause. Verbs with an object that acts ("pressed
    Seoul to announce") are not in either list.
    """
    if toks[to - 1].low in _ASPECT:
        return to - 1
    for k in range(to - 1, max(-1, to - 12), -1):
        t = toks[k]
        if t.text in _BOUNDARY or t.low in _CLAUSE_WORDS:
            return None
        if t.low in _PURPOSE:
            return k
    return None


def _calls_it(toks: list[Tok], ib: int) -> bool:
    """ "called Kim Jong-il a tyrant": naming someone something, not a phone call."""
    k = ib
    while k < len(toks) and is_cap(toks[k].text):
        k += 1
    return k > ib and k < len(toks) and toks[k].low in {"a", "an", "the"}


def _name_list(toks: list[Tok], a: int, b: int) -> bool:
    """Are ``toks[a:b]`` only capitalised words, "the" and "and": an item or the tail of a list?"""
    return b > a and all(is_cap(t.text) or t.low in {"the", "and", "or"} for t in toks[a:b])


def _list_tail(toks: list[Tok], a: int, b: int, lex: Lexicon) -> bool:
    """Are ``toks[a:b]`` the last items of a list of names ("…, Britain, Australia and Sweden")?

    The segment must join names with "and"/"or", and a name must come just before its comma.
    """
    if not (_name_list(toks, a, b) and any(t.low in {"and", "or"} for t in toks[a:b])) or a < 2:
        return False
    return is_cap(toks[a - 2].text)


def _list_start(toks: list[Tok], seg_a: int, lex: Lexicon) -> tuple[int, str | None]:
    """Walk back over comma-separated list items ending at ``seg_a``; the clause start before them."""
    a, opener = seg_a, ","
    while opener == "," and a >= 2:
        prev_a, prev_opener = _segment_start(toks, a - 2, lex)
        if not _name_list(toks, prev_a, a - 1):
            # the first item is glued to the head of the phrase: "investigators from South Korea"
            return prev_a, prev_opener
        a, opener = prev_a, prev_opener
    return a, opener


def _after_with(toks: list[Tok], ia: int, lex: Lexicon) -> bool:
    """Is ``toks[ia]`` the participle of an absolute "with X V-ing" (within six words of "with")?"""
    for k in range(ia - 1, max(-1, ia - 8), -1):
        w = toks[k].low
        if w == "with":
            return True
        if toks[k].text in _BOUNDARY or w in _CLAUSE_WORDS:
            return False
    return False


def _object_relative(toks: list[Tok], seg_a: int, opener: str | None, lex: Lexicon) -> bool:
    """Is the clause at ``seg_a`` an object relative on a noun ("a move [that] officials welcomed")?

    Such clauses describe the noun ("..., a deployment officials said was meant to
    warn Iran") and do not make the sentence the officials' statement.
    """
    if opener == "that" and seg_a >= 2:
        w = toks[seg_a - 2].low
        if w.isalpha() and w not in lex.cue_index and not is_cap(toks[seg_a - 2].text) and any(
                toks[x].low in {"a", "an", "the", "this"} for x in range(max(0, seg_a - 5), seg_a - 2)):
            return True
    if opener == "," and seg_a + 2 < len(toks) and toks[seg_a].low in {"a", "an"}:
        # ", a decision Japanese conservatives denounced": determiner, noun, then a new subject
        k = seg_a + 1
        while k < len(toks) and not is_cap(toks[k].text) and toks[k].text.isalpha() \
                and toks[k].low not in lex.group_heads and toks[k].low not in lex.cue_index:
            k += 1
        return k > seg_a + 1 and k < len(toks) and (is_cap(toks[k].text) or toks[k].low in lex.group_heads)
    return False


def _antecedent(toks: list[Tok], k: int, text: str, index: PersonIndex, lex: Lexicon) -> NP | None:
    """The noun phrase the relative pronoun ``toks[k]`` refers to (skipping a comma)."""
    end = k
    if end >= 1 and toks[end - 1].text == ",":
        end -= 1
    return _tail_np(toks, end, text, index, lex)


def _coordinated_subject(toks: list[Tok], k: int, text: str, index: PersonIndex,
                         lex: Lexicon) -> tuple[NP | None, bool, bool] | None:
    """Subject shared by a coordinated verb or participle at ``toks[k+1]``.

    Walks back over the clause before: a relative clause gives its antecedent
    ("Mr. Kim, who ordered ... and called for"), a subordinate or complement
    clause its own subject; otherwise the sentence's main subject ("Celso
    Amorim, Mr. Lula's adviser, traveled ... and argued").
    Returns (NP, inside a relative clause?, inside a subordinate clause?).
    """
    coordinated = k >= 0 and toks[k].low in _COORD
    if k >= 0 and toks[k].low in _COORD | {"while", "also", "by"}:
        k -= 1
    if k >= 0 and toks[k].text == ",":
        k -= 1
    if k < 0:
        return None
    seg_a, opener = _segment_start(toks, k, lex)
    if opener in _RELATIVE:
        return _antecedent(toks, seg_a - 1, text, index, lex), True, False
    first = toks[seg_a].low if seg_a < len(toks) else ""
    if coordinated and (opener in lex.subordinators or opener == "that") and not (
            first in _PREPOSITIONS or first.endswith("ing") or first in lex.time_words):
        np_ = _front_np(toks, seg_a, k + 1, text, index, lex)
        if np_ is not None:
            return np_, False, opener in lex.subordinators
    return _main_subject(toks, k + 1, text, index, lex), False, False


def _front_np(toks: list[Tok], a: int, b: int, text: str, index: PersonIndex, lex: Lexicon) -> NP | None:
    """The noun phrase at the front of ``toks[a:b]``: cut before the first word that looks like a verb."""
    c = a
    while c < b:
        w = toks[c].text
        wl = w.lower()
        if c > a and not is_cap(w) and (wl in _AUX or wl in _MODAL or wl in lex.cue_index or wl in lex.past_verbs
                                        or (wl.endswith("ed") and wl not in lex.determiners
                                            and toks[c - 1].low not in lex.determiners and toks[c - 1].low != "of")):
            break
        c += 1
    return analyze_np(toks[a:c], text, index, lex) if c > a else None
