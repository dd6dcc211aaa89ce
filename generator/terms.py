"""The words of related papers: each paper's terms (words and two-word phrases) weighted by
TF-IDF, and the terms two papers share, which are the reason shown for a link.

Counting is vectorised: each distinct word (``generator.words``) is tokenised once (a token
never spans whitespace), token ids become NumPy arrays, and phrases are pairs of adjacent
ids. At 20,000 abstracts that is several times faster than counting terms per text in
Python, and only the terms two papers can share (those in at least two texts) are named.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from .tex import plain
from .words import Words, gather, renumber


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
# A word: letters and digits, inner hyphens, at least two characters; no underscore, which
# only TeX residue has ("f_theta").
_TOKEN = re.compile(r"(?u)\b[^\W\d_](?:[^\W_]|-)*[^\W_]\b")
# A term fit to show as a reason: words of three letters or more, letters and hyphens.
_READABLE = re.compile(r"(?u)[^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)*")
# Abstracts on arXiv are at most 1,920 characters; a scraped "abstract" far longer than
# that is page debris, and comparing all of it would only cost time and memory.
ABSTRACT_CHARS = 10_000


def paper_text(title: str, abstract: str | None, title_weight: int = 1) -> str:
    """The text compared: title and abstract as a reader sees them (TeX accents as their
    letters, formulas left out), so that "Schr\\"odinger" is one word."""
    return " ".join(plain(part, formulas=False) for part in
                    [title] * title_weight + [(abstract or "")[:ABSTRACT_CHARS]])


def analyze(text: str, stop: frozenset[str], ngram_max: int) -> list[str]:
    """Words and, optionally, adjacent word pairs, neither starting nor ending a stop word:
    the terms of one text, as ``count_terms`` counts them for many.

    Pairs are formed before stop words are dropped, so "law in large models" never yields
    the non-phrase "law large".
    """
    tokens = _TOKEN.findall(text.lower())
    terms = [t for t in tokens if t not in stop]
    if ngram_max >= 2:
        terms += [f"{a} {b}" for a, b in zip(tokens, tokens[1:])
                  if a not in stop and b not in stop]
    return terms


@lru_cache(maxsize=4)
def stop_words(variant: Variant) -> frozenset[str]:
    words = _english_stop_words() if variant.stop_words else frozenset()
    return words | ACADEMIC_STOP_WORDS if variant.academic_stop_words else words


def _english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words, from their module alone: importing scikit-learn
    itself takes more than a second. Should a release move that module, the public import
    gives the same list, slowly."""
    path = Path(importlib.util.find_spec("sklearn").origin).parent / "feature_extraction" \
        / "_stop_words.py"
    try:
        spec = importlib.util.spec_from_file_location("_papershelf_stop_words", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return frozenset(module.ENGLISH_STOP_WORDS)
    except (OSError, AttributeError):
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return frozenset(ENGLISH_STOP_WORDS)


@dataclass(frozen=True)
class Counts:
    """Term counts, a row per text. Column c is term ``keys[c]``: a token's id below
    ``len(tokens)``, else a phrase ``len(tokens) + first * len(tokens) + second``."""

    matrix: csr_matrix
    keys: np.ndarray
    tokens: list[str]

    def names(self, columns: np.ndarray) -> list[str]:
        size = len(self.tokens)
        return [self.tokens[key] if key < size else
                f"{self.tokens[(key - size) // size]} {self.tokens[(key - size) % size]}"
                for key in self.keys[columns].tolist()]


def count_terms(texts: list[str] | Words, stop: frozenset[str], ngram_max: int) -> Counts:
    """Every text's terms, as ``analyze`` finds them, counted."""
    words = texts if isinstance(texts, Words) else Words.of(texts)
    ids, bounds, tokens = _token_ids(words)
    size = len(tokens)
    stopped = np.fromiter((token in stop for token in tokens), dtype=bool, count=size)
    text_of = np.repeat(np.arange(len(words), dtype=np.int64), np.diff(bounds))
    kept = ~stopped[ids]
    # Words are numbered below ``size`` without sorting; phrases, sorted, come after them.
    words_used, word_columns = renumber(ids[kept], size)
    keys, columns, rows = [words_used], [word_columns], [text_of[kept]]
    if ngram_max >= 2 and len(ids) > 1:
        first, second = ids[:-1], ids[1:]
        pair = (text_of[:-1] == text_of[1:]) & ~stopped[first] & ~stopped[second]
        phrases, phrase_columns = np.unique(size + first[pair] * size + second[pair],
                                            return_inverse=True)
        keys.append(phrases)
        columns.append(len(words_used) + phrase_columns.astype(np.int64))
        rows.append(text_of[:-1][pair])
    keys_all, rows_all = np.concatenate(keys), np.concatenate(rows)
    matrix = csr_matrix((np.ones(len(rows_all)), (rows_all, np.concatenate(columns))),
                        shape=(len(words), len(keys_all)))
    matrix.sum_duplicates()
    return Counts(matrix, keys_all, tokens)


