"""Rebuilding the site after a change: what a curator waits for.

    .venv/bin/python -m benchmarks.incremental [N ...]     # default: 1,000 and 20,000

For each N, on the benchmark corpus (``benchmarks.corpus``) in a scratch project, each in
its own process: a cold ``papershelf build``, then ``papershelf build`` again after each
change a curator makes, in turn: one listing of 30 papers added, one note edited, nothing
changed. Printed: wall seconds of each build, the generator's and MkDocs's share of it,
the seconds of MkDocs' share that Pagefind took (when it ran), peak memory, how many files the generator rewrote and how many pages MkDocs rendered
(the ``papershelf`` plugin's count). For comparison, on the same ``docs/``: a plain
``mkdocs build`` (a clean, full build) and Hugo with minimal layouts (when installed).
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from benchmarks.run import hugo_build, make_project, run_sizes, stage_times, timed

NOTE = """---
status: read
rating: {rating}
summary: A note the benchmark edits ({rating}).
---

What the benchmark's curator thinks of this paper, version {rating}.
"""


def build(project: Path) -> dict:
    seconds, peak_mb, output = timed([sys.executable, "-m", "generator", "build", "-v"],
                                     project)
    stages = stage_times(output)
    mkdocs = stages.get("mkdocs build", 0.0)
    written = re.search(r"Files: (\d+) written", output)
    rendered = re.search(r"Papershelf: (?:incremental build: (\d+) of|full build of (\d+))",
                         output)
    pagefind = re.search(r"search index written \(Pagefind, ([\d.]+) s", output)
    return {"seconds": seconds, "generate_s": seconds - mkdocs, "mkdocs_s": mkdocs,
            "stages": stages, "pagefind_s": float(pagefind.group(1)) if pagefind else 0.0,
            "peak_mb": peak_mb, "written": int(written.group(1)) if written else 0,
            "rendered": int(rendered.group(1) or rendered.group(2)) if rendered else None}


def measure(n: int, where: Path) -> dict:
    project = make_project(n, where)
    listings = sorted((project / "seeds").iterdir())
    held = where / f"held-{n}"
    held.mkdir()
    shutil.move(listings[-1], held / listings[-1].name)
    # A note for a paper the held-back listing does not hold, so the edit changes one page.
    notes = project / "notes"
    notes.mkdir(exist_ok=True)
    runs = {"cold": build(project)}
    slug = sorted(p.stem for p in (project / "docs" / "papers").glob("*.md"))[0]
    (notes / f"{slug}.md").write_text(NOTE.format(rating=3), encoding="utf-8")
    build(project)  # the note's first version, not measured
    shutil.move(held / listings[-1].name, project / "seeds" / listings[-1].name)
    runs["add a listing"] = build(project)
    (notes / f"{slug}.md").write_text(NOTE.format(rating=4), encoding="utf-8")
    runs["edit a note"] = build(project)
    runs["no change"] = build(project)
    seconds, peak_mb, _ = timed([sys.executable, "-m", "mkdocs", "build", "--quiet"], project)
    return {"n": n, "runs": runs, "plain_mkdocs_s": seconds, "plain_mkdocs_mb": peak_mb,
            "hugo_s": hugo_build(project)}


def print_table(results: list[dict]) -> None:
    header = f"{'papershelf build':18}" + "".join(f"{'N=' + format(r['n'], ','):>48}"
                                                  for r in results)
    print(header)
    print(f"{'':18}" + f"{'s (generate + mkdocs)':>24}{'Pagefind':>9}{'MB':>6}{'written':>9}"
                       f"{'rendered':>9}" * len(results))
    for name in results[0]["runs"]:
        cells = ""
        for r in results:
            run = r["runs"][name]
            split = f"{run['seconds']:.1f} ({run['generate_s']:.1f} + {run['mkdocs_s']:.1f})"
            rendered = "-" if run["rendered"] is None else format(run["rendered"], ",")
            pagefind = f"{run['pagefind_s']:.1f}" if run.get("pagefind_s") else "-"
            cells += (f"{split:>24}{pagefind:>9}{run['peak_mb']:>6.0f}{run['written']:>9,}"
                      f"{rendered:>9}")
        print(f"{name:18}{cells}")
    for label, key in (("plain mkdocs", "plain_mkdocs_s"), ("Hugo", "hugo_s")):
        cells = "".join(f"{'-' if r[key] is None else format(r[key], '.1f'):>24}{'':33}"
                        for r in results)
        print(f"{label:18}{cells}")


def main(argv: list[str]) -> None:
    run_sizes(argv, [1000, 20000], measure, print_table, "papershelf-incremental-")


if __name__ == "__main__":
    main(sys.argv[1:])
