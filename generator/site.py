"""The computed site: every paper with its topics and related papers, plus the paths
and lookups the page generators share. Built once by the orchestrator; read-only after."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from urllib.parse import quote

from slugify import slugify

from .dates import format_day_month
from .exceptions import PapershelfError
from .model import Entry, Listing, Paper, YearEvidence
from .slugs import short_hash
from .topics import UNCATEGORISED, Topic


@dataclass
class Site:
    papers: list[Paper]
    listings: list[Listing]
    years: dict[str, YearEvidence]
    taxonomy: list[Topic]
    orphans: list = field(default_factory=list)
    # Where notes live in the repository (for the edit button), as a POSIX path.
    notes_location: str = "notes"
    # From mkdocs.yml: the published address (with a trailing slash) and the site's name.
    site_url: str = ""
    site_name: str = "Papershelf"
    # From papershelf.yml: names of listing pages by file name; whether orphaned notes
    # have a page.
    listing_names: dict[str, str] = field(default_factory=dict)
    publish_orphans: bool = False
    # From papershelf.yml: the most papers an index page lists before it is split.
    papers_per_page: int = 300
    by_slug: dict[str, Paper] = field(init=False)
    by_topic: dict[str, list[Paper]] = field(init=False)
    by_sighting: dict[tuple[str, int], Paper] = field(init=False)
    slug_of_topic: dict[str, str] = field(init=False)
    listing_paths: dict[str, str] = field(init=False)
    listing_titles: dict[str, str] = field(init=False)
    # A note's body as its paper page shows it, when that differs from the note (a link
    # that leads nowhere is shown as text): set by the render stage.
    note_bodies: dict[str, str] = field(init=False, default_factory=dict)
    # Each paper's list item by folder and detail: a paper is listed on its topic, date,
    # listing and reading pages alike (at 20,000 papers, 85,000 items made 8 s).
    items: dict[tuple[str, str, str], str] = field(init=False, default_factory=dict)
    # ... each made from its paper's pieces, built once per paper (page_parts.paper_item).
    item_pieces: dict[str, tuple] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.by_slug = {paper.slug: paper for paper in self.papers}
        self.by_sighting = {(ref.source, ref.position): paper for paper in self.papers
                            for ref in paper.listings}
        self.slug_of_topic = {topic.name: topic.slug for topic in self.taxonomy}
        self.slug_of_topic[UNCATEGORISED] = "uncategorised"
        self.by_topic = defaultdict(list)
        for paper in self.papers:
            for name in paper.topics:
                self.by_topic[name].append(paper)
        self.listing_paths = unique_paths(
            {listing.source: listing_path(listing.source)
             for listing in sorted(self.listings, key=lambda item: item.source)})
        self.listing_titles = _unique_titles(
            {listing.source: self._listing_title(listing)
             for listing in sorted(self.listings, key=lambda item: item.source)})
        check_unique_paths([paper_path(paper.slug) for paper in self.papers],
                           [topic_path(slug) for slug in self.slug_of_topic.values()],
                           list(self.listing_paths.values()))

    def listing_path(self, source: str) -> str:
        """The page of a listing: named after its file, unique among listings."""
        return self.listing_paths[source]

    def listing_title(self, source: str) -> str:
        """A listing's name for readers, unique among listings."""
        return self.listing_titles[source]

    def listing_when(self, listing: Listing) -> str | None:
        """The day a listing printed, with its year when known: "Dec 9, 2025"."""
        evidence = self.years.get(listing.source)
        day = listing.day(evidence.year if evidence else None)
        return format_day_month(day) if day else None

    def _listing_title(self, listing: Listing) -> str:
        if listing.source in self.listing_names:
            return self.listing_names[listing.source]
        when = self.listing_when(listing)
        title = listing.title or listing_name(listing.source)
        return f"{title}, {when}" if when else title

    def paper_for(self, listing: Listing, entry: Entry) -> Paper:
        """The merged paper an entry of a listing became."""
        return self.by_sighting[(listing.source, entry.position)]

    def topic_slug(self, name: str) -> str:
        return self.slug_of_topic.get(name, name)

    def topic_names(self) -> list[str]:
        """Taxonomy order, then the uncategorised pseudo-topic if any paper is in it."""
        names = [topic.name for topic in self.taxonomy]
        return names + ([UNCATEGORISED] if self.by_topic.get(UNCATEGORISED) else [])


# The top-level folders and files of docs/ that Papershelf generates; it writes and
# removes nothing elsewhere (see writer.py).
GENERATED_ROOTS = frozenset({"papers", "topics", "dates", "listings", "status", "tags",
                             "notes", "index.md", "papers.json", "papers.bib",
                             "papers.csl.json", "feed.xml"})