def _token_ids(words: Words) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """All texts' tokens as ids into the returned token list, with each text's bounds.

    A token never spans whitespace, so each distinct word is lowercased and tokenised once.
    """
    word_tokens = [_TOKEN.findall(word.lower()) for word in words.vocabulary]
    numbered = {token: i for i, token in enumerate(dict.fromkeys(chain.from_iterable(word_tokens)))}
    lengths = np.fromiter(map(len, word_tokens), dtype=np.int64, count=len(word_tokens))
    starts = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    flat = np.fromiter(map(numbered.__getitem__, chain.from_iterable(word_tokens)),
                       dtype=np.int64, count=int(starts[-1]))
    ids = gather(flat, starts[words.ids], lengths[words.ids])
    tokens_before = np.concatenate([[0], np.cumsum(lengths[words.ids])]).astype(np.int64)
    return ids, tokens_before[words.bounds], list(numbered)


def term_counts(texts: list[str] | Words, variant: Variant) -> tuple[csr_matrix, np.ndarray]:
    """Term counts as the variant tokenises and filters them, with the vocabulary in
    alphabetical column order (as scikit-learn's CountVectorizer gives them)."""
    counts = _variant_counts(texts, variant)
    return _named(counts, counts.matrix, np.ones(counts.matrix.shape[1], dtype=bool))


def vectorize(texts: list[str] | Words, variant: Variant) -> tuple[csr_matrix, np.ndarray]:
    """Unit rows of TF-IDF weights (scikit-learn's smooth IDF, sublinear term frequency as
    the variant says) over the terms at least two texts share, in alphabetical order.

    A term of one text alone is part of that text's norm, but no pair of texts shares it,
    so it changes no similarity and no reason: its column is left out.
    """
    counts = _variant_counts(texts, variant)
    matrix = counts.matrix.copy()
    frequency = np.bincount(matrix.indices, minlength=matrix.shape[1])
    if variant.sublinear_tf:
        matrix.data = 1.0 + np.log(matrix.data)
    matrix.data *= (np.log((1 + len(texts)) / (1 + frequency)) + 1.0)[matrix.indices]
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    norms = np.sqrt(np.bincount(rows, weights=matrix.data ** 2, minlength=matrix.shape[0]))
    matrix.data /= np.where(norms > 0, norms, 1.0)[rows]
    return _named(counts, matrix.astype(np.float32), frequency >= 2)


def _variant_counts(texts: list[str] | Words, variant: Variant) -> Counts:
    counts = count_terms(texts, stop_words(variant), variant.ngram_max)
    if variant.max_df < 1.0 and len(texts) >= 2:
        frequency = np.bincount(counts.matrix.indices, minlength=counts.matrix.shape[1])
        keep = np.flatnonzero(frequency <= variant.max_df * len(texts))
        counts = Counts(counts.matrix[:, keep].tocsr(), counts.keys[keep], counts.tokens)
    return counts


def _named(counts: Counts, matrix: csr_matrix, keep: np.ndarray
           ) -> tuple[csr_matrix, np.ndarray]:
    """The kept columns of ``matrix``, renumbered in alphabetical order of their terms."""
    kept = np.flatnonzero(keep)
    names = counts.names(kept)
    order = sorted(range(len(names)), key=names.__getitem__)
    column = np.full(matrix.shape[1], -1, dtype=np.int64)
    column[kept[order]] = np.arange(len(kept))
    new = column[matrix.indices]
    present = new >= 0
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))[present]
    result = csr_matrix((matrix.data[present], new[present],
                         np.concatenate([[0], np.cumsum(np.bincount(
                             rows, minlength=matrix.shape[0]))])),
                        shape=(matrix.shape[0], len(kept)))
    result.sort_indices()
    return result, np.array([names[i] for i in order], dtype=object)


