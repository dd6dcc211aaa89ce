"""Hugging Face Papers pages saved with markup: one small hand-written capture per tool."""

from __future__ import annotations

from generator.readers import read_listing

ABSTRACT = ("We study a problem at length and explain every step of the method in detail, so "
            "that this paragraph is unmistakably an abstract rather than a title. Results "
            "follow.")


def read(text: str):
    listing, diagnostics = read_listing(text, "capture.md", "seeds/capture.md")
    return listing, [str(d) for d in diagnostics if d.level.value == "warning"]


# A web clipper's Markdown (Turndown: escapes, "\" hard breaks, images, list items).
CLIPPER = r"""---
title: "Daily Papers - Hugging Face"
source: "https://huggingface.co/papers/date/2025-01-02"
created: 2025-01-03
---
[Hugging Face](https://huggingface.co/) · [Models](https://huggingface.co/models)

## Daily Papers

## by [AK](https://huggingface.co/akhaliq) and the research community

Jan 2

[![](https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2501.00001.png)](https://huggingface.co/papers/2501.00001)

Submitted by

![](https://cdn-avatars.huggingface.co/a.png)

akhaliq

### [Scaling Laws for Escaped\_Underscores and \[Brackets\]](https://huggingface.co/papers/2501.00001)

[We study a problem at length and explain every step of the method in detail, so\
that this paragraph is unmistakably an abstract rather than a title. Results follow.](https://huggingface.co/papers/2501.00001)

-   ![](https://cdn-avatars.huggingface.co/b.png)
-   12 authors

·

Jan 2

[1.2k](https://huggingface.co/papers/2501.00001) [3](https://huggingface.co/papers/2501.00001#community)

[![](https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2501.00002.png)](https://huggingface.co/papers/2501.00002)

Submitted by akhaliq

### Long\ Title Without\ A Link

[

Some Lab

](https://huggingface.co/some-lab)

·

Dec 30, 2024

[7](https://huggingface.co/papers/2501.00002)

[Previous](https://huggingface.co/papers/date/2025-01-01) [Next](https://huggingface.co/papers/date/2025-01-03)
"""


def test_a_web_clippers_markdown():
    listing, warnings = read(CLIPPER)
    assert (listing.shape, listing.layout) == ("hf-page", "markdown")
    first, second = listing.entries
    assert first.title == "Scaling Laws for Escaped_Underscores and [Brackets]"
    assert first.abstract == ABSTRACT
    assert (first.arxiv_id, first.authors, first.upvotes, first.comments) == (
        "2501.00001", 12, 1200, 3)
    assert (first.date_text, first.submitted_by) == ("Jan 2", "akhaliq")
    assert second.title == "Long Title Without A Link"
    assert (second.arxiv_id, second.organization, second.abstract) == ("2501.00002", "Some Lab",
                                                                       None)
    assert (second.upvotes, second.date_text, second.submitted_by) == (7, "Dec 30, 2024",
                                                                      "akhaliq")
    assert listing.date.year == 2025 and (listing.date.month, listing.date.day) == (1, 2)
    assert warnings == []


# lynx -dump: numbers before link texts, a table of targets at the end, hard wraps.
LYNX = """   [1]Hugging Face
     * [2]Models
     * [3]Datasets

Daily Papers

   by [4]AK and the research community
   [5]Submitted by akhaliq
   [6]Scaling Laws for Something
   [7]We study a problem at length and explain every step of the method in
   detail, so that this paragraph is unmistakably an abstract rather than a
   title. Results follow.
     * 12 authors
   ·
   Jan 2
   [8]42
   [9]Second Paper Title
   [10]A one-line summary of what the second paper does.
     * 3 authors

References

   1. https://huggingface.co/
   2. https://huggingface.co/models
   3. https://huggingface.co/datasets
   4. https://huggingface.co/akhaliq
   5. https://huggingface.co/akhaliq
   6. https://huggingface.co/papers/2501.00001
   7. https://huggingface.co/papers/2501.00001
   8. https://huggingface.co/login?next=%2Fpapers%2F2501.00001
   9. https://huggingface.co/papers/2501.00002
  10. https://huggingface.co/papers/2501.00002
"""


def numbered_first_card(text: str):
    """Read a capture with numbered links whose first card is "Scaling Laws for Something"."""
    listing, warnings = read(text)
    assert (listing.shape, listing.layout, warnings) == ("hf-page", "numbered links", [])
    first, second = listing.entries
    assert (first.title, first.arxiv_id, first.abstract, first.authors, first.date_text) == (
        "Scaling Laws for Something", "2501.00001", ABSTRACT, 12, "Jan 2")
    return first, second


def test_a_text_browser_dump_with_numbered_links():
    first, second = numbered_first_card(LYNX)
    assert first.upvotes == 42
    assert (second.title, second.arxiv_id, second.abstract) == (
        "Second Paper Title", "2501.00002", None)
    assert second.summary == "A one-line summary of what the second paper does."


