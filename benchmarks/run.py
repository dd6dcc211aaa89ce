"""Papershelf at scale, measured: one command, one table.

    .venv/bin/python -m benchmarks.run                 # N = 1,000, 5,000 and 20,000
    .venv/bin/python -m benchmarks.run 1000 5000       # chosen sizes
    .venv/bin/python -m benchmarks.run --json out.json # also save the numbers

For each N it builds a corpus in the seed layout (benchmarks/corpus.py) in a scratch
project, then measures, each in its own process: a cold `papershelf generate` (time per
stage, peak memory), a no-op regenerate (files written, time), `mkdocs build` (time, peak
memory), the site (size, median paper page, search index) and Hugo building the same
Markdown pages (Debian's `hugo`, if installed; layouts in benchmarks/hugo/).
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import write_corpus
from benchmarks.project import copy_project

ROOT = Path(__file__).resolve().parent.parent
HUGO = Path(__file__).resolve().parent / "hugo"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def timed(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall seconds, peak resident MB (the process and its children) and output."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{output[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, output


def make_project(n: int, where: Path) -> Path:
    project = copy_project(where / f"n{n}", content=False)
    write_corpus(n, project / "seeds")
    return project


def stage_times(output: str) -> dict[str, float]:
    line = re.search(r"^Times: (.*)$", output, re.M).group(1)
    return {name.strip(): float(seconds)
            for name, seconds in re.findall(r"([\w ]+?) ([\d.]+) s", line)}


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def hugo_build(project: Path) -> float | None:
    """Seconds for Hugo to build the same pages; None if Hugo is not installed."""
    if shutil.which("hugo") is None:
        return None
    site = project / "hugo"
    shutil.copytree(HUGO, site)
    for page in (project / "docs").rglob("*.md"):
        relative = page.relative_to(project / "docs")
        # Hugo's section pages are _index.md; an index.md would make a leaf bundle.
        if relative.name == "index.md":
            relative = relative.with_name("_index.md")
        target = site / "content" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(page, target)
    seconds, _, _ = timed(["hugo", "--quiet", "--destination", str(project / "hugo-site")],
                          site)
    return seconds


def measure(n: int, where: Path) -> dict:
    project = make_project(n, where)
    python = sys.executable
    cold, generate_mb, output = timed([python, "-m", "generator", "generate", "-v"], project)
    stages = stage_times(output)
    noop, _, again = timed([python, "-m", "generator", "generate", "-v"], project)
    rewritten = int(re.search(r"Files: (\d+) written", again).group(1))
    build, mkdocs_mb, _ = timed([python, "-m", "mkdocs", "build", "--quiet"], project)
    site = project / "site"
    pages = [p.stat().st_size for p in (site / "papers").glob("*/index.html")]
    index = (site / "search" / "search_index.json").stat().st_size
    hugo = hugo_build(project)
    return {
        "n": n, "papers": len(pages), "generate_s": cold, "stages_s": stages,
        "generate_peak_mb": generate_mb, "noop_s": noop, "noop_files_written": rewritten,
        "mkdocs_s": build, "mkdocs_peak_mb": mkdocs_mb, "site_mb": size_of(site) / 2**20,
        "median_page_kb": statistics.median(pages) / 1024,
        "search_index_mb": index / 2**20, "search_kb_per_paper": index / 1024 / len(pages),
        "generate_over_mkdocs": cold / build, "hugo_s": hugo,
        "mkdocs_over_hugo": build / hugo if hugo else None,
    }


def print_table(results: list[dict]) -> None:
    rows = [
        ("papers", "{papers:,}"), ("generate, cold (s)", "{generate_s:.1f}"),
        ("  read", "{stages_s[read]:.2f}"), ("  merge", "{stages_s[merge]:.2f}"),
        ("  topics", "{stages_s[topics]:.2f}"), ("  notes", "{stages_s[notes]:.2f}"),
        ("  related", "{stages_s[related]:.2f}"), ("  render", "{stages_s[render]:.2f}"),
        ("  write", "{stages_s[write]:.2f}"), ("generate peak memory (MB)", "{generate_peak_mb:.0f}"),
        ("no-op regenerate (s)", "{noop_s:.2f}"), ("  files written", "{noop_files_written}"),
        ("  share of cold generate", "{noop_share:.0%}"),
        ("mkdocs build (s)", "{mkdocs_s:.1f}"), ("mkdocs peak memory (MB)", "{mkdocs_peak_mb:.0f}"),
        ("generate / mkdocs", "{generate_over_mkdocs:.1%}"), ("site size (MB)", "{site_mb:.0f}"),
        ("median paper page (KB)", "{median_page_kb:.1f}"),
        ("search index (MB)", "{search_index_mb:.1f}"),
        ("search index per paper (KB)", "{search_kb_per_paper:.2f}"),
        ("hugo build (s)", "{hugo}"), ("mkdocs / hugo", "{ratio}"),
    ]
    print(f"{'':28}" + "".join(f"{'N=' + format(r['n'], ','):>12}" for r in results))
    for label, pattern in rows:
        cells = []
        for r in results:
            values = {**r, "noop_share": r["noop_s"] / r["generate_s"],
                      "hugo": f"{r['hugo_s']:.1f}" if r["hugo_s"] else "n/a",
                      "ratio": f"{r['mkdocs_over_hugo']:.1f}x" if r["hugo_s"] else "n/a"}
            cells.append(pattern.format(**values))
        print(f"{label:28}" + "".join(f"{cell:>12}" for cell in cells))
    if len(results) >= 2:
        first, last = results[0], results[-1]
        ratio = math.log(last["n"] / first["n"])
        for key, label in (("generate_s", "generate"), ("mkdocs_s", "mkdocs build")):
            exponent = math.log(last[key] / first[key]) / ratio
            print(f"{label} time grows as N^{exponent:.2f} between N={first['n']:,} and "
                  f"N={last['n']:,}")
        total = [(r["generate_s"] + r["mkdocs_s"]) for r in (first, last)]
        print(f"total build time grows as N^{math.log(total[1] / total[0]) / ratio:.2f}")


def run_sizes(argv: list[str], defaults: list[int], measure_one, print_results,
              prefix: str) -> None:
    """The command line every scale benchmark shares: sizes (else ``defaults``) and
    ``--json FILE``; each size measured in a scratch folder, then one table."""
    save = None
    if "--json" in argv:
        save = Path(argv[argv.index("--json") + 1])
        argv = [a for a in argv if a not in ("--json", str(save))]
    sizes = [int(a) for a in argv] or defaults
    with tempfile.TemporaryDirectory(prefix=prefix) as scratch:
        results = []
        for n in sizes:
            print(f"N={n:,} ...", file=sys.stderr, flush=True)
            results.append(measure_one(n, Path(scratch)))
    print_results(results)
    if save:
        save.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str]) -> None:
    run_sizes(argv, [1000, 5000, 20000], measure, print_table, "papershelf-bench-")


if __name__ == "__main__":
    main(sys.argv[1:])
