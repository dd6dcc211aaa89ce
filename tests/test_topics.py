"""Topic rules and taxonomy validation."""

from __future__ import annotations

import pytest

from generator.model import Level
from generator.taxonomy import TaxonomyError, parse_taxonomy
from generator.topics import (UNCATEGORISED, Words, assign_topics,
                              compile_phrase, topics_for)
from tests.test_slugs import paper

TAXONOMY = {"topics": [
    {"name": "Scaling laws", "description": "How loss scales.",
     "keywords": ["scaling law*", "power law*"]},
    {"name": "Infinite width", "keywords": ["infinite width", "neural tangent kernel", "mean field"],
     "min_matches": 2, "title_keywords": ["infinite-width"], "exclude": ["city"]},
]}


def test_phrases_match_words_plurals_and_hyphens_case_insensitively():
    def matches(phrase, text):
        return compile_phrase(phrase).search(Words(text))

    for text in ("Scaling laws for LMs", "a scaling-law fit", "SCALING  LAW"):
        assert matches("scaling law*", text), text
    for text in ("rescaling laws", "scaling, law", "scaling lemma"):
        assert not matches("scaling law*", text), text
    assert not matches("kernel", "kernels")
    assert matches("mean field", "mean-field theory")
    assert matches("diffus*", "Diffusion models") and not matches("diffus*", "confusion")
    assert matches("o(1) regret", "an O(1) regret bound")


def test_rules_keywords_min_matches_title_and_exclude():
    taxonomy = parse_taxonomy(TAXONOMY, "taxonomy.yml")
    assert topics_for("Scaling Laws for X", None, taxonomy) == ["Scaling laws"]
    # One keyword is not enough where min_matches is 2 ...
    assert topics_for("Wide nets", "In the infinite width limit we ...", taxonomy) == []
    assert topics_for("Wide nets", "infinite width and the neural tangent kernel",
                      taxonomy) == ["Infinite width"]
    # ... unless a title keyword matches.
    assert topics_for("Infinite-Width Networks", "", taxonomy) == ["Infinite width"]
    assert topics_for("Infinite-width city", "infinite width mean field", taxonomy) == []


def test_uncategorised_papers_are_marked():
    taxonomy = parse_taxonomy(TAXONOMY, "taxonomy.yml")
    papers = [paper("Power laws everywhere"), paper("Something else")]
    assign_topics(papers, taxonomy)
    assert [p.topics for p in papers] == [["Scaling laws"], [UNCATEGORISED]]


def test_taxonomy_problems_are_reported_together():
    bad = {"topics": [
        {"name": "A", "keywords": ["a"], "title_keywords": "not a list", "colour": "red"},
        {"name": "B", "min_matches": 0, "keywords": ["b"]},
        {"name": "A", "keywords": ["a"]},
        {"keywords": ["nameless"]},
    ], "extra": 1}
    with pytest.raises(TaxonomyError) as caught:
        parse_taxonomy(bad, "taxonomy.yml")
    message = str(caught.value)
    for expected in ("unknown key 'extra'", "unknown key 'colour'", "`title_keywords` must be",
                     "`min_matches` must be", "used twice", "topic 4: expected a mapping"):
        assert expected in message, expected
    with pytest.raises(TaxonomyError, match="expected `topics:`"):
        parse_taxonomy({"topics": []}, "taxonomy.yml")


def test_the_example_taxonomy_is_valid_and_covers_the_example_seeds():
    from generator.build import collect
    from generator.config import load_config
    from tests.conftest import FIXTURE

    collection = collect(load_config(root=FIXTURE))
    assert len(collection.taxonomy) >= 10
    uncategorised = [p for p in collection.papers if p.topics == [UNCATEGORISED]]
    assert len(uncategorised) <= 0.1 * len(collection.papers)


def test_slugs_are_checked_and_reserved_names_refused():
    for bad in ({"name": "Index", "keywords": ["x"]},
                {"name": "Escape", "slug": "../../notes/escape", "keywords": ["x"]},
                {"name": "Dash", "keywords": ["-"]}):
        with pytest.raises(TaxonomyError):
            parse_taxonomy({"topics": [bad]}, "taxonomy.yml")
    (topic,) = parse_taxonomy({"topics": [{"name": "N", "description": None,
                                           "keywords": ["x"]}]}, "t.yml")
    assert topic.description == ""


def test_taxonomy_problems_are_warnings_with_lines_and_the_rest_still_works():
    from generator import yaml_text
    from generator.taxonomy import read_taxonomy

    text = ("topics:\n"
            "  - name: Scaling laws\n"
            "    keywords: [scaling law*]\n"
            "    keyword: [power law]\n"
            "  - name: Nameless rules\n"
            "    slug: Not A Slug\n"
            "    keywords: [x]\n"
            "  - name: Diffusion\n"
            "    min_matches: two\n"
            "    keywords: [diffusion]\n"
            "toppics: []\n")
    topics, problems = read_taxonomy(yaml_text.load(text), "taxonomy.yml",
                                     yaml_text.compose(text))
    assert [t.name for t in topics] == ["Scaling laws", "Diffusion"]
    assert [(p.path, p.line, p.level, p.message) for p in problems] == [
        ("taxonomy.yml", 11, Level.WARNING, "unknown key 'toppics'; did you mean 'topics'? (the "
         "file holds `topics:` only); ignored"),
        ("taxonomy.yml", 4, Level.WARNING, "topic 'Scaling laws': unknown key 'keyword'; did "
         "you mean 'keywords'? (known: name, slug, description, keywords, title_keywords, "
         "min_matches, exclude); ignored"),
        ("taxonomy.yml", 6, Level.WARNING, "topic 'Nameless rules': slug 'Not A Slug' must be "
         "lower-case letters, digits and hyphens, and not index or uncategorised; topic left "
         "out"),
        ("taxonomy.yml", 9, Level.WARNING, "topic 'Diffusion': `min_matches` must be a "
         "positive integer; 1 is used")]


def test_a_topic_name_used_twice_with_two_slugs_is_left_out():
    from generator.taxonomy import read_taxonomy

    topics, problems = read_taxonomy({"topics": [
        {"name": "Scaling", "slug": "scaling-a", "keywords": ["a"]},
        {"name": "scaling", "slug": "scaling-b", "keywords": ["b"]},
        {"name": "UNCATEGORISED", "slug": "other", "keywords": ["c"]}]}, "taxonomy.yml")
    assert [t.slug for t in topics] == ["scaling-a"]
    assert [p.message for p in problems] == [
        "topic 'scaling': its name or slug is used twice or reserved; topic left out",
        "topic 'UNCATEGORISED': its name or slug is used twice or reserved; topic left out"]
