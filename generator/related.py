"""Related papers: what titles and abstracts share in words and in meaning, with the
reason shown.

A pair's score mixes two cosines: of TF-IDF term weights (the variant chosen on labelled
pairs) and of WordLlama sentence vectors (``generator.embeddings``), which find papers
that say the same thing in other words. The mix, like every variant compared with it (BM25,
LSA, embeddings alone, a transformer), was chosen on labelled pairs in
``benchmarks/related_eval.py``. Each paper's candidates are its best few by either cosine
(a sparse top-n product, and dense products a block of rows at a time), so memory stays
linear in the number of papers; the mixed score ranks them. The reason for a link is the
few terms that contribute most to the two papers' TF-IDF similarity.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache, partial

import numpy as np
from scipy.sparse import csr_matrix

from .tex import plain

WORKERS = min(8, os.cpu_count() or 1)
# Extra neighbours asked of the top-n product, to see ties at the k-th place.
TIE_MARGIN = 4


@dataclass(frozen=True)
class Variant:
    """One way of turning text into TF-IDF vectors: the knobs the evaluation compares."""

    name: str
    stop_words: bool = True
    academic_stop_words: bool = True
    sublinear_tf: bool = True
    ngram_max: int = 1
    title_weight: int = 1
    max_df: float = 1.0


# Chosen on the labelled pairs (python -m benchmarks.related_eval): English and academic
# stop words, sublinear term frequencies, words and bigrams.
DEFAULT_VARIANT = Variant("bigrams", ngram_max=2)
# The weight of the TF-IDF cosine in a pair's score; the embeddings' cosine has the rest.
# 0.75 gave the best MRR and recall@5 together on both sets of labelled pairs.
TFIDF_WEIGHT = 0.75
# How many neighbours each cosine proposes before the mixed score ranks them.
CANDIDATES = 40
# Rows of the dense similarity computed at once (a 1,024 x N block of float32).
DENSE_ROWS = 1024
# What a score means to a reader, calibrated on the labelled pairs: no unrelated pair
# scored above 0.211, three related pairs in four above 0.18, one in four above 0.24-0.27.
CLOSENESS = ((0.26, "very close"), (0.20, "close"), (0.0, "loosely related"))


def closeness(score: float) -> str:
    return next(words for floor, words in CLOSENESS if score >= floor)


@dataclass(frozen=True)
class Link:
    """One related paper: its index in the input, the cosine score and the shared terms."""

    index: int
    score: float
    why: tuple[str, ...]


# Words every abstract uses; as shared terms they explain nothing.
ACADEMIC_STOP_WORDS = frozenset("""
    abstract achieve achieves approach approaches based demonstrate demonstrates effective
    experiment experiments experimental existing extensive framework furthermore however
    improve improved improves introduce introduces key leads method methods moreover new
    novel outperform outperforms paper particular performance present presents previous
    problem problems propose proposed proposes provide provides recent recently result
    results show shows significant significantly state-of-the-art study studies task tasks
    use used uses using various way work works
""".split())
# A word: letters and digits, inner hyphens; no underscore, which only TeX residue has
# ("f_theta").
_TOKEN = re.compile(r"(?u)\b[^\W\d_](?:[^\W_]|-)*[^\W_]\b")
# A term fit to show as a reason: words of three letters or more, letters and hyphens.
_READABLE = re.compile(r"(?u)[^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)*")


def analyze(text: str, stop: frozenset[str], ngram_max: int) -> list[str]:
    """Words and, optionally, adjacent word pairs, neither starting nor ending a stop word.

    Pairs are formed before stop words are dropped, so "law in large models" never yields
    the non-phrase "law large".
    """
    tokens = _TOKEN.findall(text.lower())
    terms = [t for t in tokens if t not in stop]
    if ngram_max >= 2:
        terms += [f"{a} {b}" for a, b in zip(tokens, tokens[1:])
                  if a not in stop and b not in stop]
    return terms


def _stop_words(variant: Variant) -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words = frozenset(ENGLISH_STOP_WORDS) if variant.stop_words else frozenset()
    return words | ACADEMIC_STOP_WORDS if variant.academic_stop_words else words


# Abstracts on arXiv are at most 1,920 characters; a scraped "abstract" far longer than
# that is page debris, and comparing all of it would only cost time and memory.
ABSTRACT_CHARS = 10_000


def paper_text(title: str, abstract: str | None, title_weight: int) -> str:
    """The text compared: title and abstract as a reader sees them (TeX accents as their
    letters, formulas left out), so that "Schr\\"odinger" is one word."""
    return " ".join(plain(part, formulas=False) for part in
                    [title] * title_weight + [(abstract or "")[:ABSTRACT_CHARS]])


