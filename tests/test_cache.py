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
