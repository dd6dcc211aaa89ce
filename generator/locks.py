"""Locks: one run writes a project at a time, and one Pagefind run its work folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .exceptions import PapershelfError
from .files import CACHE_DIR, os_error_text

try:
    import fcntl
except ImportError:  # no POSIX locks on this system: runs are not serialised
    fcntl = None

LOCK = "lock"


@contextmanager
def project_lock(root: Path, report: Callable[[str], None]) -> Iterator[None]:
    """One run writes a project at a time: a second run waits for the first to finish
    (and says so) instead of failing halfway through the first one's files."""
    if fcntl is None:
        yield
        return
    try:
        (root / CACHE_DIR).mkdir(parents=True, exist_ok=True)
        handle = open(root / CACHE_DIR / LOCK, "a+b")
    except OSError as exc:
        raise PapershelfError(f"{os_error_text(exc, root)} (cannot take the project's lock: "
                              f"is the project folder writable?)") from None
    with handle, _locked(handle, lambda: report(
            "another papershelf run is writing this project; waiting for it to end")):
        yield


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Hold the lock file ``path`` (waiting for another process that holds it)."""
    if fcntl is None:
        yield
        return
    with open(path, "a+b") as handle, _locked(handle, lambda: None):
        yield


@contextmanager
def _locked(handle, on_wait: Callable[[], None]) -> Iterator[None]:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        on_wait()
        fcntl.flock(handle, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)


def try_hold(path: Path):
    """The lock file ``path``, held until the returned handle is closed (or the process
    ends); None if another process holds it, or locks are not available here."""
    if fcntl is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+b")
    except OSError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle
