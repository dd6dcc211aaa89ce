"""Page rendering, as pure functions of a small site (no files)."""

from __future__ import annotations

import re

import yaml

from generator.dates import infer_listing_years
from generator.home_page import render_home_page
from generator.date_pages import generate_date_pages
from generator.index_pages import generate_listing_pages, generate_topic_pages
from generator.merge import merge_listings
from generator.paper_pages import render_paper_page
from generator.site import Site
from generator.slugs import assign_slugs
from generator.taxonomy import parse_taxonomy
from generator.topics import assign_topics

from .conftest import HEADER, parse

TAXONOMY = parse_taxonomy({"topics": [
    {"name": "Scaling laws", "description": "Loss versus size.", "keywords": ["scaling"]},
    {"name": "Diffusion", "keywords": ["diffusion"]},
]}, "taxonomy.yml")
EVIL = '<script>alert(1)</script> *Scaling* [x](javascript:alert(1)) {{ no }} | pipe'


def make_site() -> Site:
    listing, _ = parse(HEADER + (
        "Jan 7\n\n"
        f"Old scaling\n\nScaling in 2019.\n\n  • 2 authors\n·\nMar 1, 2019\n\n"
        f"{EVIL}\n\nAbstract with <b>tags</b> and scaling.\n\n  • 3 authors\n·\nJun 9, 2024 5\n\n"
        "New scaling\n\nScaling in 2024.\n\nAcme Labs\n·\nJul 1, 2024\n\n"
        "Undated diffusion\n\nDiffusion things.\n\n"
        "Lonely\n\nNothing matches."), "a.txt")
    years, _ = infer_listing_years([listing], {})
    papers, _ = merge_listings([listing], years)
    assign_slugs(papers)
    papers.sort(key=lambda p: p.slug)
    assign_topics(papers, TAXONOMY)
    return Site(papers, [listing], years, TAXONOMY)


def split(page: str) -> tuple[dict, str]:
    _, meta, body = page.split("---\n", 2)
    return yaml.safe_load(meta), body


def test_paper_page_front_matter_is_escaped_for_the_theme_and_raw_for_the_template():
    site = make_site()
    paper = next(p for p in site.papers if p.title == EVIL)
    meta, body = split(render_paper_page(paper, site))
    assert meta["template"] == "paper.html"
    assert meta["title"].startswith("&lt;script&gt;") and "<" not in meta["title"]
    assert "<" not in meta["description"]
    assert meta["papershelf"]["title"] == EVIL
    assert meta["date"] == "2024-06-09" and meta["tags"] == ["Scaling laws"]
    data = meta["papershelf"]
    head = body.split("::: papershelf-text", 1)[0]
    assert "3 authors · Published Jun 9, 2024 · 5 comments\n{: .ps-meta }" in head
    assert data["listings"] == [{"name": "Daily Papers, Jan 7", "url": "listings/a/", "position": 2,
                                 "listed": "Jan 7"}]
    assert data["topics"] == [{"name": "Scaling laws", "url": "topics/scaling-laws/"}]
    searches = re.findall(r"\]\(<(https://[^>]+)>\)", head)
    assert len(searches) == 3 and all("%3Cscript%3E" in url for url in searches)
    assert "<b>" not in body and "&#60;b&#62;tags&#60;/b&#62;" in body


def test_topic_page_lists_papers_newest_first_with_counts():
    pages = generate_topic_pages(make_site())
    meta, body = split(pages["topics/scaling-laws.md"])
    assert meta["search"] == {"exclude": True}
    assert "3 papers, newest first." in body
    order = re.findall(r"^\[(.+?)\]\(\.\./papers/", body, re.M)
    assert order[0] == "New scaling" and order[-1] == "Old scaling"
    assert re.findall(r"^## (.+)$", body, re.M) == ["2024", "2019"]
    assert "topics/uncategorised.md" in pages
    index = split(pages["topics/index.md"])[1]
    assert "| [Scaling laws](scaling-laws.md) | 3 | Loss versus size. |" in index
    assert "| [Uncategorised](uncategorised.md) | 1 |" in index


