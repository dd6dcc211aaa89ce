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
papers' text. Related papers, the citation, topics and listings are
``data-pagefind-ignore``; the search links and the reading status are excluded here.

Pagefind has no incremental mode: it reads every page again (about 4 s at 3,000 papers).
The plugin runs it only when a page changed. Its output is the same bytes for the same
pages, whatever the order the files were written in.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

BUNDLE = "pagefind"
# Pagefind's own search interfaces: Papershelf uses Material's, so they are not deployed.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
          "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-highlight.js")
# Paper pages; the plugin adds the hand-written pages (the templates mark what is searched).
PAPERS = "papers/*/index.html"
# Characters that would change a glob's meaning: such a page makes the glob every page.
_GLOB_SYNTAX = set("{}[]*?,!\\")
# The search links ("Search: arXiv · Hugging Face · Google Scholar"), the reading status
# (every to-read paper would match "read") and the headings' permalink signs.
EXCLUDED = (".ps-links", ".ps-note-meta", ".headerlink")


class SearchIndexError(Exception):
    pass


def pages_glob(hand_written: list[str]) -> str:
    """A Pagefind glob of the paper pages and the given pages (paths in ``site/``). Only
    these are read: the generated index pages are megabytes of HTML at 20,000 papers."""
    if any(_GLOB_SYNTAX.intersection(page) for page in hand_written):
        return "**/*.html"
    return "{" + ",".join([PAPERS, *sorted(hand_written)]) + "}"


def index_site(site_dir: Path, glob: str = "**/*.html") -> None:
    """Index the built site's pages matching ``glob`` into ``site_dir/pagefind/`` with
    Pagefind's command line: faster than the Python API's service, and it has written
    every file when it exits (after one API run at 20,000 pages a file was left empty)."""
    from pagefind.service import get_executable

    site_dir = Path(site_dir)
    # Pagefind adds to its folder: the previous index's chunks would stay.
    shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)
    command = [str(get_executable()), "--site", str(site_dir), "--glob", glob,
               "--output-subdir", BUNDLE, "--force-language", "en", "--quiet"]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed (exit {result.returncode}): "
                               f"{(result.stderr or result.stdout).strip()[-2000:]}")
    bundle = site_dir / BUNDLE
    empty = [str(path) for path in bundle.rglob("*") if path.is_file()
             and not path.stat().st_size]
    if empty:
        raise SearchIndexError(f"Pagefind left empty files: {', '.join(empty[:5])}")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)


def bundle_files(site_dir: Path) -> list[str]:
    """The bundle's files, relative to the site: the plugin notes them to know whether
    the index is still what it wrote."""
    bundle = Path(site_dir) / BUNDLE
    return sorted(path.relative_to(site_dir).as_posix() for path in bundle.rglob("*")
                  if path.is_file())
