"""Inferring listing years from evidence, and refusing to guess without it."""

from __future__ import annotations

from generator.dates import format_day_month, infer_listing_years
from generator.model import DayMonth, Level

from .conftest import HEADER, parse


def listing(source, date, *papers):
    """papers: (title, date text or None)."""
    body = "".join(
        f"{title}\n\nAbstract of {title}.\n\n" + (f"  • 2 authors\n·\n{when}\n\n" if when else "")
        for title, when in papers)
    return parse(HEADER + (f"{date}\n\n" if date else "") + body, source)[0]


def test_yearless_date_printed_in_full_elsewhere_fixes_the_year():
    a = listing("a.txt", "Dec 9", ("Universality Lens", "Jun 9"), ("Other", "Feb 23"))
    b = listing("b.txt", "Jan 7", ("Universality Lens", "Jun 9, 2025"))
    years, diagnostics = infer_listing_years([a, b], {})
    assert years["a.txt"].year == 2025
    assert years["a.txt"].basis == "cross-listing"
    assert "Universality Lens" in years["a.txt"].detail and "b.txt" in years["a.txt"].detail
    assert years["b.txt"].year is None and years["b.txt"].basis == "unknown"
    assert "2026 or later" in years["b.txt"].detail
    assert [d.path for d in diagnostics] == ["seeds/b.txt"]
    assert diagnostics[0].level is Level.NOTICE


def test_matching_is_on_the_normalised_title():
    a = listing("a.txt", "Dec 9", ("The  universality lens!", "Jun 9"))
    b = listing("b.txt", None, ("The Universality Lens", "Jun 9, 2024"))
    assert infer_listing_years([a, b], {})[0]["a.txt"].year == 2024


def test_different_day_is_not_evidence():
    a = listing("a.txt", "Dec 9", ("Paper", "Jun 10"))
    b = listing("b.txt", None, ("Paper", "Jun 9, 2025"))
    assert infer_listing_years([a, b], {})[0]["a.txt"].year is None


def test_shared_yearless_date_carries_the_year_across_listings():
    a = listing("a.txt", "Dec 9", ("P", "Jun 9"), ("Q", "May 1"))
    b = listing("b.txt", "Nov 1", ("Q", "May 1"))
    c = listing("c.txt", None, ("P", "Jun 9, 2023"))
    years, _ = infer_listing_years([a, b, c], {})
    assert (years["a.txt"].year, years["b.txt"].year) == (2023, 2023)
    assert years["b.txt"].basis == "shared-date" and "a.txt" in years["b.txt"].detail


def test_configured_year_wins_and_is_labelled():
    a = listing("a.txt", "Aug 22", ("P", None))
    years, diagnostics = infer_listing_years([a], {"a.txt": 2024})
    assert (years["a.txt"].year, years["a.txt"].basis) == (2024, "configured")
    assert diagnostics == []


def test_contradictory_evidence_is_a_warning_and_no_year():
    a = listing("a.txt", "Dec 9", ("P", "Jun 9"), ("Q", "Jul 1"))
    b = listing("b.txt", None, ("P", "Jun 9, 2024"), ("Q", "Jul 1, 2025"))
    years, diagnostics = infer_listing_years([a, b], {})
    assert years["a.txt"].year is None and years["a.txt"].basis == "conflict"
    assert any(d.level is Level.WARNING and "contradictory" in d.message for d in diagnostics)


def test_listing_without_any_date_needs_no_year():
    a = listing("a.txt", None, ("P", None))
    years, diagnostics = infer_listing_years([a], {})
    assert years["a.txt"].basis == "not-needed" and diagnostics == []


def test_unknown_year_reports_bounds_from_the_convention():
    # Printed years are never the listing's own year; the listing is no older than its papers.
    a = listing("a.txt", "Mar 1", ("P", "Jun 9, 2024"), ("Q", "Feb 1, 2025"))
    years, diagnostics = infer_listing_years([a], {})
    assert years["a.txt"].year is None
    assert "2026 or later" in years["a.txt"].detail
    assert "listing_years" in diagnostics[0].message


def test_convention_violations_are_noticed():
    a = listing("a.txt", "Jan 7", ("P", "Jun 9"), ("Q", "Mar 3, 2025"))
    b = listing("b.txt", None, ("P", "Jun 9, 2025"))
    years, diagnostics = infer_listing_years([a, b], {})
    assert years["a.txt"].year == 2025
    messages = [d.message for d in diagnostics if d.path == "seeds/a.txt"]
    assert any("prints the year 2025" in m for m in messages)
    assert any("later than the listing date" in m for m in messages)


def test_format_day_month():
    assert format_day_month(DayMonth(6, 9)) == "Jun 9"
    assert format_day_month(DayMonth(12, 14, 2021)) == "Dec 14, 2021"
