"""Reading one scraped listing: bytes in, a :class:`Listing` and diagnostics out.

A listing is a text scrape of a "Daily Papers" page. Two layouts are known:

* ``blocks``: fields separated by blank lines; wrapped lines inside a field are joined;
* ``lines``: no blank lines at all; every line is one field and title and abstract
  alternate (the first title may be glued onto the header word before it).

Either way a paper is a title, an abstract and an optional metadata block: an author count
(``• 3 authors``) or an organisation line, a ``·`` line and a date, maybe followed by the
comment count. The reader never makes a paper out of a header, metadata or a stray fragment,
and keeps titles and abstracts verbatim apart from whitespace.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .model import DayMonth, Diagnostic, Entry, Level, Listing

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
AUTHORS_RE = re.compile(r"^•\s*(?P<count>\d[\d,]*)\s+authors?$")
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
# "new" is left out: too many real titles start with "New".
_GLUE_PREFIXES = tuple(p for p in HEADER_PHRASES if p != "new")
# A title is short and never a URL; an abstract is long. Used only to re-align a listing
# whose entry lost its abstract, so that one gap does not shift every later entry.
TITLE_MAX = 250
ABSTRACT_MIN = 300

BLANK, TEXT, AUTHORS, SEP, DATE = "blank", "text", "authors", "separator", "date"


@dataclass(frozen=True)
class Field:
    """A logical unit of the page: one paragraph of text, or one metadata line."""

    kind: str
    text: str
    line: int


def decode_listing(data: bytes, path: str) -> tuple[str | None, Diagnostic | None]:
    """Decode a listing's bytes as UTF-8 (with or without BOM; UTF-16 if it has a BOM).

    Anything else is not decoded with a guess: the file is skipped with a warning naming the
    line and column of the first byte that is not UTF-8, because a fallback such as Latin-1
    would show the curator text the page never said.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            return None, _undecodable(data, exc.start, path, "UTF-16")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)
        return None, _undecodable(data, offset, path, "UTF-8")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, Diagnostic(Level.WARNING, path, line,
                                "contains NUL bytes: looks binary, not a text listing; skipped")
    return text, None


def _undecodable(data: bytes, offset: int, path: str, encoding: str) -> Diagnostic:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return Diagnostic(
        Level.WARNING, path, line,
        f"not {encoding} text (byte 0x{data[offset]:02x} at column {column}, byte offset "
        f"{offset}); file skipped. Re-encode it, e.g. `iconv -f latin1 -t utf-8`",
    )


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


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace (tabs, NBSP, wrapped lines) into one space."""
    return " ".join(text.split())


def read_listing(text: str, source: str, path: str) -> tuple[Listing, list[Diagnostic]]:
    """Parse a decoded listing into its header date and its entries, in page order."""
    diagnostics: list[Diagnostic] = []
    lines = _classify_lines(text)
    layout = "blocks" if _has_inner_blank(lines) else "lines"
    fields = _group_fields(lines, join_wrapped=layout == "blocks")
    date, date_line, body = _split_header(fields)
    entries = _parse_entries(body, path, diagnostics)
    if not text.strip():
        diagnostics.append(Diagnostic(Level.WARNING, path, None, "empty listing"))
    elif not entries:
        diagnostics.append(Diagnostic(
            Level.WARNING, path, None,
            "no recognisable papers (expected a title line followed by an abstract)"))
    listing = Listing(source, path, date, date_line, tuple(entries), layout)
    return listing, diagnostics


_NEWLINE = re.compile(r"\r\n|\r|\n")


def _classify_lines(text: str) -> list[Field]:
    # Only CR and LF end a line: str.splitlines() would also break on U+2028, form feeds
    # and other characters that scraped text carries inside a line.
    classified = []
    for number, raw in enumerate(_NEWLINE.split(text), start=1):
        line = normalize_space(raw)
        if not line:
            kind = BLANK
        elif line == DOT:
            kind = SEP
        elif AUTHORS_RE.match(line):
            kind = AUTHORS
        elif parse_date(line):
            kind = DATE
        else:
            kind = TEXT
        classified.append(Field(kind, line, number))
    return classified


def _has_inner_blank(lines: list[Field]) -> bool:
    kinds = "".join("b" if f.kind == BLANK else "x" for f in lines).strip("b")
    return "b" in kinds


def _group_fields(lines: list[Field], join_wrapped: bool) -> list[Field]:
    fields: list[Field] = []
    for index, f in enumerate(lines):
        previous = lines[index - 1].kind if index else BLANK
        following = lines[index + 1].kind if index + 1 < len(lines) else BLANK
        # A text line right before "·" is an organisation line, never a wrapped line.
        if join_wrapped and f.kind == TEXT and previous == TEXT and following != SEP:
            last = fields[-1]
            fields[-1] = Field(TEXT, f"{last.text} {f.text}", last.line)
        elif f.kind != BLANK:
            fields.append(f)
    return fields


def _split_header(fields: list[Field]) -> tuple[DayMonth | None, int | None, list[Field]]:
    """Strip the page header; return the listing's own date and the remaining fields."""
    date = date_line = None
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


