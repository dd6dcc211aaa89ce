"""Merging one paper's appearances across listings."""

from __future__ import annotations

from datetime import date

from generator.dates import infer_listing_years
from generator.merge import merge_listings
from generator.model import Level

from .conftest import HEADER, parse


def merged(*texts):
    listings = [parse(HEADER + text, f"{i:03}.txt")[0] for i, text in enumerate(texts)]
    years, _ = infer_listing_years(listings, {})
    papers, diagnostics = merge_listings(listings, years)
    return {p.title: p for p in papers}, diagnostics


def test_same_paper_in_two_listings_becomes_one_with_every_listing():
    papers, diagnostics = merged(
        "Dec 9\n\nShared Paper\n\nThe abstract.\n\n  • 3 authors\n·\nJun 9",
        "Jan 7\n\nOnly Here\n\nX.\n\nShared Paper\n\nThe abstract.\n\n  • 3 authors\n·\n"
        "Jun 9, 2025 4")
    assert len(papers) == 2
    shared = papers["Shared Paper"]
    assert shared.published == date(2025, 6, 9) and shared.published_text == "Jun 9, 2025"
    assert shared.comments == 4 and shared.authors == 3
    assert [(r.source, r.position, r.line) for r in shared.listings] == [
        ("000.txt", 1, 13), ("001.txt", 2, 17)]
    assert shared.listings[0].listed == date(2025, 12, 9)
    assert shared.listings[1].listed is None and shared.listings[1].listed_text == "Jan 7"
    assert [d for d in diagnostics if d.level is Level.WARNING] == []


def test_a_value_beats_a_missing_one():
    papers, diagnostics = merged("P\n\nAbstract.", "P\n\nAbstract.\n\n  • 5 authors\n·\nMay 2, 2020")
    paper = papers["P"]
    assert (paper.authors, paper.published) == (5, date(2020, 5, 2))
    assert diagnostics == []


REVISED = ("We study sparse autoencoders on language model activations and find that "
           "features split as the dictionary grows; we measure how often this happens.")
SHOWN = REVISED.replace("find that", "show that")  # the same paper's abstract, revised


def test_real_conflicts_are_reported_and_the_first_listing_wins():
    papers, diagnostics = merged(
        f"P\n\n{REVISED}\n\n  • 3 authors\n·\nMay 2, 2020",
        f"P\n\n{SHOWN}\n\n  • 4 authors\n·\nMay 3, 2020")
    paper = papers["P"]
    assert (paper.abstract, paper.authors, paper.published) == (REVISED, 3, date(2020, 5, 2))
    conflicts = sorted(d.message.split(" for ")[0] for d in diagnostics)
    assert conflicts == ["conflicting abstract", "conflicting authors", "conflicting date"]
    assert all(d.level is Level.WARNING and d.path == "seeds/001.txt" for d in diagnostics)


def test_title_variants_merge_with_a_notice():
    papers, diagnostics = merged("Deep  Nets: A Study\n\nA.", "deep nets - a study\n\nA.")
    assert list(papers) == ["Deep Nets: A Study"]
    assert [d.level for d in diagnostics] == [Level.NOTICE]


def test_comment_counts_keep_the_largest():
    papers, diagnostics = merged("P\n\nA.\n\n  • 1 authors\n·\nMay 2, 2020 7",
                                 "P\n\nA.\n\n  • 1 authors\n·\nMay 2, 2020 3")
    assert papers["P"].comments == 7 and diagnostics == []


def test_merge_does_not_depend_on_the_order_listings_are_given():
    a = parse(HEADER + f"P\n\n{REVISED}\n\nQ\n\nQ abstract.", "a.txt")[0]
    b = parse(HEADER + f"P\n\n{SHOWN}", "b.txt")[0]
    years, _ = infer_listing_years([a, b], {})
    forward = merge_listings([a, b], years)[0]
    backward = merge_listings([b, a], years)[0]
    assert sorted(p.abstract for p in forward) == sorted(p.abstract for p in backward)
    assert {p.title: p.abstract for p in backward}["P"] == REVISED


def test_a_paper_twice_in_one_listing_is_one_entry_with_a_notice():
    listing, diagnostics = parse(HEADER + "P\n\nA.\n\nQ\n\nB.\n\nP\n\nA.")
    assert [(e.title, e.position) for e in listing.entries] == [("P", 1), ("Q", 2)]
    assert [d.message for d in diagnostics] == [
        "'P' is shown again (first at line 11); read as one entry"]


def test_alike_titles_with_different_abstracts_are_two_papers():
    cpp = "We teach C++ templates to beginners with a sequence of graded exercises."
    c = "A course on pointers and manual memory in C, evaluated with 200 students."
    papers, diagnostics = merged(f"C++ Learning\n\n{cpp}", f"C Learning\n\n{c}")
    assert {title: paper.abstract for title, paper in papers.items()} == {
        "C++ Learning": cpp, "C Learning": c}
    assert len({paper.key for paper in papers.values()}) == 2
    assert diagnostics == []


def test_an_arxiv_id_decides_identity_over_the_title():
    from generator.model import Entry, Listing

    def listing(source, *entries):
        return Listing(source, f"seeds/{source}", None, None, tuple(entries), "test")

    same_a = Entry("Attention Is All You Need", "The dominant models ...", 1, 1,
                   arxiv_id="1706.03762")
    same_b = Entry("Attention is all you need (v5)", None, 1, 1, arxiv_id="1706.03762")
    other = Entry("Attention Is All You Need", "A different paper.", 2, 2,
                  arxiv_id="2401.00001")
    plain = Entry("attention is all you need", "The dominant models ...", 3, 3)
    listings = [listing("a.txt", same_a, other), listing("b.txt", same_b, plain)]
    years, _ = infer_listing_years(listings, {})
    papers, diagnostics = merge_listings(listings, years)
    by_key = {paper.key: paper for paper in papers}
    assert set(by_key) == {"arxiv:1706.03762", "arxiv:2401.00001", "attention is all you need"}
    assert [ref.source for ref in by_key["arxiv:1706.03762"].listings] == ["a.txt", "b.txt"]
    assert by_key["arxiv:1706.03762"].arxiv_id == "1706.03762"
    assert any("same arXiv id 1706.03762" in d.message for d in diagnostics)


def test_an_abstract_cut_short_by_the_page_is_the_same_paper():
    whole = ("Recent advancements in Large Language Models (LLMs) have significantly enhanced "
             "their capacity to process long contexts. However, effectively utilizing this "
             "long context remains a challenge due to the issue of distraction.")
    papers, diagnostics = merged("Focused Learning\n\nRecent advancements in Large Language "
                                 "Models (LLMs) have significantly enhanced their capacity "
                                 "to process long contexts. Ho", f"Focused Learning\n\n{whole}")
    assert list(papers) == ["Focused Learning"] and papers["Focused Learning"].abstract == whole
    assert diagnostics == []
