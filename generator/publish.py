"""Handing the generated docs to MkDocs: ``papershelf build`` and ``papershelf deploy``.

Both generate first and report Papershelf's own warnings (through ``on_generated``) before
MkDocs runs. MkDocs then validates every link of the built pages; if it fails anyway, the
message names the files the curator edits behind the pages it complained about (a note
for a paper page, the hand-written page itself), not only the generated page.

``deploy`` lets ``mkdocs gh-deploy`` build the site and push it to the ``gh-pages`` branch
(the Pages source "Deploy from a branch"). The GitHub Actions workflow in
``.github/workflows/pages.yml`` is the alternative that needs no local push.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable

from .build import generate
from .site_inputs import site_unchanged
from .stages import Stages
from .cache import RunSummary
from .config import Config
from .exceptions import BuildError
from .files import display_path, read_mkdocs_settings
from .site import GENERATED_ROOTS
from .writer import WriteStats

Generated = Callable[[RunSummary, WriteStats], None]
_DOC_FILE = re.compile(r"Doc file '([^']+)'")


def mkdocs_environment() -> dict[str, str]:
    """The environment for MkDocs, without Material's end-of-life banner on every run."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def mkdocs_command(config: Config, *arguments: str) -> list[str]:
    """The MkDocs command line for ``build``, ``gh-deploy`` or ``serve`` on the project's
    configuration (run with :func:`mkdocs_environment`, in the project folder)."""
    return [sys.executable, "-m", "mkdocs", *arguments,
            "--config-file", str(config.mkdocs_config)]


def build_site(config: Config, strict: bool = False, stages: Stages | None = None,
               on_generated: Generated | None = None, clean: bool = False
               ) -> tuple[RunSummary, WriteStats]:
    """Generate, then ``mkdocs build --strict`` the site: incrementally (``--dirty``) when
    the ``papershelf`` plugin is configured and ``clean`` is not asked for."""
    # Not --quiet: with it, MkDocs 1.6 also hides the warnings that --strict turns into a
    # failure, and a broken link would pass.
    arguments = ["build", "--strict"] + incremental_arguments(config, clean)
    return _generate_then(config, strict, stages, on_generated, "build", arguments,
                          skip_unchanged="--dirty" in arguments)


def incremental_arguments(config: Config, clean: bool = False) -> list[str]:
    """``--dirty`` when the plugin that makes a dirty build equal a clean one is configured
    (without it, MkDocs' own --dirty leaves stale pages and a partial search index)."""
    plugins = read_mkdocs_settings(config.mkdocs_config).get("plugins") or []
    names = [next(iter(entry), None) if isinstance(entry, dict) else entry
             for entry in (plugins if isinstance(plugins, list) else [])]
    return [] if clean or "papershelf" not in names else ["--dirty"]


def deploy_site(config: Config, strict: bool, remote: str, branch: str,
                stages: Stages | None = None, on_generated: Generated | None = None
                ) -> tuple[RunSummary, WriteStats]:
    return _generate_then(config, strict, stages, on_generated, "gh-deploy",
                          ["gh-deploy", "--force", "--strict", "--remote-name", remote,
                           "--remote-branch", branch])


def _generate_then(config: Config, strict: bool, stages: Stages | None,
                   on_generated: Generated | None, name: str, arguments: list[str],
                   skip_unchanged: bool = False) -> tuple[RunSummary, WriteStats]:
    stages = stages or Stages()
    summary, stats = generate(config, strict, stages)
    if on_generated:
        on_generated(summary, stats)
    # Files just written or removed in docs/ are a change (no need to look: 100,000 files at
    # 20,000 papers take 1.5 s).
    if skip_unchanged and not (stats.written or stats.removed) \
            and site_unchanged(config.mkdocs_config.resolve().parent):
        # Nothing MkDocs reads changed since it last finished without a warning.
        print("Site: unchanged since the last build (MkDocs not run; --clean rebuilds it)",
              file=sys.stderr)
        return summary, stats
    with stages.stage(f"mkdocs {name}"):
        returncode, pages = _run_mkdocs(mkdocs_command(config, *arguments), config)
    if returncode != 0:
        raise BuildError(f"mkdocs {name} failed (exit {returncode}); see its output above"
                         + _sources(pages, config))
    return summary, stats


def _run_mkdocs(command: list[str], config: Config) -> tuple[int, list[str]]:
    """Run MkDocs, passing its messages through as they come; the docs pages they name."""
    process = subprocess.Popen(command, cwd=config.root, env=mkdocs_environment(),
                               stderr=subprocess.PIPE, text=True, errors="replace")
    pages = []
    for line in process.stderr:
        sys.stderr.write(line)
        pages += [page for page in _DOC_FILE.findall(line) if page not in pages]
    return process.wait(), pages


def _sources(pages: list[str], config: Config) -> str:
    """The files to fix behind the pages MkDocs complained about."""
    sources = []
    for page in pages:
        top = page.split("/")[0]
        slug = page.removeprefix("papers/").removesuffix(".md")
        note = config.notes_dir / f"{slug}.md"
        if top == "papers" and note.is_file():
            sources.append(f"{display_path(note, config.root)} (on {page})")
        elif top not in GENERATED_ROOTS:
            sources.append(display_path(config.docs_dir / page, config.root))
        else:
            sources.append(f"{page} (generated from the listings: please report this)")
    return ". The pages it names come from: " + ", ".join(sources) if sources else ""
