"""Hard cases for the news segmenter: each row is a text and the sentences it must give."""

import random

import pytest

import stance
from stance.segment import NewsSegmenter, sentences

HARD_CASES = [
    # titles and ranks
    ("Mr. Lee met Lt. Gen. Park on Monday. They spoke for an hour.",
     ["Mr. Lee met Lt. Gen. Park on Monday.", "They spoke for an hour."]),
    ("Sen. Warren and Rep. Cole disagreed. Adm. Grady did not comment.",
     ["Sen. Warren and Rep. Cole disagreed.", "Adm. Grady did not comment."]),
    ("Dr. Okafor, a fellow at the institute, said Gov. Hale erred.",
     ["Dr. Okafor, a fellow at the institute, said Gov. Hale erred."]),
    # months
    ("The deal was signed Sept. 14 in Geneva. It collapsed in Jan. 2019.",
     ["The deal was signed Sept. 14 in Geneva.", "It collapsed in Jan. 2019."]),
    ("Talks resumed on Feb. 9. Delegates left on Mar. 2.",
     ["Talks resumed on Feb. 9.", "Delegates left on Mar. 2."]),
    # U.S./U.N./U.K./E.U.
    ("The U.S. and the U.K. backed the U.N. resolution, as did the E.U. and Japan.",
     ["The U.S. and the U.K. backed the U.N. resolution, as did the E.U. and Japan."]),
    ("The drills will continue in the U.S. Officials said so on Friday.",
     ["The drills will continue in the U.S.", "Officials said so on Friday."]),
    ("Nobody expected a deal from the U.N. The talks ended early.",
     ["Nobody expected a deal from the U.N.", "The talks ended early."]),
    ("He flew to the U.S. on Monday.", ["He flew to the U.S. on Monday."]),
    ("Diplomats at the U.S. Embassy in Seoul objected.", ["Diplomats at the U.S. Embassy in Seoul objected."]),
    # dotted initials
    ("Lt. Gen. H.R. McMaster spoke first. J.D. Vance spoke next.",
     ["Lt. Gen. H.R. McMaster spoke first.", "J.D. Vance spoke next."]),
    ("The report by George W. Bush's aides was leaked.", ["The report by George W. Bush's aides was leaked."]),
    ("She arrived in Washington, D.C. He later left for Seoul.",
     ["She arrived in Washington, D.C.", "He later left for Seoul."]),
    # companies and time
    ("Samsung Electronics Co. and Acme Corp. signed. The deal is worth $2 billion.",
     ["Samsung Electronics Co. and Acme Corp. signed.", "The deal is worth $2 billion."]),
    ("The vote came at 9 p.m. Tuesday in New York.", ["The vote came at 9 p.m. Tuesday in New York."]),
    ("The vote came at 9 p.m. The result surprised no one.",
     ["The vote came at 9 p.m.", "The result surprised no one."]),
    # quotes stay with their sentence
    ("\u201cWe are ready,\u201d he said. \u201cThey are not.\u201d Then he left.",
     ["\u201cWe are ready,\u201d he said.", "\u201cThey are not.\u201d", "Then he left."]),
    ('"Why now?" she asked. "Because the window is closing."',
     ['"Why now?" she asked.', '"Because the window is closing."']),
    ("\u201cIs this appeasement?\u201d asked one lawmaker.", ["\u201cIs this appeasement?\u201d asked one lawmaker."]),
    ("He called it \u2018a dead end.\u2019 The envoy disagreed.",
     ["He called it \u2018a dead end.\u2019", "The envoy disagreed."]),
    # line breaks always end a sentence
    ("Debating denuclearization\nThe consensus may be cracking.",
     ["Debating denuclearization", "The consensus may be cracking."]),
    ("The minister said the talks,\nwhich began in May, would go on.",
     ["The minister said the talks,", "which began in May, would go on."]),
    ("First line.\r\n\r\nSecond line.", ["First line.", "Second line."]),
    # ellipses
    ("The leader paused... and then went on.", ["The leader paused... and then went on."]),
    ("The talks stalled... Then the envoy quit.", ["The talks stalled...", "Then the envoy quit."]),
    ("It should be perfected. \u2026 The force will grow.",
     ["It should be perfected.", "\u2026 The force will grow."]),
    ("We will wait \u2026 for now.", ["We will wait \u2026 for now."]),
    # numbered and bulleted items
    ("1. Sanctions stay in place.\n2. Talks resume in May.",
     ["1. Sanctions stay in place.", "2. Talks resume in May."]),
    ("\u2022 Andrew Salmon can be reached at asalmon@example.com.",
     ["\u2022 Andrew Salmon can be reached at asalmon@example.com."]),
    ("a. Freeze the assets. b. Expel the envoy.", ["a. Freeze the assets.", "b. Expel the envoy."]),
    # numbers
    ("The army has 1.1 million troops. It grew in 2019. Analysts doubt it.",
     ["The army has 1.1 million troops.", "It grew in 2019.", "Analysts doubt it."]),
    ("He was the No. 2 official in Tehran.", ["He was the No. 2 official in Tehran."]),
    # scraped junk: a photo caption glued to the dateline
    ("a group of people standing outside\u00a9 Ahn Young-joon/Associated PressSEOUL\u2014When talks began, nobody came.",
     ["a group of people standing outside", "\u00a9 Ahn Young-joon/Associated Press",
      "SEOUL\u2014When talks began, nobody came."]),
    # question and exclamation
    ("The key change? Reduced leverage.", ["The key change?", "Reduced leverage."]),
    ("Never again! The crowd roared.", ["Never again!", "The crowd roared."]),
    # state abbreviations that are words are not abbreviations
    ("The senator is from Ill. She returned home.", ["The senator is from Ill.", "She returned home."]),
    ("Rep. Khanna (D-Calif.) voted no.", ["Rep. Khanna (D-Calif.) voted no."]),
    # emails and web addresses are not boundaries
    ("Write to Jane Roe at jane.roe@example.com or visit example.org today.",
     ["Write to Jane Roe at jane.roe@example.com or visit example.org today."]),
]


