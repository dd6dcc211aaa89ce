"""YAML as the curator writes it (papershelf.yml, taxonomy.yml, a note's front matter):
safe, without aliases, without unbounded nesting.

An alias lets a few hundred bytes expand into gigabytes ("billion laughs"), and nesting a
few thousand levels deep exhausts Python's stack: both are refused with a YAML error that
names the line, as any other mistake in the file.
"""

from __future__ import annotations

import re

import yaml


_SURROGATE = re.compile(r"[\ud800-\udfff]")


class CuratorLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases (``*name``), explicit tags (``!!bool x``,
    which PyYAML's constructors can fail on with other errors than YAML's) and escapes
    that make no character (a lone surrogate, ``"\\ud800"``)."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in this file; write the value "
                "out", event.start_mark)
        if getattr(event, "tag", None) not in (None, "!"):
            raise yaml.composer.ComposerError(
                None, None, f"tags ({event.tag.replace('tag:yaml.org,2002:', '!!')}) are not "
                "allowed in this file; write the value plainly", event.start_mark)
        return super().compose_node(parent, index)

    def compose_scalar_node(self, anchor):
        node = super().compose_scalar_node(anchor)
        if _SURROGATE.search(node.value):
            raise yaml.composer.ComposerError(
                None, None, "an escape that is no character (a lone surrogate such as "
                "\\ud800)", node.start_mark)
        return node


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
