"""Search copies (generator/search_index.py): what Pagefind reads of a page. The index
itself is tested through the built site (tests/test_browser.py, tests/test_incremental.py)."""

from __future__ import annotations

from generator.search_index import END, START, Copies, search_copy

PAGE = ('<!doctype html><html lang="en" class="no-js"><head><meta charset="utf-8">'
        '<meta name="author" content="A. Author, B. Author" data-pagefind-meta="authors[content]">'
        '<title>T</title><script>var x = 1</script></head><body><nav>a big navigation</nav>'
        '<div class="ps-paper" data-pagefind-body>' + START + '<h1>Title</h1><p>Abstract &lt;b&gt;'
        '</p>' + END + '<section data-pagefind-ignore="all">Related papers</section></div>'
        '<footer>links</footer></body></html>')


def test_a_copy_keeps_the_searchable_part_and_the_metadata_only():
    copy = search_copy(PAGE)
    assert '<meta name="author" content="A. Author, B. Author" ' \
           'data-pagefind-meta="authors[content]">' in copy
    assert '<body><div data-pagefind-body><h1>Title</h1><p>Abstract &lt;b&gt;</p></div>' in copy
    for left_out in ("navigation", "Related papers", "links", "<script>", "<title>"):
        assert left_out not in copy
    assert copy.startswith('<!DOCTYPE html>\n<html lang="en">')


def test_a_page_without_a_searchable_part_has_no_copy_and_one_without_markers_is_whole():
    assert search_copy("<html><body><h1>Topics</h1></body></html>") is None
    unmarked = "<html><body><div data-pagefind-body>x</div></body></html>"
    assert search_copy(unmarked) == unmarked


def test_copies_are_written_when_they_change_and_removed_with_their_page(tmp_path):
    copies = Copies(tmp_path / "search")
    copies.write("papers/a/index.html", PAGE)
    assert copies.changed and (tmp_path / "search/papers/a/index.html").is_file()
    copies.changed = False
    written = copies.stamp("papers/a/index.html")
    copies.write("papers/a/index.html", PAGE.replace("<nav>a big", "<nav>another"))
    assert not copies.changed and copies.stamp("papers/a/index.html") == written
    copies.write("papers/a/index.html", PAGE.replace("Title", "New title"))
    assert copies.changed
    copies.write("papers/b/index.html", PAGE)
    copies.keep({"papers/b/index.html"}, ["papers/a/index.html"])
    assert not (tmp_path / "search/papers/a").exists()
    copies.write("papers/a/index.html", PAGE)
    copies.keep({"papers/b/index.html"}, None)  # after a full build: all but those built
    assert not (tmp_path / "search/papers/a").exists()
    copies.changed = False
    copies.write("papers/b/index.html", "<html><body>no longer searchable</body></html>")
    assert copies.changed and not (tmp_path / "search/papers").exists()


def _bundle(folder, files):
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return {name: str(folder / name) for name in files}


def test_the_site_gets_only_the_bundle_files_that_differ(tmp_path):
    from generator.search_index import _update

    site = tmp_path / "site" / "pagefind"
    first = _bundle(tmp_path / "one", {"pagefind.js": "js", "fragment/a.pf": "a",
                                       "fragment/b.pf": "b", "index/x.pf": "x"})
    assert _update(site, first) == 4
    assert {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} == set(first)
    kept = {name: (site / name).stat().st_ino for name in first}
    second = _bundle(tmp_path / "two", {"pagefind.js": "js", "fragment/a.pf": "a2",
                                        "fragment/c.pf": "c", "filter/f.pf": "f"})
    # a.pf rewritten, c.pf and f.pf new, b.pf and x.pf removed; pagefind.js left alone
    assert _update(site, second) == 5
    assert {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} == set(second)
    assert (site / "pagefind.js").stat().st_ino == kept["pagefind.js"]  # left as it was
    assert (site / "fragment/a.pf").read_text() == "a2"
    assert not (site / "index").exists()  # emptied, so removed
    assert not list(site.rglob("*.papershelf-tmp"))


def test_a_bundle_folder_that_is_a_link_is_replaced_never_written_through(tmp_path):
    from generator.search_index import _update

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_text("keep", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "pagefind").symlink_to(elsewhere)
    _update(tmp_path / "site" / "pagefind",
            _bundle(tmp_path / "new", {"pagefind.js": "js"}))
    assert (elsewhere / "precious.txt").read_text() == "keep"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["precious.txt"]
    assert (tmp_path / "site" / "pagefind" / "pagefind.js").read_text() == "js"
    assert not (tmp_path / "site" / "pagefind").is_symlink()


def test_links_inside_the_bundle_are_removed_not_followed(tmp_path):
    from generator.search_index import _update

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.pf").write_text("keep", encoding="utf-8")
    site = tmp_path / "site" / "pagefind"
    site.mkdir(parents=True)
    (site / "fragment").symlink_to(elsewhere)
    _update(site, _bundle(tmp_path / "new", {"fragment/a.pf": "new"}))
    assert (elsewhere / "a.pf").read_text() == "keep"
    assert not (site / "fragment").is_symlink()
    assert (site / "fragment" / "a.pf").read_text() == "new"
