"""Feeds and citations, written as files by the generator (no plugin):

* ``feed.xml``: an Atom feed of the newest listed papers; ``topics/<slug>.xml`` per topic;
* ``papers.bib`` (all), ``papers/<slug>.bib`` and ``topics/<slug>.bib``: BibTeX ``@misc``;
* ``papers.csl.json``: CSL-JSON for the whole list.

A paper's date here is the first date a listing showed it, else its publication date;
papers with neither are left out of the feeds (a feed entry needs a date).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date

from .model import DateKind, Paper
from .site import (BIBTEX, CSL_JSON, FEED, Site, bibtex_path, feed_path, paper_path, topic_path,
                   url_of)

FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"
# XML 1.0 cannot hold these at all; they become U+FFFD in feeds.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Braces become \textbraceleft{} and \textbraceright{}: BibTeX counts every brace in a
# field, an escaped one too, so "\}" could still close the field and start a forged entry.
_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}",
                   "}": r"\textbraceright{}", "%": r"\%",
                   "&": r"\&", "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                   "^": r"\textasciicircum{}"}
_BIBTEX_PATTERN = re.compile("|".join(re.escape(ch) for ch in _BIBTEX_SPECIAL))


def feed_date(paper: Paper) -> date | None:
    listed = [ref.listed for ref in paper.listings if ref.listed]
    return min(listed) if listed else (paper.dated.day if paper.dated else None)


def generate_exports(site: Site) -> dict[str, str]:
    outputs = {
        FEED: atom_feed(site, site.papers, FEED, f"{site.site_name}: newly listed papers"),
        BIBTEX: bibtex(site, site.papers),
        CSL_JSON: csl_json(site, site.papers),
    }
    for paper in site.papers:
        outputs[bibtex_path(paper_path(paper.slug))] = bibtex(site, [paper])
    for name in site.topic_names():
        page = topic_path(site.topic_slug(name))
        papers = site.by_topic.get(name, [])
        outputs[feed_path(page)] = atom_feed(site, papers, feed_path(page),
                                             f"{site.site_name}: {name}")
        outputs[bibtex_path(page)] = bibtex(site, papers)
    return outputs


def _absolute(site: Site, path: str) -> str:
    return site.site_url + path


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def atom_feed(site: Site, papers: list[Paper], path: str, title: str) -> str:
    """Newest first, at most FEED_SIZE entries; ``updated`` is the newest entry's date."""
    dated = sorted(((day, p) for p in papers if (day := feed_date(p))),
                   key=lambda item: (-item[0].toordinal(), item[1].slug))[:FEED_SIZE]
    feed = ET.Element("feed", xmlns=ATOM)
    ET.SubElement(feed, "title").text = _xml_text(title)
    ET.SubElement(feed, "id").text = _absolute(site, path)
    ET.SubElement(feed, "link", rel="self", href=_absolute(site, path))
    ET.SubElement(feed, "link", rel="alternate", href=site.site_url or "./")
    newest = dated[0][0] if dated else date(1970, 1, 1)
    ET.SubElement(feed, "updated").text = f"{newest.isoformat()}T00:00:00Z"
    ET.SubElement(ET.SubElement(feed, "author"), "name").text = _xml_text(site.site_name)
    for day, paper in dated:
        entry = ET.SubElement(feed, "entry")
        url = _absolute(site, url_of(paper_path(paper.slug)))
        ET.SubElement(entry, "title").text = _xml_text(paper.title)
        ET.SubElement(entry, "id").text = url
        ET.SubElement(entry, "link", rel="alternate", href=url)
        ET.SubElement(entry, "updated").text = f"{day.isoformat()}T00:00:00Z"
        if paper.abstract:
            ET.SubElement(entry, "summary").text = _xml_text(paper.abstract)
        for topic in paper.topics:
            ET.SubElement(entry, "category", term=_xml_text(topic))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"


def bibtex_text(text: str) -> str:
    """Text for a braced BibTeX field: LaTeX specials escaped; the only braces are the
    empty pairs of the escapes, so the field's braces always balance."""
    return _BIBTEX_PATTERN.sub(lambda m: _BIBTEX_SPECIAL[m.group(0)], " ".join(text.split()))


_AND = re.compile(r"\band\b|^others$", re.IGNORECASE)


def bibtex_name(name: str) -> str:
    """One author for the ``author`` field: a name holding the word "and" (or that is
    "others") is braced, so BibTeX reads it as one name, not several or "et al."."""
    text = bibtex_text(name)
    return "{" + text + "}" if _AND.search(" ".join(name.split())) else text


def bibtex(site: Site, papers: list[Paper]) -> str:
    return "\n".join(bibtex_entry(site, paper) for paper in papers)


# A subject line's classes: "Machine Learning (cs.LG); Artificial Intelligence (cs.AI)".
_CLASS = re.compile(r"\(([a-z][a-z-]*(?:\.[A-Za-z-]+)?)\)")


def bibtex_entry(site: Site, paper: Paper) -> str:
    """One ``@misc`` entry; with an arXiv id, in arXiv's own form (eprint, archivePrefix,
    primaryClass)."""
    note = paper.note
    fields = [("title", "{" + bibtex_text(paper.title) + "}")]
    authors = paper.author_list
    if authors:
        fields.append(("author", " and ".join(bibtex_name(name) for name in authors)))
    if paper.dated:
        fields += [("year", str(paper.dated.day.year)), ("month", str(paper.dated.day.month))]
    fields.append(("url", _absolute(site, url_of(paper_path(paper.slug)))))
    eprint = paper.known_arxiv_id
    if eprint and _verbatim(eprint):
        fields += [("eprint", eprint), ("archiveprefix", "arXiv")]
        primary = _CLASS.search(paper.arxiv_facts.subjects or "")
        if primary:
            fields.append(("primaryclass", primary.group(1)))
    if note and "doi" in note.links and _verbatim(note.links["doi"]):
        fields.append(("doi", note.links["doi"]))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{paper.slug},\n{body}\n}}\n"


def _verbatim(value: str) -> bool:
    """Whether an identifier can stand in a BibTeX field as it is (notes validate them;
    this is the last line of defence for a value that would close the field)."""
    return not any(ch in value for ch in '{}\\%"@,\n')


def csl_json(site: Site, papers: list[Paper]) -> str:
    items = []
    for paper in papers:
        note = paper.note
        item = {"id": paper.slug, "type": "article", "title": paper.title,
                "URL": _absolute(site, url_of(paper_path(paper.slug)))}
        known = paper.dated
        if known:
            parts = [known.day.year, known.day.month]
            item["issued"] = {"date-parts": [parts + ([known.day.day] if known.kind is
                                                      DateKind.PUBLISHED else [])]}
        if paper.author_list:
            item["author"] = [{"literal": name} for name in paper.author_list]
        if note and "doi" in note.links:
            item["DOI"] = note.links["doi"]
        if paper.known_arxiv_id:
            item["archive"], item["archive_location"] = "arXiv", paper.known_arxiv_id
        if paper.abstract:
            item["abstract"] = paper.abstract
        items.append(item)
    text = "[\n" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n]\n"
    return text.replace("</", "<\\/")


