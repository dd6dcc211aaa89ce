"""Giving every listing date its year, from evidence only.

A listing prints a date's year only when it differs from the listing's own year, and never
prints its own year. So a listing's year is known when:

* the curator configured it;
* the page prints it (an arXiv listing: "Wednesday, 9 September 2026");
* the capture tool dated the capture ("Captured: 2026-06-29"): the page was seen then, and
  omits the year of that time;
* one of its papers carries a yearless date that another listing prints in full
  (``Jun 9`` here, ``Jun 9, 2025`` there: this listing is from 2025);
* one of its papers carries the same yearless date as in another listing whose year is
  known (both listings share that year).

Nothing else counts as evidence. A year that stays unknown is reported together with the
bounds the page convention gives (the listing is no older than its newest dated paper, and
is not from any year it prints), so that the curator can set it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from .model import MONTH_ABBR, DayMonth, Diagnostic, Level, Listing, YearEvidence
from .titles import title_key



def format_day_month(d: DayMonth) -> str:
    """The listing's own spelling: ``Jun 9`` or ``Jun 9, 2025``."""
    text = f"{MONTH_ABBR[d.month - 1]} {d.day}"
    return text if d.year is None else f"{text}, {d.year}"


def infer_listing_years(
    listings: list[Listing], configured: dict[str, int]
) -> tuple[dict[str, YearEvidence], list[Diagnostic]]:
    """Decide each listing's year; return the evidence per listing and what to report."""
    full = _full_dates_by_paper(listings)
    claims = _collect_claims(listings, configured, full)
    links = _shared_yearless_dates(listings)
    evidence: dict[str, YearEvidence] = {}
    diagnostics: list[Diagnostic] = []
    for listing in listings:
        evidence[listing.source] = _decide(listing, claims, links, configured, full,
                                           diagnostics)
    for listing in listings:
        diagnostics.extend(_check_convention(listing, evidence[listing.source]))
    return evidence, diagnostics


def _full_dates_by_paper(listings) -> dict[str, list[tuple[DayMonth, str]]]:
    full: dict[str, list[tuple[DayMonth, str]]] = defaultdict(list)
    for listing in listings:
        for entry in listing.entries:
            if entry.date and entry.date.year:
                full[title_key(entry.title)].append((entry.date, listing.source))
    return full


def _collect_claims(listings, configured, full) -> dict[str, list[tuple[int, str, str]]]:
    """Direct evidence per listing: (year, basis, explanation)."""
    claims: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for listing in listings:
        if listing.source in configured:
            claims[listing.source].append(
                (configured[listing.source], "configured", "set in the configuration"))
        if listing.date and listing.date.year:
            claims[listing.source].append((listing.date.year, "printed", "printed on the page"))
        elif listing.captured:
            claims[listing.source].append(_captured_claim(listing))
        for entry in listing.entries:
            if not entry.date or entry.date.year:
                continue
            for dated, other in full[title_key(entry.title)]:
                if (dated.month, dated.day) == (entry.date.month, entry.date.day):
                    claims[listing.source].append((dated.year, "cross-listing", (
                        f"{entry.title!r} is dated {format_day_month(entry.date)} here "
                        f"(line {entry.line}) and {format_day_month(dated)} in {other}")))
    return claims


def _captured_claim(listing: Listing) -> tuple[int, str, str]:
    """A page omits the year of its own time: the capture's day gives it (the year
    before, for a listing date later in the year than the capture)."""
    saved = listing.captured
    later = listing.date and (listing.date.month, listing.date.day) > (saved.month, saved.day)
    year = saved.year - 1 if later else saved.year
    return year, "captured", f"the capture tool dated the capture {saved.isoformat()}"


