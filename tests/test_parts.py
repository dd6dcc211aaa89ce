"""Long index pages split into parts (generator/parts.py): nothing lost, no part too long,
and a part's address depends on its papers' keys, not on their positions."""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace

from generator.date_pages import generate_date_pages
from generator.dates import infer_listing_years
from generator.index_pages import generate_topic_pages
from generator.merge import merge_listings
from generator.model import DateKind, KnownDate
from generator.parts import (date_label, letter_key, listed_key, part_path, publication_key,
                             split, trail)
from generator.site import Site
from generator.slugs import assign_slugs
from generator.taxonomy import parse_taxonomy
from generator.topics import assign_topics

from .conftest import HEADER, parse
from .test_pages import split as front_matter

TAXONOMY = parse_taxonomy({"topics": [
    {"name": "Diffusion", "keywords": ["diffusion"]}]}, "taxonomy.yml")


def test_a_list_within_the_limit_is_one_page():
    root = split(list("abc"), lambda item: ("x",), str, 3)
    assert root.parts == [] and root.papers == list("abc")


def test_a_long_list_splits_by_key_and_by_position_only_when_the_keys_run_out():
    items = [f"{group}{n}" for group in "ab" for n in range(7)] + ["c0"]
    root = split(items, lambda item: (item[0],), lambda key: key[-1].upper(), 5, label="All")
    assert [(part.key, part.label, len(part.papers)) for part in root.parts] == [
        (("a",), "A", 7), (("b",), "B", 7), (("c",), "C", 1)]
    a = root.parts[0]
    assert [(part.key, part.label) for part in a.parts] == [
        (("a", "1"), "A, part 1 of 2"), (("a", "2"), "A, part 2 of 2")]
    leaves = [part for part in root.walk() if not part.parts]
    assert [item for part in leaves for item in part.papers] == items
    assert max(len(part.papers) for part in leaves) <= 5


def test_part_paths_nest_under_the_page_and_the_trail_links_each_level():
    assert part_path("topics/x.md", ()) == "topics/x.md"
    assert part_path("topics/x.md", ("2026", "02")) == "topics/x/2026/02.md"
    items = [f"a{n}" for n in range(4)]
    root = split(items, lambda item: (item[0],), lambda key: key[-1].upper(), 2, label="All")
    chunk = root.parts[0].parts[1]
    assert trail("topics/x.md", "Topic X", chunk, root) == (
        "[Topic X](../../x.md) › [A](../a.md) › A, part 2 of 2")


def paper(title: str, published: date | None = None):
    """A paper from a real capture (title, abstract, date as a listing prints them)."""
    line = f"\n\n  • 2 authors\n·\n{published:%b} {published.day}, {published.year}" \
        if published else ""
    listing, _ = parse(HEADER + f"Jan 7\n\n{title}\n\nAn abstract.{line}", "a.txt")
    years, _ = infer_listing_years([listing], {})
    (found,), _ = merge_listings([listing], years)
    return found


def test_keys_and_their_names():
    assert publication_key(paper("Ok", date(2024, 6, 9))) == ("2024", "06", "09")
    # Only the month is known from an arXiv id: no day is made up.
    submitted = SimpleNamespace(title="Ok", dated=KnownDate(date(2024, 5, 1), "May 2024",
                                                            DateKind.SUBMITTED))
    assert publication_key(submitted) == ("2024", "05", "arxiv")
    assert publication_key(paper("éclair")) == ("undated", "e")
    assert publication_key(paper("2-bit nets")) == ("undated", "other")
    assert letter_key("$\\alpha$-nets") == "a"
    assert listed_key(paper("Ok")) == ("unknown", "o")
    assert [date_label(key) for key in [("2024",), ("2024", "06"), ("2024", "06", "09"),
                                         ("2024", "05", "arxiv"), ("undated",),
                                         ("undated", "e"), ("unknown", "other")]] == [
        "2024", "June 2024", "June 9, 2024", "May 2024, day not known (arXiv)",
        "Date unknown", "E", "Other"]


