"""arXiv listing pages, as text copied from the browser and as a converter's Markdown."""

from __future__ import annotations

from generator.model import ArxivFacts, DayMonth
from generator.readers import read_listing

ABSTRACT = ("We present an abstract that is long enough to be an abstract: it states a "
            "problem, a method and a result, and it wraps over more than one line in a text "
            "capture so that unwrapping is tested too. It keeps TeX such as $O(n^2)$ and "
            "vs.\\ as printed.")

COPIED = f"""Machine Learning
Authors and titles for new submissions
New submissions for Fri, 11 Oct 24

[1]  arXiv:2410.05434 [pdf, html, other]
Title: A Title That Wraps
onto Two Lines
Authors: Ada Lovelace, Alan Turing (University of Manchester, UK), Grace Hopper
Comments: 12 pages, 3 figures
Journal-ref: Proc. Imaginary Conf. 2024
Subjects: Machine Learning (cs.LG); Artificial Intelligence
(cs.AI)

{ABSTRACT.replace(" more than", chr(10) + "more than", 1)}

Cross-lists for Fri, 11 Oct 24

[2]  arXiv:hep-th/9901001v2 (cross-list from hep-th) [pdf, other]
Title: An Old-Style Identifier
Authors: Edward Witten
Subjects: High Energy Physics - Theory (hep-th); Machine Learning (cs.LG)

{ABSTRACT}

Replacements for Fri, 11 Oct 24

[3]  arXiv:2401.00001 (replaced) [pdf]
Title: (Replaced) A Paper Whose Title Starts With a Parenthesis
Authors: Someone Else
Comments: withdrawn
Subjects: Machine Learning (cs.LG)

{ABSTRACT}

[ showing 3 of 3 entries ]
About | Help | Contact
"""


def test_text_copied_from_an_arxiv_new_page():
    listing, diagnostics = read_listing(COPIED, "cs-lg.txt", "seeds/cs-lg.txt")
    assert (listing.shape, listing.layout) == ("arxiv-list", "text")
    assert listing.date == DayMonth(10, 11, 2024)
    first, second, third = listing.entries
    assert (first.title, first.arxiv_id, first.section) == (
        "A Title That Wraps onto Two Lines", "2410.05434", "new")
    assert first.author_names == ("Ada Lovelace", "Alan Turing", "Grace Hopper")
    assert first.authors == 3
    assert first.arxiv_facts == ArxivFacts(
        "12 pages, 3 figures", "Proc. Imaginary Conf. 2024",
        "Machine Learning (cs.LG); Artificial Intelligence (cs.AI)")
    assert first.abstract == " ".join(ABSTRACT.split())
    assert (second.arxiv_id, second.section, second.author_names) == (
        "hep-th/9901001", "cross-list", ("Edward Witten",))
    assert (third.title, third.section, third.arxiv_facts.comments) == (
        "(Replaced) A Paper Whose Title Starts With a Parenthesis", "replacement", "withdrawn")
    assert [d for d in diagnostics if d.level.value == "warning"] == []


RECENT = """# Artificial Intelligence

## Authors and titles for recent submissions

- [Wed, 7 Oct 2026](https://arxiv.org/list/cs.AI/recent?skip=0&show=50)

Total of 1945 entries : 1-50 [51-100](https://arxiv.org/list/cs.AI/recent?skip=50&show=50)

### Wed, 7 Oct 2026 (showing first 50 of 350 entries )

[1]
[arXiv:2610.08778](https://arxiv.org/abs/2610.08778)

[[pdf](https://arxiv.org/pdf/2610.08778), [other](https://arxiv.org/format/2610.08778)]

Title:
Sherpa: Teaching LLMs to Teach Adaptively

[Weixian Xu](https://arxiv.org/a/xu_w_1), [Diyi Yang](https://arxiv.org/a/yang_d_1)

Subjects:
Artificial Intelligence (cs.AI)

[2]
[arXiv:2610.08775](https://arxiv.org/abs/2610.08775)

Title:
Agent in a Bottle

[Ankit Sonthalia](https://arxiv.org/search/cs?searchtype=author&query=Sonthalia%2C+A)

Subjects:
Artificial Intelligence (cs.AI)

Total of 1945 entries : 1-50 and a footer line long enough to look like prose to a careless reader.
"""


