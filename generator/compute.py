"""The compute stage: from the inputs of a run to the collection the site is made of.

Pure: it reads no file and writes none. Results of earlier runs come in with the inputs
(the caches) and the ones worth keeping go out with the collection, for the caller to save.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from . import listing_cache
from .stages import Stages
from .cache import RunSummary, digest, text_key
from .config import Config
from .curation import Orphan, apply_notes, link_related
from .dates import infer_listing_years
from .files import display_path
from .inputs import Inputs
from .merge import merge_listings
from .model import Diagnostic, Level, Listing, Paper, YearEvidence
from .messages import did_you_mean, shown
from .embeddings import MODEL, cached_embed
from .related import TFIDF_WEIGHT, related_papers
from .slugs import assign_slugs
from .terms import DEFAULT_VARIANT, paper_text
from .topics import UNCATEGORISED, Topic, assign_topics
from .words import Words


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
    # Cache files to save ({name: data}), when a result differs from the cached one.
    caches: dict[str, dict] = field(default_factory=dict)

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


def compute(inputs: Inputs, config: Config, stages: Stages | None = None) -> Collection:
    """The merged, dated, slugged papers with their topics, notes and related papers."""
    stages = stages or Stages()
    diagnostics = list(inputs.diagnostics)
    caches: dict[str, dict] = {}
    if inputs.listings_cache is not None:
        caches[listing_cache.NAME] = inputs.listings_cache
    with stages.stage("merge"):
        diagnostics += _configured_listings(config, inputs)
        years, found = infer_listing_years(inputs.listings, config.listing_years)
        diagnostics += found
        papers, found = merge_listings(inputs.listings, years)
        diagnostics += found
        assign_slugs(papers)
        papers.sort(key=lambda paper: paper.slug)
    with stages.stage("topics"):
        _topics(inputs, papers, caches)
    with stages.stage("notes"):
        orphans, found = apply_notes(papers, inputs.notes,
                                     [topic.name for topic in inputs.taxonomy])
        diagnostics += found + _uncategorised(papers, inputs.listings)
    with stages.stage("related"), _collector_paused():
        _related(inputs, config, papers, caches)
    return Collection(inputs.listings, years, papers, inputs.taxonomy, ordered(diagnostics),
                      inputs.skipped, orphans, caches)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a while: the related step makes millions
    of small objects, none in a cycle, and each collection would walk every object of the
    run again (a second in seven at 20,000 papers)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _topics(inputs: Inputs, papers: list[Paper], caches: dict[str, dict]) -> None:
    cached = inputs.topics_cache
    known = cached.get("papers", {}) if cached.get("taxonomy") == inputs.taxonomy_key else {}
    found = assign_topics(papers, inputs.taxonomy, known)
    if found != known:
        caches["topics"] = {"taxonomy": inputs.taxonomy_key, "papers": found}


def _related(inputs: Inputs, config: Config, papers: list[Paper],
             caches: dict[str, dict]) -> None:
    """Related papers depend only on every paper's text and the settings: cached under a
    digest of those; the curator's pins and exclusions apply afterwards."""
    key = digest(DEFAULT_VARIANT, TFIDF_WEIGHT, MODEL, config.related_count,
                 config.related_min_score, [[p.slug, p.title, p.abstract] for p in papers])
    cached = inputs.related_cache
    if config.related_count == 0:  # none wanted: nothing to embed or compare
        links = [[] for _ in papers]
    elif cached.get("key") == key:
        links = cached["links"]
    else:
        words = Words.of([paper_text(p.title, p.abstract) for p in papers])
        vectors, caches["embeddings"], _ = cached_embed(
            [text_key(p.title, p.abstract) for p in papers], words, inputs.embedding_cache)
        found = related_papers(words, k=config.related_count,
                               min_score=config.related_min_score, vectors=vectors)
        links = [[{"slug": papers[item.index].slug, "score": item.score,
                   "why": list(item.why)} for item in row] for row in found]
        caches["related"] = {"key": key, "links": links}
    link_related(papers, links, config.related_count)


def _configured_listings(config: Config, inputs: Inputs) -> list[Diagnostic]:
    """Settings that name a listing that is not there."""
    names = {listing.source for listing in inputs.listings} | {
        path.split("/")[-1] for path in inputs.skipped}
    return [Diagnostic(Level.WARNING, display_path(config.path, config.root), None,
                       f"{option} names {shown(name)}, which is not a listing in "
                       f"{config.seeds_dir.name}/{did_you_mean(name, sorted(names))}")
            for option in ("listing_years", "listing_names")
            for name in sorted(getattr(config, option)) if name not in names]


def _uncategorised(papers: list[Paper], listings: list[Listing]) -> list[Diagnostic]:
    paths = {listing.source: listing.path for listing in listings}
    return [Diagnostic(Level.NOTICE, paths.get(paper.listings[0].source,
                                               paper.listings[0].source),
                       paper.listings[0].line,
                       f"{paper.title!r} matches no topic (uncategorised)")
            for paper in papers if paper.topics == [UNCATEGORISED]]


def ordered(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.path, d.line or 0, d.level.value, d.message))
