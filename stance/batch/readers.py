"""Reading articles from files, folders, tables and stdin, lazily and one article at a time.

Every input becomes a stream of ``Record`` s: an article id, where it came
from, and either its text or the reason it cannot be scored. A bad article
(undecodable bytes, empty, binary, too large, a broken CSV row) is a failed
``Record`` and the stream goes on; only problems that make a whole input
unusable (a missing file, an unknown extension, a missing column) raise.

Nothing is read ahead more than one Parquet batch or one line: folders are
walked lazily, CSV is parsed row by row with the ``csv`` module, JSONL line by
line, Parquet with ``iter_batches``.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

from ..errors import DataError, UsageError
from .htmltext import html_to_text, looks_like_html
from .optional import parquet

__all__ = ["Record", "Source", "plan_inputs", "iter_records", "chunked", "DEFAULT_MAX_ARTICLE_BYTES",
           "TEXT_COLUMNS", "ID_COLUMNS"]

DEFAULT_MAX_ARTICLE_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".parquet", ".pq"}
#: Column names tried, in order, when no text or id column is given.
TEXT_COLUMNS = ("text", "body", "content", "article")
ID_COLUMNS = ("id", "article_id", "doc_id", "url")


class Record(NamedTuple):
    """One article: ``text`` when it can be scored, else ``reason`` says why not."""

    article_id: str
    source: str
    text: str | None = None
    reason: str | None = None


@dataclass
class Source:
    """One command-line input: a text file, a folder, a table file or stdin."""

    kind: str          # "text", "folder", "csv", "jsonl", "parquet", "stdin"
    path: Path | None  # None for stdin

    @property
    def name(self) -> str:
        return "<stdin>" if self.path is None else str(self.path)

    def count(self) -> int | None:
        """Number of articles, for the progress bar's time left; None when unknown (stdin).

        Parquet uses its metadata; folders are listed (names only); CSV and JSONL
        are scanned once for row breaks, which costs a small fraction of scoring.
        """
        try:
            if self.kind == "text":
                return 1
            if self.kind == "parquet":
                pq = parquet(self.path)
                return pq.ParquetFile(self.path).metadata.num_rows
            if self.kind == "folder":
                return sum(1 for _ in _walk(self.path))
            if self.kind == "jsonl":
                with open(self.path, "rb") as fh:
                    return sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 20), b""))
            if self.kind == "csv":
                with open(self.path, encoding="utf-8", errors="replace", newline="") as fh:
                    return max(0, sum(1 for _ in csv.reader(fh)) - 1)
        except (OSError, csv.Error, UsageError, Exception):
            return None
        return None


def plan_inputs(inputs: Iterable[str | os.PathLike]) -> list[Source]:
    """Check every input exists and has a known format, before any work starts."""
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    sources: list[Source] = []
    for item in inputs:
        if str(item) == "-":
            sources.append(Source("stdin", None))
            continue
        path = Path(item)
        if path.is_dir():
            sources.append(Source("folder", path))
        elif not path.exists():
            raise UsageError(f"{path}: no such file or folder; check the input path.")
        else:
            suffix = path.suffix.lower()
            if suffix in TEXT_SUFFIXES:
                sources.append(Source("text", path))
            elif suffix == ".csv":
                sources.append(Source("csv", path))
            elif suffix in (".jsonl", ".ndjson"):
                sources.append(Source("jsonl", path))
            elif suffix in (".parquet", ".pq"):
                sources.append(Source("parquet", path))
            else:
                raise UsageError(f"{path}: unknown input type {suffix or '(no extension)'!r}; "
                                 "give .txt/.html files or folders of them, .csv, .jsonl or "
                                 ".parquet files, or - for standard input.")
    if not sources:
        raise UsageError("no inputs given; pass files, folders or - for standard input.")
    return sources


# -- turning bytes and cells into article text -----------------------------
def _too_large(size: int, limit: int) -> str:
    return (f"article too large ({size / 2**20:.1f} MB > limit {limit / 2**20:.1f} MB); raise "
            "--max-article-mb if it is a real article")


def decode_article(raw: bytes, encoding: str, limit: int,
                   html: bool | None = None) -> tuple[str | None, str | None]:
    """(text, None) or (None, reason) for the bytes of one article."""
    if len(raw) > limit:
        return None, _too_large(len(raw), limit)
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        if b"\x00" in raw:
            return None, "binary data (contains NUL bytes), not text"
        return None, (f"undecodable bytes at byte {exc.start} for encoding {encoding!r}; "
                      "pass --encoding (e.g. --encoding cp1252) if the file uses another encoding")
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r}; pass a Python codec name to --encoding "
                         "(utf-8, cp1252, latin-1, utf-16...).") from None
    return clean_text(text, limit, html)


def clean_text(text: object, limit: int, html: bool | None = None) -> tuple[str | None, str | None]:
    """Check and normalise one article's text: strip a BOM and HTML, refuse empty/binary/huge.

    *html*: True for HTML files, None to strip only text that looks like HTML.
    """
    if text is None or (isinstance(text, float) and text != text):
        return None, "missing text (empty cell)"
    if not isinstance(text, str):
        text = str(text)
    if len(text) > limit // 4 and len(text.encode("utf-8", "surrogatepass")) > limit:
        return None, _too_large(len(text.encode("utf-8", "surrogatepass")), limit)
    if "\x00" in text:
        return None, "binary data (contains NUL bytes), not text"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates from surrogateescape: bytes we could not decode
        return None, (f"undecodable bytes at character {exc.start}; pass --encoding "
                      "(e.g. --encoding cp1252) if the file uses another encoding")
    if text.startswith("\ufeff"):
        text = text[1:]
    if html or (html is None and looks_like_html(text)):
        text = html_to_text(text)
    if not text.strip():
        return None, "empty text (nothing to score)"
    return text, None


def _check_encoding(encoding: str) -> str:
    import codecs

    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r}; pass a Python codec name to --encoding "
                         "(utf-8, cp1252, latin-1, utf-16...).") from None
    return "utf-8-sig" if name == "utf-8" else encoding


# -- column choice ------------------------------------------------------------
def pick_columns(found: list[str], text_column: str | None, id_column: str | None,
                 source: str) -> tuple[str, str]:
    """The text and id columns to use, or a DataError listing the columns found."""
    shown = ", ".join(map(repr, found[:30])) + (" ..." if len(found) > 30 else "") or "(none)"

    def choose(wanted: str | None, defaults: tuple[str, ...], what: str, option: str) -> str:
        if wanted is not None:
            if wanted in found:
                return wanted
            raise DataError(f"{source}: no {what} column {wanted!r}; columns found: {shown}. "
                            f"Pass {option} with one of these.")
        for name in defaults:
            if name in found:
                return name
        raise DataError(f"{source}: no {what} column (looked for {', '.join(defaults)}); columns "
                        f"found: {shown}. Pass {option} with one of these.")

    return (choose(text_column, TEXT_COLUMNS, "text", "--text-column"),
            choose(id_column, ID_COLUMNS, "id", "--id-column"))


def _id_of(value: object, fallback: str) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    value = str(value).strip()
    return value or None


def _table_record(ident: object, text: object, where: str, limit: int) -> Record:
    article_id = _id_of(ident, where)
    if article_id is None:
        return Record(where, where, None, "missing article id (empty id cell); fill it in the input")
    body, reason = clean_text(text, limit)
    return Record(article_id, where, body, reason)


# -- the readers ----------------------------------------------------------------
def _read_text_file(path: Path, article_id: str, encoding: str, limit: int) -> Record:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > limit:
            return Record(article_id, source, None, _too_large(size, limit))
        raw = path.read_bytes()
    except OSError as exc:
        return Record(article_id, source, None, f"cannot read the file ({exc.strerror or exc})")
    text, reason = decode_article(raw, encoding, limit,
                                  html=True if path.suffix.lower() in (".html", ".htm") else None)
    return Record(article_id, source, text, reason)


def _walk(folder: Path) -> Iterator[Path]:
    """Text and HTML files under *folder*, in sorted order, one directory at a time."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        raise UsageError(f"{folder}: cannot list the folder ({exc.strerror}).") from None
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(Path(entry.path))
        elif Path(entry.name).suffix.lower() in TEXT_SUFFIXES:
            yield Path(entry.path)