def count_terms(texts: list[str], analyzer) -> tuple[csr_matrix, np.ndarray]:
    """Term counts per text and the vocabulary, in alphabetical column order.

    Does what scikit-learn's CountVectorizer does, with the counting done by
    collections.Counter: 2.5 times faster at 20,000 papers, where counting dominated.
    """
    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    counts: list[int] = []
    indptr = [0]
    for text in texts:
        found = Counter(analyzer(text))
        indices.extend(vocabulary.setdefault(term, len(vocabulary)) for term in found)
        counts.extend(found.values())
        indptr.append(len(indices))
    ordered = sorted(vocabulary)
    rank = {term: column for column, term in enumerate(ordered)}
    # Terms were numbered in order of appearance; renumber them alphabetically.
    column_of = np.array([rank[term] for term in vocabulary], dtype=np.int64)
    matrix = csr_matrix((np.array(counts, dtype=np.float32),
                         column_of[np.array(indices, dtype=np.int64)], np.array(indptr)),
                        shape=(len(texts), len(vocabulary)))
    names = np.array(ordered, dtype=object)
    matrix.sort_indices()
    return matrix, names


def term_counts(texts: list[str], variant: Variant) -> tuple[csr_matrix, np.ndarray]:
    """Term counts as the variant tokenises and filters them, with the vocabulary."""
    analyzer = partial(analyze, stop=_stop_words(variant), ngram_max=variant.ngram_max)
    counts, names = count_terms(texts, analyzer)
    if variant.max_df < 1.0 and len(texts) >= 2:
        frequency = np.bincount(counts.indices, minlength=counts.shape[1])
        keep = np.flatnonzero(frequency <= variant.max_df * len(texts))
        counts, names = counts[:, keep], names[keep]
    return counts, names


def vectorize(texts: list[str], variant: Variant):
    """Row-normalised sparse TF-IDF weights, and the vocabulary in column order."""
    from sklearn.feature_extraction.text import TfidfTransformer

    counts, names = term_counts(texts, variant)
    if counts.shape[1] == 0:  # an empty vocabulary: nothing to compare
        return counts, names
    weights = TfidfTransformer(sublinear_tf=variant.sublinear_tf).fit_transform(counts)
    return weights.astype(np.float32).tocsr(), names


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
        """sparse_dot_topn's multithreaded product keeps only each row's best few; rows
        where that cut may split a tie are recomputed exactly."""
        from sparse_dot_topn import sp_matmul_topn

        keep = min(self.rows, k + 1 + TIE_MARGIN)
        best = sp_matmul_topn(self.matrix, self.transposed, top_n=keep,
                              threshold=max(min_score - 1e-6, 1e-9), sort=True,
                              n_threads=WORKERS)
        bounds, columns = best.indptr.tolist(), best.indices.tolist()
        scores = np.round(best.data.astype(np.float64), 6).tolist()
        result = []
        for row in range(self.rows):
            start, end = bounds[row], bounds[row + 1]
            found = _ranked(row, columns[start:end], scores[start:end], k, min_score)
            if end - start == keep and found and scores[end - 1] >= found[-1][1]:
                found = _best(self.block(row, row + 1), row, k, min_score)[0]
            result.append(found)
        return result


def top_k(space, k: int, min_score: float) -> list[list[tuple[int, float]]]:
    """Each row's k most similar other rows scoring at least ``min_score``.

    Scores are rounded to 6 decimals and ties broken by row index (papers come sorted by
    slug), so results do not depend on floating-point noise or thread count.
    """
    if k <= 0 or space.rows == 0:
        return [[] for _ in range(space.rows)]
    return space.top_k(k, min_score)


