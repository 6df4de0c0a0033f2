"""Progress bar and closing summary of a batch run."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class Progress:
    """A tqdm bar (articles done, rate, time left) on stderr, only when it is a terminal."""

    def __init__(self, total: int | None, *, enabled: bool | None = None, quiet: bool = False,
                 stream=None):
        stream = stream if stream is not None else sys.stderr
        if enabled is None:
            enabled = not quiet and hasattr(stream, "isatty") and stream.isatty()
        self.bar = None
        if enabled:
            from tqdm.auto import tqdm

            self.bar = tqdm(total=total, unit=" articles", file=stream, dynamic_ncols=True,
                            smoothing=0.1, desc="scoring")

    def update(self, n: int, failed: int) -> None:
        if self.bar is not None:
            if failed:
                self.bar.set_postfix(failed=failed, refresh=False)
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@dataclass
class ScoreSummary:
    """What a batch run did. ``str()`` gives the one-line summary the command prints."""

    articles: int = 0           # articles scored in this run
    sentences: int = 0          # sentence rows written in this run
    labels: dict[str, int] = field(default_factory=dict)  # sentences per stance label
    failed: int = 0             # articles that could not be scored (see errors_path)
    skipped: int = 0            # articles already in the output (--resume)
    seconds: float = 0.0
    output: Path | None = None
    errors_path: Path | None = None  # None when nothing failed

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def add_labels(self, counts: Counter) -> None:
        for label, n in counts.items():
            self.labels[label] = self.labels.get(label, 0) + int(n)

    def as_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "sentences": self.sentences, "labels": dict(self.labels),
                "failed": self.failed, "skipped": self.skipped,
                "seconds": round(self.seconds, 3),
                "articles_per_second": round(self.articles / self.seconds, 1) if self.seconds else None,
                "output": str(self.output) if self.output else None,
                "errors": str(self.errors_path) if self.errors_path else None}

    def __str__(self) -> str:
        labels = ", ".join(f"{k} {v:,}" for k, v in self.labels.items()) or "no sentences"
        rate = f" ({self.articles / self.seconds:,.0f} articles/s)" if self.seconds > 0 else ""
        text = (f"{self.articles:,} articles, {self.sentences:,} sentences ({labels}); "
                f"{self.failed:,} failed")
        if self.skipped:
            text += f", {self.skipped:,} already done (skipped)"
        text += f"; {self.seconds:.1f} s{rate} -> {self.output}"
        if self.errors_path:
            text += f"; failures listed in {self.errors_path}"
        return text
