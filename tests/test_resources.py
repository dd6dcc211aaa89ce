"""Inputs built to exhaust time or memory stay within bounds, through the real command
(the numbers: ``python -m benchmarks.hostile_inputs``). Memory is asserted, with room to
spare; time is only printed by the benchmark."""

from __future__ import annotations

import pytest

from benchmarks.hostile_inputs import CASES, measure

# Each case measured 66 to 380 MB; a quadratic step would need gigabytes.
PEAK_MB = 1000
REFUSED_FILE = {"billion_laughs_taxonomy": "taxonomy.yml",
                "billion_laughs_config": "papershelf.yml"}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_input_stays_within_memory_and_gives_a_message(case):
    result = measure(case)
    assert "Traceback" not in result.output
    assert result.returncode == (1 if case.refused else 0), result.output
    assert result.papers == case.papers
    assert result.peak_mb < PEAK_MB
    if case.refused:
        assert f"{REFUSED_FILE[case.name]}:" in result.output
        assert len(result.output) < 2000  # the message quotes no expanded value
