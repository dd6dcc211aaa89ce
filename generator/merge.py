"""Merging the entries of all listings into papers, one per identity.

An arXiv id is a paper's identity: entries with the same id are one paper even when their
titles differ (the difference is reported), and entries with different ids are different
papers even when their titles read alike. An entry without an id joins the paper whose
title it shares (normalised, see :func:`.titles.title_key`) unless their abstracts clearly
differ: "C++ Learning" and "C Learning" with two different abstracts are two papers.

A value beats a missing one and a full date beats a yearless one. When two listings really
disagree (two abstracts, two author counts, two dates) the value from the first listing in
file-name order is kept and the conflict is reported. Comment counts are snapshots that
only grow, so the largest is kept without complaint.
"""

from __future__ import annotations

from collections import defaultdict

from .dates import format_day_month
from .model import (ArxivFacts, DayMonth, Diagnostic, Entry, Level, Listing, ListingRef, Paper,
                    YearEvidence)
from .titles import SAME_TITLE_COMPARED, abstracts_agree, cut_from, title_key

# The code of a diagnostic about two listings that disagree on a paper.
CONFLICT = "conflict"


def merge_listings(
    listings: list[Listing], years: dict[str, YearEvidence]
) -> tuple[list[Paper], list[Diagnostic]]:
    """One :class:`Paper` per identity, listings kept in (file, position) order."""
    groups = _group(sorted(listings, key=lambda item: item.source))
    papers, diagnostics = [], []
    for key, sightings in groups.items():
        papers.append(_merge_group(key, sightings, years, diagnostics))
    return papers, diagnostics


def _group(listings: list[Listing]) -> dict[str, list[tuple[Listing, Entry]]]:
    """Sightings by paper key: ``arxiv:<id>`` or the normalised title (with a suffix for
    a second paper of the same title). Linear: a title has few distinct papers."""
    groups: dict[str, list[tuple[Listing, Entry]]] = defaultdict(list)
    by_title: dict[str, list[str]] = defaultdict(list)
    # Entries with an id first, so that an entry without one finds its paper wherever
    # the listings sort.
    for listing in listings:
        for entry in listing.entries:
            if entry.arxiv_id:
                key = f"arxiv:{entry.arxiv_id}"
                if key not in groups:
                    by_title[title_key(entry.title)].append(key)
                groups[key].append((listing, entry))
    # Papers with an id of each title; the keys without one are appended after them.
    with_id = {title: len(keys) for title, keys in by_title.items()}
    for listing in listings:
        for entry in listing.entries:
            if not entry.arxiv_id:
                key = _title_group(entry, groups, by_title, with_id)
                groups[key].append((listing, entry))
    for sightings in groups.values():
        sightings.sort(key=lambda sighting: (sighting[0].source, sighting[1].position))
    return groups


def _title_group(entry: Entry, groups, by_title, with_id: dict[str, int]) -> str:
    """The paper an entry without an id belongs to: the first of its title whose abstract
    agrees (a paper with an id only if it is the title's only one), else a new one."""
    title = title_key(entry.title)
    candidates = by_title[title]
    ids = with_id.get(title, 0)
    for key in candidates[:SAME_TITLE_COMPARED]:
        if key.startswith("arxiv:") and ids > 1:
            continue
        if abstracts_agree(groups[key][0][1].abstract, entry.abstract):
            return key
    key = title if title not in groups else f"{title} #{len(candidates) - ids + 1}"
    candidates.append(key)
    return key


def _merge_group(key, sightings, years, diagnostics) -> Paper:
    dated = [_resolve_date(entry, years[listing.source].year) for listing, entry in sightings]
    first = sightings[0][1]
    paper = Paper(
        key=key,
        title=first.title,
        abstract=_pick(_whole_abstracts(sightings), "abstract", diagnostics),
        authors=_pick(sightings, "authors", diagnostics),
        organization=_pick(sightings, "organization", diagnostics),
        published=None,
        published_text=None,
        comments=_largest(sightings, "comments"),
        listings=[_ref(listing, entry, years[listing.source].year)
                  for listing, entry in sightings],
        arxiv_id=next((e.arxiv_id for _, e in sightings if e.arxiv_id), None),
        author_names=list(_pick(sightings, "author_names", diagnostics) or ()),
        summary=_first(sightings, "summary"),
        upvotes=_largest(sightings, "upvotes"),
        arxiv_facts=_first(sightings, "arxiv_facts") or ArxivFacts(),
        submitted_by=_first(sightings, "submitted_by"),
    )
    paper.published, paper.published_text = _pick_date(sightings, dated, diagnostics)
    diagnostics.extend(_sighting_notices(sightings))
    return paper


