"""Parsing notes: every key, every mistake named with file, line and what was expected."""

from __future__ import annotations

import datetime

import pytest

from generator.model import Level
from generator.notes import parse_note, note_template


def parse(text):
    return parse_note(text, "some-paper", "notes/some-paper.md")


def test_a_complete_note():
    note, problems = parse(
        "---\nstatus: read\nread_on: 2026-11-20\nrating: 5\ntags: [ot, to-discuss]\n"
        "topics: {add: [Optimal transport], remove: [Scaling laws]}\n"
        "related: {pin: [a], exclude: [b]}\narxiv: 2106.10165v2\npdf: https://x.org/a.pdf\n"
        "code: https://github.com/o/r\ndoi: 10.1000/xyz123\n---\n\nMy *notes*.\n")
    assert problems == []
    assert (note.status, note.read_on, note.rating) == ("read", datetime.date(2026, 11, 20), 5)
    assert note.tags == ["ot", "to-discuss"]
    assert (note.topics_replace, note.topics_add, note.topics_remove) == (
        None, ["Optimal transport"], ["Scaling laws"])
    assert (note.pin, note.exclude) == (["a"], ["b"])
    assert note.links == {"arxiv": "2106.10165v2", "pdf": "https://x.org/a.pdf",
                          "code": "https://github.com/o/r", "doi": "10.1000/xyz123"}
    assert note.body == "My *notes*."


def test_identifiers_are_read_as_written_not_as_numbers():
    note, problems = parse("---\narxiv: 2002.10000\ndoi: 10.1000/0100\n---\n")
    assert problems == [] and note.links == {"arxiv": "2002.10000", "doi": "10.1000/0100"}


def test_topics_as_a_list_replace_the_automatic_ones():
    note, problems = parse("---\ntopics: [Optimal transport]\n---\nx")
    assert note.topics_replace == ["Optimal transport"] and problems == []


def test_no_front_matter_is_all_body():
    note, problems = parse("Just a thought.\n")
    assert (note.body, note.status, problems) == ("Just a thought.", None, [])


def test_each_mistake_names_its_line_and_what_was_expected():
    note, problems = parse(
        "---\nstatus: done\nrating: 7\ncolour: red\ntags: [\"<b>\"]\nread_on: soon\n"
        "arxiv: not-an-id\npdf: javascript:alert(1)\ndoi: 11.x\ntopics: 3\nrelated: [a]\n"
        "---\nBody survives.")
    found = {p.line: p.message for p in problems}
    assert all(p.level is Level.WARNING and p.path == "notes/some-paper.md" for p in problems)
    assert "expected one of to-read, reading, read" in found[2]
    assert "expected a whole number from 1 to 5" in found[3]
    assert "unknown key 'colour'" in found[4] and "status" in found[4]
    assert "tags: expected a list of short labels" in found[5]
    assert "expected a date" in found[6]
    assert "arXiv identifier" in found[7]
    assert "http(s) URL" in found[8]
    assert "DOI" in found[9]
    assert "topics: expected" in found[10] and "related: expected" in found[11]
    assert (note.status, note.rating, note.tags, note.links) == (None, None, [], {})
    assert note.body == "Body survives."


def test_broken_yaml_is_a_warning_with_its_line_and_the_body_is_kept():
    note, problems = parse("---\nstatus: read\ntags: [unclosed\n---\n\nBody.")
    (problem,) = problems
    assert problem.line == 4 and "not valid YAML" in problem.message
    assert note.body == "Body." and note.status is None


def test_front_matter_that_is_not_a_mapping():
    note, problems = parse("---\n- a\n- b\n---\nBody")
    assert "must be `key: value` lines" in problems[0].message


def test_template_is_a_valid_note_for_any_title():
    for title in ("Plain", 'Quotes " and \' and # hash: colon', "---", "{{ x }}", "a\nb"):
        text = note_template(title)
        note, problems = parse(text)
        assert problems == [] and note.status == "to-read" and note.body == ""


def test_an_impossible_date_is_a_warning_not_a_traceback():
    note, problems = parse("---\nread_on: 2026-02-30\n---\nBody.")
    assert note.body == "Body." and "impossible value" in problems[0].message


def test_a_doi_that_would_break_out_of_its_citation_field_is_refused():
    note, problems = parse('---\ndoi: "10.1000/x}, title={Injected}, note={"\n---\n')
    assert "doi" not in note.links
    (problem,) = problems
    assert problem.message.startswith("doi '10.1000/x}, title={Injected}, note={': expected a DOI")


