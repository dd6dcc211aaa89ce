"""Words for messages about what the curator wrote: a value shown, bounded, and the value
probably meant. Any text can reach a message; none may make it unbounded or slow."""

from __future__ import annotations

import difflib

SHOWN = 80
# Longer than any key, status, topic or slug: not worth comparing (and difflib is
# quadratic in the lengths).
COMPARED = 200


def shown(value) -> str:
    """A value as a message quotes it (``'done'``, ``7``), cut to a readable length."""
    text = repr(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def did_you_mean(value, choices, synonyms: dict[str, str] | None = None) -> str:
    """``"; did you mean 'rating'?"`` for the choice a mistyped value most likely meant
    (a known synonym, the same word in another case, or a close spelling), else ``""``."""
    if not isinstance(value, str) or len(value) > COMPARED:
        return ""
    folded = " ".join(value.replace("_", " ").split()).casefold()
    by_fold = {str(choice).casefold(): choice for choice in choices}
    guess = (synonyms or {}).get(folded) or by_fold.get(folded) \
        or by_fold.get(folded.replace(" ", "-")) or by_fold.get(folded.replace(" ", "_"))
    if guess is None:
        close = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.7)
        guess = by_fold[close[0]] if close else None
    return f"; did you mean {guess!r}?" if guess is not None and guess != value else ""
