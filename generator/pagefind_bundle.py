"""Pagefind's bundle: running Pagefind on the search copies and putting what it writes in
the site (``site/pagefind/``).

Pagefind has no incremental mode, but it does not write again a file that is named by a
digest of its content and already there (``WriteBehavior::Immutable`` in its
``output/mod.rs``). Such files are nearly all of the bundle (a fragment per page, the index
chunks), and compressing them is half of its time: at 20,000 pages it took 15.8 s into an
empty folder and 7.0 s into the folder of its previous run. So a ``--dirty`` build lets
Pagefind write into a work folder kept between runs (``.papershelf/pagefind/``), then
removes the files its new index no longer names (read from the index's metadata, CBOR,
with ``cbor2``) and makes the site's bundle hold the same files, copying only new ones.

The work folder is trusted only as it was left: a seal beside it records its files (name,
size, time) after a run that finished; a folder that differs from its seal, or a run that
did not finish (the seal is removed first), starts over from an empty folder, so a file cut
short by a crash is never kept under its digest's name. A build without ``--dirty``
(``--clean``, plain ``mkdocs build``) also starts over. Runs are serialised by a lock
beside the folder.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from .folders import remove_empty_folders, scan_files, sync
from .locks import exclusive_lock

BUNDLE = "pagefind"
# Pagefind's own search interfaces: Papershelf uses Material's, so they are not deployed.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
          "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-highlight.js")
# The search links ("Search: arXiv · Hugging Face · Google Scholar"), the reading status
# (every to-read paper would match "read") and the headings' permalink signs.
EXCLUDED = (".ps-links", ".ps-note-meta", ".headerlink")
# Folders of files named by a digest of their content, which Pagefind never rewrites.
BY_CONTENT = ("fragment/", "index/", "filter/")
# What starts the decompressed metadata file (Pagefind's "decompressed" marker).
META_START = b"pagefind_dcd"


class SearchIndexError(Exception):
    pass


class _Unreadable(Exception):
    """The index's metadata is not what this module knows how to read."""


def index_site(copies: Path, site_dir: Path, work: Path, fresh: bool = False,
               site_trusted: bool = False) -> tuple[int, int]:
    """Index the search copies in ``copies`` into ``site_dir/pagefind/``, with Pagefind
    writing in the work folder ``work`` as the last run left it (an empty one if
    ``fresh``). ``site_trusted``: the site's bundle is as it was last written, so a file
    there with a content-digest name and the right size is the right one. Returns how many
    of the site's bundle files changed, and how many it has."""
    copies.mkdir(parents=True, exist_ok=True)
    bundle = Path(site_dir) / BUNDLE
    work.parent.mkdir(parents=True, exist_ok=True)
    with exclusive_lock(work.with_name(work.name + ".lock")):
        seal = work.with_name(work.name + ".seal")
        if work.is_symlink() or work.exists() and not work.is_dir():
            work.unlink()  # never written through
        if fresh or _read(seal) != _seal_of(scan_files(work)):
            shutil.rmtree(work, ignore_errors=True)
        seal.unlink(missing_ok=True)
        _run(copies, work)
        try:
            files = _prune(work, scan_files(work))
        except _Unreadable:  # start over: then every file there is this run's
            shutil.rmtree(work)
            _run(copies, work)
            files = scan_files(work)
        written = _check(work, files)
        seal.write_text(_seal_of(files), encoding="utf-8")
        return _update(bundle, written, site_trusted), len(written)


def _run(copies: Path, output: Path) -> None:
    """Pagefind's command line: faster than the Python API's service, and it has written
    every file when it exits (after one API run at 20,000 pages a file was left empty)."""
    from pagefind.service import get_executable

    command = [str(get_executable()), "--site", str(copies), "--output-path", str(output),
               "--force-language", "en", "--quiet"]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed (exit {result.returncode}): "
                               f"{(result.stderr or result.stdout).strip()[-2000:]}")
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)


