"""The related-papers step at scale: cold, with 50 papers added, and unchanged.

    .venv/bin/python -m benchmarks.related_scale [N]

On the benchmark corpus of N papers (default 20,000; ``benchmarks.corpus``), each
measurement is a fresh process that reads the project and computes it as ``papershelf
generate`` does, caches included (``.papershelf/embeddings.json`` and ``related.json``),
and saves the caches. Printed: the seconds of the related stage (embeddings, TF-IDF,
candidates and the mixed top-k, reasons), how many papers it embedded, the process's peak
memory and its memory before the stage (the papers and everything read).

Then the shortcuts the step takes at scale (fewer candidates, common terms left out of the
candidate search) are checked against 40 candidates over all terms: the share of papers
whose related papers are the same, and the share of links kept.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, resource, sys
from pathlib import Path
import generator.compute as compute
from generator.build import collect
from generator.config import load_config
from generator.stages import Stages

memory = {}


class Marked(Stages):
    def stage(self, name):
        if name == "related":
            memory["before"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return super().stage(name)


embedded = []
original = compute.cached_embed
compute.cached_embed = lambda *a: (lambda r: embedded.append(r[2]) or r)(original(*a))
stages = Marked()
papers = collect(load_config(root=Path(sys.argv[1])), stages, save_caches=True).papers
print(json.dumps({"papers": len(papers), "seconds": stages.seconds["related"],
                  "embedded": sum(embedded), "before_mb": memory["before"] / 1024,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

AGREEMENT = r"""
import json, sys
from pathlib import Path
import generator.related as related
from generator.build import collect
from generator.config import load_config

config = load_config(root=Path(sys.argv[1]))
lists = []
for candidates, split_rows in ((related.CANDIDATES, related.SPLIT_ROWS), (40, 10 ** 12)):
    related.CANDIDATES, related.SPLIT_ROWS = candidates, split_rows
    # The cached links do not know of these settings; the embeddings are still used.
    (config.root / ".papershelf" / "related.json").unlink(missing_ok=True)
    papers = collect(config).papers
    lists.append([[link.slug for link in paper.related] for paper in papers])
same = sum(a == b for a, b in zip(*lists))
kept = sum(len(set(a) & set(b)) for a, b in zip(*lists))
print(json.dumps({"papers": same / len(lists[0]), "links": kept / max(1, sum(map(len, lists[1])))}))
"""


def run(code: str, root: Path) -> dict:
    output = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True,
                            text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(argv: list[str]) -> None:
    from benchmarks.run import make_project

    n = int(argv[0]) if argv else 20_000
    with tempfile.TemporaryDirectory() as folder:
        root = make_project(n, Path(folder))
        listings = sorted((root / "seeds").iterdir())
        # The last listings, held back for the cold run and added for the second.
        held = Path(folder) / "held"
        held.mkdir()
        for path in listings[-2:]:
            shutil.move(path, held / path.name)
        runs = [("cold (nothing cached)", run(CHILD, root))]
        for path in held.iterdir():
            shutil.move(path, root / "seeds" / path.name)
        runs += [("two listings added (embeddings cached)", run(CHILD, root)),
                 ("unchanged (everything cached)", run(CHILD, root))]
        agreement = run(AGREEMENT, root)
    print(f"{'related stage, N=' + format(n, ','):40} {'papers':>7} {'s':>6} {'embedded':>9} "
          f"{'peak MB':>8} {'MB before':>10}")
    for name, r in runs:
        print(f"{name:40} {r['papers']:7,} {r['seconds']:6.2f} {r['embedded']:9,} "
              f"{r['peak_mb']:8.0f} {r['before_mb']:10.0f}")
    print(f"\nAgainst 40 candidates over all terms: the same related papers for "
          f"{agreement['papers']:.2%} of papers, {agreement['links']:.2%} of links kept.")


if __name__ == "__main__":
    main(sys.argv[1:])
