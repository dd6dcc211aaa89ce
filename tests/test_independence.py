"""The suite tests the tool, never the curator's content of the day: the curator adds,
edits and deletes listings, notes, topics and settings, and the tests (and benchmarks)
still pass and measure the same thing."""

from __future__ import annotations

import re

from benchmarks.project import FIXTURE, ROOT, TOOL_FILES

CURATOR_FILES = ("seeds", "notes", "taxonomy.yml", "papershelf.yml", "mkdocs.yml", "docs")
# `ROOT / "seeds"`, `root=ROOT`, `Path("seeds")`: ways to reach the repository's
# own content from a test.
READS_CONTENT = re.compile(
    r'ROOT\s*/\s*"(?:' + "|".join(re.escape(name) for name in CURATOR_FILES) + r')"'
    r"|root\s*=\s*ROOT\b"
    r'|Path\(\s*"(?:' + "|".join(re.escape(name) for name in CURATOR_FILES) + r')')


def test_no_test_or_benchmark_reads_the_curators_content():
    found = []
    for path in sorted([*(ROOT / "tests").glob("*.py"), *(ROOT / "benchmarks").glob("*.py")]):
        if path.name == "test_independence.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if READS_CONTENT.search(line):
                found.append(f"{path.name}:{number}: {line.strip()}")
    assert found == []


def test_tests_take_only_tool_files_from_the_repository():
    assert not any(name.split("/")[0] in ("seeds", "notes") or name.endswith(".yml")
                   or name == "docs" for name in TOOL_FILES)
    for name in CURATOR_FILES:
        assert (FIXTURE / name).exists(), name
