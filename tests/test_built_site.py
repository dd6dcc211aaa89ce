"""The built site (a copy of the project, built once), checked in its HTML."""

from __future__ import annotations

import gzip
import html
import json
import posixpath
import re
from pathlib import Path

import pytest

from generator.tex import plain
from tests.page_text import abstract_texts, title_shown

HREF = re.compile(r'href="([^"#?]*)(?:[#?][^"]*)?"')


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def local_targets(site: Path, url: str) -> set[str]:
    """Site-relative URLs of the pages an HTML page links to."""
    found = set()
    for href in HREF.findall(page(site, url)):
        if not href or "://" in href or href.startswith(("mailto:", "javascript:")):
            continue
        resolved = posixpath.normpath(posixpath.join(url, href))
        found.add("" if resolved == "." else resolved.rstrip("/") + "/")
    return found


@pytest.fixture(scope="module")
def site(built_site):
    return built_site / "site"


@pytest.fixture(scope="module")
def catalog(built_site):
    return json.loads((built_site / "site" / "papers.json").read_text(encoding="utf-8"))["papers"]


def test_build_publishes_the_catalog(built_site, catalog):
    assert len(catalog) == 197
    assert (built_site / "site" / "papers.json").read_bytes() == \
        (built_site / "docs" / "papers.json").read_bytes()


def test_every_title_and_abstract_appears_verbatim(site, catalog):
    for paper in catalog:
        document = page(site, paper["url"])
        assert title_shown(document) == plain(paper["title"])
        assert html.unescape(re.search(r"<title>(.*?)</title>", document).group(1)) == \
            f"{paper['title']} - Papershelf"
        if paper["abstract"]:
            assert abstract_texts(document) == (plain(paper["abstract"]), paper["abstract"])
        else:
            abstract = re.search(r'<p class="ps-abstract" id="abstract">(.*?)</p>', document)
            assert text_of(abstract.group(1)) == "No abstract in the listings."


def test_every_paper_is_reachable_from_a_topic_page_and_a_date_page(site, catalog):
    topic_pages = [f"topics/{p.parent.name}/" for p in (site / "topics").glob("*/index.html")]
    date_pages = [f"dates/{p.parent.name}/" for p in (site / "dates").glob("*/index.html")]
    from_topics = set().union(*(local_targets(site, url) for url in topic_pages))
    from_dates = set().union(*(local_targets(site, url) for url in date_pages))
    for paper in catalog:
        assert paper["url"] in from_topics, paper["url"]
        assert paper["url"] in from_dates, paper["url"]
    assert set(local_targets(site, "")) >= {"topics/", "dates/", "listings/", "about/"}


def test_every_internal_link_resolves(site):
    pages = [str(p.parent.relative_to(site)) for p in site.rglob("index.html")]
    urls = ["" if u == "." else u + "/" for u in pages]
    for url in urls:
        for target in local_targets(site, url):
            exists = (site / target / "index.html").is_file() or \
                (site / target.rstrip("/")).is_file()
            assert exists, f"{url or '/'} links to missing {target}"


def test_related_links_show_their_reason(site, catalog):
    linked = [p for p in catalog if p["related"]]
    assert len(linked) > len(catalog) / 2
    paper = linked[0]
    document = page(site, paper["url"])
    section = re.search(r'<section class="ps-related"[^>]*>(.*?)</section>', document, re.S)
    first = paper["related"][0]
    assert f"shares {', '.join(first['why'])}" in text_of(section.group(1))


def test_index_pages_are_kept_out_of_search(site, catalog):
    """Pagefind indexes every paper page and the hand-written pages, never an index page
    (they repeat the papers' text); Material's own index keeps only its settings."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == [] and index["config"]["lang"] == ["en"]
    urls = set()
    for fragment in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        urls.add(json.loads(data)["url"].lstrip("/"))
    assert urls == {p["url"] for p in catalog} | {"about/"}


def test_a_note_is_rendered_with_its_math_and_status(site, catalog):
    noted = [p for p in catalog if p["note"]]
    assert noted, "the repository ships example notes"
    paper = next(p for p in noted if p["note"]["status"] == "read")
    document = page(site, paper["url"])
    assert '<h2 id="notes">' in document and '<span class="arithmatex">' in document
    assert "Recently read" in page(site, "")
    assert paper["title"] in text_of(page(site, "status/read/"))
