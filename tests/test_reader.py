"""The listing reader, quirk by quirk, on small hand-written listings."""

from __future__ import annotations

import codecs

from generator.model import DayMonth, Level
from generator.readers import decode_listing
from generator.readers.common import parse_date

from .conftest import HEADER, LONG, parse


def titles(listing):
    return [entry.title for entry in listing.entries]


def warnings(diagnostics):
    return [d for d in diagnostics if d.level is Level.WARNING]


def test_blocks_layout_with_and_without_metadata():
    listing, diagnostics = parse(HEADER + (
        "Dec 9\n\nFirst Paper\n\nFirst abstract.\n\n"
        "Second Paper\n\nSecond abstract.\n\n  • 3 authors\n·\nJun 9\n\n"
        "Third Paper\n\nThird abstract.\n\n  • 12 authors\n·\nJun 18, 2021"))
    assert listing.layout == "blocks"
    assert listing.date == DayMonth(12, 9)
    assert titles(listing) == ["First Paper", "Second Paper", "Third Paper"]
    first, second, third = listing.entries
    assert (first.abstract, first.has_metadata) == ("First abstract.", False)
    assert (second.authors, second.date, second.date_text) == (3, DayMonth(6, 9), "Jun 9")
    assert (third.authors, third.date) == (12, DayMonth(6, 18, 2021))
    assert [e.position for e in listing.entries] == [1, 2, 3]
    assert [e.line for e in listing.entries] == [13, 17, 25]
    assert diagnostics == []


def test_lines_layout_with_title_glued_onto_header():
    listing, diagnostics = parse(
        "Get trending papers in your email inbox once a day!\n"
        "Get trending papers in your email inbox!\n"
        "SubscribeNeural signature kernels\n"
        "Motivated by reservoir computing, we consider ResNets.\n"
        "Stable ResNet\n"
        "Deep ResNets work.")
    assert listing.layout == "lines"
    assert listing.date is None
    assert titles(listing) == ["Neural signature kernels", "Stable ResNet"]
    assert listing.entries[1].abstract == "Deep ResNets work."
    assert diagnostics == []


def test_header_without_daily_papers_line_and_title_starting_with_header_word():
    listing, _ = parse("new\n\nSubscribe\n\nJun 26\n\nNew results on subscribers\n\nAbstract.")
    assert listing.date == DayMonth(6, 26)
    assert titles(listing) == ["New results on subscribers"]


def test_organisation_line_and_comment_count():
    listing, _ = parse(HEADER + (
        "ParallelBench: Parallel Decoding\n\nAn abstract.\n\n"
        "furiosa-ai FuriosaAI\n·\nOct 6, 2025 2\n\n"
        "Sparsing Law\n\nAnother abstract.\n\n  • 1 authors\n·\nNov 4, 2024 1"))
    bench, law = listing.entries
    assert (bench.organization, bench.authors, bench.comments) == ("furiosa-ai FuriosaAI", None, 2)
    assert (bench.date, bench.date_text) == (DayMonth(10, 6, 2025), "Oct 6, 2025")
    assert (law.authors, law.comments, law.date_text) == (1, 1, "Nov 4, 2024")


def test_wrapped_lines_are_joined_and_whitespace_normalised():
    listing, _ = parse(HEADER + "A  long\ttitle\nthat wraps\n\nAn abstract\n  wrapped \u00a0twice.\n")
    entry = listing.entries[0]
    assert entry.title == "A long title that wraps"
    assert entry.abstract == "An abstract wrapped twice."


def test_text_is_verbatim_apart_from_whitespace():
    odd = r"Inference Scaling scriptsizeFLaws: φ^3 QFT, Schr\"odinger & <b>*not* bold</b> `x`"
    listing, _ = parse(HEADER + f"{odd}\n\n{odd} -- {{\\em sic}} teh typo.")
    assert listing.entries[0].title == odd
    assert listing.entries[0].abstract == odd + r" -- {\em sic} teh typo."


def test_crlf_and_bom():
    raw = codecs.BOM_UTF8 + (HEADER + "Title\n\nAbstract.\n").replace("\n", "\r\n").encode()
    text, problem = decode_listing(raw, "seeds/x.txt")
    assert problem is None and not text.startswith("\ufeff")
    listing, diagnostics = parse(text)
    assert titles(listing) == ["Title"] and listing.entries[0].abstract == "Abstract."
    assert diagnostics == []


