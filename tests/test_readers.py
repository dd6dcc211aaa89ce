"""Choosing a reader by shape, and the checks every shape shares."""

from __future__ import annotations

from generator.model import Entry
from generator.readers import _papers_only, is_real_title, read_listing, shapes


def warnings(diagnostics):
    return [d.message for d in diagnostics if d.level.value == "warning"]


def test_every_shape_module_is_found():
    assert {shape.name for shape in shapes()} >= {"hf-text", "hf-page", "arxiv-list"}


def test_a_file_of_no_known_shape_yields_no_papers_and_says_so():
    text = ("Reading list\n\nSome Title I Like\n\n" + "A paragraph of notes about it. " * 20
            + "\n\nAnother Title\n\n" + "More notes about this one. " * 20)
    listing, diagnostics = read_listing(text, "notes.txt", "seeds/notes.txt")
    assert listing.entries == () and listing.shape == "unknown"
    (message,) = warnings(diagnostics)
    assert message.startswith("shape not recognised (known: ")
    assert "no papers read from this file" in message


def test_an_empty_file_warns():
    listing, diagnostics = read_listing(" \n\n", "empty.txt", "seeds/empty.txt")
    assert listing.entries == () and warnings(diagnostics) == ["empty listing"]


def test_chrome_is_never_a_title():
    for debris in ("[", "1", "[ pdf , html , other ]", "(replaced)", "1.2k", "·",
                   "https://huggingface.co/papers/2401.00001", "12 / 30", ""):
        assert not is_real_title(debris), debris
    for title in ("A", "Attention Is All You Need", "(Replaced) A Title", "π-Nets",
                  "2024: A Year in Review"):
        assert is_real_title(title), title


def test_a_paper_needs_an_abstract_a_summary_or_an_id():
    entries = [Entry("Only A Title", None, 3, 1),
               Entry("With Summary", None, 5, 2, summary="One line."),
               Entry("With Id", None, 7, 3, arxiv_id="2401.00001"),
               Entry("[ pdf , other ]", "Some text.", 9, 4)]
    out = []
    kept = _papers_only(entries, "seeds/x.md", out)
    assert [e.title for e in kept] == ["With Summary", "With Id"]
    assert [(d.line, d.message) for d in out] == [
        (3, "'Only A Title' has no abstract, summary or arXiv id: not read as a paper"),
        (9, "'[ pdf , other ]' is not a paper title; ignored")]


def test_the_most_specific_shape_wins():
    arxiv_markdown = ("[1]\n[arXiv:2401.00001](https://arxiv.org/abs/2401.00001)\n\nTitle:\n"
                      "One\n\nSubjects:\nAI (cs.AI)\n\n[2]\n[arXiv:2401.00002]"
                      "(https://arxiv.org/abs/2401.00002)\n\nTitle:\nTwo\n\n"
                      "[Models](https://huggingface.co/models)\n")
    listing, _ = read_listing(arxiv_markdown, "a.md", "seeds/a.md")
    assert (listing.shape, [e.title for e in listing.entries]) == ("arxiv-list", ["One", "Two"])


def test_each_capture_names_its_page():
    from pathlib import Path

    from generator.readers import detect_shape
    from generator.readers.page_title import page_title

    captures = Path(__file__).parent / "data" / "captures"
    expected = {
        "arxiv-new-text-q-fin-cp.md": "arXiv q-fin.CP: new submissions",
        "crawler-hf-trending-via-pwc-link.md": "Trending Papers",
        "export-urls-hf-search-intercode-bash.md": "Papers search: Intercode Bash",
        "hf-html-extract-trending-2026-10.md": "Trending Papers",
        "hf-html2text-reflinks-search-long-context-asr.md": "Papers search: Long-context ASR",
        "hf-obsidian-clipper-daily-2026-04-17.md": "Daily Papers",
        "htmltext-arxiv-list-cs-ai-recent.md": "arXiv cs.AI: recent submissions",
    }
    for name, title in expected.items():
        text = (captures / name).read_text(encoding="utf-8")
        assert page_title(text, detect_shape(text).name) == title, name
    assert page_title("new\n\nDaily Papers\n\nDec 9\n", "hf-text") == "Daily Papers"
    assert page_title("Some text\n", "hf-text") == "Hugging Face papers"
    assert page_title("Some text\n", "unknown") is None
    assert page_title('title: "<script>x</script> - Hugging Face"\n', "hf-page") == \
        "<script>x</script>"
