"""arXiv identifiers: where captures name them, which are valid, what they give."""

from __future__ import annotations

from datetime import date

import pytest

from generator.arxiv import find_arxiv_ids, parse_arxiv_id


@pytest.mark.parametrize("text, found", [
    ("https://huggingface.co/papers/2410.05434", ["2410.05434"]),
    ("see arxiv.org/abs/2410.05434v2.", ["2410.05434"]),
    ("https://arxiv.org/pdf/2410.05434v1.pdf", ["2410.05434"]),
    ("arXiv:hep-th/9901001v3 [hep-th]", ["hep-th/9901001"]),
    ("arXiv:math.GT/0309136", ["math/0309136"]),
    ("arxiv.org/abs/0704.0001 and arXiv: 1501.00001", ["0704.0001", "1501.00001"]),
    # Not ids: a five-digit number before 2015, four digits after, a month 13, a word
    # that is no archive, a number that runs on, an id with nothing naming it arXiv.
    ("arXiv:1412.12345 arXiv:1501.1234 arXiv:2413.00001 arXiv:foo/9901001", []),
    ("arXiv:2410.054341 and 2410.05434 alone", []),
])
def test_ids_in_text(text, found):
    assert [str(arxiv_id) for arxiv_id in find_arxiv_ids(text)] == found


def test_what_an_id_gives():
    arxiv_id = parse_arxiv_id("2410.05434v2")
    assert arxiv_id.submitted == date(2024, 10, 1)
    assert (arxiv_id.abs_url, arxiv_id.pdf_url, arxiv_id.hf_url) == (
        "https://arxiv.org/abs/2410.05434", "https://arxiv.org/pdf/2410.05434",
        "https://huggingface.co/papers/2410.05434")
    assert parse_arxiv_id("hep-th/9901001").submitted == date(1999, 1, 1)
    assert parse_arxiv_id("cs/0112017").submitted == date(2001, 12, 1)
    assert parse_arxiv_id("not an id") is None