def unique_paths(wanted: dict[str, str]) -> dict[str, str]:
    """Each key's wanted path, or the path numbered ``-2``, ``-3``... when an earlier key
    took it; paths that differ only in case collide too (on macOS and Windows they are
    one file)."""
    taken: set[str] = set()
    given = {}
    for key, path in wanted.items():
        stem, suffix = path.rsplit(".", 1)
        candidate, number = path, 1
        while candidate.casefold() in taken:
            number += 1
            candidate = f"{stem}-{number}.{suffix}"
        taken.add(candidate.casefold())
        given[key] = candidate
    return given


def _unique_titles(wanted: dict[str, str]) -> dict[str, str]:
    """Names in key order; a name already given is numbered: "Daily Papers (2)"."""
    seen: dict[str, int] = {}
    given = {}
    for key, title in wanted.items():
        seen[title] = seen.get(title, 0) + 1
        given[key] = title if seen[title] == 1 else f"{title} ({seen[title]})"
    return given


def check_unique_paths(*groups) -> None:
    """Every generated path is made once: two pages meant for one path would silently
    lose one of them. Paths that differ only in case count as one."""
    seen: set[str] = set()
    for group in groups:
        for path in group:
            if path.casefold() in seen:
                raise PapershelfError(f"internal error: two generated pages share the path "
                                      f"{path!r}; please report this")
            seen.add(path.casefold())


# Pages at fixed paths; the others' paths come from the functions below.
HOME = "index.md"
TOPICS_INDEX = "topics/index.md"
DATES_INDEX = "dates/index.md"
UNDATED = "dates/undated.md"
LISTED = "dates/listed.md"
LISTINGS_INDEX = "listings/index.md"
STATUS_INDEX = "status/index.md"
TAGS_PAGE = "tags/index.md"
ORPHANS_PAGE = "notes/orphaned.md"


# The whole collection as data, at the root.
CATALOG = "papers.json"
FEED = "feed.xml"
BIBTEX = "papers.bib"
CSL_JSON = "papers.csl.json"


def year_path(year: int) -> str:
    return f"dates/{year}.md"


def feed_path(page: str) -> str:
    """The Atom feed that goes with a page (a topic's): ``topics/x.md`` -> ``topics/x.xml``."""
    return page.removesuffix(".md") + ".xml"


def bibtex_path(page: str) -> str:
    """The BibTeX file that goes with a page (a paper's or a topic's)."""
    return page.removesuffix(".md") + ".bib"


def status_path(status: str) -> str:
    return f"status/{status}.md"


def tag_anchor(tag: str) -> str:
    """The id of a tag's section on the tags page; tags are restricted to safe characters."""
    # The hash keeps tags apart that slugify alike ("C" and "C++", "ML" and "ml").
    return f"tag-{slugify(tag)}-{short_hash(tag)}".replace("--", "-")


def listing_name(source: str) -> str:
    """``000_b0c19a2a7d9c138d.txt`` -> ``000_b0c19a2a7d9c138d``."""
    return PurePosixPath(source).stem


def paper_path(slug: str) -> str:
    return f"papers/{slug}.md"


def topic_path(slug: str) -> str:
    return f"topics/{slug}.md"


# Names MkDocs gives a folder's own page: a listing file called so gets another name.
_FOLDER_PAGES = ("index", "readme")


def listing_path(source: str) -> str:
    """``listings/<file name without extension>.md``, as a plain relative path."""
    name = listing_name(source).replace("\\", "-")
    if name.casefold() in _FOLDER_PAGES:
        name += "-listing"
    return f"listings/{name}.md"


def url_of(path: str) -> str:
    """The site URL (relative to the root) MkDocs gives a docs path, with directory URLs."""
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    return (stem[: -len("index")] if stem.endswith("/index") else stem + "/")


def link(from_path: str, to_path: str) -> str:
    """A relative Markdown link target from one docs file to another.

    Docs paths here are normalised ("a/b.md", never "./" or ".."), so plain counting
    does what posixpath.relpath does, without its cost (it was a third of rendering).
    """
    source, target = from_path.split("/")[:-1], to_path.split("/")
    common = 0
    while common < min(len(source), len(target) - 1) and source[common] == target[common]:
        common += 1
    # Listing file names may hold "#", ")" or spaces: a link target is URL-quoted.
    return quote("/".join([".."] * (len(source) - common) + target[common:]))


def newest_first(papers: list[Paper]) -> list[Paper]:
    """By best known date, newest first; then the undated, the most recently listed first
    and, where no listing date is known either, by listing and position on it."""
    return sorted(papers, key=_reading_key)


def _reading_key(paper: Paper) -> tuple:
    if paper.dated:
        return (0, -paper.dated.day.toordinal(), paper.slug)
    first = paper.first_listed
    if first:
        return (1, -first.listed.toordinal(), first.source, first.position, paper.slug)
    where = min((ref.source, ref.position) for ref in paper.listings) if paper.listings \
        else ("", 0)
    return (2, 0, *where, paper.slug)
