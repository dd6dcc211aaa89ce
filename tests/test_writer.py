"""The write stage: only what changed, only files Papershelf wrote, recoverable."""

from __future__ import annotations

import json
import os

import pytest

from generator.exceptions import PapershelfError
from generator.writer import EDITED, MANIFEST, UNSURE, digest, owned_path, write_outputs
from generator import writer

ROOTS = {"papers", "topics", "papers.json"}


def write(docs, outputs):
    return write_outputs(docs, outputs, ROOTS)


def test_unchanged_files_are_not_rewritten(tmp_path):
    first = write(tmp_path, {"papers.json": "1\n", "papers/b.md": "b\n"})
    assert first.written == ["papers.json", "papers/b.md"]
    os.utime(tmp_path / "papers.json", (1, 1))
    second = write(tmp_path, {"papers.json": "1\n", "papers/b.md": "changed\n"})
    assert (second.written, second.unchanged) == (["papers/b.md"], ["papers.json"])
    assert (tmp_path / "papers.json").stat().st_mtime == 1
    assert (tmp_path / "papers/b.md").read_text() == "changed\n"


def test_stale_generated_files_are_removed_and_hand_written_ones_kept(tmp_path):
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "mine.md").write_text("hand-written")
    write(tmp_path, {"papers/gen.md": "x", "topics/old.md": "y"})
    stats = write(tmp_path, {"papers/gen.md": "x"})
    assert stats.removed == ["topics/old.md"] and stats.kept == []
    assert not (tmp_path / "topics").exists()
    assert (tmp_path / "papers" / "mine.md").read_text() == "hand-written"


def test_a_file_papershelf_did_not_write_is_never_overwritten(tmp_path):
    (tmp_path / "papers.json").write_text("the curator's own")
    with pytest.raises(PapershelfError, match="papers.json"):
        write(tmp_path, {"papers.json": "{}"})
    assert (tmp_path / "papers.json").read_text() == "the curator's own"


def test_an_edited_generated_file_is_neither_overwritten_nor_removed(tmp_path):
    write(tmp_path, {"papers/a.md": "generated", "papers/b.md": "generated"})
    (tmp_path / "papers/a.md").write_text("edited by hand")
    (tmp_path / "papers/b.md").write_text("edited by hand")
    with pytest.raises(PapershelfError, match="papers/a.md"):
        write(tmp_path, {"papers/a.md": "new"})
    stats = write(tmp_path, {})
    assert stats.removed == [] and stats.kept == [("papers/a.md", EDITED),
                                                  ("papers/b.md", EDITED)]
    assert (tmp_path / "papers/b.md").read_text() == "edited by hand"
    # Once left in place, the file is the curator's: the manifest forgets it.
    assert write(tmp_path, {}).kept == []


def test_a_hand_written_page_at_a_retired_path_is_kept(tmp_path):
    write(tmp_path, {"topics/retired.md": "generated"})
    write(tmp_path, {})
    (tmp_path / "topics").mkdir(exist_ok=True)
    (tmp_path / "topics/retired.md").write_text("now written by hand")
    assert write(tmp_path, {}).removed == []
    assert (tmp_path / "topics/retired.md").read_text() == "now written by hand"


@pytest.mark.parametrize("entry", ["about.md", "../notes/x.md", "/etc/passwd",
                                   "papers/../about.md", "papers/./x.md", "papers\\x.md", "",
                                   ".", "papers//x.md", "papers/"])
def test_manifest_entries_outside_the_generated_folders_are_ignored(tmp_path, entry):
    project = tmp_path / "project"
    docs = project / "docs"
    (project / "notes").mkdir(parents=True)
    docs.mkdir()
    for path in (docs / "about.md", project / "notes" / "x.md"):
        path.write_text("precious")
    manifest = {"format": 2, "files": {entry: [digest(b"precious")]}}
    (docs / MANIFEST).write_text(json.dumps(manifest))
    assert write(docs, {}).removed == []
    assert (docs / "about.md").read_text() == (project / "notes/x.md").read_text() == "precious"
    assert not owned_path(entry, ROOTS)


