"""One Markdown page per paper: front matter for the ``paper.html`` template, the abstract
as the body (so that search indexes it)."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote, quote_plus

from .arxiv import parse_arxiv_id
from .escaping import code_block, document, excerpt, html_text, markdown_text, text_block
from .exports import bibtex_entry
from .model import DateKind, Paper, RelatedLink
from .page_parts import TOPICS_TAB, curation_badges, last_seen, plural
from .notes import TEMPLATE_HEAD, TEMPLATE_TAIL
from .site import Site, bibtex_path, newest_first, paper_path, topic_path, url_of
from .related import closeness, closeness_range
from .tex import display_markdown, has_markup, segments
from .topics import UNCATEGORISED

NOTE_LINKS = (
    ("arxiv", "arXiv", "https://arxiv.org/abs/{}"),
    ("pdf", "PDF", "{}"),
    ("code", "Code", "{}"),
    ("project", "Project page", "{}"),
    ("doi", "DOI", "https://doi.org/{}"),
)
# Searches for the title, labelled as such: only those an arXiv id does not make needless.
SEARCHES = (
    ("arXiv", "https://arxiv.org/search/?searchtype=title&query={}"),
    ("Hugging Face", "https://huggingface.co/papers?q={}"),
    ("Google Scholar", "https://scholar.google.com/scholar?q={}"),
)
# A collaboration of thousands: the page names this many, the citation all of them.
AUTHORS_SHOWN = 200
# Markdown attributes: these lines repeat what search finds elsewhere (Material's search
# skips an element with data-search-exclude).
_NOT_SEARCHED = 'data-search-exclude="1"'


def generate_paper_pages(site: Site, part: tuple[int, int] = (0, 1)) -> dict[str, str]:
    """Every paper's page; with ``part`` (i, n), every n-th paper's from the i-th."""
    positions = paper_positions(site)
    index, count = part
    return {paper_path(paper.slug): render_paper_page(paper, site, positions.get(paper.slug))
            for paper in site.papers[index::count]}


def paper_positions(site: Site) -> dict[str, dict]:
    """Each paper's place in its first topic, in that topic page's order: the breadcrumb
    and the previous and next paper there."""
    positions = {}
    for name in site.topic_names():
        ordered = newest_first(site.by_topic.get(name, []))
        topic = {"name": name, "url": url_of(topic_path(site.topic_slug(name)))}
        for index, paper in enumerate(ordered):
            if paper.topics[0] != name:
                continue
            positions[paper.slug] = {
                "topic": topic,
                "previous": _neighbour(ordered[index - 1]) if index else None,
                "next": _neighbour(ordered[index + 1]) if index + 1 < len(ordered) else None}
    return positions


def _neighbour(paper: Paper) -> dict:
    return {"title": paper.title, "url": url_of(paper_path(paper.slug)),
            **_with_parts(paper.title)}


def _with_parts(title: str) -> dict:
    # Only for a title with formulas: most have none, and every page lists several.
    parts = title_parts(title)
    return {"title_parts": parts} if parts else {}


def title_parts(title: str) -> list[dict] | None:
    """A title's text and formulas, for the template to mark the formulas for KaTeX; None
    for a title without any (the template shows it as it is)."""
    if not has_markup(title):
        return None
    return [{"kind": s.kind.value, "text": s.text, "source": s.source}
            for s in segments(title)]


def render_paper_page(paper: Paper, site: Site, position: dict | None = None) -> str:
    note = paper.note
    meta = {
        "template": "paper.html",
        "generated": True,
        # Printed by the theme as HTML: escaped here, once.
        "title": html_text(paper.title),
        "description": html_text(excerpt(paper.abstract) or paper.title),
    }
    # Paper pages are not in the navigation: the left sidebar would be empty. The right
    # one lists the page's sections (overrides/partials/toc.html).
    meta["hide"] = ["navigation"]
    meta["tab"] = TOPICS_TAB
    if paper.published:
        meta["date"] = paper.published.isoformat()
    latest = last_seen(paper)
    if latest:
        meta["lastmod"] = latest.isoformat()
    # Material's search shows tags as HTML: escaped like the title.
    meta["tags"] = [html_text(tag) for tag in paper.topics + (note.tags if note else [])]
    meta["papershelf"] = _paper_data(paper, site, position)
    body = _head(paper)
    if paper.abstract:
        body.append(text_block(paper.abstract, "ps-abstract", "abstract"))
    else:
        body.append("*No abstract in the listings.*\n{: .ps-abstract #abstract }")
    body += _arxiv_facts(paper)
    shown = "" if not note else code_block(note.body) if note.verbatim \
        else site.note_bodies.get(paper.slug, note.body)
    if shown.strip():
        # The curator's Markdown, as written (links that lead nowhere marked); the page's
        # HTML is sanitized by generator.markdown_safety.
        body.append("## Notes { #notes }\n\n" + shown)
    return document(meta, "\n\n".join(body))


def _head(paper: Paper) -> list[str]:
    """What a reader wants before the abstract, as Markdown: who and when, where to read
    it, the curator's verdict and summary, a summary a listing gave."""
    path = paper_path(paper.slug)
    head = []
    facts = _facts(paper)
    if facts:
        head.append(" · ".join(facts) + "\n{: .ps-meta }")
    links = [f"[{label}](<{url}>)" for label, url in _links(paper)]
    searches = [f"[{label}](<{url}>)" for label, url in _searches(paper)]
    line = " · ".join(links)
    if searches:
        line += (" · " if links else "") + "Search: " + " · ".join(searches)
    head.append(f"{line}\n{{: .ps-links {_NOT_SEARCHED} }}")
    note = paper.note
    badges = curation_badges(paper, path)
    if note and note.read_on:
        badges.insert(1 if note.status else 0, f"on {note.read_on.isoformat()}")
    if badges:
        head.append(" ".join(badges) + f"\n{{: .ps-note-meta {_NOT_SEARCHED} }}")
    if note and note.summary:
        head.append(f"**Summary:** {display_markdown(note.summary)}\n{{: .ps-summary }}")
    if paper.summary:
        head.append(text_block(paper.summary, "ps-ai-summary"))
    return head


