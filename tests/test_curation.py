"""Applying notes to papers; orphans; matching what the curator typed."""

from __future__ import annotations

from generator.curation import apply_notes, curate_related, find_paper
from generator.model import Level, RelatedLink
from generator.notes import parse_note
from generator.slugs import assign_slugs
from generator.topics import UNCATEGORISED
from tests.test_slugs import paper

TOPICS = ["Scaling laws", "Optimal transport", "Diffusion"]


def papers(*titles):
    made = [paper(t) for t in titles]
    assign_slugs(made)
    return made


def note(slug, front="", body=""):
    return parse_note(f"---\n{front}\n---\n{body}", slug, f"notes/{slug}.md")[0]


def test_topics_replace_add_and_remove():
    a, b, c = papers("A", "B", "C")
    a.topics, b.topics, c.topics = ["Scaling laws"], ["Scaling laws", "Diffusion"], [UNCATEGORISED]
    notes = [note("a", "topics: [Optimal transport]"),
             note("b", "topics: {add: [Optimal transport], remove: [Scaling laws]}"),
             note("c", "topics: {add: [Diffusion, Nonexistent]}")]
    orphans, problems = apply_notes([a, b, c], notes, TOPICS)
    assert orphans == []
    assert a.topics == ["Optimal transport"]
    assert b.topics == ["Optimal transport", "Diffusion"]
    assert c.topics == ["Diffusion"]
    (problem,) = problems
    assert "'Nonexistent' is not in the taxonomy" in problem.message
    assert problem.path == "notes/c.md"


def test_removing_every_topic_makes_a_paper_uncategorised():
    (a,) = papers("A")
    a.topics = ["Diffusion"]
    apply_notes([a], [note("a", "topics: {remove: [Diffusion]}")], TOPICS)
    assert a.topics == [UNCATEGORISED]


def test_related_pins_come_first_and_exclusions_go():
    a, b, c, d = papers("A", "B", "C", "D")
    a.related = [RelatedLink("b", 0.3, ("x",)), RelatedLink("c", 0.2, ("y",))]
    _, problems = apply_notes([a, b, c, d], [note("a", "related: {pin: [d, zz], exclude: [b]}")],
                              TOPICS)
    curate_related(a, {p.slug: p for p in (a, b, c, d)}, limit=2)
    assert [link.slug for link in a.related] == ["d", "c"]
    assert a.related[0] == RelatedLink("d", None, ("pinned by the curator",))
    assert ["related: no paper has the slug 'zz'"] == [p.message for p in problems]


def test_orphaned_note_is_kept_reported_and_matched_to_the_closest_title():
    (current,) = papers("Light Schrödinger Bridge")
    orphan_note = note("light-schrodinger-bridges-v2", "status: read", "Still here.")
    orphans, problems = apply_notes([current], [orphan_note], TOPICS)
    (orphan,) = orphans
    assert orphan.note is orphan_note and orphan.closest is current
    (problem,) = problems
    assert problem.level is Level.WARNING and problem.path == "notes/light-schrodinger-bridges-v2.md"
    assert "orphaned note" in problem.message and "Light Schrödinger Bridge" in problem.message
    assert current.note is None


def test_find_paper_by_slug_title_part_or_typo():
    found = papers("The Monge Gap: A Regularizer", "Scaling Laws for Data Filtering",
                   "Scaling Laws for Autoregressive Modeling")
    assert find_paper("the-monge-gap-a-regularizer", found)[0] is found[0]
    assert find_paper("the monge gap: a regularizer", found)[0] is found[0]
    assert find_paper("monge", found)[0] is found[0]
    assert find_paper("Scaling Laws for Data Filterng", found)[0] is found[1]
    paper_found, candidates = find_paper("scaling laws", found)
    assert paper_found is None and {c.slug for c in candidates} == {found[1].slug, found[2].slug}
    assert find_paper("quantum chromodynamics", found) == (None, [])


def test_a_topic_or_slug_almost_right_is_named_with_its_line():
    a, b = papers("A Paper", "The Monge Gap Regularizer")
    a.topics = b.topics = [UNCATEGORISED]
    _, problems = apply_notes([a, b], [note("a-paper", "status: read\ntopics: [scaling laws]\n"
                                             "related: {pin: [the-monge-gap]}")], TOPICS)
    assert [(p.line, p.message) for p in problems] == [
        (3, "topic 'scaling laws' is not in the taxonomy; did you mean 'Scaling laws'? "
            "(known: Scaling laws, Optimal transport, Diffusion); ignored"),
        (4, "related: no paper has the slug 'the-monge-gap'; did you mean "
            "'the-monge-gap-regularizer'?")]