def _parse_entries(body: list[Field], path: str, out: list[Diagnostic]) -> list[Entry]:
    cursor = _Cursor(body)
    entries: list[Entry] = []
    while cursor.peek():
        f = cursor.peek()
        if f.kind != TEXT:
            cursor.take()
            out.append(_warn(path, f, f"stray {f.kind} line {f.text!r} outside an entry; ignored"))
        elif f.text.casefold() in _HEADER_KEYS:
            cursor.take()
            out.append(Diagnostic(Level.NOTICE, path, f.line,
                                  f"page header line {f.text!r} inside the listing; ignored"))
        elif _is_orphan_abstract(cursor):
            cursor.take()
            out.append(_warn(path, f, "paragraph without a title (looks like an abstract); "
                                      "ignored"))
        else:
            entries.append(_parse_entry(cursor, len(entries) + 1, path, out))
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


def _parse_entry(cursor: _Cursor, position: int, path: str, out: list[Diagnostic]) -> Entry:
    title = cursor.take()
    abstract = None
    if cursor.kind() == TEXT and not cursor.at_org_line() and not _abstract_missing(cursor):
        abstract = cursor.take().text
    meta = _parse_metadata(cursor, path, out)
    if abstract is None:
        where = "at the end of the file (truncated entry?)" if cursor.peek() is None else ""
        out.append(_warn(path, title, f"title {_clip(title.text)!r} has no abstract {where}"
                                      .rstrip()))
    return Entry(title=title.text, abstract=abstract, line=title.line, position=position, **meta)


def _abstract_missing(cursor: _Cursor) -> bool:
    """True when the field after a title is really the next title (its abstract follows)."""
    candidate, after = cursor.peek(), cursor.peek(1)
    return (
        _title_like(candidate.text)
        and after is not None and after.kind == TEXT and not cursor.at_org_line(1)
        and len(after.text) >= ABSTRACT_MIN
    )


def _parse_metadata(cursor: _Cursor, path: str, out: list[Diagnostic]) -> dict:
    meta: dict = {}
    if cursor.kind() == AUTHORS:
        meta["authors"] = int(AUTHORS_RE.match(cursor.take().text)["count"].replace(",", ""))
    elif cursor.at_org_line():
        meta["organization"] = cursor.take().text
    separator = cursor.take() if cursor.kind() == SEP else None
    if cursor.kind() == DATE:
        meta["date"], meta["date_text"], meta["comments"] = parse_date(cursor.take().text)
    elif separator is not None:
        out.append(_warn(path, separator, "'·' separator not followed by a date"))
    return meta


def _warn(path: str, f: Field, message: str) -> Diagnostic:
    return Diagnostic(Level.WARNING, path, f.line, message)


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
