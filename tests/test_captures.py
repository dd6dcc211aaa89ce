"""Golden tests over real captures saved by other tools (tests/data/captures/, provenance in
its README): every paper read with its exact title and arXiv id, none invented, and no
capture markup left in titles or abstracts.

Each ``<capture>.expected.json`` was written by reading the capture by hand: the shape, and
every paper in page order, counted twice.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from generator.readers import read_listing

CAPTURES = Path(__file__).parent / "data" / "captures"
EXPECTED = sorted(CAPTURES.glob("*.expected.json"))
# What capture tools add and a title or abstract must never keep.
DEBRIS = re.compile(r"\]\(|\]\[\d+\]|^\[|!\[|\\$|<a |</|^\s*https?://\S+$|\[LINK:")


def _read(expected_file: Path):
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    capture = CAPTURES / expected["source"]
    listing, diagnostics = read_listing(capture.read_text(encoding="utf-8"), capture.name,
                                        f"seeds/{capture.name}")
    return expected, capture, listing, diagnostics


@pytest.fixture(params=EXPECTED, ids=lambda path: path.name.removesuffix(".expected.json"))
def case(request):
    return _read(request.param)


def test_there_are_real_captures_of_several_shapes():
    shapes = {json.loads(path.read_text(encoding="utf-8"))["layout"] + " " +
              json.loads(path.read_text(encoding="utf-8"))["shape"] for path in EXPECTED}
    assert len(EXPECTED) >= 8 and len(shapes) >= 5


def test_the_shape_is_recognised(case):
    expected, _, listing, _ = case
    assert (listing.shape, listing.layout) == (expected["shape"], expected["layout"])


def test_every_paper_is_read_with_its_title_and_id_and_none_is_invented(case):
    expected, _, listing, _ = case
    found = [(entry.title, entry.arxiv_id) for entry in listing.entries]
    wanted = [(paper["title"], paper["arxiv_id"]) for paper in expected["papers"]]
    assert found == wanted
    assert len(found) == expected["hand_count"]


def test_no_capture_markup_in_titles_abstracts_or_summaries(case):
    _, _, listing, _ = case
    for entry in listing.entries:
        for text in (entry.title, entry.abstract, entry.summary, entry.organization):
            assert text is None or not DEBRIS.search(text), (entry.line, text)
            assert text is None or text == " ".join(text.split())


def test_abstracts_are_the_page_text_apart_from_whitespace(case):
    """The capture's own text, hard wraps joined: nothing dropped inside, nothing added."""
    _, capture, listing, _ = case
    flat = " ".join(capture.read_text(encoding="utf-8").split())
    for entry in listing.entries:
        for text in (entry.abstract, entry.summary):
            assert text is None or text in flat, (entry.line, text[:80])


def test_no_warnings_on_real_captures(case):
    _, capture, _, diagnostics = case
    warnings = [str(d) for d in diagnostics if d.level.value == "warning"]
    assert warnings == []


def test_a_site_built_from_captures_shows_what_ids_give(tmp_path):
    """The real build, from captures only: arXiv links, author names and the month of
    first submission on the paper page; the shape of every listing in the catalog."""
    import shutil

    from tests.conftest import copy_project, run_papershelf

    project = copy_project(tmp_path / "project")
    for path in [*(project / "seeds").iterdir(), *(project / "notes").iterdir()]:
        path.unlink()
    for name in ("arxiv-new-text-q-fin-tr.md", "hf-obsidian-clipper-daily-2026-04-17.md"):
        shutil.copy(CAPTURES / name, project / "seeds" / name)
    result = run_papershelf(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    catalog = json.loads((project / "site" / "papers.json").read_text(encoding="utf-8"))
    assert len(catalog["papers"]) == 7 + 29
    assert {(item["source"], item["shape"]) for item in catalog["listings"]} == {
        ("arxiv-new-text-q-fin-tr.md", "arxiv-list"),
        ("hf-obsidian-clipper-daily-2026-04-17.md", "hf-page")}
    paper = next(p for p in catalog["papers"] if p["arxiv_id"] == "2512.23515")
    assert paper["date"] == {"value": "2025-12", "kind": "submitted"}
    page = (project / "site" / paper["url"] / "index.html").read_text(encoding="utf-8")
    for text in ("https://arxiv.org/abs/2512.23515", "https://arxiv.org/pdf/2512.23515",
                 "https://huggingface.co/papers/2512.23515", "arXiv:2512.23515",
                 "First submitted to arXiv in Dec 2025", paper["author_names"][0]):
        assert text in page, text
    # What Google Scholar, Zotero and link previews read from the head.
    head = {(name, value) for name, value in re.findall(
        r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', page)}
    title = html.escape(paper["title"], quote=True)
    assert {("citation_title", title), ("citation_arxiv_id", "2512.23515"),
            ("citation_pdf_url", "https://arxiv.org/pdf/2512.23515"),
            ("citation_publication_date", "2025/12"), ("og:title", title),
            ("og:type", "article"), ("twitter:card", "summary")} <= head
    authors = [value for name, value in re.findall(
        r'<meta name="(citation_author)" content="([^"]*)"', page)]
    assert authors == [html.escape(name, quote=True) for name in paper["author_names"]]
