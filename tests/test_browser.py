"""The built site in headless Chromium: search, navigation, the chart, a sub-path."""

from __future__ import annotations

import json
import os

import pytest

from tests.browser import copy_bibtex, serve


@pytest.fixture(scope="module")
def served(built_site, tmp_path_factory):
    """The site at the root and under /repo/, as a GitHub project site is served."""
    parent = tmp_path_factory.mktemp("served")
    os.symlink(built_site / "site", parent / "repo")
    with serve(built_site / "site") as root, serve(parent) as sub:
        yield {"root": root, "sub": sub + "repo/"}


@pytest.fixture(scope="module")
def catalog(built_site):
    return json.loads((built_site / "site" / "papers.json").read_text(encoding="utf-8"))["papers"]


# Material asks the GitHub API for the repository's stars and forks (repo_url); offline,
# that request fails. It is the only request allowed to leave the machine.
EXTERNAL_ALLOWED = ("https://api.github.com/repos/",)


def open_page(browser, url, width=1280, height=900):
    page = browser.new_page(viewport={"width": width, "height": height})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("requestfailed", lambda request: request.url.startswith(EXTERNAL_ALLOWED)
            or errors.append(f"{request.url}: {request.failure}"))
    page.on("response", lambda response: response.status >= 400
            and errors.append(f"{response.url}: HTTP {response.status}"))
    page.goto(url)
    return page, errors


def search(page, query: str) -> str:
    if not page.locator("input.md-search__input").is_visible():
        page.locator("label.md-header__button[for='__search']").click()
    meta = page.locator(".md-search-result__meta")
    # The index loads in a web worker; typing before it is ready can be lost.
    meta.filter(has_text="Type to start searching").wait_for(timeout=30000)
    page.locator("input.md-search__input").press_sequentially(query, delay=20)
    meta.filter(has_text="matching").wait_for(timeout=30000)
    return meta.inner_text()


@pytest.mark.parametrize("where", ["root", "sub"])
def test_search_by_title_words_finds_the_paper(browser, served, catalog, where):
    paper = next(p for p in catalog if p["title"].startswith("The Monge Gap"))
    page, errors = open_page(browser, served[where])
    meta = search(page, "Monge gap regularizer")
    assert "matching document" in meta and not meta.startswith("No")
    first = page.locator(".md-search-result__item").first
    assert "The Monge Gap" in first.inner_text()
    first.locator("a").first.click()
    page.wait_for_url(lambda url: paper["url"] in url)
    assert page.locator("h1.ps-paper__title").inner_text() == paper["title"]
    assert errors == []
    page.close()


def test_search_fetches_index_chunks_for_the_query_not_the_collection(browser, served,
                                                                     built_site):
    """Results come from Pagefind: the page fetches its runtime and the chunks of the words
    typed, never a whole index (Material's search_index.json holds its settings only)."""
    index = json.loads((built_site / "site" / "search" / "search_index.json").read_text())
    assert index["docs"] == [] and index["config"]["separator"]
    page, errors = open_page(browser, served["sub"])
    fetched = []
    page.on("response", lambda response: fetched.append(response.url))
    search(page, "Sinkhorn")
    bundle = [url for url in fetched if "/repo/pagefind/" in url]
    assert any(url.endswith("pagefind.js") for url in bundle)
    assert any("/pagefind/index/" in url for url in bundle)
    assert any("/pagefind/fragment/" in url for url in bundle)
    chunks = sorted((built_site / "site" / "pagefind" / "index").iterdir())
    assert len([url for url in bundle if "/pagefind/index/" in url]) < len(chunks)
    assert errors == []
    page.close()


def test_mobile_search_and_navigation(browser, served, catalog):
    page, errors = open_page(browser, served["sub"], width=420, height=800)
    meta = search(page, "Sinkhorn")
    assert "matching document" in meta
    page.keyboard.press("Escape")
    page.locator("label.md-header__button[for='__drawer']").click()
    page.locator("nav.md-nav--primary a.md-nav__link[href$='topics/']").first.click()
    page.wait_for_url(lambda url: url.endswith("/repo/topics/"))
    assert page.locator("article h1").first.inner_text().startswith("Topics")
    assert errors == []
    page.close()


def test_home_shows_counts_newest_papers_and_the_chart(browser, served, catalog):
    page, errors = open_page(browser, served["root"])
    assert f"{len(catalog)} papers" in page.locator("article").inner_text()
    bars = page.locator(".ps-chart__bar")
    years = {p["published"][:4] for p in catalog if p["published"]}
    assert bars.count() == len(years)
    page.locator("article dl dt a").first.click()
    page.locator("h1.ps-paper__title").wait_for(timeout=15000)
    assert page.locator("h1.ps-paper__title").count() == 1
    assert errors == []
    page.close()


