"""Index pages: the topics and the listings (the date archive is :mod:`.date_pages`).

All are Markdown written for MkDocs, excluded from search (they repeat paper text), with
relative links that ``mkdocs build --strict`` validates.
"""

from __future__ import annotations

from .escaping import markdown_text
from .page_parts import (LISTINGS_TAB, NEWEST, TOPICS_TAB, filter_options, last_seen,
                         page_document, paper_item, plural)
from .parts import (Part, archive_order, contents, date_label, grouped, order_note, part_path,
                    publication_key, split, trail, trimmed)
from .site import LISTINGS_INDEX, TOPICS_INDEX, Site, bibtex_path, feed_path, link, topic_path


def generate_topic_pages(site: Site) -> dict[str, str]:
    pages = {TOPICS_INDEX: _topics_index(site)}
    descriptions = {topic.name: topic.description for topic in site.taxonomy}
    for name in site.topic_names():
        path = topic_path(site.topic_slug(name))
        papers = archive_order(site.by_topic.get(name, []))
        root = split(papers, publication_key, date_label, site.papers_per_page)
        for part in root.walk():
            pages[part_path(path, part.key)] = _topic_page(
                name, descriptions.get(name, ""), part, root, path, site)
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


def _topic_page(name: str, description: str, part: Part, root: Part, path: str,
                site: Site) -> str:
    here = part_path(path, part.key)
    papers = part.papers
    if part.key:
        title = f"{name}: {part.label}"
        order = ", by title." if part.key[0] == "undated" and len(part.key) > 1 \
            else order_note(papers)
        body = [f"# {markdown_text(title)}", "", trail(path, name, part, root), "",
                f"{plural(len(papers), 'paper')}{order}", ""]
    else:
        title = name
        body = [f"# {markdown_text(name)}", ""]
        if description:
            body += [markdown_text(description), ""]
        body += [f"{plural(len(papers), 'paper')}{order_note(papers)} "
                 f"[All topics]({link(path, TOPICS_INDEX)}) · "
                 f"[Atom feed]({link(path, feed_path(path))}) · "
                 f"[BibTeX]({link(path, bibtex_path(path))})", ""]
    extra = {"feed": feed_path(path), "feed_title": name} if not part.key else {}
    if part.parts:
        newest = [p for p in papers[:NEWEST] if p.dated] if not part.key else []
        if newest:
            body += ["## Newest", "", *(paper_item(p, here, site) for p in newest),
                     "## All papers", ""]
        body += contents(path, part)
    else:
        body += trimmed(grouped(part, publication_key, date_label, here, site))
        extra["filters"] = filter_options(papers, site)
    newest = max((last_seen(p) for p in papers if last_seen(p)), default=None)
    if newest:
        extra["lastmod"] = newest.isoformat()
    return page_document(title, body, description if not part.key else "", extra,
                         tab=TOPICS_TAB)


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
