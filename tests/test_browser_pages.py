"""What a reader sees on the pages of a curated list with arXiv ids, in headless Chromium:
the paper page's head, citing, math, position; curation and filters on index pages; the
home page's queue and chart (tests/data/shelf)."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.browser import copy_bibtex, serve
from tests.test_browser import open_page, search

FILTERING = "2609.07207"  # read, rated, a summary with math; its abstract has $t$ and $O(1)$
NYSTROM = "2609.08106"  # to read, high priority
SHORT_SELLING = "2609.08881"  # being read; the note adds authors, a DOI, code, a project


@pytest.fixture(scope="module")
def shelf(shelf_site):
    with serve(shelf_site / "site") as base:
        catalog = json.loads((shelf_site / "site" / "papers.json").read_text(encoding="utf-8"))
        yield base, {p["arxiv_id"]: p for p in catalog["papers"] if p["arxiv_id"]}, catalog


def test_the_head_of_a_paper_page_says_who_when_and_where_to_read_it(browser, shelf):
    base, by_id, _ = shelf
    paper = by_id[SHORT_SELLING]
    page, errors = open_page(browser, base + paper["url"])
    meta = page.locator(".ps-meta").inner_text()
    assert meta.startswith("Ada Lovelace, Alan Turing · First submitted to arXiv in Sep 2026")
    assert f"arXiv:{SHORT_SELLING}" in meta
    links = {a.inner_text(): a.get_attribute("href")
             for a in page.locator(".ps-links a").all()}
    assert links["arXiv"] == f"https://arxiv.org/abs/{SHORT_SELLING}"
    assert links["PDF"] == f"https://arxiv.org/pdf/{SHORT_SELLING}"
    assert links["Hugging Face"] == f"https://huggingface.co/papers/{SHORT_SELLING}"
    assert links["Code"] == "https://github.com/example/short-selling"
    assert links["Project page"] == "https://example.org/short-selling"
    assert links["DOI"] == "https://doi.org/10.1000/xyz123"
    # The only search left with an id is Google Scholar, labelled as one.
    assert "Search: Google Scholar" in page.locator(".ps-links").inner_text()
    assert links["Google Scholar"].startswith("https://scholar.google.com/scholar?q=")
    # Above the abstract, in that order: facts, links, the curator's verdict.
    tops = [page.locator(selector).bounding_box()["y"]
            for selector in (".ps-meta", ".ps-links", ".ps-note-meta", ".ps-abstract")]
    assert tops == sorted(tops)
    assert "Reading" in page.locator(".ps-note-meta").inner_text()
    head = {(tag.get_attribute("name") or tag.get_attribute("property")):
            tag.get_attribute("content") for tag in page.locator("head meta[content]").all()}
    assert head["citation_title"] == head["og:title"] == paper["title"]
    assert head["citation_arxiv_id"] == SHORT_SELLING and head["citation_doi"] == "10.1000/xyz123"
    authors = [tag.get_attribute("content")
               for tag in page.locator("head meta[name=citation_author]").all()]
    assert authors == ["Ada Lovelace", "Alan Turing"]
    assert errors == []
    page.close()


def test_math_in_an_abstract_and_a_summary_is_typeset(browser, shelf):
    base, by_id, _ = shelf
    page, errors = open_page(browser, base + by_id[FILTERING]["url"])
    page.locator(".ps-abstract .katex").first.wait_for(timeout=10000)
    formulas = page.locator(".ps-abstract .ps-math")
    assert formulas.count() >= 2
    assert page.locator(".ps-abstract .ps-math .katex").count() == formulas.count()
    assert page.locator(".ps-summary .katex").count() == 1
    assert page.locator(".ps-rating").get_attribute("aria-label") == "Rated 5 out of 5"
    assert errors == []
    page.close()


def test_the_bibtex_entry_follows_arxivs_form_and_copies(browser, shelf):
    base, by_id, _ = shelf
    paper = by_id[FILTERING]
    page, errors = open_page(browser, base + paper["url"])
    copied = copy_bibtex(page, base)
    for field in (f"eprint = {{{FILTERING}}}", "archiveprefix = {arXiv}",
                  "primaryclass = {", "year = {2026}", "author = {Simon"):
        assert field.lower() in copied.lower(), field
    assert errors == []
    page.close()


def test_position_breadcrumbs_tab_table_of_contents_and_next_paper(browser, shelf):
    base, by_id, _ = shelf
    paper = by_id[FILTERING]
    page, errors = open_page(browser, base + paper["url"])
    crumbs = page.locator(".ps-path a").all_inner_texts()
    assert crumbs == ["Home", "Topics", paper["topics"][0]]
    assert page.locator(".md-tabs__item--active").inner_text().strip() == "Topics"
    toc = page.locator(".md-sidebar--secondary .md-nav__link").all_inner_texts()
    assert [t.strip() for t in toc] == ["Abstract", "Notes"] + (
        ["Related papers"] if paper["related"] else []) + ["Cite", "Topics", "Listed in"]
    for anchor in page.locator(".md-sidebar--secondary .md-nav__link").all():
        fragment = anchor.get_attribute("href").rsplit("#", 1)[1]
        assert page.locator(f"[id='{fragment}']").count() == 1, fragment
    following = page.locator("a.md-footer__link--next")
    title = following.locator(".md-ellipsis").inner_text()
    # Material's keyboard shortcut "n" follows <link rel=next>.
    page.locator("body").press("n")
    # The page is replaced as it loads: the heading may be missing for a moment.
    page.wait_for_function("t => document.querySelector('h1.ps-paper__title')"
                           "?.textContent.trim() === t", arg=title)
    assert errors == []
    page.close()


def test_a_topic_page_shows_curation_and_the_filter_hides_and_shows(browser, shelf):
    base, by_id, _ = shelf
    paper = by_id[FILTERING]
    page, errors = open_page(browser, base + paper["url"])
    page.locator(".ps-path a").nth(2).click()
    page.wait_for_url(lambda url: "/topics/" in url)
    item = page.locator(f"dt:has(a[href$='{paper['slug']}/'])")
    facts = item.locator("xpath=following-sibling::dd[1]")
    assert "Read" in facts.locator(".ps-status").inner_text()
    assert facts.locator(".ps-rating").count() == 1 and facts.locator(".ps-tag").count() == 2
    summary = item.locator("xpath=following-sibling::dd[2]")
    assert "ps-curated" in summary.get_attribute("class")
    assert "A filter with no recursion" in summary.inner_text()
    summary.locator(".katex").wait_for(timeout=10000)
    items = page.locator("dt[data-ps-status]")
    total = items.count()
    assert total > 2
    form = page.locator("form.ps-filter")
    assert form.is_visible()
    form.locator("select[name=status]").select_option("read")
    assert page.locator("dt[data-ps-status]:visible").count() == 1
    assert item.is_visible() and summary.is_visible()
    assert form.locator(".ps-filter__count").inner_text() == f"1 of {total} papers shown"
    form.locator("button[type=reset]").click()
    page.wait_for_function("n => document.querySelectorAll('dt[data-ps-status]:not([hidden])')"
                           ".length === n", arg=total)
    assert errors == []
    page.close()


def test_without_javascript_the_filter_is_absent_and_every_paper_listed(browser, shelf):
    base, by_id, catalog = shelf
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "dates/2026/")
    assert not page.locator("form.ps-filter").is_visible()
    listed = page.locator("dt[data-ps-status]")
    assert listed.count() == sum(1 for p in catalog["papers"]
                                 if (p["date"] or {}).get("value", "").startswith("2026"))
    assert all(listed.nth(i).is_visible() for i in range(listed.count()))
    context.close()


def test_home_has_the_reading_queue_and_a_chart_that_links_its_years(browser, shelf):
    base, by_id, catalog = shelf
    page, errors = open_page(browser, base)
    queue = page.locator("h2#reading-queue + p + dl")
    assert by_id[NYSTROM]["title"] in queue.locator("dt").first.inner_text()
    assert "high priority" in queue.inner_text()
    bars = page.locator(".ps-chart a")
    assert bars.count() >= 1
    undated = sum(1 for p in catalog["papers"] if not p["date"])
    assert f"{undated} papers have no known date" in page.locator(".ps-chart").inner_text()
    bars.first.click()
    page.wait_for_url(lambda url: "/dates/20" in url)
    assert errors == []
    page.close()


def test_search_finds_a_paper_by_the_authors_a_note_gives(browser, shelf):
    base, by_id, _ = shelf
    page, errors = open_page(browser, base)
    meta = search(page, "Lovelace")
    assert "1 matching document" in meta
    assert by_id[SHORT_SELLING]["title"] in page.locator(".md-search-result__item").first.inner_text()
    assert errors == []
    page.close()


def test_dollar_signs_that_are_not_math_stay_as_written(browser, hostile_site, hostile_catalog):
    paper = next(p for p in hostile_catalog["papers"] if p["title"].startswith("Dollars"))
    with serve(hostile_site / "site") as base:
        page, errors = open_page(browser, base + paper["url"])
        abstract = page.locator(".ps-abstract")
        page.locator(".ps-abstract .ps-math--typeset").first.wait_for(timeout=10000)
        assert "It costs $5 and $10; $3 is escaped;" in abstract.inner_text()
        # $\beta_1$ and the two KaTeX refuses to link or classify are typeset; the
        # "formula" holding markup is not a formula.
        assert abstract.locator(".katex").count() >= 1
        assert abstract.locator("a, img").count() == 0
        title = page.locator("h1.ps-paper__title")
        assert title.locator(".katex").count() == 1 and "$5 and $10" in title.inner_text()
        assert errors == []
        page.close()



def test_formulas_in_a_neighbouring_papers_title_are_typeset(browser, hostile_site):
    """The footer's next or previous paper shows its title's formula typeset, like the
    paper's own heading (overrides/paper.html: title_markup)."""
    def position(page_md):
        meta = yaml.safe_load(page_md.read_text(encoding="utf-8").split("---\n", 2)[1])
        return meta["papershelf"]["position"] or {}

    neighbours = [(page_md, item) for page_md in sorted((hostile_site / "docs" / "papers")
                                                        .glob("*.md"))
                  for item in (position(page_md).get("previous"), position(page_md).get("next"))
                  if item and item.get("title_parts")]
    assert neighbours, "the hostile listing has a titled formula next to another paper"
    page_md, item = neighbours[0]
    with serve(hostile_site / "site") as base:
        page, errors = open_page(browser, f"{base}papers/{page_md.stem}/")
        footer = page.locator(".md-footer__inner")
        footer.locator(".ps-math .katex").first.wait_for(timeout=10000)
        assert item["title"].split("$")[0] in footer.inner_text()
        assert errors == []
        page.close()


