"""Temporary folders of a run (the search copies and Pagefind's work folder while serving
a site outside the project), named by the process that made them, so that what a killed
run left is removed by a later one.

A folder is removed only when its name is one this module makes, the process named in it
is gone and it was last changed more than a day ago: a live run's folder is never touched,
even one of another machine or container sharing the folder.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time

STALE_AFTER = 24 * 3600  # seconds


def folder(prefix: str, where: str | None = None) -> tempfile.TemporaryDirectory:
    """A new temporary folder ``<prefix><pid>-…`` in ``where`` (the system's temporary
    folder by default), once the stale ones of that prefix there are removed."""
    where = where or tempfile.gettempdir()
    sweep(prefix, where)
    return tempfile.TemporaryDirectory(prefix=f"{prefix}{os.getpid()}-", dir=where)


def sweep(prefix: str, where: str) -> None:
    pattern = re.compile(re.escape(prefix) + r"(\d+)-[A-Za-z0-9_]+")
    try:
        entries = list(os.scandir(where))
    except OSError:
        return
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        if not found or not entry.is_dir(follow_symlinks=False):
            continue
        try:
            old = time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER
        except OSError:
            continue
        if old and not _alive(int(found.group(1))):
            shutil.rmtree(entry.path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or not a pid: leave its folder alone
    return True
