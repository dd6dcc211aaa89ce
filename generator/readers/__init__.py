"""Reading captures: recognise each file's shape, read it with that shape's reader, then
apply the checks every shape shares.

A shape is one module of this package that defines ``SHAPE`` (see :class:`.common.Shape`);
modules are found by name, so a new shape is one new module. The shared checks make sure
that nothing but a paper becomes an entry: an entry needs a real title and an abstract, a
summary or an arXiv id; an entry a page shows twice is read once.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
from functools import lru_cache

from ..model import Diagnostic, Entry, Level, Listing
from ..titles import SAME_TITLE_COMPARED, abstracts_agree, title_key
from .common import Capture, Shape, capture_day, clip
from .decode import decode_listing
from .page_title import page_title

__all__ = ["decode_listing", "detect_shape", "read_listing", "shapes"]

# Real titles stay under 300 characters; a longer one is kept (nothing lost), a paragraph
# of several thousand is not a title.
TITLE_MAX = 2000
# Debris that only a page's chrome makes: a bracketed link list "[ pdf , html ]", a
# parenthesised label "(replaced)", a counter or a URL.
_DEBRIS = re.compile(r"^(?:\[[^\]]*\]|\([^)]*\)|[\d\s.,:;#/+%-]*[kKmM]?|\S*://\S*)$")


@lru_cache(maxsize=1)
def shapes() -> tuple[Shape, ...]:
    """Every shape this package knows, most specific first."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        shape = getattr(importlib.import_module(f"{__name__}.{module.name}"), "SHAPE", None)
        if isinstance(shape, Shape):
            found.append(shape)
    return tuple(sorted(found, key=lambda shape: (shape.rank, shape.name)))


def detect_shape(text: str) -> Shape | None:
    """The shape most certain of the text, or None when no shape recognises it."""
    best, certainty = None, 0
    for shape in shapes():
        score = shape.detect(text)
        if score > certainty:
            best, certainty = shape, score
    return best


def read_listing(text: str, source: str, path: str) -> tuple[Listing, list[Diagnostic]]:
    """Read one decoded capture: its shape, its own date and its papers in page order."""
    shape = detect_shape(text) if text.strip() else None
    capture = shape.read(text) if shape else Capture()
    diagnostics = [dataclasses.replace(d, path=path) for d in capture.diagnostics]
    entries = _deduplicated(_papers_only(capture.entries, path, diagnostics), path, diagnostics)
    if not text.strip():
        diagnostics.append(Diagnostic(Level.WARNING, path, None, "empty listing"))
    elif shape is None:
        names = ", ".join(s.name for s in shapes())
        diagnostics.append(Diagnostic(Level.WARNING, path, None, (
            f"shape not recognised (known: {names}); no papers read from this file")))
    elif not entries:
        diagnostics.append(Diagnostic(Level.WARNING, path, None, (
            f"no recognisable papers in this {shape.name} capture ({shape.description})")))
    listing = Listing(source, path, capture.date, capture.date_line, tuple(entries),
                      shape.name if shape else "unknown", capture.layout,
                      capture_day(text) if shape else None,
                      page_title(text, shape.name) if shape else None)
    return listing, diagnostics


def is_real_title(title: str) -> bool:
    """Words, not chrome: letters in it, not too long, not a link list, counter or URL."""
    return len(title) <= TITLE_MAX and any(ch.isalpha() for ch in title) \
        and not _DEBRIS.match(title)


def _papers_only(entries: list[Entry], path: str, out: list[Diagnostic]) -> list[Entry]:
    warned = {d.line for d in out if d.level is Level.WARNING}
    kept = []
    for entry in entries:
        if entry.line in warned and entry.abstract is None and entry.summary is None:
            continue  # the reader said why already
        if not is_real_title(entry.title):
            out.append(Diagnostic(Level.WARNING, path, entry.line, (
                f"{clip(entry.title)!r} is not a paper title; ignored")))
        elif entry.abstract is None and entry.summary is None and entry.arxiv_id is None:
            out.append(Diagnostic(Level.WARNING, path, entry.line, (
                f"{clip(entry.title)!r} has no abstract, summary or arXiv id: "
                f"not read as a paper")))
        else:
            kept.append(entry)
    return kept


def _deduplicated(entries: list[Entry], path: str, out: list[Diagnostic]) -> list[Entry]:
    """One entry per paper, numbered in page order; a repeat only fills missing fields."""
    repeats: list[Diagnostic] = []
    kept = _merge_repeats(entries, path, repeats)
    if len(repeats) > 3:  # a page that shows every card twice: say so once
        lines = ", ".join(str(d.line) for d in repeats[:10])
        more = ", …" if len(repeats) > 10 else ""
        repeats = [Diagnostic(Level.NOTICE, path, repeats[0].line, (
            f"{len(repeats)} entries are shown again (lines {lines}{more}); each read "
            f"as one entry"))]
    out.extend(repeats)
    return kept


def _merge_repeats(entries: list[Entry], path: str, out: list[Diagnostic]) -> list[Entry]:
    kept: list[Entry] = []
    by_id: dict[str, int] = {}
    by_title: dict[str, list[int]] = {}
    for entry in entries:
        index = _same_paper(entry, kept, by_id, by_title)
        if index is None:
            if entry.arxiv_id:
                by_id[entry.arxiv_id] = len(kept)
            by_title.setdefault(title_key(entry.title), []).append(len(kept))
            kept.append(dataclasses.replace(entry, position=len(kept) + 1))
            continue
        first = kept[index]
        out.append(Diagnostic(Level.NOTICE, path, entry.line, (
            f"{clip(entry.title)!r} is shown again (first at line {first.line}); "
            f"read as one entry")))
        kept[index] = _combined(first, entry)
        if kept[index].arxiv_id and not first.arxiv_id:
            by_id[kept[index].arxiv_id] = index
    return kept


def _same_paper(entry, kept, by_id, by_title) -> int | None:
    """Same id; or, where either has no id, same title and abstracts that agree."""
    if entry.arxiv_id in by_id:
        return by_id[entry.arxiv_id]
    for index in by_title.get(title_key(entry.title), ())[:SAME_TITLE_COMPARED]:
        other = kept[index]
        if (not entry.arxiv_id or not other.arxiv_id) \
                and abstracts_agree(other.abstract, entry.abstract):
            return index
    return None


def _combined(first: Entry, again: Entry) -> Entry:
    missing = {f.name: getattr(again, f.name) for f in dataclasses.fields(Entry)
               if getattr(first, f.name) in (None, ()) and getattr(again, f.name) not in (None, ())}
    return dataclasses.replace(first, **missing)
