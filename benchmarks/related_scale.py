"""The related-papers step at scale: cold, with 50 papers added, and unchanged.

    .venv/bin/python -m benchmarks.related_scale [N]

On the benchmark corpus of N papers (default 20,000; ``benchmarks.corpus``), it times
``generator.compute``'s related step as a run does it: embeddings (from the cache when
it has them), TF-IDF, candidates and the mixed top-k, reasons. Each measurement runs in a
fresh process, so peak memory is the step's plus the papers'. Printed: seconds of the
step, peak resident MB, and how many papers were embedded.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import dataclasses, json, resource, sys, time
from pathlib import Path
from generator.build import collect
from generator.cache import text_key
from generator.config import load_config
from generator.embeddings import cached_embed
from generator.related import paper_text, related_papers

root, drop, cache_file = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
config = load_config(root=root)
# The papers without their related papers (related_count 0 skips the step).
papers = collect(dataclasses.replace(config, related_count=0)).papers
papers = papers[:len(papers) - drop] if drop else papers
cache = json.loads(cache_file.read_text()) if cache_file.is_file() else {}
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
vectors, kept, embedded = cached_embed([text_key(p.title, p.abstract) for p in papers],
                                       [paper_text(p.title, p.abstract, 1) for p in papers], cache)
related_papers([p.title for p in papers], [p.abstract for p in papers],
               k=config.related_count, min_score=config.related_min_score, vectors=vectors)
seconds = time.perf_counter() - start
cache_file.write_text(json.dumps(kept))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"papers": len(papers), "seconds": seconds, "embedded": embedded,
                  "peak_mb": peak / 1024, "before_mb": before / 1024}))
"""


def measure(root: Path, drop: int, cache: Path) -> dict:
    output = subprocess.run([sys.executable, "-c", CHILD, str(root), str(drop), str(cache)],
                            capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(argv: list[str]) -> None:
    from benchmarks.run import make_project

    n = int(argv[0]) if argv else 20_000
    with tempfile.TemporaryDirectory() as folder:
        root = make_project(n, Path(folder))
        cache = Path(folder) / "embeddings.json"
        runs = [("cold (no embeddings cached)", measure(root, 50, cache)),
                ("50 papers added", measure(root, 0, cache)),
                ("unchanged texts (embeddings cached)", measure(root, 0, cache))]
    print(f"{'related step, N=' + format(n, ','):40} {'papers':>7} {'s':>6} {'embedded':>9} "
          f"{'peak MB':>8} {'of which papers':>15}")
    for name, r in runs:
        print(f"{name:40} {r['papers']:7,} {r['seconds']:6.2f} {r['embedded']:9,} "
              f"{r['peak_mb']:8.0f} {r['before_mb']:15.0f}")


if __name__ == "__main__":
    main(sys.argv[1:])
