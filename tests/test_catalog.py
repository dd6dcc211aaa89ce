"""The papers.json catalog: schema, order, escaping, determinism."""

from __future__ import annotations

import json

from generator.catalog import render_catalog
from generator.dates import infer_listing_years
from generator.merge import merge_listings
from generator.slugs import assign_slugs

from .conftest import HEADER, parse

PAPER_KEYS = {"slug", "url", "title", "abstract", "authors", "organization", "published",
              "published_text", "comments", "listings", "topics", "related", "note",
              "arxiv_id", "arxiv", "date", "author_names", "summary", "upvotes",
              "arxiv_comments", "journal_ref", "subjects", "submitted_by"}


def catalog(*texts):
    listings = [parse(HEADER + text, f"{i:03}.txt")[0] for i, text in enumerate(texts)]
    years, _ = infer_listing_years(listings, {})
    papers, _ = merge_listings(listings, years)
    assign_slugs(papers)
    return render_catalog(papers, listings, years)


def test_schema_and_sort_order():
    text = catalog("Dec 9\n\nZeta Paper\n\nZ.\n\n  • 2 authors\n·\nJun 9, 2024 3\n\n"
                   "Alpha Paper\n\nA.\n\nOrg Name\n·\nJan 2, 2023")
    document = json.loads(text)
    assert document["version"] == 1
    assert [p["slug"] for p in document["papers"]] == ["alpha-paper", "zeta-paper"]
    alpha, zeta = document["papers"]
    assert set(alpha) == PAPER_KEYS
    assert alpha["url"] == "papers/alpha-paper/"
    assert (alpha["organization"], alpha["authors"]) == ("Org Name", None)
    assert (zeta["published"], zeta["comments"], zeta["authors"]) == ("2024-06-09", 3, 2)
    assert zeta["listings"] == [{"source": "000.txt", "position": 1, "line": 13,
                                 "listed": None, "listed_text": "Dec 9", "shape": "hf-text",
                                 "section": None}]
    assert zeta["date"] == {"value": "2024-06-09", "kind": "published"}
    assert (zeta["arxiv_id"], zeta["arxiv"], zeta["author_names"]) == (None, None, [])
    assert (zeta["topics"], zeta["related"]) == ([], [])
    assert document["listings"] == [{"source": "000.txt", "title": "Daily Papers", "listed": None,
                                     "listed_text": "Dec 9", "year_basis": "unknown",
                                     "papers": 2, "shape": "hf-text", "layout": "blocks"}]


def test_an_arxiv_id_gives_links_and_the_month_of_first_submission():
    from generator.model import ArxivFacts, Entry, Listing

    entry = Entry("A Paper", "Its abstract.", 5, 1, arxiv_id="2410.05434",
                  author_names=("Ada Lovelace", "Alan Turing"),
                  arxiv_facts=ArxivFacts(subjects="ML (cs.LG)"),
                  section="cross-list", submitted_by="akhaliq")
    listing = Listing("new.md", "seeds/new.md", None, None, (entry,), "arxiv-list", "text")
    years, _ = infer_listing_years([listing], {})
    papers, _ = merge_listings([listing], years)
    assign_slugs(papers)
    (paper,) = json.loads(render_catalog(papers, [listing], years))["papers"]
    assert paper["arxiv_id"] == "2410.05434"
    assert paper["arxiv"] == {"abs_url": "https://arxiv.org/abs/2410.05434",
                              "pdf_url": "https://arxiv.org/pdf/2410.05434",
                              "hf_url": "https://huggingface.co/papers/2410.05434",
                              "submitted": "2024-10"}
    assert paper["date"] == {"value": "2024-10", "kind": "submitted"}
    assert paper["published"] is None
    assert paper["author_names"] == ["Ada Lovelace", "Alan Turing"]
    assert (paper["listings"][0]["shape"], paper["listings"][0]["section"]) == (
        "arxiv-list", "cross-list")
    assert paper["submitted_by"] == "akhaliq"


def test_text_survives_verbatim_and_cannot_close_a_script_tag():
    title = 'Evil </script><script>alert("x")</script> ö "quoted"'
    text = catalog(f"{title}\n\nAbstract with </b> and \\emph{{x}}.")
    assert "</script>" not in text and "ö" in text
    paper = json.loads(text)["papers"][0]
    assert paper["title"] == title
    assert paper["abstract"] == "Abstract with </b> and \\emph{x}."


def test_rendering_is_deterministic():
    source = "P\n\nA.\n\nQ\n\nB.\n\n  • 1 authors\n·\nMay 1, 2020"
    assert catalog(source) == catalog(source)
