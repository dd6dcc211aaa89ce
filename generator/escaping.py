"""Escaping, one function per output kind. Scraped text passes through exactly one of these.

* Markdown body text, link texts and table cells: :func:`markdown_text`;
* front-matter values that MkDocs or Material print as HTML (``title``, ``description``):
  :func:`html_text`; Material prints them into ``<title>``, the header and ``<meta>``
  attributes without escaping, and MkDocs treats page titles as HTML;
* YAML front matter: :func:`front_matter` (``yaml.safe_dump``, never string templates);
* JSON: :mod:`generator.catalog`.
"""

from __future__ import annotations

import html
import re

import yaml

try:  # libyaml's emitter is ~6x faster and writes the same YAML
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper

# Characters that start inline syntax in Python-Markdown or in the extensions mkdocs.yml
# enables (emphasis, code, links, raw HTML, entities, tables, tilde/caret/mark, math,
# emoji shortcodes, attribute lists, admonitions). They become numeric character
# references: the browser shows the character, no Markdown parser sees syntax.
_INLINE = re.compile(r"[\\`*_{}\[\]<>&|~^=$:!#+]")
# Only at the start of a line do these begin a block (lists, rules, headings, quotes).
_BLOCK_START = re.compile(r"^(\d+)([.)])|^[-+*#>=]")


def _reference(match: re.Match) -> str:
    return f"&#{ord(match.group(0))};"


def markdown_text(text: str) -> str:
    """Text that Markdown renders as exactly ``text``, on one line, with no markup."""
    one_line = " ".join(text.split())
    escaped = _INLINE.sub(_reference, one_line)
    start = _BLOCK_START.match(escaped)
    if start and start.group(1):
        escaped = f"{start.group(1)}&#{ord(start.group(2))};{escaped[start.end():]}"
    elif start:
        escaped = f"&#{ord(escaped[0])};{escaped[1:]}"
    return escaped


def html_text(text: str) -> str:
    """Text for a place that is printed as HTML, attribute values included."""
    return html.escape(text, quote=True)


def front_matter(data: dict) -> str:
    """A YAML front-matter block; key order is kept as given."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=1 << 30)
    return f"---\n{body}---\n"


def document(data: dict, body: str) -> str:
    """A Markdown page: front matter, a blank line, the body, one final newline."""
    return front_matter(data) + "\n" + body.rstrip("\n") + "\n"


def excerpt(text: str | None, limit: int = 160) -> str:
    """The first sentence, or the first ``limit`` characters cut at a word, with "…"."""
    if not text:
        return ""
    text = " ".join(text.split())
    sentence = re.match(r"(.{40,}?[.!?])\s", text)
    if sentence and len(sentence.group(1)) <= limit:
        return sentence.group(1)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
