"""Property-based tests: arbitrary text through the reader and through the real site."""

from __future__ import annotations

import html
import json
import re
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.readers import is_real_title, read_listing
from generator.readers.hf_text import HEADER_PHRASES, TEXT, line_kind
from generator.titles import title_key
from generator.tex import plain
from tests.conftest import copy_project, run_papershelf
from tests.page_text import abstract_texts, title_shown

# Any character a scrape can carry, except NUL (a binary file) and the C0/C1 controls that
# HTML forbids; whitespace of every kind is included.
TEXT_CHARACTERS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="\x00",
).filter(lambda ch: ch.isspace() or not (ord(ch) < 32 or 127 <= ord(ch) < 160))

ABSTRACT = ("A well formed abstract that is long enough to be recognised as one, describing "
            "a method, an experiment and a result in some detail. ") * 3
ENTRY = f"A Well Formed Entry Title\n\n{ABSTRACT}\n\n  • 3 authors\n·\nJan 6, 2022"


def _is_plain_line(text: str) -> bool:
    """Text that a listing can hold as a title: not header, metadata, chrome or blank."""
    line = " ".join(text.split())
    return line.casefold() not in {p.casefold() for p in HEADER_PHRASES} \
        and line_kind(line) == TEXT


@settings(max_examples=300, deadline=None)
@given(st.text(TEXT_CHARACTERS, max_size=2000))
def test_reader_never_crashes(text):
    listing, diagnostics = read_listing(text, "fuzz.txt", "seeds/fuzz.txt")
    for entry in listing.entries:
        assert entry.title and entry.title == " ".join(entry.title.split())
    assert all(d.path == "seeds/fuzz.txt" for d in diagnostics)


garbage_lines = st.lists(st.text(TEXT_CHARACTERS, max_size=80).map(
    lambda s: s.replace("\r", " ").replace("\n", " ")), max_size=8)


@settings(max_examples=300, deadline=None)
@given(garbage_lines, garbage_lines, st.booleans())
def test_garbage_around_a_well_formed_entry_never_loses_it(before, after, crlf):
    text = "\n".join(before) + "\n\n" + ENTRY + "\n\n" + "\n".join(after)
    if crlf:
        text = text.replace("\n", "\r\n")
    listing, _ = read_listing(text, "fuzz.txt", "seeds/fuzz.txt")
    found = [e for e in listing.entries if e.title == "A Well Formed Entry Title"]
    assert found, [e.title for e in listing.entries]
    entry = found[-1]
    assert entry.abstract == " ".join(ABSTRACT.split())
    assert (entry.authors, entry.date.year) == (3, 2022)


# What pages put around their papers: navigation, buttons, counters, thumbnails, avatars,
# metadata and section headings, as each capture tool writes them. Paper URLs appear only
# where real pages put them: on counters, thumbnails, comment links and vote buttons.
_WORDS = st.sampled_from(["Models", "Datasets", "Spaces", "Docs", "Pricing", "Log In",
                          "Sign Up", "Previous", "Next", "fewer", "more", "all", "About"])
_IDS = st.sampled_from(["2401.00001", "2410.05434", "hep-th/9901001", "1706.03762"])
_COUNTS = st.sampled_from(["1", "42", "1.2k", "-", "1,204"])
_PAPER = "https://huggingface.co/papers/"
CHROME = st.one_of(
    _WORDS, _COUNTS,
    st.builds("[{}](https://huggingface.co/{})".format, _WORDS, _WORDS),
    st.builds("* [{}][{}]".format, _WORDS, st.integers(1, 99)),
    st.builds("[{}]: https://huggingface.co/{}".format, st.integers(1, 99), _WORDS),
    st.builds(lambda n, i: f"[{n}]({_PAPER}{i})", _COUNTS, _IDS),
    st.builds(lambda n, i: f"[{n}]({_PAPER}{i}#community)", _COUNTS, _IDS),
    st.builds(lambda i: f"[![]({_PAPER}{i}.png)]({_PAPER}{i})", _IDS),
    st.builds(lambda i: f"[View paper]({_PAPER}{i})", _IDS),
    st.builds(lambda n, i: f"[Upvote\n\n{n}](https://huggingface.co/login?next=%2Fpapers%2F{i})",
              _COUNTS, _IDS),
    st.builds(lambda i: f"https://huggingface.co/login?next=%2Fpapers%2F{i}", _IDS),
    st.sampled_from([
        "![](https://cdn-avatars.huggingface.co/a.png)", "- ![](avatar.png)", "-", "·",
        "Submitted by akhaliq", "- 12 authors", "* 3 authors", "Jan 7", "Mar 8, 2024 6",
        "## Daily Papers", "# Trending Papers", "## by AK and the research community",
        "Get trending papers in your email inbox!", "Subscribe", "new",
        "[ pdf , html , other ]", "[pdf, other]", "(replaced)", "(cross-list from cs.LG)",
        "Subjects: Machine Learning (cs.LG)", "Comments: 12 pages", "Total of 11 entries",
        "New submissions (showing 3 of 3 entries)", "Replacements for Fri, 11 Oct 24",
        "[1]", "[图片：无替代文本]", "<a id=\"source-section-3\"></a>", "---", "```text",
        "[Content truncated]", "|", "Skip to main content", "Search arXiv",
        "[51-100](https://arxiv.org/list/cs.AI/recent?skip=50&show=50)",
        "https://huggingface.co/papers/trending", "   12. https://huggingface.co/models",
    ]),
)
chrome_pages = st.lists(CHROME, max_size=60).map(lambda lines: "\n\n".join(lines))


