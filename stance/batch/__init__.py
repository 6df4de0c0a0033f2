"""Batch scoring: many articles from files, tables or stdin to one sentence table.

``stance.score(inputs, output, ...)`` is the entry point (``stance score`` on
the command line). Modules, one job each:

- ``readers``: inputs to a stream of articles, bad articles as failures
- ``htmltext``: HTML to text with the standard library
- ``worker``: per-process model cache and scoring of one chunk
- ``writers``: incremental, atomic, resumable output and the errors file
- ``runner``: the loop (in-process, joblib processes or Dask)
- ``progress``: progress bar and summary
- ``distributed``: Dask cluster and ``map_partitions`` entry points (optional)
"""

from .progress import ScoreSummary
from .runner import score

__all__ = ["score", "ScoreSummary"]
