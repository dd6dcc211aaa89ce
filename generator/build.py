"""The orchestrator: read every input, compute everything, render, then write.

``collect`` reads the inputs (:mod:`.inputs`, the caches of earlier results included) and
computes (:mod:`.compute`, pure); ``render`` makes every file (:mod:`.render`, pure);
``generate`` writes, or skips everything when no input changed. :mod:`.publish` hands the
result to MkDocs.
"""

from __future__ import annotations

import os
from dataclasses import replace

from .cache import RunSummary, digest
from .compute import Collection, compute, ordered
from .config import Config
from .exceptions import StrictError
from .files import (digest_inputs, display_path, docs_files, input_files, output_stamps,
                    read_cache, read_mkdocs_settings, write_cache)
from .inputs import read_inputs
from .render import render_site
from .site import GENERATED_ROOTS
from .stages import Stages
from .writer import WriteStats, write_outputs


def collect(config: Config, stages: Stages | None = None,
            save_caches: bool = False) -> Collection:
    """Read every input, then compute the merged, dated, slugged, linked papers.

    Cached results are reused; they are saved only when ``save_caches`` is set (by
    ``generate``): ``check`` and ``note`` write nothing."""
    stages = stages or Stages()
    with stages.stage("read"):
        inputs = read_inputs(config)
    collection = compute(inputs, config, stages)
    if save_caches:
        for name, data in collection.caches.items():
            write_cache(config.root, name, data)
    return collection


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
            "outputs": None if None in stats.stamps.values() else stats.stamps})
    return summary, stats


def render(config: Config, collection: Collection) -> tuple[Collection, dict[str, str]]:
    """The generated files, and the collection with what rendering found added to its
    diagnostics (links in notes that lead nowhere)."""
    rendered = render_site(collection, docs_files(config.docs_dir, GENERATED_ROOTS),
                           _repository_path(config.notes_dir, config),
                           **_site_settings(config))
    diagnostics = ordered(collection.diagnostics + rendered.diagnostics)
    return replace(collection, diagnostics=diagnostics), rendered.outputs


def _site_settings(config: Config) -> dict[str, str]:
    """The published address and name, from mkdocs.yml (feeds and citations need them)."""
    settings = read_mkdocs_settings(config.mkdocs_config)
    url = str(settings.get("site_url") or "")
    return {"site_url": url if not url or url.endswith("/") else url + "/",
            "site_name": str(settings.get("site_name") or "Papershelf"),
            "listing_names": config.listing_names,
            "publish_orphans": config.publish_orphaned_notes,
            "papers_per_page": config.papers_per_page}


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