@settings(max_examples=400, deadline=None)
@given(chrome_pages)
def test_navigation_and_link_lines_never_become_papers(page):
    listing, _ = read_listing(page, "chrome.md", "seeds/chrome.md")
    assert listing.entries == (), [e.title for e in listing.entries]


CARD = ("### [A Real Paper About Sparse Autoencoders](https://huggingface.co/papers/2410.05434)"
        "\n\n" + ABSTRACT + "\n\n- 3 authors\n\n·\n\nOct 7, 2024\n\n"
        "[5](https://huggingface.co/papers/2410.05434)\n\n### [Another Real Paper]"
        "(https://huggingface.co/papers/2401.00001)\n\n" + ABSTRACT + "\n")


@settings(max_examples=200, deadline=None)
@given(chrome_pages, chrome_pages)
def test_chrome_around_a_page_of_cards_changes_none_of_them(before, after):
    listing, _ = read_listing(f"{before}\n\n{CARD}\n\n{after}", "page.md", "seeds/page.md")
    found = [(e.title, e.arxiv_id, e.abstract) for e in listing.entries]
    assert found == [("A Real Paper About Sparse Autoencoders", "2410.05434",
                      " ".join(ABSTRACT.split())),
                     ("Another Real Paper", "2401.00001", " ".join(ABSTRACT.split()))]


titles = st.text(TEXT_CHARACTERS, min_size=1, max_size=100).filter(
    lambda text: _is_plain_line(text) and is_real_title(" ".join(text.split())))
abstracts = st.text(TEXT_CHARACTERS, min_size=1, max_size=250).filter(_is_plain_line)


@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(titles, abstracts), min_size=12, max_size=12,
                unique_by=lambda pair: title_key(pair[0])))
def test_any_text_is_shown_exactly_by_the_built_site(tmp_path_factory, pairs):
    """Titles and abstracts of arbitrary text, built by MkDocs: each page shows exactly that
    text, with no element inside the title or the abstract."""
    project = copy_project(tmp_path_factory.mktemp("property") / "project")
    for path in [*(project / "seeds").iterdir(), *(project / "notes").iterdir()]:
        path.unlink()
    body = "\n\n".join(f"{' '.join(t.split())}\n\n{' '.join(a.split())}" for t, a in pairs)
    (project / "seeds" / "random.txt").write_text("Daily Papers\n\n" + body + "\n",
                                                   encoding="utf-8")
    result = run_papershelf(project, "build")
    assert result.returncode == 0, result.stderr
    catalog = json.loads((project / "site" / "papers.json").read_text(encoding="utf-8"))
    by_title = {p["title"]: p for p in catalog["papers"]}
    for title, abstract in pairs:
        title, abstract = " ".join(title.split()), " ".join(abstract.split())
        paper = by_title[title]
        assert paper["abstract"] == abstract
        document = (project / "site" / paper["url"] / "index.html").read_text(encoding="utf-8")
        # As displayed (accents as letters) and as search reads it (exactly as written).
        assert title_shown(document) == plain(title)
        assert abstract_texts(document) == (plain(abstract), abstract)
        head = re.search(r"<title>(.*?)</title>", document, re.S).group(1)
        assert html.unescape(head) == f"{title} - Papershelf"
    shutil.rmtree(project)


_FRAGMENTS = st.one_of(
    st.text(TEXT_CHARACTERS, max_size=12),
    st.sampled_from(["[", "]", "](https://huggingface.co/papers/2401.00001)", "][3]", "### ",
                     "## ", "![", "](x.png)", "Title:", "Authors:", "Subjects:", "Comments:",
                     "arXiv:2401.00001", "arXiv:hep-th/9901001v2", "[1]", "·", "12 authors",
                     "- ", "* ", "\\", "**", "__", "<a id=\"x\"></a>", "Submitted by",
                     "Jun 9, 2024 3", "Published on Oct 4, 2026", "   3. https://arxiv.org/a/x",
                     "[3]: https://huggingface.co/papers/2401.00002", "References",
                     "https://huggingface.co/papers/2401.00003", "New submissions (showing 1",
                     "```", "  ", "\t"]),
)
_MARKUP_LINES = st.lists(st.lists(_FRAGMENTS, max_size=6).map("".join), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_MARKUP_LINES, st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_every_shape_reads_any_markup_without_crashing(lines, newline):
    """Each reader, on text made of its own markup in any order, returns entries whose
    titles are single-spaced text; the shared checks then keep only real papers."""
    from generator.readers import shapes

    text = newline.join(lines)
    for shape in shapes():
        for entry in shape.read(text).entries:
            assert entry.title == " ".join(entry.title.split())
    listing, _ = read_listing(text, "fuzz.md", "seeds/fuzz.md")
    for entry in listing.entries:
        assert is_real_title(entry.title)
        assert entry.abstract or entry.summary or entry.arxiv_id