def test_a_recent_page_in_markdown_has_no_abstracts():
    listing, _ = read_listing(RECENT, "recent.md", "seeds/recent.md")
    assert (listing.shape, listing.layout) == ("arxiv-list", "markdown")
    assert listing.date == DayMonth(10, 7, 2026)
    assert [(e.title, e.arxiv_id, e.abstract) for e in listing.entries] == [
        ("Sherpa: Teaching LLMs to Teach Adaptively", "2610.08778", None),
        ("Agent in a Bottle", "2610.08775", None)]
    assert listing.entries[0].author_names == ("Weixian Xu", "Diyi Yang")


# lynx -dump of a /new page: numbered links, a wrapped title, names linked to author pages.
LYNX = f"""   [1]Skip to main content
   [2]Cornell University
   We gratefully acknowledge support from the Simons Foundation, [3]member
   institutions, and all contributors. [4]Donate

                              Machine Learning

     * [5]New submissions
     * [6]Cross-lists

Showing new listings for Friday, 11 October 2024

   Total of 2 entries

New submissions (showing 2 of 2 entries)

   [1] [7]arXiv:2410.05434 [[8]pdf, [9]other]
          Title: A Title That Is Long Enough to Wrap Onto the Next Line in a
          Text Browser
          [10]Ada Lovelace, [11]Alan Turing
          Comments: 12 pages
          Subjects: Machine Learning (cs.LG)

          {ABSTRACT.replace(" more than", chr(10) + "          more than", 1)}

   [2] [12]arXiv:2410.05435 [[13]pdf]
          Title: Short
          [14]Grace Hopper
          Subjects: Machine Learning (cs.LG)

          {ABSTRACT}

References

   1. https://arxiv.org/#content
   2. https://www.cornell.edu/
   3. https://info.arxiv.org/about/ourmembers.html
   4. https://info.arxiv.org/about/donate.html
   5. https://arxiv.org/list/cs.LG/new#item0
   6. https://arxiv.org/list/cs.LG/new#item2
   7. https://arxiv.org/abs/2410.05434
   8. https://arxiv.org/pdf/2410.05434
   9. https://arxiv.org/format/2410.05434
  10. https://arxiv.org/a/lovelace_a_1
  11. https://arxiv.org/a/turing_a_1
  12. https://arxiv.org/abs/2410.05435
  13. https://arxiv.org/pdf/2410.05435
  14. https://arxiv.org/a/hopper_g_1
"""

# Copied from the browser: every part of an entry on a line of its own, names unlabelled.
BROWSER = f"""New submissions (showing 2 of 2 entries)
[1] arXiv:2410.05434 [pdf, html, other]
Title: Learning to Rank, Retrieve, and Reason
Ada Lovelace, Alan Turing
Subjects: Machine Learning (cs.LG)
{ABSTRACT}
[2] arXiv:2410.05435 [pdf, other]
Title: Short
Grace Hopper
Comments: 3 pages
Subjects: Machine Learning (cs.LG)
{ABSTRACT}
Total of 2 entries
Showing up to 2000 entries per page: fewer | more | all
About
Help
"""


def test_a_text_browser_dump_of_an_arxiv_page():
    listing, _ = read_listing(LYNX, "lynx.txt", "seeds/lynx.txt")
    assert (listing.shape, listing.layout) == ("arxiv-list", "numbered links")
    assert listing.date == DayMonth(10, 11, 2024)
    first, second = listing.entries
    assert first.title == ("A Title That Is Long Enough to Wrap Onto the Next Line in a "
                           "Text Browser")
    assert (first.author_names, first.arxiv_facts.comments) == (
        ("Ada Lovelace", "Alan Turing"), "12 pages")
    assert first.abstract == ABSTRACT
    assert (second.title, second.author_names, second.abstract) == (
        "Short", ("Grace Hopper",), ABSTRACT)


def test_text_copied_with_unlabelled_names_and_no_blank_lines():
    listing, _ = read_listing(BROWSER, "copy.txt", "seeds/copy.txt")
    assert [(e.title, e.author_names, e.abstract) for e in listing.entries] == [
        ("Learning to Rank, Retrieve, and Reason", ("Ada Lovelace", "Alan Turing"), ABSTRACT),
        ("Short", ("Grace Hopper",), ABSTRACT)]
