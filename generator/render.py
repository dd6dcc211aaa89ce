"""The render stage: every generated file from the computed collection. Pure: the files
the docs folder already holds by hand are given, never looked up here.

Rendering also checks the links in the curator's notes against every path the site will
have (the generated pages and the hand-written files), so that ``check`` and ``build``
report a broken link by the note's file and line before MkDocs runs, and the page shows
the link's text with a marker instead of failing the build.
"""

from __future__ import annotations

from collections.abc import Collection as Paths
from dataclasses import dataclass
from functools import partial

from .catalog import render_catalog
from .exports import generate_exports
from .home_page import generate_home_page
from .date_pages import generate_date_pages
from .index_pages import generate_listing_pages, generate_topic_pages
from .model import Diagnostic, Level, Paper
from .note_links import NOTE_PAGE_FOLDER, find_links, mark_broken, problem
from .notes_pages import generate_note_pages
from .paper_pages import generate_paper_pages, paper_positions, render_paper_page
from .parallel import Task, run_tasks
from .site import CATALOG, Site, check_unique_paths, paper_path

SUGGESTED = 10
# Below this many papers the render stage takes under a second: not worth a second process.
PARALLEL_FROM = 1000


@dataclass(frozen=True)
class Rendered:
    outputs: dict[str, str]
    diagnostics: list[Diagnostic]


def render_site(collection, docs_files: Paths[str] = (), notes_location: str = "notes",
                **settings) -> Rendered:
    """Every generated file, as a mapping of path (relative to docs) to text, and what
    rendering found wrong (links in notes that lead nowhere). ``settings`` are
    :class:`Site`'s (the site's address and name, listing names, ...)."""
    site = Site(collection.papers, collection.listings, collection.years, collection.taxonomy,
                collection.orphans, notes_location, **settings)
    kinds = run_tasks(_tasks(collection, site),
                      parallel=len(collection.papers) >= PARALLEL_FROM)
    check_unique_paths(*kinds)  # no two kinds of page meant for one path
    outputs = {path: text for pages in kinds for path, text in pages.items()}
    known = set(outputs) | set(docs_files)
    diagnostics, positions = [], None
    for paper in collection.papers:
        found = _broken_links(paper, known)
        if found:
            diagnostics.extend(found[1])
            site.note_bodies[paper.slug] = found[0]
            positions = positions if positions is not None else paper_positions(site)
            outputs[paper_path(paper.slug)] = render_paper_page(paper, site,
                                                                positions.get(paper.slug))
    return Rendered(outputs, diagnostics)


def _tasks(collection, site: Site) -> list[Task]:
    """Each kind of page, with its share of the work (as measured at 20,000 papers); paper
    pages in two halves."""
    def catalog():
        return {CATALOG: render_catalog(collection.papers, collection.listings,
                                        collection.years)}

    return [(1.5, catalog), (0.1, partial(generate_home_page, site)),
            (2.2, partial(generate_paper_pages, site, part=(0, 2))),
            (2.2, partial(generate_paper_pages, site, part=(1, 2))),
            (2.2, partial(generate_topic_pages, site)), (1.1, partial(generate_date_pages, site)),
            (0.4, partial(generate_listing_pages, site)),
            (0.1, partial(generate_note_pages, site)), (1.8, partial(generate_exports, site))]


def render_outputs(collection, **settings) -> dict[str, str]:
    return render_site(collection, **settings).outputs


def _broken_links(paper: Paper, known: set[str]) -> tuple[str, list[Diagnostic]] | None:
    """The note's body with its broken links marked, and a warning for each."""
    note = paper.note
    if note is None or note.verbatim or "](" not in note.body and "]:" not in note.body:
        return None
    broken, diagnostics = [], []
    for link in find_links(note.body):
        # Finding the page meant searches every page: for the first few links only.
        why = problem(link, known, NOTE_PAGE_FOLDER, suggest=len(broken) < SUGGESTED)
        if why:
            broken.append(link)
            diagnostics.append(Diagnostic(Level.WARNING, note.path,
                                          note.body_line + link.line - 1,
                                          f"{why}; shown as text"))
    return (mark_broken(note.body, broken), diagnostics) if broken else None
