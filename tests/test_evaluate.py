"""Evaluation: alignment to gold, baselines, statement-only gold, and the shipped model's scores."""

import json
from pathlib import Path
import subprocess
import sys

import pandas as pd
import pytest

import stance
from stance.evaluate import evaluate
from stance.errors import DataError

from conftest import ARTICLES, GOLD, SEEDS


def test_evaluate_seed_gold_aligns_every_sentence(small_model):
    result = evaluate(GOLD, small_model)
    n_gold = sum(len(pd.read_csv(p)) for p in GOLD.glob("*.csv"))
    assert result.n_sentences == n_gold == result.aligned
    assert result.confusion.values.sum() == n_gold
    assert set(result.stance["per_label"]) == set(stance.LABELS)
    assert {"majority", "keywords"} <= set(result.baselines)
    assert result.speaker_accuracy is not None and result.speaker_n == n_gold
    assert "macro-F1" in str(result)


def test_alignment_falls_back_to_text(small_model, tmp_path):
    gold = pd.read_csv(GOLD / "000_f8077646dd0dfbc5.csv")
    gold["start"] += 1  # offsets off by one, as after an edit of the article
    gold["end"] += 1
    path = tmp_path / "000_f8077646dd0dfbc5.csv"
    gold.to_csv(path, index=False)
    text = (SEEDS / "000_f8077646dd0dfbc5.txt").read_text(encoding="utf-8")
    result = evaluate(path, small_model, text=text)
    assert result.aligned == 0 and result.n_sentences == len(gold)
    base = evaluate(GOLD / "000_f8077646dd0dfbc5.csv", small_model)
    assert result.stance == base.stance


def test_statement_gold_without_article(small_model, tmp_path):
    path = tmp_path / "statements.csv"
    pd.DataFrame({"text": ["Talks resumed in Oslo.", "New sanctions were announced."],
                  "stance": ["engagement", "pressure"]}).to_csv(path, index=False)
    result = evaluate(path, small_model)
    assert result.n_sentences == 2 and result.speaker_accuracy is None


def test_statement_gold_scores_speakers_sentence_by_sentence(small_model, tmp_path):
    path = tmp_path / "statements.csv"
    pd.DataFrame({"text": ["Talks resumed in Oslo, Norwegian diplomats said.",
                           "New sanctions were announced.",
                           "Foreign Minister Anna Berg urged both sides to talk.",
                           "Mr. Ortiz said the drills would go ahead."],
                  "stance": ["engagement", "pressure", "engagement", "deterrence"],
                  "speaker": ["Norwegian diplomats", "", "Anna Berg", "Ana Ortiz"]}).to_csv(path, index=False)
    result = evaluate(path, small_model)
    assert result.speaker_n == 4 and result.speaker_accuracy == 1.0


def test_gold_with_foreign_labels(small_model, tmp_path):
    path = tmp_path / "g.csv"
    pd.DataFrame({"sentence": ["x"], "stance": ["hawkish"]}).to_csv(path, index=False)
    with pytest.raises(DataError, match="hawkish"):
        evaluate(path, small_model)


def test_cli_json(small_model_path):
    proc = subprocess.run([sys.executable, "-m", "stance", "evaluate", str(GOLD), "--model",
                           str(small_model_path), "--json"], capture_output=True, text=True, check=True)
    scores = json.loads(proc.stdout)
    assert 0 <= scores["stance"]["macro_f1"] <= 1 and "keywords" in scores["baselines"]


def test_shipped_model_scores_do_not_regress():
    """Floors at the shipped model's measured seed scores (models/MODEL_CARD.md).

    The issue's target of 0.80 macro-F1 is not met (0.593 measured), and the
    keyword baseline scores higher on the seed articles; the card says so. The
    floor sits two sentences below the measured score: 115 sentences move
    macro-F1 by about 0.01 each, and the model is chosen on held-out corpus
    slices, not on these articles.
    """
    if not stance.persist.default_model_path().exists():
        pytest.skip("no bundled model")
    result = evaluate(GOLD)
    assert result.in_training == 0  # the seed gold never entered training
    assert result.stance["macro_f1"] >= 0.58
    assert result.stance["macro_f1"] > result.baselines["majority"]["macro_f1"] + 0.3
    assert result.speaker_accuracy >= 0.90


def test_shipped_model_on_team_written_articles():
    """Floors on ``seeds/articles``: whole articles written and labeled by a team
    member who never saw the seeds, the corpus or the model, and never trained on.

    They are article-shaped like the seeds (background, captions, quotes running
    over several sentences), and the model scores there about as on the seeds
    (0.576 measured), which says the seed gap is the model's, not the seeds'.
    Here the model must beat both baselines; the speaker floor is the 0.826
    measured before any rule was written from these articles (0.847 after)
    less two sentences.
    """
    if not stance.persist.default_model_path().exists():
        pytest.skip("no bundled model")
    result = evaluate(ARTICLES)
    assert result.n_sentences >= 240 and result.aligned == result.n_sentences
    assert result.in_training == 0
    assert result.stance["macro_f1"] >= 0.56
    assert result.stance["macro_f1"] > result.baselines["keywords"]["macro_f1"] + 0.05
    assert result.stance["macro_f1"] > result.baselines["majority"]["macro_f1"] + 0.3
    assert result.speaker_accuracy >= 0.81


def test_scores_are_broken_down_by_file(small_model):
    result = evaluate(GOLD, small_model)
    per = result.per_file
    assert [Path(f["file"]).name for f in per] == sorted(p.name for p in GOLD.glob("*.csv"))
    assert sum(f["n_sentences"] for f in per) == result.n_sentences
    for f in per:
        assert 0 <= f["macro_f1"] <= 1 and 0 <= f["keywords_macro_f1"] <= 1
        assert f["speaker_accuracy"] is not None
    report = str(result)
    assert "per file" in report and Path(per[0]["file"]).name in report
    assert result.to_dict()["per_file"] == per


def test_gold_that_was_training_data_is_flagged(tmp_path):
    from stance.train import train

    rows = pd.DataFrame({"text": [f"Officials in city {i} urged talks." for i in range(6)]
                         + [f"Ministers in town {i} imposed sanctions." for i in range(6)],
                         "stance": ["engagement"] * 6 + ["pressure"] * 6})
    model = train(rows, labels=None, cv=0, output=tmp_path / "m.stance")
    gold = tmp_path / "gold.csv"
    pd.concat([rows.iloc[:3], pd.DataFrame({"text": ["Envoys proposed a summit."], "stance": ["engagement"]})]
              ).to_csv(gold, index=False)
    for m in (model, tmp_path / "m.stance"):  # in memory and after a save and load
        result = evaluate(gold, m)
        assert result.in_training == 3
        assert "3 of 4 gold sentences are in this model's training data" in str(result)
