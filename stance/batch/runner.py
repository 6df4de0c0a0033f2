"""The batch scoring loop: read chunks, score them (in-process, joblib or Dask), write, report."""

from __future__ import annotations

import os
import tempfile
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..persist import resolve_model
from .progress import Progress, ScoreSummary
from .readers import (DEFAULT_MAX_ARTICLE_BYTES, Chunk, Record, check_columns, chunked,
                      iter_records, plan_inputs)
from .worker import model_spec, score_chunk, score_texts
from .writers import ErrorsWriter, OutputWriter, output_format

DEFAULT_CHUNK_SIZE = 500


def score(inputs: str | os.PathLike | Iterable[str | os.PathLike], output: str | os.PathLike, *,
          text_column: str | None = None, id_column: str | None = None, jobs: int = 1,
          model: Any = None, trust_model: bool = False, resume: bool = False,
          encoding: str = "utf-8", errors_path: str | os.PathLike | None = None,
          quiet: bool = False, client: Any = None, chunk_size: int = DEFAULT_CHUNK_SIZE,
          max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES, progress: bool | None = None,
          stdin=None) -> ScoreSummary:
    """Score many articles and write one row per sentence to *output*.

    Parameters
    ----------
    inputs : path or list of paths
        ``.txt``/``.html`` files (file name = article id), folders of them
        (searched recursively), ``.csv``, ``.jsonl`` or ``.parquet`` tables with a
        text and an id column, or ``"-"`` for standard input (one article, or
        JSON Lines if the first line is a JSON object).
    output : path
        ``.parquet``, ``.csv`` or ``.jsonl``: ``article_id`` then every column
        of :func:`stance.classify`. Written to a temporary file and moved into
        place at the end.
    text_column, id_column : str, optional
        Table columns; by default the first of ``text, body, content, article``
        and of ``id, article_id, doc_id, url`` that exists.
    jobs : int, default=1
        Worker processes (joblib); ``-1`` = one per CPU. Each loads the model
        once from its file.
    model : StanceClassifier, path or None
        ``None`` = the bundled model (checksum verified).
    trust_model : bool, default=False
        Allow loading a ``.joblib`` model file (it can run code).
    resume : bool, default=False
        Keep the rows already in *output* (and in the parts an interrupted run
        left in ``OUTPUT.partial/``) and score only the other articles.
    encoding : str, default="utf-8"
        Encoding of the inputs; undecodable articles are failures, not crashes.
    errors_path : path, optional
        Where failures go (``article_id, source, reason``); default
        ``OUTPUT.errors.csv``. Only written when something failed.
    quiet : bool
        No progress bar.
    client : dask.distributed.Client or str, optional
        Run on this Dask cluster (or scheduler address) instead of locally.
    chunk_size : int, default=500
        Articles predicted together in one vectorised call.
    max_article_bytes : int, default=5 MiB
        Larger articles are recorded as failures and skipped.

    Returns
    -------
    ScoreSummary
        Articles, sentences, label counts, failures, seconds; ``str()`` is a
        one-line report, ``as_dict()`` a dict.
    """
    started = time.perf_counter()
    sources = plan_inputs(inputs)
    output = Path(output)
    output_format(output)
    for src in sources:
        if src.path is not None and src.kind != "folder" and src.path.resolve() == output.resolve():
            raise UsageError(f"{output}: the output is also an input; choose another output name.")
    jobs = _check_jobs(jobs)
    if int(chunk_size) < 1:
        raise UsageError(f"chunk_size must be at least 1 (got {chunk_size}); try 500.")
    if int(max_article_bytes) < 1:
        raise UsageError(f"max_article_bytes must be positive (got {max_article_bytes}).")
    check_columns(sources, text_column, id_column, encoding)
    model_obj = _load(model, trust_model)
    template = score_texts(model_obj, [], [])[0]
    writer = OutputWriter(output, template, resume=resume)
    errors = ErrorsWriter(errors_path if errors_path is not None
                          else output.with_name(output.name + ".errors.csv"))
    summary = ScoreSummary(output=output)
    done = writer.done_ids() if resume else set()
    bar = Progress(None, enabled=progress, quiet=quiet)
    if bar.bar is not None:  # count articles only when a bar shows them
        counts = [s.count() for s in sources]
        bar.bar.total = sum(counts) if all(c is not None for c in counts) else None
        bar.bar.refresh()

    skipped = [0]

    def fresh(records: Iterator[Record]) -> Iterator[Record]:
        for rec in records:
            if rec.article_id in done:
                skipped[0] += 1
                continue
            yield rec

    records = fresh(iter_records(sources, text_column=text_column, id_column=id_column,
                                 encoding=encoding, max_article_bytes=max_article_bytes,
                                 batch_size=max(int(chunk_size), 256), stdin=stdin))
    chunks = chunked(records, int(chunk_size))
    reported_skips = 0
    try:
        with _backend(client, jobs, model, model_obj, trust_model) as run:
            for chunk, (frame, failed) in run(chunks):
                writer.write(frame)
                present = set(frame["article_id"].unique()) if len(frame) else set()
                failed_ids = {ident for ident, _ in failed}
                for rec in chunk.failures:
                    errors.add(rec.article_id, rec.source, rec.reason)
                for ident, reason in failed:
                    errors.add(ident, "", reason)
                for ident in chunk.ids:
                    if ident not in present and ident not in failed_ids:
                        errors.add(ident, "", "no sentences found in the text")
                summary.articles += sum(1 for ident in chunk.ids if ident in present)
                summary.sentences += len(frame)
                summary.add_labels(Counter(frame["stance"].value_counts().to_dict()))
                summary.failed = errors.count
                bar.update(chunk.size + skipped[0] - reported_skips, errors.count)
                reported_skips = skipped[0]
    except BaseException:
        bar.close()
        errors.close()
        raise
    bar.close()
    summary.skipped = skipped[0]
    writer.commit()
    summary.errors_path = errors.commit()
    summary.failed = errors.count
    summary.seconds = time.perf_counter() - started
    return summary


