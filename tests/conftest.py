from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.reader import read_listing

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

HEADER = "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\n" \
         "byAK and the research community\n\n"

LONG = ("We study a problem at length and explain every step of the method in detail, "
        "so that this paragraph is unmistakably an abstract rather than a title. ") * 4


def parse(text: str, source: str = "l.txt"):
    """Parse dedented listing text; returns (listing, diagnostics)."""
    return read_listing(textwrap.dedent(text).lstrip("\n"), source, f"seeds/{source}")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project folder with a seeds/ and docs/ folder and a minimal mkdocs.yml."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\ntheme:\n  name: material\n  font: false\nnav:\n  - index.md\n",
        encoding="utf-8")
    return tmp_path
