"""Index pages: topics, the date archive, "recently listed" and the listings.

All are Markdown written for MkDocs, excluded from search (they repeat paper text), with
relative links that ``mkdocs build --strict`` validates.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date

from .escaping import markdown_text
from .model import Paper
from .page_parts import (DATES_TAB, LISTINGS_TAB, TOPICS_TAB, filter_options, last_seen,
                         page_document, paper_item, plural, undated_lines)
from .site import (DATES_INDEX, LISTED, LISTINGS_INDEX, TOPICS_INDEX, UNDATED, Site,
                   bibtex_path, feed_path, link, newest_first, topic_path,
                   year_path)


def generate_topic_pages(site: Site) -> dict[str, str]:
    pages = {TOPICS_INDEX: _topics_index(site)}
    descriptions = {topic.name: topic.description for topic in site.taxonomy}
    for name in site.topic_names():
        path = topic_path(site.topic_slug(name))
        pages[path] = _topic_page(name, descriptions.get(name, ""), site.by_topic.get(name, []),
                                  path, site)
    return pages


def _topics_index(site: Site) -> str:
    rows = ["| Topic | Papers | About |", "| --- | ---: | --- |"]
    descriptions = {topic.name: topic.description for topic in site.taxonomy}
    for name in site.topic_names():
        target = link(TOPICS_INDEX, topic_path(site.topic_slug(name)))
        about = descriptions.get(name) or "Papers no topic rule matched."
        rows.append(f"| [{markdown_text(name)}]({target}) | {len(site.by_topic.get(name, []))} "
                    f"| {markdown_text(about)} |")
    intro = (f"{plural(len(site.papers), 'paper')} in {len(site.taxonomy)} topics; a paper "
             f"can belong to several.")
    return page_document("Topics", ["# Topics", "", intro, "", *rows], tab=TOPICS_TAB)


def _topic_page(name: str, description: str, papers: list[Paper], path: str,
                site: Site) -> str:
    body = [f"# {markdown_text(name)}", ""]
    if description:
        body += [markdown_text(description), ""]
    ordered = newest_first(papers)
    body += [f"{plural(len(papers), 'paper')}{order_note(ordered)} "
             f"[All topics]({link(path, TOPICS_INDEX)}) · "
             f"[Atom feed]({link(path, feed_path(path))}) · "
             f"[BibTeX]({link(path, bibtex_path(path))})", ""]
    body += _by_year(ordered, path, site)
    extra = {"feed": feed_path(path), "feed_title": name,
             "filters": filter_options(papers, site)}
    newest = max((last_seen(p) for p in papers if last_seen(p)), default=None)
    if newest:
        extra["lastmod"] = newest.isoformat()
    return page_document(name, body, description, extra, tab=TOPICS_TAB)


def order_note(ordered: list[Paper]) -> str:
    """What the order of a list means, for the sentence that opens it."""
    dated = sum(1 for p in ordered if p.dated)
    if dated == len(ordered):
        return ", newest first."
    listed = sum(1 for p in ordered if not p.dated and p.first_listed)
    rest = "the most recently listed first" if listed else "in the order of their listings"
    if not dated:
        return f"; no date is known, so they are {rest}."
    return (f": {dated} with a known date, newest first, then {len(ordered) - dated} "
            f"without one, {rest}.")


def _by_year(papers: list[Paper], path: str, site: Site) -> list[str]:
    lines, current = [], object()
    dated = [p for p in papers if p.dated]
    for paper in dated:
        year = paper.dated.day.year
        if year != current:
            lines += ["", f"## {year}", ""]
            current = year
        lines.append(paper_item(paper, path, site))
    undated = papers[len(dated):]
    if undated:
        lines += ["", "## Date unknown", ""] if dated else [""]
        lines += undated_lines(undated, site, path, 3 if dated else 2)
    return lines


def generate_date_pages(site: Site) -> dict[str, str]:
    dated = [p for p in site.papers if p.dated]
    by_year: dict[int, list[Paper]] = defaultdict(list)
    for paper in dated:
        by_year[paper.dated.day.year].append(paper)
    pages = {year_path(year): _year_page(year, papers, site)
             for year, papers in by_year.items()}
    undated = newest_first([p for p in site.papers if not p.dated])
    pages[UNDATED] = page_document("Date unknown", [
        "# Date unknown", "",
        f"{plural(len(undated), 'paper')} whose listings give no date, or a date whose "
        f"year is not known{order_note(undated)}", "",
        *undated_lines(undated, site, UNDATED, 2)],
        extra={"filters": filter_options(undated, site)}, tab=DATES_TAB)
    pages[LISTED] = _listed_page(site)
    pages[DATES_INDEX] = _dates_index(by_year, len(undated))
    return pages


def _dates_index(by_year: dict[int, list[Paper]], undated: int) -> str:
    rows = ["| Year | Papers | Months |", "| --- | ---: | --- |"]
    for year in sorted(by_year, reverse=True):
        months = defaultdict(int)
        for paper in by_year[year]:
            months[paper.dated.day.month] += 1
        spans = ", ".join(f"[{calendar.month_abbr[m]}]({year}.md#{_month_anchor(year, m)}) "
                          f"({months[m]})" for m in sorted(months, reverse=True))
        rows.append(f"| [{year}]({year}.md) | {len(by_year[year])} | {spans} |")
    body = ["# Dates", "", "Papers by date of publication, newest first.", "", *rows, "",
            f"[Date unknown](undated.md): {plural(undated, 'paper')}.", "",
            "[Recently listed](listed.md): papers by the date a listing first showed them."]
    return page_document("Dates", body, tab=DATES_TAB)


def _month_anchor(year: int, month: int) -> str:
    return f"{calendar.month_name[month].lower()}-{year}"


def _year_page(year: int, papers: list[Paper], site: Site) -> str:
    path = year_path(year)
    body = [f"# {year}", "", f"{plural(len(papers), 'paper')} published in {year}, newest "
                             f"first. [All dates]({link(path, DATES_INDEX)})"]
    current = None
    for paper in newest_first(papers):
        if paper.dated.day.month != current:
            current = paper.dated.day.month
            body += ["", f"## {calendar.month_name[current]} {year} "
                         f"{{ #{_month_anchor(year, current)} }}", ""]
        body.append(paper_item(paper, path, site))
    return page_document(str(year), body, extra={"filters": filter_options(papers, site)},
                         tab=DATES_TAB)


def _listed_page(site: Site) -> str:
    """Papers by the date a listing first showed them; unknown listing years last."""
    first_seen: dict[date | None, list[Paper]] = defaultdict(list)
    for paper in site.papers:
        known = [ref.listed for ref in paper.listings if ref.listed]
        first_seen[min(known) if known else None].append(paper)
    body = ["# Recently listed", "",
            "Papers by the date a listing first showed them, newest first.", ""]
    for day in sorted((d for d in first_seen if d), reverse=True):
        body += [f"## {day:%B} {day.day}, {day.year}", ""]
        body += [paper_item(p, LISTED, site) for p in newest_first(first_seen[day])]
    if first_seen.get(None):
        body += ["## Listing date unknown", "",
                 "Listed only on pages without a date or whose year is unknown.", ""]
        body += [paper_item(p, LISTED, site) for p in newest_first(first_seen[None])]
    return page_document("Recently listed", body,
                         extra={"filters": filter_options(site.papers, site)}, tab=DATES_TAB)


def generate_listing_pages(site: Site) -> dict[str, str]:
    pages: dict[str, str] = {}
    rows = ["| Listing | Papers |", "| --- | ---: |"]
    for listing in sorted(site.listings, key=lambda item: item.source):
        path = site.listing_path(listing.source)
        name = site.listing_title(listing.source)
        when = site.listing_when(listing) or "no date"
        rows.append(f"| [{markdown_text(name)}]({link(LISTINGS_INDEX, path)}) | "
                    f"{len(listing.entries)} |")
        pages[path] = _listing_page(listing, name, when, site, path)
    pages[LISTINGS_INDEX] = page_document("Listings", [
        "# Listings", "", "Every page the papers were collected from, in the order it "
        "showed them.", "", *rows], tab=LISTINGS_TAB)
    return pages


def _listing_page(listing, name: str, when: str, site: Site, path: str) -> str:
    body = [f"# {markdown_text(name)}", "",
            f"{plural(len(listing.entries), 'paper')}, {markdown_text(when)}, in the order "
            f"of the page. [All listings]({link(path, LISTINGS_INDEX)})", ""]
    papers = [site.paper_for(listing, entry) for entry in listing.entries]
    body += [paper_item(paper, path, site, f"#{entry.position}")
             for entry, paper in zip(listing.entries, papers)]
    return page_document(name, body, extra={"filters": filter_options(papers, site)},
                         tab=LISTINGS_TAB)
