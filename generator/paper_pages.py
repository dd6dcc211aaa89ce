"""One Markdown page per paper: front matter for the ``paper.html`` template, the abstract
as the body (so that search indexes it)."""

from __future__ import annotations

from urllib.parse import quote_plus

from .escaping import document, excerpt, html_text, markdown_text
from .model import Paper
from .site import Site, listing_name, listing_path, paper_path, topic_path, url_of

LINK_OUTS = (
    ("arXiv", "https://arxiv.org/search/?searchtype=title&query={}"),
    ("Hugging Face", "https://huggingface.co/papers?q={}"),
    ("Google Scholar", "https://scholar.google.com/scholar?q={}"),
)


def generate_paper_pages(site: Site) -> dict[str, str]:
    return {paper_path(paper.slug): render_paper_page(paper, site) for paper in site.papers}


def render_paper_page(paper: Paper, site: Site) -> str:
    meta = {
        "template": "paper.html",
        "generated": True,
        # Printed by the theme as HTML: escaped here, once.
        "title": html_text(paper.title),
        "description": html_text(excerpt(paper.abstract) or paper.title),
    }
    # Paper pages are not in the navigation and have no Markdown headings: both sidebars
    # would be empty.
    meta["hide"] = ["navigation", "toc"]
    if paper.published:
        meta["date"] = paper.published.isoformat()
    meta["tags"] = list(paper.topics)
    meta["papershelf"] = _paper_data(paper, site)
    body = markdown_text(paper.abstract) if paper.abstract else ""
    return document(meta, body)


def _paper_data(paper: Paper, site: Site) -> dict:
    """Plain text and root-relative URLs; the template escapes and relativises them."""
    return {
        "title": paper.title,
        "authors": paper.authors,
        "organization": paper.organization,
        "published": paper.published_text,
        "comments": paper.comments,
        "has_abstract": paper.abstract is not None,
        "listings": [{"name": listing_name(ref.source),
                      "url": url_of(listing_path(ref.source)),
                      "position": ref.position,
                      "listed": ref.listed_text} for ref in paper.listings],
        "topics": [{"name": name, "url": url_of(topic_path(site.topic_slug(name)))}
                   for name in paper.topics],
        "related": [_related_item(item, site) for item in paper.related],
        "links": [{"label": label, "url": pattern.format(quote_plus(paper.title))}
                  for label, pattern in LINK_OUTS],
    }


def _related_item(item: dict, site: Site) -> dict:
    other = site.by_slug[item["slug"]]
    return {"title": other.title, "url": url_of(paper_path(other.slug)),
            "score": item["score"], "why": list(item["why"])}
