"""What every reader shares: the result type, line splitting, dates and counters as pages
print them, and the signs of markup that a plain-text capture never has."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..model import DayMonth, Diagnostic, Entry, Layout, Level

MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}
DATE_RE = re.compile(
    r"^(?P<month>[A-Za-z]{3,9})\.? (?P<day>\d{1,2})(?:, (?P<year>\d{4}))?(?: (?P<comments>\d+))?$"
)
# Only CR and LF end a line: str.splitlines() would also break on U+2028, form feeds and
# other characters that captured text carries inside a line.
NEWLINE = re.compile(r"\r\n|\r|\n")
# Lines that only markup makes: a Markdown heading or link, an image, a text browser's
# numbered reference or its target. A plain-text copy of a page has none of them (a bare
# URL it can have: some abstracts are nothing but a project's address).
MARKUP_LINE = re.compile(
    r"^\s*(?:#{1,6}\s|\[[^\]]*\]\((?:https?:|/)|!\[|\d+\.\s+https?://|"
    r"\[\d+\]|\[[^\]]+\]:\s*https?://)"
)


@dataclass
class Capture:
    """What a reader found in one file, before the checks every shape shares."""

    entries: list[Entry] = field(default_factory=list)
    date: DayMonth | None = None
    date_line: int | None = None
    # The variant of the shape the file was read as.
    layout: Layout = Layout.NONE
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def warn(self, line: int | None, message: str) -> None:
        self.diagnostics.append(Diagnostic(Level.WARNING, "", line, message))

    def notice(self, line: int | None, message: str) -> None:
        self.diagnostics.append(Diagnostic(Level.NOTICE, "", line, message))


@dataclass(frozen=True)
class Shape:
    """One kind of capture: how to recognise it and how to read it.

    ``detect`` returns how sure it is that the text has this shape, 0 (not at all) to 100;
    the most certain shape reads the file. ``read`` gets the decoded text.
    """

    name: str
    description: str
    detect: Callable[[str], int]
    read: Callable[[str], Capture]
    # Among equally certain shapes, the lower rank wins.
    rank: int = 50


def split_lines(text: str) -> list[str]:
    return NEWLINE.split(text)


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace (tabs, NBSP, wrapped lines) into one space."""
    return " ".join(text.split())


def markup_lines(lines: list[str], limit: int) -> int:
    """How many lines (at most ``limit``) only markup makes."""
    count = 0
    for line in lines:
        if MARKUP_LINE.match(line):
            count += 1
            if count >= limit:
                break
    return count


def parse_date(text: str) -> tuple[DayMonth, str, int | None] | None:
    """``"Nov 4, 2024 1"`` -> (the date, ``"Nov 4, 2024"`` as printed, comment count 1)."""
    match = DATE_RE.match(text)
    if not match:
        return None
    month = MONTHS.get(match["month"].casefold())
    day = int(match["day"])
    if month is None or not 1 <= day <= 31:
        return None
    year = int(match["year"]) if match["year"] else None
    comments = int(match["comments"]) if match["comments"] else None
    printed = text[: match.end("year") if year else match.end("day")]
    return DayMonth(month, day, year), printed, comments


# What capture tools write above a page: "Captured (UTC): 2026-06-29T16:31", "**Fetched:**
# 2026-09-09T15:09", "created: 2026-04-18" in a web clipper's front matter.
CAPTURED_RE = re.compile(r"(?im)^\W*(?:captured|fetched|clipped|saved|created|retrieved|"
                         r"scraped|date saved)\b[^0-9\n]{0,30}(\d{4})-(\d\d)-(\d\d)")


def capture_day(text: str) -> date | None:
    """The day a capture tool says it saved the page (from the head of the file)."""
    match = CAPTURED_RE.search(text[:4000])
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


COUNT_RE = re.compile(r"^(?P<number>\d+(?:[.,]\d+)?)\s*(?P<unit>[kKmM]?)$")


def parse_count(text: str) -> int | None:
    """A counter as pages print it: ``"45"``, ``"1,204"``, ``"1.09k"`` -> 1090."""
    match = COUNT_RE.match(text.strip())
    if not match:
        return None
    number, unit = match["number"], match["unit"].lower()
    if not unit:
        return int(number.replace(",", "")) if "." not in number else None
    scale = 1000 if unit == "k" else 1_000_000
    return round(float(number.replace(",", ".")) * scale)


def clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
