"""Feeds and citations: every file the site ships parses, and says what the papers say."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date

import bibtexparser
import pytest

from generator.exports import bibtex_text

ATOM = "{http://www.w3.org/2005/Atom}"
LATEX_UNESCAPE = {r"\textbackslash{}": "\\", r"\textasciitilde{}": "~",
                  r"\textasciicircum{}": "^", r"\textbraceleft{}": "{",
                  r"\textbraceright{}": "}"}


_LATEX_ESCAPE = re.compile("|".join(re.escape(e) for e in LATEX_UNESCAPE) + r"|\\([%&$#_])")


def unbibtex(value: str) -> str:
    """The text of a field, read in one pass (as LaTeX would) so escapes never combine."""
    return _LATEX_ESCAPE.sub(lambda m: m.group(1) or LATEX_UNESCAPE[m.group(0)], value)


@pytest.mark.parametrize("text", ["Plain", "100% {balanced} & $x_1$ # ~ ^ \\emph{y}", "}{", "\\",
                                  'Sets closed twice }} @misc(injected, title = "Forged")',
                                  "\\} \\\\}} {{{"])
def test_bibtex_text_always_balances_braces_and_round_trips(text):
    """Every brace counts, escaped or not, as BibTeX and pybtex count them."""
    escaped = bibtex_text(text)
    depth = 0
    for character in escaped:
        depth += {"{": 1, "}": -1}.get(character, 0)
        assert depth >= 0
    assert depth == 0 and unbibtex(escaped) == text


def test_an_author_holding_and_stays_one_author():
    from generator.exports import bibtex_name

    assert bibtex_name("Ada Lovelace and Charles Babbage") == \
        "{Ada Lovelace and Charles Babbage}"
    assert bibtex_name("others") == "{others}" and bibtex_name("Sandy Anderson") == \
        "Sandy Anderson"


def check_feed(path, base, titles_by_url):
    feed = ET.parse(path).getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}id").text.startswith(base)
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    updated = [entry.find(f"{ATOM}updated").text for entry in feed.findall(f"{ATOM}entry")]
    assert updated == sorted(updated, reverse=True)
    for entry in feed.findall(f"{ATOM}entry"):
        url = entry.find(f"{ATOM}link").get("href")
        assert entry.find(f"{ATOM}id").text == url
        assert entry.find(f"{ATOM}title").text == titles_by_url[url]
        date.fromisoformat(entry.find(f"{ATOM}updated").text[:10])
    return feed


def check_bibtex(path, catalog_by_slug, base):
    text = path.read_text(encoding="utf-8")
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    # Counted as BibTeX counts them (bibtexparser is lenient): every entry's braces
    # balance within its own lines, so no text can close one and open another.
    for block in re.split(r"\n(?=@)", text.strip()):
        depth = 0
        for character in block:
            depth += {"{": 1, "}": -1}.get(character, 0)
            assert depth >= 0, block
        assert depth == 0, block
    for entry in library.entries:
        paper = catalog_by_slug[entry.key]
        fields = entry.fields_dict
        assert entry.entry_type == "misc"
        assert unbibtex(fields["title"].value[1:-1]) == paper["title"]
        assert fields["url"].value == base + paper["url"]
        if paper["published"]:
            assert fields["year"].value == paper["published"][:4]
    return library.entries


@pytest.mark.parametrize("which", ["built_site", "hostile_site"])
def test_every_feed_bibtex_and_csl_file_parses(request, which):
    project = request.getfixturevalue(which)
    site = project / "site"
    catalog = json.loads((site / "papers.json").read_text(encoding="utf-8"))["papers"]
    base = "https://example.github.io/papershelf/"
    by_slug = {p["slug"]: p for p in catalog}
    titles = {base + p["url"]: p["title"].replace("\x0b", "\ufffd") for p in catalog}
    feeds = [site / "feed.xml", *sorted((site / "topics").glob("*.xml"))]
    assert len(feeds) > 1
    site_feed = check_feed(feeds[0], base, titles)
    for feed in feeds[1:]:
        check_feed(feed, base, titles)
    assert 0 < len(site_feed.findall(f"{ATOM}entry")) <= 50
    bib_files = [site / "papers.bib", *(site / "topics").glob("*.bib"),
                 *(site / "papers").glob("*.bib")]
    assert len(check_bibtex(site / "papers.bib", by_slug, base)) == len(catalog)
    for path in bib_files[1:]:
        check_bibtex(path, by_slug, base)
    csl = json.loads((site / "papers.csl.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in csl] == [p["slug"] for p in catalog]
    for item, paper in zip(csl, catalog):
        assert item["type"] == "article" and item["title"] == paper["title"]
        assert item["URL"] == base + paper["url"]


def test_note_authors_arxiv_and_doi_reach_the_citations(tmp_path):
    from tests.conftest import copy_project, run_papershelf

    project = copy_project(tmp_path / "project")
    (project / "notes" / "stable-resnet.md").write_text(
        "---\nauthors: [Ada Lovelace, Alan Turing]\narxiv: 2002.10000\n"
        "doi: 10.1000/xyz123\n---\n", encoding="utf-8")
    assert run_papershelf(project, "build").returncode == 0
    entry = bibtexparser.parse_string(
        (project / "site" / "papers" / "stable-resnet.bib").read_text()).entries[0]
    fields = {key: field.value for key, field in entry.fields_dict.items()}
    assert fields["author"] == "Ada Lovelace and Alan Turing"
    assert (fields["eprint"], fields["archiveprefix"], fields["doi"]) == (
        "2002.10000", "arXiv", "10.1000/xyz123")
    csl = json.loads((project / "site" / "papers.csl.json").read_text())
    item = next(i for i in csl if i["id"] == "stable-resnet")
    assert item["author"] == [{"literal": "Ada Lovelace"}, {"literal": "Alan Turing"}]
    assert item["DOI"] == "10.1000/xyz123" and item["archive_location"] == "2002.10000"


def test_pages_link_their_feeds_and_the_sitemap_has_real_dates(built_site):
    site = built_site / "site"
    topic = (site / "topics" / "scaling-laws" / "index.html").read_text()
    assert 'type="application/atom+xml" href="../scaling-laws.xml"' in topic
    assert 'type="application/atom+xml" href="../../feed.xml"' in topic
    paper = (site / "papers" / "stable-resnet" / "index.html").read_text()
    assert 'href="../stable-resnet.bib"' in paper
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    stamps = {url.find(f"{namespace}loc").text: url.find(f"{namespace}lastmod")
              for url in sitemap}
    catalog = json.loads((site / "papers.json").read_text())["papers"]
    for paper_record in catalog:
        lastmod = stamps["https://example.github.io/papershelf/" + paper_record["url"]]
        known = [ref["listed"] for ref in paper_record["listings"] if ref["listed"]]
        known += [paper_record["published"]] if paper_record["published"] else []
        if known:
            assert lastmod.text == max(known)
        else:
            assert lastmod is None


def test_an_arxiv_paper_is_cited_in_arxivs_own_form():
    from generator.dates import infer_listing_years
    from generator.exports import bibtex_entry
    from generator.merge import merge_listings
    from generator.model import ArxivFacts, Entry, Listing
    from generator.site import Site
    from generator.slugs import assign_slugs

    entry = Entry("A Paper", "Its abstract.", 5, 1, arxiv_id="2410.05434",
                  author_names=("Ada Lovelace", "Alan Turing"), arxiv_facts=ArxivFacts(
                      subjects="Machine Learning (cs.LG); Artificial Intelligence (cs.AI)"))
    listing = Listing("new.md", "seeds/new.md", None, None, (entry,), "arxiv-list")
    years, _ = infer_listing_years([listing], {})
    papers, _ = merge_listings([listing], years)
    assign_slugs(papers)
    text = bibtex_entry(Site(papers, [listing], years, [], site_url="https://x.org/"),
                        papers[0])
    fields = bibtexparser.parse_string(text).entries[0].fields_dict
    assert {name: fields[name].value for name in ("eprint", "archiveprefix", "primaryclass",
                                                  "author", "year")} == {
        "eprint": "2410.05434", "archiveprefix": "arXiv", "primaryclass": "cs.LG",
        "author": "Ada Lovelace and Alan Turing", "year": "2024"}
