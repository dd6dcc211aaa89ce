"""A Python-Markdown extension that keeps every page's Markdown from becoming script.

Listed in mkdocs.yml as ``generator.markdown_safety``, so it applies to every page MkDocs
(or ProperDocs) renders: generated pages, the curator's notes and hand-written pages.

The model is one allow-list sanitizer, nh3 (the Rust ``ammonia`` library), run last on the
HTML the page's Markdown becomes, after every extension has put back what it stashed
(fenced-code headers, footnotes, math). Whatever an extension emits, and however a URL is
spelled (``javascript&#58;``, entities restored by Markdown's unescape step), the browser
sees only what the allow-list lets through:

* the tags and attributes Markdown and the enabled extensions produce, nothing else
  (no ``<script>``, ``<style>``, event handlers, forms or frames);
* links and images to ``http:``, ``https:``, ``mailto:`` or a relative address;
* no id the theme owns (Material's are ``__config``, ``__search``, ...: a note could
  otherwise replace the theme's configuration; the note's own become ``ps__...`` first),
  no ``md-`` class and no ``data-md-`` attribute (Material mounts its components from
  those);
* ``style`` only as a table cell's ``text-align``.

Before that, raw HTML written in Markdown (blocks, inline tags, comments) is shown as
text rather than dropped: HTML belongs in ``overrides/``, and a note's ``<b>`` stays
visible as written.

It also reads the generator's verbatim paragraphs (:func:`generator.escaping.text_block`):
scraped text that becomes one paragraph without inline parsing, in time linear in its
length (Python-Markdown's inline parser is quadratic in the number of escapes).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

import nh3
from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions.toc import slugify
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .escaping import TEXT_BLOCK
from .tex import Kind, segments

# What Python-Markdown and the extensions in mkdocs.yml emit (tables, footnotes,
# admonitions, definition lists, task lists, highlighted code, math) plus plain HTML text
# tags. Not listed, so removed with their content: script, style, template and friends.
_TAGS = nh3.ALLOWED_TAGS | {"input", "label", "tfoot"}
_ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"checked", "disabled"},
    "span": {"data-linenos", "hidden"},
    # Markdown writes these on the paper page's lines that repeat what search finds
    # elsewhere, and on the rating; harmless in a note.
    "p": nh3.ALLOWED_ATTRIBUTES.get("p", set()) | {"data-search-exclude"},
    "em": nh3.ALLOWED_ATTRIBUTES.get("em", set()) | {"aria-label"},
    "th": nh3.ALLOWED_ATTRIBUTES["th"] | {"style"},
    "td": nh3.ALLOWED_ATTRIBUTES["td"] | {"style"},
}
_URL_SCHEMES = {"http", "https", "mailto"}


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id":
        return None if value.startswith("__") else value
    if name == "class":
        kept = " ".join(c for c in value.split() if not c.startswith("md-"))
        return kept or None
    return value


_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    clean_content_tags={"script", "style"},
    attributes=_ATTRIBUTES,
    tag_attribute_values={"input": {"type": {"checkbox"}}, "em": {"role": {"img"}}},
    # What the index pages' filter script reads, and what search skips.
    generic_attribute_prefixes={"data-ps-", "data-search-exclude"},
    attribute_filter=_attribute,
    url_schemes=_URL_SCHEMES,
    filter_style_properties={"text-align"},
    strip_comments=True,
    link_rel=None,
)


# An <img> as the sanitizer serialises it: every attribute value in double quotes.
_IMAGE = re.compile(r'<img((?:\s+[a-z-]+="[^"]*")*)\s*/?>')


def _with_alt(match: re.Match) -> str:
    attributes = match.group(1)
    return match.group(0) if ' alt="' in attributes else f'<img{attributes} alt="">'


def sanitize(html: str) -> str:
    """``html`` with everything outside the allow-list removed. An image left without
    alt text (Markdown always gives one; only broken HTML does not) is marked decorative,
    as valid HTML requires."""
    clean = _CLEANER.clean(html)
    return _IMAGE.sub(_with_alt, clean) if "<img" in clean else clean


# Browsers ignore ASCII whitespace and control characters inside a scheme.
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


def followable(url: str) -> bool:
    """Whether the sanitizer keeps this address: relative, or one of the allowed schemes
    once entities are decoded as the browser will (``javascript&colon;`` is not)."""
    plain = _IGNORED.sub("", html.unescape(html.unescape(url))).lower()
    scheme = _SCHEME.match(plain)
    return not scheme or scheme.group(1) in _URL_SCHEMES


class _LinksAsText(Treeprocessor):
    """A link or image whose address the sanitizer would drop is shown as its text (an
    image as its alt text), before MkDocs checks links: it is not a broken link."""

    def run(self, root: etree.Element) -> None:
        # Backslash escapes are still placeholders here; the browser sees them restored.
        unescape = getattr(self.md.treeprocessors["unescape"], "unescape", str) \
            if "unescape" in self.md.treeprocessors else str
        for element in root.iter():
            if element.tag == "a" and not followable(unescape(element.get("href", ""))):
                _to_text(element, element.text)
            elif element.tag == "img" and not followable(unescape(element.get("src", ""))):
                _to_text(element, element.get("alt", ""))


def _to_text(element: etree.Element, text: str | None) -> None:
    # A <span> rather than an <a> without href: MkDocs' link rewriting expects every <a>
    # and <img> to have its URL.
    element.tag = "span"
    element.attrib.clear()
    element.text = text


class _TextBlock(BlockProcessor):
    """``::: papershelf-text <class>`` and one line of escaped text: a paragraph of that
    text, never parsed as inline Markdown."""

    def __init__(self, parser, pending: list) -> None:
        super().__init__(parser)
        self.pending = pending

    def test(self, parent: etree.Element, block: str) -> bool:
        return TEXT_BLOCK.fullmatch(block) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        match = TEXT_BLOCK.fullmatch(blocks.pop(0))
        paragraph = etree.SubElement(parent, "p", {"class": match.group(1)})
        if match.group(2):
            paragraph.set("id", match.group(2))
        # The text as written (markdown_text escaped it as character references only),
        # typeset once inline patterns have run (see _TypesetText).
        paragraph.text = AtomicString("")
        self.pending.append((paragraph, html.unescape(match.group(3))))


class _TypesetText(Treeprocessor):
    """Fills the verbatim paragraphs after Python-Markdown's inline processor, which
    costs time quadratic in the number of children with tail text that a paragraph has
    (a formula or an accent is a child): 6,000 of them took 5 s, 60,000 minutes."""

    def __init__(self, md: Markdown, pending: list) -> None:
        super().__init__(md)
        self.pending = pending

    def run(self, root: etree.Element) -> None:
        for paragraph, text in self.pending:
            _typeset(paragraph, text)
        self.pending.clear()


def _typeset(paragraph: etree.Element, text: str) -> None:
    """Text, math for KaTeX (``ps-math``, its source as written) and TeX accents shown as
    their letters. The search index reads the page's text: it gets each accent as written
    (a hidden copy) and not the letter (data-search-exclude), so it holds the text
    exactly as the listing printed it."""
    last = None
    for segment in segments(text):
        if segment.kind is Kind.TEXT:
            # Segments alternate: text never follows text.
            if last is None:
                paragraph.text = _literal(segment.text)
            else:
                last.tail = _literal(segment.text)
            continue
        if segment.kind is Kind.MATH:
            last = etree.SubElement(paragraph, "span", {"class": "ps-math"})
            last.text = _literal(segment.text)
            continue
        shown_as = etree.SubElement(paragraph, "span", {"data-search-exclude": "1"})
        shown_as.text = _literal(segment.text)
        last = etree.SubElement(paragraph, "span", {"class": "ps-tex", "hidden": "hidden"})
        last.text = _literal(segment.source)


def _literal(text: str) -> AtomicString:
    # Python-Markdown's serialiser leaves "&amp;" alone (it takes it for an entity): an
    # abstract that prints "&amp;" must show "&amp;", so every "&" is a reference.
    return AtomicString(text.replace("&", "&#38;"))


class _OwnIds(Treeprocessor):
    """Ids the theme owns (``__search``, from ``{: #__search }`` or a heading that reads
    so) become ``ps__search`` before the table of contents links to them, so that headings,
    their permalinks and the table of contents agree; the sanitizer drops any left."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            given = element.get("id")
            if given is None and element.tag in _HEADINGS:
                given = slugify("".join(element.itertext()), "-")
                if not given.startswith("__"):
                    continue
            if given and given.startswith("__"):
                element.set("id", "ps" + given)


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _Sanitize(Postprocessor):
    def run(self, text: str) -> str:
        return sanitize(text)


class MarkdownSafetyExtension(Extension):
    def reset(self) -> None:
        # A conversion that failed half-way leaves nothing for the next one.
        self.pending.clear()

    def extendMarkdown(self, md: Markdown) -> None:
        # Verbatim paragraphs the block processor found, for the treeprocessor to fill.
        self.pending: list[tuple[etree.Element, str]] = []
        md.registerExtension(self)
        if "html_block" in md.preprocessors:
            md.preprocessors.deregister("html_block")
        if "html" in md.inlinePatterns:
            md.inlinePatterns.deregister("html")
        md.parser.blockprocessors.register(_TextBlock(md.parser, self.pending),
                                           "papershelf_text", 95)
        # Before MkDocs' own link checks and rewriting (priority 0).
        md.treeprocessors.register(_LinksAsText(md), "papershelf_links_as_text", 1)
        # Right after the inline processor (20).
        md.treeprocessors.register(_TypesetText(md, self.pending), "papershelf_typeset", 19)
        # After attr_list (8) sets ids, before toc (5) reads them.
        md.treeprocessors.register(_OwnIds(md), "papershelf_own_ids", 6)
        # Below every other postprocessor (raw_html 30, footnote 25, amp_substitute 20):
        # this one sees the page exactly as the browser will.
        md.postprocessors.register(_Sanitize(md), "papershelf_sanitize", 0)


def makeExtension(**kwargs) -> MarkdownSafetyExtension:
    return MarkdownSafetyExtension(**kwargs)
