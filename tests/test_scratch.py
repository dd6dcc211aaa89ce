"""Temporary folders, and what a killed run leaves of them (generator/scratch.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from generator import scratch


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    return int(child.stdout)


def _left(where, name, age_seconds):
    folder = where / name
    (folder / "bundle").mkdir(parents=True)
    (folder / "bundle" / "file").write_text("x", encoding="utf-8")
    then = time.time() - age_seconds
    os.utime(folder, (then, then))
    return folder


def test_a_killed_runs_folder_is_removed_a_day_later_and_no_other(tmp_path):
    dead = _dead_pid()
    day = scratch.STALE_AFTER
    killed = _left(tmp_path, f"papershelf-pagefind-{dead}-abc123", day + 60)
    recent = _left(tmp_path, f"papershelf-pagefind-{dead}-def456", 60)
    alive = _left(tmp_path, f"papershelf-pagefind-{os.getpid()}-ghi789", day + 60)
    other = _left(tmp_path, f"someone-else-{dead}-abc", day + 60)
    link = tmp_path / f"papershelf-pagefind-{dead}-link"
    link.symlink_to(other)
    with scratch.folder("papershelf-pagefind-", str(tmp_path)) as made:
        assert os.path.basename(made).startswith(f"papershelf-pagefind-{os.getpid()}-")
        assert not killed.exists()
        assert recent.exists() and alive.exists() and other.exists() and link.is_symlink()
    assert not os.path.exists(made)
