"""The read stage: every input of a run, read once into one value.

Captures, notes, the taxonomy and the caches of earlier results are read here and nowhere
else; what reading found wrong (a file not read, a note that is not UTF-8) comes with
them as diagnostics. :mod:`.compute` then works on this value alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .cache import digest
from .config import Config
from . import listing_cache
from .files import display_path, read_cache, read_listings, read_notes, read_yaml
from .model import Diagnostic, Level, Listing, Note
from .notes import parse_note
from .readers import decode_listing, read_listing
from .taxonomy import read_taxonomy
from .topics import Topic


@dataclass
class Inputs:
    """What a run reads: the listings, notes and topics, the caches, and the problems."""

    listings: list[Listing]
    skipped: list[str]  # captures that could not be decoded
    notes: list[Note]
    taxonomy: list[Topic]
    taxonomy_key: str  # a digest of the taxonomy as written: the topics cache's key
    topics_cache: dict = field(default_factory=dict)
    related_cache: dict = field(default_factory=dict)
    # Sentence vectors by a digest of each paper's text (generator.embeddings).
    embedding_cache: dict = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # The captures as read, to keep for the next run (None: the kept ones are current).
    listings_cache: dict | None = None


def read_inputs(config: Config) -> Inputs:
    diagnostics: list[Diagnostic] = []
    listings, skipped, listings_cache = _listings(config, diagnostics)
    taxonomy, key = _taxonomy(config, diagnostics)
    return Inputs(listings, skipped, _notes(config, diagnostics), taxonomy, key,
                  read_cache(config.root, "topics") or {},
                  read_cache(config.root, "related") or {},
                  read_cache(config.root, "embeddings") or {}, diagnostics, listings_cache)


def _listings(config: Config, diagnostics: list[Diagnostic]
              ) -> tuple[list[Listing], list[str], dict | None]:
    sources, ignored, refused = read_listings(config.seeds_dir, config.root)
    kept = listing_cache.kept(read_cache(config.root, listing_cache.NAME))
    diagnostics += [Diagnostic(Level.NOTICE, path, None,
                               "not a text capture (*.txt, *.md); ignored") for path in ignored]
    diagnostics += refusals(refused)
    if not sources:
        diagnostics.append(Diagnostic(Level.WARNING, display_path(config.seeds_dir, config.root),
                                      None, "no listings: expected captures (*.txt, *.md) here"))
    listings, skipped, entries = [], [], {}
    for source in sources:
        key = listing_cache.key(source.name, source.display, source.data)
        read = listing_cache.decode(kept[key]) if key in kept else None
        if read:
            entries[key] = kept[key]
        else:
            text, problem = decode_listing(source.data, source.display)
            if problem:
                diagnostics.append(problem)
                skipped.append(source.display)
                continue
            read = read_listing(text, source.name, source.display)
            entries[key] = listing_cache.encode(*read)
        listing, found = read
        listings.append(listing)
        diagnostics.extend(found)
    return listings, skipped, None if entries == kept else listing_cache.cache_data(entries)


def _taxonomy(config: Config, diagnostics: list[Diagnostic]) -> tuple[list[Topic], str]:
    document = read_yaml(config.taxonomy, config.root, with_node=True)
    shown = display_path(config.taxonomy, config.root)
    if document is None:
        diagnostics.append(Diagnostic(Level.NOTICE, shown, None,
                                      "no taxonomy file: every paper is uncategorised"))
        return [], digest(None)
    raw, node = document
    taxonomy, found = read_taxonomy(raw, shown, node)
    diagnostics.extend(found)
    return taxonomy, digest(raw)


def _notes(config: Config, diagnostics: list[Diagnostic]) -> list[Note]:
    notes = []
    sources, refused = read_notes(config.notes_dir, config.root)
    diagnostics.extend(refusals(refused))
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


def refusals(files: list[tuple[str, str]]) -> list[Diagnostic]:
    """A warning for each input file not read, with the reason."""
    return [Diagnostic(Level.WARNING, path, None, reason) for path, reason in files]
