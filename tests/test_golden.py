"""Golden end-to-end output: every generated file from the test project, byte for byte.

Regenerate after an intended change with ``PAPERSHELF_REGEN_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.build import collect
from generator.render import render_outputs
from generator.config import load_config

from .conftest import FIXTURE

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("PAPERSHELF_REGEN_GOLDEN") == "1"


def test_outputs_match_golden_files():
    outputs = render_outputs(collect(load_config(root=FIXTURE)))
    if REGENERATE:
        for stale in [p for p in GOLDEN.rglob("*") if p.is_file()
                      and str(p.relative_to(GOLDEN)) not in outputs]:
            stale.unlink()
        for relative, text in outputs.items():
            (GOLDEN / relative).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / relative).write_text(text, encoding="utf-8", newline="\n")
    expected = {str(p.relative_to(GOLDEN)) for p in GOLDEN.rglob("*") if p.is_file()}
    assert set(outputs) == expected, "generated file set changed; regenerate the golden files"
    for relative, text in sorted(outputs.items()):
        golden = (GOLDEN / relative).read_text(encoding="utf-8")
        assert text == golden, f"{relative} differs from tests/golden/{relative}"
