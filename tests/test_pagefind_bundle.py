"""Pagefind's bundle (generator/pagefind_bundle.py): Pagefind run on search copies into a
work folder kept between runs, and the site's bundle kept equal to it."""

from __future__ import annotations

import os
from pathlib import Path

from generator.pagefind_bundle import BUNDLE, _update, bundle_stamps, index_site


def _copy(title: str, text: str) -> str:
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"></head>\n'
            f'<body><div data-pagefind-body><h1>{title}</h1><p>{text}</p></div></body></html>\n')


def _copies(folder: Path, pages: dict[str, tuple[str, str]]) -> Path:
    for page, (title, text) in pages.items():
        (folder / page).parent.mkdir(parents=True, exist_ok=True)
        (folder / page).write_text(_copy(title, text), encoding="utf-8")
    return folder


PAGES = {f"papers/p{n}/index.html": (f"Paper {n}", f"words{n} about flows and diffusion")
         for n in range(6)}


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _fresh_bundle(tmp_path: Path, copies: Path) -> dict[str, bytes]:
    site = tmp_path / "fresh-site"
    index_site(copies, site, tmp_path / "fresh-work" / "pagefind", fresh=True)
    return _tree(site / BUNDLE)


def test_a_run_in_the_kept_folder_gives_the_bundle_of_a_run_from_nothing(tmp_path):
    copies = _copies(tmp_path / "copies", PAGES)
    site, work = tmp_path / "site", tmp_path / "state" / "pagefind"
    changed, total = index_site(copies, site, work)
    assert changed == total and _tree(site / BUNDLE) == _fresh_bundle(tmp_path, copies)
    fragments = {p.name: p.stat().st_mtime_ns for p in (work / "fragment").iterdir()}

    (copies / "papers/p3/index.html").write_text(_copy("Paper 3", "rewritten"), "utf-8")
    (copies / "papers/p5/index.html").unlink()
    changed, total = index_site(copies, site, work, site_trusted=True)
    bundle = _tree(site / BUNDLE)
    assert bundle == _fresh_bundle(tmp_path, copies)  # the stale fragments are gone
    assert len([name for name in bundle if name.startswith("fragment/")]) == 5
    # the four unchanged pages' fragments were not written again
    kept = {p.name: p.stat().st_mtime_ns for p in (work / "fragment").iterdir()}
    assert len({name for name in kept if fragments.get(name) == kept[name]}) == 4
    assert 0 < changed < total
    assert _tree(work) == bundle
    # Files named by their content are shared with the work folder; the runtime, which
    # Pagefind rewrites in place on every run, is a copy.
    fragment = next(iter(kept))
    assert (site / BUNDLE / "fragment" / fragment).stat().st_ino == \
        (work / "fragment" / fragment).stat().st_ino
    assert (site / BUNDLE / "pagefind.js").stat().st_ino != (work / "pagefind.js").stat().st_ino


def test_a_work_folder_that_is_not_as_sealed_starts_over(tmp_path):
    copies = _copies(tmp_path / "copies", PAGES)
    site, work = tmp_path / "site", tmp_path / "state" / "pagefind"
    index_site(copies, site, work)
    # A fragment cut short (a crash, an edit): Pagefind would keep it under its name.
    fragment = next((work / "fragment").iterdir())
    fragment.write_bytes(fragment.read_bytes()[:5])
    index_site(copies, site, work)
    assert _tree(site / BUNDLE) == _fresh_bundle(tmp_path, copies)


def test_a_run_that_did_not_finish_leaves_no_seal_and_the_next_starts_over(tmp_path):
    copies = _copies(tmp_path / "copies", PAGES)
    site, work = tmp_path / "site", tmp_path / "state" / "pagefind"
    index_site(copies, site, work)
    seal = work.with_name("pagefind.seal")
    assert seal.is_file()
    seal.unlink()  # as a run killed between removing the seal and writing it again
    stray = work / "fragment" / "en_0000000.pf_fragment"
    stray.write_bytes(b"not gzip")
    index_site(copies, site, work)
    assert not stray.exists()
    assert _tree(site / BUNDLE) == _fresh_bundle(tmp_path, copies)


def test_a_work_folder_that_is_a_link_is_replaced_never_written_through(tmp_path):
    copies = _copies(tmp_path / "copies", PAGES)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    work = tmp_path / "state" / "pagefind"
    work.parent.mkdir()
    work.symlink_to(elsewhere)
    index_site(copies, tmp_path / "site", work)
    assert not list(elsewhere.iterdir()) and work.is_dir() and not work.is_symlink()


