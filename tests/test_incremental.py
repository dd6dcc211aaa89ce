"""Incremental builds (generator/incremental.py) equal clean builds, through the changes a
curator makes: after each change the incrementally built site is compared, file by file,
with a clean build of the same inputs in a fresh copy of the project."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_project, free_port, serve_once

pytestmark = pytest.mark.e2e

CAPTURES = Path(__file__).parent / "data" / "captures"
NOTE = "notes/the-monge-gap-a-regularizer-to-learn-all-transport-maps.md"
# The sitemap's gzip header holds the build time; a fixed one makes two builds comparable.
ENVIRONMENT = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}


def build(project: Path, *args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "generator", "build", *args],
                            cwd=project, capture_output=True, text=True, check=False,
                            env=ENVIRONMENT)
    assert result.returncode == 0, result.stderr
    return result.stderr


def kind(log: str) -> str:
    """The plugin's line saying which build ran, or "unchanged" when MkDocs was not run."""
    if "Site: unchanged since the last build" in log:
        return "unchanged"
    return re.search(r"Papershelf: (.*)", log).group(1)


def clean_copy(project: Path, target: Path) -> Path:
    """The project's inputs without anything a build wrote: no site, no caches, none of the
    generated pages (the generator's manifest lists them)."""
    written = set(json.loads((project / "docs" / ".papershelf-manifest.json").read_text())
                  ["files"]) | {".papershelf-manifest.json"}
    shutil.copytree(project, target, ignore=lambda folder, names: [
        name for name in names
        if Path(folder, name) in (project / "site", project / ".papershelf")
        or Path(folder, name).relative_to(project).parts[:1] == ("docs",)
        and Path(folder, name).relative_to(project / "docs").as_posix() in written])
    return target


def tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def assert_same_as_clean(project: Path, scratch: Path) -> None:
    clean = clean_copy(project, scratch)
    assert "full build" in kind(build(clean, "--clean"))
    built, expected = tree(project / "site"), tree(clean / "site")
    assert sorted(built) == sorted(expected)
    different = [name for name in expected if built[name] != expected[name]]
    assert different == []


def split_long_pages(project: Path) -> None:
    # Index pages of more than 20 papers become pages of parts (generator/parts.py).
    config = project / "papershelf.yml"
    config.write_text(config.read_text() + "\npapers_per_page: 20\n", encoding="utf-8")


def add_listing(project: Path) -> None:
    shutil.copy(CAPTURES / "arxiv-new-text-q-fin-st.md", project / "seeds" / "q-fin-st.md")


def edit_note(project: Path) -> None:
    note = project / NOTE
    note.write_text(note.read_text() + "\nA second look: see [the listing](../listings/index.md)"
                    " and $W_2$.\n", encoding="utf-8")


def remove_listing(project: Path) -> None:
    (project / "seeds" / "q-fin-st.md").unlink()
    (project / "seeds" / "003_aebe2225b160241a.txt").unlink()


def change_taxonomy(project: Path) -> None:
    taxonomy = project / "taxonomy.yml"
    # A renamed topic moves its page and changes every page that links to it.
    taxonomy.write_text(taxonomy.read_text().replace(
        "name: Learning theory & generalization", "name: Generalization theory"),
        encoding="utf-8")


def delete_note(project: Path) -> None:
    # A paper still listed (the edited note's paper went with its listing).
    (project / "notes" / "sparsing-law-towards-large-language-models-with-greater-activation"
     "-sparsity.md").unlink()


def rename_capture(project: Path) -> None:
    # The listing's name, its page and every "Listed in" line that names it change.
    seeds = project / "seeds"
    (seeds / "001_860ffc6983f950ae.txt").rename(seeds / "001_renamed.txt")


def link_a_hand_written_page(project: Path) -> None:
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8")
                     + "\nThis week's reading: [a paper](papers/stable-resnet.md).\n",
                     encoding="utf-8")


