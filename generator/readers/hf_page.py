"""A Hugging Face Papers page (daily, weekly, trending, search) saved with its markup: by a
web clipper or crawler as Markdown, by a text browser or converter with numbered links, or
by a note-taking tool with each URL on its own line.

The page is a list of cards. A card's title is a heading (``### Title``) or, where the
capture kept no headings, the first line that links to ``huggingface.co/papers/<id>``.
After the title come the abstract or a one-line summary, the author count or the
organisation, the date, the upvote and comment counters and links; "Submitted by" and the
thumbnail of the next card close it. Counters and ids are read only from what links them to
the card's own paper: a number whose link target was lost could belong to either card.
"""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import unquote

from ..arxiv import ArxivId, first_arxiv_id
from ..model import DayMonth, Entry, Layout
from .common import Capture, Shape, parse_count, parse_date
from .markup import Line, flatten, markup_style

PAPER_URL = re.compile(r"huggingface\.co/papers/(?!date/|week/|month/|trending)", re.I)
HF_HOME = re.compile(r"https?://huggingface\.co/(?P<name>[^/?#\s]+)/?$", re.I)
DATE_PAGE = re.compile(r"huggingface\.co/papers/date/(\d{4})-(\d\d)-(\d\d)")
AUTHORS = re.compile(r"^(?:[-*•·]\s*)?(?P<count>\d[\d,]*)\s+authors?$", re.I)
SUBMITTED = re.compile(r"^Submitted by\b\s*(?P<name>.*)$", re.I)
PUBLISHED = re.compile(r"^(?:(?P<org>.*?)\s*·\s*)?(?:Published on\s+)?(?P<date>[A-Z][a-z]{2,8}\.? "
                       r"\d{1,2}(?:, \d{4})?(?: \d+)?)$")
SIGNS = ("Get trending papers in your email inbox", "Daily Papers", "Trending Papers",
         "byAK and the research community", "by AK and the research community")
# Prose, not chrome: an abstract has words; a one-line summary is one short sentence.
ABSTRACT_MIN = 80
SUMMARY_MAX = 350


def detect(text: str) -> int:
    """Sure when links point at Hugging Face paper pages, or the page's own header is
    there with its cards' markup around it."""
    papers = len(PAPER_URL.findall(text))
    marked = markup_style(text) is not Layout.TEXT
    if papers >= 3 and marked:
        return 80
    if marked and any(sign in text for sign in SIGNS) and text.count("### ") >= 2:
        return 70
    return 0


def read(text: str) -> Capture:
    capture = Capture(layout=markup_style(text))
    lines = flatten(text, capture.layout)
    # Titles are headings, or, where headings are only the page's own (or absent), the
    # lines linking to a paper: whichever finds more papers.
    starts = _heading_starts(lines)
    capture.entries = _cards(lines, starts)
    if _papers(capture.entries) < len(capture.entries) or not starts:
        by_link = _link_starts(lines)
        entries = _cards(lines, by_link)
        if _papers(entries) > _papers(capture.entries):
            capture.entries, starts = entries, by_link
    first = starts[0] if starts else len(lines)
    capture.date, capture.date_line = _listing_date(text, lines[:first])
    return capture


def _papers(entries: list[Entry]) -> int:
    return sum(1 for e in entries if e.abstract or e.summary or e.arxiv_id)


def _cards(lines: list[Line], starts: list[int]) -> list[Entry]:
    submitters = _submitters(lines, starts)
    cards = []
    for start, end in zip(starts, [*starts[1:], len(lines)]):
        entry = _card(lines, start, end)
        if start in submitters:
            entry = dataclasses.replace(entry, submitted_by=submitters[start])
        cards.append(entry)
    return cards


def _submitters(lines: list[Line], starts: list[int]) -> dict[int, str]:
    """"Submitted by <name>" (the name maybe a few lines on) belongs to the next card."""
    found, pending = {}, None
    title_at = set(starts)
    for index, line in enumerate(lines):
        if index in title_at:
            if pending:
                found[index] = pending
            pending = None
        match = SUBMITTED.match(line.text)
        if match:
            pending = match["name"] or next(
                (later.text for later in lines[index + 1:index + 4]
                 if later.text and not later.image), None)
    return found


SHAPE = Shape("hf-page", "a Hugging Face Papers page saved with links (Markdown, numbered "
              "references or URL lines)", detect, read, rank=20)


def _heading_starts(lines: list[Line]) -> list[int]:
    """Where each card starts, when titles are headings: its title's first line."""
    level = _card_level(lines)
    return [i for i, line in enumerate(lines) if level and line.heading == level
            and not (i and lines[i - 1].heading == level and not line.after_blank
                     and not _distinct_papers(lines[i - 1], line))]


def _link_starts(lines: list[Line]) -> list[int]:
    """Where each card starts, when titles are the first lines linking to a paper."""
    starts, current = [], None
    for i, line in enumerate(lines):
        paper = _paper_id(line.urls)
        if paper and paper != current and _title_like(line.text):
            starts.append(i)
            current = paper
    return starts


def _card_level(lines: list[Line]) -> int:
    """The heading level of the cards' titles: the most frequent one (deepest on a tie)."""
    counts: dict[int, int] = {}
    for line in lines:
        if line.heading and not any(line.text.startswith(sign) for sign in SIGNS):
            counts[line.heading] = counts.get(line.heading, 0) + 1
    if not counts or max(counts.values()) < 2:
        return 0
    return max(counts, key=lambda level: (counts[level], level))


def _distinct_papers(first: Line, second: Line) -> bool:
    a, b = _paper_id(first.urls), _paper_id(second.urls)
    return bool(a and b and a != b)


