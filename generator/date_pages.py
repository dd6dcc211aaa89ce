"""The date archive: a page per year, one for the papers without a date and one of the
papers by the day a listing first showed them; each split into parts (:mod:`.parts`) when
it is long."""

from __future__ import annotations

import calendar
from collections import defaultdict

from slugify import slugify

from .escaping import markdown_text
from .model import Paper
from .page_parts import DATES_TAB, NEWEST, by_title, filter_options, page_document, \
    paper_item, plural, undated_lines
from .parts import Part, contents, date_label, grouped, listed_key, order_note, part_path, \
    publication_key, split, trail, trimmed
from .site import DATES_INDEX, LISTED, UNDATED, Site, link, newest_first, year_path


def generate_date_pages(site: Site) -> dict[str, str]:
    limit = site.papers_per_page
    by_year: dict[int, list[Paper]] = defaultdict(list)
    for paper in newest_first([p for p in site.papers if p.dated]):
        by_year[paper.dated.day.year].append(paper)
    pages, years = {}, {}
    for year, papers in by_year.items():
        years[year] = root = split(papers, _in_year, _year_label(year), limit, label=str(year))
        pages.update({part_path(year_path(year), part.key): _year_page(year, part, root, site)
                      for part in root.walk()})
    undated = by_title([p for p in site.papers if not p.dated])
    root = split(undated, _in_year, lambda key: date_label(("undated", *key)), limit,
                 label="Date unknown")
    pages.update({part_path(UNDATED, part.key): _undated_page(part, root, site)
                  for part in root.walk()})
    root = split(_by_first_listing(site.papers), listed_key, date_label, limit,
                 label="Recently listed")
    pages.update({part_path(LISTED, part.key): _listed_page(part, root, site)
                  for part in root.walk()})
    pages[DATES_INDEX] = _dates_index(years, len(undated))
    return pages


def _in_year(paper: Paper) -> tuple[str, ...]:
    """A paper's key below its year (or below "undated")."""
    return publication_key(paper)[1:]


def _year_label(year: int):
    return lambda key: date_label((str(year), *key))


def _dates_index(years: dict[int, Part], undated: int) -> str:
    rows = ["| Year | Papers | Months |", "| --- | ---: | --- |"]
    for year in sorted(years, reverse=True):
        root, page = years[year], year_path(year)
        months: dict[int, int] = defaultdict(int)
        for paper in root.papers:
            months[paper.dated.day.month] += 1
        spans = ", ".join(f"[{calendar.month_abbr[m]}]({_month_link(root, page, m)}) "
                          f"({months[m]})" for m in sorted(months, reverse=True))
        rows.append(f"| [{year}]({link(DATES_INDEX, page)}) | {len(root.papers)} | {spans} |")
    body = ["# Dates", "", "Papers by date of publication, newest first.", "", *rows, "",
            f"[Date unknown]({link(DATES_INDEX, UNDATED)}): {plural(undated, 'paper')}.", "",
            f"[Recently listed]({link(DATES_INDEX, LISTED)}): papers by the date a listing "
            f"first showed them."]
    return page_document("Dates", body, tab=DATES_TAB)


def _month_link(root: Part, page: str, month: int) -> str:
    """Where a month of a year is: its own part, or its heading on the year's page."""
    if root.parts:
        return link(DATES_INDEX, part_path(page, (f"{month:02}",)))
    # The anchor grouped() gives the month's heading on the year's page.
    return f"{link(DATES_INDEX, page)}#{slugify(date_label((root.label, f'{month:02}')))}"


def _year_page(year: int, part: Part, root: Part, site: Site) -> str:
    path = year_path(year)
    here = part_path(path, part.key)
    everything = f"[All dates]({link(here, DATES_INDEX)})"
    if part.key:
        body = [f"# {markdown_text(part.label)}", "",
                f"{everything} › {trail(path, str(year), part, root)}", "",
                f"{plural(len(part.papers), 'paper')}{order_note(part.papers)}"]
    else:
        body = [f"# {year}", "", f"{plural(len(part.papers), 'paper')} published in {year}, "
                                 f"newest first. {everything}"]
    return _listing_of(part.label, body, part, path, site,
                       lambda: grouped(part, _in_year, _year_label(year), here, site, 0))


