"""Text copied from a Hugging Face Papers page ("select all, copy"), with no markup.

Two layouts are known:

* ``blocks``: fields separated by blank lines; wrapped lines inside a field are joined;
* ``lines``: no blank lines at all; every line is one field and title and abstract
  alternate (the first title may be glued onto the header word before it).

Either way a paper is a title, an abstract and an optional metadata block: an author count
(``• 3 authors``) or an organisation line, a ``·`` line and a date, maybe followed by the
comment count. The reader never makes a paper out of a header, metadata or a stray fragment,
and keeps titles and abstracts verbatim apart from whitespace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import DayMonth, Entry, Layout
from .common import (Capture, Shape, clip, markup_lines, normalize_space, parse_count,
                     parse_date, split_lines)

SUBMITTED_RE = re.compile(r"^Submitted by\b", re.I)
# A link, an image or the halves of a link some tool split over lines ("[Upvote" ...
# "117](https://...)"): markup that a copy of the page never has as a line of its own.
LINK_DEBRIS_RE = re.compile(r"^\[[^\]]*$|^[^\[]*\]\((?:https?:|/)\S*\)$|^\]|^\[\d+\]:\s|"
                            r"^(?:[-*+•]\s+)?(?:!?\[[^\]]*\](?:\([^)\s]*\)|\[\d+\])\s*)+$")
AUTHORS_RE = re.compile(r"^[•·]\s*(?P<count>\d[\d,]*)\s+authors?$")
# Trending pages print "Published on Oct 4, 2026".
PUBLISHED_PREFIX = "Published on "
DOT = "·"
HEADER_PHRASES = (
    "new",
    "Get trending papers in your email inbox!",
    "Get trending papers in your email inbox once a day!",
    "Subscribe",
    "Daily Papers",
    "byAK and the research community",
)
_HEADER_KEYS = {phrase.casefold() for phrase in HEADER_PHRASES}
# The site's navigation and footer, one item a line in a copy of the whole page: never a
# title or an abstract.
CHROME_PHRASES = (
    "Hugging Face", "Models", "Datasets", "Spaces", "Buckets", "Posts", "Docs", "Enterprise",
    "Pricing", "Log In", "Sign Up", "Papers", "Collections", "Community", "System theme",
    "Company", "TOS", "Privacy", "About", "Careers", "Jobs", "Website", "Learn", "Discord",
    "Forum", "GitHub", "Previous", "Next", "Daily", "Weekly", "Monthly", "Trending Papers",
    "Search", "Submit", "Upvote", "arXiv Page", "View arXiv page", "View PDF",
    "Add to collection", "Project page",
)
_CHROME_KEYS = {phrase.casefold() for phrase in CHROME_PHRASES}
# "new" is left out: too many real titles start with "New".
_GLUE_PREFIXES = tuple(p for p in HEADER_PHRASES if p != "new")
# A title is short and never a URL; an abstract is long. Used only to re-align a listing
# whose entry lost its abstract, so that one gap does not shift every later entry.
TITLE_MAX = 250
ABSTRACT_MIN = 300

BLANK, TEXT, AUTHORS, SEP, DATE, CHROME = "blank", "text", "authors", "separator", "date", "chrome"


@dataclass(frozen=True)
class Field:
    """A logical unit of the page: one paragraph of text, or one metadata line."""

    kind: str
    text: str
    line: int


def detect(text: str) -> int:
    """Sure when the page's header or its metadata lines are there and no markup is."""
    lines = split_lines(text)
    if markup_lines(lines, 3) >= 3:
        return 0
    head = [key for line in lines[:40] if (key := normalize_space(line).casefold())]
    if any(key in _HEADER_KEYS and key != "new" for key in head):
        return 60
    if any(AUTHORS_RE.match(normalize_space(line)) for line in lines):
        return 40
    return 0


