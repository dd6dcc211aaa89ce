"""Escaping, one function per output kind. Scraped text passes through exactly one of these.

* Markdown body text, link texts and table cells: :func:`markdown_text`; a long paragraph
  of scraped text (an abstract): :func:`text_block`;
* front-matter values that MkDocs or Material print as HTML (``title``, ``description``):
  :func:`html_text`; Material prints them into ``<title>``, the header and ``<meta>``
  attributes without escaping, and MkDocs treats page titles as HTML;
* YAML front matter: :func:`front_matter`, never string templates;
* JSON: :func:`json_text` (also used by :mod:`generator.catalog`).
"""

from __future__ import annotations

import html
import json
import re

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


# A verbatim paragraph: the marker line (a class, maybe an id), then one line of text (see
# text_block).
TEXT_BLOCK = re.compile(
    r"::: papershelf-text ([a-z][a-z0-9-]*(?: [a-z][a-z0-9-]*)*)(?: #([a-z][a-z0-9-]*))?\n([^\n]*)")


def text_block(text: str, css_class: str, element_id: str | None = None) -> str:
    """A paragraph of ``text`` with a class (and an id), for long scraped text (abstracts).

    The ``generator.markdown_safety`` extension reads it without inline parsing, so a
    200,000-character run of ``*`` costs linear time, and shows its TeX accents and math
    as :mod:`generator.tex` says. The text is also escaped as :func:`markdown_text`, so
    that without the extension it still shows as written.
    """
    marker = f"{css_class} #{element_id}" if element_id else css_class
    return f"::: papershelf-text {marker}\n{markdown_text(text)}"


def code_block(text: str, language: str = "markdown") -> str:
    """A fenced code block showing ``text`` exactly: its fence is longer than any run of
    backticks inside."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text}\n{fence}"


def html_text(text: str) -> str:
    """Text for a place that is printed as HTML, attribute values included."""
    return html.escape(text, quote=True)


# Characters JSON leaves raw that YAML rejects (DEL, C1 controls, U+FFFE/FFFF) or reads
# as line breaks inside a quoted string (NEL, U+2028, U+2029). Both read the \u form.
_NOT_YAML_PRINTABLE = re.compile(
    "[^\x09\x0A\x0D\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFFFD"
    "\U00010000-\U0010FFFF]")


# One encoder for all: json.dumps with options makes a new one per call (a front matter
# line is one call; 440,000 at 20,000 papers).
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def json_text(value) -> str:
    """Compact JSON that is also valid YAML: non-ASCII kept, unprintables escaped."""
    text = _COMPACT.encode(value)
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def front_matter(data: dict) -> str:
    """A front-matter block: YAML in its JSON form, one top-level key per line.

    JSON is YAML, and ``json.dumps`` is about 50 times faster than PyYAML's representer,
    which was most of the generator's time at scale. Keys keep the order given.
    """
    lines = ",\n".join(f"{json_text(key)}: {json_text(value)}" for key, value in data.items())
    return f"---\n{{\n{lines}\n}}\n---\n"


def document(data: dict, body: str) -> str:
    """A Markdown page: front matter, a blank line, the body, one final newline."""
    return front_matter(data) + "\n" + body.rstrip("\n") + "\n"


def excerpt(text: str | None, limit: int = 160) -> str:
    """The first sentence, or the first ``limit`` characters cut at a word, with "…"."""
    if not text:
        return ""
    text = " ".join(text.split())
    # Only the head can hold a short enough sentence: scanning an 18 MB abstract for its
    # first full stop would cost seconds.
    sentence = re.match(r"(.{40,}?[.!?])\s", text[: limit + 1])
    if sentence and len(sentence.group(1)) <= limit:
        return sentence.group(1)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
