"""Parts every page module uses: the document of an index page, a paper as a list item,
counts in words, and the selections of papers more than one page shows. Page modules
import from here, from :mod:`.parts` (split lists) and from :mod:`.site`, never from each
other."""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from .escaping import document, excerpt, html_text, markdown_text
from .model import DateKind, Paper
from .notes import PRIORITIES, STATUS_TITLES
from .site import TAGS_PAGE, Site, link, newest_first, paper_path, status_path, tag_anchor
from .tex import display_markdown, plain

# The tab of the navigation each kind of page belongs to (its URL, as the nav has it).
TOPICS_TAB, DATES_TAB, LISTINGS_TAB, READING_TAB = "topics/", "dates/", "listings/", "status/"


def page_document(title: str, body: list[str], description: str = "",
                  extra: dict | None = None, tab: str | None = None) -> str:
    meta = {"title": html_text(title), "generated": True, "search": {"exclude": True}}
    if description:
        meta["description"] = html_text(description)
    if tab:
        meta["tab"] = tab
    meta.update(extra or {})
    return document(meta, "\n".join(body))


class Target(str):
    """A link's target as a path in the docs folder, in the pieces of an item or badge:
    each page makes it relative to itself."""


def paper_item(paper: Paper, from_path: str, site: Site, detail: str = "") -> str:
    """A definition-list entry: the linked title (with what the page's filter reads),
    then authors, date and the curator's verdict, then the curator's summary or the
    abstract's first sentence. Pages in one folder get the same item (links are relative);
    its text is made once for all folders (a paper is listed on four to six)."""
    key = (paper.slug, from_path.rpartition("/")[0], detail)
    item = site.items.get(key)
    if item is None:
        pieces = site.item_pieces.get(paper.slug)
        if pieces is None:
            pieces = site.item_pieces[paper.slug] = _item_pieces(paper, site)
        title, facts, rest, _ = pieces
        if detail:  # a listing's position, after the date
            facts = [*facts[:pieces.detail_at], [markdown_text(detail)],
                     *facts[pieces.detail_at:]]
        lines = [*title, *(piece for number, fact in enumerate(facts)
                           for piece in ("\n:   " if number == 0 else " · ", *fact)), *rest]
        item = site.items[key] = _joined(lines, from_path)
    return item


class _Pieces(NamedTuple):
    """A paper's item before it is placed in a folder: its title line, its facts (each a
    list of pieces) and the rest; a listing's detail goes among the facts at ``detail_at``."""

    title: list[str]
    facts: list[list[str]]
    rest: list[str]
    detail_at: int


def _joined(pieces: list[str], from_path: str) -> str:
    return "".join(link(from_path, piece) if isinstance(piece, Target) else piece
                   for piece in pieces)


def _item_pieces(paper: Paper, site: Site) -> _Pieces:
    facts = [[markdown_text(part)] for part in (short_authors(paper), _date_text(paper))
             if part]
    detail_at = len(facts)
    facts += _badge_pieces(paper)
    title = [f"[{display_markdown(paper.title)}](", Target(paper_path(paper.slug)),
             f") {{ {_filter_data(paper, site)} }}"]
    curated = curator_summary(paper)
    if curated:
        rest = f"\n:   {display_markdown(excerpt(curated, 200))}\n    {{ .ps-curated }}\n"
    else:
        rest = (f"\n:   {display_markdown(excerpt(paper.abstract))}" if paper.abstract
                else "\n:   No abstract") + "\n"
    return _Pieces(title, facts, [rest], detail_at)


def short_authors(paper: Paper) -> str | None:
    """Up to three names ("A, B, C et al."), else the count a listing printed."""
    names = paper.author_list
    if names:
        return ", ".join(names[:3]) + (" et al." if len(names) > 3 else "")
    if paper.authors:
        return plural(paper.authors, "author")
    return None


def curator_summary(paper: Paper) -> str | None:
    """The note's ``summary``, else its first paragraph of prose."""
    note = paper.note
    if note is None:
        return None
    return note.summary or note.lead


def curation_badges(paper: Paper, from_path: str) -> list[str]:
    """The note's status, rating, priority and tags, as Markdown with the classes the
    stylesheet draws as badges."""
    return [_joined(pieces, from_path) for pieces in _badge_pieces(paper)]


def _badge_pieces(paper: Paper) -> list[list[str]]:
    note = paper.note
    if note is None:
        return []
    badges = []
    if note.status:
        badges.append([f"[{STATUS_TITLES[note.status]}](", Target(status_path(note.status)),
                       f"){{ .ps-status .ps-status--{note.status} }}"])
    if note.rating:
        stars = "★" * note.rating + "☆" * (5 - note.rating)
        badges.append([f'*{stars}*{{ .ps-rating role="img" '
                       f'aria-label="Rated {note.rating} out of 5" }}'])
    if note.priority == "high" and note.status != "read":
        badges.append(["*high priority*{ .ps-priority }"])
    badges += [[f"[{markdown_text(tag)}](", Target(TAGS_PAGE),
                f"#{tag_anchor(tag)}){{ .ps-tag }}"] for tag in note.tags]
    return badges


