"""generator.terms: terms counted as analyze finds them, TF-IDF weights, shared terms."""

from __future__ import annotations

from collections import Counter

import numpy as np
from scipy.sparse import csr_matrix

from generator.terms import (DEFAULT_VARIANT, analyze, count_terms, shared_terms, stop_words,
                             term_counts, vectorize)

TEXTS = ["Scaling law in large language models: the law of large numbers",
         "Grokking at the edge of numerical stability, f_theta and $x$ - well-posed",
         "", "   ", "Schrödinger bridges; ΟΔΟΣ Σ state-of-the-art -dash trailing-",
         "Large language models, large models and LANGUAGE models"]


def test_counting_many_texts_equals_analysing_each():
    stop = stop_words(DEFAULT_VARIANT)
    counts = count_terms(TEXTS, stop, 2)
    for row, text in enumerate(TEXTS):
        line = counts.matrix.getrow(row)
        found = dict(zip(counts.names(line.indices), line.data))
        assert found == Counter(analyze(text, stop, 2)), text


def test_phrases_do_not_bridge_stop_words():
    terms = analyze("Scaling law in large language models", frozenset({"in"}), 2)
    assert "law large" not in terms and "scaling law" in terms and "large language" in terms


def test_vectorize_keeps_shared_terms_with_unit_rows_and_alphabetical_names():
    matrix, names = vectorize(TEXTS, DEFAULT_VARIANT)
    assert list(names) == sorted(names)
    assert "large language" in names and "grokking" not in names  # in one text only
    full, all_names = term_counts(TEXTS, DEFAULT_VARIANT)
    assert "grokking" in all_names and list(all_names) == sorted(all_names)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    # Rows keep their norm over all their terms: shared terms alone weigh less than 1.
    assert (norms <= 1 + 1e-6).all() and norms[0] > 0 and norms[2] == 0


def test_shared_terms_without_overlap():
    matrix = csr_matrix(np.array([[1.0, 0], [0, 1.0]]))
    assert shared_terms(matrix, np.array(["a", "b"]), np.array([0]), np.array([1])) == [()]
    assert shared_terms(matrix, np.array(["a", "b"]), np.array([]), np.array([])) == []


def test_shared_terms_rank_by_contribution_then_alphabet():
    matrix = csr_matrix(np.array([[0.5, 0.5, 0.1, 0.7], [0.5, 0.5, 0.9, 0.0]]))
    names = np.array(["alpha", "beta", "gamma", "delta"])
    assert shared_terms(matrix, names, np.array([0]), np.array([1]), count=2) == \
        [("alpha", "beta")]
    # A pair and its reverse get the same reason.
    assert shared_terms(matrix, names, np.array([0, 1]), np.array([1, 0]), count=2) == \
        [("alpha", "beta")] * 2


def test_english_stop_words_are_scikit_learns():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from generator.terms import _english_stop_words

    assert _english_stop_words() == frozenset(ENGLISH_STOP_WORDS)


def test_reasons_worked_out_a_chunk_of_pairs_at_a_time_are_the_same(monkeypatch):
    from generator import terms

    matrix, names = vectorize(TEXTS, DEFAULT_VARIANT)
    firsts, seconds = np.array([0, 5, 1, 5, 0, 4]), np.array([5, 0, 0, 1, 1, 0])
    whole = shared_terms(matrix, names, firsts, seconds)
    monkeypatch.setattr(terms, "REASON_CHUNK", 2)
    assert shared_terms(matrix, names, firsts, seconds) == whole
    assert whole[0] == whole[1] and any(whole)


def test_a_term_adding_almost_nothing_is_not_a_reason():
    matrix = csr_matrix(np.array([[0.5, 0.06, 0.07], [0.5, 0.06, 0.08]]))
    names = np.array(["concept", "overall", "perspective"])
    # 0.25, then 0.0036 and 0.0056: only the terms adding at least REASON_FLOOR are shown.
    assert shared_terms(matrix, names, np.array([0]), np.array([1])) == \
        [("concept", "perspective")]
