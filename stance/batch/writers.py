"""Writing the sentence table incrementally, safely, and resumably.

Output format follows the extension: ``.parquet`` (or ``.pq``), ``.csv``,
``.jsonl`` (or ``.ndjson``).

While a run is going, every scored chunk is written as its own part file in
``OUTPUT.partial/`` (each part written to a temporary name and renamed, so a
part is either complete or absent). Only at the end are the parts (after the
rows of an existing output, when resuming) joined into ``OUTPUT.tmp``, which
is then moved onto ``OUTPUT`` in one atomic rename. An interrupted run
therefore never leaves a half-written ``OUTPUT``; it leaves ``OUTPUT.partial/``,
which ``--resume`` picks up: the ids in the existing output and in the
finished parts are skipped, the rest is scored, everything is kept.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pandas as pd

from ..errors import UsageError
from .optional import parquet

__all__ = ["output_format", "OutputWriter", "ErrorsWriter"]

_FORMATS = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".jsonl": "jsonl",
            ".ndjson": "jsonl"}


def output_format(path: str | os.PathLike) -> str:
    """``parquet``, ``csv`` or ``jsonl`` from the output's extension, else a UsageError."""
    path = Path(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(f"{path}: unknown output extension {path.suffix or '(none)'!r}; name the "
                         "output .parquet, .csv or .jsonl.")
    if fmt == "parquet":
        parquet(path)  # fail before any work if pyarrow is missing
    return fmt


class OutputWriter:
    """Parts while running, one atomic move at the end. See the module docstring."""

    def __init__(self, path: str | os.PathLike, template: pd.DataFrame, *, resume: bool = False):
        self.path = Path(path)
        self.format = output_format(self.path)
        self.columns = list(template.columns)
        self.template = template
        self.resume = resume
        self.parts_dir = self.path.with_name(self.path.name + ".partial")
        self.tmp_path = self.path.with_name(self.path.name + ".tmp")
        if not self.path.parent.exists():
            raise UsageError(f"{self.path.parent}: the output folder does not exist; create it "
                             "first.")
        if self.path.is_dir():
            raise UsageError(f"{self.path}: is a folder; give an output file name ending in "
                             ".parquet, .csv or .jsonl.")
        if self.format == "parquet":
            import pyarrow as pa

            self.schema = pa.Schema.from_pandas(template, preserve_index=False)
        if not resume and self.parts_dir.exists():
            shutil.rmtree(self.parts_dir)  # an old interrupted run; we start over
        self.parts_dir.mkdir(exist_ok=True)
        self._next = 1 + max((self._part_number(p) for p in self._parts()), default=0)
        self.rows_kept = 0

    # -- parts --------------------------------------------------------------
    @staticmethod
    def _part_number(path: Path) -> int:
        return int(path.name.split("-")[1].split(".")[0])

    def _parts(self) -> list[Path]:
        ext = {"parquet": ".parquet", "csv": ".csv", "jsonl": ".jsonl"}[self.format]
        if not self.parts_dir.exists():
            return []
        return sorted((p for p in self.parts_dir.iterdir()
                       if p.name.startswith("part-") and p.name.endswith(ext)),
                      key=self._part_number)

    def write(self, frame: pd.DataFrame) -> None:
        """Write one chunk's rows as a finished part file."""
        if frame.empty:
            return
        frame = frame[self.columns]
        ext = {"parquet": ".parquet", "csv": ".csv", "jsonl": ".jsonl"}[self.format]
        final = self.parts_dir / f"part-{self._next:07d}{ext}"
        tmp = final.with_name(final.name + ".tmp")
        if self.format == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.Table.from_pandas(frame, schema=self.schema, preserve_index=False),
                           tmp)
        elif self.format == "csv":
            frame.to_csv(tmp, header=False, index=False)
        else:
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(_jsonl(frame))
        os.replace(tmp, final)
        self._next += 1

    # -- resume -------------------------------------------------------------
    def done_ids(self) -> set[str]:
        """Article ids already written: in the existing output (on resume) and finished parts."""
        done: set[str] = set()
        if self.resume and self.path.exists():
            self._check_existing()
            done.update(_read_ids(self.path, self.format))
        for part in self._parts():
            done.update(_read_ids(part, self.format, header=self.format != "csv"))
        return done

    def _check_existing(self) -> None:
        found = _read_columns(self.path, self.format)
        if found is not None and found != self.columns:
            raise UsageError(f"{self.path}: the existing output has different columns ({len(found)} "
                             f"vs {len(self.columns)}; another model?). Write to a new file, or "
                             "drop --resume to replace it.")

    # -- finishing ----------------------------------------------------------
    def commit(self) -> Path:
        """Join the existing output (when resuming) and all parts into OUTPUT, atomically."""
        keep_old = self.resume and self.path.exists()
        parts = self._parts()
        if self.format == "parquet":
            self._commit_parquet(keep_old, parts)
        else:
            with open(self.tmp_path, "w+b") as out:
                if keep_old:
                    with open(self.path, "rb") as old:
                        shutil.copyfileobj(old, out, 1 << 20)
                        _ensure_newline(out)
                elif self.format == "csv":
                    buf = io.StringIO()
                    csv.writer(buf, lineterminator="\n").writerow(self.columns)
                    out.write(buf.getvalue().encode("utf-8"))
                for part in parts:
                    with open(part, "rb") as fh:
                        shutil.copyfileobj(fh, out, 1 << 20)
                    _ensure_newline(out)
        os.replace(self.tmp_path, self.path)
        shutil.rmtree(self.parts_dir, ignore_errors=True)
        return self.path

    def _commit_parquet(self, keep_old: bool, parts: list[Path]) -> None:
        import pyarrow.parquet as pq

        with pq.ParquetWriter(self.tmp_path, self.schema) as writer:
            for source in ([self.path] if keep_old else []) + parts:
                pf = pq.ParquetFile(source)
                for i in range(pf.num_row_groups):
                    table = pf.read_row_group(i).select(self.columns)
                    writer.write_table(table.cast(self.schema))

    def discard(self) -> None:
        """Remove the temporary files (used when a run fails before writing anything useful)."""
        shutil.rmtree(self.parts_dir, ignore_errors=True)
        self.tmp_path.unlink(missing_ok=True)


