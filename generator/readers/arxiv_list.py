"""An arXiv listing page (``/list/<category>/new``, ``/recent``, ``/pastweek``), saved as
text or with its links (Markdown, numbered references).

Each entry starts with its number and id (``[1] arXiv:2410.05434 [pdf, html, other]``,
perhaps on several lines, perhaps with ``(cross-list from cs.LG)`` or ``(replaced)``), then
labelled fields (``Title:``, ``Authors:`` or an unlabelled line of names, ``Comments:``,
``Journal-ref:``, ``Subjects:``, ...) with the value on the label's line or the lines after
it, then, on ``/new`` pages, the abstract as one paragraph. Sections ("New submissions",
"Cross submissions", "Replacement submissions") say what kind of entry follows.
"""

from __future__ import annotations

import dataclasses
import re

from ..arxiv import find_arxiv_ids
from ..model import ArxivFacts, DayMonth, Entry
from .common import MONTHS, Capture, Shape
from .markup import Line, flatten, markup_style

ENTRY_ID = re.compile(r"^(?:\[\d+\]\s*)?arXiv:\s*\S+", re.I)
LABEL = re.compile(r"^(?P<label>Title|Authors?|Comments|Journal-ref|Subjects|MSC-class|"
                   r"ACM-class|Report-no|DOI):\s*(?P<value>.*)$", re.I)
SECTION = re.compile(r"^(?P<kind>New submissions|Cross(?:-lists| submissions| listings)|"
                     r"Replacement submissions|Replacements)\b.*(?:\(showing|\bfor\b)", re.I)
SECTION_KINDS = {"new": "new", "cro": "cross-list", "rep": "replacement"}
LISTING_DAY = re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+(?P<day>\d{1,2})\s+"
                         r"(?P<month>[A-Za-z]{3,9})\.?\s+(?P<year>\d{4}|\d{2})\b")
