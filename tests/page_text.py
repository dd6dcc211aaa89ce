"""What a built paper page shows of a title and an abstract, and what search reads of it.

Titles and abstracts are displayed as generator.tex says: a formula in a ``ps-math`` span
(its source inside), a TeX accent as its letter in a bare span (``data-search-exclude``,
which Material removes once it has indexed the page) followed by the TeX as written in a
hidden ``ps-tex`` span. Any other element inside them is a failure: the helpers leave its
``<`` in the text they return.
"""

from __future__ import annotations

import html
import re

_MATH = re.compile(r'<span class="ps-math">([^<]*)</span>')
_SOURCE = re.compile(r'<span class="ps-tex" hidden="hidden">([^<]*)</span>')
_LETTER = re.compile(r"<span>([^<]*)</span>")


def title_shown(document: str) -> str:
    h1 = re.search(r'<h1 class="ps-paper__title">(.*?)</h1>', document, re.S).group(1)
    return html.unescape(_MATH.sub(r"\1", h1)).strip()


def abstract_texts(document: str) -> tuple[str, str]:
    """(what the reader sees, what search indexes) of the page's abstract."""
    body = re.search(r'<p class="ps-abstract" id="abstract">(.*?)</p>', document,
                     re.S).group(1)
    body = _MATH.sub(r"\1", body)
    shown = _LETTER.sub(r"\1", _SOURCE.sub("", body))
    searched = _SOURCE.sub(r"\1", _LETTER.sub("", body))
    return html.unescape(shown), html.unescape(searched)
