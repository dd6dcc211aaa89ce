"""Read captures, kept by content: a capture whose bytes, name and path are as they were
is not read again (at 20,000 papers, reading 667 captures took 2.3 s; loading them from
here, 0.5 s).

Kept in ``.papershelf/listings.json`` under a digest of the generator's code, so that a
changed reader reads everything again. An entry that is not exactly what this module
writes is read again from its capture, never trusted.
"""

from __future__ import annotations

import hashlib
from dataclasses import fields
from datetime import date

from .cache import digest
from .model import ArxivFacts, DayMonth, Diagnostic, Entry, Layout, Level, Listing

NAME = "listings"
_ENTRY = [item.name for item in fields(Entry)]
_FACTS = [item.name for item in fields(ArxivFacts)]
_TEXTS = ("abstract", "organization", "date_text", "arxiv_id", "summary", "submitted_by",
          "section")
_NUMBERS = ("line", "position", "authors", "comments", "upvotes")


def key(name: str, display: str, data: bytes) -> str:
    digest_ = hashlib.sha256(f"{name}\x00{display}\x00".encode("utf-8", "surrogateescape"))
    digest_.update(data)
    return digest_.hexdigest()


def kept(cache: dict | None) -> dict:
    """The entries of a cache file, if the code that wrote it is this code."""
    if not cache or cache.get("code") != digest(NAME):
        return {}
    entries = cache.get("entries")
    return entries if isinstance(entries, dict) else {}


def cache_data(entries: dict) -> dict:
    return {"code": digest(NAME), "entries": entries}


def encode(listing: Listing, diagnostics: list[Diagnostic]) -> list:
    return [listing.source, listing.path, _day_month(listing.date), listing.date_line,
            [_entry(entry) for entry in listing.entries], listing.shape,
            listing.layout.value, listing.captured and listing.captured.isoformat(),
            listing.title,
            [[d.level.value, d.path, d.line, d.message, d.code] for d in diagnostics]]


def decode(data) -> tuple[Listing, list[Diagnostic]] | None:
    """What :func:`encode` was given; None for anything it did not write."""
    try:
        (source, path, day, date_line, entries, shape, layout, captured, title,
         found) = data
        _typed([source, path, shape], str)
        _typed([date_line, title], (int, type(None)), (str, type(None)))
        listing = Listing(source, path, _from_day_month(day), date_line,
                          tuple(_from_entry(entry) for entry in entries), shape,
                          Layout(layout),
                          None if captured is None else date.fromisoformat(captured), title)
        diagnostics = [Diagnostic(Level(level), where, line, message, code)
                       for level, where, line, message, code in found]
        for item in diagnostics:
            _typed([item.line, item.path, item.message, item.code], (int, type(None)), str)
        return listing, diagnostics
    except (TypeError, ValueError, KeyError):
        return None


def _entry(entry: Entry) -> list:
    values = [getattr(entry, name) for name in _ENTRY]
    values[_ENTRY.index("date")] = _day_month(entry.date)
    values[_ENTRY.index("author_names")] = list(entry.author_names)
    facts = entry.arxiv_facts
    values[_ENTRY.index("arxiv_facts")] = facts and [getattr(facts, name) for name in _FACTS]
    return values


def _from_entry(values: list) -> Entry:
    if len(values) != len(_ENTRY):
        raise ValueError("not an entry")
    given = dict(zip(_ENTRY, values))
    _typed([given[name] for name in _TEXTS], (str, type(None)))
    _typed([given[name] for name in _NUMBERS], (int, type(None)))
    _typed([given["title"], *given["author_names"]], str)
    given["date"] = _from_day_month(given["date"])
    given["author_names"] = tuple(given["author_names"])
    facts = given["arxiv_facts"]
    if facts is not None:
        _typed(facts, (str, type(None)))
    given["arxiv_facts"] = None if facts is None else ArxivFacts(*facts)
    return Entry(**given)


def _typed(values: list, *kinds) -> None:
    """Raise unless each value is of its kind (the last kind given stands for the rest):
    a cache entry becomes text and numbers of a page only if it holds text and numbers."""
    for position, value in enumerate(values):
        kind = kinds[min(position, len(kinds) - 1)]
        if not isinstance(value, kind) or isinstance(value, bool):
            raise TypeError("not what encode() writes")


def _day_month(value: DayMonth | None) -> list | None:
    return value and [value.month, value.day, value.year]


def _from_day_month(value: list | None) -> DayMonth | None:
    if value is None:
        return None
    _typed(value, int, int, (int, type(None)))
    return DayMonth(*value)