# What follows the last entry of a section or of the page.
# Whole lines, or openings no abstract has.
PAGE_CHROME = re.compile(
    r"^(?:Total of \d+ entries|Showing (?:up to \d+ entries|new listings for)|"
    r"Which authors of this paper are endorsers|Disable MathJax|"
    r"(?:About|Help|Contact|Subscribe|Copyright|Privacy Policy|Web Accessibility Assistance|"
    r"arXiv Operational Status.*|\[\d+\])$|"
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*, \d{1,2} [A-Z][a-z]+ \d{4}(?: \(showing.*)?$)")
# A subject as arXiv prints it: "Machine Learning (cs.LG)".
SUBJECT = re.compile(r"\((?:[a-z-]+(?:\.[A-Za-z-]+)?)\)")
ABSTRACT_MIN = 200
FIELDS = {"comments": "comments", "journal-ref": "journal_ref", "subjects": "subjects"}


def detect(text: str) -> int:
    """Sure when entries carry ``arXiv:<id>`` and labelled titles."""
    ids = len(re.findall(r"arXiv:\s*(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})", text))
    titles = len(re.findall(r"(?m)^\s*Title:", text))
    return 90 if ids >= 2 and titles >= 2 else 0


def read(text: str) -> Capture:
    capture = Capture(layout=markup_style(text))
    lines = flatten(text, capture.layout)
    starts = [i for i, line in enumerate(lines) if ENTRY_ID.match(line.text)
              and find_arxiv_ids(line.text)]
    capture.date, capture.date_line = _listing_day(lines[:starts[0] if starts else len(lines)])
    section = None
    for index, (start, end) in enumerate(zip(starts, [*starts[1:], len(lines)])):
        before = lines[starts[index - 1] if index else 0:start]
        section = _section(before) or section
        capture.entries.append(_entry(lines[start:end], section))
    _drop_chrome_abstracts(capture.entries)
    return capture


def _drop_chrome_abstracts(entries: list[Entry]) -> None:
    """A page without abstracts (``/recent``, ``/pastweek``) has none at all: text after
    the last entry's fields is the page's footer, not an abstract."""
    full = sum(1 for entry in entries if entry.abstract and len(entry.abstract) >= ABSTRACT_MIN)
    if 2 * full < len(entries):
        entries[:] = [dataclasses.replace(entry, abstract=None) for entry in entries]


SHAPE = Shape("arxiv-list", "an arXiv listing page", detect, read, rank=10)


def _listing_day(preamble: list[Line]) -> tuple[DayMonth | None, int | None]:
    """"Showing new listings for Wednesday, 9 September 2026" or a day heading."""
    for line in preamble:
        match = LISTING_DAY.search(line.text)
        month = MONTHS.get(match["month"].casefold()) if match else None
        if month and 1 <= int(match["day"]) <= 31:
            year = int(match["year"])
            return DayMonth(month, int(match["day"]), year + 2000 if year < 100 else year), \
                line.number
    return None, None


def _section(lines: list[Line]) -> str | None:
    kinds = [SECTION_KINDS[m["kind"][:3].lower()] for line in lines
             if (m := SECTION.match(line.text))]
    return kinds[-1] if kinds else None


def _entry(lines: list[Line], section: str | None) -> Entry:
    head = lines[0]
    arxiv_id = find_arxiv_ids(head.text)[0]
    fields: dict = {}
    values, rest = _labelled(lines[1:])
    title = " ".join(values.get("title", []))
    names = values.get("authors") or values.get("author")
    unlabelled, abstract = _authors_and_abstract(rest, names is None)
    names = names or unlabelled
    if names:
        fields["author_names"] = tuple(split_names(" ".join(names)))
        fields["authors"] = len(fields["author_names"])
    facts = {name: " ".join(values[key]) for key, name in FIELDS.items() if values.get(key)}
    if facts:
        fields["arxiv_facts"] = ArxivFacts(**facts)
    return Entry(title=title, abstract=abstract, line=head.number, position=0,
                 arxiv_id=str(arxiv_id), section=section, **fields)


def _labelled(lines: list[Line]) -> tuple[dict[str, list[str]], list[Line]]:
    """The labelled fields' values, and the unlabelled lines after them."""
    named = any(LABEL.match(line.text) and line.text.lower().startswith("author")
                for line in lines)
    values: dict[str, list[str]] = {}
    label, rest, labelled = None, [], False
    for line in lines:
        match = LABEL.match(line.text)
        if match:
            label, labelled = match["label"].lower(), True
            values.setdefault(label, [])
            if match["value"]:
                values[label].append(match["value"])
        elif label is None and not rest:
            continue  # "(cross-list from ...)", "[pdf, html, other]"
        elif label is not None and _continues(label, values[label], line, named):
            values[label].append(line.text)
        else:
            # Text after a field starts a paragraph of its own, blank line or not.
            rest.append(dataclasses.replace(line, after_blank=True) if labelled else line)
            label, labelled = None, False
    return values, rest


def _continues(label: str, value: list[str], line: Line, named: bool) -> bool:
    """Whether a line goes on with the labelled field above it. A title goes on unless the
    line is the names (linked to author pages, or, where no ``Authors:`` label follows, a
    line that reads like names and is not indented as a wrapped line is)."""
    if not value:
        return True
    if line.after_blank:
        return False
    if label == "subjects":
        return bool(SUBJECT.search(line.text))
    if label == "title":
        return not _names_line(line) and (named or line.indented
                                          or not _looks_like_names([line]))
    return True


def _names_line(line: Line) -> bool:
    return any("searchtype=author" in url or "arxiv.org/a/" in url for url in line.urls)


def _authors_and_abstract(rest: list[Line], want_names: bool
                          ) -> tuple[list[str] | None, str | None]:
    """Unlabelled text after the fields: the line of names (when there was no
    ``Authors:``), then the abstract paragraph."""
    paragraphs: list[list[Line]] = []
    for line in rest:
        if PAGE_CHROME.match(line.text) or SECTION.match(line.text):
            break  # the page's footer or the next section: the entry has ended
        if paragraphs and not line.after_blank:
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    names = None
    if want_names and paragraphs and _looks_like_names(paragraphs[0]):
        names = [line.text for line in paragraphs.pop(0)]
    abstract = " ".join(line.text for line in paragraphs[0]) if paragraphs else None
    return names, abstract if abstract and len(abstract) >= 40 else None


def _looks_like_names(paragraph: list[Line]) -> bool:
    text = " ".join(line.text for line in paragraph)
    return any(_names_line(line) for line in paragraph) or (
        len(text) <= 2000 and not text.rstrip().endswith(".") and len(text.split()) <= 8 *
        (text.count(",") + 1))


def split_names(text: str) -> list[str]:
    """``"A. Author (MIT, USA) , B. Author"`` -> ``["A. Author", "B. Author"]``."""
    names, depth, current = [], 0, []
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            names.append("".join(current))
            current = []
        else:
            current.append(ch)
    names.append("".join(current))
    cleaned = (re.sub(r"\s*\([^()]*\)\s*$", "", name).strip() for name in names)
    return [name for name in cleaned if name]
