"""What an incremental build keeps (generator/build_state.py)."""

from __future__ import annotations

import datetime
import os

from generator.build_state import (Manifest, PageRecord, decode_meta, encode_meta,
                                   inputs_fingerprint, site_unchanged)
from generator.files import write_cache


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


def test_the_fingerprint_changes_with_any_file_in_the_folders(tmp_path):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    page = folder / "sub" / "a.md"
    page.write_text("a", encoding="utf-8")
    paths = [str(folder), str(tmp_path / "mkdocs.yml")]
    before = inputs_fingerprint(paths)
    assert inputs_fingerprint(paths) == before
    os.utime(page, ns=(1, 1))
    assert inputs_fingerprint(paths) != before
    touched = inputs_fingerprint(paths)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert inputs_fingerprint(paths) != touched


def test_the_site_is_unchanged_only_with_the_same_fingerprint_and_no_build_under_way(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.md").write_text("a", encoding="utf-8")
    assert not site_unchanged(tmp_path)
    write_cache(tmp_path, "site-inputs", {"paths": [str(folder)],
                                          "fingerprint": inputs_fingerprint([str(folder)])})
    assert site_unchanged(tmp_path)
    (tmp_path / ".papershelf" / "site.building").touch()
    assert not site_unchanged(tmp_path)
    (tmp_path / ".papershelf" / "site.building").unlink()
    (folder / "b.md").write_text("b", encoding="utf-8")
    assert not site_unchanged(tmp_path)
    write_cache(tmp_path, "site-inputs", {"paths": "docs", "fingerprint": "x"})
    assert not site_unchanged(tmp_path)

