"""Human-readable reports: the end-of-run summary and ``papershelf check``. Pure text."""

from __future__ import annotations

from .compute import Collection
from .cache import RunSummary
from .dates import format_day_month
from .writer import WriteStats
from .merge import CONFLICT
from .model import Level, Listing


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {plural or word + 's'}"


def format_summary(summary: RunSummary, stats: WriteStats | None = None) -> str:
    """One paragraph: what was read, merged and written, and how many problems."""
    lines = [
        f"Read {_plural(summary.listings, 'listing')}: "
        f"{_plural(summary.entries, 'entry', 'entries')} -> "
        f"{_plural(summary.papers, 'paper')} ({summary.merged} in several listings)"
        + (f"; skipped {summary.skipped} unreadable" if summary.skipped else ""),
    ]
    if stats is not None:
        lines.append(f"Files: {len(stats.written)} written, {len(stats.unchanged)} unchanged, "
                     f"{len(stats.removed)} removed")
        lines.extend(f"warning: {path}: {reason}" for path, reason in stats.kept)
    lines.append(f"{_plural(len(summary.warnings), 'warning')}, "
                 f"{_plural(summary.notices, 'notice')}"
                 + (" (listed by `papershelf check`)" if summary.notices else ""))
    return "\n".join(lines)


def format_check_report(collection: Collection) -> str:
    """Per listing, the merged papers, conflicts, warnings and notices."""
    out = [f"Listings ({len(collection.listings)})"]
    for listing in collection.listings:
        out.extend(_listing_lines(listing, collection))
    if collection.skipped:
        out.append(f"Skipped (unreadable): {', '.join(collection.skipped)}")
    merged = [paper for paper in collection.papers if len(paper.listings) > 1]
    out.append("")
    out.append(f"Papers: {collection.entry_count} entries, {len(collection.papers)} distinct, "
               f"{len(merged)} merged from several listings")
    for paper in merged:
        places = ", ".join(f"{ref.source}:{ref.line}" for ref in paper.listings)
        out.append(f"  {paper.slug}: {places}")
    conflicts = [d for d in collection.warnings if d.code == CONFLICT]
    out.append("")
    out.append(f"Conflicts ({len(conflicts)})")
    out.extend(f"  {d}" for d in conflicts)
    for level in (Level.WARNING, Level.NOTICE):
        found = [d for d in collection.diagnostics if d.level is level]
        out.append("")
        out.append(f"{level.value.capitalize()}s ({len(found)})")
        out.extend(f"  {d}" for d in found)
    return "\n".join(out)


def _listing_lines(listing: Listing, collection: Collection) -> list[str]:
    evidence = collection.years[listing.source]
    entries = listing.entries
    with_meta = sum(1 for e in entries if e.has_metadata)
    dated = [e for e in entries if e.date]
    yearless = [e for e in dated if e.date.year is None]
    if listing.date is None:
        listed = "no listing date"
    else:
        listed = f"listed {format_day_month(listing.day(evidence.year))}"
    year = (f"year {evidence.year} ({evidence.basis})" if evidence.year
            else f"year {evidence.basis.replace('-', ' ')}")
    shape = f"{listing.shape} ({listing.layout})" if listing.layout else listing.shape
    lines = [
        f"  {listing.path}  [{shape}]  {listed}; {year}",
        f"    {_plural(len(entries), 'entry', 'entries')}: "
        f"{with_meta} with metadata, {len(entries) - with_meta} without; "
        f"{len(dated)} dated ({len(yearless)} without year"
        + (f", read as {evidence.year})" if yearless and evidence.year else ")"),
        f"    evidence: {evidence.detail}",
    ]
    return lines
