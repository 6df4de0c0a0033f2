"""Shared test fixtures. Batch-scoring fixtures are prefixed ``batch_``."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
GOLD = SEEDS / "gold"
TRAIN = SEEDS / "train"


# -- general fixtures (seed articles and a small model trained on the seed gold) ----
@pytest.fixture(scope="session")
def seed_texts():
    """The seed articles, file stem -> text."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def small_model():
    """A small StanceClassifier (word features only) fitted on the seed gold sentences."""
    import pandas as pd

    import stance

    gold = pd.concat([pd.read_csv(p) for p in sorted((SEEDS / "gold").glob("*.csv"))])
    gold = gold.dropna(subset=["sentence", "stance"])
    return stance.StanceClassifier(char_ngrams=None).fit(gold["sentence"].astype(str).tolist(),
                                                         gold["stance"].tolist())


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