FILTER_PAGE = """<!doctype html><html><body><div class="md-content__inner">
<form class="ps-filter" hidden><select name="status"><option value="">any</option>
<option value="read">read</option></select><span class="ps-filter__count"></span></form>
<h2 id="y2026">2026</h2>
<dl><dt data-ps-status="read" data-ps-year="2026" data-ps-topics="" data-ps-tags="">A</dt>
<dd>a</dd></dl>
<h2 id="undated">Date unknown</h2>
<h3 id="b">B</h3>
<dl><dt data-ps-status="to-read" data-ps-year="" data-ps-topics="" data-ps-tags="">B</dt>
<dd>b</dd></dl>
<h3 id="c">C</h3>
<dl><dt data-ps-status="to-read" data-ps-year="" data-ps-topics="" data-ps-tags="">C</dt>
<dd>c</dd></dl>
</div></body></html>"""


def test_the_filter_hides_a_heading_whose_groups_are_all_hidden(browser):
    from pathlib import Path

    script = (Path(__file__).parent.parent / "overrides" / "papershelf" / "filter.js")
    page = browser.new_page()
    page.set_content(FILTER_PAGE)
    # Material's document$ calls back with the page, as after each instant navigation.
    page.evaluate("window.document$ = {subscribe: (f) => f({body: document.body})}")
    page.add_script_tag(content=script.read_text(encoding="utf-8"))
    visible = lambda: [h.inner_text() for h in page.locator("h2:visible, h3:visible").all()]
    assert visible() == ["2026", "Date unknown", "B", "C"]
    page.locator("select[name=status]").select_option("read")
    assert visible() == ["2026"]
    assert page.locator(".ps-filter__count").inner_text() == "1 of 3 papers shown"
    page.locator("select[name=status]").select_option("")
    assert visible() == ["2026", "Date unknown", "B", "C"]
    page.close()
