"""Topics: a curated taxonomy (YAML) and the rules that put papers into topics.

Each topic has a name, a description and matching rules:

* ``keywords``: phrases looked for in the title and abstract, case-insensitive, on word
  boundaries, a hyphen matching a space; a trailing ``*`` matches any word ending
  (``scaling law*``);
* ``min_matches``: how many different keywords must occur (default 1);
* ``title_keywords``: phrases of which one occurring in the title is enough on its own;
* ``exclude``: phrases that keep a paper out of the topic.

A paper may have several topics; one that matches none is uncategorised.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from slugify import slugify

from .exceptions import PapershelfError
from .model import Paper

UNCATEGORISED = "Uncategorised"
_RULE_KEYS = {"name", "slug", "description", "keywords", "title_keywords", "min_matches",
              "exclude"}


@dataclass(frozen=True)
class Phrase:
    """A compiled keyword, with its first word for a cheap pre-check."""

    pattern: re.Pattern
    first: str
    first_is_prefix: bool

    def search(self, text: str, words: "Words") -> bool:
        # Most keywords do not occur in most papers: a set lookup rules them out before
        # the regular expression runs.
        return words.has(self.first, self.first_is_prefix) and bool(self.pattern.search(text))


class Words:
    """The words of one text, for :meth:`Phrase.search`'s pre-check."""

    def __init__(self, text: str):
        self.set = set(_WORD.findall(text.casefold()))
        self.sorted = sorted(self.set)

    def has(self, word: str, prefix: bool) -> bool:
        if not prefix:
            return word in self.set
        index = bisect.bisect_left(self.sorted, word)
        return index < len(self.sorted) and self.sorted[index].startswith(word)


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Topic:
    name: str
    slug: str
    description: str
    keywords: tuple[Phrase, ...]
    title_keywords: tuple[Phrase, ...] = ()
    exclude: tuple[Phrase, ...] = ()
    min_matches: int = 1


class TaxonomyError(PapershelfError):
    """The taxonomy file is invalid; the message lists every problem."""


def compile_phrase(phrase: str) -> Phrase:
    """``"scaling law*"`` -> a phrase matching "Scaling-laws", "scaling law", ..."""
    words = phrase.strip().split()
    words = [w for part in words for w in part.split("-") if w]
    parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words]
    pattern = re.compile(r"(?<!\w)" + r"[\s\-]+".join(parts) + r"(?!\w)", re.IGNORECASE)
    first = words[0].casefold()
    first_words = _WORD.findall(first.rstrip("*"))
    # A first word with inner punctuation ("o(1)") cannot be pre-checked as one token.
    if len(first_words) != 1 or first_words[0] != first.rstrip("*"):
        return Phrase(pattern, "", True)
    return Phrase(pattern, first.rstrip("*"), first.endswith("*"))


def parse_taxonomy(raw, path: str) -> list[Topic]:
    """Validate a parsed taxonomy document as a whole; raise with every problem found."""
    problems: list[str] = []
    entries = raw.get("topics") if isinstance(raw, dict) else None
    if not isinstance(entries, list) or not entries:
        raise TaxonomyError(f"{path}: expected `topics:` with a list of topics")
    if isinstance(raw, dict) and set(raw) - {"topics"}:
        problems.append(f"unknown key(s) {sorted(set(raw) - {'topics'})} (known: topics)")
    topics = []
    for number, entry in enumerate(entries, start=1):
        topic = _parse_topic(entry, f"topic {number}", problems)
        if topic:
            topics.append(topic)
    seen: set[str] = set()
    for topic in topics:
        if topic.slug in seen or topic.name == UNCATEGORISED:
            problems.append(f"topic {topic.name!r}: name or slug used twice or reserved")
        seen.add(topic.slug)
    if problems:
        raise TaxonomyError(f"{path}: invalid taxonomy:\n" + "\n".join(f"  - {p}" for p in problems))
    return topics


def _parse_topic(entry, label: str, problems: list[str]) -> Topic | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        problems.append(f"{label}: expected a mapping with a `name`")
        return None
    label = f"topic {entry['name']!r}"
    for key in sorted(set(entry) - _RULE_KEYS):
        problems.append(f"{label}: unknown key {key!r} (known: {', '.join(sorted(_RULE_KEYS))})")
    lists = {}
    for key in ("keywords", "title_keywords", "exclude"):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                  for v in value):
            problems.append(f"{label}: `{key}` must be a list of phrases")
            value = []
        lists[key] = tuple(compile_phrase(v) for v in value)
    if not lists["keywords"] and not lists["title_keywords"]:
        problems.append(f"{label}: needs `keywords` or `title_keywords`")
    min_matches = entry.get("min_matches", 1)
    if not isinstance(min_matches, int) or isinstance(min_matches, bool) or min_matches < 1:
        problems.append(f"{label}: `min_matches` must be a positive integer")
        min_matches = 1
    return Topic(
        name=entry["name"].strip(),
        slug=str(entry.get("slug") or slugify(entry["name"])),
        description=str(entry.get("description", "")).strip(),
        min_matches=min_matches,
        **lists,
    )


def topics_for(title: str, abstract: str | None, taxonomy: list[Topic]) -> list[str]:
    """Names of the topics a paper belongs to, in taxonomy order."""
    text = f"{title}\n{abstract or ''}"
    words, title_words = Words(text), Words(title)
    found = []
    for topic in taxonomy:
        if any(p.search(text, words) for p in topic.exclude):
            continue
        in_title = any(p.search(title, title_words) for p in topic.title_keywords)
        hits = sum(1 for p in topic.keywords if p.search(text, words))
        if in_title or (topic.keywords and hits >= topic.min_matches):
            found.append(topic.name)
    return found


def assign_topics(papers: list[Paper], taxonomy: list[Topic]) -> None:
    """Fill ``paper.topics``; a paper without any gets the Uncategorised pseudo-topic."""
    for paper in papers:
        paper.topics = topics_for(paper.title, paper.abstract, taxonomy) or [UNCATEGORISED]