def _undated_page(part: Part, root: Part, site: Site) -> str:
    here = part_path(UNDATED, part.key)
    if part.key:
        body = [f"# Date unknown: {markdown_text(part.label)}", "",
                trail(UNDATED, "Date unknown", part, root), "",
                f"{plural(len(part.papers), 'paper')} whose listings give no date, by title."]
        lines = lambda: [paper_item(p, here, site) for p in part.papers]  # noqa: E731
    else:
        body = ["# Date unknown", "",
                f"{plural(len(part.papers), 'paper')} whose listings give no date, or a date "
                f"whose year is not known{order_note(newest_first(part.papers))}"]
        lines = lambda: undated_lines(newest_first(part.papers), site, UNDATED, 2)  # noqa: E731
    title = f"Date unknown: {part.label}" if part.key else "Date unknown"
    return _listing_of(title, body, part, UNDATED, site, lines)


def _by_first_listing(papers: list[Paper]) -> list[Paper]:
    """By the day a listing first showed them, newest first; unknown listing days last."""
    first_seen = defaultdict(list)
    for paper in papers:
        key = listed_key(paper)
        first_seen[key if key[0] != "unknown" else None].append(paper)
    days = sorted((key for key in first_seen if key), reverse=True)
    ordered = [p for day in days for p in newest_first(first_seen[day])]
    return ordered + by_title(first_seen.get(None, []))


def _listed_page(part: Part, root: Part, site: Site) -> str:
    here = part_path(LISTED, part.key)
    if part.key:
        title = f"Recently listed: {part.label}"
        order = "listed only on pages without a date or whose year is unknown, by title" \
            if part.key[0] == "unknown" else "newest first"
        body = [f"# {markdown_text(title)}", "", trail(LISTED, "Recently listed", part, root),
                "", f"{plural(len(part.papers), 'paper')}, {order}."]
    else:
        title = "Recently listed"
        body = ["# Recently listed", "",
                "Papers by the date a listing first showed them, newest first."]
    if part.parts and not part.key:
        newest = [p for p in part.papers[:NEWEST] if listed_key(p)[0] != "unknown"]
        body += ["", "## Most recently listed", "", *(paper_item(p, here, site) for p in newest),
                 "## All papers"] if newest else []
    return _listing_of(title, body, part, LISTED, site, lambda: _by_day(part, here, site))


def _by_day(part: Part, path: str, site: Site) -> list[str]:
    """The papers of a part of "Recently listed" under a heading per day, unless the part
    is a single day or has no listing day."""
    unknown = part.key[:1] == ("unknown",)
    if len(part.key) >= 3 or unknown:  # a day, or by title
        return [paper_item(p, path, site) for p in part.papers]
    lines = []
    for key, group in _runs(part.papers, lambda p: listed_key(p)[:3]):
        lines += [f"## {markdown_text(date_label(key))}", ""]
        if key[0] == "unknown":
            lines += ["Listed only on pages without a date or whose year is unknown.", ""]
            group = newest_first(group)
        lines += [paper_item(p, path, site) for p in group]
    return lines


def _runs(papers: list[Paper], key_of) -> list[tuple[tuple, list[Paper]]]:
    groups: dict[tuple, list[Paper]] = {}
    for paper in papers:
        key = key_of(paper)
        groups.setdefault(key if key[0] != "unknown" else ("unknown",), []).append(paper)
    return list(groups.items())


def _listing_of(title: str, body: list[str], part: Part, path: str, site: Site,
                lines) -> str:
    """A page of the archive: its parts, or its papers with the filter over them."""
    if part.parts:
        return page_document(title, [*body, "", *contents(path, part)], tab=DATES_TAB)
    return page_document(title, [*body, "", *trimmed(lines())],
                         extra={"filters": filter_options(part.papers, site)}, tab=DATES_TAB)