@pytest.mark.parametrize("text,expected", HARD_CASES, ids=[c[0][:40] for c in HARD_CASES])
def test_hard_cases(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("text,_", HARD_CASES, ids=[c[0][:40] for c in HARD_CASES])
def test_offsets_are_exact(text, _):
    for start, end in stance.segment(text):
        piece = text[start:end]
        assert piece == piece.strip() and piece


def test_offsets_on_seed_articles(seed_texts):
    for text in seed_texts.values():
        spans = stance.segment(text)
        assert len(spans) > 40
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
        # everything outside the spans is whitespace
        covered = "".join(text[s:e] for s, e in spans)
        assert "".join(text.split()) == "".join(covered.split())


def test_empty_and_whitespace():
    assert stance.segment("") == []
    assert stance.segment(" \n\t ") == []


def test_rejects_non_str():
    with pytest.raises(TypeError, match="bytes"):
        stance.segment(b"Talks resumed.")


def test_random_text_keeps_invariants():
    rng = random.Random(7)
    alphabet = "abc ABC.?!\u201c\u201d\"'\n\u2026 U.S. Mr. 1. ,"
    seg = NewsSegmenter()
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        spans = seg.span_tokenize(text)
        assert all(0 <= s < e <= len(text) for s, e in spans)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
        assert "".join(text.split()) == "".join("".join(text[s:e] for s, e in spans).split())


def test_custom_parameters_are_respected():
    from nltk.tokenize.punkt import PunktParameters

    bare = NewsSegmenter(params=PunktParameters(), presplit=[])
    assert bare.sentences("Mr. Lee left.") == ["Mr.", "Lee left."]
