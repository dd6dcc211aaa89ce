"""Related papers: what titles and abstracts share in words and in meaning, with the
reason shown.

A pair's score mixes two cosines: of TF-IDF term weights (``generator.terms``) and of
WordLlama sentence vectors (``generator.embeddings``), which find papers that say the same
thing in other words. The mix, like every variant compared with it (BM25, LSA, embeddings
alone, a transformer), was chosen on labelled pairs in ``benchmarks/related_eval.py``. Each
paper's candidates are its best few by either cosine (``generator.neighbours``), so memory
stays linear in the number of papers; the mixed score ranks them. The reason for a link is
the few terms that contribute most to the two papers' TF-IDF similarity.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .neighbours import (Pairs, SparseSpace, dense_candidates, last_scores, no_pairs,
                         rank_in_row)
from .terms import DEFAULT_VARIANT, Variant, shared_terms, vectorize
from .words import Words

# The weight of the TF-IDF cosine in a pair's score; the embeddings' cosine has the rest.
# 0.75 gave the best MRR and recall@5 together on both sets of labelled pairs.
TFIDF_WEIGHT = 0.75
# How many neighbours each cosine proposes before the mixed score ranks them.
CANDIDATES = 20
# Terms in more than this share of papers ("model", "language") make most of the TF-IDF
# product's work: at 20,000 papers, the 599 such terms are 92 % of it. Candidates are
# found without them and their part of each candidate's cosine is added exactly. Below
# SPLIT_ROWS papers the product is cheap and nothing is split. At 20,000 papers, these two
# savings together keep 99.86 % of the links that 40 candidates over all terms give, and
# take 2.9 s instead of 7.0 (python -m benchmarks.related_scale).
COMMON_SHARE = 0.025
SPLIT_ROWS = 5000
# What a score means to a reader, calibrated on the labelled pairs (both sets): no
# unrelated pair scores 0.25 (the highest, 0.227), which a related pair in three reaches;
# nine unrelated pairs in ten score under 0.20, three related pairs in four above 0.19.
CLOSENESS = ((0.25, "very close"), (0.20, "close"), (0.0, "loosely related"))


def closeness(score: float) -> str:
    return next(words for floor, words in CLOSENESS if score >= floor)


def closeness_range(score: float) -> tuple[float, float]:
    """The scores that read as ``closeness(score)``: from its floor to the next one (1 for
    the top). Pages show this range, not the score, which moves in its last decimals
    whenever any paper is added (TF-IDF weights depend on every paper)."""
    ceiling = 1.0
    for floor, _ in CLOSENESS:
        if score >= floor:
            return floor, ceiling
        ceiling = floor
    return 0.0, ceiling


@dataclass(frozen=True)
class Link:
    """One related paper: its index in the input, the cosine score and the shared terms."""

    index: int
    score: float
    why: tuple[str, ...]


def related_papers(texts: list[str] | Words, k: int = 5, min_score: float = 0.1,
                   variant: Variant = DEFAULT_VARIANT,
                   vectors: np.ndarray | None = None) -> list[list[Link]]:
    """For each paper (in input order; ``texts`` as ``terms.paper_text`` makes them), its
    related papers, best first: by the mixed score when ``vectors`` (unit sentence vectors,
    a row per paper) are given, else by TF-IDF."""
    if not len(texts):
        return []
    matrix, names = vectorize(texts, variant)
    if k <= 0:
        found = no_pairs()
    elif vectors is None:
        found = SparseSpace(matrix).top_pairs(k, min_score)
    else:
        found = mixed_top_k(matrix, vectors, k, min_score)
    reasons = shared_terms(matrix, names, found.rows, found.columns)
    links: list[list[Link]] = [[] for _ in range(len(texts))]
    for row, column, score, why in zip(found.rows.tolist(), found.columns.tolist(),
                                       found.scores.tolist(), reasons):
        links[row].append(Link(column, round(score, 4), why))
    return links


def mixed_top_k(matrix, vectors: np.ndarray, k: int, min_score: float) -> Pairs:
    """Each row's k best other rows by TFIDF_WEIGHT x TF-IDF cosine + the rest x vector
    cosine, among its candidates: scores exact, rounded to 6 decimals, ties broken by row
    index.

    Candidates are each row's CANDIDATES best by vector cosine and by the TF-IDF cosine
    over its rarer terms (all terms in a collection under SPLIT_ROWS papers). The top-n
    product gives that part of the cosine for its own candidates; a row it lists fewer
    than CANDIDATES for has no other candidate sharing such a term (0). For the rest it is
    at most that of the row's last listed candidate, and only a candidate that this bound
    would let into the top k gets it computed. The common terms' part is computed for
    every candidate.
    """
    rows = matrix.shape[0]
    if k <= 0 or rows == 0:
        return no_pairs()
    rare, common = _split_common(matrix)
    words = SparseSpace(rare).top_pairs(CANDIDATES, 1e-9)  # the rarer terms' cosine
    ceiling = np.where(np.bincount(words.rows, minlength=rows) >= CANDIDATES,
                       last_scores(words, rows), 0.0)
    meant = dense_candidates(vectors, CANDIDATES)
    # The union of both candidate lists; a pair both propose keeps its exact TF-IDF cosine.
    firsts = np.concatenate([words.rows, meant.rows])
    seconds = np.concatenate([words.columns, meant.columns])
    _, union = np.unique(firsts * rows + seconds, return_index=True)
    exact = union < len(words.rows)
    tfidf = np.concatenate([words.scores, np.zeros(len(meant.rows))])[union]
    firsts, seconds = firsts[union], seconds[union]
    meaning = _meaning(vectors, meant, firsts, seconds, rows)
    shared_common = _sparse_pair_dots(common, firsts, seconds)
    tfidf += shared_common
    unsure = ~exact & (ceiling[firsts] > 0)
    bound = _mix(np.where(unsure, ceiling[firsts] + shared_common, tfidf), meaning)
    floor = _kth_best(firsts, np.where(unsure, -np.inf, _mix(tfidf, meaning)), rows, k)
    needed = np.flatnonzero(unsure & (bound >= np.maximum(floor[firsts], min_score)))
    if len(needed):
        tfidf[needed] = _sparse_pair_dots(matrix, firsts[needed], seconds[needed])
        unsure[needed] = False
    scores = np.where(unsure, -np.inf, _mix(tfidf, meaning))
    return Pairs(firsts, seconds, scores).best(k, min_score)


def _split_common(matrix):
    """The columns of rarer terms, and those of common ones (None when not split)."""
    rows = matrix.shape[0]
    if rows < SPLIT_ROWS:
        return matrix, None
    frequency = np.bincount(matrix.indices, minlength=matrix.shape[1])
    common = frequency > COMMON_SHARE * rows
    return matrix[:, ~common].tocsr(), matrix[:, common].tocsr()


def _sparse_pair_dots(matrix, firsts: np.ndarray, seconds: np.ndarray,
                      chunk: int = 65536) -> np.ndarray:
    """Dot product of each pair of sparse rows (zeros without a matrix), a chunk at a time."""
    out = np.zeros(len(firsts))
    if matrix is None:
        return out
    for start in range(0, len(firsts), chunk):
        stop = start + chunk
        out[start:stop] = np.asarray(matrix[firsts[start:stop]].multiply(
            matrix[seconds[start:stop]]).sum(axis=1)).ravel()
    return out


def _mix(words: np.ndarray, meaning: np.ndarray) -> np.ndarray:
    return np.round(TFIDF_WEIGHT * words + (1 - TFIDF_WEIGHT) * meaning, 6)


def _kth_best(firsts: np.ndarray, scores: np.ndarray, rows: int, k: int) -> np.ndarray:
    """Each row's k-th best score among its pairs (-inf when it has fewer)."""
    order = np.lexsort((-scores, firsts))
    chosen = order[rank_in_row(firsts[order]) == k - 1]
    kth = np.full(rows, -np.inf)
    kth[firsts[chosen]] = scores[chosen]
    return kth


