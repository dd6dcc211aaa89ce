"""The typed model every stage shares: what a listing says, the curator's notes, and the
papers merged from them.

Everything is normalised once, by the readers, the note parser and the merger. A
:class:`Paper` is then completed in place by the compute stage, and only there: topics
(:mod:`.topics` and the notes), its note (:mod:`.curation`) and related papers; the
render stage only reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum, StrEnum

from .arxiv import parse_arxiv_id


class Level(str, Enum):
    """How serious a diagnostic is. Warnings fail a ``--strict`` run; notices never do."""

    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True)
class Diagnostic:
    """A problem or remark about an input, located by file and (1-based) line."""

    level: Level
    path: str
    line: int | None
    message: str
    # What kind of problem, for code that sorts them (report.py): "conflict" when two
    # listings disagree about a paper; empty for the others.
    code: str = ""

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.level.value}: {self.message}"


@dataclass(frozen=True)
class DayMonth:
    """A date as a listing prints it: month and day always, the year only sometimes."""

    month: int
    day: int
    year: int | None = None

    def with_year(self, year: int) -> "DayMonth":
        return DayMonth(self.month, self.day, year)

    def to_date(self) -> date | None:
        """The full date, or None while the year is unknown (or the day does not exist)."""
        if self.year is None:
            return None
        try:
            return date(self.year, self.month, self.day)
        except ValueError:
            return None


@dataclass(frozen=True)
class ArxivFacts:
    """What an arXiv listing prints about a paper besides its title, authors and abstract,
    as printed."""

    comments: str | None = None
    journal_ref: str | None = None
    subjects: str | None = None


@dataclass(frozen=True)
class Entry:
    """One paper exactly as one listing shows it, before any merging."""

    title: str
    abstract: str | None
    line: int
    position: int
    authors: int | None = None
    organization: str | None = None
    date: DayMonth | None = None
    date_text: str | None = None
    comments: int | None = None
    # arXiv identifier without version (``2410.05434``, ``hep-th/9901001``).
    arxiv_id: str | None = None
    author_names: tuple[str, ...] = ()
    # A one-line summary the page shows (an AI summary, a TL;DR): never the abstract.
    summary: str | None = None
    upvotes: int | None = None
    submitted_by: str | None = None
    arxiv_facts: ArxivFacts | None = None
    # The part of an arXiv listing the entry stood in: "new", "cross-list", "replacement".
    section: str | None = None

    @property
    def has_metadata(self) -> bool:
        return any(v is not None for v in (self.authors, self.organization, self.date)) \
            or bool(self.author_names)


class Layout(StrEnum):
    """The variant of its shape a capture was read as (``papers.json`` writes the value):
    plain text in blocks or lines, or the markup its links are written in."""

    NONE = ""
    BLOCKS = "blocks"  # hf-text: fields separated by blank lines
    LINES = "lines"  # hf-text: one field per line
    MARKDOWN = "markdown"
    NUMBERED_LINKS = "numbered links"  # a text browser's or converter's reference list
    URL_LINES = "URL lines"
    TEXT = "text"  # no link markup


@dataclass(frozen=True)
class Listing:
    """One captured listing file: its own date (if printed) and its entries in page order.

    ``shape`` names the reader that recognised the file (``hf-text``, ``arxiv-list``, ...),
    ``layout`` that reader's variant of it, if it has several."""

    source: str
    path: str
    date: DayMonth | None
    date_line: int | None
    entries: tuple[Entry, ...]
    shape: str
    layout: Layout = Layout.NONE
    # The day the capture tool says it saved the page, when it says so.
    captured: date | None = None
    # What page it is ("Daily Papers", "arXiv cs.LG: new submissions"), when it says so.
    title: str | None = None

    def day(self, year: int | None) -> DayMonth | None:
        """The listing's date with its year, when the year is known (else as printed)."""
        return self.date.with_year(year) if self.date and year else self.date


class YearBasis(StrEnum):
    """What a listing's year rests on (``papers.json`` writes the value)."""

    CONFIGURED = "configured"  # papershelf.yml says so
    PRINTED = "printed"  # the page prints it
    CAPTURED = "captured"  # the capture tool dated the file
    CROSS_LISTING = "cross-listing"  # another listing prints a shared paper's full date
    SHARED_DATE = "shared-date"  # a listing sharing a yearless date has a year
    CONFLICT = "conflict"  # the evidence disagrees
    NOT_NEEDED = "not-needed"  # the page prints no yearless date
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class YearEvidence:
    """Why a listing's year is what it is, or why it is still unknown."""

    year: int | None
    basis: YearBasis
    detail: str


