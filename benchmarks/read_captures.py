"""How fast each shape of capture is read, on captures of about 50 MB.

    .venv/bin/python -m benchmarks.read_captures [MB]

A large capture is made by repeating a real one (the seeds and ``tests/data/captures/``),
so every line is the text a tool really wrote. Reading must stay linear: the table shows
the megabytes read per second for each shape, and the time per megabyte at a tenth of the
size, which would be far smaller than at full size if reading were quadratic.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

from generator.readers import read_listing

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [
    ROOT / "tests" / "data" / "captures" / "hf-obsidian-clipper-daily-2026-04-17.md",
    ROOT / "tests" / "data" / "captures" / "hf-html2text-reflinks-search-long-context-asr.md",
    ROOT / "tests" / "data" / "captures" / "export-urls-hf-search-intercode-bash.md",
    ROOT / "tests" / "data" / "captures" / "hf-html-extract-trending-2026-10.md",
    ROOT / "tests" / "data" / "captures" / "arxiv-new-text-q-fin-cp.md",
    ROOT / "tests" / "data" / "captures" / "htmltext-arxiv-list-cs-ai-recent.md",
    ROOT / "tests" / "data" / "project" / "seeds" / "000_b0c19a2a7d9c138d.txt",
    ROOT / "tests" / "data" / "project" / "seeds" / "002_8051a9310ce56862.txt",
]


def measure(text: str) -> tuple[float, int, str]:
    start = time.perf_counter()
    listing, _ = read_listing(text, "bench", "bench")
    return time.perf_counter() - start, len(listing.entries), listing.shape


def main(megabytes: float = 50.0) -> None:
    print(f"| capture | shape | MB | entries | s | MB/s | s/MB at {megabytes / 10:g} MB "
          f"| peak MB at {megabytes / 10:g} MB |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for sample in SAMPLES:
        if not sample.is_file():
            continue
        text = sample.read_text(encoding="utf-8")
        small = text * max(1, int(megabytes * 1e5 / len(text)))
        large = text * max(1, int(megabytes * 1e6 / len(text)))
        small_seconds = measure(small)[0]
        seconds, entries, shape = measure(large)
        tracemalloc.start()  # slows reading down: memory is measured on the small size
        measure(small)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        size = len(large.encode("utf-8")) / 1e6
        print(f"| {sample.name[:40]} | {shape} | {size:.0f} | {entries} | {seconds:.1f} "
              f"| {size / seconds:.1f} | {small_seconds / (size / 10):.3f} | {peak:.0f} |")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 50.0)
