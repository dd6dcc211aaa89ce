"""Each paper's nearest papers, without ever forming an N by N matrix.

Scores are rounded to 6 decimals and ties broken by row index (papers come sorted by slug),
so results do not depend on floating-point noise or thread count. Neighbours travel as
``Pairs``: parallel arrays, one entry per (row, neighbour), so that no step at 20,000
papers loops in Python over a million candidate pairs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

WORKERS = min(8, os.cpu_count() or 1)
# Extra neighbours asked of the top-n product, to see ties at the k-th place.
TIE_MARGIN = 4
# Rows (and columns) of the dense similarity computed at once: 1,024 x 1,024 float32.
DENSE_ROWS = 1024
# Dense candidates are those above a threshold read off a sample of each row's columns,
# set so that about this many times the wanted number pass it.
DENSE_OVERSAMPLE = 3
SAMPLE_COLUMNS = 1024


@dataclass(frozen=True)
class Pairs:
    """Row, neighbour and score arrays of the same length."""

    rows: np.ndarray
    columns: np.ndarray
    scores: np.ndarray

    def take(self, which) -> Pairs:
        return Pairs(self.rows[which], self.columns[which], self.scores[which])

    def best(self, k: int, min_score: float) -> Pairs:
        """Each row's k best entries scoring at least ``min_score`` (and above 0), ordered
        by row, score (highest first) and column."""
        kept = self.take((self.scores >= min_score) & (self.scores > 0)
                         & (self.rows != self.columns))
        ordered = kept.take(np.lexsort((kept.columns, -kept.scores, kept.rows)))
        return ordered.take(rank_in_row(ordered.rows) < k)

    def lists(self, count_rows: int) -> list[list[tuple[int, float]]]:
        """Per row, its (column, score) entries in order."""
        found: list[list[tuple[int, float]]] = [[] for _ in range(count_rows)]
        for row, column, score in zip(self.rows.tolist(), self.columns.tolist(),
                                      self.scores.tolist()):
            found[row].append((column, score))
        return found


def rank_in_row(rows: np.ndarray) -> np.ndarray:
    """Each entry's position within its row's run (rows sorted)."""
    return np.arange(len(rows)) - np.searchsorted(rows, rows)


def no_pairs() -> Pairs:
    return Pairs(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float64))


class SparseSpace:
    """Unit rows as a sparse matrix, for cosine top-k without an N by N matrix."""

    def __init__(self, matrix):
        self.matrix = matrix.tocsr().astype(np.float32)
        self.transposed = self.matrix.T.tocsr()
        self.rows = self.matrix.shape[0]

    def block(self, start: int, stop: int) -> np.ndarray:
        """Similarities of rows start..stop to every row."""
        return (self.matrix[start:stop] @ self.transposed).toarray()

    def top_k(self, k: int, min_score: float) -> list[list[tuple[int, float]]]:
        return self.top_pairs(k, min_score).lists(self.rows)

    def top_pairs(self, k: int, min_score: float) -> Pairs:
        """sparse_dot_topn's multithreaded product keeps only each row's best few; rows
        where that cut may split a tie are recomputed exactly."""
        from sparse_dot_topn import sp_matmul_topn

        keep = min(self.rows, k + 1 + TIE_MARGIN)
        product = sp_matmul_topn(self.matrix, self.transposed, top_n=keep,
                                 threshold=max(min_score - 1e-6, 1e-9), sort=True,
                                 n_threads=WORKERS)
        rows = np.repeat(np.arange(self.rows), np.diff(product.indptr))
        found = Pairs(rows, product.indices.astype(np.int64),
                      np.round(product.data.astype(np.float64), 6)).best(k, min_score)
        # A full row whose last listed score reaches its k-th best may hide equals.
        listed = np.diff(product.indptr)
        last = np.full(self.rows, -np.inf)
        full = np.flatnonzero(listed == keep)
        last[full] = np.round(product.data[product.indptr[full + 1] - 1].astype(np.float64), 6)
        unsure = np.flatnonzero(last >= last_scores(found, self.rows))
        if not len(unsure):
            return found
        exact = [exact_top_pairs(self.block(row, row + 1), row, k, min_score) for row in unsure]
        keep_rows = ~np.isin(found.rows, unsure)
        return concat([found.take(keep_rows)] + exact).best(k, min_score)


def last_scores(pairs: Pairs, count_rows: int) -> np.ndarray:
    """Each row's last (lowest) score in ``pairs`` as ``best`` orders them; +inf for a row
    with none."""
    last = np.full(count_rows, np.inf)
    if len(pairs.rows):
        ends = np.append(pairs.rows[1:] != pairs.rows[:-1], True)
        last[pairs.rows[ends]] = pairs.scores[ends]
    return last


def concat(parts: list[Pairs]) -> Pairs:
    return Pairs(*(np.concatenate([getattr(p, name) for p in parts])
                   for name in ("rows", "columns", "scores")))


def top_k(space, k: int, min_score: float) -> list[list[tuple[int, float]]]:
    """Each row's k most similar other rows scoring at least ``min_score``."""
    if k <= 0 or space.rows == 0:
        return [[] for _ in range(space.rows)]
    return space.top_k(k, min_score)


