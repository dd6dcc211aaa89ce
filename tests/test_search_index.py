"""The search index's page selection (generator/search_index.py); the index itself is
tested through the built site (tests/test_browser.py, tests/test_incremental.py)."""

from __future__ import annotations

from generator.search_index import pages_glob


def test_search_reads_paper_pages_and_hand_written_pages_only():
    assert pages_glob(["about/index.html", "guide/x/index.html"]) == \
        "{papers/*/index.html,about/index.html,guide/x/index.html}"


def test_a_page_name_with_glob_syntax_makes_the_glob_every_page():
    assert pages_glob(["odd{1}/index.html"]) == "**/*.html"
    assert pages_glob(["a,b/index.html"]) == "**/*.html"
