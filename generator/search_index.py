"""The site's search index: Pagefind, run on the built site by the ``papershelf`` plugin.

Pagefind (PyPI ``pagefind[bin]``, whose wheel ships the binary: nothing is downloaded at
build or at run time) writes ``site/pagefind/``: a small runtime, an index split into
chunks by word and one fragment per page. The browser fetches the runtime when the search
box gets focus, then only the chunks of the words typed and the fragments of the results
it shows (``docs/javascripts/pagefind-search.js``), so what a visitor downloads grows with
the query, not with the collection (at 20,000 papers: about 0.5 MB for a first search,
against 24 MB of ``search_index.json`` before any result).

What is indexed is what the templates mark: ``data-pagefind-body`` on a paper's title,
authors, abstract and note (``overrides/paper.html``) and on pages of their own such as
About (``overrides/main.html``); never the generated index pages, which repeat the
papers' text. The search links and the reading status are excluded here.

Pagefind does not read the site itself but a search copy of each page (:class:`Copies`):
the part between the templates' ``papershelf:search`` comments and the head's Pagefind
metadata, a few KB where a whole page is 30 (at 20,000 papers Pagefind spent 10 s of 25
parsing whole pages). The copies live in ``.papershelf/search/`` under the pages' own
paths, so the index's addresses are the site's, and a copy is rewritten only when it
changes: Pagefind runs again only when some page's searchable text changed, not when
only its related papers, topics or links did (:mod:`.pagefind_bundle` runs it). Its output
is the same bytes for the same copies, whatever order they were written in.
"""

from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path

from .files import prune_empty_dirs, stamp
from .pagefind_bundle import bundle_stamps, index_site

log = logging.getLogger("mkdocs.plugins.papershelf")


# What a page's search copy keeps (overrides/paper.html, overrides/main.html).
START, END = "<!-- papershelf:search -->", "<!-- /papershelf:search -->"
_META = re.compile(r"<meta\b[^>]*\bdata-pagefind-[^>]*>")
_LANGUAGE = re.compile(r'<html\b[^>]*\blang="([^"<>]*)"')


def search_copy(html: str) -> str | None:
    """The page as Pagefind needs it: its searchable part, inside the element that says
    so, and its metadata; None for a page with nothing to search. A page marked searchable
    without the comments (a plugin that strips them) is copied whole."""
    start, end = html.find(START), html.rfind(END)
    if start < 0 or end < start:
        return html if "data-pagefind-body" in html else None
    head = html[:max(html.find("</head>"), 0)]
    language = _LANGUAGE.search(head)
    return ("<!DOCTYPE html>\n"
            f'<html lang="{language.group(1) if language else "en"}"><head>'
            f'<meta charset="utf-8">{"".join(_META.findall(head))}</head>\n'
            f"<body><div data-pagefind-body>{html[start + len(START):end]}</div></body>"
            "</html>\n")


class Copies:
    """The search copies of the pages, each at its page's path under ``folder``."""

    def __init__(self, folder: Path, work: Path | None = None) -> None:
        self.folder, self.work = folder, work  # work: where Pagefind writes (pagefind_bundle)
        self.changed = False

    def path(self, page: str) -> str:
        return os.path.join(self.folder, page)

    def stamp(self, page: str):
        return stamp(self.path(page))

    def write(self, page: str, html: str) -> None:
        """Keep the copy of a page just rendered (``page``: its path in the site)."""
        copy, path = search_copy(html), self.path(page)
        try:
            with open(path, encoding="utf-8") as file:
                kept = file.read()
        except (OSError, UnicodeDecodeError):
            kept = None
        if copy == kept:
            return
        self.changed = True
        if copy is None:
            self.remove(page)
            return
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as file:
            file.write(copy)

    def remove(self, page: str) -> None:
        path = self.path(page)
        if os.path.lexists(path):
            os.remove(path)
            prune_empty_dirs(Path(path).parent, self.folder)
            self.changed = True

    def keep(self, built: set[str], before: list[str] | None) -> None:
        """After a build of the pages ``built``, remove the copies of the pages that were
        built ``before`` and are gone; without that list (after a full build), every copy
        but those of ``built``."""
        if before is None:
            before = [path.relative_to(self.folder).as_posix()
                      for path in self.folder.rglob("*") if not path.is_dir()]
        for name in before:
            if name not in built:
                self.remove(name)

    def index(self, site_dir: str, kept: dict, full: bool, fresh: bool = False) -> dict:
        """Index the copies into the site with Pagefind, unless this is not a ``full``
        build, no copy changed and the index is still as written (``kept``: the stamps of
        its files then); the stamps of its files now. ``fresh``: Pagefind starts from an
        empty folder, not from what it wrote last time."""
        now = bundle_stamps(site_dir) if kept else {}
        if full or self.changed or not kept or now != kept:
            start = time.perf_counter()
            changed, total = index_site(self.folder, Path(site_dir), self.work, fresh,
                                        site_trusted=bool(kept) and now == kept)
            log.info(f"Papershelf: search index written (Pagefind, "
                     f"{time.perf_counter() - start:.1f} s; {changed:,} of its {total:,} "
                     f"files changed)")
            return bundle_stamps(site_dir)
        return kept