def test_utf16_with_bom_is_read():
    text, problem = decode_listing("Title\n\nAbstract ö.".encode("utf-16"), "x.txt")
    assert problem is None and text == "Title\n\nAbstract ö."


def test_latin1_file_is_skipped_with_line_and_column():
    data = "Title\n\nCaf\u00e9 abstract.".encode("latin-1")
    text, problem = decode_listing(data, "seeds/bad.txt")
    assert text is None
    assert problem.level is Level.WARNING and problem.line == 3
    assert "not UTF-8" in problem.message and "column 4" in problem.message
    assert str(problem).startswith("seeds/bad.txt:3: warning:")


def test_binary_files_are_skipped():
    text, problem = decode_listing(b"\x89PNG\r\n\x1a\n\x00\x00", "seeds/img.txt")
    assert text is None and "not UTF-8" in problem.message and problem.line == 1
    text, problem = decode_listing(b"Title\n\nab\x00c", "seeds/nul.txt")
    assert text is None and "binary" in problem.message and problem.line == 3


def test_empty_file_warns():
    listing, diagnostics = parse("")
    assert listing.entries == ()
    assert [d.message for d in warnings(diagnostics)] == ["empty listing"]


def test_header_only_file_warns_no_papers():
    listing, diagnostics = parse(HEADER + "Dec 9\n")
    assert listing.entries == ()
    assert "no recognisable papers" in warnings(diagnostics)[0].message


def test_truncated_last_entry_is_warned_and_not_a_paper():
    listing, diagnostics = parse(HEADER + "Complete\n\nAbstract.\n\nCut Off Title")
    assert titles(listing) == ["Complete"]
    (warning,) = warnings(diagnostics)
    assert warning.line == 15 and "truncated" in warning.message
    assert "not read as a paper" in warning.message


def test_missing_abstract_mid_file_does_not_shift_later_entries():
    listing, diagnostics = parse(
        "Subscribe\nFirst Title\nShort abstract.\nNo Abstract Title\nSecond Title\n" + LONG
        + "\nThird\n" + LONG)
    assert titles(listing) == ["First Title", "Second Title", "Third"]
    assert listing.entries[0].abstract == "Short abstract."
    assert listing.entries[1].abstract == listing.entries[2].abstract == LONG.strip()
    assert [entry.position for entry in listing.entries] == [1, 2, 3]
    (warning,) = warnings(diagnostics)
    assert warning.line == 4 and "no abstract" in warning.message


def test_short_abstracts_are_still_abstracts():
    listing, diagnostics = parse(
        "Subscribe\nQwen Report\nQwen Report\nOneThinker\nProject page: https://example.org/x\n"
        "Third\n" + LONG)
    assert [(e.title, e.abstract) for e in listing.entries[:2]] == [
        ("Qwen Report", "Qwen Report"), ("OneThinker", "Project page: https://example.org/x")]
    assert diagnostics == []


def test_metadata_is_never_a_paper():
    listing, diagnostics = parse(HEADER + (
        "Dec 9\n\n  • 3 authors\n·\nJun 9\n\nReal Title\n\nReal abstract.\n\n"
        "  • 2 authors\n·\nJan 1, 2020\n\n·\n\nMay 5"))
    assert titles(listing) == ["Real Title"]
    assert listing.entries[0].date == DayMonth(1, 1, 2020)
    stray = [d.message for d in warnings(diagnostics)]
    assert len(stray) == 5 and all(m.startswith("stray ") for m in stray)


def test_header_lines_inside_the_body_are_not_papers():
    listing, diagnostics = parse(HEADER + "A\n\nAbstract a.\n\nDaily Papers\n\nB\n\nAbstract b.")
    assert titles(listing) == ["A", "B"]
    assert [d.level for d in diagnostics] == [Level.NOTICE]


def test_title_followed_directly_by_metadata_has_no_abstract():
    listing, diagnostics = parse(HEADER + "Lonely\n\n  • 2 authors\n·\nMar 3, 2024\n\nLater One\n\nAbs.")
    (following,) = listing.entries
    assert (following.title, following.abstract, following.position) == ("Later One", "Abs.", 1)
    (warning,) = warnings(diagnostics)
    assert warning.line == 11 and "'Lonely' has no abstract" in warning.message