def shared_terms(matrix, names, firsts: np.ndarray, seconds: np.ndarray,
                 count: int = 3) -> list[tuple[str, ...]]:
    """For each pair of rows (firsts[p], seconds[p]), the terms contributing most to their
    similarity.

    A sparse product for a chunk of pairs at a time (the rows of 70,000 pairs would take
    hundreds of MB at once). A term contributing less than REASON_FLOOR is not shown; one
    already covered by a chosen phrase, or differing from one only by a plural "s", is
    skipped, so a reason never repeats a word. Ties go to the alphabetically first term
    (the vocabulary is in alphabetical order).
    """
    if not len(firsts):
        return []
    # A pair and its reverse share their terms: each unordered pair is explained once.
    low, high = np.minimum(firsts, seconds), np.maximum(firsts, seconds)
    pairs, which = np.unique(low * matrix.shape[0] + high, return_inverse=True)
    all_names = names.tolist()
    # Unreadable terms are dropped before the per-pair loop, which then rarely looks past
    # the few terms it keeps.
    readable = _readable(all_names)
    words = _TermWords(all_names)
    reasons = []
    for start in range(0, len(pairs), REASON_CHUNK):
        chunk = pairs[start:start + REASON_CHUNK]
        for ranked in _ranked_terms(matrix, chunk // matrix.shape[0],
                                    chunk % matrix.shape[0], readable):
            reasons.append(tuple(all_names[t] for t in _pick_terms(ranked, words, count)))
    return [reasons[r] for r in which.tolist()]


# Pairs whose reasons are worked out at once.
REASON_CHUNK = 16384
# The least a shared term must add to the pair's TF-IDF cosine to be shown. Among 30
# random links of the test project (90 terms, each read and judged a concept or a generic
# word), 0.005 hid 13 of the 37 generic words ("number", "perspective", "learning") and 3
# of the 53 concepts; 0.006 hid one more generic word and three more concepts. In another
# 25 links it hid 9 terms, all generic ("overall", "evaluate", "combination").
REASON_FLOOR = 0.005


def _ranked_terms(matrix, rows: np.ndarray, others: np.ndarray, readable: np.ndarray
                  ) -> list[list[int]]:
    """Per pair, its readable shared terms, largest contribution first."""
    product = matrix[rows].multiply(matrix[others]).tocsr()
    product.sort_indices()
    pair_of = np.repeat(np.arange(len(rows), dtype=np.float64), np.diff(product.indptr))
    shown = readable[product.indices] & (product.data >= REASON_FLOOR)
    pair_of, terms, weights = pair_of[shown], product.indices[shown], product.data[shown]
    # One stable sort for the chunk: by pair, then weight (largest first); equal weights
    # keep term order. Weights are products of unit-vector entries, so in [0, 1].
    order = np.argsort(pair_of * 4.0 - weights, kind="stable")
    ranked = terms[order].tolist()
    bounds = np.searchsorted(pair_of[order], np.arange(len(rows) + 1)).tolist()
    return [ranked[bounds[r]:bounds[r + 1]] for r in range(len(rows))]


class _TermWords(dict):
    """A term's words, a plural "s" removed, computed when first asked for."""

    def __init__(self, names: list[str]):
        super().__init__()
        self.names = names

    def __missing__(self, term: int) -> frozenset[str]:
        words = self[term] = frozenset(w.removesuffix("s") for w in self.names[term].split())
        return words


def _pick_terms(ranked: list[int], words: _TermWords, count: int) -> list[int]:
    """The first ``count`` terms of ``ranked`` that repeat no word of another."""
    chosen: list[int] = []
    for term in ranked:
        if any(words[term] <= words[kept] for kept in chosen):
            continue
        # A phrase replaces the single words it contains: "machine unlearning", not
        # "unlearning, machine".
        chosen = [kept for kept in chosen if not words[kept] <= words[term]] + [term]
        if len(chosen) == count:
            break
    return chosen


def _readable(terms: list[str]) -> np.ndarray:
    """Whether each term is fit to show: every word three letters or more, of letters and
    inner hyphens. Each distinct word is checked once."""
    split = [term.split() for term in terms]
    fit = {word: len(word) >= 3 and bool(_READABLE.fullmatch(word))
           for word in dict.fromkeys(chain.from_iterable(split))}
    return np.fromiter((all(fit[word] for word in words) for words in split), dtype=bool,
                       count=len(split))
