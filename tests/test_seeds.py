"""Facts about the committed seed listings, counted by hand against the files."""

from __future__ import annotations

from datetime import date

import pytest

from generator.build import collect
from generator.config import load_config

from .conftest import FIXTURE

# Per listing: entries, entries with metadata, layout (counted by reading each file).
EXPECTED = {
    "000_b0c19a2a7d9c138d.txt": (10, 9, "blocks"),
    "001_860ffc6983f950ae.txt": (47, 0, "blocks"),
    "002_8051a9310ce56862.txt": (82, 0, "lines"),
    "003_aebe2225b160241a.txt": (52, 0, "blocks"),
    "004_78338f614dc5c824.txt": (25, 24, "blocks"),
}


@pytest.fixture(scope="module")
def collection():
    return collect(load_config(root=FIXTURE))


def test_every_entry_of_every_listing_is_read(collection):
    found = {listing.source: (len(listing.entries),
                              sum(e.has_metadata for e in listing.entries), listing.layout)
             for listing in collection.listings}
    assert found == EXPECTED
    assert collection.entry_count == 216


def test_duplicates_merge_into_197_papers(collection):
    assert len(collection.papers) == 197
    counts = sorted(len(p.listings) for p in collection.papers if len(p.listings) > 1)
    assert counts == [2] * 8 + [3] * 4 + [4]


def test_no_warnings_on_the_seeds(collection):
    assert collection.warnings == []


def test_years_inferred_from_the_shared_paper(collection):
    assert collection.years["000_b0c19a2a7d9c138d.txt"].year == 2025
    by_title = {p.title: p for p in collection.papers}
    lens = by_title["The Universality Lens: Why Even Highly Over-Parametrized Models Learn Well"]
    assert lens.published == date(2025, 6, 9)
    exact = by_title["Exact Learning of Permutations for Nonzero Binary Inputs with "
                     "Logarithmic Training Size and Quadratic Ensemble Complexity"]
    assert exact.published == date(2025, 2, 23)
    for name in ("001_860ffc6983f950ae.txt", "003_aebe2225b160241a.txt",
                 "004_78338f614dc5c824.txt"):
        assert collection.years[name].year is None


def test_quirky_entries(collection):
    by_title = {p.title: p for p in collection.papers}
    assert by_title["ParallelBench: Understanding the Trade-offs of Parallel Decoding in "
                    "Diffusion LLMs"].organization == "furiosa-ai FuriosaAI"
    assert by_title["Sparsing Law: Towards Large Language Models with Greater Activation "
                    "Sparsity"].comments == 1
    assert "Neural signature kernels as infinite-width-depth-limits of controlled ResNets" \
        in by_title
    assert "Inference Scaling scriptsizeFLaws: The Limits of LLM Resampling with Imperfect " \
           "Verifiers" in by_title


def test_titles_and_abstracts_are_verbatim_from_the_files(collection):
    texts = {path.name: " ".join(path.read_text(encoding="utf-8").split())
             for path in (FIXTURE / "seeds").glob("*.txt")}
    for paper in collection.papers:
        for ref in paper.listings:
            assert paper.title in texts[ref.source]
            assert paper.abstract in texts[ref.source]
