"""Links in the curator's notes, checked by Papershelf before MkDocs sees them.

A note becomes part of its paper's page (``docs/papers/<slug>.md``), so a relative link in
it is relative to ``docs/papers/``. A link that leads to no page or file of the site is a
warning naming the note and line, with the closest existing page as a suggestion; on the
page it is shown as its text with a visible marker, and the rest of the site builds.

Links are found in the Markdown source (inline links and images, reference definitions),
outside fenced and indented code and code spans. What this does not recognise still
reaches MkDocs, which validates every link of the built pages.
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from .messages import COMPARED, shown

NOTE_PAGE_FOLDER = "papers"
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# [text](target "title") and ![alt](target): text may hold one level of brackets.
_INLINE = re.compile(
    r"(?P<image>!?)\[(?P<text>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
    r"\(\s*(?P<target><[^<>\n]*>|(?:[^\s()\\]|\\.|\([^\s()]*\))*)"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?\s*\)")
_DEFINITION = re.compile(r"^ {0,3}\[(?P<text>[^\]\n]+)\]:\s*(?P<target><[^<>\n]*>|\S+)")


@dataclass(frozen=True)
class Link:
    line: int  # 1-based, in the note body
    start: int  # offsets in the body
    end: int
    text: str
    target: str
    image: bool = False
    definition: bool = False


_LIST_ITEM = re.compile(r"^ {0,3}(?:[-+*]|\d+[.)])\s")


def find_links(body: str) -> Iterator[Link]:
    """Every inline link, image and reference definition outside code, in order."""
    for number, offset, line in text_lines(body):
        yield from _links_in_line(line, number, offset)


def text_lines(body: str) -> Iterator[tuple[int, int, str]]:
    """The lines Markdown reads as text (not fenced or indented code), with their number
    (1-based) and offset in the body."""
    offset, fence, in_list, previous = 0, None, False, "code"
    for number, line in enumerate(body.splitlines(keepends=True), 1):
        opened = _FENCE.match(line)
        blank = not line.strip()
        indented = line.startswith(("    ", "\t")) and not blank
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            kind = "code"
        elif opened:
            fence, kind = opened.group(1), "code"
        elif indented and not in_list and previous in ("blank", "code"):
            kind = "code"  # an indented code block (it cannot interrupt a paragraph)
        else:
            kind = "blank" if blank else "text"
            if _LIST_ITEM.match(line):
                in_list = True
            elif not blank and not indented and previous == "blank":
                in_list = False
            yield number, offset, line
        previous = kind
        offset += len(line)


def _links_in_line(line: str, number: int, offset: int) -> Iterator[Link]:
    definition = _DEFINITION.match(line)
    if definition:
        yield Link(number, offset + definition.start(), offset + len(line.rstrip("\r\n")),
                   definition.group("text"), definition.group("target").strip("<>"),
                   definition=True)
        return
    # Code spans hide their brackets: blank them out, keeping every offset.
    visible = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
    for match in _INLINE.finditer(visible):
        yield Link(number, offset + match.start(), offset + match.end(), match.group("text"),
                   match.group("target").strip("<>"), image=bool(match.group("image")))


def resolve(target: str, folder: str = NOTE_PAGE_FOLDER) -> str | None:
    """The docs path a relative link leads to, or None when it is not a link into the
    site's files (an address with a scheme, an anchor on the same page, an e-mail)."""
    # As the browser will read it once Markdown has put it in an attribute.
    parts = urlsplit(html.unescape(target.replace("\\", "")))
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    joined = posixpath.normpath(posixpath.join(folder, path))
    return joined if not path.startswith("/") else path


def problem(link: Link, known: Collection[str], folder: str = NOTE_PAGE_FOLDER,
            suggest: bool = True) -> str | None:
    """Why a link leads nowhere, with the closest page that exists (when ``suggest``: a
    search among every page); None if it is fine."""
    path = resolve(link.target, folder)
    if path is None or path in known:
        return None
    wanted = path.rstrip("/")
    for candidate in (wanted + ".md", wanted + "/index.md"):
        if candidate in known:
            return (f"link to {shown(link.target)}: link to the Markdown file instead, "
                    f"{posixpath.relpath(candidate, folder)!r}")
    close = _closest(wanted.removesuffix(".md"), [p for p in known if p.endswith(".md")]) \
        if suggest and len(wanted) <= COMPARED else None
    hint = f"; did you mean {posixpath.relpath(close, folder)!r}?" if close else ""
    what = "image" if link.image else "page or file"
    return f"link to {shown(link.target)}: no such {what} in the site{hint}"


def _closest(stem: str, pages: list[str]) -> str | None:
    """The page a mistyped link most likely meant: one whose name begins with what was
    written (a slug cut short), else the most similar name."""
    longer = sorted((p for p in pages if p.startswith(stem + "-")), key=len)
    if longer:
        return longer[0]
    close = difflib.get_close_matches(stem, [p.removesuffix(".md") for p in pages], n=1,
                                      cutoff=0.75)
    return close[0] + ".md" if close else None


# After the link's own text: a marker whose content is ours, styled by papershelf.css.
BROKEN_MARK = " *(broken link)*{ .ps-broken-link }"


def mark_broken(body: str, broken: list[Link]) -> str:
    """The body with each broken link shown as its text (an image as its alt text),
    followed by a visible marker; a broken reference definition is dropped, so that its
    uses show as the bracketed text they are."""
    pieces, last = [], 0
    for link in sorted(broken, key=lambda item: item.start):
        pieces.append(body[last:link.start])
        if not link.definition:
            pieces.append((link.text.strip() or link.target) + BROKEN_MARK)
        last = link.end
    pieces.append(body[last:])
    return "".join(pieces)
