"""Curator YAML refuses aliases and runaway nesting, with the file and line."""

from __future__ import annotations

import pytest

from generator.config import load_config
from generator.exceptions import PapershelfError
from generator.files import read_yaml
from generator.notes import parse_note

LAUGHS = ('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
          + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9)
                    + "]\n" for i in range(8)))
DEEP = "k: " + "[" * 20000 + "]" * 20000 + "\n"


def test_a_note_with_aliases_or_deep_nesting_is_a_warning_with_its_line():
    for front, line, words in ((LAUGHS, 3, "aliases (*name) are not allowed"),
                               (DEEP, 1, "nested too deeply")):
        note, (problem,) = parse_note(f"---\n{front}---\nBody.", "x", "notes/x.md")
        assert (problem.path, problem.line, problem.level.value) == ("notes/x.md", line,
                                                                     "warning")
        assert words in problem.message and note.body == "Body."


def test_config_and_taxonomy_with_aliases_are_errors_naming_the_file(tmp_path):
    (tmp_path / "papershelf.yml").write_text(LAUGHS, encoding="utf-8")
    with pytest.raises(PapershelfError, match=r"papershelf.yml: invalid configuration:\n"
                                              r".*line 2: not valid YAML \(aliases"):
        load_config(root=tmp_path)
    (tmp_path / "taxonomy.yml").write_text(DEEP, encoding="utf-8")
    with pytest.raises(PapershelfError, match=r"taxonomy.yml: not valid YAML \(nested too "):
        read_yaml(tmp_path / "taxonomy.yml", tmp_path)


@pytest.mark.parametrize("front, words", [
    ("status: !!bool maybe\n", "tags (!!bool) are not allowed"),
    ('rating: !!int ""\n', "tags (!!int) are not allowed"),
    ("read_on: !!timestamp foo\n", "tags (!!timestamp) are not allowed"),
    ('authors: ["Ada \\ud800 Lovelace"]\n', "a lone surrogate"),
])
def test_tags_and_lone_surrogates_are_warnings_not_tracebacks(front, words):
    note, (problem,) = parse_note(f"---\n{front}---\nBody.", "x", "notes/x.md")
    assert problem.line == 2 and words in problem.message and note.body == "Body."


def test_tags_in_config_and_taxonomy_are_errors_naming_the_file(tmp_path):
    (tmp_path / "papershelf.yml").write_text('related_count: !!int ""\n', encoding="utf-8")
    with pytest.raises(PapershelfError, match=r"line 1: not valid YAML \(tags \(!!int\)"):
        load_config(root=tmp_path)
    (tmp_path / "taxonomy.yml").write_text("topics:\n  - name: !!bool x\n", encoding="utf-8")
    with pytest.raises(PapershelfError, match=r"taxonomy.yml:2: not valid YAML \(tags"):
        read_yaml(tmp_path / "taxonomy.yml", tmp_path)
