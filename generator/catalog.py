"""The public catalog, ``papers.json``: the papers as plain data for other tools.

Schema version 1; documented in the README. Keys are only ever added.
"""

from __future__ import annotations

from .dates import format_day_month
from .escaping import json_text
from .arxiv import parse_arxiv_id
from .model import DateKind, Listing, Paper, YearEvidence
from .site import paper_path, url_of

SCHEMA_VERSION = 1


def paper_record(paper: Paper) -> dict:
    return {
        "slug": paper.slug,
        "url": url_of(paper_path(paper.slug)),
        "title": paper.title,
        "abstract": paper.abstract,
        "authors": paper.authors,
        "organization": paper.organization,
        "published": paper.published.isoformat() if paper.published else None,
        "published_text": paper.published_text,
        "comments": paper.comments,
        "listings": [
            {
                "source": ref.source,
                "position": ref.position,
                "line": ref.line,
                "listed": ref.listed.isoformat() if ref.listed else None,
                "listed_text": ref.listed_text,
                "shape": ref.shape,
                "section": ref.section,
            }
            for ref in paper.listings
        ],
        "arxiv_id": paper.arxiv_id,
        "arxiv": arxiv_record(paper),
        "date": _date_record(paper),
        "author_names": list(paper.author_names),
        "summary": paper.summary,
        "upvotes": paper.upvotes,
        "arxiv_comments": paper.arxiv_facts.comments,
        "journal_ref": paper.arxiv_facts.journal_ref,
        "subjects": paper.arxiv_facts.subjects,
        "submitted_by": paper.submitted_by,
        "topics": list(paper.topics),
        "related": [link.to_json() for link in paper.related],
        "note": _note_record(paper),
    }


def arxiv_record(paper: Paper) -> dict | None:
    """What the id gives: the abstract page, the PDF, the Hugging Face page and the month
    of first submission (``YYYY-MM``)."""
    parsed = parse_arxiv_id(paper.arxiv_id) if paper.arxiv_id else None
    if parsed is None:
        return None
    return {"abs_url": parsed.abs_url, "pdf_url": parsed.pdf_url, "hf_url": parsed.hf_url,
            "submitted": parsed.submitted.isoformat()[:7]}


def _date_record(paper: Paper) -> dict | None:
    """The best known date and what it is: a day a listing printed, or the arXiv month."""
    known = paper.dated
    if known is None:
        return None
    value = known.day.isoformat()
    return {"value": value if known.kind is DateKind.PUBLISHED else value[:7],
            "kind": known.kind.value}


def _note_record(paper: Paper) -> dict | None:
    note = paper.note
    if note is None:
        return None
    return {"status": note.status, "rating": note.rating,
            "read_on": note.read_on.isoformat() if note.read_on else None,
            "tags": list(note.tags), "authors": list(note.authors),
            **{key: note.links.get(key)
                                        for key in ("arxiv", "pdf", "code", "doi")}}


def listing_record(listing: Listing, evidence: YearEvidence) -> dict:
    date = listing.day(evidence.year)
    full = date.to_date() if date else None
    return {
        "source": listing.source,
        "title": listing.title,
        "listed": full.isoformat() if full else None,
        "listed_text": format_day_month(date) if date else None,
        "year_basis": evidence.basis,
        "papers": len(listing.entries),
        "shape": listing.shape,
        "layout": listing.layout or None,
    }


def render_catalog(papers: list[Paper], listings: list[Listing],
                   years: dict[str, YearEvidence]) -> str:
    """The catalog as JSON text: sorted, stable, UTF-8 (non-ASCII kept as is)."""
    papers_json = [json_text(paper_record(p)) for p in sorted(papers, key=lambda p: p.slug)]
    listings_json = [json_text(listing_record(item, years[item.source]))
                     for item in sorted(listings, key=lambda item: item.source)]
    # One record a line: compact (the C encoder) yet readable in a diff.
    text = (f'{{"version": {SCHEMA_VERSION},\n"papers": [\n' + ",\n".join(papers_json)
            + '\n],\n"listings": [\n' + ",\n".join(listings_json) + "\n]}")
    # "</" is escaped so the JSON can also be inlined into a <script> block safely.
    return text.replace("</", "<\\/") + "\n"
