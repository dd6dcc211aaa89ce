"""Configuration: typed, documented, validated as a whole."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.config import Config, load_config, validate
from generator.exceptions import ConfigError


def test_defaults_without_a_file(tmp_path):
    config = load_config(root=tmp_path)
    assert config.seeds_dir == tmp_path.resolve() / "seeds"
    assert config.docs_dir == tmp_path.resolve() / "docs"
    assert config.listing_years == {}


def test_paths_are_relative_to_the_config_file(tmp_path):
    (tmp_path / "conf").mkdir()
    path = tmp_path / "conf" / "papershelf.yml"
    path.write_text("seeds_dir: listings\nlisting_years: {a.txt: 2025}\n")
    config = load_config(path, root=tmp_path / "elsewhere")
    assert config.seeds_dir == (tmp_path / "conf" / "listings").resolve()
    assert config.listing_years == {"a.txt": 2025}


def test_every_problem_is_reported_at_once_and_unknown_keys_are_named(tmp_path):
    path = tmp_path / "papershelf.yml"
    path.write_text("seed_dir: x\ndocs_dir: ''\nlisting_years: {a.txt: soon, b.txt: 1492}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    problems = caught.value.problems
    assert len(problems) == 4
    assert "unknown option 'seed_dir'" in problems[0] and "seeds_dir" in problems[0]
    assert str(path) in str(caught.value)


def test_broken_yaml_names_the_line(tmp_path):
    path = tmp_path / "papershelf.yml"
    path.write_text("seeds_dir: seeds\nlisting_years: [unclosed\n")
    with pytest.raises(ConfigError, match="line 3"):
        load_config(path)


def test_explicit_missing_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.yml")


def test_a_list_is_not_a_config():
    assert validate(["seeds"]) == ["expected a mapping of options, got list"]


def test_every_option_is_documented():
    docs = Config().option_docs()
    assert set(docs) == {f.name for f in dataclasses.fields(Config)} - {"root", "path"}
    assert all(len(doc) > 20 for doc in docs.values())


def test_impossible_dates_and_misplaced_folders_are_messages(tmp_path):
    path = tmp_path / "papershelf.yml"
    path.write_text("listing_years: {a.txt: 2025-13-01}\n")
    with pytest.raises(ConfigError, match="impossible value"):
        load_config(path)
    path.write_text("notes_dir: docs/notes\n")
    with pytest.raises(ConfigError, match="notes_dir: must not be inside docs_dir"):
        load_config(path)
    path.write_text("listing_years:\n")
    assert load_config(path).listing_years == {}


def test_listing_names_and_orphans_page_settings(tmp_path):
    path = tmp_path / "papershelf.yml"
    path.write_text("listing_names: {a.txt: '  The  first day '}\npublish_orphaned_notes: true\n")
    config = load_config(path)
    assert config.listing_names == {"a.txt": "The first day"}
    assert config.publish_orphaned_notes is True
    path.write_text("listing_names: {a.txt: 3}\npublish_orphaned_notes: yes please\n"
                    "listing_name: {}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert ("listing_names: 'a.txt': expected a name (text of at most 120 characters), got 3"
            in message)
    assert "publish_orphaned_notes: expected true or false" in message
    assert "unknown option 'listing_name'; did you mean 'listing_names'?" in message


def test_inputs_and_outputs_stay_inside_the_project(tmp_path):
    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    (outside / "conf.yml").write_text("api_token: hunter2\n")
    (project / "papershelf.yml").symlink_to(outside / "conf.yml")
    with pytest.raises(ConfigError, match="a link to a file outside the project") as caught:
        load_config(root=project)
    assert "hunter2" not in str(caught.value)
    (project / "papershelf.yml").unlink()
    (project / "seeds").symlink_to(outside)
    with pytest.raises(ConfigError, match="seeds_dir: .* leads outside the project folder"):
        load_config(root=project)
    (project / "seeds").unlink()
    (project / "lnk").symlink_to(outside)
    for option in ("seeds_dir: /etc", "notes_dir: ../outside", "taxonomy: lnk/t.yml",
                   "docs_dir: ../outside/docs"):
        (project / "papershelf.yml").write_text(option + "\n")
        with pytest.raises(ConfigError, match="leads outside the project folder"):
            load_config(root=project)


def test_the_readme_table_of_options_is_made_from_their_declarations():
    """One place declares each option (default, doc, accepted values); the README's table
    is generated from it: `python -c 'from generator.config import option_table;
    print(option_table())'`."""
    from generator.config import option_table

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert option_table() in readme


def test_an_option_left_empty_is_an_error_unless_it_is_a_mapping(tmp_path):
    path = tmp_path / "papershelf.yml"
    path.write_text("seeds_dir:\nrelated_count:\nlisting_names:\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert [p.split(":")[0] for p in caught.value.problems] == ["seeds_dir", "related_count"]
