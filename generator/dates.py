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
from dataclasses import dataclass, field
from datetime import date

from .model import MONTH_ABBR, DayMonth, Diagnostic, Level, Listing, YearBasis, YearEvidence
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
    groups = _GroupFound(_shared_yearless_dates(listings), claims)
    evidence: dict[str, YearEvidence] = {}
    diagnostics: list[Diagnostic] = []
    for listing in listings:
        evidence[listing.source] = _decide(listing, groups, configured, full, diagnostics)
    for listing in listings:
        diagnostics.extend(_check_convention(listing, evidence[listing.source]))
    return evidence, diagnostics


@dataclass
class _FullDates:
    """The full dates listings print, by paper: for each day of the year, each year once
    (with the first listing that prints it), and the newest date."""

    by_day: dict[tuple[str, int, int], dict[int, str]] = field(
        default_factory=lambda: defaultdict(dict))
    newest: dict[str, date] = field(default_factory=dict)


def _full_dates_by_paper(listings) -> _FullDates:
    full = _FullDates()
    for listing in listings:
        for entry in listing.entries:
            if entry.date and entry.date.year:
                title = title_key(entry.title)
                years = full.by_day[(title, entry.date.month, entry.date.day)]
                years.setdefault(entry.date.year, listing.source)
                day = entry.date.to_date()
                if day and (title not in full.newest or day > full.newest[title]):
                    full.newest[title] = day
    return full


def _collect_claims(listings, configured, full) -> dict[str, list[tuple[int, str, str]]]:
    """Direct evidence per listing: (year, basis, explanation)."""
    claims: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for listing in listings:
        if listing.source in configured:
            claims[listing.source].append(
                (configured[listing.source], YearBasis.CONFIGURED, "set in the configuration"))
        if listing.date and listing.date.year:
            claims[listing.source].append((listing.date.year, YearBasis.PRINTED,
                                           "printed on the page"))
        elif listing.captured:
            claims[listing.source].append(_captured_claim(listing))
        for entry in listing.entries:
            if not entry.date or entry.date.year:
                continue
            key = (title_key(entry.title), entry.date.month, entry.date.day)
            for year, other in full.by_day.get(key, {}).items():
                claims[listing.source].append((year, YearBasis.CROSS_LISTING, (
                    f"{entry.title!r} is dated {format_day_month(entry.date)} here "
                    f"(line {entry.line}) and "
                    f"{format_day_month(entry.date.with_year(year))} in {other}")))
    return claims


def _captured_claim(listing: Listing) -> tuple[int, str, str]:
    """A page omits the year of its own time: the capture's day gives it (the year
    before, for a listing date later in the year than the capture)."""
    saved = listing.captured
    later = listing.date and (listing.date.month, listing.date.day) > (saved.month, saved.day)
    year = saved.year - 1 if later else saved.year
    return year, YearBasis.CAPTURED, f"the capture tool dated the capture {saved.isoformat()}"


def _shared_yearless_dates(listings) -> dict[str, str]:
    """Listings that print the same paper with the same yearless date share their year:
    each listing's group, named by one of its members (a union-find, so that a paper on
    thousands of listings costs what its sightings cost)."""
    parent: dict[str, str] = {}

    def root(source: str) -> str:
        parent.setdefault(source, source)
        while parent[source] != source:
            parent[source] = parent[parent[source]]
            source = parent[source]
        return source

    first: dict[tuple[str, int, int], str] = {}
    for listing in listings:
        root(listing.source)
        for entry in listing.entries:
            if entry.date and not entry.date.year:
                key = (title_key(entry.title), entry.date.month, entry.date.day)
                parent[root(listing.source)] = root(first.setdefault(key, listing.source))
    return {source: root(source) for source in parent}


class _GroupFound:
    """The claims of each group of listings that share their year, in listing order, and
    the years they name."""

    def __init__(self, group_of: dict[str, str], claims):
        members: dict[str, list[str]] = defaultdict(list)
        for source in sorted(group_of):
            members[group_of[source]].append(source)
        self.group_of = group_of
        self.found = {group: [(year, basis, detail, member) for member in sources
                              for year, basis, detail in claims.get(member, [])]
                      for group, sources in members.items()}
        self.years = {group: sorted({year for year, *_ in found})
                      for group, found in self.found.items()}

    def __call__(self, source: str) -> tuple[list[tuple[int, str, str, str]], list[int]]:
        group = self.group_of.get(source, source)
        return self.found.get(group, []), self.years.get(group, [])


# A conflict names this many pieces of evidence, and how many more there are.
SHOWN_CLAIMS = 6


def _decide(listing, groups: _GroupFound, configured, full, diagnostics) -> YearEvidence:
    source = listing.source
    if source in configured:
        return YearEvidence(configured[source], YearBasis.CONFIGURED, "set in the configuration")
    found, years = groups(source)
    if len(years) == 1:
        year, basis, detail, member = found[0]
        if member != source:
            basis = YearBasis.SHARED_DATE
            detail = f"shares a yearless paper date with {member}: {detail}"
        return YearEvidence(year, basis, detail)
    if len(years) > 1:
        conflicting = "; ".join(f"{y} ({d})" for y, _, d, _ in found[:SHOWN_CLAIMS])
        if len(found) > SHOWN_CLAIMS:
            conflicting += f"; and {len(found) - SHOWN_CLAIMS} more"
        diagnostics.append(Diagnostic(Level.WARNING, listing.path, listing.date_line,
                                      f"contradictory evidence for the listing's year: "
                                      f"{conflicting}"))
        return YearEvidence(None, YearBasis.CONFLICT, conflicting)
    if listing.date is None and not _has_yearless_entries(listing):
        return YearEvidence(None, YearBasis.NOT_NEEDED, "the page prints no yearless date")
    return YearEvidence(None, YearBasis.UNKNOWN, _unknown_detail(listing, full))


def _has_yearless_entries(listing: Listing) -> bool:
    return any(e.date and e.date.year is None for e in listing.entries)


def _unknown_detail(listing: Listing, full) -> str:
    """Explain the gap, with the earliest year the page convention still allows."""
    printed = {e.date.year for e in listing.entries if e.date and e.date.year}
    known = [full.newest.get(title_key(e.title)) for e in listing.entries]
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
        if evidence.basis == YearBasis.UNKNOWN:
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