def _ranked(row: int, columns: list[int], scores: list[float], k: int,
            min_score: float) -> list[tuple[int, float]]:
    pairs = sorted((-score, column) for column, score in zip(columns, scores)
                   if column != row and score >= min_score and score > 0)
    return [(column, -negative) for negative, column in pairs[:k]]


def _best(block: np.ndarray, start: int, k: int,
          min_score: float) -> list[list[tuple[int, float]]]:
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
    order = np.lexsort((cols, -scores, rows))
    rows, cols, scores = rows[order].tolist(), cols[order].tolist(), scores[order].tolist()
    found: list[list[tuple[int, float]]] = [[] for _ in own]
    for row, col, score in zip(rows, cols, scores):
        best = found[row]
        if len(best) < count and score >= min_score and score > 0:
            best.append((col, score))
    return found


def shared_terms(matrix, names, pairs: list[tuple[int, int]],
                 count: int = 3) -> list[tuple[str, ...]]:
    """For each pair of rows, the terms contributing most to their similarity.

    One sparse product for all pairs. A term already covered by a chosen phrase, or
    differing from one only by a plural "s", is skipped, so a reason never repeats a word.
    Ties go to the alphabetically first term (the vocabulary is in alphabetical order).
    """
    if not pairs:
        return []
    rows = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
    cols = np.fromiter((j for _, j in pairs), dtype=np.int64, count=len(pairs))
    product = matrix[rows].multiply(matrix[cols]).tocsr()
    product.sort_indices()
    # One stable sort for all pairs: by pair, then weight (largest first); equal weights
    # keep term order. Weights are products of unit-vector entries, so in [0, 1].
    pair_of = np.repeat(np.arange(len(pairs), dtype=np.float64), np.diff(product.indptr))
    order = np.argsort(pair_of * 4.0 - product.data, kind="stable")
    ranked_terms = product.indices[order].tolist()
    bounds = product.indptr.tolist()
    words = names.tolist()
    return [_pick_terms((words[t] for t in ranked_terms[bounds[r]:bounds[r + 1]]), count)
            for r in range(len(pairs))]


def _pick_terms(ranked, count: int) -> tuple[str, ...]:
    chosen: list[str] = []
    for term in ranked:
        if not _readable(term) or any(_words(term) <= _words(kept) for kept in chosen):
            continue
        # A phrase replaces the single words it contains: "machine unlearning", not
        # "unlearning, machine".
        chosen = [kept for kept in chosen if not _words(kept) <= _words(term)] + [term]
        if len(chosen) == count:
            break
    return tuple(chosen)


@lru_cache(maxsize=1 << 16)
def _readable(term: str) -> bool:
    return all(len(word) >= 3 and _READABLE.fullmatch(word) for word in term.split())


@lru_cache(maxsize=1 << 16)
def _words(term: str) -> frozenset[str]:
    return frozenset(word.removesuffix("s") for word in term.split())


def related_papers(titles: list[str], abstracts: list[str | None], k: int = 5,
                   min_score: float = 0.1, variant: Variant = DEFAULT_VARIANT,
                   vectors: np.ndarray | None = None) -> list[list[Link]]:
    """For each paper (in input order), its related papers, best first: by the mixed score
    when ``vectors`` (unit sentence vectors, a row per paper) are given, else by TF-IDF."""
    texts = [paper_text(t, a, variant.title_weight) for t, a in zip(titles, abstracts)]
    if not texts:
        return []
    matrix, names = vectorize(texts, variant)
    if vectors is None:
        neighbours = top_k(SparseSpace(matrix), k, min_score)
    else:
        neighbours = mixed_top_k(matrix, vectors, k, min_score)
    pairs = [(i, j) for i, row in enumerate(neighbours) for j, _ in row]
    reasons = iter(shared_terms(matrix.tocsr(), names, pairs))
    return [[Link(j, round(score, 4), next(reasons)) for j, score in row]
            for row in neighbours]


