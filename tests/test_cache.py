"""Cache keys and the cached run summary."""

from __future__ import annotations

from generator.cache import RunSummary, digest, text_key
from generator.model import Diagnostic, Level


def test_digest_is_stable_and_sensitive():
    assert digest("a", [1, 2]) == digest("a", [1, 2])
    assert digest("a", [1, 2]) != digest("a", [2, 1])
    assert text_key("T", None) == text_key("T", "") != text_key("T", "x")


def test_run_summary_round_trips_through_json():
    summary = RunSummary(listings=2, entries=5, papers=4, merged=1, skipped=0, notices=3,
                         warnings=[Diagnostic(Level.WARNING, "seeds/a.txt", 7, "no abstract")])
    assert RunSummary.from_json(summary.to_json()) == summary


def test_a_damaged_cache_is_rebuilt_never_trusted(tmp_path):
    import hashlib

    from generator.files import CACHE_DIR, read_cache, write_cache

    write_cache(tmp_path, "related", {"key": "k", "links": [[1], [2], [3], [4]]})
    assert read_cache(tmp_path, "related") == {"key": "k", "links": [[1], [2], [3], [4]]}
    path = tmp_path / CACHE_DIR / "related.json"
    path.write_text(path.read_text().replace(", [4]", "").replace(",[4]", ""))  # cut, key kept
    assert read_cache(tmp_path, "related") is None
    for damaged in ("[" * 100_000 + "]" * 100_000, "[1]", '"x"', "{", ""):
        path.write_text(damaged)
        assert read_cache(tmp_path, "related") is None, damaged[:10]
        # Even with a digest that matches, what is not a mapping of data is not used.
        text = damaged.encode()
        path.write_bytes(hashlib.sha256(text).hexdigest().encode() + b"\n" + text)
        assert read_cache(tmp_path, "related") is None, damaged[:10]


def test_a_damaged_manifest_is_a_message(tmp_path):
    import pytest

    from generator.exceptions import PapershelfError
    from generator.writer import MANIFEST, write_outputs

    (tmp_path / MANIFEST).write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(PapershelfError, match="unreadable manifest of generated files"):
        write_outputs(tmp_path, {"papers.json": "{}"}, {"papers.json"})
