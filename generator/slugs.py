"""Stable, readable, unique URL slugs for papers.

A slug depends only on the paper's own title, never on file order. When titles collide
(after transliteration and truncation) the paper whose normalised title sorts first keeps
the plain slug and every other one gets a short hash of its own normalised title, so each
suffix is fixed by the paper itself (longer only if another paper's slug already reads
like it).
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


# Slugs a paper never takes: papers/index.md would be the folder's own page.
RESERVED = frozenset({"index"})


def assign_slugs(papers: list[Paper]) -> None:
    """Give every paper a unique ``slug``; papers with an empty slug become ``paper-<hash>``.

    Plain slugs are given first, so a title that reads like another paper's hashed slug
    ("Foo Bar ee8c0f2") keeps its own; a hashed slug that is taken grows longer.
    """
    by_slug: dict[str, list[Paper]] = defaultdict(list)
    for paper in papers:
        by_slug[slug_for(paper.title) or "paper"].append(paper)
    taken: set[str] = set()
    hashed: list[tuple[str, Paper]] = []
    for base in sorted(by_slug):
        group = sorted(by_slug[base], key=lambda p: p.key)
        if base in RESERVED or base == "paper":
            hashed.extend((base, paper) for paper in group)
            continue
        group[0].slug = base
        taken.add(base)
        hashed.extend((base, paper) for paper in group[1:])
    for base, paper in hashed:
        paper.slug = _free_slug(base, paper.key, taken)
        taken.add(paper.slug)


def _free_slug(base: str, key: str, taken: set[str]) -> str:
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()
    for length in range(7, len(digest) + 1):
        slug = f"{base}-{digest[:length]}"
        if slug not in taken:
            return slug
    raise AssertionError("a SHA-1 digest is unique among the slugs")  # pragma: no cover
