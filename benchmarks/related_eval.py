"""Judge related-paper variants against pairs labelled by reading the papers.

    .venv/bin/python -m benchmarks.related_eval

For every variant below (the default of ``generator.related`` and the others it was chosen
against: plain TF-IDF, stop words, bigrams, title weight, BM25, LSA) it prints, over the
labelled pairs in
``tests/data/related_pairs.yml``:

* ``recall@k``: related pairs where either paper lists the other among its top k;
* ``MRR``: mean reciprocal rank of the partner in each paper's full ranking (both ways);
* ``traps@k``: unrelated pairs (mostly shared-word traps) linked within the top k;
* ``AUC``: how often a related pair scores above an unrelated one.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from benchmarks.project import FIXTURE
from generator.build import collect
from generator.config import load_config
from generator.related import (DEFAULT_VARIANT, SparseSpace, Variant, _best, paper_text,
                               term_counts, vectorize)

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "related_pairs.yml"


CHUNK_ROWS = 512


@dataclass(frozen=True)
class EvalVariant(Variant):
    """A variant with the knobs only the evaluation turns: BM25 weights, LSA dimensions."""

    bm25: bool = False
    lsa_dims: int = 0


VARIANTS = {v.name: v for v in (
    EvalVariant("plain", stop_words=False, academic_stop_words=False, sublinear_tf=False),
    EvalVariant("stopwords", academic_stop_words=False, sublinear_tf=False),
    EvalVariant("academic", sublinear_tf=False),
    EvalVariant("sublinear"),
    DEFAULT_VARIANT,
    EvalVariant("title2", title_weight=2),
    EvalVariant("bigrams+title2", ngram_max=2, title_weight=2),
    EvalVariant("bigrams+title2+maxdf", ngram_max=2, title_weight=2, max_df=0.5),
    EvalVariant("bm25", bm25=True, title_weight=2),
    EvalVariant("lsa", ngram_max=2, title_weight=2, lsa_dims=100),
)}


class DenseSpace:
    """Unit rows of a dense (LSA) representation, compared a chunk at a time."""

    def __init__(self, vectors: np.ndarray):
        self.vectors, self.rows = vectors, vectors.shape[0]

    def block(self, start: int, stop: int) -> np.ndarray:
        return self.vectors[start:stop] @ self.vectors.T

    def top_k(self, k: int, min_score: float) -> list[list[tuple[int, float]]]:
        return [row for start in range(0, self.rows, CHUNK_ROWS)
                for row in _best(self.block(start, min(start + CHUNK_ROWS, self.rows)),
                                 start, k, min_score)]


def bm25(counts, k1: float = 1.2, b: float = 0.75):
    counts = counts.tocsr().astype(np.float32)
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    average = lengths.mean() or 1.0
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log(1 + (counts.shape[0] - df + 0.5) / (df + 0.5)).astype(np.float32)
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    tf = counts.data
    counts.data = idf[counts.indices] * tf * (k1 + 1) / (
        tf + k1 * (1 - b + b * lengths[rows] / average))
    return counts


def similarity_space(texts: list[str], variant: Variant):
    """The variant's vectors, as a space whose blocks are cosine similarities."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    if getattr(variant, "bm25", False):
        matrix = normalize(bm25(term_counts(texts, variant)[0]))
    else:
        matrix = vectorize(texts, variant)[0]
    dims = getattr(variant, "lsa_dims", 0)
    if not dims or min(matrix.shape) <= dims:
        return SparseSpace(matrix)
    reduced = TruncatedSVD(dims, random_state=0).fit_transform(matrix)
    return DenseSpace(normalize(reduced).astype(np.float32))


@dataclass(frozen=True)
class Scores:
    variant: str
    recall: float
    mrr: float
    traps: float
    auc: float


def load_pairs(path: Path = PAIRS) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return ([(p["a"], p["b"]) for p in data["related"]],
            [(p["a"], p["b"]) for p in data["unrelated"]])


def similarity_matrix(titles, abstracts, variant_name: str) -> np.ndarray:
    variant = VARIANTS[variant_name]
    texts = [paper_text(t, a, variant.title_weight) for t, a in zip(titles, abstracts)]
    space = similarity_space(texts, variant)
    full = space.block(0, space.rows).astype(np.float64)
    np.fill_diagonal(full, -1.0)
    return full


def evaluate(slugs, titles, abstracts, related, unrelated, variant: str, k: int = 5,
             min_score: float = 0.0) -> Scores:
    index = {slug: i for i, slug in enumerate(slugs)}
    sim = similarity_matrix(titles, abstracts, variant)
    # Rank r (0 = best) of column j in row i, ties broken by index like generator.related.
    order = np.lexsort((np.arange(len(slugs))[None, :].repeat(len(slugs), 0), -sim), axis=1)
    rank = np.empty_like(order)
    rank[np.arange(len(slugs))[:, None], order] = np.arange(len(slugs))[None, :]

    def linked(a, b):
        i, j = index[a], index[b]
        return min(rank[i, j], rank[j, i]) < k and sim[i, j] >= min_score

    reciprocal = [1 / (1 + rank[index[a], index[b]]) for a, b in related] + \
                 [1 / (1 + rank[index[b], index[a]]) for a, b in related]
    good = np.array([sim[index[a], index[b]] for a, b in related])
    bad = np.array([sim[index[a], index[b]] for a, b in unrelated])
    return Scores(
        variant=variant,
        recall=float(np.mean([linked(a, b) for a, b in related])),
        mrr=float(np.mean(reciprocal)),
        traps=float(np.mean([linked(a, b) for a, b in unrelated])),
        auc=float(np.mean(good[:, None] > bad[None, :])),
    )


def seed_arguments():
    papers = collect(load_config(root=FIXTURE)).papers
    related, unrelated = load_pairs()
    return ([p.slug for p in papers], [p.title for p in papers], [p.abstract for p in papers],
            related, unrelated)


def main() -> None:
    args = seed_arguments()
    print("All variants, top 5, no minimum score:")
    print(f"{'variant':24} {'recall@5':>9} {'MRR':>6} {'traps@5':>8} {'AUC':>6}")
    results = [evaluate(*args, variant=name) for name in VARIANTS]
    for s in results:
        print(f"{s.variant:24} {s.recall:9.3f} {s.mrr:6.3f} {s.traps:8.3f} {s.auc:6.3f}")
    print(f"\nThe default variant ({DEFAULT_VARIANT.name}) with a minimum score:")
    print(f"{'min_score':>9} {'recall@5':>9} {'traps@5':>8}")
    for threshold in (0.0, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08):
        s = evaluate(*args, variant=DEFAULT_VARIANT.name, min_score=threshold)
        print(f"{threshold:9.2f} {s.recall:9.3f} {s.traps:8.3f}")
    if "--json" in sys.argv:
        print(json.dumps([s.__dict__ for s in results]))


if __name__ == "__main__":
    main()