@dataclass(frozen=True)
class ListingRef:
    """Where a paper appeared: listing file, position on the page, listing date."""

    source: str
    position: int
    line: int
    listed: date | None
    listed_text: str | None
    shape: str = ""
    # The part of an arXiv listing it stood in ("new", "cross-list", "replacement").
    section: str | None = None


MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class DateKind(str, Enum):
    """What a paper's best known date is."""

    PUBLISHED = "published"  # the date a listing prints for the paper
    SUBMITTED = "submitted"  # the month of first arXiv submission, read from the id


@dataclass(frozen=True)
class KnownDate:
    """A paper's best known date: a day, or for :attr:`DateKind.SUBMITTED` only a month
    (``day`` is then the month's first day)."""

    day: date
    text: str
    kind: DateKind


@dataclass
class Note:
    """A parsed note; invalid fields are left at their defaults (and reported)."""

    slug: str
    path: str
    body: str
    # The line of the file where ``body`` starts (messages about the body count from it).
    body_line: int = 1
    status: str | None = None
    read_on: date | None = None
    rating: int | None = None
    priority: str = "normal"
    summary: str | None = None
    # The body's first paragraph of prose, as plain text (notes.first_paragraph).
    lead: str | None = None
    tags: list[str] = field(default_factory=list)
    topics_replace: list[str] | None = None
    topics_add: list[str] = field(default_factory=list)
    topics_remove: list[str] = field(default_factory=list)
    pin: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    # The line of each front-matter key (messages about its value point there).
    key_lines: dict[str, int] = field(default_factory=dict)
    # Accepted, but worth a word (an id read out of a URL); reported as notices.
    remarks: list[str] = field(default_factory=list)
    # The body is shown as written, in a code block: too complex to render as Markdown.
    verbatim: bool = False

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key)


@dataclass(frozen=True)
class RelatedLink:
    """A related paper: its slug, the similarity (None when the curator pinned it) and the
    reasons shown with the link."""

    slug: str
    score: float | None
    why: tuple[str, ...]

    def to_json(self) -> dict:
        return {"slug": self.slug, "score": self.score, "why": list(self.why)}

    @classmethod
    def from_json(cls, data: dict) -> "RelatedLink":
        return cls(data["slug"], data["score"], tuple(data["why"]))


@dataclass
class Paper:
    """A paper merged from every listing it appeared in."""

    key: str
    title: str
    abstract: str | None
    authors: int | None
    organization: str | None
    published: date | None
    published_text: str | None
    comments: int | None
    listings: list[ListingRef]
    arxiv_id: str | None = None
    author_names: list[str] = field(default_factory=list)
    summary: str | None = None
    upvotes: int | None = None
    arxiv_facts: ArxivFacts = field(default_factory=ArxivFacts)
    submitted_by: str | None = None
    slug: str = ""
    topics: list[str] = field(default_factory=list)
    related: list[RelatedLink] = field(default_factory=list)
    note: Note | None = None

    @property
    def known_arxiv_id(self) -> str | None:
        """The arXiv id the curator's note gives, else the one a listing printed."""
        given = self.note.links.get("arxiv") if self.note else None
        return given or self.arxiv_id

    @property
    def author_list(self) -> list[str]:
        """The curator's list of authors, else the names a listing printed."""
        return list(self.note.authors) if self.note and self.note.authors \
            else list(self.author_names)

    @property
    def first_listed(self) -> ListingRef | None:
        """The earliest dated sighting: when a listing first showed the paper."""
        dated = [ref for ref in self.listings if ref.listed]
        return min(dated, key=lambda ref: (ref.listed, ref.source)) if dated else None

    @property
    def submitted(self) -> date | None:
        """The first day of the month the paper was first submitted to arXiv."""
        known = self.known_arxiv_id
        parsed = parse_arxiv_id(known) if known else None
        return parsed.submitted if parsed else None

    @property
    def dated(self) -> KnownDate | None:
        """The best date known: the one a listing prints, else the arXiv month."""
        if self.published:
            return KnownDate(self.published, self.published_text or "", DateKind.PUBLISHED)
        submitted = self.submitted
        if submitted:
            text = f"{MONTH_ABBR[submitted.month - 1]} {submitted.year}"
            return KnownDate(submitted, text, DateKind.SUBMITTED)
        return None
