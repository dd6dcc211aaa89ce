"""The benchmark corpus is made of valid listings that read back without loss."""

from __future__ import annotations

import pytest

from benchmarks.corpus import DATA, write_corpus
from generator.build import collect
from generator.config import load_config


@pytest.mark.skipif(not DATA.is_file(), reason="shared paper records not available")
def test_corpus_reads_back_exactly(tmp_path):
    files = write_corpus(4000, tmp_path / "seeds")
    collection = collect(load_config(root=tmp_path))
    assert files == len(list((tmp_path / "seeds").iterdir()))
    assert len(collection.papers) == 4000  # beyond the 3,868 real records: synthesised
    assert collection.entry_count > 4000  # papers listed again on later days
    assert collection.warnings == []
    layouts = {(listing.shape, listing.layout) for listing in collection.listings}
    assert layouts == {("hf-text", "blocks"), ("hf-text", "lines")}
    again = tmp_path / "again"
    write_corpus(4000, again)
    assert all((again / p.name).read_bytes() == p.read_bytes()
               for p in (tmp_path / "seeds").iterdir())
