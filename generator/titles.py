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
