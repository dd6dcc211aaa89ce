"""What an incremental build keeps (generator/build_state.py)."""

from __future__ import annotations

import datetime

from generator.build_state import Manifest, PageRecord, decode_meta, encode_meta


def test_front_matter_keeps_its_dates_through_the_state_file():
    meta = {"lastmod": datetime.date(2025, 6, 1), "title": "A",
            "when": datetime.datetime(2025, 6, 1, 12, 30), "tags": ["x"], "n": 2}
    kept = encode_meta(meta)
    assert kept["lastmod"] == {"$date": "2025-06-01"}
    assert decode_meta(kept) == meta


def test_front_matter_without_a_json_form_is_not_kept():
    assert encode_meta({"odd": {1, 2}}) is None
    assert encode_meta({"raw": b"bytes"}) is None


def test_the_state_reads_back_what_was_written_and_refuses_anything_else():
    record = PageRecord(key="k", source=[1, 2], source_digest="d", output=[3, 4],
                        output_path="a/index.html", links={"b.md": "b/ INCLUDED"},
                        title="T", meta={"lastmod": "2025"}, anchors=["x"],
                        links_to_anchors={"b.md": {"y": "b.md#y"}},
                        search=[{"location": "a/", "title": "T", "text": ""}])
    manifest = Manifest("s", "n", {"a.md": record}, {"c.css": [[1, 2], [3, 4]]})
    assert Manifest.from_json(manifest.to_json()) == manifest
    assert Manifest.from_json(None) is None
    assert Manifest.from_json({"format": 0}) is None
    assert Manifest.from_json({**manifest.to_json(), "pages": {"a.md": {"key": "k"}}}) is None
    assert Manifest.from_json({**manifest.to_json(), "pages": []}) is None
