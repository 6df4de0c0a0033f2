"""stance: which approach to another state each sentence of a news article takes, and who said it.

>>> import stance
>>> table = stance.classify(article_text)            # one row per sentence: stance, speaker, offsets
>>> stance.segment("Mr. Kim spoke. Talks failed.")
[(0, 14), (15, 28)]
>>> stance.train("seeds/train", output="my.stance")   # validate, cross-validate, fit, save
>>> print(stance.evaluate("seeds/gold", "my.stance"))  # macro-F1, per label, speakers, baselines
>>> stance.score(["articles/"], "scored.parquet", jobs=2)   # batch scoring, local or Dask
"""

from ._version import __version__
from .labels import LABELS
from .segment import NewsSegmenter, segment
from .model import StanceClassifier
from .persist import ModelError, load_model, save_model
from .classify import classify, classify_texts
from .train import train
from .evaluate import evaluate
from .batch import score

__all__ = [
    "__version__",
    "LABELS",
    "segment",
    "NewsSegmenter",
    "classify",
    "classify_texts",
    "StanceClassifier",
    "train",
    "evaluate",
    "score",
    "load_model",
    "save_model",
    "ModelError",
]