def test_related_link_leads_to_the_related_paper(browser, served, catalog):
    paper = next(p for p in catalog if p["related"])
    target = next(p for p in catalog if p["slug"] == paper["related"][0]["slug"])
    page, _ = open_page(browser, served["sub"] + paper["url"])
    page.locator(".ps-related a").first.click()
    page.wait_for_url(lambda url: target["url"] in url)
    assert page.locator("h1.ps-paper__title").inner_text() == target["title"]
    page.close()


def test_note_math_is_rendered_by_the_bundled_katex(browser, served, catalog):
    paper = next(p for p in catalog if p["note"] and p["note"]["status"] == "read")
    page, errors = open_page(browser, served["sub"] + paper["url"])
    page.locator(".arithmatex .katex").first.wait_for(timeout=10000)
    assert page.locator(".arithmatex .katex").count() == page.locator(".arithmatex").count()
    # The abstract's own dollar signs and backslashes are never typeset.
    assert page.locator(".ps-abstract .katex").count() == 0
    assert errors == []
    page.close()


def test_hostile_pages_raise_no_dialog_and_search_stays_text(browser, hostile_site,
                                                             hostile_catalog):
    dialogs = []
    with serve(hostile_site / "site") as base:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        urls = [p["url"] for p in hostile_catalog["papers"]] + [
            "", "topics/", "topics/uncategorised/", "dates/", "dates/2024/", "dates/listed/",
            "listings/hostile/", "status/read/", "tags/"]
        for url in urls:
            page.goto(base + url)
            page.wait_for_load_state("load")
        # The note there sets ids, classes and attributes of the theme's own elements;
        # the theme still finds its configuration and its search still works.
        noted = next(p["url"] for p in hostile_catalog["papers"] if p["note"])
        page.goto(base + noted)
        assert page.evaluate("document.getElementById('__config').tagName") == "SCRIPT"
        meta = search(page, "alert")
        assert "matching document" in meta and not meta.startswith("No")
        results = page.locator(".md-search-result__item")
        assert results.count() > 0
        page.mouse.move(10, 10)
        page.wait_for_timeout(500)
        assert "<script>alert('title')</script>" in page.locator(".md-search-result").inner_text()
        page.close()
        # A formula that breaks KaTeX leaves the others typeset, with no script error.
        page, errors = open_page(browser, base + noted)
        page.locator(".arithmatex .katex").first.wait_for(timeout=10000)
        assert page.locator(".arithmatex .katex").count() == 1
        assert page.locator(".arithmatex.ps-math-error").count() == 1
        # The only failed requests: the note's own image (an https address that does not
        # resolve) and the inert <img src="x"> its broken fences leave.
        assert [e for e in errors if not e.endswith(("/x: HTTP 404", "ERR_NAME_NOT_RESOLVED"))
                ] == []
        page.close()
    assert dialogs == []


def test_the_cite_block_copies_the_bibtex_entry(browser, served, catalog, built_site):
    paper = next(p for p in catalog if p["title"].startswith("The Monge Gap"))
    page, errors = open_page(browser, served["root"] + paper["url"])
    copied = copy_bibtex(page, served["root"])
    entry = (built_site / "site" / "papers" / f"{paper['slug']}.bib").read_text()
    assert copied.strip() == entry.strip() and copied.startswith("@misc{")
    assert errors == []
    page.close()


def test_a_paper_page_keeps_a_readable_measure_on_a_wide_screen(browser, served, catalog):
    paper = max(catalog, key=lambda p: len(p["abstract"] or ""))
    page, errors = open_page(browser, served["root"] + paper["url"], width=1280)
    per_line = page.evaluate("""() => {
        const abstract = document.querySelector('.ps-abstract');
        const range = document.createRange();
        range.selectNodeContents(abstract);
        const lines = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
        return abstract.textContent.length / lines.size;
    }""")
    assert 50 <= per_line <= 90, per_line
    assert errors == []
    page.close()


def test_a_search_result_on_a_phone_is_compact(browser, served):
    page, errors = open_page(browser, served["root"], width=420)
    search(page, "transport maps")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10000)
    heights = page.evaluate("Array.from(document.querySelectorAll("
                            "'.md-search-result__item'), e => e.getBoundingClientRect().height)")
    assert heights and max(heights[:5]) < 200, heights[:5]
    assert errors == []
    page.close()