def _title_like(text: str) -> bool:
    return sum(ch.isalpha() for ch in text) >= 3 and parse_count(text) is None \
        and not text.casefold().startswith(("view paper", "submitted by", "upvote"))


def _paper_id(urls: list[str]) -> ArxivId | None:
    for url in urls:
        target = unquote(url)
        found = first_arxiv_id(target)
        if found and (PAPER_URL.search(target) or "arxiv.org/" in target):
            return found
    return None


def _listing_date(text: str, preamble: list[Line]) -> tuple[DayMonth | None, int | None]:
    """The day the page lists ("Apr 17" above the cards), with the year when the capture
    names the page's own address (``/papers/date/2026-04-17``)."""
    for line in preamble:
        parsed = parse_date(line.text)
        if parsed and parsed[2] is None:
            day = parsed[0]
            page = DATE_PAGE.search(text)
            if page and (int(page[2]), int(page[3])) == (day.month, day.day):
                day = day.with_year(int(page[1]))
            return day, line.number
    return None, None


def _card(lines: list[Line], start: int, end: int) -> Entry:
    title_line = lines[start]
    i = _title_end(lines, start, end)
    title = " ".join(line.text for line in lines[start:i])
    fields: dict = {"title": title, "line": title_line.number, "position": 0}
    paper = _paper_id(title_line.urls)
    paragraphs: list[list[str]] = []
    own = _own_lines(lines, i, end)
    in_prose = False
    for k, line in enumerate(own):
        paper = paper or _paper_id(line.urls)
        # A wrapped line of a paragraph, even short and linked (as the paragraph is, when a
        # link wraps it), is prose unless its text says metadata.
        if in_prose and not line.after_blank and not line.heading \
                and set(line.urls) <= set(own[k - 1].urls) \
                and not _metadata(line, fields, linked=False):
            paragraphs[-1].append(line.text)
        elif k + 1 < len(own) and own[k + 1].text == "·" and _org_like(line.text):
            fields.setdefault("organization", line.text)  # an organisation line before "·"
            in_prose = False
        elif not _metadata(line, fields) and not line.heading and not line.image:
            paragraphs.append([line.text])
            in_prose = True
        else:
            in_prose = False
    _prose([" ".join(paragraph) for paragraph in paragraphs], fields)
    if paper:
        fields["arxiv_id"] = str(paper)
        _counters(lines[i:end], str(paper), fields)
    return Entry(abstract=fields.pop("abstract", None), **fields)


def _title_end(lines: list[Line], start: int, end: int) -> int:
    """A title the capture wrapped goes on in more lines of the same link, of the same
    heading, or indented under the heading."""
    title_line, i = lines[start], start + 1
    while i < end and not lines[i].after_blank and (
            lines[i].heading == title_line.heading and title_line.heading
            or lines[i].link and lines[i].link == title_line.link
            or title_line.heading and not lines[i].heading and lines[i].indented):
        i += 1
    return i


def _own_lines(lines: list[Line], start: int, end: int) -> list[Line]:
    """The card's lines, without the next card's thumbnail and "Submitted by" at the end."""
    own = lines[start:end]
    for index, line in enumerate(own):
        if SUBMITTED.match(line.text) or (line.image and _paper_id(line.urls)):
            return own[:index]
    return own


def _metadata(line: Line, fields: dict, linked: bool = True) -> bool:
    """Read a metadata line into ``fields``; False for text that is not metadata. With
    ``linked``, short linked text (an organisation, a button) is metadata too."""
    text = line.text
    if text in ("·", "-", "") or parse_count(text) is not None or _counters_only(text):
        return True
    authors = AUTHORS.match(text)
    if authors:
        fields["authors"] = int(authors["count"].replace(",", ""))
        return True
    published = PUBLISHED.match(text)
    if published and parse_date(published["date"]):
        fields["date"], fields["date_text"], comments = parse_date(published["date"])
        if comments is not None:
            fields["comments"] = comments
        if published["org"]:
            fields["organization"] = published["org"]
        return True
    if linked and any(HF_HOME.match(url) for url in line.urls) and len(text) <= 120:
        fields.setdefault("organization", text)
        return True
    return linked and bool(line.urls) and len(text) <= 40 and not text.endswith(".")


def _org_like(text: str) -> bool:
    return 0 < len(text) <= 120 and not text.endswith(".") and not AUTHORS.match(text) \
        and parse_count(text) is None


def _counters_only(text: str) -> bool:
    words = text.replace("Upvote", "").split()
    return bool(words) and all(parse_count(word) is not None for word in words)


def _prose(parts: list[str], fields: dict) -> None:
    """The first paragraph of prose is the abstract, or the summary if it is one short
    sentence."""
    prose = [part for part in parts if len(part) >= ABSTRACT_MIN or part.endswith(".")]
    if not prose:
        return
    text = prose[0]
    if len(text) <= SUMMARY_MAX and not re.search(r"[.!?]\s+[A-Z]", text.rstrip(".")):
        fields["summary"] = text
    else:
        fields["abstract"] = text


def _counters(lines: list[Line], paper: str, fields: dict) -> None:
    """Upvotes and comments: numbers whose link names this card's paper."""
    for line in lines:
        numbers = [parse_count(word) for word in line.text.replace("Upvote", "").split()]
        if not numbers or None in numbers:
            continue
        targets = [unquote(url) for url in line.urls if paper in unquote(url)]
        for number, url in zip(numbers, targets or []):
            key = "comments" if "#community" in url else "upvotes"
            fields.setdefault(key, number)
