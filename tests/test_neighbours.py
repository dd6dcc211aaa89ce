"""generator.neighbours: exact top-k without an N x N matrix, ties, dense candidates."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from generator import neighbours
from generator.neighbours import SparseSpace, dense_candidates, top_k


@pytest.mark.parametrize("space", ["sparse", "dense"])
def test_top_k_equals_brute_force(monkeypatch, space):
    rng = np.random.default_rng(0)
    dense = rng.random((50, 20)) * (rng.random((50, 20)) > 0.7)
    dense = (dense / np.maximum(np.linalg.norm(dense, axis=1, keepdims=True), 1e-9))
    dense = dense.astype(np.float32)
    from benchmarks import related_eval

    monkeypatch.setattr(related_eval, "CHUNK_ROWS", 7)
    made = SparseSpace(csr_matrix(dense)) if space == "sparse" \
        else related_eval.DenseSpace(dense)
    found = top_k(made, 4, 0.0)
    full = dense.astype(np.float64) @ dense.T.astype(np.float64)
    for i, row in enumerate(found):
        scores = [(round(full[i, j], 6), j) for j in range(50) if j != i and full[i, j] > 0]
        expected = [j for _, j in sorted(scores, key=lambda s: (-s[0], s[1]))[:4]]
        assert [j for j, _ in row] == expected


def test_ties_beyond_the_top_n_cut_are_recomputed_exactly():
    # 20 identical papers: the top-n product returns an arbitrary 8 of 19 equals.
    space = SparseSpace(csr_matrix(np.ones((20, 3), dtype=np.float32) / np.sqrt(3)))
    found = top_k(space, 3, 0.1)
    assert [j for j, _ in found[0]] == [1, 2, 3]
    assert [j for j, _ in found[10]] == [0, 1, 2]
    assert all(score == 1.0 for row in found for _, score in row)


def test_ties_are_broken_by_index_and_min_score_applies():
    space = csr_matrix(np.array([[1.0, 0], [1.0, 0], [1.0, 0], [0.6, 0.8], [0, 1.0]]))
    found = top_k(SparseSpace(space), 2, 0.5)
    assert found[0] == [(1, 1.0), (2, 1.0)]
    assert found[2] == [(0, 1.0), (1, 1.0)]
    assert found[4] == [(3, 0.8)]


def brute_force_candidates(vectors: np.ndarray, count: int) -> list[list[int]]:
    full = vectors @ vectors.T
    np.fill_diagonal(full, -np.inf)
    count = min(count, len(vectors) - 1)
    return [list(np.lexsort((np.arange(len(row)), -row.astype(np.float64)))[:count])
            for row in full]


@pytest.mark.parametrize("rows,block,sample,oversample", [
    (1, 7, 1024, 3), (2, 7, 1024, 3), (50, 7, 1024, 3), (97, 16, 10, 3),
    # A sample so small and a margin so thin that many rows fall short of the threshold
    # and are ranked in full.
    (97, 16, 10, 1)])
def test_dense_candidates_are_each_rows_exact_nearest(monkeypatch, rows, block, sample,
                                                       oversample):
    rng = np.random.default_rng(rows)
    vectors = rng.normal(size=(rows, 8)).astype(np.float32)
    vectors[rows // 2:rows // 2 + 3] = vectors[0]  # exact ties, broken by index
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    monkeypatch.setattr(neighbours, "DENSE_ROWS", block)
    monkeypatch.setattr(neighbours, "SAMPLE_COLUMNS", sample)
    monkeypatch.setattr(neighbours, "DENSE_OVERSAMPLE", oversample)
    found = dense_candidates(vectors, 5).lists(rows)
    assert [[j for j, _ in row] for row in found] == brute_force_candidates(vectors, 5)
