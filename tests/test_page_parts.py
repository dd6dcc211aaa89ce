"""What index pages and paper pages show of a paper: curation, order, filters, links."""

from __future__ import annotations

import html
import re

from generator.home_page import render_home_page
from generator.date_pages import generate_date_pages
from generator.index_pages import generate_topic_pages
from generator.parts import order_note
from generator.notes import parse_note
from generator.page_parts import SPLIT_OVER, paper_item, undated_lines
from generator.paper_pages import generate_paper_pages
from generator.site import newest_first

from .conftest import HEADER, parse
from .test_pages import make_site, split


def with_note(site, slug: str, front: str, body: str = ""):
    note, problems = parse_note(f"---\n{front}\n---\n{body}", slug, f"notes/{slug}.md")
    assert problems == []
    site.by_slug[slug].note = note
    return site.by_slug[slug]


def test_an_item_shows_the_curation_and_carries_what_the_filter_reads():
    site = make_site()
    paper = with_note(site, "new-scaling", "status: read\nrating: 4\ntags: [ml theory]\n"
                      "summary: Bigger is $\\alpha$-better.", "Body text.")
    item = paper_item(paper, "topics/scaling-laws.md", site)
    title, facts, summary, attributes = item.splitlines()
    assert title.startswith("[New scaling](../papers/new-scaling.md) { .ps-item ")
    assert 'data-ps-status="read" data-ps-year="2024" data-ps-topics="scaling-laws"' in title
    assert re.search(r'data-ps-tags="tag-ml-theory-\w+"', title)
    assert "[Read](../status/read.md){ .ps-status .ps-status--read }" in facts
    assert 'aria-label="Rated 4 out of 5"' in facts and "★★★★☆" in facts
    assert "{ .ps-tag }" in facts and "Jul 1, 2024" in facts
    assert summary == ":   Bigger is `$\\alpha$`{ .ps-math }&#45;better."
    assert attributes == "    { .ps-curated }"


def test_without_a_summary_the_notes_first_paragraph_is_shown():
    site = make_site()
    paper = with_note(site, "lonely", "status: to-read", "## Why\n\nWorth a *look*.\n")
    assert ":   Worth a look." in paper_item(paper, "index.md", site)
    bare = paper_item(site.by_slug["undated-diffusion"], "index.md", site)
    assert ":   Diffusion things." in bare and "ps-curated" not in bare


def test_a_topic_with_only_undated_papers_says_how_they_are_ordered():
    pages = generate_topic_pages(make_site())
    body = split(pages["topics/diffusion.md"])[1]
    assert "newest first" not in body and "## Date unknown" not in body
    assert "no date is known, so they are in the order of their listings." in body
    site = make_site()
    mixed = newest_first([site.by_slug["undated-diffusion"], site.by_slug["new-scaling"]])
    assert order_note(mixed) == (": 1 with a known date, newest first, then 1 without one, "
                                 "in the order of their listings.")
    assert order_note(mixed[:1]) == ", newest first."


