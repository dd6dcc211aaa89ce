"""A Python-Markdown extension that keeps every page's Markdown from becoming HTML.

Listed in mkdocs.yml as ``generator.markdown_safety``. Markdown written by the generator is
already escaped; this is the second line, and the first for the curator's notes and
hand-written pages:

* raw HTML (blocks, inline tags and comments) is shown as text: HTML belongs in
  ``overrides/``;
* event-handler, ``style`` and ``srcdoc`` attributes (which ``attr_list`` would allow)
  are removed;
* links and images whose URL scheme can run script (``javascript:``, ``vbscript:``,
  ``data:`` except for raster images) become plain text (their text, or an image's alt).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

# Browsers ignore ASCII whitespace and control characters inside a scheme.
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_SCRIPT_SCHEMES = ("javascript:", "vbscript:")


def unsafe_url(url: str, image: bool = False) -> bool:
    """Whether following (or loading) this URL could run script (entities decoded first,
    as the browser will: ``javascript&colon;`` is ``javascript:``)."""
    plain = _IGNORED.sub("", html.unescape(html.unescape(url))).lower()
    if plain.startswith(_SCRIPT_SCHEMES):
        return True
    return plain.startswith("data:") and not (image and plain.startswith("data:image/")
                                              and not plain.startswith("data:image/svg"))


# Attributes that run script or restyle the page; attr_list (`{: onclick=... }`) could
# otherwise put them on any element.
_UNSAFE_ATTRIBUTE = re.compile(r"^(on|style$|srcdoc$|formaction$)", re.IGNORECASE)


class _UnsafeLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in [n for n in element.attrib if _UNSAFE_ATTRIBUTE.match(n)]:
                del element.attrib[name]
            if element.tag == "a" and unsafe_url(element.get("href", "")):
                _to_text(element, element.text)
            elif element.tag == "img" and unsafe_url(element.get("src", ""), image=True):
                _to_text(element, element.get("alt", ""))


def _to_text(element: etree.Element, text: str | None) -> None:
    # A <span> rather than an <a> without href: MkDocs' link rewriting expects every <a>
    # and <img> to have its URL.
    element.tag = "span"
    element.attrib.clear()
    element.text = text


class MarkdownSafetyExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        if "html_block" in md.preprocessors:
            md.preprocessors.deregister("html_block")
        if "html" in md.inlinePatterns:
            md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_UnsafeLinks(md), "papershelf_unsafe_links", 1)


def makeExtension(**kwargs) -> MarkdownSafetyExtension:
    return MarkdownSafetyExtension(**kwargs)
