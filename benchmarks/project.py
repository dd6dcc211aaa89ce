"""The project the tests and benchmarks run in: never the reading list of the day.

The tool's own files (``overrides/``, ``docs/``'s stylesheets, scripts and KaTeX) come from
the repository; everything a curator edits (``mkdocs.yml``, ``docs/about.md``, seeds,
notes, taxonomy, settings) comes from ``tests/data/project/``, a copy of the content as it
was on 2026-11-29. A curator can then change their content without changing what is tested
or measured.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "project"
TOOL_FILES = ("overrides", "docs/assets", "docs/javascripts", "docs/stylesheets")
# The fixture's files a project needs even without its listings and notes.
SKELETON = ("mkdocs.yml", "docs/about.md", "taxonomy.yml", "papershelf.yml")


def copy_project(target: Path, content: bool = True) -> Path:
    """The test project in ``target``: with the fixture's seeds and notes, or (without
    ``content``) with empty seeds/ and notes/ folders."""
    target.mkdir(parents=True, exist_ok=True)
    if content:
        shutil.copytree(FIXTURE, target, dirs_exist_ok=True)
    else:
        for name in SKELETON:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(FIXTURE / name, target / name)
        (target / "seeds").mkdir(exist_ok=True)
        (target / "notes").mkdir(exist_ok=True)
    for name in TOOL_FILES:
        shutil.copytree(ROOT / name, target / name, dirs_exist_ok=True)
    return target
