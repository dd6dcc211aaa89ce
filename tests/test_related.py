"""Related papers: the mixed score's top-k, reasons, and the labelled-pair evaluation."""

from __future__ import annotations

import numpy as np
import pytest

from generator import related, terms
from generator.related import related_papers
from generator.terms import paper_text


def related_to(titles, abstracts, **options):
    return related_papers([paper_text(t, a) for t, a in zip(titles, abstracts)], **options)


def test_reason_prefers_phrases_and_never_repeats_words():
    titles = ["Activation sparsity in LLMs", "Intrinsic activation sparsity for LLMs", "Cats"]
    abstracts = ["Activation sparsity of large language models and activation functions.",
                 "We enhance activation sparsity in large language models.", "Cats purr."]
    links = related_to(titles, abstracts, k=2, min_score=0.01)
    assert [link.index for link in links[0]] == [1]
    why = links[0][0].why
    assert why[0] == "activation sparsity"
    words = [w.removesuffix("s") for term in why for w in term.split()]
    assert len(words) == len(set(words))
    assert links[2] == []


def test_degenerate_inputs():
    assert related_to([], []) == []
    assert related_to(["Only"], [None]) == [[]]
    assert related_to(["!!!", "???"], [None, None]) == [[], []]
    assert related_to(["", "A paper"], ["", ""]) == [[], []]


@pytest.fixture(scope="module")
def evaluation():
    from benchmarks.related_eval import evaluate, seed_arguments
    args = seed_arguments()
    return lambda variant, **kw: evaluate(*args, variant=variant, **kw)


def test_labelled_pairs_the_default_beats_plain_tfidf(evaluation):
    default = evaluation(terms.DEFAULT_VARIANT.name)
    plain = evaluation("plain")
    assert default.mrr > plain.mrr + 0.05
    assert default.auc > plain.auc
    assert default.recall >= plain.recall


def test_the_mix_of_words_and_meaning_beats_tfidf_on_the_labelled_pairs(evaluation):
    from benchmarks.related_eval import DEFAULT_MIXED

    mixed, words = evaluation(DEFAULT_MIXED), evaluation(terms.DEFAULT_VARIANT.name)
    assert mixed.mrr > words.mrr and mixed.recall > words.recall and mixed.auc > words.auc


def test_labelled_pairs_with_the_configured_threshold(evaluation):
    from benchmarks.related_eval import DEFAULT_MIXED
    from generator.config import Config

    scores = evaluation(DEFAULT_MIXED, min_score=Config().related_min_score)
    assert scores.recall >= 0.75
    assert scores.traps <= 0.12


@pytest.fixture(scope="module")
def test_collection():
    """The test collection's TF-IDF rows, sentence vectors and every pair's mixed score."""
    from benchmarks.related_eval import seed_arguments
    from generator.embeddings import embed
    from generator.terms import vectorize

    _, titles, abstracts, _, _ = seed_arguments()
    texts = [paper_text(t, a) for t, a in zip(titles, abstracts)]
    matrix, _ = vectorize(texts, terms.DEFAULT_VARIANT)
    vectors = embed(texts)
    full = related.TFIDF_WEIGHT * (matrix @ matrix.T).toarray().astype(np.float64) \
        + (1 - related.TFIDF_WEIGHT) * (vectors @ vectors.T).astype(np.float64)
    return matrix, vectors, full


def test_the_candidates_give_the_exact_top_k_on_the_test_collection(test_collection):
    """The mixed top-k, from each cosine's best candidates, equals a brute-force ranking of
    every pair by the mixed score."""
    matrix, vectors, full = test_collection
    found = related.mixed_top_k(matrix, vectors, 5, 0.14).lists(matrix.shape[0])
    titles = range(matrix.shape[0])
    for i, row in enumerate(found):
        scores = sorted((-round(full[i, j], 6), j) for j in range(len(titles)) if j != i)
        expected = [j for negative, j in scores[:5] if -negative >= 0.14]
        assert [j for j, _ in row] == expected, i


def test_leaving_common_terms_out_of_the_candidate_search_keeps_scores_exact(
        monkeypatch, test_collection):
    """As at scale: candidates found without the common terms (here those in a tenth of
    the papers), their part added back. Every score shown is still the exact mixed score,
    and nearly every link is unchanged."""
    matrix, vectors, full = test_collection
    whole = related.mixed_top_k(matrix, vectors, 5, 0.14).lists(matrix.shape[0])
    monkeypatch.setattr(related, "SPLIT_ROWS", 0)
    monkeypatch.setattr(related, "COMMON_SHARE", 0.1)
    assert related._split_common(matrix)[1].shape[1] > 0
    found = related.mixed_top_k(matrix, vectors, 5, 0.14)
    assert np.allclose(found.scores, np.round(full[found.rows, found.columns], 6), atol=2e-6)
    split = found.lists(matrix.shape[0])
    kept = sum(len({j for j, _ in a} & {j for j, _ in b}) for a, b in zip(whole, split))
    assert kept >= 0.95 * sum(map(len, whole))


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
    assert sum(1 for paper in papers if paper.related) >= 0.98 * len(papers)
    stop = terms.stop_words(terms.DEFAULT_VARIANT)
    for paper in papers:
        for link in paper.related:
            if link.score is None:
                continue
            for word in " ".join(link.why).split():
                assert len(word) >= 3 and word not in stop, (paper.slug, link.why)
                assert all(ch.isalpha() or ch == "-" for ch in word), (paper.slug, link.why)
                assert not any(unicodedata.combining(ch) for ch in word), (paper.slug, link.why)


def test_pages_show_the_range_of_a_closeness_not_the_drifting_score():
    assert related.closeness_range(0.31) == (0.25, 1.0)
    assert related.closeness_range(0.25) == (0.25, 1.0)
    assert related.closeness_range(0.2234) == (0.20, 0.25)
    assert related.closeness_range(0.15) == (0.0, 0.20)
    assert all(related.closeness(score) == related.closeness(related.closeness_range(score)[0])
               for score in (0.0, 0.14, 0.2, 0.24, 0.25, 0.9))
