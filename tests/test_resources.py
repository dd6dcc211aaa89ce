"""Inputs built to exhaust time or memory stay within bounds (the numbers:
``python -m benchmarks.hostile_inputs``). Memory is asserted, with room to spare; time is
only printed by the benchmark."""

from __future__ import annotations

import pytest

from benchmarks.hostile_inputs import CASES, measure

# Each case measured 0 to 350 MB; a quadratic step would need gigabytes.
PEAK_MB = 1000
PAPERS = {"wrapped_field": 1, "one_paper_everywhere": 1, "billion_laughs": 1,
          "huge_markdown_capture": 0}


@pytest.mark.parametrize("make", CASES, ids=lambda make: make.__name__)
def test_hostile_input_stays_within_memory(make):
    _, peak, papers = measure(make)
    assert papers == PAPERS[make.__name__]
    assert peak < PEAK_MB
