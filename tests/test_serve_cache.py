"""The mirror of the last served site (generator/serve_cache.py)."""

from __future__ import annotations

import os

from generator import serve_cache
from generator.folders import remove_empty_folders, scan_files


def _write(folder, files):
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def _stamps(folder):
    return {name: (info.st_mtime_ns, info.st_size) for name, info in scan_files(folder).items()}


def test_a_mirror_holds_the_same_files_with_the_same_stamps(tmp_path):
    site, mirror = tmp_path / "site", tmp_path / "mirror"
    _write(site, {"index.html": "home", "papers/a/index.html": "a", "sitemap.xml": "s"})
    assert serve_cache.mirror(site, mirror) == 3
    assert _stamps(mirror) == _stamps(site)
    assert serve_cache.mirror(site, mirror) == 0  # nothing changed: nothing done

    (site / "papers/a/index.html").unlink()
    _write(site, {"papers/b/index.html": "b", "index.html": "home, rewritten"})
    _write(mirror, {"stray/file.txt": "not in the site"})
    # b new, a and the stray file gone; index.html was rewritten in place, as MkDocs
    # writes, so its hard link in the mirror already holds the new text
    assert serve_cache.mirror(site, mirror) == 3
    assert (mirror / "index.html").read_text() == "home, rewritten"
    assert _stamps(mirror) == _stamps(site)
    assert not (mirror / "papers/a").exists() and not (mirror / "stray").exists()


def test_a_mirror_copies_with_times_where_hard_links_are_refused(tmp_path, monkeypatch):
    def refuse(source, target):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", refuse)
    site, mirror = tmp_path / "site", tmp_path / "mirror"
    _write(site, {"index.html": "home"})
    serve_cache.mirror(site, mirror)
    assert _stamps(mirror) == _stamps(site)
    assert (mirror / "index.html").stat().st_ino != (site / "index.html").stat().st_ino


def test_links_are_never_followed_into_or_out_of_a_mirror(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    _write(elsewhere, {"precious.txt": "keep"})
    site, mirror = tmp_path / "site", tmp_path / "mirror"
    _write(site, {"index.html": "home"})
    (site / "linked").symlink_to(elsewhere)
    mirror.mkdir()
    (mirror / "other").symlink_to(elsewhere)
    serve_cache.mirror(site, mirror)
    assert sorted(_stamps(mirror)) == ["index.html"] and not (mirror / "other").exists()
    assert (elsewhere / "precious.txt").read_text() == "keep" and (site / "linked").is_symlink()


def test_empty_folders_are_removed_but_not_the_top_one(tmp_path):
    (tmp_path / "top" / "a" / "b").mkdir(parents=True)
    _write(tmp_path / "top", {"c/file.txt": "x"})
    remove_empty_folders(tmp_path / "top")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "top").rglob("*")) \
        == ["top/c", "top/c/file.txt"]
    (tmp_path / "top" / "c" / "file.txt").unlink()
    remove_empty_folders(tmp_path / "top")
    assert (tmp_path / "top").is_dir() and not list((tmp_path / "top").iterdir())
