"""A paper's identity across listings: its title, normalised for matching."""

from __future__ import annotations

import unicodedata


def title_key(title: str) -> str:
    """Fold case, compatibility forms and punctuation: the same paper matches across scrapes.

    ``"Light Schrödinger Bridge"`` and ``"light  schrodinger-bridge"`` differ (the umlaut is
    kept: folding it would merge papers that differ only in their language), but case,
    width variants, spacing and punctuation do not count.
    """
    folded = unicodedata.normalize("NFKC", title).casefold()
    kept = [ch if ch.isalnum() else " " for ch in folded]
    # A title of symbols only ("???", emoji) keeps its symbols rather than matching them all.
    return " ".join("".join(kept).split()) or " ".join(folded.split())


# Share of distinct words two abstracts must have in common to be one paper's: revisions
# of one abstract share most of their words, abstracts of two papers share few.
SAME_ABSTRACT = 0.5


def abstracts_agree(first: str | None, second: str | None) -> bool:
    """Whether two abstracts can be the same paper's (a missing one agrees with anything)."""
    if first is None or second is None or first == second:
        return True
    a, b = _words(first), _words(second)
    if not a or not b:
        return a == b
    return len(a & b) / len(a | b) >= SAME_ABSTRACT


def _words(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return set("".join(ch if ch.isalnum() else " " for ch in folded).split())
