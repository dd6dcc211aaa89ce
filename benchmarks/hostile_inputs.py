"""Inputs built to exhaust time or memory, through the real read-and-compute stage.

    .venv/bin/python -m benchmarks.hostile_inputs

Each case is a project made in a temporary folder; the table gives the seconds and the
peak memory (tracemalloc, in a second run: tracing slows the first) of ``collect``, which
reads every input and computes the collection. Every case must stay linear: seconds, not
minutes; megabytes, not gigabytes.
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from generator.build import collect
from generator.config import load_config

HEADER = "new\n\nDaily Papers\n\n"
ABSTRACT = "We study one problem at length, with a method and a result. " * 4


def wrapped_field(root: Path) -> None:
    """One abstract hard-wrapped over 320,000 lines (about 18 MB)."""
    lines = "\n".join(f"word{i} of a very long wrapped abstract line" for i in range(320_000))
    (root / "seeds" / "long.txt").write_text(f"{HEADER}Jan 2\n\nOne Title\n\n{lines}\n",
                                             encoding="utf-8")


def one_paper_everywhere(root: Path) -> None:
    """One paper on 4,000 listings, with the same yearless date on each."""
    for i in range(4000):
        year = ", 2025" if i == 0 else ""
        (root / "seeds" / f"{i:05}.txt").write_text(
            f"{HEADER}Jan {1 + i % 28}\n\nThe Same Paper\n\n{ABSTRACT}\n\n  • 3 authors\n·\n"
            f"Jun 9{year}\n", encoding="utf-8")


def billion_laughs(root: Path) -> None:
    """A 300-byte note whose aliases would expand to a billion strings."""
    (root / "seeds" / "a.txt").write_text(f"{HEADER}A Paper\n\n{ABSTRACT}\n", encoding="utf-8")
    aliases = "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9)
                      + "]\n" for i in range(8))
    (root / "notes" / "a-paper.md").write_text(
        f'---\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n{aliases}---\n',
        encoding="utf-8")


def huge_markdown_capture(root: Path) -> None:
    """A 20 MB Markdown capture of one line of unclosed brackets and emphasis."""
    line = "[**a " * 4_000_000
    (root / "seeds" / "page.md").write_text(
        f"## Daily Papers\n\n{line}\n\n### [P](https://huggingface.co/papers/2401.00001)\n",
        encoding="utf-8")


CASES: list[Callable[[Path], None]] = [wrapped_field, one_paper_everywhere, billion_laughs,
                                       huge_markdown_capture]


def measure(make: Callable[[Path], None]) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "seeds").mkdir()
        (root / "notes").mkdir()
        make(root)
        start = time.perf_counter()
        collection = collect(load_config(root=root))
        seconds = time.perf_counter() - start
        tracemalloc.start()
        collect(load_config(root=root))
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        return seconds, peak, len(collection.papers)


def main() -> None:
    print("| case | papers | s | peak MB |")
    print("| --- | ---: | ---: | ---: |")
    for make in CASES:
        seconds, peak, papers = measure(make)
        print(f"| {make.__name__} | {papers} | {seconds:.1f} | {peak:.0f} |")


if __name__ == "__main__":
    main()
