"""The ``stance`` command line: one subcommand per module in ``stance.commands``.

Every failure prints one line naming the file, row or option and what to do;
usage errors exit with status 2, failed work with status 1. ``--verbose``
shows the traceback.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

from ._version import __version__
from .errors import DataError, UsageError

# Each module defines ``register(subparsers)`` and sets ``func`` on its parser.
COMMANDS = ["classify", "score", "train", "evaluate"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stance", description=(
        "Tag each sentence of foreign-policy news with its stance (engagement, pressure, "
        "deterrence, neutral) and its speaker."))
    parser.add_argument("--version", action="version", version=f"stance {__version__}")
    parser.add_argument("--verbose", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = import_module(f"stance.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"stance.commands.{name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("stance: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # one readable line; the traceback only on request
        if args.verbose:
            raise
        from .persist import ModelError

        usage = (UsageError, DataError, ModelError, FileNotFoundError, TypeError)
        status = 2 if isinstance(exc, usage) else 1
        print(f"stance {args.command}: error: {exc}", file=sys.stderr)
        return status


if __name__ == "__main__":
    sys.exit(main())
