"""Exceptions that carry a message a person can act on (file, row, field, what to do)."""

from __future__ import annotations


class StanceError(Exception):
    """Base class for stance's own errors."""


class DataError(StanceError, ValueError):
    """Input data that cannot be used: a missing column, an unknown label, an empty text..."""


class UsageError(StanceError):
    """A command or function called the wrong way (an option, a path, a combination)."""
