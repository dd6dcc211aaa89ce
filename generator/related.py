"""Related papers: text similarity of titles and abstracts, with the reason shown.

Papers are vectors of term weights (TF-IDF by default; BM25 and LSA variants exist for the
evaluation in ``benchmarks/related_eval.py``). Each paper's top-k neighbours by cosine are
found in row chunks with a running top-k, so memory stays linear in the number of papers.
The reason for a link is the few terms that contribute most to the two papers' similarity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

import numpy as np

CHUNK_ROWS = 512


@dataclass(frozen=True)
class Variant:
    """One way of turning text into vectors; the fields are the knobs being compared."""

    name: str
    stop_words: bool = True
    academic_stop_words: bool = True
    sublinear_tf: bool = True
    ngram_max: int = 1
    title_weight: int = 1
    bm25: bool = False
    lsa_dims: int = 0
    max_df: float = 1.0


VARIANTS = {v.name: v for v in (
    Variant("plain", stop_words=False, academic_stop_words=False, sublinear_tf=False),
    Variant("stopwords", academic_stop_words=False, sublinear_tf=False),
    Variant("academic", sublinear_tf=False),
    Variant("sublinear"),
    Variant("bigrams", ngram_max=2),
    Variant("title2", title_weight=2),
    Variant("bigrams+title2", ngram_max=2, title_weight=2),
    Variant("bigrams+title2+maxdf", ngram_max=2, title_weight=2, max_df=0.5),
    Variant("bm25", bm25=True, title_weight=2),
    Variant("lsa", ngram_max=2, title_weight=2, lsa_dims=100),
)}
DEFAULT_VARIANT = "bigrams"


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
_TOKEN = re.compile(r"(?u)\b[^\W\d_][\w\-]*\w\b")


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


def paper_text(title: str, abstract: str | None, title_weight: int) -> str:
    return " ".join([title] * title_weight + [abstract or ""])


def vectorize(texts: list[str], variant: Variant):
    """Row-normalised sparse term weights, and the vocabulary in column order."""
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
    from sklearn.preprocessing import normalize

    analyzer = partial(analyze, stop=_stop_words(variant), ngram_max=variant.ngram_max)
    options = dict(analyzer=analyzer, max_df=variant.max_df, dtype=np.float32)
    if len(texts) < 2:
        options["max_df"] = 1.0
    if variant.bm25:
        counts = CountVectorizer(**options)
        return normalize(_bm25(counts.fit_transform(texts))), counts.get_feature_names_out()
    vectorizer = TfidfVectorizer(sublinear_tf=variant.sublinear_tf, **options)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # an empty vocabulary: nothing to compare
        from scipy.sparse import csr_matrix
        return csr_matrix((len(texts), 0), dtype=np.float32), np.array([], dtype=object)
    return matrix, vectorizer.get_feature_names_out()


def _bm25(counts, k1: float = 1.2, b: float = 0.75):
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


def _similarity_space(matrix, variant: Variant):
    if not variant.lsa_dims or min(matrix.shape) <= variant.lsa_dims:
        return matrix
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    reduced = TruncatedSVD(variant.lsa_dims, random_state=0).fit_transform(matrix)
    return normalize(reduced).astype(np.float32)


def top_k(space, k: int, min_score: float) -> list[list[tuple[int, float]]]:
    """Each row's k most similar other rows scoring at least ``min_score``.

    Ties are broken by row index (papers come sorted by slug), so results are stable.
    """
    n = space.shape[0]
    result: list[list[tuple[int, float]]] = []
    for start in range(0, n, CHUNK_ROWS):
        block = space[start:start + CHUNK_ROWS] @ space.T
        block = block.toarray() if hasattr(block, "toarray") else np.asarray(block)
        block = np.round(block.astype(np.float64), 6)
        for offset, row in enumerate(block):
            row[start + offset] = -1.0
            result.append(_best(row, k, min_score))
    return result


def _best(row: np.ndarray, k: int, min_score: float) -> list[tuple[int, float]]:
    if k <= 0 or row.size == 0:
        return []
    count = min(k, row.size)
    candidates = np.argpartition(-row, count - 1)[:count]
    # Include every index tied with the k-th score so tie-breaking by index is exact.
    threshold = row[candidates].min()
    candidates = np.flatnonzero(row >= threshold)
    order = sorted(candidates.tolist(), key=lambda j: (-row[j], j))[:count]
    return [(j, float(row[j])) for j in order if row[j] >= min_score and row[j] > 0]


def shared_terms(matrix, names, i: int, j: int, count: int = 3) -> tuple[str, ...]:
    """The terms contributing most to the similarity of rows i and j.

    A term already covered by a chosen phrase, or differing from one only by a plural "s",
    is skipped, so the reason never repeats a word.
    """
    a, b = matrix.getrow(i), matrix.getrow(j)
    common, a_index, b_index = np.intersect1d(a.indices, b.indices, return_indices=True)
    weights = a.data[a_index] * b.data[b_index]
    chosen: list[str] = []
    for position in sorted(range(common.size), key=lambda p: (-weights[p], names[common[p]])):
        term = str(names[common[position]])
        if any(_words(term) <= _words(kept) for kept in chosen):
            continue
        # A phrase replaces the single words it contains: "machine unlearning", not
        # "unlearning, machine".
        chosen = [kept for kept in chosen if not _words(kept) <= _words(term)] + [term]
        if len(chosen) == count:
            break
    return tuple(chosen)


def _words(term: str) -> set[str]:
    return {word.removesuffix("s") for word in term.split()}


def related_papers(titles: list[str], abstracts: list[str | None], k: int = 5,
                   min_score: float = 0.1, variant: str = DEFAULT_VARIANT) -> list[list[Link]]:
    """For each paper (in input order), its related papers, best first."""
    chosen = VARIANTS[variant]
    texts = [paper_text(t, a, chosen.title_weight) for t, a in zip(titles, abstracts)]
    if not texts:
        return []
    matrix, names = vectorize(texts, chosen)
    neighbours = top_k(_similarity_space(matrix, chosen), k, min_score)
    return [[Link(j, round(score, 4), shared_terms(matrix, names, i, j)) for j, score in row]
            for i, row in enumerate(neighbours)]
