"""Read captures kept by content (generator/listing_cache.py)."""

from __future__ import annotations

import json
from pathlib import Path

from generator import listing_cache
from generator.build import collect
from generator.config import load_config
from generator.files import read_cache, write_cache
from generator.inputs import read_inputs
from generator.readers import read_listing

DATA = Path(__file__).parent / "data"
CAPTURES = sorted([*(DATA / "captures").glob("*.md"), *(DATA / "project" / "seeds").iterdir()])


def test_every_real_capture_comes_back_from_the_cache_as_it_was_read():
    assert len(CAPTURES) > 10
    for capture in CAPTURES:
        if capture.name == "README.md":
            continue
        read = read_listing(capture.read_text(encoding="utf-8"), capture.name,
                            f"seeds/{capture.name}")
        stored = json.loads(json.dumps(listing_cache.encode(*read)))
        assert listing_cache.decode(stored) == read, capture.name


def test_anything_the_cache_did_not_write_is_refused():
    listing, found = read_listing((DATA / "project" / "seeds").iterdir().__next__()
                                  .read_text(encoding="utf-8"), "a.txt", "seeds/a.txt")
    good = listing_cache.encode(listing, found)
    assert listing_cache.decode(good) is not None
    entry = good[4][0]
    title_at = 0
    for bad in (None, [], "x", good[:-1], [*good[:4], [["too", "short"]], *good[5:]],
                [*good[:6], "no such layout", *good[7:]],
                [*good[:9], [["fatal", "p", 1, "m", ""]]],
                [*good[:9], [["warning", "p", "1", "m", ""]]],
                [*good[:4], [[{"a": 1}, *entry[title_at + 1:]]], *good[5:]],
                [*good[:4], [[*entry[:2], True, *entry[3:]]], *good[5:]],
                [*good[:7], "", *good[8:]]):
        assert listing_cache.decode(bad) is None
    assert listing_cache.kept({"code": "older code", "entries": {"k": good}}) == {}


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for path in (DATA / "project").rglob("*"):
        if path.is_file():
            target = project / path.relative_to(DATA / "project")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    return project


def test_a_run_reads_again_only_the_captures_that_changed(tmp_path, monkeypatch):
    project = _project(tmp_path)
    config = load_config(project / "papershelf.yml")
    collect(config, save_caches=True)
    first = read_inputs(config)
    assert first.listings_cache is None  # all kept, nothing to save

    calls = []
    import generator.inputs as inputs_module
    monkeypatch.setattr(inputs_module, "read_listing",
                        lambda *args: calls.append(args[1]) or read_listing(*args))
    seed = sorted((project / "seeds").iterdir())[0]
    seed.write_bytes(seed.read_bytes() + b"\n")
    second = read_inputs(config)
    assert calls == [seed.name]
    assert second.listings_cache is not None
    assert [listing.source for listing in second.listings] == \
        [listing.source for listing in first.listings]

    # A damaged entry is read again from its capture, and the result is the same.
    write_cache(project, "listings", {**second.listings_cache, "entries": {
        key: ["damaged"] for key in second.listings_cache["entries"]}})
    calls.clear()
    third = read_inputs(config)
    assert len(calls) == len(first.listings)
    assert third.listings == second.listings
    assert read_cache(project, "listings")["entries"] != third.listings_cache["entries"]
