"""A paper's identity across listings: its title, normalised for matching."""

from __future__ import annotations

import functools
import re
import unicodedata


# Asked several times per entry (date inference, merging, matching): kept per title.
@functools.lru_cache(maxsize=1 << 17)
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
# of one abstract share most of their words; among 20,000 random pairs of real abstracts
# (the benchmark records) 99.9 % share less than 0.40.
SAME_ABSTRACT = 0.5
# How many different papers of one title an entry's abstract is compared with. Real
# collections have a handful ("Introduction", "Attention"); a capture repeating one title
# thousands of times with different abstracts would otherwise cost time quadratic in its
# size. Past this, an entry that agrees with none of the first ones is a paper of its own.
SAME_TITLE_COMPARED = 16


def abstracts_agree(first: str | None, second: str | None) -> bool:
    """Whether two abstracts can be the same paper's: a missing one agrees with anything,
    a cut one with the whole (its words begin the other's), a revised one with the
    original (most words shared)."""
    if first is None or second is None or first == second:
        return True
    a, b = _words(first), _words(second)
    if not a or not b:
        return a == b
    if _begins(*sorted((a, b), key=len)):
        return True
    shared, either = set(a) & set(b), set(a) | set(b)
    return len(shared) / len(either) >= SAME_ABSTRACT


_WORD = re.compile(r"[^\W_]+")  # letters and digits


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def cut_from(part: str, whole: str) -> bool:
    """Whether ``part`` is ``whole`` cut short (by the page or the capture)."""
    a, b = _words(part), _words(whole)
    return len(a) < len(b) and _begins(a, b)


def _begins(short: list[str], long: list[str]) -> bool:
    # The last word may be cut too: "... long contexts. Ho".
    return short[:-1] == long[:len(short) - 1]
