"""Merging the entries of all listings into papers, one per normalised title.

A value beats a missing one and a full date beats a yearless one. When two listings really
disagree (two abstracts, two author counts, two dates) the value from the first listing in
file-name order is kept and the conflict is reported. Comment counts are snapshots that
only grow, so the largest is kept without complaint.
"""

from __future__ import annotations

from collections import defaultdict

from .dates import format_day_month
from .model import DayMonth, Diagnostic, Entry, Level, Listing, ListingRef, Paper, YearEvidence
from .titles import title_key


def merge_listings(
    listings: list[Listing], years: dict[str, YearEvidence]
) -> tuple[list[Paper], list[Diagnostic]]:
    """One :class:`Paper` per distinct title, listings kept in (file, position) order."""
    groups: dict[str, list[tuple[Listing, Entry]]] = defaultdict(list)
    for listing in sorted(listings, key=lambda item: item.source):
        for entry in listing.entries:
            groups[title_key(entry.title)].append((listing, entry))
    papers, diagnostics = [], []
    for key, sightings in groups.items():
        papers.append(_merge_group(key, sightings, years, diagnostics))
    return papers, diagnostics


def _merge_group(key, sightings, years, diagnostics) -> Paper:
    dated = [_resolve_date(entry, years[listing.source].year) for listing, entry in sightings]
    first = sightings[0][1]
    paper = Paper(
        key=key,
        title=first.title,
        abstract=_pick(sightings, "abstract", diagnostics),
        authors=_pick(sightings, "authors", diagnostics),
        organization=_pick(sightings, "organization", diagnostics),
        published=None,
        published_text=None,
        comments=max((e.comments for _, e in sightings if e.comments is not None), default=None),
        listings=[_ref(listing, entry, years[listing.source].year)
                  for listing, entry in sightings],
    )
    paper.published, paper.published_text = _pick_date(sightings, dated, diagnostics)
    diagnostics.extend(_sighting_notices(sightings))
    return paper


def _sighting_notices(sightings) -> list[Diagnostic]:
    """Spelling variants of the title, and a paper shown twice on one page."""
    first_listing, first = sightings[0]
    notices, seen_in = [], set()
    for listing, entry in sightings:
        if listing.source in seen_in:
            notices.append(Diagnostic(Level.NOTICE, listing.path, entry.line,
                                      f"{entry.title!r} appears again in the same listing"))
        seen_in.add(listing.source)
        if entry.title != first.title:
            notices.append(Diagnostic(Level.NOTICE, listing.path, entry.line, (
                f"title spelled {entry.title!r}; merged with {first.title!r} from "
                f"{first_listing.source}:{first.line}")))
    return notices


def _resolve_date(entry: Entry, listing_year: int | None) -> DayMonth | None:
    if entry.date is None or entry.date.year is not None or listing_year is None:
        return entry.date
    return entry.date.with_year(listing_year)


def _pick(sightings, name: str, diagnostics: list[Diagnostic]):
    """The first value present; a different value elsewhere is a reported conflict."""
    present = [(listing, entry, getattr(entry, name)) for listing, entry in sightings
               if getattr(entry, name) is not None]
    if not present:
        return None
    kept_listing, kept_entry, kept = present[0]
    for listing, entry, value in present[1:]:
        if value != kept:
            diagnostics.append(Diagnostic(Level.WARNING, listing.path, entry.line, (
                f"conflicting {name} for {entry.title!r}: {_show(value)} here, "
                f"{_show(kept)} in {kept_listing.source}:{kept_entry.line} (kept)")))
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
                f"{format_day_month(best)} in {best_listing.source}:{best_entry.line} (kept)")))
    return best.to_date(), format_day_month(best)


def _ref(listing: Listing, entry: Entry, year: int | None) -> ListingRef:
    listed = listing.date.with_year(year) if listing.date and year else listing.date
    return ListingRef(
        source=listing.source,
        position=entry.position,
        line=entry.line,
        listed=listed.to_date() if listed else None,
        listed_text=format_day_month(listed) if listed else None,
    )


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…'"