def exact_top_pairs(block: np.ndarray, start: int, k: int, min_score: float) -> Pairs:
    """Top k of each row of a block of scores (row r is paper start + r), exactly."""
    count_rows, columns = block.shape
    own = np.arange(count_rows)
    block[own, start + own] = -1.0  # never a paper's own neighbour
    count = min(k, columns)
    kth = np.partition(block, columns - count, axis=1)[:, columns - count]
    # Every index within rounding distance of the k-th score takes part in the tie-break.
    threshold = np.maximum(np.maximum(kth - 1e-6, min_score - 1e-6), 1e-9)
    rows, cols = np.nonzero(block >= threshold[:, None])
    scores = np.round(block[rows, cols].astype(np.float64), 6)
    return Pairs(rows + start, cols.astype(np.int64), scores).best(k, min_score)


def dense_candidates(vectors: np.ndarray, count: int) -> Pairs:
    """Each row's ``count`` nearest other rows by vector cosine (ties to the lower index),
    a block of rows and columns at a time (never an N x N matrix).

    A row's candidates are first those above a threshold read off a strided sample of its
    columns, which about DENSE_OVERSAMPLE x count columns pass; the rare row where fewer
    pass is ranked in full. Exact either way, and without sorting 20,000 scores a row.
    The matrix is symmetric: each block above the diagonal serves its rows and, transposed,
    its columns, so only half of it is computed.
    """
    rows = vectors.shape[0]
    count = min(count, rows - 1)
    if count <= 0:
        return no_pairs()
    thresholds = _sample_thresholds(vectors, count)
    keys, scores = [], []
    for a in range(0, rows, DENSE_ROWS):
        for b in range(a, rows, DENSE_ROWS):
            block = vectors[a:a + DENSE_ROWS] @ vectors[b:b + DENSE_ROWS].T
            height, width = block.shape
            if a == b:
                block[np.arange(height), np.arange(height)] = -np.inf
            # flatnonzero, then division: several times faster than a 2-D nonzero.
            found = np.flatnonzero(block >= thresholds[a:a + height, None])
            keys.append((a + found // width) * rows + b + found % width)
            scores.append(block.ravel()[found])
            if a != b:
                found = np.flatnonzero(block >= thresholds[None, b:b + width])
                keys.append((b + found % width) * rows + a + found // width)
                scores.append(block.ravel()[found])
    keys, scores = np.concatenate(keys), np.concatenate(scores).astype(np.float64)
    short = np.bincount(keys // rows, minlength=rows) < count
    if short.any():  # too few passed: those rows' best found in full instead
        kept = ~short[keys // rows]
        extra_keys, extra_scores = _row_best(vectors, np.flatnonzero(short), count)
        keys = np.concatenate([keys[kept], extra_keys])
        scores = np.concatenate([scores[kept], extra_scores])
    # By row and column, then by row and score (highest first), stably: equal scores
    # stay in column order. Scores are cosines, in [-1, 1], so 4 x row separates rows.
    by_key = np.argsort(keys)
    keys, scores = keys[by_key], scores[by_key]
    order = np.argsort(keys // rows * 4.0 - scores, kind="stable")
    found_rows, found_cols = np.divmod(keys[order], rows)
    pairs = Pairs(found_rows, found_cols, scores[order])
    return pairs.take(rank_in_row(pairs.rows) < count)


def _sample_thresholds(vectors: np.ndarray, count: int) -> np.ndarray:
    """Per row, a score about DENSE_OVERSAMPLE x count of its columns reach: the matching
    place in a strided sample of the columns (never below -1, so a row's own -inf is out)."""
    rows = vectors.shape[0]
    stride = max(1, rows // SAMPLE_COLUMNS)
    sample = np.arange(0, rows, stride)
    # The sample's j-th best is passed by about j x stride columns of the row.
    place = min(-(-DENSE_OVERSAMPLE * count // stride), len(sample))
    # float32, as the blocks are: comparing with float64 would convert every score.
    thresholds = np.empty(rows, dtype=np.float32)
    for a in range(0, rows, DENSE_ROWS):
        block = vectors[a:a + DENSE_ROWS] @ vectors[sample].T
        own = np.arange(a, a + len(block))
        in_sample = own % stride == 0
        block[np.flatnonzero(in_sample), own[in_sample] // stride] = -np.inf
        thresholds[a:a + len(block)] = np.partition(block, block.shape[1] - place,
                                                    axis=1)[:, -place]
    return np.maximum(thresholds, np.float32(-1.0))


def _row_best(vectors: np.ndarray, chosen: np.ndarray, count: int
              ) -> tuple[np.ndarray, np.ndarray]:
    """Keys (row x N + column) and scores of the ``count`` best other columns of the chosen
    rows, ties included."""
    rows = vectors.shape[0]
    part = vectors[chosen] @ vectors.T
    part[np.arange(len(chosen)), chosen] = -np.inf
    kth = np.partition(part, rows - count, axis=1)[:, -count]
    at = np.flatnonzero(part >= kth[:, None])
    return chosen[at // rows] * rows + at % rows, part.ravel()[at].astype(np.float64)