def _meaning(vectors: np.ndarray, meant: Pairs, firsts: np.ndarray, seconds: np.ndarray,
             rows: int) -> np.ndarray:
    """Vector cosine of each pair: as the dense candidates computed it where they hold the
    pair, else computed here."""
    keys = meant.rows * rows + meant.columns
    order = np.argsort(keys)
    wanted = firsts * rows + seconds
    at = np.minimum(np.searchsorted(keys[order], wanted), max(len(keys) - 1, 0))
    held = keys[order][at] == wanted if len(keys) else np.zeros(len(wanted), dtype=bool)
    out = np.empty(len(wanted))
    out[held] = meant.scores[order][at[held]]
    missing = np.flatnonzero(~held)
    out[missing] = _pair_dots(vectors, firsts[missing], seconds[missing])
    return out


def _pair_dots(vectors: np.ndarray, firsts: np.ndarray, seconds: np.ndarray,
               chunk: int = 65536) -> np.ndarray:
    """Cosine of each pair of unit vectors, a chunk of pairs at a time (bounded memory)."""
    out = np.empty(len(firsts), dtype=np.float64)
    for start in range(0, len(firsts), chunk):
        stop = start + chunk
        out[start:stop] = np.einsum("ij,ij->i", vectors[firsts[start:stop]],
                                    vectors[seconds[start:stop]])
    return out
