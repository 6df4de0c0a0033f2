"""Optional dependencies, imported on demand with an error that says how to install them."""

from __future__ import annotations

from types import ModuleType

from ..errors import UsageError


def parquet(path: object) -> ModuleType:
    """``pyarrow.parquet``, or a UsageError naming *path* and the extra to install."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(f"{path}: Parquet needs pyarrow; pip install 'stance[parquet]' "
                         "or use .csv/.jsonl.") from None
    return pq
