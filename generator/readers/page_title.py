"""What page a capture is, in words a reader knows ("Daily Papers", "Trending Papers",
"arXiv cs.LG: new submissions"), from the head of the file: the page's address, its own
headings, or the title a capture tool recorded. Listing pages are named after it."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

HEAD_CHARS = 6000
MAX_TITLE = 80

_ARXIV_LIST = re.compile(r"arxiv\.org/list/([\w.-]+)/(new|recent|pastweek)", re.I)
_ARXIV_KINDS = {"new": "new submissions", "recent": "recent submissions",
                "pastweek": "the past week"}
_HF_URL = re.compile(r"huggingface\.co/papers(?:/(trending|date|week|month)\b|\?[^\s)\]>\"']*)",
                     re.I)
_HF_KINDS = {"trending": "Trending Papers", "date": "Daily Papers", "week": "Weekly Papers",
             "month": "Monthly Papers"}
# Headings a Hugging Face page prints, and the page they mean.
_HEADINGS = {"daily papers": "Daily Papers", "trending papers": "Trending Papers",
             "byak and the research community": "Daily Papers"}
_RECORDED = re.compile(r"^\s*(?:title:|\*\*page title:\*\*|-?\s*title:|#)\s*\"?(?P<title>[^\"\n]+)",
                       re.I | re.M)
_SITE_PARTS = re.compile(r"\s*[-|–]\s*Hugging Face\s*$|^\s*Hugging Face\s*-\s*\d{4}\s*-\s*|"
                         r"^\s*arXiv\s*-\s*\d{4}\s*-\s*", re.I)
_FALLBACK = {"hf-text": "Hugging Face papers", "hf-page": "Hugging Face papers",
             "arxiv-list": "arXiv listing"}


def page_title(text: str, shape: str) -> str | None:
    """The page's name, or the kind of page the shape reads; None if nothing says."""
    head = text[:HEAD_CHARS]
    found = _from_address(head) or _from_headings(head) or _from_recorded(head) \
        or _FALLBACK.get(shape)
    return " ".join(found.split())[:MAX_TITLE] if found else None


def _from_address(head: str) -> str | None:
    arxiv = _ARXIV_LIST.search(head)
    if arxiv:
        return f"arXiv {arxiv[1]}: {_ARXIV_KINDS[arxiv[2].lower()]}"
    hf = _HF_URL.search(head)
    if not hf:
        return None
    if hf[1]:
        return _HF_KINDS[hf[1].lower()]
    query = parse_qs(urlsplit(unquote(hf[0])).query).get("q")
    return f"Papers search: {query[0]}" if query and query[0].strip() else None


def _from_headings(head: str) -> str | None:
    for line in head.splitlines()[:80]:
        words = " ".join(line.strip(" #*_[]").split()).casefold()
        if words in _HEADINGS:
            return _HEADINGS[words]
    return None


def _from_recorded(head: str) -> str | None:
    for match in _RECORDED.finditer(head):
        title = _SITE_PARTS.sub("", match["title"]).strip(" *#")
        if re.search(r"[A-Za-z]{3}", title) and not title.lower().startswith(("source", "web")):
            return title
    return None
