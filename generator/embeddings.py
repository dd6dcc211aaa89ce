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

MODEL = "l2_supercat_256"
DIMENSIONS = 256


@lru_cache(maxsize=1)
def _model():
    import wordllama
    from safetensors import safe_open
    from tokenizers import Tokenizer

    root = Path(wordllama.__file__).parent
    with safe_open(str(root / "weights" / f"{MODEL}.safetensors"), framework="numpy") as f:
        table = f.get_tensor("embedding.weight").astype(np.float32)
    tokenizer = Tokenizer.from_file(str(root / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return table, tokenizer


def embed(texts: list[str], idf: bool = False) -> np.ndarray:
    """Unit vectors, one row per text (float32); an empty text is a row of zeros.

    With ``idf``, each word counts by its inverse document frequency among ``texts`` (the
    smooth form TF-IDF uses), so that words every abstract has weigh little."""
    table, tokenizer = _model()
    vocabulary: dict[str, int] = {}
    columns: list[int] = []
    indptr = [0]
    for text in texts:
        columns.extend(vocabulary.setdefault(word, len(vocabulary)) for word in text.split())
        indptr.append(len(columns))
    if not vocabulary:
        return np.zeros((len(texts), table.shape[1]), dtype=np.float32)
    word_vectors, word_tokens = _words(list(vocabulary), table, tokenizer)
    counts = csr_matrix((np.ones(len(columns), dtype=np.float32), columns, indptr),
                        shape=(len(texts), len(vocabulary)))
    counts.sum_duplicates()
    if idf:
        frequency = np.bincount(counts.indices, minlength=len(vocabulary))
        weights = np.log((1 + len(texts)) / (1 + frequency)) + 1.0
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


def cached_embed(keys: list[str], texts: list[str], cache: dict
                 ) -> tuple[np.ndarray, dict, int]:
    """Vectors for ``texts``, reusing those the cache holds under the same key (a digest of
    the text) for this model: adding 50 papers to 20,000 embeds 50.

    Returns the vectors, the cache to keep (the keys in use only) and how many texts were
    embedded. Every vector passes through the cache's float16 form, so a run that reuses
    the cache gives exactly what a cold run gives.
    """
    stored = cache.get("vectors") if cache.get("model") == MODEL else None
    stored = stored if isinstance(stored, dict) else {}
    known = {key: vector for key in set(keys)
             if (vector := _decode(stored.get(key))) is not None}
    missing = sorted({key: index for index, key in enumerate(keys) if key not in known}.items())
    if missing:
        fresh = embed([texts[index] for _, index in missing])
        for (key, _), vector in zip(missing, fresh):
            known[key] = _decode(_encode(vector))
    vectors = np.stack([known[key] for key in keys]) if keys else \
        np.zeros((0, DIMENSIONS), dtype=np.float32)
    kept = {key: _encode(known[key]) for key in keys}
    return vectors, {"model": MODEL, "vectors": kept}, len(missing)


def _encode(vector: np.ndarray) -> str:
    return base64.b64encode(vector.astype(np.float16).tobytes()).decode("ascii")


def _decode(text) -> np.ndarray | None:
    """A unit float32 vector from its cached form; None if it is not one."""
    if not isinstance(text, str):
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(raw) != 2 * DIMENSIONS:
        return None
    vector = np.frombuffer(raw, dtype=np.float16).astype(np.float32)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 and np.isfinite(norm) else np.zeros(DIMENSIONS, np.float32)
