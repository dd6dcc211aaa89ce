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
changes: Pagefind, which has no incremental mode, runs again only when some page's
searchable text changed, not when only its related papers, topics or links did. Its
output is the same bytes for the same copies, whatever order they were written in.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

from . import scratch
from .files import prune_empty_dirs, stamp

log = logging.getLogger("mkdocs.plugins.papershelf")

BUNDLE = "pagefind"
# Pagefind writes its bundle here when there is this much room (at 20,000 pages: 25 MB).
SCRATCH, SCRATCH_FREE = "/dev/shm", 1 << 30
# Pagefind's own search interfaces: Papershelf uses Material's, so they are not deployed.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
          "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-highlight.js")
# The search links ("Search: arXiv · Hugging Face · Google Scholar"), the reading status
# (every to-read paper would match "read") and the headings' permalink signs.
EXCLUDED = (".ps-links", ".ps-note-meta", ".headerlink")


class SearchIndexError(Exception):
    pass


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

    def __init__(self, folder: Path) -> None:
        self.folder = folder
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

    def index(self, site_dir: str, kept: dict, full: bool) -> dict:
        """Index the copies into the site with Pagefind, unless this is not a ``full``
        build, no copy changed and the index is still as written (``kept``: the stamps of
        its files then); the stamps of its files now."""
        if full or self.changed or not kept or bundle_stamps(site_dir) != kept:
            start = time.perf_counter()
            changed, total = index_site(self.folder, Path(site_dir))
            log.info(f"Papershelf: search index written (Pagefind, "
                     f"{time.perf_counter() - start:.1f} s; {changed:,} of its {total:,} "
                     f"files changed)")
            return bundle_stamps(site_dir)
        return kept


def index_site(copies: Path, site_dir: Path) -> tuple[int, int]:
    """Index the search copies in ``copies`` into ``site_dir/pagefind/`` with Pagefind's
    command line: faster than the Python API's service, and it has written every file
    when it exits (after one API run at 20,000 pages a file was left empty).

    Pagefind writes a new bundle in a scratch folder, in memory where there is room
    (``/dev/shm``); only the files that differ are then copied into the site, and the
    ones no longer written removed. Most of the bundle's files are named by a digest of
    their content: at 20,000 pages, after one page changed, a few hundred files of 20,000
    change (writing them all and deleting the old ones took 4 s more). Returns how many
    files changed (written or removed), and how many the bundle has."""
    from pagefind.service import get_executable

    copies.mkdir(parents=True, exist_ok=True)
    with scratch.folder("papershelf-pagefind-", _scratch_folder()) as where:
        output = Path(where) / BUNDLE
        command = [str(get_executable()), "--site", str(copies), "--output-path",
                   str(output), "--force-language", "en", "--quiet"]
        for selector in EXCLUDED:
            command += ["--exclude-selectors", selector]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SearchIndexError(f"Pagefind failed (exit {result.returncode}): "
                                   f"{(result.stderr or result.stdout).strip()[-2000:]}")
        for name in UNUSED:
            (output / name).unlink(missing_ok=True)
        written = _files(output)
        empty = [name for name, path in written.items() if not os.path.getsize(path)]
        if empty:
            raise SearchIndexError(f"Pagefind left empty files: {', '.join(empty[:5])}")
        return _update(Path(site_dir) / BUNDLE, written), len(written)


def _scratch_folder() -> str | None:
    """Memory, when the system has a RAM-backed folder with room to spare; else the
    temporary folder."""
    try:
        if os.access(SCRATCH, os.W_OK) and shutil.disk_usage(SCRATCH).free > SCRATCH_FREE:
            return SCRATCH
    except OSError:
        pass
    return None


def _files(folder: Path) -> dict[str, str]:
    """Each file under ``folder`` by its "/"-separated path there."""
    found = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            found[path.relative_to(folder).as_posix()] = str(path)
    return found


def _update(bundle: Path, written: dict[str, str]) -> int:
    """Make ``bundle`` hold exactly the files ``written`` (name -> where they are now),
    copying only those whose bytes differ; how many files were copied or removed."""
    if bundle.is_symlink() or bundle.exists() and not bundle.is_dir():
        bundle.unlink()
    present, changed = set(), 0
    for path in bundle.rglob("*"):
        if path.is_symlink():
            path.unlink()  # links, to folders or files, are never written through
        elif path.is_file():
            present.add(path.relative_to(bundle).as_posix())
    for name, source in sorted(written.items()):
        target = bundle / name
        if name in present and _same_bytes(source, target):
            continue
        if target.is_dir():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.papershelf-tmp")
        shutil.copyfile(source, partial)
        os.replace(partial, target)
        changed += 1
    for name in present - set(written):
        (bundle / name).unlink()
        changed += 1
    for path in sorted(bundle.rglob("*"), reverse=True):  # inner folders first
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changed


def _same_bytes(one: str, other: Path) -> bool:
    if os.path.getsize(one) != other.stat().st_size:
        return False
    with open(one, "rb") as first, open(other, "rb") as second:
        return first.read() == second.read()


def bundle_stamps(site_dir: str) -> dict[str, list[int]]:
    """The stamp of each of the bundle's files, by path in the site: the plugin keeps them
    to know whether the index is still what it wrote (one directory scan: 20,000 files at
    20,000 papers)."""
    bundle = os.path.join(site_dir, BUNDLE)
    stamps, folders = {}, [bundle]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            else:
                info = entry.stat(follow_symlinks=False)
                name = BUNDLE + entry.path[len(bundle):].replace(os.sep, "/")
                stamps[name] = [info.st_mtime_ns, info.st_size]
    return stamps
