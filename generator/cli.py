"""The ``papershelf`` command: a thin layer over :mod:`generator.build`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .build import collect, generate, render
from .stages import Stages
from .config import CONFIG_FILE, load_config
from .exceptions import PapershelfError, StrictError
from .files import display_path, os_error_text
from .locks import project_lock
from .report import format_check_report, format_summary

_config_option = click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
    help=f"Configuration file (default: ./{CONFIG_FILE} if present).")
_strict_option = click.option(
    "--strict", is_flag=True, help="Treat warnings as errors: exit 1 and write nothing.")
# Titles are at most a few hundred characters; matching a longer query costs seconds.
MAX_QUERY = 400

_verbose_option = click.option(
    "--verbose", "-v", is_flag=True,
    help="Announce each stage as it starts and print its time (default when on a terminal).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="papershelf")
def cli() -> None:
    """Papershelf: turn scraped paper listings into a curated reading-list site."""


@cli.command("generate")
@_config_option
@_strict_option
@_verbose_option
def generate_command(config_path: Path | None, strict: bool, verbose: bool) -> None:
    """Read seeds/ and write the generated pages and papers.json into docs/."""
    _run(lambda config, stages, shown: generate(config, strict, stages), config_path, verbose)


@cli.command("build")
@_config_option
@_strict_option
@_verbose_option
@click.option("--clean", is_flag=True,
              help="Rebuild every page, as plain `mkdocs build` does (by default only the pages "
                   "whose source or dependencies changed are rendered again).")
def build_command(config_path: Path | None, strict: bool, verbose: bool, clean: bool) -> None:
    """Generate, then build the site into site/ with `mkdocs build --strict`."""
    from .publish import build_site

    _run(lambda config, stages, shown: build_site(config, strict, stages, shown, clean),
         config_path, verbose)


@cli.command("deploy")
@_config_option
@_strict_option
@_verbose_option
@click.option("--remote-name", default="origin", show_default=True,
              help="The git remote to push the site to.")
@click.option("--remote-branch", default="gh-pages", show_default=True,
              help="The branch GitHub Pages publishes from.")
def deploy_command(config_path: Path | None, strict: bool, verbose: bool, remote_name: str,
                   remote_branch: str) -> None:
    """Generate, build and push the site to GitHub Pages (mkdocs gh-deploy)."""
    from .publish import deploy_site

    _run(lambda config, stages, shown: deploy_site(config, strict, remote_name, remote_branch,
                                                   stages, shown), config_path, verbose)


@cli.command("serve")
@_config_option
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True,
              metavar="IP:PORT", help="Address to serve the site on.")
def serve_command(config_path: Path | None, dev_addr: str) -> None:
    """Generate and serve the site with live reload; regenerate when inputs change."""
    from .serve import serve_site

    code = serve_site(config_path, dev_addr, lambda line: click.echo(line))
    click.get_current_context().exit(code)


@cli.command("note")
@_config_option
@click.argument("query")
def note_command(config_path: Path | None, query: str) -> None:
    """Create notes/<slug>.md for the paper QUERY names (a slug, a title or part of one).

    Prints the note's path. An existing note is never overwritten.
    """
    from .curation import find_paper
    from .files import create_note
    from .notes import note_template

    if len(query) > MAX_QUERY:
        raise PapershelfError(f"the query is {len(query)} characters long; give a slug or "
                              f"words of the title (at most {MAX_QUERY} characters)")
    config = load_config(config_path)
    papers = collect(config).papers
    paper, candidates = find_paper(query, papers)
    if paper is None:
        if candidates:
            listed = "\n".join(f"  {p.slug}  {p.title}" for p in candidates[:10])
            raise PapershelfError(f"{query!r} matches {len(candidates)} papers; give more of "
                                  f"the title or one of these slugs:\n{listed}")
        raise PapershelfError(f"no paper matches {query!r}; give words of its title, or its "
                              f"slug (every paper's slug is in docs/papers.json)")
    path = config.notes_dir / f"{paper.slug}.md"
    created = create_note(path, note_template(paper.title))
    if created:
        click.echo(f"Created a note on {paper.title!r}:", err=True)
    else:
        click.echo(f"A note on {paper.title!r} exists already (left unchanged):", err=True)
    click.echo(display_path(path, config.root))


@cli.command("check")
@_config_option
@_strict_option
def check_command(config_path: Path | None, strict: bool) -> None:
    """Validate the inputs and print a report; writes nothing."""
    config = load_config(config_path)
    # Rendered, never written: links in notes are checked against the site's pages.
    collection, _ = render(config, collect(config))
    click.echo(format_check_report(collection))
    if strict and collection.warnings:
        raise StrictError(collection.warnings)


def _run(action, config_path: Path | None, verbose: bool) -> None:
    show = verbose or sys.stderr.isatty()
    stages = Stages(report=(lambda line: click.echo(line, err=True)) if show else None)
    shown = []

    def show_result(summary, stats) -> None:
        """Papershelf's own warnings and summary, as soon as the docs are written (before
        MkDocs runs, so that they come first if it fails)."""
        shown.append(True)
        # Notices can be one per paper; `check` lists them, a build only counts them.
        for diagnostic in summary.warnings:
            click.echo(str(diagnostic), err=True)
        click.echo(format_summary(summary, stats))

    config = load_config(config_path)
    with project_lock(config.root, lambda line: click.echo(line, err=True)):
        summary, stats = action(config, stages, show_result)
    if not shown:
        show_result(summary, stats)
    if show:
        click.echo("Times: " + ", ".join(f"{name} {seconds:.2f} s"
                                         for name, seconds in stages.seconds.items()), err=True)


def main() -> None:
    try:
        cli(prog_name="papershelf")
    except OSError as exc:
        # The last line of defence: a file operation no stage expected to fail (a full
        # disk, a folder made read-only mid-run) is a message naming the file.
        PapershelfError(os_error_text(exc)).show()
        sys.exit(1)