def _ensure_newline(out) -> None:
    if out.tell() > 0:
        out.seek(-1, os.SEEK_END)
        last = out.read(1) if out.readable() else None
        out.seek(0, os.SEEK_END)
        if last not in (None, b"\n"):
            out.write(b"\n")


def _jsonl(frame: pd.DataFrame) -> str:
    text = frame.to_json(orient="records", lines=True, force_ascii=False)
    return text if text.endswith("\n") else text + "\n"


def _read_columns(path: Path, fmt: str) -> list[str] | None:
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).schema_arrow.names
    if fmt == "csv":
        with open(path, encoding="utf-8", newline="") as fh:
            return next(csv.reader(fh), None)
    with open(path, encoding="utf-8") as fh:
        first = fh.readline()
    return list(json.loads(first)) if first.strip() else None


def _read_ids(path: Path, fmt: str, header: bool = True) -> set[str]:
    if fmt == "parquet":
        import pyarrow.parquet as pq

        col = pq.read_table(path, columns=["article_id"]).column(0)
        return set(col.unique().to_pylist())
    if fmt == "csv":
        ids: set[str] = set()
        for part in pd.read_csv(path, usecols=[0], header=0 if header else None, dtype=str,
                                keep_default_na=False, chunksize=500_000):
            ids.update(part.iloc[:, 0])
        return ids
    ids = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                try:
                    ids.add(str(json.loads(line)["article_id"]))
                except (ValueError, KeyError):
                    continue  # a torn last line
    return ids


class ErrorsWriter:
    """The errors file (``article_id, source, reason``), written as failures happen.

    Written to ``ERRORS.tmp`` and moved into place at the end; with no failures
    the file is not created (and a stale one from an earlier run is removed).
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.tmp_path = self.path.with_name(self.path.name + ".tmp")
        self.count = 0
        self._fh = None
        self._writer = None

    def add(self, article_id: str, source: str, reason: str) -> None:
        if self._fh is None:
            self._fh = open(self.tmp_path, "w", encoding="utf-8", newline="")
            self._writer = csv.writer(self._fh)
            self._writer.writerow(["article_id", "source", "reason"])
        self._writer.writerow([article_id, source, reason])
        self.count += 1
        if self.count % 100 == 0:
            self._fh.flush()

    def commit(self) -> Path | None:
        if self._fh is None:
            self.path.unlink(missing_ok=True)
            return None
        self._fh.close()
        os.replace(self.tmp_path, self.path)
        return self.path

    def close(self) -> None:
        if self._fh is not None and not self._fh.closed:
            self._fh.close()