def test_a_first_format_manifest_still_allows_overwriting_but_removes_nothing(tmp_path):
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers/a.md").write_text("old")
    (tmp_path / "papers/b.md").write_text("old")
    (tmp_path / MANIFEST).write_text('[\n"papers/a.md",\n"papers/b.md"\n]\n')
    stats = write(tmp_path, {"papers/a.md": "new"})
    assert stats.written == ["papers/a.md"] and stats.kept == [("papers/b.md", UNSURE)]
    assert (tmp_path / "papers/b.md").exists()


def test_a_run_killed_while_writing_is_finished_by_the_next(tmp_path, monkeypatch):
    write(tmp_path, {"papers/a.md": "a1", "papers/old.md": "old"})
    import generator.writer as writer
    real, calls = writer.atomic_write, []

    def crash_after_the_manifest_and_one_file(target, data):
        calls.append(os.path.basename(target))
        if len(calls) == 3:
            raise KeyboardInterrupt
        real(target, data)

    monkeypatch.setattr(writer, "atomic_write", crash_after_the_manifest_and_one_file)
    with pytest.raises(KeyboardInterrupt):
        write(tmp_path, {"papers/a.md": "a2", "papers/b.md": "b2", "papers/c.md": "c2"})
    monkeypatch.setattr(writer, "atomic_write", real)
    assert calls[0] == MANIFEST and (tmp_path / "papers/a.md").read_text() == "a2"
    # A kill can leave a half-written temporary file: the next run removes it.
    (tmp_path / "papers" / ".0123456789abcdef.papershelf-tmp").write_text("half")
    # The next run has different inputs: it must still own a.md and remove old.md.
    stats = write(tmp_path, {"papers/c.md": "c3"})
    assert sorted(stats.removed) == ["papers/a.md", "papers/old.md"]
    assert sorted(p.name for p in (tmp_path / "papers").iterdir()) == ["c.md"]
    files = json.loads((tmp_path / MANIFEST).read_text())["files"]
    assert files == {"papers/c.md": [digest(b"c3")]}


def test_manifest_records_each_output_with_its_digest(tmp_path):
    write(tmp_path, {"topics/b.md": "1", "papers.json": "2"})
    data = json.loads((tmp_path / MANIFEST).read_text())
    assert data["format"] == 2 and data["files"] == {"papers.json": [digest(b"2")],
                                                     "topics/b.md": [digest(b"1")]}
    status = (tmp_path / "topics" / "b.md").stat()
    assert data["stamps"]["topics/b.md"] == [status.st_mtime_ns, status.st_size]


def test_a_file_is_read_only_when_its_size_or_time_changed(tmp_path, monkeypatch):
    """Files as written are known by their recorded digest; an edit (new time) is seen."""
    write(tmp_path, {"topics/a.md": "a", "topics/b.md": "b"})
    edited = tmp_path / "topics" / "b.md"
    edited.write_text("B", encoding="utf-8")
    read = []
    real = writer._read
    monkeypatch.setattr(writer, "_read", lambda path: read.append(path.name) or real(path))
    with pytest.raises(PapershelfError, match="topics/b.md"):
        write(tmp_path, {"topics/a.md": "a", "topics/b.md": "b2"})
    assert read == ["b.md"]


def test_an_output_outside_the_generated_folders_is_a_bug(tmp_path):
    with pytest.raises(PapershelfError, match="about.md"):
        write(tmp_path, {"about.md": "x"})


def test_a_generated_folder_that_is_a_link_is_refused(tmp_path):
    docs, victim = tmp_path / "docs", tmp_path / "victim"
    docs.mkdir()
    victim.mkdir()
    (victim / "keep.md").write_text("precious")
    (docs / "topics").symlink_to(victim)
    with pytest.raises(PapershelfError, match="topics: a link to another folder"):
        write(docs, {"topics/index.md": "x"})
    manifest = {"format": 2, "files": {"topics/keep.md": [digest(b"precious")]}}
    (docs / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(PapershelfError, match="a link to another folder"):
        write(docs, {"papers.json": "{}"})
    assert sorted(p.name for p in victim.iterdir()) == ["keep.md"]
