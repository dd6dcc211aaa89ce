"""The command line: help, exit codes, messages, strictness, idempotence."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

from .conftest import HEADER


@pytest.fixture
def run(project, monkeypatch):
    monkeypatch.chdir(project)

    def invoke(*args):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return invoke


def write_seed(project, name, text):
    (project / "seeds" / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("command", [[], ["generate"], ["build"], ["check"]])
def test_help(command):
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage: " in result.output
    if command:
        assert "--strict" in result.output and "--config" in result.output


def test_module_and_console_script_entry_points():
    for command in ([sys.executable, "-m", "generator", "--version"],
                    [sys.executable, "-c", "from generator.cli import main; main()", "--version"]):
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        assert result.returncode == 0 and result.stdout.startswith("papershelf, version ")


def test_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(cli, ["frobnicate"])
    assert result.exit_code == 2 and "No such command" in result.output


def test_generate_writes_the_catalog_and_is_idempotent(run, project):
    write_seed(project, "a.txt", HEADER + "Dec 9\n\nP\n\nAbstract.\n")
    first = run("generate")
    assert first.exit_code == 0
    assert "Read 1 listing: 1 entry -> 1 paper" in first.stdout
    written = int(first.stdout.split("Files: ")[1].split(" written")[0])
    assert written > 5
    snapshot = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    second = run("generate")
    assert f"0 written, {written} unchanged, 0 removed" in second.stdout
    assert {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()} == snapshot


def test_warnings_name_file_and_line_and_strict_fails_without_writing(run, project):
    write_seed(project, "a.txt", HEADER + "Good\n\nAbstract.\n\nTruncated")
    (project / "seeds" / "b.txt").write_bytes("Caf\xe9\n".encode("latin-1"))
    lenient = run("generate")
    assert lenient.exit_code == 0
    assert "seeds/a.txt:15: warning: title 'Truncated' has no abstract" in lenient.stderr
    assert "seeds/b.txt:1: warning: not UTF-8 text" in lenient.stderr
    (project / "docs" / "papers.json").unlink()
    strict = run("generate", "--strict")
    assert strict.exit_code == 1
    assert "error: 2 warning(s) with --strict" in strict.stderr
    assert "seeds/a.txt:15: warning:" in strict.stderr
    assert not (project / "docs" / "papers.json").exists()


def test_check_reports_and_writes_nothing(run, project):
    write_seed(project, "a.txt", HEADER + "Dec 9\n\nP\n\nA.\n\n  • 3 authors\n·\nJun 9")
    write_seed(project, "b.txt", HEADER + "P\n\nA.\n\n  • 3 authors\n·\nJun 9, 2025\n\nQ\n\nB.")
    result = run("check")
    assert result.exit_code == 0
    assert "listed Dec 9, 2025; year 2025 (cross-listing)" in result.stdout
    assert "Papers: 3 entries, 2 distinct, 1 merged from several listings" in result.stdout
    assert "  p: a.txt:13, b.txt:11" in result.stdout
    assert not (project / "docs" / "papers.json").exists()
    assert not (project / ".papershelf").exists()


def test_strict_check_fails_on_conflicts(run, project):
    write_seed(project, "a.txt", HEADER + "P\n\nWe revise one abstract of a paper here.")
    write_seed(project, "b.txt", HEADER + "P\n\nWe revise one abstract of the paper here.")
    result = run("check", "--strict")
    assert result.exit_code == 1
    assert "Conflicts (1)" in result.stdout and "conflicting abstract" in result.stdout


def test_check_names_each_files_shape(run, project):
    captures = Path(__file__).parent / "data" / "captures"
    for name in ("arxiv-new-text-q-fin-tr.md", "hf-obsidian-clipper-daily-2026-04-17.md"):
        shutil.copy(captures / name, project / "seeds" / name)
    write_seed(project, "a.txt", HEADER + "Dec 9\n\nP\n\nA.")
    write_seed(project, "b.txt", "Reading list\n\nA title\n\nSome words.\n")
    result = run("check")
    assert "seeds/a.txt  [hf-text (blocks)]" in result.stdout
    assert "seeds/arxiv-new-text-q-fin-tr.md  [arxiv-list (text)]" in result.stdout
    assert "seeds/hf-obsidian-clipper-daily-2026-04-17.md  [hf-page (markdown)]" in result.stdout
    assert "seeds/b.txt  [unknown]" in result.stdout
    assert "seeds/b.txt: warning: shape not recognised" in result.stdout
    assert "Papers: 37 entries, 37 distinct" in result.stdout


def test_bad_config_is_a_message_not_a_traceback(run, project):
    (project / "papershelf.yml").write_text("seeds: elsewhere\n")
    result = run("generate")
    assert result.exit_code == 1
    assert "invalid configuration" in result.stderr and "unknown option 'seeds'" in result.stderr
    assert "Traceback" not in result.output


def test_missing_seeds_folder(run, project):
    (project / "seeds").rmdir()
    result = run("check")
    assert result.exit_code == 1
    assert "error: seeds: seeds folder not found" in result.stderr


def test_configured_year_for_a_missing_listing_is_warned(run, project):
    write_seed(project, "a.txt", HEADER + "P\n\nA.")
    (project / "papershelf.yml").write_text("listing_years: {zzz.txt: 2024}\n")
    result = run("generate")
    assert "papershelf.yml: warning: listing_years names 'zzz.txt'" in result.stderr


def test_serve_stopped_by_ctrl_c_leaves_nothing_behind(tmp_path):
    from .conftest import copy_project, free_port, serve_once

    project = copy_project(tmp_path / "project")
    temporary = tmp_path / "tmp"  # where MkDocs builds the served site
    temporary.mkdir()
    output, _ = serve_once(project, free_port(), {**os.environ, "TMPDIR": str(temporary)})
    assert "Serving on" in output and "Traceback" not in output
    assert list(temporary.iterdir()) == []


def test_serve_started_with_ctrl_c_ignored_still_stops_cleanly(tmp_path):
    from .conftest import copy_project, free_port, serve_once

    project = copy_project(tmp_path / "project")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    environment = {**os.environ, "TMPDIR": str(temporary)}
    output, seconds = serve_once(project, free_port(), environment, terminate=True)
    assert "Serving on" in output
    assert seconds < 8, output  # stopped by its SIGINT, not killed after a wait
    assert list(temporary.iterdir()) == []


def test_serve_regenerates_when_a_listing_changes(tmp_path):
    import socket
    import time
    import urllib.parse
    import urllib.request

    import yaml

    from .conftest import copy_project

    project = copy_project(tmp_path / "project")
    # MkDocs serves the site under the path of its site_url, as GitHub Pages would.
    site_url = yaml.safe_load((project / "mkdocs.yml").read_text())["site_url"]
    prefix = urllib.parse.urlparse(site_url).path
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    temporary = tmp_path / "tmp"  # where MkDocs builds the served site
    temporary.mkdir()
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-a",
                               f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "TMPDIR": str(temporary)})

    def fetch(path):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{prefix}{path}",
                                        timeout=5) as reply:
                return reply.read().decode()
        except OSError:
            return None

    def wait_for(predicate, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.5)
        return False

    try:
        assert wait_for(lambda: fetch("") is not None), "server did not start"
        with open(project / "seeds" / "zz_new.txt", "w", encoding="utf-8") as handle:
            handle.write(HEADER + "A Freshly Added Paper\n\nIts abstract.\n")
        assert wait_for(lambda: (fetch("papers/a-freshly-added-paper/") or "").count(
            "A Freshly Added Paper") > 0), "new paper not served"
        (project / "notes" / "a-freshly-added-paper.md").write_text(
            "---\nstatus: reading\n---\nA note written while serving.\n", encoding="utf-8")
        assert wait_for(lambda: "A note written while serving." in (
            fetch("papers/a-freshly-added-paper/") or "")), "new note not served"
        (project / "notes" / "a-freshly-added-paper.md").write_text(
            "---\nstatus: done\n---\nA mistake made while serving.\n", encoding="utf-8")
        assert wait_for(lambda: "A mistake made while serving." in (
            fetch("papers/a-freshly-added-paper/") or "")), "edited note not served"
        assert list(temporary.iterdir()), "the site is not built in the temporary folder"
    finally:
        server.terminate()
        output = server.communicate(timeout=40)[0]
    # Stopped, the server leaves nothing behind: neither the site nor the search folders.
    assert list(temporary.iterdir()) == []
    assert re.search(r"^Generated: 197 papers; 0 warnings$", output, re.M)
    assert re.search(r"^Regenerated: 198 papers; \d+ written, 0 removed; 0 warnings$", output,
                     re.M)
    assert ("notes/a-freshly-added-paper.md:2: warning: status 'done': expected one of "
            "to-read, reading, read; did you mean 'read'?") in output
    assert re.search(r"^Regenerated: 198 papers; \d+ written, 0 removed; 1 warning ", output,
                     re.M)


def test_verbose_announces_stages_and_times_them(run, project):
    write_seed(project, "a.txt", HEADER + "P\n\nAbstract.")
    result = run("generate", "--verbose")
    stages = [line.removesuffix(" ...") for line in result.stderr.splitlines()
              if line.endswith(" ...")]
    assert stages == ["digest", "read", "merge", "topics", "notes", "related", "render",
                      "write"]
    assert re.search(r"^Times: digest \d+\.\d\d s, .* write \d+\.\d\d s$", result.stderr,
                     re.M)


def test_unchanged_inputs_skip_the_work_and_changes_reuse_what_they_can(run, project):
    write_seed(project, "a.txt", HEADER + "P\n\nAbout transport maps.\n\nQ\n\nAlso maps.")
    first = run("generate")
    related = project / ".papershelf" / "related.json"
    stamp = related.stat().st_mtime_ns
    again = run("generate", "--verbose")
    assert [line for line in again.stderr.splitlines() if line.endswith(" ...")] == ["digest ..."]
    assert "0 written" in again.stdout and first.stdout.splitlines()[0] == \
        again.stdout.splitlines()[0]
    (project / "docs" / "papers" / "p.md").unlink()
    repaired = run("generate")
    assert "1 written" in repaired.stdout and (project / "docs" / "papers" / "p.md").is_file()
    (project / "notes").mkdir()
    (project / "notes" / "p.md").write_text("---\nstatus: read\n---\nNoted.\n")
    noted = run("generate")
    assert "Noted." in (project / "docs" / "papers" / "p.md").read_text()
    assert related.stat().st_mtime_ns == stamp  # notes do not change related papers
    write_seed(project, "a.txt", HEADER + "P\n\nAbout transport maps.\n\nR\n\nNew maps.")
    run("generate")
    assert related.stat().st_mtime_ns != stamp


def test_an_empty_seeds_folder_is_a_warning_and_still_builds(run, project):
    result = run("generate")
    assert result.exit_code == 0
    assert "seeds: warning: no listings: expected captures (*.txt, *.md) here" in result.stderr
    assert (project / "docs" / "index.md").is_file()
    assert run("generate", "--strict").exit_code == 1


def test_a_second_run_waits_for_the_first(project):
    """While one run holds the project, another waits and says so; then it completes."""
    import fcntl
    import time

    write_seed(project, "a.txt", HEADER + "Dec 9\n\nP\n\nAbstract.\n")
    (project / ".papershelf").mkdir()
    with open(project / ".papershelf" / "lock", "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        second = subprocess.Popen([sys.executable, "-m", "generator", "generate"],
                                  cwd=project, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        time.sleep(2)
        assert second.poll() is None  # still waiting
        assert not (project / "docs" / "papers.json").exists()
        fcntl.flock(held, fcntl.LOCK_UN)
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert "another papershelf run is writing this project; waiting for it to end" in err
    assert (project / "docs" / "papers.json").is_file()


def test_odd_files_are_messages_not_tracebacks(run, project):
    """A name that is not UTF-8, a 240-character name, a UTF-32 file, a NUL in a path."""
    body = HEADER + "A Paper\n\nIts abstract.\n"
    (project / "seeds").joinpath(os.fsdecode(b"\xff\xfe.txt")).write_bytes(body.encode())
    (project / "notes").mkdir()
    (project / "notes").joinpath(os.fsdecode(b"\xff.md")).write_text("Note.\n")
    write_seed(project, "x" * 240 + ".txt", body.replace("A Paper", "Long Named"))
    (project / "seeds" / "wide.txt").write_bytes(body.encode("utf-32"))
    result = run("generate")
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert ("seeds/\\xff\\xfe.txt: warning: the file name is not UTF-8 text; not read "
            "(rename the file)") in result.stderr
    assert "notes/\\xff.md: warning: the file name is not UTF-8 text" in result.stderr
    assert "seeds/wide.txt:1: warning: UTF-32 text" in result.stderr
    assert (project / "docs" / "listings" / ("x" * 240 + ".md")).is_file()
    (project / "papershelf.yml").write_text('seeds_dir: "\\0"\n')
    result = run("generate")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert ("seeds_dir: expected a path (a non-empty string without NUL characters), inside "
            "the project, got '\\x00'") in result.stderr


def test_a_notes_folder_that_is_a_file(run, project):
    write_seed(project, "a.txt", HEADER + "A Paper\n\nIts abstract.\n")
    (project / "notes").write_text("not a folder\n")
    result = run("generate")
    assert result.exit_code == 0
    assert ("notes: warning: expected a folder of notes (*.md), found something else; "
            "no note read") in result.stderr
    result = run("note", "A Paper")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "cannot create the note here: expected a folder of notes, found a file" in \
        result.stderr


def _failing(exception_for):
    """A replacement for a file operation that fails for the paths ``exception_for`` maps
    to an exception (root cannot make a file unreadable with chmod)."""
    def wrap(real):
        def operation(path, *args, **kwargs):
            exc = exception_for(Path(path))
            if exc:
                raise exc
            return real(path, *args, **kwargs)
        return operation
    return wrap


def test_unreadable_inputs_are_messages(run, project, monkeypatch):
    import errno

    write_seed(project, "a.txt", HEADER + "A Paper\n\nIts abstract.\n")
    write_seed(project, "b.txt", HEADER + "B Paper\n\nIts abstract.\n")
    (project / "notes").mkdir()
    (project / "notes" / "a-paper.md").write_text("Note.\n")
    denied = {"b.txt", "a-paper.md", "taxonomy.yml"}
    fail = _failing(lambda path: PermissionError(errno.EACCES, "Permission denied", str(path))
                    if path.name in denied else None)
    monkeypatch.setattr(Path, "read_bytes", fail(Path.read_bytes))
    monkeypatch.setattr(Path, "read_text", fail(Path.read_text))
    result = run("generate")
    assert result.exit_code == 0, result.output
    assert "seeds/b.txt: warning: cannot read: Permission denied" in result.stderr
    assert "notes/a-paper.md: warning: cannot read: Permission denied" in result.stderr
    (project / "taxonomy.yml").write_text("topics: []\n")
    result = run("generate")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "taxonomy.yml: cannot read: Permission denied" in result.stderr


@pytest.mark.parametrize("error", ["EROFS", "ENOSPC"])
def test_a_read_only_docs_folder_or_a_full_disk_is_a_message(run, project, monkeypatch,
                                                             error):
    import errno

    import generator.writer as writer

    write_seed(project, "a.txt", HEADER + "A Paper\n\nIts abstract.\n")
    assert run("generate").exit_code == 0
    write_seed(project, "b.txt", HEADER + "B Paper\n\nIts abstract.\n")
    real = writer.atomic_write
    fail = _failing(lambda path: OSError(getattr(errno, error), os.strerror(
        getattr(errno, error)), str(path)) if path.name == "papers.json" else None)
    monkeypatch.setattr(writer, "atomic_write", fail(real))
    result = run("generate")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"docs/papers.json: {os.strerror(getattr(errno, error))}" in result.stderr
    assert "the next run finishes the job" in result.stderr
    monkeypatch.setattr(writer, "atomic_write", real)
    result = run("generate")
    assert result.exit_code == 0, result.output
    assert (project / "docs" / "papers" / "b-paper.md").is_file()
    assert "B Paper" in (project / "docs" / "papers.json").read_text()


def test_a_busy_dev_addr_is_a_message(run, project):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", "--dev-addr", f"127.0.0.1:{port}")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"--dev-addr '127.0.0.1:{port}': cannot listen there (Address already in use)" \
        in result.stderr
    for bad in ("8000", "127.0.0.1:\u00b2", "a" * 70 + ":8000", "\udcff:80"):
        result = run("serve", "--dev-addr", bad)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert "expected IP:PORT" in result.stderr or "not an address" in result.stderr


def test_an_unexpected_file_error_is_still_a_message(project, monkeypatch, capsys):
    import errno

    import generator.build as build
    from generator.cli import main

    write_seed(project, "a.txt", HEADER + "A Paper\n\nIts abstract.\n")
    monkeypatch.chdir(project)

    def full_disk(root, name, data):
        raise OSError(errno.ENOSPC, "No space left on device",
                      str(root / ".papershelf" / f"{name}.json"))

    monkeypatch.setattr(build, "write_cache", full_disk)
    monkeypatch.setattr(sys, "argv", ["papershelf", "generate"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 1
    assert "error: .papershelf/" in capsys.readouterr().err


def test_a_page_rewritten_by_hand_outlives_its_listing(run, project):
    write_seed(project, "a.txt", HEADER + "A Paper\n\nIts abstract.\n")
    write_seed(project, "b.txt", HEADER + "B Paper\n\nIts abstract.\n")
    assert run("generate").exit_code == 0
    page = project / "docs" / "listings" / "b.md"
    page.write_text("# B, as I remember it\n", encoding="utf-8")
    (project / "seeds" / "b.txt").unlink()
    result = run("generate")
    assert result.exit_code == 0
    assert ("warning: listings/b.md: no longer generated, but changed since Papershelf "
            "wrote it; left in place") in result.output
    assert page.read_text(encoding="utf-8") == "# B, as I remember it\n"
    assert not (project / "docs" / "papers" / "b-paper.md").exists()


def test_a_listing_named_in_the_settings(run, project):
    write_seed(project, "a.txt", HEADER + "Dec 9\n\nA Paper\n\nIts abstract.\n")
    (project / "papershelf.yml").write_text(
        "listing_names: {a.txt: My reading day, gone.txt: Gone}\n")
    result = run("generate")
    assert result.exit_code == 0
    assert ("papershelf.yml: warning: listing_names names 'gone.txt', which is not a listing "
            "in seeds/") in result.stderr
    assert "\n# My reading day\n" in (project / "docs" / "listings" / "a.md").read_text()


def test_an_unreadable_notes_folder_is_a_warning(run, project, monkeypatch):
    import errno

    write_seed(project, "a.txt", HEADER + "A Paper\n\nIts abstract.\n")
    (project / "notes").mkdir()
    (project / "notes" / "a-paper.md").write_text("Note.\n")
    real = Path.iterdir

    def iterdir(path):
        if path.name == "notes":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    result = run("generate")
    assert result.exit_code == 0
    assert "notes: warning: cannot read the folder: Permission denied; no note read" in \
        result.stderr


def test_a_very_long_note_query_is_refused_at_once(run, project):
    result = run("note", "ab" * 20000)
    assert result.exit_code == 1
    assert "the query is 40000 characters long; give a slug or words of the title" in \
        result.stderr
    assert len(result.stderr) < 300