def test_mistakes_get_a_suggestion_of_what_was_meant():
    _, problems = parse("---\nraiting: 4\nStatus: read\nstatus: done\n---\n")
    found = {p.line: p.message for p in problems}
    assert found[2].startswith("unknown key 'raiting'; did you mean 'rating'? (expected")
    assert found[3].startswith("unknown key 'Status'; did you mean 'status'?")
    assert found[4] == ("status 'done': expected one of to-read, reading, read; did you "
                        "mean 'read'?")
    for written, meant in (("Read", "read"), ("to read", "to-read"), ("todo", "to-read"),
                           ("in progress", "reading"), ("raeding", "reading")):
        _, (problem,) = parse(f"---\nstatus: {written}\n---\n")
        assert problem.message.endswith(f"did you mean {meant!r}?"), written
    _, (problem,) = parse("---\nstatus: someday\n---\n")
    assert "did you mean" not in problem.message


def test_a_quoted_date_is_read_as_the_date_with_a_warning():
    note, (problem,) = parse('---\nread_on: "2026-01-31"\n---\n')
    assert note.read_on.isoformat() == "2026-01-31"
    assert problem.level is Level.WARNING and problem.line == 2
    assert problem.message == ("read_on '2026-01-31' is quoted, so YAML reads it as text; it "
                               "was read as the date 2026-01-31 (write it without quotes)")
    note, (problem,) = parse('---\nread_on: "2026-02-31"\n---\n')
    assert note.read_on is None and "expected a date" in problem.message


def test_a_pasted_arxiv_address_gives_its_identifier():
    for pasted in ("https://arxiv.org/abs/2106.10165v2", "https://arxiv.org/pdf/2106.10165",
                   "https://huggingface.co/papers/2106.10165"):
        note, problems = parse(f"---\narxiv: {pasted}\n---\n")
        assert note.links == {"arxiv": "2106.10165"}
        assert [(p.level, p.message) for p in problems] == [(Level.NOTICE, (
            f"arxiv {pasted!r}: read the identifier 2106.10165 out of the address"))]


@pytest.mark.parametrize("body, problem", [
    ("[x](" * 2001, "2001 square brackets (at most 2000)"),
    ("\n".join("    " * depth + "- item" for depth in range(30)), "nested 29 levels deep"),
    ("> " * 25 + "quoted", "nested 25 levels deep"),
])
def test_a_body_too_complex_for_markdown_is_shown_as_plain_text(body, problem):
    note, (warning,) = parse(f"---\nstatus: read\n---\n{body}")
    assert note.verbatim and warning.line == 4 and warning.message.startswith(problem)
    assert note.status == "read"


def test_deep_code_and_ordinary_notes_are_markdown():
    code = "```\n" + "\n".join(" " * 4 * depth + "x" for depth in range(40)) + "\n```"
    for body in (code, "- a\n    - b\n        - c\n\n> quote\n>> again", "[a](b) " * 500):
        note, problems = parse(f"---\nstatus: read\n---\n{body}")
        assert not note.verbatim and problems == [], body[:40]


def test_a_tag_with_a_line_break_is_refused():
    note, (problem,) = parse('---\ntags: ["abc", "abc\\n"]\n---\n')
    assert note.tags == [] and problem.message.startswith("tags: expected a list")


def test_summary_priority_and_project():
    note, problems = parse("---\npriority: high\nsummary: |\n  Optimal maps for any\n  cost.\n"
                           "project: https://example.org/p\n---\n")
    assert problems == []
    assert (note.priority, note.summary) == ("high", "Optimal maps for any cost.")
    assert note.links == {"project": "https://example.org/p"}


@pytest.mark.parametrize("front, expected", [
    ("priority: urgent", "priority 'urgent': expected one of high, normal, low; did you mean 'high'?"),
    ("priority: 3", "priority 3: expected one of high, normal, low; did you mean 'low'?"),
    ("summary: [a, b]", "summary: expected one line of text, at most 300 characters"),
    ("summary: " + "x" * 301, "summary: expected one line of text, at most 300 characters"),
])
def test_bad_summary_or_priority_is_named_at_its_line(front, expected):
    note, problems = parse(f"---\nstatus: read\n{front}\n---\n")
    assert [(p.line, p.message.split(" (longer")[0]) for p in problems] == [(3, expected)]
    assert (note.priority, note.summary, note.status) == ("normal", None, "read")


@pytest.mark.parametrize("body, expected", [
    ("First *line* with [a link](x.md)\nand a **second**.\n\nNext paragraph.",
     "First line with a link and a second."),
    ("## Heading\n\n- a list\n\n```\ncode\n```\n\n> quote\n\nProse $T$ here.", "Prose $T$ here."),
    ("$$\nx\n$$\n\n| a | b |\n\nText after a table.", "Text after a table."),
    ("![figure](f.png) Caption text {: .wide }", "Caption text"),
    ("- only\n- a list", None),
    ("", None),
])
def test_first_paragraph_is_the_first_prose_as_plain_text(body, expected):
    from generator.notes import first_paragraph

    assert first_paragraph(body) == expected


def test_first_paragraph_after_a_fence_without_a_blank_line():
    from generator.notes import first_paragraph

    assert first_paragraph("```\ncode\n```\nProse right after.") == "Prose right after."
