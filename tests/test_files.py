"""Writing outputs: only what changed, never a file Papershelf did not make."""

from __future__ import annotations

import os

import pytest

from generator.exceptions import PapershelfError
from generator.files import MANIFEST, OUTSIDE, read_listings, read_notes, write_outputs


def test_unchanged_files_are_not_rewritten(tmp_path):
    first = write_outputs(tmp_path, {"a.json": "1\n", "sub/b.md": "b\n"})
    assert first.written == ["a.json", "sub/b.md"]
    os.utime(tmp_path / "a.json", (1, 1))
    second = write_outputs(tmp_path, {"a.json": "1\n", "sub/b.md": "changed\n"})
    assert (second.written, second.unchanged) == (["sub/b.md"], ["a.json"])
    assert (tmp_path / "a.json").stat().st_mtime == 1
    assert (tmp_path / "sub/b.md").read_text() == "changed\n"


def test_stale_generated_files_are_removed_and_hand_written_ones_kept(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "mine.md").write_text("hand-written")
    write_outputs(tmp_path, {"sub/gen.md": "x", "gone/old.md": "y"})
    stats = write_outputs(tmp_path, {"sub/gen.md": "x"})
    assert stats.removed == ["gone/old.md"]
    assert not (tmp_path / "gone").exists()
    assert (tmp_path / "sub" / "mine.md").read_text() == "hand-written"


def test_a_file_papershelf_did_not_write_is_never_overwritten(tmp_path):
    (tmp_path / "papers.json").write_text("the curator's own")
    with pytest.raises(PapershelfError, match="papers.json"):
        write_outputs(tmp_path, {"papers.json": "{}"})
    assert (tmp_path / "papers.json").read_text() == "the curator's own"


def test_manifest_lists_exactly_the_outputs(tmp_path):
    write_outputs(tmp_path, {"b": "1", "a": "2"})
    assert (tmp_path / MANIFEST).read_text() == '[\n"a",\n"b"\n]\n'


def test_read_listings_takes_text_captures_in_name_order(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("b.txt", "a.txt", "c.md", "d.MARKDOWN", "page.html", ".hidden.txt"):
        (seeds / name).write_bytes(name.encode())
    sources, ignored, outside = read_listings(seeds, tmp_path)
    assert [s.name for s in sources] == ["a.txt", "b.txt", "c.md", "d.MARKDOWN"]
    assert outside == []
    assert sources[0].display == "seeds/a.txt" and sources[0].data == b"a.txt"
    assert ignored == ["seeds/page.html"]


def test_missing_seeds_folder_is_a_clear_error(tmp_path):
    with pytest.raises(PapershelfError, match="seeds folder not found"):
        read_listings(tmp_path / "seeds", tmp_path)


def test_inputs_that_lead_outside_the_project_are_not_read(tmp_path):
    seeds, notes, elsewhere = tmp_path / "seeds", tmp_path / "notes", tmp_path / "kept"
    for folder in (seeds, notes, elsewhere):
        folder.mkdir()
    (elsewhere / "inside.md").write_text("inside", encoding="utf-8")
    (seeds / "environ.txt").symlink_to("/proc/self/environ")
    (seeds / "passwd.md").symlink_to("/etc/passwd")
    (seeds / "broken.txt").symlink_to(tmp_path / "missing.txt")
    (seeds / "kept.md").symlink_to(elsewhere / "inside.md")
    (notes / "environ.md").symlink_to("/proc/self/environ")
    sources, _, refused = read_listings(seeds, tmp_path)
    assert [s.name for s in sources] == ["kept.md"]
    assert refused == [(name, OUTSIDE) for name in (
        "seeds/broken.txt", "seeds/environ.txt", "seeds/passwd.md")]
    assert read_notes(notes, tmp_path) == ([], [("notes/environ.md", OUTSIDE)])


def test_a_build_never_publishes_what_a_link_points_at(tmp_path, monkeypatch):
    from tests.conftest import copy_project, run_papershelf

    monkeypatch.setenv("PAPERSHELF_TEST_SECRET", "s3cr3t-value-never-published")
    project = copy_project(tmp_path / "project")
    (project / "seeds" / "environ.txt").symlink_to("/proc/self/environ")
    (project / "notes" / "environ.md").symlink_to("/proc/self/environ")
    (project / "taxonomy.yml").rename(project / "real-taxonomy.yml")
    (project / "taxonomy.yml").symlink_to(project / "real-taxonomy.yml")
    result = run_papershelf(project, "generate")
    assert result.returncode == 0, result.stderr
    assert "seeds/environ.txt: warning: a link to a file outside the project" in result.stderr
    assert "notes/environ.md: warning: a link to a file outside the project" in result.stderr
    for path in (project / "docs").rglob("*"):
        if path.is_file():
            assert b"s3cr3t-value" not in path.read_bytes(), path
    (project / "taxonomy.yml").unlink()
    (project / "taxonomy.yml").symlink_to("/etc/passwd")
    result = run_papershelf(project, "generate")
    assert result.returncode == 1
    assert "taxonomy.yml: a link to a file outside the project; not read" in result.stderr
    assert "root:" not in result.stderr
