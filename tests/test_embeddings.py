"""generator.embeddings: WordLlama's bundled model, read without its loader, no download."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from generator.embeddings import DIMENSIONS, _table, embed

CAPTURE = Path(__file__).parent / "data" / "captures" / "arxiv-new-text-q-fin-st.md.expected.json"


def reference(texts: list[str]) -> np.ndarray:
    """WordLlama's own inference on the same bundled files."""
    import wordllama
    from tokenizers import Tokenizer
    from wordllama.inference import WordLlamaInference

    table = _table()
    root = Path(wordllama.__file__).parent
    tokenizer = Tokenizer.from_file(str(root / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    # Truncated as WordLlama.load(trunc_dim=...) truncates it.
    return WordLlamaInference(table[:, :DIMENSIONS], tokenizer).embed(texts, norm=True)


def test_vectors_are_wordllamas_own():
    titles = [p["title"] for p in json.loads(CAPTURE.read_text(encoding="utf-8"))["papers"]]
    texts = titles + ["Schrödinger bridges and the Monge gap $M^c_\\rho$ — 5% better",
                      "深度学习 CJK text", "a"]
    vectors = embed(texts)
    assert vectors.shape == (len(texts), DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(vectors, reference(texts), atol=1e-5)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_whitespace_does_not_change_a_vector_and_empty_text_is_zero():
    vectors = embed(["sparse  autoencoders\n\tfor features", "sparse autoencoders for features",
                     "", "   "])
    assert np.allclose(vectors[0], vectors[1])
    assert not vectors[2].any() and not vectors[3].any()
    assert embed([]).shape == (0, DIMENSIONS)


def test_meaning_not_shared_words():
    flows, generative, folding = embed([
        "Normalizing flows: invertible neural networks for density estimation",
        "Generative models with exact likelihood built from bijective transformations",
        "Predicting protein structure from amino acid sequences"])
    assert flows @ generative > flows @ folding


def test_the_cache_embeds_only_new_texts_and_gives_the_same_vectors():
    from generator.embeddings import cached_embed

    texts = ["sparse autoencoders", "optimal transport maps", "grokking and stability"]
    keys = ["a", "b", "c"]
    cold, cache, embedded = cached_embed(keys, texts, {})
    assert embedded == 3 and set(cache["vectors"]) == set(keys)
    warm, again, embedded = cached_embed(keys + ["d"], texts + ["neural tangent kernel"], cache)
    assert embedded == 1 and np.array_equal(warm[:3], cold)
    assert set(again["vectors"]) == {"a", "b", "c", "d"}
    # Only the keys in use are kept; a damaged or foreign entry is embedded again.
    _, kept, _ = cached_embed(["b"], ["optimal transport maps"], again)
    assert set(kept["vectors"]) == {"b"}
    damaged = {"model": again["model"], "vectors": {**again["vectors"], "a": "not base64!"}}
    _, _, embedded = cached_embed(keys, texts, damaged)
    assert embedded == 1
    _, _, embedded = cached_embed(keys, texts, {"model": "another", "vectors": cache["vectors"]})
    assert embedded == 3


def test_the_cache_from_numbered_words_and_with_repeated_or_no_texts():
    from generator.embeddings import cached_embed
    from generator.words import Words

    texts = ["sparse autoencoders", "optimal transport maps", "sparse autoencoders"]
    listed, _, embedded = cached_embed(["a", "b", "a"], texts, {})
    numbered, cache, again = cached_embed(["a", "b", "a"], Words.of(texts), {})
    assert embedded == again == 2 and np.array_equal(listed, numbered)
    assert np.array_equal(numbered[0], numbered[2]) and set(cache["vectors"]) == {"a", "b"}
    empty, cache, embedded = cached_embed([], [], {})
    assert empty.shape == (0, DIMENSIONS) and embedded == 0 and cache["vectors"] == {}
