"""How titles and abstracts are displayed: TeX accents as the letters they stand for
(``Schr\\"odinger`` as Schrödinger), and ``$...$`` spans marked as math for the bundled
KaTeX, as arXiv's pages show them.

Only the display uses this: ``papers.json``, the exports and the search index keep the text
as the listing printed it. Text that merely contains dollar signs (``$5 and $10``) is not
math: a span opens on a ``$`` followed by a non-space, closes on the next ``$``, preceded by
a non-space and not followed by a digit (Pandoc's rule), and holds no other ``$``. Every
function here is linear in its input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from .escaping import markdown_text


class Kind(StrEnum):
    TEXT = "text"
    MATH = "math"  # shown as written until KaTeX typesets it
    TEX = "tex"  # a TeX accent or escape: shown as its character, the source kept aside


@dataclass(frozen=True)
class Segment:
    kind: Kind
    # What a reader sees (for math: the source, delimiters included).
    text: str
    # For Kind.TEX: the TeX as written.
    source: str = ""


# A formula longer than this is more likely stray dollars than math.
MATH_LIMIT = 500
_MATH = re.compile(
    r"(?<![\\$])\$\$(?=\S)[^$]{1,%d}(?<=[^\s\\])\$\$"
    r"|(?<![\\$])\$(?=[^\s$])[^$\n]{1,%d}(?<=[^\s\\])\$(?![\d$])" % (MATH_LIMIT, MATH_LIMIT))

# Accents written with a symbol take their letter directly (\"o, \"{o}); those written
# with a letter need braces or a space (\v{c}, \c c). Either may sit in braces: {\"o}.
_MARKS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303",
          "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
          "c": "\u0327", "k": "\u0328", "r": "\u030a", "d": "\u0323", "b": "\u0331"}
_LETTERS = {"ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ",
            "oe": "œ", "OE": "Œ", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ"}
_ESCAPES = {"%": "%", "&": "&", "$": "$", "#": "#", "_": "_"}
_ACCENT = (r"\\(?P<sym>[\"'`^~=.])\s*(?:\{\s*(?P<a>[A-Za-z]|\\[ij])\s*\}|(?P<a2>[A-Za-z]))"
           + r"|\\(?P<word>[uvHckrdb])(?:\{\s*(?P<b>[A-Za-z]|\\[ij])\s*\}|\s+(?P<b2>[A-Za-z]))"
           + r"|\\(?P<letter>ss|aa|AA|ae|AE|oe|OE|[oOlLij])(?![A-Za-z])(?:\{\}|[ ](?=[a-z]))?"
           + r"|\\(?P<escape>[%&$#_])")
_TEX = re.compile(r"\{(?:" + _ACCENT + r")\}|" + _ACCENT.replace("?P<", "?P<o_"))


def segments(text: str) -> list[Segment]:
    """``text`` as display segments; joined, their sources give back ``text``."""
    parts: list[Segment] = []
    start = 0
    for match in _MATH.finditer(text):
        parts += _text_segments(text[start:match.start()])
        parts.append(Segment(Kind.MATH, match.group(0)))
        start = match.end()
    parts += _text_segments(text[start:])
    return parts


def has_markup(text: str) -> bool:
    """Whether the display differs from the text at all (most titles: no)."""
    return ("$" in text or "\\" in text) and any(s.kind is not Kind.TEXT
                                                 for s in segments(text))


def plain(text: str, formulas: bool = True) -> str:
    """The text with accents and escapes as characters, and formulas as written (or, without
    ``formulas``, each replaced by a space: the words a text is compared by)."""
    if "\\" not in text and (formulas or "$" not in text):
        return text
    return "".join(" " if s.kind is Kind.MATH and not formulas else s.text
                   for s in segments(text))


def _text_segments(text: str) -> list[Segment]:
    parts, start = [], 0
    if "\\" not in text:
        return [Segment(Kind.TEXT, text)] if text else []
    for match in _TEX.finditer(text):
        if match.start() > start:
            parts.append(Segment(Kind.TEXT, text[start:match.start()]))
        parts.append(Segment(Kind.TEX, _character(match), match.group(0)))
        start = match.end()
    if start < len(text):
        parts.append(Segment(Kind.TEXT, text[start:]))
    return parts


def _character(match: re.Match) -> str:
    found = {key.removeprefix("o_"): value for key, value in match.groupdict().items()
             if value is not None}
    if "escape" in found:
        return _ESCAPES[found["escape"]]
    if "letter" in found:
        return _LETTERS[found["letter"]]
    mark = _MARKS[found.get("sym") or found["word"]]
    base = next(found[key] for key in ("a", "a2", "b", "b2") if key in found)
    # An accent on a dotless i or j is an accent on i or j.
    base = {"\\i": "i", "\\j": "j"}.get(base, base)
    return unicodedata.normalize("NFC", base + mark)


def display_markdown(text: str) -> str:
    """Markdown that shows ``text`` on one line with accents as characters and math as a
    ``ps-math`` code span, which the page's script typesets (a code span keeps the
    formula exactly; without script it still reads as written)."""
    out = []
    for segment in segments(" ".join(text.split())):
        if segment.kind is Kind.MATH and "`" not in segment.text:
            out.append(f"`{segment.text}`{{ .ps-math }}")
        elif segment.text.strip():
            # markdown_text trims: the spaces around a formula are the text's own.
            lead = " " if segment.text[0].isspace() else ""
            trail = " " if segment.text[-1].isspace() else ""
            out.append(lead + markdown_text(segment.text) + trail)
        else:
            out.append(" ")
    return "".join(out)
