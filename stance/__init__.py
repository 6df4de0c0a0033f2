"""stance: which approach to another state each sentence of a news article takes, and who said it.

>>> import stance
>>> table = stance.classify(article_text)        # one row per sentence
>>> stance.segment("Mr. Kim spoke. Talks failed.")
[(0, 14), (15, 28)]
"""

from ._version import __version__
from .classify import classify, classify_texts
from .labels import LABELS
from .model import StanceClassifier
from .persist import ModelError, load_model, save_model
from .segment import NewsSegmenter, segment

__all__ = [
    "__version__",
    "LABELS",
    "segment",
    "NewsSegmenter",
    "classify",
    "classify_texts",
    "StanceClassifier",
    "load_model",
    "save_model",
    "ModelError",
]
