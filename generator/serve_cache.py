"""What ``mkdocs serve`` built last time, kept for the next time it starts.

MkDocs serves from a new temporary folder on every start, so without a copy of the last
served site each ``papershelf serve`` began with a full build (about three minutes at
20,000 papers). The ``papershelf`` plugin keeps, in ``.papershelf/serve/``, the state of
the last served build and a mirror of its site (``site/``); a new server starts from them
and renders only what changed since, as ``papershelf build`` does from ``site/``.

Files are mirrored as hard links where the file system allows (no copy, no extra space;
MkDocs rewrites a page in place, so the mirror follows), else copied with their times, so
that the state's stamps (time, size) still describe them. A mirrored file that is not as
the state says is rendered again, like any output that changed.
"""

from __future__ import annotations

import os
from pathlib import Path

from .folders import scan_files, sync


def mirror(source: Path, target: Path) -> int:
    """Make ``target`` hold the files of ``source`` with the same times and sizes: the
    files whose stamp differs are linked or copied again, the ones ``source`` lacks are
    removed; links are not followed. How many files changed."""
    wanted = scan_files(source)

    def same(name: str, kept: os.stat_result) -> bool:
        return (kept.st_mtime_ns, kept.st_size) == (wanted[name].st_mtime_ns,
                                                    wanted[name].st_size)

    return sync(target, {name: os.path.join(source, name) for name in wanted}, same,
                lambda name: True)