def read(text: str) -> Capture:
    """Parse a decoded listing into its header date and its entries, in page order."""
    capture = Capture()
    lines = _classify_lines(text)
    capture.layout = Layout.BLOCKS if _has_inner_blank(lines) else Layout.LINES
    fields = _group_fields(lines, join_wrapped=capture.layout is Layout.BLOCKS)
    capture.date, capture.date_line, body = _split_header(fields)
    capture.entries = _parse_entries(body, capture)
    return capture


SHAPE = Shape("hf-text", "text copied from a Hugging Face Papers page", detect, read, rank=90)


def _classify_lines(text: str) -> list[Field]:
    classified: list[Field] = []
    for number, raw in enumerate(split_lines(text), start=1):
        line = normalize_space(raw)
        # "Submitted by" alone: the submitter's name is the next line.
        after_submitted = bool(classified) and classified[-1].text.casefold() == "submitted by"
        kind = line_kind(line, after_submitted)
        text = line.removeprefix(PUBLISHED_PREFIX) if kind == DATE else line
        classified.append(Field(kind, text, number))
    return classified


def line_kind(line: str, after_submitted: bool = False) -> str:
    """What one line of a plain-text copy is: text, blank, metadata or the site's chrome."""
    if not line:
        return BLANK
    if line == DOT:
        return SEP
    if AUTHORS_RE.match(line):
        return AUTHORS
    if parse_date(line.removeprefix(PUBLISHED_PREFIX)):
        return DATE
    if line.casefold() in _CHROME_KEYS or SUBMITTED_RE.match(line) or after_submitted \
            or parse_count(line) is not None or LINK_DEBRIS_RE.match(line):
        return CHROME  # navigation, "Submitted by" and its name, a counter, link debris
    return TEXT


def _has_inner_blank(lines: list[Field]) -> bool:
    kinds = "".join("b" if f.kind == BLANK else "x" for f in lines).strip("b")
    return "b" in kinds


def _group_fields(lines: list[Field], join_wrapped: bool) -> list[Field]:
    """Fields of the page; in the blocks layout, a field's wrapped lines joined (collected
    first and joined once, so that a field of many lines costs what its text costs)."""
    fields: list[Field] = []
    parts: dict[int, list[str]] = {}
    for index, f in enumerate(lines):
        previous = lines[index - 1].kind if index else BLANK
        following = lines[index + 1].kind if index + 1 < len(lines) else BLANK
        if f.kind == CHROME and (following == SEP or join_wrapped and previous == TEXT
                                 and following == TEXT):
            f = Field(TEXT, f.text, f.line)  # an organisation ("Hugging Face"), or prose
        # A text line right before "·" is an organisation line, never a wrapped line.
        if join_wrapped and f.kind == TEXT and previous == TEXT and following != SEP:
            parts.setdefault(len(fields) - 1, [fields[-1].text]).append(f.text)
        elif f.kind not in (BLANK, CHROME):
            fields.append(f)
    for index, texts in parts.items():
        fields[index] = Field(TEXT, " ".join(texts), fields[index].line)
    return fields


def _split_header(fields: list[Field]) -> tuple[DayMonth | None, int | None, list[Field]]:
    """Strip the page header (and what a copy of the whole page has before it: the site's
    navigation); return the listing's own date and the remaining fields."""
    date = date_line = None
    start = next((index for index, f in enumerate(fields[:40])
                  if f.kind == TEXT and f.text.casefold() in _HEADER_KEYS), 0)
    fields = fields[start:]
    for index, f in enumerate(fields):
        if f.kind == TEXT and f.text.casefold() in _HEADER_KEYS:
            continue
        if f.kind == DATE and date is None:
            date, date_line = parse_date(f.text)[0], f.line
            continue
        body = fields[index:]
        glued = _unglue(f) if f.kind == TEXT else None
        return date, date_line, ([glued, *body[1:]] if glued else body)
    return date, date_line, []


