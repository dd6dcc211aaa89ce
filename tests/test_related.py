"""Related papers: chunked top-k, ties, reasons; and the labelled-pair evaluation."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from generator import related
from generator.related import SparseSpace, analyze, related_papers, shared_terms, top_k


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


def test_phrases_do_not_bridge_stop_words():
    terms = analyze("Scaling law in large language models", frozenset({"in"}), 2)
    assert "law large" not in terms and "scaling law" in terms and "large language" in terms


def test_reason_prefers_phrases_and_never_repeats_words():
    titles = ["Activation sparsity in LLMs", "Intrinsic activation sparsity for LLMs", "Cats"]
    abstracts = ["Activation sparsity of large language models and activation functions.",
                 "We enhance activation sparsity in large language models.", "Cats purr."]
    links = related_papers(titles, abstracts, k=2, min_score=0.01)
    assert [link.index for link in links[0]] == [1]
    why = links[0][0].why
    assert why[0] == "activation sparsity"
    words = [w.removesuffix("s") for term in why for w in term.split()]
    assert len(words) == len(set(words))
    assert links[2] == []


def test_degenerate_inputs():
    assert related_papers([], []) == []
    assert related_papers(["Only"], [None]) == [[]]
    assert related_papers(["!!!", "???"], [None, None]) == [[], []]


def test_shared_terms_without_overlap():
    matrix = csr_matrix(np.array([[1.0, 0], [0, 1.0]]))
    assert shared_terms(matrix, np.array(["a", "b"]), [(0, 1)]) == [()]
    assert shared_terms(matrix, np.array(["a", "b"]), []) == []


def test_shared_terms_rank_by_contribution_then_alphabet():
    matrix = csr_matrix(np.array([[0.5, 0.5, 0.1, 0.7], [0.5, 0.5, 0.9, 0.0]]))
    names = np.array(["alpha", "beta", "gamma", "delta"])
    assert shared_terms(matrix, names, [(0, 1)], count=2) == [("alpha", "beta")]


@pytest.fixture(scope="module")
def evaluation():
    from benchmarks.related_eval import evaluate, seed_arguments
    args = seed_arguments()
    return lambda variant, **kw: evaluate(*args, variant=variant, **kw)


def test_labelled_pairs_the_default_beats_plain_tfidf(evaluation):
    default = evaluation(related.DEFAULT_VARIANT.name)
    plain = evaluation("plain")
    assert default.mrr > plain.mrr + 0.05
    assert default.auc > plain.auc
    assert default.recall >= plain.recall


def test_the_mix_of_words_and_meaning_beats_tfidf_on_the_labelled_pairs(evaluation):
    from benchmarks.related_eval import DEFAULT_MIXED

    mixed, words = evaluation(DEFAULT_MIXED), evaluation(related.DEFAULT_VARIANT.name)
    assert mixed.mrr > words.mrr and mixed.recall > words.recall and mixed.auc > words.auc


def test_labelled_pairs_with_the_configured_threshold(evaluation):
    from benchmarks.related_eval import DEFAULT_MIXED
    from generator.config import Config

    scores = evaluation(DEFAULT_MIXED, min_score=Config().related_min_score)
    assert scores.recall >= 0.75
    assert scores.traps <= 0.12


def test_the_candidates_give_the_exact_top_k_on_the_test_collection():
    """The mixed top-k, from each cosine's best candidates, equals a brute-force ranking of
    every pair by the mixed score."""
    from benchmarks.related_eval import seed_arguments
    from generator.embeddings import embed
    from generator.related import TFIDF_WEIGHT, mixed_top_k, paper_text, vectorize

    _, titles, abstracts, _, _ = seed_arguments()
    matrix, _ = vectorize([paper_text(t, a, 1) for t, a in zip(titles, abstracts)],
                          related.DEFAULT_VARIANT)
    vectors = embed([paper_text(t, a, 1) for t, a in zip(titles, abstracts)])
    full = TFIDF_WEIGHT * (matrix @ matrix.T).toarray().astype(np.float64) \
        + (1 - TFIDF_WEIGHT) * (vectors @ vectors.T).astype(np.float64)
    found = mixed_top_k(matrix, vectors, 5, 0.12)
    for i, row in enumerate(found):
        scores = sorted((-round(full[i, j], 6), j) for j in range(len(titles)) if j != i)
        expected = [j for negative, j in scores[:5] if -negative >= 0.12]
        assert [j for j, _ in row] == expected, i


def test_every_paper_of_the_test_collection_has_readable_reasons():
    """Related papers for all, and reasons of whole words: no TeX residue ("f_theta"), no
    accent split from its letter ("schr odinger"), nothing under three letters."""
    import unicodedata

    import yaml

    from benchmarks.project import FIXTURE
    from benchmarks.related_eval import MORE_PAIRS
    from generator.build import collect
    from generator.config import load_config

    papers = collect(load_config(root=FIXTURE)).papers
    # Only papers judged to have no related paper in the collection may go without.
    alone = set(yaml.safe_load(MORE_PAIRS.read_text(encoding="utf-8"))["alone"])
    assert {paper.slug for paper in papers if not paper.related} <= alone
    assert sum(1 for paper in papers if paper.related) >= len(papers) - 2
    stop = related._stop_words(related.DEFAULT_VARIANT)
    for paper in papers:
        for link in paper.related:
            if link.score is None:
                continue
            for word in " ".join(link.why).split():
                assert len(word) >= 3 and word not in stop, (paper.slug, link.why)
                assert all(ch.isalpha() or ch == "-" for ch in word), (paper.slug, link.why)
                assert not any(unicodedata.combining(ch) for ch in word), (paper.slug, link.why)