def test_date_pages_archive_by_year_and_month_undated_and_listed():
    pages = generate_date_pages(make_site())
    assert set(pages) == {"dates/index.md", "dates/2019.md", "dates/2024.md",
                          "dates/undated.md", "dates/listed.md"}
    year = split(pages["dates/2024.md"])[1]
    assert re.findall(r"^## (\w+ \d+)", year, re.M) == ["July 2024", "June 2024"]
    index = split(pages["dates/index.md"])[1]
    assert index.index("[2024]") < index.index("[2019]")
    assert "[Jul](2024.md#july-2024) (1)" in index
    assert "Undated diffusion" in pages["dates/undated.md"]
    listed = split(pages["dates/listed.md"])[1]
    assert "## Listing date unknown" in listed


def test_listing_page_keeps_the_page_order():
    pages = generate_listing_pages(make_site())
    body = split(pages["listings/a.md"])[1]
    titles = re.findall(r"^\[(.+?)\]\(\.\./papers/.*\n:   .*&#35;(\d+)", body, re.M)
    assert [n for _, n in titles] == ["1", "2", "3", "4", "5"]
    assert titles[0][0] == "Old scaling" and titles[4][0] == "Lonely"
    assert "| [Daily Papers, Jan 7](a.md) | 5 |" in split(pages["listings/index.md"])[1]


def test_home_page_counts_newest_and_chart_data():
    meta, body = split(render_home_page(make_site()))
    assert meta["template"] == "home.html"
    assert meta["papershelf"]["chart"] == [{"year": 2019, "count": 1, "url": "dates/2019/"},
                                           {"year": 2024, "count": 2, "url": "dates/2024/"}]
    assert meta["papershelf"]["undated"] == 2
    assert "**5 papers**" in body
    newest = re.findall(r"^\[(.+?)\]\(papers/", body, re.M)
    assert newest[0] == "New scaling" and len(newest) == 3


def test_hostile_title_never_reaches_markdown_as_markup():
    for path, page in generate_topic_pages(make_site()).items():
        assert "<script>" not in page and "[x](javascript" not in page, path


def test_edit_button_data_follows_the_notes_folder():
    site = make_site()
    site.notes_location = "curation/notes"
    paper = site.papers[0]
    meta, _ = split(render_paper_page(paper, site))
    edit = meta["papershelf"]["edit"]
    assert edit["path"] == f"curation/notes/{paper.slug}.md" and edit["exists"] is False
    assert edit["new_file_query"].startswith(f"filename=curation%2Fnotes%2F{paper.slug}.md&value=")


def test_link_is_relpath_for_docs_paths():
    import posixpath

    from hypothesis import given
    from hypothesis import strategies as st

    part = st.sampled_from(["a", "b", "papers", "index"])
    path = st.lists(part, min_size=0, max_size=3).map(lambda dirs: "/".join(dirs + ["p.md"]))

    @given(path, path)
    def check(source, target):
        from generator.site import link
        assert link(source, target) == posixpath.relpath(target, posixpath.dirname(source) or ".")

    check()


def test_listings_whose_names_collide_each_get_their_own_page():
    from dataclasses import replace

    listing = make_site().listings[0]
    names = ["index.txt", "index-listing.txt", "a.txt", "a.md", "A.markdown"]
    site = Site([], [replace(listing, source=name, entries=()) for name in names],
                {name: make_site().years["a.txt"] for name in names}, TAXONOMY)
    paths = [site.listing_path(name) for name in names]
    assert len({p.casefold() for p in paths}) == len(names)
    assert sorted(paths) == ["listings/A.md", "listings/a-2.md", "listings/a-3.md",
                             "listings/index-listing-2.md", "listings/index-listing.md"]
    pages = generate_listing_pages(site)
    assert set(paths) < set(pages)


def test_listing_file_names_that_mean_something_else_to_mkdocs_get_their_own_page():
    from generator.site import listing_path

    assert listing_path("Index.txt") == "listings/Index-listing.md"
    assert listing_path("README.txt") == "listings/README-listing.md"
    assert listing_path("readme.md") == "listings/readme-listing.md"
    assert listing_path("a\\b.txt") == "listings/a-b.md"
    assert listing_path("My listing #3 (v2).txt") == "listings/My listing #3 (v2).md"


def test_two_pages_meant_for_one_path_stop_the_run():
    import pytest

    from generator.exceptions import PapershelfError
    from generator.site import check_unique_paths

    check_unique_paths({"topics/a.md": ""}, ["topics/b.md"])
    with pytest.raises(PapershelfError, match="share the path 'topics/A.md'"):
        check_unique_paths({"topics/a.md": ""}, ["topics/A.md"])