def _filter_data(paper: Paper, site: Site) -> str:
    """Attributes the index pages' filter script reads (slugs and anchors only, which
    need no quoting)."""
    note = paper.note
    status = note.status if note and note.status else "none"
    year = str(paper.dated.day.year) if paper.dated else "unknown"
    topics = " ".join(site.topic_slug(name) for name in paper.topics)
    tags = " ".join(tag_anchor(tag) for tag in note.tags) if note else ""
    return (f'.ps-item data-ps-status="{status}" data-ps-year="{year}" '
            f'data-ps-topics="{topics}" data-ps-tags="{tags}"')


def filter_options(papers: list[Paper], site: Site) -> dict:
    """What the filter form offers on a page listing ``papers``: only values some paper
    there has (front matter; ``overrides/partials/filter.html`` draws the form)."""
    statuses = {(p.note.status if p.note and p.note.status else "none") for p in papers}
    years = {p.dated.day.year for p in papers if p.dated}
    topics = {name for p in papers for name in p.topics}
    tags = {tag for p in papers if p.note for tag in p.note.tags}
    order = {name: index for index, name in enumerate(site.topic_names())}
    return {
        "status": [{"value": s, "label": STATUS_TITLES.get(s, "No status")}
                   for s in (*STATUS_TITLES, "none") if s in statuses],
        "year": [{"value": str(y), "label": str(y)} for y in sorted(years, reverse=True)]
        + ([{"value": "unknown", "label": "Unknown"}] if len(years) and any(
            not p.dated for p in papers) else []),
        "topic": [{"value": site.topic_slug(name), "label": name}
                  for name in sorted(topics, key=lambda n: order.get(n, len(order)))],
        "tag": [{"value": tag_anchor(tag), "label": tag}
                for tag in sorted(tags, key=str.casefold)],
        "count": len(papers),
    }


def _date_text(paper: Paper) -> str | None:
    """The date as a list shows it; a month from the arXiv id says what it is."""
    known = paper.dated
    if known is None:
        return None
    return known.text if known.kind is DateKind.PUBLISHED else f"arXiv, {known.text}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def last_seen(paper: Paper):
    """The latest date a paper is known by (listed or published), for sitemaps."""
    dates = [ref.listed for ref in paper.listings if ref.listed] + [paper.published]
    return max((d for d in dates if d), default=None)


# How many papers a short selection shows: the home page's queues, the newest papers above
# a split topic or "Recently listed".
NEWEST = 10


def with_status(site: Site, status: str) -> list[Paper]:
    return [p for p in site.papers if p.note and p.note.status == status]


def reading_queue(site: Site, count: int) -> list[Paper]:
    """Papers to read: high priority first, then by the reading order of the site."""
    queue = newest_first(with_status(site, "to-read"))
    return sorted(queue, key=lambda p: PRIORITIES.index(p.note.priority))[:count]


def recently_read(site: Site, count: int) -> list[Paper]:
    """Read papers, the most recently read first (undated reads last, by title)."""
    read = with_status(site, "read")
    return sorted(read, key=lambda p: (p.note.read_on is None,
                                       -(p.note.read_on.toordinal() if p.note.read_on else 0),
                                       p.slug))[:count]


# A group of undated papers longer than this is split: by the listing that first showed
# them, or, when a listing alone holds more, alphabetically with a jump bar.
SPLIT_OVER = 50


def undated_lines(papers: list[Paper], site: Site, from_path: str, level: int) -> list[str]:
    """Markdown for undated papers (in the order given), split when there are many, with
    headings of ``level``."""
    hashes = "#" * level
    if len(papers) <= SPLIT_OVER:
        return [paper_item(p, from_path, site) for p in papers]
    by_listing: dict[str, list[Paper]] = {}
    for paper in papers:
        # The listing that showed it first: the earliest dated one, else the first by name.
        first = paper.first_listed or min(paper.listings, key=lambda r: (r.source, r.position))
        by_listing.setdefault(first.source, []).append(paper)
    if max(map(len, by_listing.values())) <= SPLIT_OVER:
        lines = []
        for source, group in by_listing.items():
            lines += ["", f"{hashes} First listed in {markdown_text(site.listing_title(source))}",
                      "", *(paper_item(p, from_path, site) for p in group)]
        return lines
    return _alphabetical(papers, site, from_path, hashes)


def _alphabetical(papers: list[Paper], site: Site, from_path: str, hashes: str) -> list[str]:
    by_letter: dict[str, list[Paper]] = {}
    for paper in by_title(papers):
        by_letter.setdefault(initial(paper.title), []).append(paper)
    anchors = {letter: f"letter-{letter.lower() if letter.isalpha() else 'other'}"
               for letter in by_letter}
    lines = ["", "Alphabetically: " + " · ".join(
        f"[{markdown_text(letter)}](#{anchors[letter]})" for letter in by_letter), ""]
    for letter, group in by_letter.items():
        lines += ["", f"{hashes} {markdown_text(letter)} {{ #{anchors[letter]} }}", "",
                  *(paper_item(p, from_path, site) for p in group)]
    return lines


def by_title(papers: list[Paper]) -> list[Paper]:
    """Filed by initial, then title (case set aside), then slug."""
    return sorted(papers, key=lambda p: (initial(p.title), p.title.casefold(), p.slug))


def initial(title: str) -> str:
    """The letter a title files under (accents and case set aside), or "#"."""
    for char in unicodedata.normalize("NFKD", plain(title)):
        if char.isascii() and char.isalpha():
            return char.upper()
        if char.isalnum():
            return "#"
    return "#"
