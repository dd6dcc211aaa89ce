"""generator.words: texts' whitespace-separated words, numbered once."""

from __future__ import annotations

from generator.words import Words


def texts_of(words: Words) -> list[list[str]]:
    return [[words.vocabulary[i] for i in words.ids[words.bounds[t]:words.bounds[t + 1]]]
            for t in range(len(words))]


def test_words_are_numbered_in_order_of_first_appearance():
    words = Words.of(["a b  a", "", "c\tb\n", "   "])
    assert words.vocabulary == ["a", "b", "c"]
    assert texts_of(words) == [["a", "b", "a"], [], ["c", "b"], []]


def test_a_subset_keeps_only_the_words_it_uses():
    words = Words.of(["alpha beta", "gamma", "beta delta beta"])
    part = words.subset([2, 0])
    assert sorted(part.vocabulary) == ["alpha", "beta", "delta"]
    assert texts_of(part) == [["beta", "delta", "beta"], ["alpha", "beta"]]
    assert len(words.subset([])) == 0


def test_no_texts():
    words = Words.of([])
    assert len(words) == 0 and words.vocabulary == [] and len(words.ids) == 0


def test_renumber_is_unique_with_inverse():
    import numpy as np

    from generator.words import renumber

    ids = np.array([5, 2, 5, 9, 2, 0])
    used, position = renumber(ids, 10)
    expected_used, expected_position = np.unique(ids, return_inverse=True)
    assert used.tolist() == expected_used.tolist()
    assert position.tolist() == expected_position.tolist()
