"""Slugs: readable, transliterated, bounded, unique, independent of order."""

from __future__ import annotations

import random

from generator.model import Paper
from generator.slugs import MAX_SLUG_LENGTH, assign_slugs, slug_for
from generator.titles import title_key


def paper(title):
    return Paper(key=title_key(title), title=title, abstract=None, authors=None,
                 organization=None, published=None, published_text=None, comments=None,
                 listings=[])


def test_transliteration():
    assert slug_for("Light Schrödinger Bridge") == "light-schrodinger-bridge"
    assert slug_for("Out-of-Equilibrium φ^3 QFT") == "out-of-equilibrium-ph-3-qft"
    assert slug_for("深度学习 理论") == "shen-du-xue-xi-li-lun"


def test_long_titles_are_cut_at_a_whole_word():
    title = ("Exact Learning of Permutations for Nonzero Binary Inputs with Logarithmic "
             "Training Size and Quadratic Ensemble Complexity")
    slug = slug_for(title)
    assert len(slug) <= MAX_SLUG_LENGTH
    assert slug == "exact-learning-of-permutations-for-nonzero-binary-inputs-with-logarithmic"
    assert len(slug_for("x" * 300)) == MAX_SLUG_LENGTH


def test_collisions_get_deterministic_suffixes_independent_of_order():
    # Three different papers (the accents count for identity) with one slug.
    titles = ["Deep Nets", "Déep Nets", "Deep Ñets", "Other"]
    results = set()
    for seed in range(5):
        shuffled = [paper(t) for t in titles]
        random.Random(seed).shuffle(shuffled)
        assign_slugs(shuffled)
        results.add(tuple(sorted((p.title, p.slug) for p in shuffled)))
    assert len(results) == 1
    slugs = dict(results.pop())
    assert len(set(slugs.values())) == 4
    assert sum(s == "deep-nets" for s in slugs.values()) == 1
    assert all(s.startswith("deep-nets-") for t, s in slugs.items()
               if t != "Other" and s != "deep-nets")


def test_title_without_letters_gets_a_hash_slug():
    papers = [paper("🙂🙂"), paper("???")]
    assign_slugs(papers)
    assert all(p.slug.startswith("paper-") and len(p.slug) == 13 for p in papers)
    assert papers[0].slug != papers[1].slug


def test_title_key_folds_case_space_and_punctuation_but_not_letters():
    assert title_key("Deep  Nets: A Study") == title_key("deep nets - a study") == "deep nets a study"
    assert title_key("Schrödinger") != title_key("Schrodinger")
    assert title_key("ＦＵＬＬ width") == "full width"
    assert title_key("🙂 🙂") != title_key("???")


def test_a_title_that_reads_like_a_hashed_slug_takes_no_other_papers_page():
    first, second = paper("Foo Bar"), paper("Foo Bär")
    assign_slugs([first, second])
    hashed = max(first.slug, second.slug, key=len)
    impostor = paper(hashed.replace("-", " ").title())  # "Foo Bar Ee8C0F2"
    for order in ([first, second, impostor], [impostor, second, first]):
        assign_slugs(order)
        assert len({p.slug for p in order}) == 3
        assert impostor.slug == hashed  # a plain slug is the title's own
        assert sorted([first.slug, second.slug])[0] == "foo-bar"
        assert max(first.slug, second.slug, key=len).startswith(hashed)


def test_no_paper_takes_the_folders_own_page():
    papers = [paper("Index"), paper("index!")]
    assign_slugs(papers)
    assert all(p.slug.startswith("index-") for p in papers)
    assert papers[0].slug != papers[1].slug
