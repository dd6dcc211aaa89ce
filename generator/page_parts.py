"""Parts every page module uses: the document of an index page, a paper as a list item,
counts in words, and the selections of papers more than one page shows. Page modules
import from here and from :mod:`.site`, never from each other."""

from __future__ import annotations

from .escaping import document, excerpt, html_text, markdown_text
from .model import DateKind, Paper
from .site import Site, link, paper_path


def page_document(title: str, body: list[str], description: str = "",
                  extra: dict | None = None) -> str:
    meta = {"title": html_text(title), "generated": True, "search": {"exclude": True}}
    if description:
        meta["description"] = html_text(description)
    meta.update(extra or {})
    return document(meta, "\n".join(body))


def paper_item(paper: Paper, from_path: str, detail: str = "") -> str:
    """A definition-list entry: the linked title, then its date and a one-line excerpt."""
    facts = [markdown_text(part) for part in (_date_text(paper), detail) if part]
    facts.append(markdown_text(excerpt(paper.abstract)) if paper.abstract else "No abstract")
    target = link(from_path, paper_path(paper.slug))
    return f"[{markdown_text(paper.title)}]({target})\n:   {' · '.join(facts)}\n"


def _date_text(paper: Paper) -> str | None:
    """The date as a list shows it; a month from the arXiv id says what it is."""
    known = paper.dated
    if known is None:
        return None
    return known.text if known.kind is DateKind.PUBLISHED else f"arXiv, {known.text}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def last_seen(paper: Paper):
    """The latest date a paper is known by (listed or published), for sitemaps."""
    dates = [ref.listed for ref in paper.listings if ref.listed] + [paper.published]
    return max((d for d in dates if d), default=None)


def with_status(site: Site, status: str) -> list[Paper]:
    return [p for p in site.papers if p.note and p.note.status == status]


def recently_read(site: Site, count: int) -> list[Paper]:
    """Read papers, the most recently read first (undated reads last, by title)."""
    read = with_status(site, "read")
    return sorted(read, key=lambda p: (p.note.read_on is None,
                                       -(p.note.read_on.toordinal() if p.note.read_on else 0),
                                       p.slug))[:count]
