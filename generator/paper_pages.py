"""One Markdown page per paper: front matter for the ``paper.html`` template, the abstract
as the body (so that search indexes it)."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote, quote_plus

from .arxiv import parse_arxiv_id
from .escaping import code_block, document, excerpt, html_text, text_block
from .exports import bibtex_entry
from .model import DateKind, Paper, RelatedLink
from .page_parts import last_seen
from .notes import STATUS_TITLES, TEMPLATE_HEAD, TEMPLATE_TAIL
from .site import (TAGS_PAGE, Site, bibtex_path, paper_path, status_path,
                   tag_anchor, topic_path, url_of)

NOTE_LINKS = (
    ("arxiv", "arXiv", "https://arxiv.org/abs/{}"),
    ("pdf", "PDF", "{}"),
    ("code", "Code", "{}"),
    ("doi", "DOI", "https://doi.org/{}"),
)
LINK_OUTS = (
    ("arXiv", "https://arxiv.org/search/?searchtype=title&query={}"),
    ("Hugging Face", "https://huggingface.co/papers?q={}"),
    ("Google Scholar", "https://scholar.google.com/scholar?q={}"),
)


def generate_paper_pages(site: Site) -> dict[str, str]:
    return {paper_path(paper.slug): render_paper_page(paper, site) for paper in site.papers}


def render_paper_page(paper: Paper, site: Site) -> str:
    note = paper.note
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
    latest = last_seen(paper)
    if latest:
        meta["lastmod"] = latest.isoformat()
    # Material's search shows tags as HTML: escaped like the title.
    meta["tags"] = [html_text(tag) for tag in paper.topics + (note.tags if note else [])]
    meta["papershelf"] = _paper_data(paper, site)
    body = []
    if paper.abstract:
        body.append(text_block(paper.abstract, "ps-abstract"))
    shown = "" if not note else code_block(note.body) if note.verbatim \
        else site.note_bodies.get(paper.slug, note.body)
    if shown.strip():
        # The curator's Markdown, as written (links that lead nowhere marked); the page's
        # HTML is sanitized by generator.markdown_safety.
        body.append("## Notes { #notes }\n\n" + shown)
    return document(meta, "\n\n".join(body))


def _paper_data(paper: Paper, site: Site) -> dict:
    """Plain text and root-relative URLs; the template escapes and relativises them."""
    return {
        "title": paper.title,
        "authors": paper.authors,
        "organization": paper.organization,
        "published": paper.published_text,
        "comments": paper.comments,
        "has_abstract": paper.abstract is not None,
        "listings": [{"name": site.listing_title(ref.source),
                      "url": url_of(site.listing_path(ref.source)),
                      "position": ref.position,
                      "listed": ref.listed_text} for ref in paper.listings],
        "topics": [{"name": name, "url": url_of(topic_path(site.topic_slug(name)))}
                   for name in paper.topics],
        "related": [_related_item(item, site) for item in paper.related],
        "links": _links(paper),
        "note": _note_data(paper),
        "edit": _edit_data(paper, site.notes_location),
        "bibtex": bibtex_path(paper_path(paper.slug)),
        "citation": _citation(paper),
        # Shown as a block to copy, as the page's .bib file holds it.
        "bibtex_entry": bibtex_entry(site, paper).rstrip("\n"),
        **_listing_facts(paper),
    }


def _citation(paper: Paper) -> dict:
    """What Google Scholar and Zotero (``citation_*``) and link previews (Open Graph) read
    from the page's head: plain text, escaped by the template."""
    note = paper.note
    links = note.links if note else {}
    arxiv_id = parse_arxiv_id(paper.arxiv_id) if paper.arxiv_id else None
    known = paper.dated
    day = known.day if known else None
    date = None if day is None else day.strftime("%Y/%m/%d") \
        if known.kind is DateKind.PUBLISHED else day.strftime("%Y/%m")
    return {
        "authors": list(note.authors) if note and note.authors else list(paper.author_names),
        "date": date,
        "arxiv_id": paper.arxiv_id,
        "pdf_url": arxiv_id.pdf_url if arxiv_id else links.get("pdf"),
        "doi": links.get("doi"),
        "description": excerpt(paper.abstract) or paper.summary or paper.title,
    }


def _listing_facts(paper: Paper) -> dict:
    """What the captures tell beyond title and abstract; only what is known, so that a
    paper without any of it has the same page as before these existed."""
    known = paper.dated
    facts = {
        "arxiv_id": paper.arxiv_id,
        "author_names": list(paper.author_names),
        "submitted": known.text if known and known.kind is DateKind.SUBMITTED else None,
        "summary": paper.summary,
        "upvotes": paper.upvotes,
        "arxiv_comments": paper.arxiv_facts.comments,
        "journal_ref": paper.arxiv_facts.journal_ref,
        "subjects": paper.arxiv_facts.subjects,
    }
    return {key: value for key, value in facts.items() if value}


def _links(paper: Paper) -> list[dict]:
    """Where to read it: what the arXiv id gives, the note's own links, then searches for
    the title (only those the id does not make needless)."""
    given = dict(paper.note.links) if paper.note else {}
    arxiv_id = parse_arxiv_id(paper.arxiv_id) if paper.arxiv_id else None
    links = []
    if arxiv_id:
        links = [{"label": "arXiv", "url": arxiv_id.abs_url},
                 {"label": "PDF", "url": arxiv_id.pdf_url},
                 {"label": "Hugging Face", "url": arxiv_id.hf_url}]
        given = {key: value for key, value in given.items() if key not in ("arxiv", "pdf")}
    links += [{"label": label, "url": pattern.format(given[key])}
              for key, label, pattern in NOTE_LINKS if key in given]
    query = quote_plus(paper.title)
    return links + [{"label": label, "url": pattern.format(query)}
                    for label, pattern in LINK_OUTS
                    if not (arxiv_id and label != "Google Scholar")
                    and not (label == "arXiv" and "arxiv" in given)]


def _edit_data(paper: Paper, notes_location: str) -> dict:
    """Where the edit button leads: the note, or a new-file form holding its template.

    The form's query string is built here, so that front matter never holds a
    multi-line string.
    """
    path = f"{notes_location}/{paper.slug}.md"
    # The same as urlencode({"filename": path, "value": note_template(title)}), with the
    # template's fixed parts encoded once rather than for every paper.
    head, tail = _encoded_template()
    query = (f"filename={quote(path, safe='')}&value={head}"
             f"{quote(' '.join(paper.title.split()), safe='')}{tail}")
    return {"path": path, "exists": paper.note is not None, "new_file_query": query}


@lru_cache(maxsize=1)
def _encoded_template() -> tuple[str, str]:
    return quote(TEMPLATE_HEAD, safe=""), quote(TEMPLATE_TAIL, safe="")


def _note_data(paper: Paper) -> dict | None:
    note = paper.note
    if note is None:
        return None
    return {"status": note.status, "status_title": STATUS_TITLES.get(note.status),
            "rating": note.rating,
            "read_on": note.read_on.isoformat() if note.read_on else None,
            "status_url": url_of(status_path(note.status)) if note.status else None,
            "tags": [{"name": tag, "url": url_of(TAGS_PAGE) + "#" + tag_anchor(tag)}
                     for tag in note.tags]}


def _related_item(link: RelatedLink, site: Site) -> dict:
    other = site.by_slug[link.slug]
    return {"title": other.title, "url": url_of(paper_path(other.slug)),
            "score": link.score, "why": list(link.why)}