def test_paragraph_without_title_is_not_made_a_paper():
    listing, diagnostics = parse(HEADER + LONG + "\n\nTitle\n\n" + LONG)
    assert titles(listing) == ["Title"]
    assert "without a title" in warnings(diagnostics)[0].message


def test_parse_date_forms():
    assert parse_date("Jun 9") == (DayMonth(6, 9), "Jun 9", None)
    assert parse_date("Jun 18, 2021") == (DayMonth(6, 18, 2021), "Jun 18, 2021", None)
    assert parse_date("Mar 28, 2025 2") == (DayMonth(3, 28, 2025), "Mar 28, 2025", 2)
    assert parse_date("September 3, 2020") == (DayMonth(9, 3, 2020), "September 3, 2020", None)
    for not_a_date in ("Jun 40", "Foo 9", "Jun", "Jun 9, 20", "Transformers 2"):
        assert parse_date(not_a_date) is None


def test_only_cr_and_lf_end_lines():
    listing, _ = parse("Subscribe\nA\u2028Title\x0cwith breaks\nIts abstract\x85.\rB\r\nB abs.")
    assert [(e.title, e.abstract) for e in listing.entries] == [
        ("A Title with breaks", "Its abstract ."), ("B", "B abs.")]


def test_organisation_line_right_after_the_abstract_is_not_joined_to_it():
    listing, diagnostics = parse(HEADER + "Title\n\nAbstract.\nSome Org\n·\nMay 5, 2024\n\nLater One\n\nN.")
    first = listing.entries[0]
    assert (first.abstract, first.organization) == ("Abstract.", "Some Org")
    assert diagnostics == []


def test_a_copy_of_the_whole_page_keeps_only_the_papers():
    """Navigation before the header and the footer after the list are not papers."""
    listing, diagnostics = parse(
        "Hugging Face\nModels\nDatasets\nSpaces\nDocs\nPricing\nLog In\nSign Up\n\n"
        + HEADER + "Dec 9\n\nA Paper\n\nIts abstract.\n\nHugging Face\n·\nDec 8, 2025\n\n"
        "Previous\n\nNext\n\nSystem theme\n\nCompany\n\nTOS\n\nPrivacy\n\nAbout\n\n"
        "Website\n\nModels\n\nDatasets\n")
    (entry,) = listing.entries
    assert (entry.title, entry.abstract, entry.organization) == (
        "A Paper", "Its abstract.", "Hugging Face")
    assert diagnostics == []


def test_a_text_browser_copy_with_submitters_and_counters():
    """w3m or a copy of the page can carry "Submitted by" lines and upvote counters."""
    listing, diagnostics = parse(
        HEADER + "Jan 7\n\nSubmitted by\nakhaliq\n\n42\n\nA Paper\n\nIts abstract.\n\n"
        "  • 3 authors\n·\nJan 6\n\nSubmitted by taesiri\n\n1.2k\n\nB Paper\n\nB abstract.")
    assert [(e.title, e.abstract) for e in listing.entries] == [
        ("A Paper", "Its abstract."), ("B Paper", "B abstract.")]
    assert warnings(diagnostics) == []


def test_a_copy_of_a_trending_page():
    """Trending cards: "Submitted by", a dot before the author count, "Published on",
    counters and buttons; a one-line summary stands where the abstract would."""
    listing, diagnostics = parse(
        "Get trending papers in your email inbox!\n\nTrending Papers\n\nSubmitted by\n"
        "vvasilev\n\nKandinsky 6.0 Video\n\nA family of video models with audio.\n\n"
        "· 12 authors\n\nPublished on Oct 4, 2026\n\nUpvote\n\n117\n\nGitHub\n\n131\n\n"
        "arXiv Page\n\nSubmitted by\nbupalinyu\n\nThe Other Half\n\nServing MoEs from SSD."
        "\n\n· 3 authors\n\nPublished on Sep 16, 2026")
    first, second = listing.entries
    assert (first.title, first.abstract, first.authors, first.date_text) == (
        "Kandinsky 6.0 Video", "A family of video models with audio.", 12, "Oct 4, 2026")
    assert (second.title, second.authors, second.date_text) == (
        "The Other Half", 3, "Sep 16, 2026")
    assert warnings(diagnostics) == []
