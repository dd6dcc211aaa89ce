"""The home page: what the collection holds, the newest papers, topics, papers per year.

The per-year counts go to front matter; ``overrides/home.html`` draws the chart as SVG.
"""

from __future__ import annotations

from collections import Counter

from .escaping import document, markdown_text
from .page_parts import paper_item, recently_read
from .site import (DATES_INDEX, HOME, LISTINGS_INDEX, STATUS_INDEX, TOPICS_INDEX, Site, link,
                   newest_first, status_path, topic_path)

NEWEST = 10


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
            "chart": [{"year": year, "count": per_year[year]} for year in sorted(per_year)],
            "undated": sum(1 for p in site.papers if not p.dated),
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
        "## Newest papers", "",
    ]
    body += [paper_item(paper, HOME) for paper in newest_first(dated)[:NEWEST]]
    read = recently_read(site, NEWEST)
    if read:
        body += ["## Recently read", ""]
        body += [paper_item(p, HOME, f"read {p.note.read_on.isoformat()}"
                            if p.note.read_on else "") for p in read]
        body += [f"[Everything read]({link(HOME, status_path('read'))}) · "
                 f"[Reading status]({link(HOME, STATUS_INDEX)})", ""]
    body += ["## Topics", "", "| Topic | Papers |", "| --- | ---: |"]
    for name in site.topic_names():
        target = link(HOME, topic_path(site.topic_slug(name)))
        body.append(f"| [{markdown_text(name)}]({target}) | {len(site.by_topic.get(name, []))} |")
    return body
