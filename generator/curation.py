"""Applying the curator's notes to the papers, finding orphaned notes, and matching a
title or slug typed on the command line to a paper."""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass

from .model import Diagnostic, Level, Note, Paper, RelatedLink
from .messages import COMPARED, did_you_mean, shown
from .titles import title_key
from .topics import UNCATEGORISED


@dataclass(frozen=True)
class Orphan:
    """A note whose paper is no longer in the listings, with the closest current paper."""

    note: Note
    closest: Paper | None


def apply_notes(papers: list[Paper], notes: list[Note],
                topic_names: list[str]) -> tuple[list[Orphan], list[Diagnostic]]:
    """Attach each note to its paper; adjust topics and related papers as it says."""
    by_slug = {paper.slug: paper for paper in papers}
    orphans, diagnostics, titles = [], [], None
    for note in notes:
        paper = by_slug.get(note.slug)
        if paper is None:
            titles = titles or TitleIndex(papers)
            closest = titles.closest(note.slug.replace("-", " "))
            orphans.append(Orphan(note, closest))
            hint = f"; the closest current paper is {closest.title!r} ({closest.slug})" \
                if closest else ""
            diagnostics.append(Diagnostic(Level.WARNING, note.path, None, (
                f"orphaned note: no paper has the slug {note.slug!r}{hint}. The note is kept "
                f"as it is (rename it to the paper's slug to reattach it)")))
            continue
        paper.note = note
        diagnostics += _apply_topics(paper, note, topic_names)
        diagnostics += _check_slugs(note, by_slug)
    return orphans, diagnostics


def _apply_topics(paper: Paper, note: Note, topic_names: list[str]) -> list[Diagnostic]:
    known = set(topic_names)
    named = (note.topics_replace or []) + note.topics_add + note.topics_remove
    problems = [Diagnostic(Level.WARNING, note.path, note.line_of("topics"),
                           f"topic {shown(name)} is not in the taxonomy"
                           f"{did_you_mean(name, topic_names)} (known: "
                           f"{', '.join(topic_names)}); ignored")
                for name in named if name not in known]
    automatic = [t for t in paper.topics if t != UNCATEGORISED]
    if note.topics_replace is not None:
        chosen = [t for t in note.topics_replace if t in known]
    else:
        chosen = [t for t in automatic if t not in note.topics_remove]
        chosen += [t for t in note.topics_add if t in known and t not in chosen]
    order = {name: index for index, name in enumerate(topic_names)}
    paper.topics = sorted(set(chosen), key=order.__getitem__) or [UNCATEGORISED]
    return problems


# Finding the slug meant searches every paper: for the first few unknown slugs only.
SUGGESTED = 10


def _check_slugs(note: Note, by_slug: dict[str, Paper]) -> list[Diagnostic]:
    wrong = [slug for slug in note.pin + note.exclude
             if slug not in by_slug or slug == note.slug]
    return [Diagnostic(Level.WARNING, note.path, note.line_of("related"),
                       f"related: no paper has the slug {shown(slug)}"
                       f"{_closest_slug(slug, by_slug) if number < SUGGESTED else ''}"
                       if slug != note.slug else
                       f"related: {shown(slug)} is this note's own paper")
            for number, slug in enumerate(wrong)]


def _closest_slug(slug: str, by_slug: dict[str, Paper]) -> str:
    if len(slug) > COMPARED:
        return ""
    longer = sorted((s for s in by_slug if s.startswith(slug + "-")), key=len)
    close = longer[:1] or difflib.get_close_matches(slug, list(by_slug), n=1, cutoff=0.75)
    return f"; did you mean {close[0]!r}?" if close else ""


def link_related(papers: list[Paper], links: list[list[dict]], limit: int) -> None:
    """Give each paper its related papers (``links``: per paper, as the related-papers
    cache holds them), then the curator's pins and exclusions."""
    by_slug = {paper.slug: paper for paper in papers}
    for paper, related in zip(papers, links):
        paper.related = [RelatedLink.from_json(link) for link in related]
        curate_related(paper, by_slug, limit)


def curate_related(paper: Paper, by_slug: dict[str, Paper], limit: int) -> None:
    """Pinned papers first ("pinned by the curator"), excluded ones removed."""
    note = paper.note
    if note is None:
        return
    pinned = [RelatedLink(slug, None, ("pinned by the curator",))
              for slug in note.pin if slug in by_slug and slug != paper.slug]
    dropped = set(note.exclude) | {link.slug for link in pinned}
    computed = [link for link in paper.related if link.slug not in dropped]
    paper.related = (pinned + computed)[:max(limit, len(pinned))]


# Comparing spellings costs the product of two lengths, so a text is compared with the
# titles that share the most word beginnings with it, not with all of them (at 20,000
# papers, one orphaned note took 11 s).
CANDIDATES = 50


class TitleIndex:
    """Papers by the beginnings of the words of their titles."""

    def __init__(self, papers: list[Paper]) -> None:
        self.papers = papers
        self.postings: dict[str, list[int]] = defaultdict(list)
        for number, paper in enumerate(papers):
            for start in _starts(paper.key):
                self.postings[start].append(number)

    def candidates(self, key: str) -> list[Paper]:
        """The papers sharing most word beginnings with ``key`` (a title key), in order."""
        shared: Counter[int] = Counter()
        for start in _starts(key):
            shared.update(self.postings.get(start, ()))
        best = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:CANDIDATES]
        return [self.papers[number] for number, _ in best]

    def closest(self, text: str) -> Paper | None:
        """The paper whose title is most like ``text``, if any is reasonably close."""
        keys = {paper.key: paper for paper in self.candidates(title_key(text))}
        match = difflib.get_close_matches(title_key(text), list(keys), n=1, cutoff=0.5)
        return keys[match[0]] if match else None


def _starts(key: str) -> set[str]:
    # Four letters: a typo later in a word still finds it; one in its start does not.
    return {word[:4] for word in key[:COMPARED].split()}


def find_paper(query: str, papers: list[Paper]) -> tuple[Paper | None, list[Paper]]:
    """A slug, a title, or a distinctive part of a title -> (the paper, or the candidates)."""
    for paper in papers:
        if paper.slug == query.strip():
            return paper, []
    key = title_key(query)
    exact = [p for p in papers if p.key == key]
    if len(exact) == 1:
        return exact[0], []
    containing = [p for p in papers if key and key in p.key]
    if len(containing) == 1:
        return containing[0], []
    if containing:
        return None, containing
    return _closest_by_spelling(key, TitleIndex(papers).candidates(key))


def _closest_by_spelling(key: str, papers: list[Paper]) -> tuple[Paper | None, list[Paper]]:
    """A typo: the clearly closest title wins; several about as close are candidates."""
    scored = sorted(((difflib.SequenceMatcher(None, key, p.key).ratio(), p.slug, p)
                     for p in papers), key=lambda item: (-item[0], item[1]))
    close = [(ratio, p) for ratio, _, p in scored[:5] if ratio >= 0.6]
    if not close:
        return None, []
    if len(close) == 1 or close[0][0] - close[1][0] >= 0.1:
        return close[0][1], []
    return None, [p for ratio, p in close if close[0][0] - ratio < 0.1]
