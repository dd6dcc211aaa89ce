"""Inputs built to exhaust time or memory, through the real command.

    .venv/bin/python -m benchmarks.hostile_inputs

Each case is a project made in a temporary folder (the tool's mkdocs.yml, overrides/ and
hand-written docs, plus the case's own seeds, notes, taxonomy or configuration). The
table gives the seconds and the peak resident memory of ``papershelf generate`` (read,
compute, write the docs) or, for cases about what MkDocs is given, ``papershelf build``
(the same, then MkDocs), child processes included. Every case must stay linear: seconds,
not minutes; megabytes, not gigabytes. The target is under 10 s and 500 MB each.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.project import copy_project

HEADER = "new\n\nDaily Papers\n\n"
ABSTRACT = "We study one problem at length, with a method and a result. " * 4
ONE_PAPER = f"{HEADER}A Paper\n\n{ABSTRACT}\n"


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


def one_title_many_papers(root: Path) -> None:
    """3,000 different papers (abstracts of unrelated words) under one title."""
    import random

    rng = random.Random(11)
    words = [f"w{i}" for i in range(5000)]
    entries = [f"Same Title For Every Entry\n\n{' '.join(rng.sample(words, 60))}.\n\n"
               f"  • 2 authors\n·\nJun 9, 2024\n" for _ in range(3000)]
    (root / "seeds" / "same.txt").write_text(HEADER + "Jan 2\n\n" + "\n".join(entries),
                                             encoding="utf-8")


def _laughs(first_key: str = "a") -> str:
    """YAML of about 300 bytes whose aliases would expand to a billion strings."""
    aliases = "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9)
                      + "]\n" for i in range(8))
    return f'{first_key}: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n{aliases}'


def billion_laughs_note(root: Path) -> None:
    (root / "seeds" / "a.txt").write_text(ONE_PAPER, encoding="utf-8")
    (root / "notes" / "a-paper.md").write_text(f"---\n{_laughs()}---\n", encoding="utf-8")


def billion_laughs_taxonomy(root: Path) -> None:
    (root / "seeds" / "a.txt").write_text(ONE_PAPER, encoding="utf-8")
    (root / "taxonomy.yml").write_text(_laughs("topics"), encoding="utf-8")


def billion_laughs_config(root: Path) -> None:
    (root / "seeds" / "a.txt").write_text(ONE_PAPER, encoding="utf-8")
    (root / "papershelf.yml").write_text(_laughs("related_count"), encoding="utf-8")


def deep_yaml_note(root: Path) -> None:
    """A note whose front matter nests 100,000 lists deep."""
    (root / "seeds" / "a.txt").write_text(ONE_PAPER, encoding="utf-8")
    (root / "notes" / "a-paper.md").write_text(
        "---\ntags: " + "[" * 100_000 + "]" * 100_000 + "\n---\n", encoding="utf-8")


def huge_markdown_capture(root: Path) -> None:
    """A 20 MB Markdown capture of one line of unclosed brackets and emphasis."""
    line = "[**a " * 4_000_000
    (root / "seeds" / "page.md").write_text(
        f"## Daily Papers\n\n{line}\n\n### [P](https://huggingface.co/papers/2401.00001)\n",
        encoding="utf-8")


def starred_abstract(root: Path) -> None:
    """An abstract of 200,000 '*': every one is special to Markdown."""
    (root / "seeds" / "a.txt").write_text(f"{HEADER}A Paper\n\n{'*' * 200_000}\n",
                                          encoding="utf-8")


def tex_abstract(root: Path) -> None:
    """An abstract of 20,000 formulas, 40,000 TeX accents and 40,000 dollar signs that are
    not math (760 KB): the display marks each, in linear time."""
    unit = '$x_1$ Schr\\"odinger {\\\'e} $5 and $ '
    (root / "seeds" / "a.txt").write_text(f"{HEADER}A Paper\n\n{unit * 20_000}\n",
                                          encoding="utf-8")


@dataclass(frozen=True)
class Case:
    make: Callable[[Path], None]
    command: str  # "generate", or "build" when what MkDocs is given matters
    papers: int  # papers a run finds (0 when the input is refused with a message)
    refused: bool = False  # the run stops with a message naming the file

    @property
    def name(self) -> str:
        return self.make.__name__


CASES = [
    Case(wrapped_field, "generate", 1),
    Case(one_paper_everywhere, "generate", 1),
    Case(one_title_many_papers, "generate", 3000),
    Case(billion_laughs_note, "generate", 1),
    Case(billion_laughs_taxonomy, "generate", 0, refused=True),
    Case(billion_laughs_config, "generate", 0, refused=True),
    Case(deep_yaml_note, "generate", 1),
    Case(huge_markdown_capture, "generate", 0),
    Case(starred_abstract, "build", 1),
    Case(tex_abstract, "build", 1),
]


@dataclass(frozen=True)
class Measure:
    seconds: float
    peak_mb: float
    returncode: int
    output: str
    papers: int


def project(folder: Path) -> Path:
    """The test project's skeleton: no listing, no note, no taxonomy, default settings."""
    root = copy_project(folder / "project", content=False)
    (root / "taxonomy.yml").unlink()
    (root / "papershelf.yml").unlink()
    return root


def measure(case: Case) -> Measure:
    with tempfile.TemporaryDirectory() as folder:
        root = project(Path(folder))
        case.make(root)
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "generator", case.command],
                                   cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        output = process.stdout.read()
        # wait4's usage covers the child and every descendant it waited for (MkDocs).
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        catalog = root / "docs" / "papers.json"
        papers = len(json.loads(catalog.read_text(encoding="utf-8"))["papers"]) \
            if catalog.is_file() else 0
        return Measure(seconds, usage.ru_maxrss / 1024, process.returncode,
                       output.decode("utf-8", "replace"), papers)


def main() -> None:
    print("| case | command | papers | exit | s | peak MB |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for case in CASES:
        result = measure(case)
        print(f"| {case.name} | {case.command} | {result.papers} | {result.returncode} | "
              f"{result.seconds:.1f} | {result.peak_mb:.0f} |", flush=True)


if __name__ == "__main__":
    main()