# A notebook's "web page" export: each link's text, then its URL on a line of its own.
URL_LINES = """Daily Papers

https://huggingface.co/papers

Scaling Laws for Something

https://huggingface.co/papers/2501.00001

We study a problem at length and explain every step of the method in detail, so that this
paragraph is unmistakably an abstract rather than a title. Results follow.

https://huggingface.co/papers/2501.00001

12 authors

https://huggingface.co/papers/2501.00001

·

Jan 2

Log In

https://huggingface.co/login
"""


def test_an_export_with_every_url_on_its_own_line():
    listing, warnings = read(URL_LINES)
    assert (listing.shape, listing.layout) == ("hf-page", "URL lines")
    (entry,) = listing.entries
    assert (entry.title, entry.arxiv_id, entry.abstract, entry.authors) == (
        "Scaling Laws for Something", "2501.00001", ABSTRACT, 12)
    assert warnings == []


def test_a_page_showing_every_card_twice_reads_each_paper_once():
    card = ("### [Twice Shown Paper](https://huggingface.co/papers/2501.00003)\n\n"
            f"{ABSTRACT}\n\n[7](https://huggingface.co/papers/2501.00003)\n\n")
    listing, _ = read("# Trending Papers\n\n" + card * 2 + card.replace("00003", "00004")
                      .replace("Twice Shown", "Other"))
    assert [(e.title, e.position) for e in listing.entries] == [
        ("Twice Shown Paper", 1), ("Other Paper", 2)]


def test_a_title_wrapped_inside_its_link_or_onto_an_indented_line():
    listing, _ = read(
        "## Trending Papers\n\n"
        "### [A Title Wrapped\nInside Its Link](https://huggingface.co/papers/2501.00005)\n\n"
        f"{ABSTRACT}\n\n"
        "### A Title Wrapped Onto\n  An Indented Line\n\n"
        f"{ABSTRACT} [x](https://huggingface.co/papers/2501.00006)\n\n"
        "[Next](https://huggingface.co/papers?p=2) [More](https://huggingface.co/models)\n")
    assert [e.title for e in listing.entries] == [
        "A Title Wrapped Inside Its Link", "A Title Wrapped Onto An Indented Line"]


def test_counters_whose_target_is_lost_are_not_guessed():
    listing, _ = read(
        "## Daily Papers\n\n[\n-\n][1]\n\n### [Paper One][2]\n\n[\n\n" + ABSTRACT + "\n\n][3]\n"
        "[\n* 2 authors\n][4]\n·\nMar 3\n[\n65\n][5]\n\n### [Paper Two][6]\n\n[\n\n" + ABSTRACT
        + "\n\n][7]\n")
    assert [(e.title, e.upvotes, e.authors) for e in listing.entries] == [
        ("Paper One", None, 2), ("Paper Two", None, None)]


# A converter's reference links: "[text][N]", the targets listed as "[N]: url" at the end.
REFERENCES = f"""[[Hugging Face's logo] Hugging Face][1]
* [ Models ][2]

# Daily Papers

## by[AK][3] and the research community

### [Scaling Laws for Something][4]

[

{ABSTRACT}

][4]
[
* 12 authors
][4]
·
Jan 2 [ 3][5]

### [A Second Paper With a Long Title That the Converter][6]
### [Wrapped Onto Another Heading][6]

[

{ABSTRACT}

][6]

[1]: https://huggingface.co/
[2]: https://huggingface.co/models
[3]: https://huggingface.co/akhaliq
[4]: https://huggingface.co/papers/2501.00001
[5]: https://huggingface.co/papers/2501.00001#community
[6]: https://huggingface.co/papers/2501.00002
"""


def test_reference_links_with_their_targets_listed_at_the_end():
    first, second = numbered_first_card(REFERENCES)
    assert first.comments == 3
    assert (second.title, second.arxiv_id) == (
        "A Second Paper With a Long Title That the Converter Wrapped Onto Another Heading",
        "2501.00002")


def test_a_short_last_line_of_a_linked_abstract_stays_in_it():
    listing, _ = read(
        "## Daily Papers\n\n### [A Paper](https://huggingface.co/papers/2501.00007)\n\n"
        "[We study a problem at length and explain every step of the method in detail.\n"
        "The code is at\nhttps://github.com/x/y](https://huggingface.co/papers/2501.00007)\n\n"
        "[GitHub 12](https://github.com/x/y)\n\n"
        "### [Another Paper](https://huggingface.co/papers/2501.00008)\n\n" + ABSTRACT + "\n")
    entry = listing.entries[0]
    assert entry.abstract == ("We study a problem at length and explain every step of the "
                              "method in detail. The code is at https://github.com/x/y")
