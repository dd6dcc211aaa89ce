"""Hostile listings and notes come out of the built site as the text they are."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser


from generator.slugs import slug_for
from generator.tex import plain

from tests.hostile import expected_entries
from tests.page_text import abstract_texts, title_shown

SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text")


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside chosen elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def elements(document: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(document)
    return parser.tags


def page(project, url):
    return (project / "site" / url / "index.html").read_text(encoding="utf-8")


def test_every_entry_is_read_and_shown_verbatim(hostile_site, hostile_catalog):
    papers = {p["title"]: p for p in hostile_catalog["papers"]}
    for title, abstract in expected_entries():
        paper = papers[title]
        assert paper["abstract"] == abstract
        document = page(hostile_site, paper["url"])
        assert title_shown(document) == plain(title)
        head_title = re.search(r"<title>(.*?)</title>", document, re.S).group(1)
        assert html.unescape(head_title) == f"{title} - Papershelf"
        meta = {attributes.get("name") or attributes.get("property"): attributes["content"]
                for tag, attributes in elements(document) if tag == "meta"
                and "content" in attributes}
        assert meta["citation_title"] == meta["og:title"] == title
        assert abstract_texts(document) == (plain(abstract), abstract)


RISKY = ("script", "style", "link", "meta", "base", "iframe", "object", "embed", "form",
         "input", "button", "textarea", "select", "img", "svg", "video", "audio", "source")


# The filter form of an index page, as overrides/partials/filter.html writes it: its
# selects vary with the papers listed (statuses, tags, years), not with their text.
FILTER_FORM = re.compile(r'<form class="ps-filter" hidden aria-label="Filter the papers of '
                         r'this page">.*?</form>', re.S)
# A paper page's previous and next paper (in the footer and the head) vary with its place
# in its topic.
NEIGHBOURS = re.compile(r'<nav class="md-footer__inner md-grid" aria-label="[^"<>]*: previous '
                        r'and next paper">.*?</nav>|<link rel="(?:prev|next)" href="[^"<>]*">',
                        re.S)


def risky_counts(document: str) -> dict[str, int]:
    # The paper page's citation and link-preview tags vary with what is known (a date, the
    # authors): their values are checked as text below, not counted.
    forms = len(FILTER_FORM.findall(document))
    document = NEIGHBOURS.sub("", FILTER_FORM.sub("", document))
    assert forms <= 1
    tags = [tag for tag, attributes in elements(document)
            if not (tag == "meta" and (attributes.get("name") or attributes.get("property")
                                       or "").startswith(("citation_", "og:", "twitter:")))]
    return {tag: tags.count(tag) for tag in RISKY}


def test_no_element_or_attribute_from_scraped_text(hostile_site, hostile_catalog, built_site):
    """Event handlers and script URLs appear nowhere, and each page has exactly as many
    scripts, forms, images, frames ... as the same kind of page built from the seeds."""
    references = {"papers": "papers/stable-resnet/",
                  "noted": "papers/the-monge-gap-a-regularizer-to-learn-all-transport-maps/"}
    index_pages = ["", "topics/", "topics/uncategorised/", "dates/", "dates/2024/",
                   "dates/listed/", "status/read/", "tags/"]
    pairs = [(url, url) for url in index_pages]
    pairs.append(("listings/hostile/", "listings/000_b0c19a2a7d9c138d/"))
    pairs += [(p["url"], references["noted" if p["note"] else "papers"])
              for p in hostile_catalog["papers"]]
    noted = {p["url"] for p in hostile_catalog["papers"] if p["note"]}
    for url, reference in pairs:
        document = page(hostile_site, url)
        for tag, attributes in elements(document):
            assert not any(name.startswith("on") for name in attributes), (url, tag, attributes)
            for name in ("href", "src", "action", "formaction", "xlink:href"):
                value = re.sub(r"[\x00-\x20]", "", attributes.get(name) or "").lower()
                assert not value.startswith(SCRIPT_SCHEMES), (url, tag, attributes)
        expected = risky_counts(page(built_site, reference))
        # The note's own https image, and the two inert <img src="x"> that its code fences'
        # HTML title and broken attribute leave once their event handlers are removed.
        expected["img"] += 3 if url in noted else 0
        assert risky_counts(document) == expected, url


def test_inline_scripts_are_only_the_themes(hostile_site, hostile_catalog, built_site):
    """The same inline scripts as a page of the seed site: none came from the text."""
    def inline_scripts(document):
        return sorted(re.findall(r"<script>(.*?)</script>", document, re.S))

    reference = inline_scripts(page(built_site, "papers/stable-resnet/"))
    for paper in hostile_catalog["papers"]:
        assert inline_scripts(page(hostile_site, paper["url"])) == reference


def test_hostile_note_is_markdown_without_html_or_script_links(hostile_site, hostile_catalog):
    paper = next(p for p in hostile_catalog["papers"] if p["note"])
    document = page(hostile_site, paper["url"])
    notes = document.split('<h2 id="notes">', 1)[1].split('<section class="ps-', 1)[0]
    assert "&lt;script&gt;alert('note')&lt;/script&gt;" in notes
    assert "&lt;div onclick=" in notes and "{{ config.repo_url }}" in notes
    assert "<span>bad link</span>" in notes and "<span>bad image</span>" in notes
    assert "<span>entity link</span>" in notes and "<span>numeric</span>" in notes
    assert "<span>escaped entity</span>" in notes
    # Event handlers appear only as escaped text, never as attributes.
    assert not re.search(r"<[^>]*\son\w+=", notes)
    # Nothing in the note takes over the theme's elements or components.
    assert document.count('id="__config"') == document.count('id="__search"') == 1
    assert document.count('id="__drawer"') == 1
    assert not re.search(r'<[^>]*(id="__|class="[^"]*\bmd-|data-md-)', notes)
    assert "<strong id=\"ps__drawer\">a word</strong>" in notes
    assert paper["note"]["tags"] == ["hostile", "c++"]


def test_file_names_stay_short_and_colliding_slugs_differ(hostile_site, hostile_catalog):
    for path in (hostile_site / "docs").rglob("*"):
        assert len(path.name.encode()) <= 255
    slugs = [p["slug"] for p in hostile_catalog["papers"]]
    assert len(slugs) == len(set(slugs)) == len(expected_entries())
    colliding = [s for s in slugs if s.startswith(slug_for("Colliding Slug!"))]
    assert len(colliding) == 2
    assert all(len(s) <= 88 for s in slugs)


def test_yaml_words_stay_strings(hostile_site, hostile_catalog):
    titles = {p["title"] for p in hostile_catalog["papers"]}
    assert {"No", "null", "2021-01-01T00:00:00Z", "--- !!python/object:os.system"} <= titles