def _shared_yearless_dates(listings) -> dict[str, set[str]]:
    """Listings that print the same paper with the same yearless date share their year."""
    seen: dict[tuple[str, int, int], set[str]] = defaultdict(set)
    for listing in listings:
        for entry in listing.entries:
            if entry.date and not entry.date.year:
                seen[(title_key(entry.title), entry.date.month, entry.date.day)].add(
                    listing.source)
    links: dict[str, set[str]] = defaultdict(set)
    for sources in seen.values():
        for source in sources:
            links[source] |= sources - {source}
    return links


def _group(source: str, links: dict[str, set[str]]) -> set[str]:
    group, todo = {source}, [source]
    while todo:
        for other in links.get(todo.pop(), ()):
            if other not in group:
                group.add(other)
                todo.append(other)
    return group


def _decide(listing, claims, links, configured, full, diagnostics) -> YearEvidence:
    source = listing.source
    if source in configured:
        return YearEvidence(configured[source], "configured", "set in the configuration")
    group = _group(source, links)
    found = [(year, basis, detail, member) for member in sorted(group)
             for year, basis, detail in claims.get(member, [])]
    years = sorted({year for year, *_ in found})
    if len(years) == 1:
        year, basis, detail, member = found[0]
        if member != source:
            basis, detail = "shared-date", f"shares a yearless paper date with {member}: {detail}"
        return YearEvidence(year, basis, detail)
    if len(years) > 1:
        conflicting = "; ".join(f"{y} ({d})" for y, _, d, _ in found)
        diagnostics.append(Diagnostic(Level.WARNING, listing.path, listing.date_line,
                                      f"contradictory evidence for the listing's year: "
                                      f"{conflicting}"))
        return YearEvidence(None, "conflict", conflicting)
    if listing.date is None and not _has_yearless_entries(listing):
        return YearEvidence(None, "not-needed", "the page prints no yearless date")
    return YearEvidence(None, "unknown", _unknown_detail(listing, full))


def _has_yearless_entries(listing: Listing) -> bool:
    return any(e.date and e.date.year is None for e in listing.entries)


def _unknown_detail(listing: Listing, full) -> str:
    """Explain the gap, with the earliest year the page convention still allows."""
    printed = {e.date.year for e in listing.entries if e.date and e.date.year}
    known = [dated.to_date() for e in listing.entries for dated, _ in full[title_key(e.title)]]
    newest = max((d for d in known if d), default=None)
    earliest = _earliest_consistent_year(listing.date, newest, printed)
    parts = ["no paper on it has a yearless date that another listing prints in full"]
    if earliest:
        parts.append(f"the page convention allows {earliest} or later")
    return "; ".join(parts)


def _earliest_consistent_year(listed: DayMonth | None, newest: date | None,
                              printed: set[int]) -> int | None:
    if newest is None:
        return None
    year = newest.year
    while year in printed or (listed and (listed.month, listed.day) <
                              (newest.month, newest.day) and year == newest.year):
        year += 1
    return year


def _check_convention(listing: Listing, evidence: YearEvidence) -> list[Diagnostic]:
    """Report what contradicts the page convention once the year is known."""
    out: list[Diagnostic] = []
    if evidence.year is None:
        if evidence.basis == "unknown":
            out.append(Diagnostic(Level.NOTICE, listing.path, listing.date_line,
                                  f"year unknown: {evidence.detail}. Set it under "
                                  f"`listing_years:` in papershelf.yml"))
        return out
    for entry in listing.entries:
        if entry.date and entry.date.year == evidence.year:
            out.append(Diagnostic(Level.NOTICE, listing.path, entry.line, (
                f"prints the year {evidence.year} although the listing is from "
                f"{evidence.year} ({evidence.basis}); the page convention omits it")))
        elif (entry.date and entry.date.year is None and listing.date
              and (entry.date.month, entry.date.day) > (listing.date.month, listing.date.day)):
            out.append(Diagnostic(Level.NOTICE, listing.path, entry.line, (
                f"paper dated {format_day_month(entry.date)} is later than the listing "
                f"date {format_day_month(listing.date)} of the same year")))
    return out
