"""The whitespace-separated words of many texts, numbered once for every use.

Both sides of related papers start here: the sentence vectors average their words'
embeddings, and the TF-IDF terms are tokens found in the words. Splitting 20,000 abstracts
and numbering their 2.5 million words costs about a second in Python, so it is done once,
with C-level calls (``dict.fromkeys``, ``map``) rather than bytecode per word.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

import numpy as np


@dataclass(frozen=True)
class Words:
    """Text i's words are ``vocabulary[ids[bounds[i]:bounds[i + 1]]]``."""

    vocabulary: list[str]
    ids: np.ndarray
    bounds: np.ndarray

    @classmethod
    def of(cls, texts: list[str]) -> Words:
        split = [text.split() for text in texts]
        numbered = {word: i for i, word in enumerate(dict.fromkeys(chain.from_iterable(split)))}
        bounds = np.concatenate([[0], np.cumsum(np.fromiter(
            map(len, split), dtype=np.int64, count=len(split)))]).astype(np.int64)
        ids = np.fromiter(map(numbered.__getitem__, chain.from_iterable(split)),
                          dtype=np.int64, count=int(bounds[-1]))
        return cls(list(numbered), ids, bounds)

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def subset(self, rows: list[int]) -> Words:
        """The chosen texts' words, with a vocabulary of only the words they use."""
        rows_array = np.asarray(rows, dtype=np.int64)
        starts, lengths = self.bounds[rows_array], np.diff(self.bounds)[rows_array]
        ids = gather(self.ids, starts, lengths)
        used, compact = renumber(ids, len(self.vocabulary))
        vocabulary = [self.vocabulary[i] for i in used.tolist()]
        bounds = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        return Words(vocabulary, compact, bounds)


def renumber(ids: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of ``ids`` (all below ``size``), ascending, and each id's
    position among them: what np.unique(ids, return_inverse=True) gives, without sorting."""
    present = np.zeros(size, dtype=bool)
    present[ids] = True
    position = np.cumsum(present) - 1
    return np.flatnonzero(present), position[ids].astype(np.int64)


def gather(flat: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The concatenation of flat[s:s + n] for each start s and length n."""
    offsets = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return flat[offsets + np.arange(len(offsets))]
