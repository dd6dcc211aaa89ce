"""Stable, readable, unique URL slugs for papers.

A slug depends only on the paper's own title, never on file order. When titles collide
(after transliteration and truncation) the paper whose normalised title sorts first keeps
the plain slug and every other one gets a short hash of its own normalised title, so each
suffix is fixed by the paper itself.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from slugify import slugify

from .model import Paper

# Well under the 255-byte file-name limit once ".md" or "/index.html" is added, and
# short enough to read in a URL.
MAX_SLUG_LENGTH = 80


def slug_for(title: str) -> str:
    """``"Light Schrödinger Bridge"`` -> ``"light-schrodinger-bridge"``.

    Long slugs are cut at the last whole word that fits. (python-slugify's own
    ``word_boundary`` skips a word that does not fit and goes on with later, shorter ones,
    which makes slugs that read wrong.)
    """
    slug = slugify(title, allow_unicode=False)
    if len(slug) <= MAX_SLUG_LENGTH:
        return slug
    head = slug[: MAX_SLUG_LENGTH + 1]
    return head.rsplit("-", 1)[0] if "-" in head else slug[:MAX_SLUG_LENGTH]


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:7]


def assign_slugs(papers: list[Paper]) -> None:
    """Give every paper a unique ``slug``; papers with an empty slug become ``paper-<hash>``."""
    by_slug: dict[str, list[Paper]] = defaultdict(list)
    for paper in papers:
        by_slug[slug_for(paper.title) or "paper"].append(paper)
    for base, group in by_slug.items():
        group.sort(key=lambda p: p.key)
        for index, paper in enumerate(group):
            plain = index == 0 and base != "paper"
            paper.slug = base if plain else f"{base}-{short_hash(paper.key)}"