def collection_site(extra: str = "") -> Site:
    """45 diffusion papers on three days of one month and 30 undated ones, from one capture
    whose listing date is known."""
    entries = [f"Diffusion {n:02} {extra if n == 0 else ''}\n\nDiffusion.\n\n  • 2 authors\n·\n"
               f"Mar {1 + n % 3}, 2024" for n in range(45)]
    entries += [f"{'ABC'[n % 3]}-undated diffusion {n:02}\n\nDiffusion." for n in range(30)]
    listing, _ = parse(HEADER + "Mar 9\n\n" + "\n\n".join(entries), "a.txt")
    years, _ = infer_listing_years([listing], {"a.txt": 2024})
    papers, _ = merge_listings([listing], years)
    assign_slugs(papers)
    assign_topics(papers, TAXONOMY)
    return Site(papers, [listing], years, TAXONOMY, papers_per_page=20)


def pages_of(site: Site) -> dict[str, str]:
    return {**generate_date_pages(site), **generate_topic_pages(site)}


def items(page: str) -> list[str]:
    """The papers a page lists, by slug."""
    return re.findall(r"\]\((?:\.\./)+papers/([^)/]+)\.md\) \{ \.ps-item", page)


def test_every_paper_is_on_one_page_of_each_list_and_no_page_lists_more_than_the_limit():
    site = collection_site()
    pages = pages_of(site)
    for root in ("dates/2024", "dates/undated", "dates/listed", "topics/diffusion"):
        # The split page itself shows only its newest papers, which its parts list.
        listed = [line for path, page in pages.items() if path.startswith(root + "/")
                  for line in items(page)]
        assert len(listed) == len(set(listed)) == (45 if root == "dates/2024" else
                                                    30 if root == "dates/undated" else 75)
        newest = items(pages[root + ".md"])
        assert set(newest) <= set(listed) and newest == listed[:len(newest)]
        assert len(newest) == (10 if root in ("dates/listed", "topics/diffusion") else 0)
    assert max(len(items(page)) for page in pages.values()) <= 20
    assert "dates/2024/03/01.md" in pages and "topics/diffusion/undated/a.md" in pages
    meta, body = front_matter(pages["dates/2024/03.md"])
    assert meta["title"] == "March 2024" and "filters" not in meta
    assert "[March 1, 2024](03/01.md) | 15 |" in body
    # The archive's month link goes to the month's part, not to a heading.
    assert "[Mar](2024/03.md) (45)" in pages["dates/index.md"]


def test_a_changed_paper_changes_its_own_parts_and_the_pages_above_them():
    before, after = pages_of(collection_site()), pages_of(collection_site("revised"))
    changed = sorted(path for path in after if before.get(path) != after[path])
    # "Diffusion 00" is dated March 1: its day's parts change. It was listed March 9 with
    # all 75 papers, newest first, so "Recently listed" has it in the second of that day's
    # parts cut by position. No count changes, so no page above them does.
    assert changed == ["dates/2024/03/01.md", "dates/listed/2024/03/09/2.md",
                       "topics/diffusion/2024/03/01.md"]


def test_the_table_of_parts_links_the_parts_of_each_part():
    from generator.parts import contents

    items = [f"{group}{n}" for group in "ab" for n in range(7)] + ["c0"]
    root = split(items, lambda item: (item[0],), lambda key: key[-1].upper(), 5, label="All")
    rows = contents("topics/x.md", root)
    assert rows[:2] == ["| Part | Papers | Within |", "| --- | ---: | --- |"]
    assert rows[2] == ("| [A](x/a.md) | 7 | [part 1 of 2](x/a/1.md) · "
                       "[part 2 of 2](x/a/2.md) |")
    assert rows[4] == "| [C](x/c.md) | 1 |  |"
    # A year's months are named without the year; very many parts are only counted.
    months = split([f"{m:02}-{n}" for m in (1, 2) for n in range(4)] + ["2025"],
                   lambda item: ("2025",) if item == "2025" else ("2026", item[:2]),
                   date_label, 5, label="All")
    assert contents("topics/x.md", months)[2:] == [
        "| [2026](x/2026.md) | 8 | [January](x/2026/01.md) · [February](x/2026/02.md) |",
        "| [2025](x/2025.md) | 1 |  |"]
    many = split([str(n) for n in range(200)], lambda item: ("2026",), lambda key: key[-1],
                 5, label="All")
    assert contents("topics/x.md", many)[2] == "| [2026](x/2026.md) | 200 | 40 parts |"
