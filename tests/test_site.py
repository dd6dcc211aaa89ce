"""The real site, built by MkDocs from a copy of the project."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from .conftest import ROOT


def test_build_publishes_the_catalog(tmp_path):
    for name in ("seeds", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("papers.json", ".papershelf-*"))
    for name in ("mkdocs.yml", "papershelf.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--strict"],
                            cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Read 5 listings: 216 entries -> 197 papers" in result.stdout
    published = json.loads((tmp_path / "site" / "papers.json").read_text(encoding="utf-8"))
    assert len(published["papers"]) == 197
    assert (tmp_path / "site" / "papers.json").read_bytes() == \
        (tmp_path / "docs" / "papers.json").read_bytes()
    assert "<title>Papershelf</title>" in (tmp_path / "site" / "index.html").read_text()