def _whole_abstracts(sightings):
    """An abstract that a page cut short gives way, silently, to the whole one."""
    texts = {e.abstract for _, e in sightings if e.abstract}  # few: one paper's versions
    cut = {text for text in texts
           if any(cut_from(text, other) for other in texts if other is not text)}
    whole = [(listing, e) for listing, e in sightings if e.abstract not in cut]
    return whole or sightings


def _largest(sightings, name: str) -> int | None:
    """Counters are snapshots that only grow: the largest is the latest."""
    return max((getattr(e, name) for _, e in sightings if getattr(e, name) is not None),
               default=None)


def _first(sightings, name: str):
    """Fields that change between versions (comments, summaries): the first one given."""
    return next((getattr(e, name) for _, e in sightings if getattr(e, name)), None)


def _sighting_notices(sightings) -> list[Diagnostic]:
    """Spelling variants of the title (one paper by its arXiv id, or by its title)."""
    first_listing, first = sightings[0]
    notices = []
    for listing, entry in sightings:
        if entry.title != first.title:
            same = f"same arXiv id {first.arxiv_id}; " if entry.arxiv_id else ""
            notices.append(Diagnostic(Level.NOTICE, listing.path, entry.line, (
                f"title spelled {entry.title!r}; {same}merged with {first.title!r} from "
                f"{first_listing.source}:{first.line}")))
    return notices


def _resolve_date(entry: Entry, listing_year: int | None) -> DayMonth | None:
    if entry.date is None or entry.date.year is not None or listing_year is None:
        return entry.date
    return entry.date.with_year(listing_year)


def _pick(sightings, name: str, diagnostics: list[Diagnostic]):
    """The first value present; a different value elsewhere is a reported conflict."""
    present = [(listing, entry, getattr(entry, name)) for listing, entry in sightings
               if getattr(entry, name) not in (None, ())]
    if not present:
        return None
    kept_listing, kept_entry, kept = present[0]
    for listing, entry, value in present[1:]:
        if value != kept:
            diagnostics.append(Diagnostic(Level.WARNING, listing.path, entry.line, (
                f"conflicting {name} for {entry.title!r}: {_show(value)} here, "
                f"{_show(kept)} in {kept_listing.source}:{kept_entry.line} (kept)"),
                CONFLICT))
    return kept


def _pick_date(sightings, dated: list[DayMonth | None], diagnostics):
    """A full date beats a yearless one; two different days are a reported conflict."""
    candidates = [(d, listing, entry) for d, (listing, entry) in zip(dated, sightings) if d]
    if not candidates:
        return None, None
    best, best_listing, best_entry = min(candidates, key=lambda c: c[0].year is None)
    for d, listing, entry in candidates:
        if (d.month, d.day) != (best.month, best.day) or (d.year and d.year != best.year):
            diagnostics.append(Diagnostic(Level.WARNING, listing.path, entry.line, (
                f"conflicting date for {entry.title!r}: {format_day_month(d)} here, "
                f"{format_day_month(best)} in {best_listing.source}:{best_entry.line} (kept)"),
                CONFLICT))
    return best.to_date(), format_day_month(best)


def _ref(listing: Listing, entry: Entry, year: int | None) -> ListingRef:
    listed = listing.day(year)
    return ListingRef(
        source=listing.source,
        position=entry.position,
        line=entry.line,
        listed=listed.to_date() if listed else None,
        listed_text=format_day_month(listed) if listed else None,
        shape=listing.shape,
        section=entry.section,
    )


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…'"
