"""stance.classify(): the table's shape, offsets, probabilities and input checks."""

import numpy as np
import pandas as pd
import pytest

import stance
from stance.classify import output_columns

COLUMNS = ["sentence_idx", "start", "end", "sentence", "stance", "confidence",
           "p_engagement", "p_pressure", "p_deterrence", "p_neutral",
           "speaker", "speaker_mention", "speaker_start", "speaker_end", "speaker_type"]


def test_columns_and_offsets_on_seed(seed_texts, small_model):
    text = seed_texts["000_f8077646dd0dfbc5"]
    table = stance.classify(text, model=small_model)
    assert list(table.columns) == COLUMNS
    assert len(table) == len(stance.segment(text))
    assert table["sentence_idx"].tolist() == list(range(len(table)))
    for row in table.itertuples():
        assert text[row.start:row.end] == row.sentence
    assert set(table["stance"]) <= set(stance.LABELS)


def test_probabilities(seed_texts, small_model):
    table = stance.classify(seed_texts["002_f28a44c28cf33d0f"], model=small_model)
    proba = table[[f"p_{lab}" for lab in stance.LABELS]].to_numpy()
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert np.allclose(table["confidence"], proba.max(axis=1))
    best = np.asarray(stance.LABELS)[proba.argmax(axis=1)]
    assert (table["stance"].to_numpy() == best).all()


def test_model_given_as_path(seed_texts, small_model, small_model_path):
    text = seed_texts["000_f8077646dd0dfbc5"]
    a = stance.classify(text, model=small_model)
    b = stance.classify(text, model=str(small_model_path))
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t"])
def test_empty_text_gives_empty_frame(text, small_model):
    table = stance.classify(text, model=small_model)
    assert table.empty and list(table.columns) == COLUMNS


@pytest.mark.parametrize("bad", [None, 42, b"Talks resumed.", ["a", "b"]])
def test_non_str_raises_type_error(bad, small_model):
    with pytest.raises(TypeError, match=type(bad).__name__):
        stance.classify(bad, model=small_model)


def test_bytes_error_says_what_to_do(small_model):
    with pytest.raises(TypeError, match="decode"):
        stance.classify(b"x", model=small_model)


def test_classify_texts_batches_articles(seed_texts, small_model):
    texts = list(seed_texts.values())
    batch = stance.classify_texts(texts + [""], model=small_model)
    assert set(batch["article"]) == {0, 1}
    for i, text in enumerate(texts):
        one = stance.classify(text, model=small_model)
        part = batch[batch["article"] == i].drop(columns="article").reset_index(drop=True)
        pd.testing.assert_frame_equal(one, part)


def test_speakers_can_be_skipped(seed_texts, small_model):
    table = stance.classify(seed_texts["000_f8077646dd0dfbc5"], model=small_model, speakers=False)
    assert list(table.columns) == output_columns(speakers=False)


def test_bad_model_argument():
    with pytest.raises(TypeError, match="model must be"):
        stance.classify("Talks resumed.", model=object())