def _facts(paper: Paper) -> list[str]:
    """Who (names, else how many), when and what kind of date, the arXiv id, counts."""
    arxiv_id = paper.known_arxiv_id
    when = _when(paper)
    counts = [plural(n, word) for n, word in ((paper.upvotes, "upvote"),
                                              (paper.comments, "comment")) if n]
    return [part for part in (_who(paper), markdown_text(when) if when else None,
                              markdown_text(f"arXiv:{arxiv_id}") if arxiv_id else None,
                              *map(markdown_text, counts)) if part]


def _who(paper: Paper) -> str | None:
    names = paper.author_list
    if names:
        shown = names[:AUTHORS_SHOWN]
        more = len(names) - len(shown)
        return display_markdown(", ".join(shown)) + (
            f" and {more} more (all in the citation)" if more else "")
    if paper.authors:
        return markdown_text(plural(paper.authors, "author"))
    return markdown_text(paper.organization) if paper.organization else None


def _when(paper: Paper) -> str | None:
    """The best date known and what kind it is."""
    known, first = paper.dated, paper.first_listed
    if known:
        return f"Published {known.text}" if known.kind is DateKind.PUBLISHED \
            else f"First submitted to arXiv in {known.text}"
    if first:
        return f"First listed {first.listed_text or first.listed.isoformat()}"
    printed = next((ref.listed_text for ref in paper.listings if ref.listed_text), None)
    return f"Listed {printed}, year unknown" if printed else None