def test_a_fresh_run_ignores_the_kept_folder(tmp_path):
    copies = _copies(tmp_path / "copies", PAGES)
    site, work = tmp_path / "site", tmp_path / "state" / "pagefind"
    index_site(copies, site, work)
    before = {p.name: p.stat().st_ino for p in (work / "fragment").iterdir()}
    index_site(copies, site, work, fresh=True)
    after = {p.name: p.stat().st_ino for p in (work / "fragment").iterdir()}
    assert before.keys() == after.keys() and not set(before.items()) & set(after.items())


def test_an_untrusted_site_bundle_is_compared_by_bytes(tmp_path):
    copies = _copies(tmp_path / "copies", PAGES)
    site, work = tmp_path / "site", tmp_path / "state" / "pagefind"
    index_site(copies, site, work)
    fragment = next((site / BUNDLE / "fragment").iterdir())
    fragment.unlink()  # a copy of the same size and other bytes, no longer linked
    fragment.write_bytes(b"x" * os.path.getsize(work / "fragment" / fragment.name))
    index_site(copies, site, work, site_trusted=False)
    assert _tree(site / BUNDLE) == _fresh_bundle(tmp_path, copies)


def _bundle(folder, files):
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return {name: (str(folder / name), len(text.encode())) for name, text in files.items()}


def test_the_site_gets_only_the_bundle_files_that_differ(tmp_path):
    site = tmp_path / "site" / "pagefind"
    first = _bundle(tmp_path / "one", {"pagefind.js": "js", "fragment/a.pf": "a",
                                       "fragment/b.pf": "b", "index/x.pf": "x"})
    assert _update(site, first, False) == 4
    assert {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} == set(first)
    kept = {name: (site / name).stat().st_ino for name in first}
    second = _bundle(tmp_path / "two", {"pagefind.js": "js", "fragment/a.pf": "a2",
                                        "fragment/c.pf": "c", "filter/f.pf": "f"})
    # a.pf rewritten, c.pf and f.pf new, b.pf and x.pf removed; pagefind.js left alone
    assert _update(site, second, False) == 5
    assert {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} == set(second)
    assert (site / "pagefind.js").stat().st_ino == kept["pagefind.js"]  # left as it was
    assert (site / "fragment/a.pf").read_text() == "a2"
    assert not (site / "index").exists()  # emptied, so removed
    assert not list(site.rglob("*.papershelf-tmp"))


def test_a_bundle_folder_that_is_a_link_is_replaced_never_written_through(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_text("keep", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "pagefind").symlink_to(elsewhere)
    _update(tmp_path / "site" / "pagefind",
            _bundle(tmp_path / "new", {"pagefind.js": "js"}), False)
    assert (elsewhere / "precious.txt").read_text() == "keep"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["precious.txt"]
    assert (tmp_path / "site" / "pagefind" / "pagefind.js").read_text() == "js"
    assert not (tmp_path / "site" / "pagefind").is_symlink()


def test_links_inside_the_bundle_are_removed_not_followed(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.pf").write_text("keep", encoding="utf-8")
    site = tmp_path / "site" / "pagefind"
    site.mkdir(parents=True)
    (site / "fragment").symlink_to(elsewhere)
    _update(site, _bundle(tmp_path / "new", {"fragment/a.pf": "new"}), False)
    assert (elsewhere / "a.pf").read_text() == "keep"
    assert not (site / "fragment").is_symlink()
    assert (site / "fragment" / "a.pf").read_text() == "new"


def test_the_bundle_stamps_name_every_file_and_never_trust_a_link(tmp_path):
    bundle = tmp_path / "site" / BUNDLE
    (bundle / "fragment").mkdir(parents=True)
    (bundle / "pagefind.js").write_text("js", encoding="utf-8")
    (bundle / "fragment" / "en_1.pf_fragment").write_text("f", encoding="utf-8")
    (bundle / "fragment" / "en_2.pf_fragment").symlink_to(bundle / "pagefind.js")
    stamps = bundle_stamps(str(tmp_path / "site"))
    info = (bundle / "pagefind.js").stat()
    assert stamps["pagefind/pagefind.js"] == [info.st_mtime_ns, 2]
    assert stamps["pagefind/fragment/en_1.pf_fragment"][1] == 1
    assert stamps["pagefind/fragment/en_2.pf_fragment"] is None
    assert len(stamps) == 3
