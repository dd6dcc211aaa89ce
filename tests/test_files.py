"""Reading inputs: captures and notes, never a file outside the project."""

from __future__ import annotations


import pytest

from generator.exceptions import PapershelfError
from generator.files import OUTSIDE, read_listings, read_notes


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
    assert "taxonomy: " in result.stderr and "leads outside the project folder" in result.stderr
    assert "root:" not in result.stderr


def test_a_run_looks_only_at_the_files_it_reads(tmp_path):
    from generator.files import input_files

    seeds, notes = tmp_path / "seeds", tmp_path / "notes"
    for folder in (seeds / ".archive", seeds / "old", notes / "drafts"):
        folder.mkdir(parents=True)
    for path in (seeds / "a.txt", seeds / "page.html", seeds / ".hidden.txt",
                 seeds / ".archive" / "big.bin", seeds / "old" / "b.txt", notes / "n.md",
                 notes / "n.txt", notes / "drafts" / "d.md"):
        path.write_text("x")
    names = [path.relative_to(tmp_path).as_posix() for path in input_files(seeds, notes)]
    assert names == ["seeds/a.txt", "seeds/old", "seeds/page.html", "notes/n.md"]


def test_links_in_notes_may_lead_to_the_hand_written_files_of_docs(tmp_path):
    from generator.files import docs_files
    from generator.site import GENERATED_ROOTS

    for name in ("about.md", "assets/katex/katex.css", "papers/gen.md", "index.md",
                 ".papershelf-manifest.json", "assets/.hidden"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert docs_files(tmp_path, GENERATED_ROOTS) == {"about.md", "assets/katex/katex.css"}
