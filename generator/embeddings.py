"""Sentence vectors from the WordLlama model that ships inside its wheel on PyPI.

The ``wordllama`` wheel holds the model's 256-dimension token embeddings and its tokenizer;
its own loader looks for the tokenizer in another folder and then tries to download it, so
the two bundled files are read here directly. Nothing is ever downloaded.

A text's vector is the mean of its tokens' embeddings, normalised, as WordLlama's
``embed(norm=True)`` computes it for the text with its whitespace collapsed. The tokenizer
never merges across a space, so a text's tokens are its words' tokens: each distinct word
is tokenised once, and texts become sums of word vectors (one sparse product). At 20,000
abstracts that is several times faster than tokenising every text whole.
"""

from __future__ import annotations

import base64
import binascii
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from .words import Words

WEIGHTS = "l2_supercat_256"
# WordLlama's models are trained to be truncated (Matryoshka): its l2_supercat model offers
# 64 to 1,024 dimensions. On the labelled pairs (benchmarks/related_eval.py) the first 128
# of the bundled 256 do as well in the mix as all 256, and halve the cost of comparing.
DIMENSIONS = 128
MODEL = f"{WEIGHTS}/{DIMENSIONS}"


def _root() -> Path:
    import wordllama

    return Path(wordllama.__file__).parent


@lru_cache(maxsize=1)
def _tokenizer():
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(_root() / "tokenizers" /
                                        "l2_supercat_tokenizer_config.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def _table() -> np.ndarray:
    """The model's token embeddings, all 256 dimensions (33 MB; not kept)."""
    from safetensors import safe_open

    with safe_open(str(_root() / "weights" / f"{WEIGHTS}.safetensors"), framework="numpy") as f:
        return f.get_tensor("embedding.weight").astype(np.float32)


@lru_cache(maxsize=2)
def _truncated(dimensions: int) -> np.ndarray:
    """The token embeddings' first ``dimensions`` dimensions, kept for the run."""
    return np.ascontiguousarray(_table()[:, :dimensions])


def embed(texts: list[str] | Words, idf: bool = False,
          dimensions: int = DIMENSIONS) -> np.ndarray:
    """Unit vectors of the model's first ``dimensions`` dimensions, one row per text
    (float32); an empty text is a row of zeros.

    With ``idf``, each word counts by its inverse document frequency among ``texts`` (the
    smooth form TF-IDF uses), so that words every abstract has weigh little."""
    table, tokenizer = _truncated(dimensions), _tokenizer()
    words = texts if isinstance(texts, Words) else Words.of(texts)
    if not words.vocabulary:
        return np.zeros((len(words), table.shape[1]), dtype=np.float32)
    word_vectors, word_tokens = _words(words.vocabulary, table, tokenizer)
    counts = csr_matrix((np.ones(len(words.ids), dtype=np.float32), words.ids, words.bounds),
                        shape=(len(words), len(words.vocabulary)))
    counts.sum_duplicates()
    if idf:
        frequency = np.bincount(counts.indices, minlength=len(words.vocabulary))
        weights = np.log((1 + len(words)) / (1 + frequency)) + 1.0
        counts = counts.multiply(weights.astype(np.float32)[None, :]).tocsr()
    sums = counts @ word_vectors
    tokens = counts @ word_tokens
    vectors = sums / np.maximum(tokens, 1.0)[:, None]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def _words(words: list[str], table: np.ndarray, tokenizer) -> tuple[np.ndarray, np.ndarray]:
    """Each word's summed token embeddings and its number of tokens."""
    encodings = tokenizer.encode_batch(words, add_special_tokens=False)
    lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(words))
    ids = np.fromiter((i for e in encodings for i in e.ids), dtype=np.int64,
                      count=int(lengths.sum()))
    np.clip(ids, 0, table.shape[0] - 1, out=ids)
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    tokens = csr_matrix((np.ones(len(ids), dtype=np.float32), ids, indptr),
                        shape=(len(words), table.shape[0]))
    return tokens @ table, lengths.astype(np.float32)


def cached_embed(keys: list[str], texts: list[str] | Words, cache: dict
                 ) -> tuple[np.ndarray, dict, int]:
    """Vectors for ``texts``, reusing those the cache holds under the same key (a digest of
    the text) for this model: adding 50 papers to 20,000 embeds 50.

    Returns the vectors, the cache to keep (the keys in use only) and how many texts were
    embedded. Every vector is made from the cache's float16 form, so a run that reuses the
    cache gives exactly what a cold run gives.
    """
    stored = cache.get("vectors") if cache.get("model") == model_key() else None
    stored = stored if isinstance(stored, dict) else {}
    first = {key: index for index, key in reversed(list(enumerate(keys)))}
    raw = {key: data for key in first if (data := _raw(stored.get(key))) is not None}
    missing = [(key, index) for key, index in first.items() if key not in raw]
    if missing:
        rows = [index for _, index in missing]
        fresh = embed(texts.subset(rows) if isinstance(texts, Words) else
                      [texts[row] for row in rows])
        raw.update((key, vector.tobytes())
                   for (key, _), vector in zip(missing, fresh.astype(np.float16)))
    halves = np.frombuffer(b"".join(raw[key] for key in keys), dtype=np.float16)
    vectors = _unit(halves.reshape(len(keys), DIMENSIONS).astype(np.float32))
    kept = {key: base64.b64encode(raw[key]).decode("ascii") for key in first}
    return vectors, {"model": model_key(), "vectors": kept}, len(missing)


@lru_cache(maxsize=1)
def model_key() -> str:
    """The model, its dimensions and the wheel's version: vectors cached under another key
    are made again."""
    from importlib.metadata import version

    return f"{MODEL} wordllama=={version('wordllama')}"


def _raw(text) -> bytes | None:
    """A vector's float16 bytes from its cached form; None if it is not one."""
    if not isinstance(text, str):
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == 2 * DIMENSIONS else None


def _unit(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1; a row of zeros, or one not finite, is zeros."""
    with np.errstate(over="ignore", invalid="ignore"):
        norms = np.linalg.norm(vectors, axis=1)
    good = (norms > 0) & np.isfinite(norms)
    out = np.zeros_like(vectors)
    out[good] = vectors[good] / norms[good, None]
    return out
