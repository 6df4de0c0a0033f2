"""Scoring on a Dask cluster (``dask.distributed``), an optional extra: ``pip install stance[dask]``.

Two ways in:

``stance.score(inputs, output, client=client)`` / ``stance score ... --scheduler ADDRESS``
    The same run as on one machine (same readers, same errors file, same
    atomic output, same row order), but chunks are scored on the cluster. The
    model is sent to every worker once with ``client.scatter(model,
    broadcast=True)``; tasks refer to it, they do not carry it.

``score_partition`` for Dask DataFrames, with ``map_partitions``::

    import dask.dataframe as dd
    from stance.batch.distributed import partition_meta, score_partition

    articles = dd.read_parquet("articles/")            # columns id, text
    sentences = articles.map_partitions(score_partition, None, meta=partition_meta())
    sentences.to_parquet("sentences/")

  Here the workers read and write the files themselves. Pass the model as a
  path or ``None`` (the bundled model): each worker process loads it once and
  caches it. A scattered model (``client.scatter(model, broadcast=True)``)
  works too.

dask is imported only inside these functions, so ``import stance`` never needs it.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from typing import Any

from ..errors import UsageError

__all__ = ["score_partition", "partition_meta", "get_client", "run_chunks"]

#: How long to try reaching a scheduler address before giving up.
CONNECT_TIMEOUT = "10s"


def _require_distributed():
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise UsageError("Dask is not installed; install the extra with "
                         "`pip install stance[dask]` to use --scheduler / client=.") from None
    return distributed


def get_client(client_or_address: Any):
    """A ``distributed.Client``: the one given, or a new one connected to a scheduler address."""
    if not isinstance(client_or_address, (str, os.PathLike)):
        return client_or_address
    distributed = _require_distributed()
    address = str(client_or_address)
    try:
        return distributed.Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"--scheduler {address}: cannot connect to a Dask scheduler there ({exc}). "
                         "Check the address (e.g. tcp://host:8786) and that `dask scheduler` "
                         "is running.") from None


def run_chunks(client, model: Any, chunks: Iterator, max_in_flight: int | None = None):
    """Score chunks on the cluster, yielding ``(chunk, (frame, failures))`` in input order.

    The model goes to every worker once (broadcast scatter); at most
    *max_in_flight* chunks are out at a time, so memory stays flat.
    """
    from .worker import score_chunk_with

    workers = max(1, len(client.scheduler_info().get("workers", {})))
    max_in_flight = max_in_flight or 2 * workers + 1
    model_future = client.scatter(model, broadcast=True, hash=False)
    pending: deque = deque()
    try:
        for chunk in chunks:
            future = client.submit(score_chunk_with, model_future, chunk.ids, chunk.texts,
                                   pure=False)
            pending.append((chunk, future))
            if len(pending) >= max_in_flight:
                done_chunk, done = pending.popleft()
                yield done_chunk, done.result()
        while pending:
            done_chunk, done = pending.popleft()
            yield done_chunk, done.result()
    finally:
        for _, future in pending:
            future.cancel()
        model_future.release()


def partition_meta(model: Any = None, *, trust_model: bool = False):
    """The empty DataFrame ``score_partition`` returns: pass it as ``meta=`` to map_partitions."""
    from ..persist import resolve_model
    from .worker import score_texts

    return score_texts(resolve_model(model, trusted=trust_model), [], [])[0]


def score_partition(df, model: Any = None, *, text_column: str = "text", id_column: str = "id",
                    trust_model: bool = False, max_article_bytes: int | None = None):
    """Score one pandas partition of articles; the ``map_partitions`` entry point.

    Parameters
    ----------
    df : pandas.DataFrame
        Articles, one per row, with *text_column* and *id_column*.
    model : path, None, fitted model or scattered model
        A path (or ``None`` for the bundled model) is loaded once per worker
        process and cached; a model object is used as is.
    text_column, id_column : str
        Column names in *df*.

    Returns
    -------
    pandas.DataFrame
        One row per sentence: ``article_id`` then the columns of
        ``stance.classify()``. Texts are checked and cleaned as in ``stance.score``
        (HTML stripped; empty, binary or larger than *max_article_bytes* texts
        give no rows).
    """
    from .readers import clean_text, pick_columns
    from .worker import cached_model, model_spec, score_texts

    if model is None or isinstance(model, (str, os.PathLike)):
        model = cached_model(model_spec(model, trust_model))
    tcol, icol = pick_columns(list(df.columns), text_column, id_column, "partition")
    from .readers import DEFAULT_MAX_ARTICLE_BYTES

    limit = max_article_bytes or DEFAULT_MAX_ARTICLE_BYTES
    ids, texts = [], []
    for ident, raw in zip(df[icol].tolist(), df[tcol].tolist()):
        text, reason = clean_text(raw, limit)
        if reason is None and ident is not None and ident == ident:
            ids.append(str(ident))
            texts.append(text)
    frame, _ = score_texts(model, ids, texts)
    return frame