def _read_folder(folder: Path, encoding: str, limit: int) -> Iterator[Record]:
    for path in _walk(folder):
        rel = path.relative_to(folder)
        article_id = str(rel.with_suffix("")) if rel.parent != Path(".") else path.stem
        yield _read_text_file(path, article_id.replace(os.sep, "/"), encoding, limit)


def _read_csv(path: Path, text_column, id_column, encoding: str, limit: int) -> Iterator[Record]:
    csv.field_size_limit(max(limit + 1, 131072))
    name = path.name
    with open(path, encoding=_check_encoding(encoding), errors="surrogateescape", newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DataError(f"{path}: cannot read the CSV header ({exc}).") from None
        tcol, icol = pick_columns(header, text_column, id_column, str(path))
        ti, ii, width = header.index(tcol), header.index(icol), len(header)
        line = reader.line_num
        while True:
            first = line + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                line = reader.line_num
                where = f"{name}:line {first}"
                reason = (_too_large(limit + 1, limit) if "field limit" in str(exc)
                          else f"broken CSV row ({exc})")
                yield Record(where, where, None, f"line {first}: {reason}")
                continue
            line = reader.line_num
            if not row or row == [""]:
                continue
            where = f"{name}:line {first}"
            if len(row) != width:
                ident = _id_of(row[ii], where) if ii < len(row) else None
                yield Record(ident or where, where, None,
                             f"line {first}: broken CSV row: expected {width} fields, found "
                             f"{len(row)}; check its quotes and commas")
                continue
            yield _table_record(row[ii], row[ti], where, limit)


def _iter_lines(fh: BinaryIO, limit: int, number: int = 0) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line; None for a line longer than the limit (skipped, not kept)."""
    while True:
        line = fh.readline(limit + 2)
        if not line:
            return
        number += 1
        if len(line) > limit + 1 and not line.endswith(b"\n"):
            while True:  # skip the rest of the monster line without holding it
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def _read_jsonl(lines: Iterable[tuple[int, bytes | None]], name: str, text_column, id_column,
                encoding: str, limit: int) -> Iterator[Record]:
    encoding = _check_encoding(encoding)
    columns: tuple[str, str] | None = None
    for number, line in lines:
        where = f"{name}:line {number}"
        if line is None:
            yield Record(where, where, None, f"line {number}: {_too_large(limit + 1, limit)}")
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line.decode(encoding))
        except UnicodeDecodeError as exc:
            yield Record(where, where, None, f"line {number}: undecodable bytes at byte "
                         f"{exc.start} for encoding {encoding!r}; pass --encoding")
            continue
        except ValueError as exc:
            yield Record(where, where, None, f"line {number}: not valid JSON ({exc})")
            continue
        if not isinstance(obj, dict):
            yield Record(where, where, None, f"line {number}: not a JSON object")
            continue
        if columns is None:
            columns = pick_columns(list(obj), text_column, id_column, name)
        tcol, icol = columns
        if tcol not in obj or icol not in obj:
            missing = tcol if tcol not in obj else icol
            ident = _id_of(obj.get(icol), where) or where
            yield Record(ident, where, None, f"line {number}: no {missing!r} field")
            continue
        yield _table_record(obj[icol], obj[tcol], where, limit)


def _read_parquet(path: Path, text_column, id_column, limit: int, batch_size: int) -> Iterator[Record]:
    pq = parquet(path)

    try:
        # pre_buffer=False: read column chunks as needed. With pre-buffering, pyarrow keeps
        # what it read allocated, and memory grows with the file (+180 MB for 187 MB of text).
        pf = pq.ParquetFile(path, pre_buffer=False, buffer_size=1 << 20)
    except Exception as exc:
        raise DataError(f"{path}: not a readable Parquet file ({exc}).") from None
    tcol, icol = pick_columns(pf.schema_arrow.names, text_column, id_column, str(path))
    row = 0
    name = path.name
    for batch in pf.iter_batches(batch_size=batch_size, columns=[icol, tcol]):
        ids = batch.column(0).to_pylist()
        texts = batch.column(1).to_pylist()
        for ident, text in zip(ids, texts):
            row += 1
            yield _table_record(ident, text, f"{name}:row {row}", limit)


def _read_stdin(stream: BinaryIO, text_column, id_column, encoding: str, limit: int) -> Iterator[Record]:
    """Standard input: JSON Lines if the first line is a JSON object, else one text article."""
    first = stream.readline(limit + 2)
    head = first.strip()
    if head.startswith(b"{") and head.endswith(b"}"):
        try:
            is_json = isinstance(json.loads(head.decode(encoding, "replace")), dict)
        except ValueError:
            is_json = False
        if is_json:
            lines = itertools.chain([(1, first)], _iter_lines(stream, limit, number=1))
            yield from _read_jsonl(lines, "<stdin>", text_column, id_column, encoding, limit)
            return
    raw = first + stream.read(max(0, limit + 1 - len(first)))
    if len(raw) > limit:
        yield Record("stdin", "<stdin>", None, _too_large(len(raw), limit))
        return
    text, reason = decode_article(raw, encoding, limit)
    yield Record("stdin", "<stdin>", text, reason)


def iter_records(sources: list[Source], *, text_column: str | None = None,
                 id_column: str | None = None, encoding: str = "utf-8",
                 max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES, batch_size: int = 1000,
                 stdin: BinaryIO | None = None) -> Iterator[Record]:
    """Every article of every source, in order, one ``Record`` at a time."""
    _check_encoding(encoding)
    limit = int(max_article_bytes)
    for src in sources:
        if src.kind == "text":
            yield _read_text_file(src.path, src.path.stem, encoding, limit)
        elif src.kind == "folder":
            yield from _read_folder(src.path, encoding, limit)
        elif src.kind == "csv":
            yield from _read_csv(src.path, text_column, id_column, encoding, limit)
        elif src.kind == "jsonl":
            with open(src.path, "rb") as fh:
                yield from _read_jsonl(_iter_lines(fh, limit), src.path.name, text_column,
                                       id_column, encoding, limit)
        elif src.kind == "parquet":
            yield from _read_parquet(src.path, text_column, id_column, limit, batch_size)
        elif src.kind == "stdin":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer,
                                   text_column, id_column, encoding, limit)


@dataclass
class Chunk:
    """Articles to score together (``ids``/``texts``) and failures seen while reading them."""

    ids: list[str]
    texts: list[str]
    failures: list[Record]

    @property
    def size(self) -> int:
        return len(self.ids) + len(self.failures)


def chunked(records: Iterable[Record], chunk_size: int,
            max_chars: int = 800_000) -> Iterator[Chunk]:
    """Group records into chunks of at most *chunk_size* articles and about *max_chars* characters.

    The character cap bounds the memory scikit-learn's n-gram vectorisers take per call
    (several bytes per character n-gram); 800k characters is about 130 articles of
    1,000 words, already tens of thousands of sentences predicted together.
    """
    ids: list[str] = []
    texts: list[str] = []
    failures: list[Record] = []
    chars = 0
    for rec in records:
        if rec.reason is not None:
            failures.append(rec)
        else:
            ids.append(rec.article_id)
            texts.append(rec.text)
            chars += len(rec.text)
        if len(ids) + len(failures) >= chunk_size or chars >= max_chars:
            yield Chunk(ids, texts, failures)
            ids, texts, failures, chars = [], [], [], 0
    if ids or failures:
        yield Chunk(ids, texts, failures)


def check_columns(sources: list[Source], text_column: str | None, id_column: str | None,
                  encoding: str = "utf-8") -> None:
    """Fail before any work when a table input lacks the text or id column (lists those found)."""
    for src in sources:
        if src.kind == "csv":
            with open(src.path, encoding=_check_encoding(encoding), errors="replace",
                      newline="") as fh:
                try:
                    header = next(csv.reader(fh), None)
                except csv.Error:
                    header = None
            if header:
                pick_columns(header, text_column, id_column, str(src.path))
        elif src.kind == "parquet":
            pq = parquet(src.path)

            try:
                names = pq.ParquetFile(src.path).schema_arrow.names
            except Exception as exc:
                raise DataError(f"{src.path}: not a readable Parquet file ({exc}); check the "
                                "file or convert it again.") from None
            pick_columns(names, text_column, id_column, str(src.path))
        elif src.kind == "jsonl":
            with open(src.path, "rb") as fh:
                for _, line in zip(range(1000), fh):
                    try:
                        obj = json.loads(line.decode(encoding, "replace"))
                    except ValueError:
                        continue
                    if isinstance(obj, dict):
                        pick_columns(list(obj), text_column, id_column, str(src.path))
                        break
