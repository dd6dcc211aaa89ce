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
