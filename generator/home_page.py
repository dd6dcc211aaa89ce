"""The home page: what the collection holds, the newest papers, topics, papers per year.

The per-year counts go to front matter; ``overrides/home.html`` draws the chart as SVG.
"""

from __future__ import annotations

from collections import Counter

from .escaping import document, markdown_text
from .page_parts import NEWEST, paper_item, plural, reading_queue, recently_read
from .site import (DATES_INDEX, HOME, LISTED, LISTINGS_INDEX, STATUS_INDEX, TOPICS_INDEX, UNDATED, Site,
                   link, newest_first, status_path, topic_path, url_of, year_path)


def generate_home_page(site: Site) -> dict[str, str]:
    return {HOME: render_home_page(site)}


def render_home_page(site: Site) -> str:
    per_year = Counter(p.dated.day.year for p in site.papers if p.dated)
    meta = {
        "template": "home.html",
        "title": "Home",
        "generated": True,
        "search": {"exclude": True},
        "hide": ["navigation"],
        "papershelf": {
            "chart": [{"year": year, "count": per_year[year], "url": url_of(year_path(year))}
                      for year in sorted(per_year)],
            "undated": sum(1 for p in site.papers if not p.dated),
            "undated_url": url_of(UNDATED),
            "total": len(site.papers),
        },
    }
    return document(meta, "\n".join(_body(site)))


def _body(site: Site) -> list[str]:
    dated = [p for p in site.papers if p.dated]
    multi = sum(1 for p in site.papers if len(p.listings) > 1)
    body = [
        "# Reading list", "",
        f"**{len(site.papers)} papers** from [{len(site.listings)} listings]"
        f"({link(HOME, LISTINGS_INDEX)}) ({multi} appear in several), in "
        f"[{len(site.taxonomy)} topics]({link(HOME, TOPICS_INDEX)}); "
        f"[{len(dated)} with a known date]({link(HOME, DATES_INDEX)}). "
        f"[About this list](about.md)", "",
    ]
    queue = reading_queue(site, NEWEST)
    if queue:
        waiting = sum(1 for p in site.papers if p.note and p.note.status == "to-read")
        body += ["## Reading queue", "",
                 f"{plural(waiting, 'paper')} to read, high priority first. "
                 f"[The whole queue]({link(HOME, status_path('to-read'))})", ""]
        body += [paper_item(p, HOME, site) for p in queue]
    read = recently_read(site, NEWEST)
    if read:
        body += ["## Recently read", ""]
        body += [paper_item(p, HOME, site, f"read {p.note.read_on.isoformat()}"
                            if p.note.read_on else "") for p in read]
        body += [f"[Everything read]({link(HOME, status_path('read'))}) · "
                 f"[Reading status]({link(HOME, STATUS_INDEX)})", ""]
    if dated:
        body += ["## Newest papers", ""]
        body += [paper_item(paper, HOME, site) for paper in newest_first(dated)[:NEWEST]]
    else:
        # No dates at all (listings without years, no arXiv ids): what came in last.
        body += ["## Recently listed", "",
                 f"No paper has a known date yet. [All by listing date]({link(HOME, LISTED)})",
                 ""]
        body += [paper_item(paper, HOME, site) for paper in newest_first(site.papers)[:NEWEST]]
    body += ["## Topics", "", "| Topic | Papers |", "| --- | ---: |"]
    for name in site.topic_names():
        target = link(HOME, topic_path(site.topic_slug(name)))
        body.append(f"| [{markdown_text(name)}]({target}) | {len(site.by_topic.get(name, []))} |")
    return body
