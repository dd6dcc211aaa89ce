"""Long index pages split into parts, each at an address that does not move.

A topic, a year or the list of recently listed papers can hold thousands of papers: one
page for them all is megabytes that a phone struggles with and that every change to one of
its papers renders again. So a list of more than ``Site.papers_per_page`` papers becomes a
page of its parts instead, split by keys the papers carry (year, month, day; an undated
paper's initial), and a part still too long is split again by the next key. Only when the
keys run out is a part cut by position. Adding a paper changes the part it falls in and
the counts of the pages above it, never another part's address.

Also here: what the pages of a split list share (the table of parts, the trail up to the
whole, a page's papers under a heading per key, the sentence that says their order).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from slugify import slugify

from .escaping import markdown_text
from .model import DateKind, Paper
from .page_parts import by_title, initial, paper_item, undated_lines
from .site import Site, link, newest_first

Key = tuple[str, ...]
# A part's own parts are listed in its row of the table above it up to this many (a
# month's days); more are only counted.
WITHIN_SHOWN = 31


@dataclass
class Part:
    """A page of a split list: its key below the list's own page (``()`` for that page),
    its name, its papers (in the list's order) and, when it is split, its parts."""

    key: Key
    label: str
    papers: list[Paper]
    parts: list[Part] = field(default_factory=list)
    _by_key: dict[Key, Part] | None = field(default=None, repr=False, compare=False)

    def walk(self) -> Iterator[Part]:
        yield self
        for part in self.parts:
            yield from part.walk()

    def find(self, key: Key) -> Part:
        """The part below this one with ``key`` (looked up in a table made once: a day
        cut into thousands of parts must not cost a search of its siblings for each)."""
        if self._by_key is None:
            self._by_key = {part.key: part for part in self.walk()}
        return self._by_key[key]


def split(papers: list[Paper], key_of: Callable[[Paper], Key],
          label_of: Callable[[Key], str], limit: int, key: Key = (), label: str = "") -> Part:
    """``papers`` as one page, or split by ``key_of`` into parts of at most ``limit``."""
    part = Part(key, label, papers)
    if len(papers) <= limit:
        return part
    depth = len(key)
    groups: dict[str | None, list[Paper]] = {}
    for paper in papers:
        keys = key_of(paper)
        groups.setdefault(keys[depth] if len(keys) > depth else None, []).append(paper)
    if None in groups:  # the keys are used up: cut by position
        count = -(-len(papers) // limit)
        part.parts = [Part((*key, str(n + 1)), f"{label}, part {n + 1} of {count}",
                           papers[n * limit:(n + 1) * limit]) for n in range(count)]
        return part
    part.parts = [split(group, key_of, label_of, limit, (*key, name), label_of((*key, name)))
                  for name, group in groups.items()]
    return part


def part_path(page: str, key: Key) -> str:
    """Where a part is: ``topics/x.md`` with ``("2026", "02")`` -> ``topics/x/2026/02.md``."""
    if not key:
        return page
    return page.removesuffix(".md") + "/" + "/".join(key) + ".md"


def contents(page: str, part: Part) -> list[str]:
    """A split page's body: a table of its parts and how many papers each holds, and of a
    part that is split again, its own parts (a year's months), to reach them at once."""
    here = part_path(page, part.key)
    nested = any(child.parts for child in part.parts)
    rows = ["| Part | Papers |" + (" Within |" if nested else ""),
            "| --- | ---: |" + (" --- |" if nested else "")]
    for child in part.parts:
        row = (f"| [{markdown_text(child.label)}]({link(here, part_path(page, child.key))}) "
               f"| {len(child.papers)} |")
        if nested:
            row += f" {_within_cell(page, here, child)} |"
        rows.append(row)
    return rows


def _within_cell(page: str, here: str, part: Part) -> str:
    """Links to a part's own parts, or how many there are when they are too many."""
    if len(part.parts) > WITHIN_SHOWN:
        return f"{len(part.parts)} parts"
    return " · ".join(f"[{markdown_text(_within(inner.label, part.label))}]"
                      f"({link(here, part_path(page, inner.key))})" for inner in part.parts)


def _within(label: str, outer: str) -> str:
    """A part's name without its outer part's: "February" in "2026", "part 2 of 3" in
    "A"."""
    if label.endswith(" " + outer):
        return label[:-len(outer) - 1]
    return label[len(outer) + 2:] if label.startswith(outer + ", ") else label


def trail(page: str, title: str, part: Part, root: Part) -> str:
    """Links to the pages above a part: "[Topic](…) › [2026](…) › February 2026"."""
    here = part_path(page, part.key)
    steps = [f"[{markdown_text(title)}]({link(here, page)})"]
    for depth in range(len(part.key) - 1):
        node = root.find(part.key[:depth + 1])
        steps.append(f"[{markdown_text(node.label)}]({link(here, part_path(page, node.key))})")
    return " › ".join([*steps, markdown_text(part.label)])


def order_note(ordered: list[Paper]) -> str:
    """What the order of a list means, for the sentence that opens it."""
    dated = sum(1 for p in ordered if p.dated)
    if dated == len(ordered):
        return ", newest first."
    listed = sum(1 for p in ordered if not p.dated and p.first_listed)
    rest = "the most recently listed first" if listed else "in the order of their listings"
    if not dated:
        return f"; no date is known, so they are {rest}."
    return (f": {dated} with a known date, newest first, then {len(ordered) - dated} "
            f"without one, {rest}.")


def trimmed(lines: list[str]) -> list[str]:
    """Lines without the blank ones they start with (the page puts one before them)."""
    start = next((number for number, line in enumerate(lines) if line), len(lines))
    return lines[start:]


def grouped(part: Part, key_of, label_of, path: str, site: Site,
            months_at: int = 1) -> list[str]:
    """The papers of a page that is not split, under a heading for each value of their
    next key (months on a year's page); undated papers as :func:`undated_lines` has them.
    Month headings (key component ``months_at``) keep a fixed anchor that other pages
    link to, whatever slugs the curator's ``toc`` makes."""
    depth = len(part.key)
    if part.key[-1:] == ("undated",):
        return undated_lines(newest_first(part.papers), site, path, 2)
    groups: dict[str | None, list[Paper]] = {}
    for paper in part.papers:
        keys = key_of(paper)
        groups.setdefault(keys[depth] if len(keys) > depth else None, []).append(paper)
    if None in groups:  # a day, an initial or a part cut by position
        return [paper_item(p, path, site) for p in part.papers]
    lines = []
    for name, group in groups.items():
        if name == "undated":
            level = 3 if len(groups) > 1 else 2
            lines += ["", "## Date unknown", ""] if len(groups) > 1 else [""]
            lines += undated_lines(newest_first(group), site, path, level)
            continue
        heading = label_of((*part.key, name))
        anchor = f" {{ #{slugify(heading)} }}" if depth == months_at else ""
        lines += ["", f"## {markdown_text(heading)}{anchor}", ""]
        lines += [paper_item(p, path, site) for p in group]
    return lines


# Keys. Every component is a short lowercase word or number: safe in a path and a URL.

def publication_key(paper: Paper) -> Key:
    """Year, month and day of publication; a month known only from an arXiv id has no
    day ("arxiv"); an undated paper files under its initial."""
    if paper.dated is None:
        return ("undated", letter_key(paper.title))
    day = paper.dated.day
    third = f"{day.day:02}" if paper.dated.kind is DateKind.PUBLISHED else "arxiv"
    return (str(day.year), f"{day.month:02}", third)


def listed_key(paper: Paper) -> Key:
    """The day a listing first showed the paper; without one, its initial."""
    known = [ref.listed for ref in paper.listings if ref.listed]
    if not known:
        return ("unknown", letter_key(paper.title))
    first = min(known)
    return (str(first.year), f"{first.month:02}", f"{first.day:02}")


def archive_order(papers: list[Paper]) -> list[Paper]:
    """Dated papers newest first, then the undated by title: the order of a list that
    :func:`publication_key` splits, so that a part cut by position holds a run of titles.
    (A page that is not split orders its undated papers itself.)"""
    ordered = newest_first(papers)
    return [p for p in ordered if p.dated] + by_title([p for p in ordered if not p.dated])


def letter_key(title: str) -> str:
    letter = initial(title)
    return letter.lower() if letter != "#" else "other"


def date_label(key: Key) -> str:
    """The name of a key's part: "2026", "February 2026", "February 14, 2026", "A"."""
    head, rest = key[0], key[1:]
    if head in ("undated", "unknown"):
        if not rest:
            return "Date unknown" if head == "undated" else "Listing date unknown"
        return "Other" if rest[0] == "other" else rest[0].upper()
    if not rest:
        return head
    month = calendar.month_name[int(rest[0])]
    if len(rest) == 1:
        return f"{month} {head}"
    if rest[1] == "arxiv":
        return f"{month} {head}, day not known (arXiv)"
    return f"{month} {int(rest[1])}, {head}"
