"""Pages made from the curator's notes: reading status, note tags, orphaned notes."""

from __future__ import annotations

from collections import defaultdict

from .escaping import code_block, markdown_text
from .page_parts import (READING_TAB, filter_options, page_document, paper_item, plural,
                         reading_queue, recently_read, with_status)
from .model import Paper
from .notes import STATUS_TITLES, STATUSES
from .site import (ORPHANS_PAGE, STATUS_INDEX, TAGS_PAGE, Site, link, newest_first,
                   paper_path, status_path, tag_anchor)


def generate_note_pages(site: Site) -> dict[str, str]:
    pages = {STATUS_INDEX: _status_index(site), TAGS_PAGE: _tags_page(site)}
    if site.publish_orphans:
        pages[ORPHANS_PAGE] = _orphans_page(site)
    for status in STATUSES:
        pages[status_path(status)] = _status_page(status, site)
    return pages


def _status_index(site: Site) -> str:
    rows = ["| Status | Papers |", "| --- | ---: |"]
    for status in STATUSES:
        rows.append(f"| [{STATUS_TITLES[status]}]({link(STATUS_INDEX, status_path(status))}) "
                    f"| {len(with_status(site, status))} |")
    noted = sum(1 for p in site.papers if p.note)
    return page_document("Reading status", [
        "# Reading status", "",
        f"{plural(noted, 'paper')} with a note: what the curator has read, is reading and "
        f"plans to read.", "",
        *rows, "",
        f"[Tags]({link(STATUS_INDEX, TAGS_PAGE)}) from the notes"
        + (f" · [Orphaned notes]({link(STATUS_INDEX, ORPHANS_PAGE)}) ({len(site.orphans)})"
           if site.publish_orphans else "")], tab=READING_TAB)


def _status_page(status: str, site: Site) -> str:
    path = status_path(status)
    if status == "read":
        papers, order = recently_read(site, len(site.papers)), ", the most recently read first."
    elif status == "to-read":
        papers, order = reading_queue(site, len(site.papers)), \
            ", high priority first, then newest first."
    else:
        papers, order = newest_first(with_status(site, status)), ", newest first."
    body = [f"# {STATUS_TITLES[status]}", "",
            f"{plural(len(papers), 'paper')}{order if papers else '.'} "
            f"[All statuses]({link(path, STATUS_INDEX)})", ""]
    for paper in papers:
        detail = f"read {paper.note.read_on.isoformat()}" if paper.note.read_on else ""
        body.append(paper_item(paper, path, site, detail))
    return page_document(STATUS_TITLES[status], body,
                         extra={"filters": filter_options(papers, site)}, tab=READING_TAB)


def _tags_page(site: Site) -> str:
    tagged: dict[str, list[Paper]] = defaultdict(list)
    for paper in site.papers:
        for tag in paper.note.tags if paper.note else []:
            tagged[tag].append(paper)
    body = ["# Tags", "", "Labels the curator gave papers in their notes."]
    for tag in sorted(tagged, key=str.casefold):
        body += ["", f"## {markdown_text(tag)} {{ #{tag_anchor(tag)} }}", ""]
        body += [f"- [{markdown_text(p.title)}]({link(TAGS_PAGE, paper_path(p.slug))})"
                 for p in tagged[tag]]
    if not tagged:
        body += ["", "No note has tags yet."]
    return page_document("Tags", body, tab=READING_TAB)


def _orphans_page(site: Site) -> str:
    body = ["# Orphaned notes", "",
            "Notes whose paper is no longer in the listings (or whose slug changed). They are "
            "kept untouched in `notes/`; rename a note to the paper's new slug to reattach it."]
    for orphan in site.orphans:
        note = orphan.note
        body += ["", f"## {markdown_text(note.slug)}", "",
                 f"File {markdown_text(note.path)}" + (
                     f"; closest current paper: [{markdown_text(orphan.closest.title)}]"
                     f"({link(ORPHANS_PAGE, paper_path(orphan.closest.slug))})"
                     if orphan.closest else "; no current paper is close.")]
        if note.body.strip():
            # As written, in a code block: its links were relative to a paper page.
            body += ["", code_block(note.body)]
    if not site.orphans:
        body += ["", "None: every note belongs to a paper."]
    return page_document("Orphaned notes", body, tab=READING_TAB)
