"""Errors Papershelf reports to the user as a message, never as a traceback."""

from __future__ import annotations


class PapershelfError(Exception):
    """Base class: the CLI prints the message and exits with status 1."""


class ConfigError(PapershelfError):
    """The configuration file is unreadable or invalid; the message lists every problem."""

    def __init__(self, path: str, problems: list[str]):
        self.path = path
        self.problems = problems
        listed = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"{path}: invalid configuration:\n{listed}")


class StrictError(PapershelfError):
    """``--strict`` was given and the run produced warnings."""

    def __init__(self, warnings: list):
        self.warnings = warnings
        super().__init__(f"{len(warnings)} warning(s) with --strict: stopping")


class BuildError(PapershelfError):
    """The site builder (MkDocs) failed."""
