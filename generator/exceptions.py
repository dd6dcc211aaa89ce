"""Errors Papershelf reports to the user as a message, never as a traceback.

As MkDocs' own, they are Click exceptions: the command line shows them (``error: ...``,
after the warnings that caused a ``--strict`` stop) and exits with status 1.
"""

from __future__ import annotations

import click


class PapershelfError(click.ClickException):
    """Base class: shown as ``error: <message>``, exit status 1."""

    def show(self, file=None) -> None:
        for warning in getattr(self, "warnings", []):
            click.echo(str(warning), err=True)
        click.echo(f"error: {self.format_message()}", err=True)


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
