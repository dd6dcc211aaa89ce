"""Messages quote what the curator wrote, bounded, and suggest what was probably meant."""

from __future__ import annotations

from generator.config import validate
from generator.messages import did_you_mean, shown
from generator.notes import parse_note


def test_a_value_is_quoted_whole_or_cut():
    assert shown("done") == "'done'" and shown(7) == "7"
    assert len(shown("x" * 1_000_000)) == 80 and shown("x" * 1_000_000).endswith("…")


def test_suggestions_by_synonym_case_and_spelling():
    assert did_you_mean("raiting", ["rating", "status"]) == "; did you mean 'rating'?"
    assert did_you_mean("Rating", ["rating"]) == "; did you mean 'rating'?"
    assert did_you_mean("done", ["read"], {"done": "read"}) == "; did you mean 'read'?"
    assert did_you_mean("zzz", ["rating"]) == "" and did_you_mean(3, ["rating"]) == ""
    assert did_you_mean("rating" * 1000, ["rating"]) == ""  # too long to compare


def test_a_huge_value_makes_a_short_message():
    problems = validate({"related_count": "x" * 1_000_000, "y" * 1_000_000: 1})
    assert all(len(problem) < 400 for problem in problems) and len(problems) == 2
    _, (problem,) = parse_note("---\nstatus: " + "z" * 1_000_000 + "\n---\n", "s", "notes/s.md")
    assert len(problem.message) < 200