def change_template(project: Path) -> None:
    template = project / "overrides" / "paper.html"
    template.write_text(template.read_text() + "\n{#- changed -#}\n<!-- a changed template -->\n",
                        encoding="utf-8")


# Each change, the build it makes, and whether it changes what search reads (Pagefind runs
# only then, or on a full build).
STEPS = [("split long index pages", split_long_pages, "incremental", False),
         ("add a listing", add_listing, "incremental", True),
         ("edit a note", edit_note, "incremental", True),
         ("remove a listing", remove_listing, "incremental", True),
         ("change the taxonomy", change_taxonomy, "incremental", False),
         ("delete a note", delete_note, "incremental", True),
         ("rename a capture", rename_capture, "incremental", False),
         ("link a hand-written page to a paper", link_a_hand_written_page, "incremental",
          True),
         ("change a template", change_template, "full build", True)]


def test_an_incremental_build_equals_a_clean_build_after_each_change(tmp_path):
    project = copy_project(tmp_path / "project")
    assert kind(build(project)) == "full build of 241 pages: no previous build"
    assert kind(build(project)) == "unchanged"
    for number, (name, change, expected, searched) in enumerate(STEPS):
        change(project)
        log = build(project)
        assert kind(log).startswith(expected), (name, kind(log))
        assert ("search index written" in log) == searched, name
        assert_same_as_clean(project, tmp_path / f"clean-{number}")


def test_an_interrupted_build_is_followed_by_a_full_one(tmp_path):
    project = copy_project(tmp_path / "project")
    build(project)
    (project / ".papershelf" / "site.building").touch()
    assert kind(build(project)).endswith("the previous build was interrupted")
    assert kind(build(project)) == "unchanged"
    # A hand-written page changed: MkDocs runs and renders that page alone.
    about = project / "docs" / "about.md"
    about.write_text(about.read_text() + "\nOne more line.\n", encoding="utf-8")
    assert kind(build(project)) == "incremental build: 1 of 241 pages to render"


def test_a_changed_or_removed_output_file_is_written_again(tmp_path):
    project = copy_project(tmp_path / "project")
    build(project)
    page = project / "site" / "about" / "index.html"
    original = page.read_bytes()
    page.write_text("defaced", encoding="utf-8")
    (project / "site" / "papers" / "stable-resnet" / "index.html").unlink()
    assert kind(build(project)).startswith("incremental build: 2 of")
    assert page.read_bytes() == original
    assert (project / "site" / "papers" / "stable-resnet" / "index.html").is_file()


def test_a_page_that_warned_is_rendered_again_so_strict_still_fails(tmp_path):
    project = copy_project(tmp_path / "project")
    about = project / "docs" / "about.md"
    about.write_text(about.read_text() + "\n[gone](papers/no-such-paper.md)\n",
                     encoding="utf-8")
    for _ in range(2):
        result = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project,
                                capture_output=True, text=True, check=False, env=ENVIRONMENT)
        assert result.returncode != 0 and "no-such-paper.md" in result.stderr


def test_a_site_without_directory_urls_is_refused_with_a_message(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n",
                      encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project,
                            capture_output=True, text=True, check=False, env=ENVIRONMENT)
    assert result.returncode != 0
    assert "use_directory_urls: false is not supported" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_new_server_starts_from_the_site_the_last_one_served(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    assert kind(serve_once(project, port, ENVIRONMENT)[0]) == \
        "full build of 241 pages: no previous build"
    edit_note(project)
    assert kind(serve_once(project, port, ENVIRONMENT)[0]).startswith("incremental build: 1 of")
    # The same inputs served by a server that starts from nothing: the same site.
    clean = clean_copy(project, tmp_path / "clean")
    assert kind(serve_once(clean, port, ENVIRONMENT)[0]).startswith("full build")
    mirrored = tree(project / ".papershelf" / "serve" / "site")
    expected = tree(clean / ".papershelf" / "serve" / "site")
    assert sorted(mirrored) == sorted(expected) and len(expected) > 400
    assert [name for name in expected if mirrored[name] != expected[name]] == []
