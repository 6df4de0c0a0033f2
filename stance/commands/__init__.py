"""Subcommands of the stance command line, one module each."""