def _unglue(f: Field) -> Field | None:
    """``SubscribeNeural signature kernels`` -> ``Neural signature kernels``."""
    for prefix in _GLUE_PREFIXES:
        rest = f.text[len(prefix):]
        if f.text.startswith(prefix) and rest and not rest[0].isspace() and not rest[0].islower():
            return Field(TEXT, rest, f.line)
    return None


class _Cursor:
    """Walks the body fields; small helpers keep the entry grammar readable."""

    def __init__(self, fields: list[Field]):
        self.fields = fields
        self.i = 0

    def peek(self, ahead: int = 0) -> Field | None:
        index = self.i + ahead
        return self.fields[index] if index < len(self.fields) else None

    def kind(self, ahead: int = 0) -> str | None:
        f = self.peek(ahead)
        return f.kind if f else None

    def take(self) -> Field:
        f = self.fields[self.i]
        self.i += 1
        return f

    def at_org_line(self, ahead: int = 0) -> bool:
        """An organisation line is plain text directly followed by the ``·`` separator."""
        return self.kind(ahead) == TEXT and self.kind(ahead + 1) == SEP


def _parse_entries(body: list[Field], capture: Capture) -> list[Entry]:
    cursor = _Cursor(body)
    entries: list[Entry] = []
    while cursor.peek():
        f = cursor.peek()
        if f.kind != TEXT:
            cursor.take()
            capture.warn(f.line, f"stray {f.kind} line {f.text!r} outside an entry; ignored")
        elif f.text.casefold() in _HEADER_KEYS:
            cursor.take()
            capture.notice(f.line, f"page header line {f.text!r} inside the listing; ignored")
        elif _is_orphan_abstract(cursor):
            cursor.take()
            capture.warn(f.line, "paragraph without a title (looks like an abstract); ignored")
        else:
            entries.append(_parse_entry(cursor, len(entries) + 1, capture))
    return entries


def _is_orphan_abstract(cursor: _Cursor) -> bool:
    here, after, then = cursor.peek(), cursor.peek(1), cursor.peek(2)
    return (
        len(here.text) >= ABSTRACT_MIN
        and after is not None and then is not None
        and after.kind == TEXT and _title_like(after.text)
        and then.kind == TEXT and len(then.text) >= ABSTRACT_MIN
    )


def _title_like(text: str) -> bool:
    return len(text) <= TITLE_MAX and "://" not in text


def _parse_entry(cursor: _Cursor, position: int, capture: Capture) -> Entry:
    title = cursor.take()
    abstract = None
    if cursor.kind() == TEXT and not cursor.at_org_line() and not _abstract_missing(cursor) \
            and cursor.peek().text.casefold() not in _HEADER_KEYS:
        abstract = cursor.take().text
    meta = _parse_metadata(cursor, capture)
    if abstract is None:
        where = "at the end of the file (truncated entry?)" if cursor.peek() is None else ""
        capture.warn(title.line, f"title {clip(title.text)!r} has no abstract {where}".rstrip()
                     + "; not read as a paper")
    return Entry(title=title.text, abstract=abstract, line=title.line, position=position, **meta)


def _abstract_missing(cursor: _Cursor) -> bool:
    """True when the field after a title is really the next title (its abstract follows)."""
    candidate, after = cursor.peek(), cursor.peek(1)
    return (
        _title_like(candidate.text)
        and after is not None and after.kind == TEXT and not cursor.at_org_line(1)
        and len(after.text) >= ABSTRACT_MIN
    )


def _parse_metadata(cursor: _Cursor, capture: Capture) -> dict:
    meta: dict = {}
    if cursor.kind() == AUTHORS:
        meta["authors"] = int(AUTHORS_RE.match(cursor.take().text)["count"].replace(",", ""))
    elif cursor.at_org_line():
        meta["organization"] = cursor.take().text
    separator = cursor.take() if cursor.kind() == SEP else None
    if cursor.kind() == DATE:
        meta["date"], meta["date_text"], meta["comments"] = parse_date(cursor.take().text)
    elif separator is not None:
        capture.warn(separator.line, "'·' separator not followed by a date")
    return meta
