from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

from generator.readers import read_listing
from tests.browser import browser  # noqa: F401  (a fixture for the browser tests)

ROOT = Path(__file__).resolve().parent.parent
# The tests never read the curator's own content: see benchmarks/project.py.
from benchmarks.project import FIXTURE, TOOL_FILES, copy_project  # noqa: E402,F401

HEADER = "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\n" \
         "byAK and the research community\n\n"

LONG = ("We study a problem at length and explain every step of the method in detail, "
        "so that this paragraph is unmistakably an abstract rather than a title. ") * 4


def parse(text: str, source: str = "l.txt"):
    """Parse dedented listing text; returns (listing, diagnostics)."""
    return read_listing(textwrap.dedent(text).lstrip("\n"), source, f"seeds/{source}")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project folder with a seeds/ and docs/ folder and a minimal mkdocs.yml."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\ntheme:\n  name: material\n  font: false\nnav:\n  - index.md\n",
        encoding="utf-8")
    return tmp_path


def run_papershelf(project: Path, *args: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project,
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The seeds' site, built once per test run with `papershelf build --strict`."""
    project = copy_project(tmp_path_factory.mktemp("site") / "project")
    result = run_papershelf(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project


SHELF = Path(__file__).parent / "data" / "shelf"
SHELF_CAPTURES = ("arxiv-new-text-q-fin-st.md", "arxiv-new-text-q-fin-tr.md")


@pytest.fixture(scope="session")
def shelf_site(tmp_path_factory) -> Path:
    """The project plus two arXiv listings and curated notes (tests/data/shelf), built
    with `papershelf build --strict`."""
    import shutil

    project = copy_project(tmp_path_factory.mktemp("shelf") / "project")
    captures = Path(__file__).parent / "data" / "captures"
    for name in SHELF_CAPTURES:
        shutil.copy(captures / name, project / "seeds" / name)
    for note in (SHELF / "notes").iterdir():
        shutil.copy(note, project / "notes" / note.name)
    result = run_papershelf(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """A site built from tests/hostile.py's listing and note (see there)."""
    from tests.hostile import HOSTILE_NOTE, listing_bytes

    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    for path in [*(project / "seeds").iterdir(), *(project / "notes").iterdir()]:
        path.unlink()
    (project / "seeds" / "hostile.txt").write_bytes(listing_bytes())
    result = run_papershelf(project, "build")
    assert result.returncode == 0, result.stderr
    catalog = json.loads((project / "site" / "papers.json").read_text(encoding="utf-8"))
    slug = next(p["slug"] for p in catalog["papers"] if p["title"].startswith("<script>"))
    (project / "notes" / f"{slug}.md").write_text(HOSTILE_NOTE, encoding="utf-8")
    result = run_papershelf(project, "build")
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="session")
def hostile_catalog(hostile_site):
    return json.loads((hostile_site / "site" / "papers.json").read_text(encoding="utf-8"))


# Tests that build a real site, run the command in a process, drive a browser or a
# validator: the end-to-end tier. Everything else is the unit tier, which runs alone in
# seconds: `pytest -m "not e2e"`.
E2E_FIXTURES = {"built_site", "hostile_site", "shelf_site", "browser", "served", "site",
                "catalog"}
E2E_MODULES = {"test_browser", "test_validity", "test_publish", "test_notes_roundtrip",
               "test_resources", "test_corpus", "test_properties", "test_built_site",
               "test_hostile"}
E2E_TESTS = {"test_serve_regenerates_when_a_listing_changes",
             "test_serve_stopped_by_ctrl_c_leaves_nothing_behind",
             "test_serve_started_with_ctrl_c_ignored_still_stops_cleanly",
             "test_a_second_run_waits_for_the_first",
             "test_a_build_never_publishes_what_a_link_points_at",
             "test_every_feed_bibtex_and_csl_file_parses",
             "test_a_site_built_from_captures_shows_what_ids_give",
             "test_note_authors_arxiv_and_doi_reach_the_citations"}


def pytest_collection_modifyitems(items):
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1]
        if module in E2E_MODULES or E2E_FIXTURES & set(item.fixturenames) \
                or item.originalname in E2E_TESTS:
            item.add_marker(pytest.mark.e2e)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_once(project: Path, port: int, env: dict,
               terminate: bool = False) -> tuple[str, float]:
    """``papershelf serve`` in its own process group, as a terminal runs it, until the site
    is served, then Ctrl+C (every process of the group has it); what it printed, and how
    long it took to stop. ``terminate``: started with Ctrl+C ignored, as a background job
    of a script is, and stopped with SIGTERM."""
    def ignore_ctrl_c():
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-a",
                               f"127.0.0.1:{port}"], cwd=project, start_new_session=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env=env, preexec_fn=ignore_ctrl_c if terminate else None)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).close()
                break
            except OSError as error:
                if getattr(error, "code", None):  # served, under the site's own path
                    break
                time.sleep(0.5)
        started = time.monotonic()
        if terminate:
            server.terminate()
        else:
            os.killpg(server.pid, signal.SIGINT)
        return server.communicate(timeout=60)[0], time.monotonic() - started
    finally:
        if server.poll() is None:
            server.kill()