def _paper_data(paper: Paper, site: Site, position: dict | None) -> dict:
    """Plain text and root-relative URLs; the template escapes and relativises them."""
    return {
        "title": paper.title,
        "title_parts": title_parts(paper.title),
        "position": position,
        "has_abstract": paper.abstract is not None,
        "has_note": bool(paper.note and paper.note.body.strip()),
        "listings": [{"name": site.listing_title(ref.source),
                      "url": url_of(site.listing_path(ref.source)),
                      "position": ref.position,
                      "listed": ref.listed_text} for ref in paper.listings],
        "topics": [{"name": name, "url": url_of(topic_path(site.topic_slug(name)))}
                   for name in paper.topics],
        "related": [_related_item(item, site, paper) for item in paper.related],
        "edit": _edit_data(paper, site.notes_location),
        "bibtex": bibtex_path(paper_path(paper.slug)),
        "citation": _citation(paper),
        # Shown as a block to copy, as the page's .bib file holds it.
        "bibtex_entry": bibtex_entry(site, paper).rstrip("\n"),
    }


def _citation(paper: Paper) -> dict:
    """What Google Scholar and Zotero (``citation_*``) and link previews (Open Graph) read
    from the page's head: plain text, escaped by the template."""
    note = paper.note
    links = note.links if note else {}
    arxiv_id = parse_arxiv_id(paper.known_arxiv_id) if paper.known_arxiv_id else None
    known = paper.dated
    day = known.day if known else None
    date = None if day is None else day.strftime("%Y/%m/%d") \
        if known.kind is DateKind.PUBLISHED else day.strftime("%Y/%m")
    return {
        "authors": paper.author_list,
        "date": date,
        "arxiv_id": paper.known_arxiv_id,
        "pdf_url": arxiv_id.pdf_url if arxiv_id else links.get("pdf"),
        "doi": links.get("doi"),
        "description": excerpt(paper.abstract) or paper.summary or paper.title,
    }


def _arxiv_facts(paper: Paper) -> list[str]:
    """What an arXiv listing prints beyond title, authors and abstract, after the abstract
    as arXiv shows it: verbatim paragraphs, labelled by the stylesheet."""
    facts = paper.arxiv_facts
    return [text_block(value, f"ps-fact ps-fact--{kind}")
            for kind, value in (("comments", facts.comments), ("journal", facts.journal_ref),
                                ("subjects", facts.subjects)) if value]


def _links(paper: Paper) -> list[tuple[str, str]]:
    """Where to read it: what the arXiv id gives, then the note's own links. Addresses
    hold no spaces, quotes or angle brackets (ids and notes are validated)."""
    given = dict(paper.note.links) if paper.note else {}
    known = paper.known_arxiv_id
    arxiv_id = parse_arxiv_id(known) if known else None
    links = []
    if arxiv_id:
        links = [("arXiv", arxiv_id.abs_url), ("PDF", arxiv_id.pdf_url),
                 ("Hugging Face", arxiv_id.hf_url)]
        given = {key: value for key, value in given.items() if key not in ("arxiv", "pdf")}
    return links + [(label, pattern.format(given[key]))
                    for key, label, pattern in NOTE_LINKS if key in given]


def _searches(paper: Paper) -> list[tuple[str, str]]:
    """Title searches: Google Scholar always; arXiv and Hugging Face without an id."""
    query = quote_plus(" ".join(paper.title.split()))
    with_id = paper.known_arxiv_id is not None
    return [(label, pattern.format(query)) for label, pattern in SEARCHES
            if not (with_id and label != "Google Scholar")]


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


def _related_item(link: RelatedLink, site: Site, paper: Paper) -> dict:
    other = site.by_slug[link.slug]
    return {"title": other.title, "url": url_of(paper_path(other.slug)),
            **_with_parts(other.title),
            "why": list(link.why),
            "closeness": None if link.score is None else closeness(link.score),
            "scores": None if link.score is None else closeness_range(link.score),
            "topics": [name for name in paper.topics if name in other.topics
                       and name != UNCATEGORISED]}
