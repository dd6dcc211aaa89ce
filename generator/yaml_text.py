"""YAML as the curator writes it (papershelf.yml, taxonomy.yml, a note's front matter):
safe, without aliases, without unbounded nesting.

An alias lets a few hundred bytes expand into gigabytes ("billion laughs"), and nesting a
few thousand levels deep exhausts Python's stack: both are refused with a YAML error that
names the line, as any other mistake in the file.
"""

from __future__ import annotations

import yaml


class CuratorLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases (``*name``)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in this file; write the value "
                "out", mark)
        return super().compose_node(parent, index)


def load(text: str):
    """The data of a YAML text; every problem is a :class:`yaml.YAMLError`."""
    return _guarded(yaml.load, text)


def compose(text: str) -> yaml.Node | None:
    """The node tree of a YAML text (positions of keys); problems as :func:`load`."""
    return _guarded(yaml.compose, text)


def _guarded(parse, text: str):
    try:
        return parse(text, Loader=CuratorLoader)  # noqa: S506 (a safe loader)
    except RecursionError:
        raise yaml.YAMLError("nested too deeply (more levels than a file of Papershelf "
                             "needs)") from None
