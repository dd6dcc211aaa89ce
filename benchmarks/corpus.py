"""Listings in the seed layout, made from real paper records, for scale benchmarks.

    .venv/bin/python -m benchmarks.corpus 5000 /tmp/corpus/seeds

The 3,868 real Hugging Face daily-paper records (``../shared/data/hf_daily_papers.json``:
real titles and abstracts with their mess, empty abstracts and stand-ins included) come
first. Beyond them, papers are synthesised from the real ones: a title mixing the words of
two real titles, an abstract of sentences from several real abstracts. Metadata is
realistic: author counts from the records (or an organisation line), a publication month
from the arXiv identifier, the year printed only when it differs from the listing's, an
occasional comment count. About 6 % of papers appear again in a later listing, and one
listing in twelve uses the blank-line-free layout. Everything is seeded: the same N gives
the same files.
"""

from __future__ import annotations

import json
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "hf_daily_papers.json"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PER_LISTING = 30
HEADER = ["new", "Get trending papers in your email inbox!", "Subscribe", "Daily Papers",
          "byAK and the research community"]


@dataclass
class Record:
    title: str
    abstract: str
    authors: int
    published: date


def load_records(path: Path = DATA) -> list[Record]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    records = []
    rng = random.Random(0)
    for item in sorted(raw, key=lambda r: (r.get("scraped_date") or "", r["paper_url"])):
        details = item.get("details") or {}
        arxiv = re.search(r"(\d{2})(\d{2})\.\d{4,5}", item.get("paper_url", ""))
        year, month = (2000 + int(arxiv[1]), int(arxiv[2])) if arxiv else (2025, 12)
        published = date(year, max(1, min(month, 12)), rng.randint(1, 28))
        records.append(Record(" ".join(item["title"].split()),
                              " ".join((details.get("abstract") or "").split()),
                              len(item.get("authors") or []), published))
    return records


def synthesise(records: list[Record], count: int, rng: random.Random) -> list[Record]:
    made, seen = [], {r.title.casefold() for r in records}
    sentences = [s for r in records for s in re.split(r"(?<=\.)\s+", r.abstract) if len(s) > 40]
    while len(made) < count:
        a, b = rng.sample(records, 2)
        words_a, words_b = a.title.split(), b.title.split()
        cut_a, cut_b = max(1, len(words_a) // 2), max(1, len(words_b) // 2)
        title = " ".join(words_a[:cut_a] + words_b[cut_b:])
        if title.casefold() in seen:
            continue
        seen.add(title.casefold())
        abstract = " ".join(rng.sample(sentences, rng.randint(3, 8)))
        made.append(Record(title, abstract, rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12]),
                           a.published))
    return made


def corpus(n: int, path: Path = DATA) -> list[Record]:
    records = load_records(path)
    rng = random.Random(n)
    return records[:n] if n <= len(records) else records + synthesise(records, n - len(records), rng)


def format_date(day: date, listing_year: int) -> str:
    text = f"{MONTHS[day.month - 1]} {day.day}"
    return text if day.year == listing_year else f"{text}, {day.year}"


def render_listing(papers: list[Record], listed: date, lines_layout: bool,
                   rng: random.Random) -> str:
    if lines_layout:  # no blank lines; the first title glued onto "Subscribe"
        body = "\n".join(f"{p.title}\n{p.abstract or p.title}" for p in papers)
        return "Get trending papers in your email inbox!\nSubscribe" + body + "\n"
    blocks = [*HEADER, format_date(listed, listed.year)]
    for paper in papers:
        blocks += [paper.title, paper.abstract or paper.title]
        if rng.random() < 0.9:
            who = f"  • {paper.authors} authors" if paper.authors else "huggingface Hugging Face"
            when = format_date(paper.published, listed.year)
            if rng.random() < 0.15:
                when += f" {rng.randint(1, 40)}"
            blocks.append(f"{who}\n·\n{when}")
    return "\n\n".join(blocks) + "\n"


def write_corpus(n: int, seeds: Path, path: Path = DATA) -> int:
    """Write listings holding N distinct papers into ``seeds``; returns the file count."""
    seeds.mkdir(parents=True, exist_ok=True)
    papers = corpus(n, path)
    rng = random.Random(1000 + n)
    listed = date(2025, 12, 4)
    files = 0
    for start in range(0, len(papers), PER_LISTING):
        chunk = papers[start:start + PER_LISTING]
        for paper in chunk:  # published no later than first listed, the same everywhere
            paper.published = min(paper.published, listed)
        earlier = papers[:start]
        if earlier:  # cross-listing duplicates: papers shown again on a later day
            chunk = chunk + rng.sample(earlier, min(len(earlier), max(1, len(chunk) // 16)))
        lines_layout = files % 12 == 11
        text = render_listing(chunk, listed, lines_layout, rng)
        (seeds / f"{files:05d}_{listed.isoformat()}.txt").write_text(text, encoding="utf-8")
        files += 1
        listed += timedelta(days=1)
    return files


if __name__ == "__main__":
    count = write_corpus(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"{count} listings written to {sys.argv[2]}")