def many_undated(count: int, listings: int):
    """A site with ``count`` undated papers spread over ``listings`` listings."""
    from generator.dates import infer_listing_years
    from generator.merge import merge_listings
    from generator.site import Site
    from generator.slugs import assign_slugs
    from generator.topics import assign_topics
    from .test_pages import TAXONOMY

    parsed = []
    for number in range(listings):
        titles = [f"{chr(65 + (i % 26))}paper {number}-{i}" for i in range(count // listings)]
        text = HEADER + "\n\n".join(f"{t}\n\nAbstract {t}." for t in titles)
        parsed.append(parse(text, f"l{number}.txt")[0])
    years, _ = infer_listing_years(parsed, {})
    papers, _ = merge_listings(parsed, years)
    assign_slugs(papers)
    assign_topics(papers, TAXONOMY)
    return Site(papers, parsed, years, TAXONOMY)


def test_many_undated_papers_are_split_by_listing_when_each_is_small_enough():
    site = many_undated(90, 3)
    lines = undated_lines(site.papers, site, "dates/undated.md", 2)
    headings = [line for line in lines if line.startswith("## ")]
    assert len(headings) == 3 and all(h.startswith("## First listed in ") for h in headings)


def test_a_listing_too_large_to_split_goes_alphabetical_with_a_jump_bar():
    site = many_undated(SPLIT_OVER + 10, 1)
    lines = undated_lines(site.papers, site, "dates/undated.md", 3)
    jump = next(line for line in lines if line.startswith("Alphabetically: "))
    assert "[A](#letter-a)" in jump and "[Z](#letter-z)" in jump
    assert "### A { #letter-a }" in lines
    items = [line for line in lines if line.startswith("[")]
    assert len(items) == SPLIT_OVER + 10


def test_the_undated_page_offers_filters_and_names_its_tab():
    meta, _ = split(generate_date_pages(make_site())["dates/undated.md"])
    assert meta["tab"] == "dates/"
    assert meta["filters"]["status"] == [{"value": "none", "label": "No status"}]
    assert meta["filters"]["count"] == 2


def test_the_paper_page_shows_what_the_note_adds():
    site = make_site()
    with_note(site, "lonely", "status: reading\nauthors: [Ada Lovelace, Alan Turing]\n"
              "arxiv: 2106.10165\ndoi: 10.1000/xyz123\ncode: https://github.com/o/r\n"
              "project: https://example.org/p\nsummary: A short verdict.")
    meta, body = split(generate_paper_pages(site)["papers/lonely.md"])
    head = body.split("::: papershelf-text", 1)[0]
    assert ("Ada Lovelace, Alan Turing · First submitted to arXiv in Jun 2021 · arXiv:2106.10165"
            in html.unescape(head))
    for label, url in (("arXiv", "https://arxiv.org/abs/2106.10165"),
                       ("PDF", "https://arxiv.org/pdf/2106.10165"),
                       ("Hugging Face", "https://huggingface.co/papers/2106.10165"),
                       ("Code", "https://github.com/o/r"), ("Project page", "https://example.org/p"),
                       ("DOI", "https://doi.org/10.1000/xyz123")):
        assert f"[{label}](<{url}>)" in head, label
    # With an id, only Google Scholar is left to search, and it says it is a search.
    assert re.search(r"Search: \[Google Scholar\]\(<https://scholar\.google\.com/[^>]+>\)", head)
    assert "arxiv.org/search" not in head
    assert "[Reading](../status/reading.md)" in head and "**Summary:** A short verdict." in head
    assert meta["papershelf"]["citation"]["authors"] == ["Ada Lovelace", "Alan Turing"]


def test_previous_and_next_follow_the_topic_page_order():
    site = make_site()
    pages = generate_paper_pages(site)
    topic = split(generate_topic_pages(site)["topics/scaling-laws.md"])[1]
    order = re.findall(r"^\[.+?\]\(\.\./papers/(.+?)\.md\)", topic, re.M)
    positions = [split(pages[f"papers/{slug}.md"])[0]["papershelf"]["position"] for slug in order]
    assert all(p["topic"] == {"name": "Scaling laws", "url": "topics/scaling-laws/"}
               for p in positions)
    assert positions[0]["previous"] is None and positions[-1]["next"] is None
    for before, after, slug in zip(positions, positions[1:], order[1:]):
        assert before["next"]["url"] == f"papers/{slug}/"
        assert after["previous"]["url"] == f"papers/{order[order.index(slug) - 1]}/"


def test_home_reading_queue_puts_high_priority_first():
    site = make_site()
    with_note(site, "old-scaling", "status: to-read\npriority: low")
    with_note(site, "lonely", "status: to-read\npriority: high")
    with_note(site, "new-scaling", "status: to-read")
    meta, body = split(render_home_page(site))
    queue = body.split("## Reading queue", 1)[1].split("## ", 1)[0]
    assert "3 papers to read, high priority first." in queue
    assert re.findall(r"^\[(.+?)\]", queue, re.M) == ["Lonely", "New scaling", "Old scaling"]
    assert "*high priority*{ .ps-priority }" in queue


def test_a_collaboration_is_named_up_to_a_limit_and_cited_in_full():
    from generator.paper_pages import AUTHORS_SHOWN

    site = make_site()
    names = [f"Author Number{i}" for i in range(AUTHORS_SHOWN + 50)]
    with_note(site, "lonely", "authors: [" + ", ".join(names) + "]")
    meta, body = split(generate_paper_pages(site)["papers/lonely.md"])
    line = body.split("\n{: .ps-meta }", 1)[0]
    assert f"Author Number{AUTHORS_SHOWN - 1} and 50 more (all in the citation)" in line
    assert f"Number{AUTHORS_SHOWN}," not in line
    assert meta["papershelf"]["citation"]["authors"] == names
