"""What the ``papershelf`` plugin (:mod:`.incremental`) does to MkDocs' own objects: the
files collection that notes each page's links, the warning handler, and restoring what
MkDocs reads of a page it did not convert again."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from mkdocs.structure.files import Files

from .build_state import PageRecord, decode_meta

# MkDocs' warning about --dirty (with the plugin, a dirty build equals a clean one).
DIRTY_WARNING = "A 'dirty' build is being performed"


class RecordingFiles(Files):
    """MkDocs' files, noting which paths the page being converted looks up (its links)."""

    current: dict[str, str | None] | None = None

    def get_file_from_path(self, path: str):
        found = super().get_file_from_path(path)
        if self.current is not None:
            self.current[path] = target(found)
        return found


class WarningHandler(logging.Handler):
    """Calls ``on_warning`` for each warning MkDocs logs (the plugin renders the page that
    warned again next time, so that its warnings, and --strict, are not lost)."""

    def __init__(self, on_warning: Callable[[], None]) -> None:
        super().__init__(logging.WARNING)
        self.on_warning = on_warning

    def emit(self, record: logging.LogRecord) -> None:
        self.on_warning()


def drop_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(DIRTY_WARNING)


def restore(page, record: PageRecord, files: Files) -> None:
    """What MkDocs reads of a page it did not convert: title, front matter, anchors."""
    page.markdown = ""
    page.meta = decode_meta(record.meta)
    page._title_from_render = record.title
    page.present_anchor_ids = set(record.anchors)
    page.links_to_anchors = {}
    for uri, anchors in record.links_to_anchors.items():
        target = files.src_uris.get(uri)
        if target is not None:
            page.links_to_anchors[target] = dict(anchors)


def target(found) -> str | None:
    return None if found is None else f"{found.url} {found.inclusion.name}"


def search_plugin(config):
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index"):
            return plugin
    return None


def constant(value: bool):
    return lambda: value


def inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except ValueError:
        return False
    return True