def mixed_top_k(matrix, vectors: np.ndarray, k: int, min_score: float
                ) -> list[list[tuple[int, float]]]:
    """Each row's k best other rows by TFIDF_WEIGHT x TF-IDF cosine + the rest x vector
    cosine, exactly: scores rounded to 6 decimals, ties broken by row index, as top_k does.

    Candidates are each row's CANDIDATES best by either cosine. The top-n product gives
    the TF-IDF cosine of its own candidates; a row it lists fewer than CANDIDATES for has
    no other neighbour sharing a term (cosine 0). For the rest, the TF-IDF cosine is at
    most that of the row's last listed candidate, and only a candidate that this bound
    would let into the top k gets its exact cosine computed.
    """
    rows = matrix.shape[0]
    if k <= 0 or rows == 0:
        return [[] for _ in range(rows)]
    listed = SparseSpace(matrix).top_k(CANDIDATES, 1e-9)
    ceiling = np.array([row[-1][1] if len(row) >= CANDIDATES else 0.0 for row in listed])
    words = {(i, j): score for i, row in enumerate(listed) for j, score in row}
    pairs = sorted(set(words) | {(i, j) for i, row in enumerate(_dense_candidates(
        vectors, CANDIDATES)) for j in row})
    firsts = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
    seconds = np.fromiter((j for _, j in pairs), dtype=np.int64, count=len(pairs))
    meaning = _pair_dots_dense(vectors, firsts, seconds)
    exact = np.fromiter((pair in words for pair in pairs), dtype=bool, count=len(pairs))
    tfidf = np.fromiter((words.get(pair, 0.0) for pair in pairs), dtype=np.float64,
                        count=len(pairs))
    unsure = ~exact & (ceiling[firsts] > 0)
    bound = _mix(np.where(unsure, ceiling[firsts], tfidf), meaning)
    floor = _kth_best(firsts, np.where(unsure, -np.inf, _mix(tfidf, meaning)), rows, k)
    needed = np.flatnonzero(unsure & (bound >= np.maximum(floor[firsts], min_score)))
    if len(needed):
        tfidf[needed] = np.asarray(matrix[firsts[needed]].multiply(matrix[seconds[needed]])
                                   .sum(axis=1)).ravel()
        unsure[needed] = False
    scores = np.where(unsure, -np.inf, _mix(tfidf, meaning))
    order = np.lexsort((seconds, -scores, firsts))
    found: list[list[tuple[int, float]]] = [[] for _ in range(rows)]
    for row, column, score in zip(firsts[order].tolist(), seconds[order].tolist(),
                                  scores[order].tolist()):
        best = found[row]
        if len(best) < k and score >= min_score and score > 0:
            best.append((column, score))
    return found


def _mix(words: np.ndarray, meaning: np.ndarray) -> np.ndarray:
    return np.round(TFIDF_WEIGHT * words + (1 - TFIDF_WEIGHT) * meaning, 6)


def _kth_best(firsts: np.ndarray, scores: np.ndarray, rows: int, k: int) -> np.ndarray:
    """Each row's k-th best score among its pairs (-inf when it has fewer)."""
    order = np.lexsort((-scores, firsts))
    rank = np.arange(len(order)) - np.searchsorted(firsts[order], firsts[order])
    kth = np.full(rows, -np.inf)
    chosen = order[rank == k - 1]
    kth[firsts[chosen]] = scores[chosen]
    return kth


def _pair_dots_dense(vectors: np.ndarray, firsts: np.ndarray, seconds: np.ndarray,
                     chunk: int = 65536) -> np.ndarray:
    """Cosine of each pair of unit vectors, a chunk of pairs at a time (bounded memory)."""
    out = np.empty(len(firsts), dtype=np.float64)
    for start in range(0, len(firsts), chunk):
        stop = start + chunk
        out[start:stop] = np.einsum("ij,ij->i", vectors[firsts[start:stop]],
                                    vectors[seconds[start:stop]])
    return out


def _dense_candidates(vectors: np.ndarray, count: int) -> list[list[int]]:
    """Each row's ``count`` nearest other rows by vector cosine, a block of rows at a time
    (never an N x N matrix)."""
    rows = vectors.shape[0]
    count = min(count, rows - 1)
    if count <= 0:
        return [[] for _ in range(rows)]
    found: list[list[int]] = []
    for start in range(0, rows, DENSE_ROWS):
        block = vectors[start:start + DENSE_ROWS] @ vectors.T
        own = np.arange(block.shape[0])
        block[own, start + own] = -np.inf
        found += np.argpartition(-block, count - 1, axis=1)[:, :count].tolist()
    return found
