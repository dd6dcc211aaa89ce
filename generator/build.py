"""The orchestrator: read every input, compute everything, then write.

``collect`` reads the inputs (and the caches of earlier results, see :mod:`.cache`) and
computes; ``render`` (pure, in :mod:`.render`) makes every file; ``generate`` writes, or skips everything when no
input changed. :mod:`.publish` hands the result to MkDocs.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from .cache import RunSummary, digest, text_key
from .config import Config
from .dates import infer_listing_years
from .exceptions import StrictError
from .curation import Orphan, apply_notes, curate_related
from .files import (digest_inputs, display_path, docs_files, input_files, output_stamps,
                    read_cache, read_listings, read_mkdocs_settings, read_notes, read_yaml,
                    write_cache)
from .merge import merge_listings
from .model import Diagnostic, Level, Listing, Note, Paper, RelatedLink, YearEvidence
from .notes import did_you_mean, parse_note
from .readers import decode_listing, read_listing
from .related import DEFAULT_VARIANT, related_papers
from .render import render_site
from .site import GENERATED_ROOTS
from .slugs import assign_slugs
from .taxonomy import read_taxonomy
from .topics import UNCATEGORISED, Topic, topic_matcher
from .writer import WriteStats, write_outputs


class Stages:
    """Times the stages of a run; with a reporter, announces each as it starts."""

    def __init__(self, report: Callable[[str], None] | None = None):
        self.report = report
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if self.report:
            self.report(f"{name} ...")
        start = time.perf_counter()
        yield
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


@dataclass
class Collection:
    """Everything read and computed from the inputs, before anything is written."""

    listings: list[Listing]
    years: dict[str, YearEvidence]
    papers: list[Paper]
    taxonomy: list[Topic] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    orphans: list[Orphan] = field(default_factory=list)

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Level.WARNING]

    @property
    def entry_count(self) -> int:
        return sum(len(listing.entries) for listing in self.listings)

    def summary(self) -> RunSummary:
        return RunSummary(
            listings=len(self.listings), entries=self.entry_count, papers=len(self.papers),
            merged=sum(1 for paper in self.papers if len(paper.listings) > 1),
            skipped=len(self.skipped), warnings=self.warnings,
            notices=len(self.diagnostics) - len(self.warnings))


def collect(config: Config, stages: Stages | None = None,
            save_caches: bool = False) -> Collection:
    """Read the listings and compute the merged, dated, slugged, linked papers.

    Cached results are reused; they are saved only when ``save_caches`` is set (by
    ``generate``): ``check`` and ``note`` write nothing."""
    stages = stages or Stages()
    with stages.stage("read"):
        listings, skipped, diagnostics = _read(config)
    with stages.stage("merge"):
        diagnostics.extend(_check_configured_years(config, listings, skipped))
        years, found = infer_listing_years(listings, config.listing_years)
        diagnostics.extend(found)
        papers, found = merge_listings(listings, years)
        diagnostics.extend(found)
        assign_slugs(papers)
        papers.sort(key=lambda paper: paper.slug)
    with stages.stage("topics"):
        taxonomy = _assign_topics(config, papers, diagnostics, save_caches)
    with stages.stage("notes"):
        notes = _read_notes(config, diagnostics)
        orphans, found = apply_notes(papers, notes, [topic.name for topic in taxonomy])
        diagnostics.extend(found)
        diagnostics.extend(_uncategorised(papers, listings))
    with stages.stage("related"):
        _link_related(papers, config, save_caches)
    return Collection(listings, years, papers, taxonomy, _ordered(diagnostics), skipped,
                      orphans)


def _read(config: Config) -> tuple[list[Listing], list[str], list[Diagnostic]]:
    sources, ignored, refused = read_listings(config.seeds_dir, config.root)
    diagnostics = [Diagnostic(Level.NOTICE, path, None, "not a text capture (*.txt, *.md); ignored")
                   for path in ignored] + _refused(refused)
    if not sources:
        diagnostics.append(Diagnostic(Level.WARNING, display_path(config.seeds_dir, config.root),
                                      None, "no listings: expected captures (*.txt, *.md) here"))
    listings, skipped = [], []
    for source in sources:
        text, problem = decode_listing(source.data, source.display)
        if problem:
            diagnostics.append(problem)
            skipped.append(source.display)
            continue
        listing, found = read_listing(text, source.name, source.display)
        listings.append(listing)
        diagnostics.extend(found)
    return listings, skipped, diagnostics


def generate(config: Config, strict: bool = False,
             stages: Stages | None = None) -> tuple[RunSummary, WriteStats]:
    """Collect, stop on warnings if strict, then write only what changed.

    When no input changed since the last run and no output was touched, nothing is
    computed or written: the last run's summary is reported again.
    """
    stages = stages or Stages()
    with stages.stage("digest"):
        inputs = _input_digest(config)
        cached = _unchanged_run(config, inputs)
    if cached is not None:
        summary, outputs = cached
        if strict and summary.warnings:
            raise StrictError(summary.warnings)
        return summary, WriteStats(unchanged=outputs)
    collection = collect(config, stages, save_caches=True)
    with stages.stage("render"):
        collection, outputs = render(config, collection)
    summary = collection.summary()
    if strict and summary.warnings:
        raise StrictError(summary.warnings)
    with stages.stage("write"):
        stats = write_outputs(config.docs_dir, outputs, GENERATED_ROOTS)
        write_cache(config.root, "run", {
            "inputs": inputs, "summary": summary.to_json(),
            "outputs": output_stamps(config.docs_dir, sorted(outputs))})
    return summary, stats


def render(config: Config, collection: Collection) -> tuple[Collection, dict[str, str]]:
    """The generated files, and the collection with what rendering found added to its
    diagnostics (links in notes that lead nowhere)."""
    rendered = render_site(collection, docs_files(config.docs_dir, GENERATED_ROOTS),
                           _repository_path(config.notes_dir, config),
                           **_site_settings(config))
    diagnostics = _ordered(collection.diagnostics + rendered.diagnostics)
    return replace(collection, diagnostics=diagnostics), rendered.outputs


def _site_settings(config: Config) -> dict[str, str]:
    """The published address and name, from mkdocs.yml (feeds and citations need them)."""
    settings = read_mkdocs_settings(config.mkdocs_config)
    url = str(settings.get("site_url") or "")
    return {"site_url": url if not url or url.endswith("/") else url + "/",
            "site_name": str(settings.get("site_name") or "Papershelf"),
            "listing_names": config.listing_names,
            "publish_orphans": config.publish_orphaned_notes}


def _input_digest(config: Config) -> str:
    # cache.digest adds the generator's own source: a changed generator regenerates.
    files = digest_inputs([*input_files(config.seeds_dir, config.notes_dir), config.taxonomy,
                           config.mkdocs_config], config.root)
    # Links in notes are checked against the hand-written files of docs/.
    hand_written = sorted(docs_files(config.docs_dir, GENERATED_ROOTS))
    return digest(files, [str(value) for value in vars(config).values()],
                  _repository_path(config.notes_dir, config), hand_written)


def _unchanged_run(config: Config, inputs: str) -> tuple[RunSummary, list[str]] | None:
    last = read_cache(config.root, "run")
    if not last or last.get("inputs") != inputs or not last.get("outputs"):
        return None
    try:
        if output_stamps(config.docs_dir, list(last["outputs"])) != last["outputs"]:
            return None
        return RunSummary.from_json(last["summary"]), sorted(last["outputs"])
    except (KeyError, TypeError, ValueError, AttributeError):  # not what a run writes
        return None


def _repository_path(path, config: Config) -> str:
    """A path relative to the project folder, in the form repository URLs use."""
    return display_path(path, config.root).replace(os.sep, "/")


def _assign_topics(config: Config, papers: list[Paper], diagnostics: list[Diagnostic],
                   save_caches: bool) -> list[Topic]:
    """Topics from the taxonomy file, reusing cached results for unchanged papers."""
    document = read_yaml(config.taxonomy, config.root, with_node=True)
    shown = display_path(config.taxonomy, config.root)
    if document is None:
        diagnostics.append(Diagnostic(Level.NOTICE, shown, None,
                                      "no taxonomy file: every paper is uncategorised"))
        raw, taxonomy = None, []
    else:
        raw, node = document
        taxonomy, found = read_taxonomy(raw, shown, node)
        diagnostics.extend(found)
    key = digest(raw)
    cached = read_cache(config.root, "topics") or {}
    known = cached.get("papers", {}) if cached.get("taxonomy") == key else {}
    match = topic_matcher(taxonomy)
    found = {}
    for paper in papers:
        text = text_key(paper.title, paper.abstract)
        topics = known.get(text)
        if topics is None:
            topics = match(paper.title, paper.abstract) if taxonomy else []
        found[text] = topics
        paper.topics = list(topics) or [UNCATEGORISED]
    if save_caches and found != known:
        write_cache(config.root, "topics", {"taxonomy": key, "papers": found})
    return taxonomy


def _refused(files: list[tuple[str, str]]) -> list[Diagnostic]:
    return [Diagnostic(Level.WARNING, path, None, reason) for path, reason in files]


def _read_notes(config: Config, diagnostics: list[Diagnostic]) -> list[Note]:
    notes = []
    sources, refused = read_notes(config.notes_dir, config.root)
    diagnostics.extend(_refused(refused))
    for source in sources:
        try:
            text = source.data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = source.data.count(b"\n", 0, exc.start) + 1
            diagnostics.append(Diagnostic(Level.WARNING, source.display, line, (
                f"not UTF-8 text (byte offset {exc.start}); note skipped (it is not changed)")))
            continue
        note, found = parse_note(text, source.name.removesuffix(".md"), source.display)
        notes.append(note)
        diagnostics.extend(found)
    return notes


def _uncategorised(papers: list[Paper], listings: list[Listing]) -> list[Diagnostic]:
    paths = {listing.source: listing.path for listing in listings}
    return [Diagnostic(Level.NOTICE, paths.get(paper.listings[0].source,
                                               paper.listings[0].source),
                       paper.listings[0].line,
                       f"{paper.title!r} matches no topic (uncategorised)")
            for paper in papers if paper.topics == [UNCATEGORISED]]


def _link_related(papers: list[Paper], config: Config, save_caches: bool) -> None:
    """Fill ``paper.related`` with slug, score and the shared terms, best first.

    The links depend only on every paper's text and the settings, so they are cached
    under a digest of those; the curator's pins and exclusions apply afterwards."""
    key = digest(DEFAULT_VARIANT, config.related_count, config.related_min_score,
                 [[p.slug, p.title, p.abstract] for p in papers])
    cached = read_cache(config.root, "related")
    if cached and cached.get("key") == key:
        links = cached["links"]
    else:
        found = related_papers([p.title for p in papers], [p.abstract for p in papers],
                               k=config.related_count, min_score=config.related_min_score)
        links = [[{"slug": papers[item.index].slug, "score": item.score,
                   "why": list(item.why)} for item in row] for row in found]
        if save_caches:
            write_cache(config.root, "related", {"key": key, "links": links})
    by_slug = {paper.slug: paper for paper in papers}
    for paper, related in zip(papers, links):
        paper.related = [RelatedLink.from_json(link) for link in related]
        curate_related(paper, by_slug, config.related_count)


def _check_configured_years(config: Config, listings: list[Listing],
                            skipped: list[str]) -> list[Diagnostic]:
    names = {listing.source for listing in listings} | {path.split("/")[-1] for path in skipped}
    return [Diagnostic(Level.WARNING, display_path(config.path, config.root), None,
                       f"{option} names {name!r}, which is not a listing in "
                       f"{config.seeds_dir.name}/{did_you_mean(name, sorted(names))}")
            for option in ("listing_years", "listing_names")
            for name in sorted(getattr(config, option)) if name not in names]


def _ordered(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.path, d.line or 0, d.level.value, d.message))
