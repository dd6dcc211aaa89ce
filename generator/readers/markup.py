"""A capture's markup, undone: Markdown, reference links and URL lines become plain lines
that remember their link targets.

Capture tools mark a page up in their own ways. Web clippers and crawlers write Markdown
(``[text](url)``, links that span several lines, ``### headings``, escapes, images);
text browsers and some converters number their links (``[text][12]`` or ``[12]text``) and
list the targets at the end; note-taking exports put each link's URL on a line of its own
after the text. :func:`flatten` turns each of them into :class:`Line` values, so that a
page's grammar is written once, whatever tool saved the page.

Only the capture's own markup is removed; the page's text (TeX, brackets, typos) stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Layout
from .common import normalize_space, split_lines


@dataclass(slots=True)
class Line:
    """One line of the page as a reader saw it, markup removed."""

    number: int
    text: str
    urls: list[str] = field(default_factory=list)
    heading: int = 0
    # The line was only an image, a video or a thumbnail link.
    image: bool = False
    # A blank line (or one that only markup filled) stands between it and the line before.
    after_blank: bool = False
    # The line began with white space (a wrapped continuation, in some tools).
    indented: bool = False
    # Lines of one link that spans several lines share its number (0: no such link).
    link: int = 0


_URL = r"(?:https?://|/)[^\s()<>]*(?:\([^\s()<>]*\)[^\s()<>]*)*"
_TEXT = r"((?:[^\[\]]|\[[^\[\]]*\])*)"  # one level of nested brackets: [[logo] Name](...)
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<(?:img|video)\b[^>]*>(?:</video>)?")
INLINE_LINK = re.compile(rf"\[{_TEXT}\]\(\s*<?({_URL})>?(?:\s+\"[^\"]*\")?\s*\)")
REF_LINK = re.compile(rf"\[{_TEXT}\]\[(\d+)\]")
LYNX_REF = re.compile(r"\[(\d+)\]")
REF_DEFINITION = re.compile(r"^\s*\[(\d+)\]:\s*<?(\S+?)>?\s*$")
LYNX_DEFINITION = re.compile(r"^\s*(\d+)\.\s+(\S+://\S+)\s*$")
LYNX_TABLE = re.compile(r"^\s*(?:References|Visible links:?|Hidden links:?)\s*$")
URL_LINE = re.compile(rf"^\s*[<(]?({_URL})[>)]?\s*$")
OPEN_CLOSE = re.compile(rf"^\s*\]\s*(?:\(\s*<?({_URL})>?(?:\s+\"[^\"]*\")?\s*\)|\[(\d+)\])\s*$")
TRAILING_CLOSE = re.compile(rf"\]\s*(?:\(\s*<?({_URL})>?(?:\s+\"[^\"]*\")?\s*\)|\[(\d+)\])\s*$")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")
BULLET = re.compile(r"^\s*(?:[-*+•]|\d+\.)(?:\s+|$)")
TAGS_ONLY = re.compile(r"(?:\s*</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)+\s*")
# The escapes Markdown writers add: a backslash before Markdown's own punctuation, and a
# backslash at the end of a line for a hard break.
ESCAPE = re.compile(r"\\([\\`*_\[\]#+!|<>~-])")
# Bounded, so that a line of unclosed "**" costs what its length costs.
EMPHASIS = re.compile(r"\*\*(?=\S)([^*\n]{1,300}?)(?<=\S)\*\*|__(?=\S)([^_\n]{1,300}?)(?<=\S)__")
FENCE = re.compile(r"^\s*(?:```|~~~)")
# Most lines of a capture are prose with no markup at all: they skip the work below.
MARKUP_SIGN = re.compile(r"[\[\]!<>\\#*_`]|://|^\s*(?:[-*+•]|\d+\.|/)")
ALT_PREFIX = re.compile(r"^\s*\[[^\[\]]*\]\s*(?=\S)")
ALT_ONLY = re.compile(r"^\[(?!\d+\]$)[^\[\]]*\]$")


@dataclass(frozen=True)
class _Style:
    references: dict[str, str]
    lynx: bool  # numbers before the link text: "[12]Title"
    markdown: bool  # Markdown's escapes and emphasis are markup, not the page's text
    url_lines: bool  # a URL alone on a line is the target of the text above


def flatten(text: str, style: str | None = None) -> list[Line]:
    """The capture's lines, without markup, each with the URLs its text linked to.

    ``style`` is :func:`markup_style`'s answer: only a capture marked up that way has its
    escapes undone or its URL lines taken as link targets."""
    style = style or markup_style(text)
    raw = split_lines(text)
    references, skip = _references(raw)
    lynx = bool(references) and any(LYNX_TABLE.match(line) for line in raw)
    how = _Style(references, lynx, style is Layout.MARKDOWN, style is Layout.URL_LINES)
    lines: list[Line] = []
    open_at: int | None = None
    blank = True
    paragraph = 0  # where the paragraph being read began, in ``lines``
    for number, source in enumerate(raw, start=1):
        if not source or source.isspace():
            blank = True
            continue
        if number in skip or FENCE.match(source):
            continue
        line, opened, closed = _flatten_line(number, source, how)
        line.after_blank = blank
        if closed is not None:
            # The link closed here began on an earlier line (or, without an opener, is the
            # line before's): all of its text gets the target.
            start = open_at if open_at is not None else max(len(lines) - 1, 0)
            for earlier in [*lines[start:], line]:
                earlier.urls.extend([closed] if closed else [])
                earlier.link = number
            open_at = None
        if opened:
            open_at = len(lines)
        if line.text or line.image:
            paragraph = len(lines) if blank else paragraph
            lines.append(line)
            blank = False
        elif line.urls and lines:
            for earlier in lines[paragraph:]:  # a URL on its own line names the text above
                earlier.urls.extend(line.urls)
            paragraph = len(lines) - 1  # a second URL line names only the last line
        else:
            blank = True
    return lines


def _references(raw: list[str]) -> tuple[dict[str, str], set[int]]:
    """Numbered link targets (``[12]: url`` anywhere, or a text browser's table at the end)
    and the line numbers they stand on."""
    references: dict[str, str] = {}
    skip: set[int] = set()
    in_table = False
    for number, line in enumerate(raw, start=1):
        if LYNX_TABLE.match(line):
            in_table = True
            skip.add(number)
            continue
        match = REF_DEFINITION.match(line) or (in_table and LYNX_DEFINITION.match(line))
        if match:
            references[match[1]] = match[2]
            skip.add(number)
    return references, skip


def _flatten_line(number: int, source: str, how: _Style) -> tuple[Line, bool, str | None]:
    """One line: its plain text and URLs, whether it opens a link that a later line closes,
    and the target of a link it closes. Each pattern runs only where its sign is."""
    line = Line(number, "", indented=source[:1].isspace())
    if not MARKUP_SIGN.search(source):
        line.text = normalize_space(source)
        return line, False, None
    text = source.rstrip()
    if how.markdown and text.endswith("\\") and not text.endswith("\\\\"):
        text = text[:-1]  # a hard line break
    heading = HEADING.match(text) if text.lstrip().startswith("#") else None
    if heading:
        line.heading, text = len(heading[1]), _without_closing_hashes(heading[2])
    closed = _closing_target(text, how.references) if "]" in text else None
    if closed is not None:
        text = TRAILING_CLOSE.sub("", text) if not OPEN_CLOSE.match(text) else ""
    if text.lstrip()[:1] in ("-", "*", "+", "•") or text.lstrip()[:1].isdigit():
        text = BULLET.sub("", text, count=1)
    had_image = ("![" in text or "<" in text) and bool(IMAGE.search(text))
    text = _unlink(IMAGE.sub("", text) if had_image else text, how, line)
    opened = False
    stripped = text.strip()
    if stripped.startswith("[") and "]" not in stripped:
        opened, text = True, stripped[1:]
    url_line = URL_LINE.match(text) if how.url_lines and "://" in text else None
    if url_line and not line.heading:
        line.urls.append(url_line[1])
        text = ""
    line.text = normalize_space(_unescape(text) if how.markdown else _untag(text))
    if line.text.startswith("[") and ALT_ONLY.match(line.text):
        line.text, had_image = "", True  # an image's alt text, as a converter printed it
    line.image = had_image and not line.text
    return line, opened, closed


def _without_closing_hashes(text: str) -> str:
    """``Title ##`` -> ``Title``; ``Learning C#`` stays (hashes close only after a space)."""
    text = text.rstrip()
    bare = text.rstrip("#")
    return bare.rstrip() if bare != text and (not bare or bare[-1].isspace()) else text


def _unlink(text: str, how: _Style, line: Line) -> str:
    """Links become their text; their targets go to the line."""
    if "](" in text:
        text = INLINE_LINK.sub(lambda m: _link_text(m[1], m[2], line), text)
    if "][" in text:
        text = REF_LINK.sub(lambda m: _link_text(m[1], how.references.get(m[2]), line), text)
    if how.lynx and "[" in text:
        text = LYNX_REF.sub(lambda m: _lynx_ref(m[1], how.references, line), text)
    return text


def _unescape(text: str) -> str:
    if "**" in text or "__" in text:
        text = EMPHASIS.sub(lambda m: m[1] or m[2], text)
    if "\\" in text:
        text = ESCAPE.sub(r"\1", text.replace("\\ ", " "))
    return _untag(text)


def _untag(text: str) -> str:
    """A line of nothing but HTML tags (anchors a converter left) is empty."""
    return "" if "<" in text and TAGS_ONLY.fullmatch(text) else text


def _closing_target(text: str, references: dict[str, str]) -> str | None:
    if "[" in text.split("]")[0] and not OPEN_CLOSE.match(text):
        return None  # the line's own link, not the end of one opened earlier
    match = OPEN_CLOSE.match(text) or TRAILING_CLOSE.search(text)
    if not match:
        return None
    # "" when the target is unknown (a numbered reference whose table was cut off).
    return match[1] if match[1] else references.get(match[2], "")


def _link_text(text: str, url: str | None, line: Line) -> str:
    if url:
        line.urls.append(url)
    # An image inside the link (a logo, an avatar) adds nothing to its text, whether the
    # converter kept it as Markdown, as HTML or as its bracketed alt text.
    inner = ALT_PREFIX.sub("", IMAGE.sub("", text))
    return "" if TAGS_ONLY.fullmatch(inner) else inner


def _lynx_ref(number: str, references: dict[str, str], line: Line) -> str:
    url = references.get(number)
    if url is None:
        return f"[{number}]"
    line.urls.append(url)
    return ""


_MARKDOWN_LINK = re.compile(r"\]\((?:https?://|/)")
_NUMBERED_LINK = re.compile(r"\]\[\d+\]|^\s*\[\d+\]:\s*\S|^\s*\d+\.\s+https?://\S+\s*$", re.M)
_URL_LINE = re.compile(r"^\s*[<(]?https?://\S+\s*$", re.M)


@lru_cache(maxsize=2)  # detection and reading ask about the same text
def markup_style(text: str) -> Layout:
    """How the capture marks its links up, by what it does most: Markdown, numbered links
    (a text browser's or a converter's reference list), URL lines, or plain text."""
    counts = {Layout.NUMBERED_LINKS: len(_NUMBERED_LINK.findall(text)),
              Layout.MARKDOWN: len(_MARKDOWN_LINK.findall(text)),
              Layout.URL_LINES: len(_URL_LINE.findall(text))}
    style = max(counts, key=counts.get)
    return style if counts[style] >= 3 else Layout.TEXT