def _check(folder: Path, files: dict[str, os.stat_result]) -> dict[str, tuple[str, int]]:
    """The files Pagefind wrote, as (path, size) by name; an error if one is empty."""
    empty = [name for name, info in files.items() if not info.st_size]
    if empty:
        raise SearchIndexError(f"Pagefind left empty files: {', '.join(empty[:5])}")
    return {name: (os.path.join(folder, name), info.st_size) for name, info in files.items()}


def _prune(work: Path, present: dict[str, os.stat_result]) -> dict[str, os.stat_result]:
    """Remove from ``work`` the files of earlier runs that the index just written does not
    name; the remaining files."""
    live = _live(work, present)
    for name in set(present) - live:
        os.remove(os.path.join(work, name))
    remove_empty_folders(work)
    return {name: present[name] for name in sorted(live)}


def _live(work: Path, present: dict[str, os.stat_result]) -> set[str]:
    """The files the index in ``work`` is made of: those Pagefind rewrites on every run
    (its runtime, the entry), and those its metadata names (a fragment per page, the index
    chunks, the filters)."""
    import cbor2

    try:
        entry = json.loads((work / "pagefind-entry.json").read_text(encoding="utf-8"))
        live = {name for name in present if "/" not in name and not name.endswith(".pf_meta")}
        for language in entry["languages"].values():
            meta_name = f"pagefind.{language['hash']}.pf_meta"
            raw = gzip.decompress((work / meta_name).read_bytes())
            if not raw.startswith(META_START):
                raise _Unreadable(meta_name)
            meta = cbor2.loads(raw[len(META_START):])
            live.add(meta_name)
            live.update(f"fragment/{page[0]}.pf_fragment" for page in meta[1])
            live.update(f"index/{chunk[2]}.pf_index" for chunk in meta[2])
            live.update(f"filter/{item[1]}.pf_filter" for item in meta[3])
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError,
            cbor2.CBORDecodeError) as error:
        raise _Unreadable(str(error)) from None
    if not live <= set(present):
        raise _Unreadable("the index names files that are not there")
    return live


def _seal_of(files: dict[str, os.stat_result]) -> str:
    """What the work folder holds (``files``: each file's name, size and time), and the
    Pagefind that wrote it and how."""
    from pagefind.service import get_executable

    executable = get_executable()
    digest = hashlib.sha256(repr((str(executable), os.stat(executable).st_mtime_ns, EXCLUDED,
                                  UNUSED)).encode())
    digest.update("".join(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\n"
                          for name, info in sorted(files.items())).encode())
    return digest.hexdigest()


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _update(bundle: Path, written: dict[str, tuple[str, int]], trusted: bool) -> int:
    """Make ``bundle`` hold exactly the files ``written`` (name -> where they are now and
    their size), replacing only those that differ (``trusted``: by name and size for files
    named by their content, else by bytes); a file named by its content, which Pagefind
    never rewrites in place, as a hard link to it. How many files were replaced or
    removed."""
    if bundle.is_symlink() or bundle.exists() and not bundle.is_dir():
        bundle.unlink()

    def same(name: str, present: os.stat_result) -> bool:
        source, size = written[name]
        return present.st_size == size and (trusted and _by_content(name) or _same_bytes(
            source, os.path.join(bundle, name)))

    return sync(bundle, {name: source for name, (source, _) in written.items()}, same,
                _by_content)


def _by_content(name: str) -> bool:
    return name.startswith(BY_CONTENT) or name.endswith(".pf_meta")


def _same_bytes(one: str, other: str) -> bool:
    with open(one, "rb") as first, open(other, "rb") as second:
        return first.read() == second.read()


def bundle_stamps(site_dir: str) -> dict[str, list[int] | None]:
    """The stamp of each of the bundle's files, by path in the site: the plugin keeps them
    to know whether the index is still what it wrote (one directory scan: 20,000 files at
    20,000 papers). A link is never what was written: None."""
    bundle, links = os.path.join(site_dir, BUNDLE), []
    stamps: dict[str, list[int] | None] = {
        f"{BUNDLE}/{name}": [info.st_mtime_ns, info.st_size]
        for name, info in scan_files(bundle, links).items()}
    stamps.update({BUNDLE + path[len(bundle):].replace(os.sep, "/"): None for path in links})
    return stamps