def _load(model: Any, trusted: bool) -> Any:
    """resolve_model, with any unexpected failure of a damaged file turned into one ModelError."""
    from ..persist import ModelError

    try:
        return resolve_model(model, trusted=trusted)
    except (ModelError, TypeError):
        raise
    except Exception as exc:
        where = model if isinstance(model, (str, os.PathLike)) else "the bundled model"
        raise ModelError(f"{where}: cannot load the model ({type(exc).__name__}: {exc}); the file "
                         "is damaged or not a stance model. Restore it or retrain with "
                         "`stance train`.") from exc


def _check_jobs(jobs: Any) -> int:
    try:
        jobs = int(jobs)
    except (TypeError, ValueError):
        raise UsageError(f"jobs must be a whole number (got {jobs!r}); try --jobs 2.") from None
    if jobs == -1:
        return os.cpu_count() or 1
    if jobs < 1:
        raise UsageError(f"jobs must be 1 or more, or -1 for one per CPU (got {jobs}).")
    return jobs


class _backend:
    """Context manager giving ``run(chunks) -> iterator of (chunk, (frame, failures))``."""

    def __init__(self, client, jobs: int, model: Any, model_obj: Any, trusted: bool):
        self.client, self.jobs, self.model, self.model_obj, self.trusted = (
            client, jobs, model, model_obj, trusted)
        self._tmp: tempfile.TemporaryDirectory | None = None
        self._own_client = None

    def __enter__(self):
        if self.client is not None:
            from .distributed import get_client, run_chunks

            client = get_client(self.client)
            if client is not self.client:
                self._own_client = client
            return lambda chunks: run_chunks(client, self.model_obj, chunks)
        if self.jobs == 1:
            return self._run_local
        return self._run_joblib

    def __exit__(self, *exc):
        if self._tmp is not None:
            self._tmp.cleanup()
        if self._own_client is not None:
            self._own_client.close()
        return False

    def _run_local(self, chunks: Iterator[Chunk]):
        for chunk in chunks:
            yield chunk, score_texts(self.model_obj, chunk.ids, chunk.texts)

    def _spec(self) -> tuple:
        if self.model is None or isinstance(self.model, (str, os.PathLike)):
            return model_spec(self.model, self.trusted)
        # A model object: write it once to a file the workers load (never pickled per task).
        from ..model import StanceClassifier
        from ..persist import save_model

        self._tmp = tempfile.TemporaryDirectory(prefix="stance-model-")
        if isinstance(self.model_obj, StanceClassifier):
            try:
                return model_spec(save_model(self.model_obj, Path(self._tmp.name) / "m.stance"))
            except Exception:
                pass
        return model_spec(save_model(self.model_obj, Path(self._tmp.name) / "m.joblib"), True)

    def _run_joblib(self, chunks: Iterator[Chunk]):
        from joblib import Parallel, delayed

        spec = self._spec()
        pending: deque[Chunk] = deque()

        def tasks():
            for chunk in chunks:
                pending.append(chunk)
                yield delayed(score_chunk)(spec, chunk.ids, chunk.texts)

        parallel = Parallel(n_jobs=self.jobs, return_as="generator", pre_dispatch="2*n_jobs")
        for result in parallel(tasks()):
            yield pending.popleft(), result
