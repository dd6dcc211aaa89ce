"""Topics: a curated taxonomy (YAML) and the rules that put papers into topics.

Each topic has a name, a description and matching rules:

* ``keywords``: phrases looked for in the title and abstract, case-insensitive, on word
  boundaries, a hyphen matching a space; a trailing ``*`` matches any word ending
  (``scaling law*``);
* ``min_matches``: how many different keywords must occur (default 1);
* ``title_keywords``: phrases of which one occurring in the title is enough on its own;
* ``exclude``: phrases that keep a paper out of the topic.

A paper may have several topics; one that matches none is uncategorised. The taxonomy
file is read and validated in :mod:`.taxonomy`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .cache import text_key
from .model import Paper

UNCATEGORISED = "Uncategorised"


@dataclass(frozen=True)
class Phrase:
    """A compiled keyword, with the words it needs for a cheap pre-check."""

    pattern: re.Pattern
    first: str
    first_is_prefix: bool
    required: frozenset[str] = frozenset()

    def search(self, words: "Words") -> bool:
        # Most keywords do not occur in most papers: set lookups rule them out before
        # the regular expression runs.
        return words.has(self.first, self.first_is_prefix) and \
            self.required <= words.set and bool(self.pattern.search(words.text))


class Words:
    """One text, case-folded, and its words, for :meth:`Phrase.search`."""

    def __init__(self, text: str):
        self.text = text.casefold()
        self.set = set(_WORD.findall(self.text))
        self._sorted: list[str] | None = None

    def has(self, word: str, prefix: bool) -> bool:
        if not prefix:
            return word in self.set
        if self._sorted is None:  # only prefix phrases need the words in order
            self._sorted = sorted(self.set)
        index = bisect.bisect_left(self._sorted, word)
        return index < len(self._sorted) and self._sorted[index].startswith(word)


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


def compile_phrase(phrase: str) -> Phrase:
    """``"scaling law*"`` -> a phrase matching "Scaling-laws", "scaling law", ..."""
    words = phrase.strip().split()
    words = [w for part in words for w in part.split("-") if w]
    # Matched against case-folded text (faster than re.IGNORECASE).
    words = [w.casefold() for w in words]
    parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words]
    pattern = re.compile(r"(?<!\w)" + r"[\s\-]+".join(parts) + r"(?!\w)")
    # Only plain whole words can be pre-checked as tokens ("o(1)" or "law*" cannot).
    plain = [w for w in words if _WORD.fullmatch(w)]
    required = frozenset(plain)
    first = words[0]
    if not _WORD.fullmatch(first.rstrip("*")):
        return Phrase(pattern, "", True, required)
    return Phrase(pattern, first.rstrip("*"), first.endswith("*"), required)


KEYWORD, TITLE, EXCLUDE = "keyword", "title", "exclude"


class _PhraseIndex:
    """Every phrase of a taxonomy, found by its first word: a paper's own words then name
    the few phrases worth a regular-expression search (a few hundred phrases times
    20,000 papers made calling each one too slow)."""

    def __init__(self, taxonomy: tuple[Topic, ...]):
        self.taxonomy = taxonomy
        self.by_word: dict[str, list[tuple[int, str, Phrase]]] = {}
        self.by_prefix: list[tuple[int, str, Phrase]] = []
        for number, topic in enumerate(taxonomy):
            for kind, phrases in ((KEYWORD, topic.keywords), (TITLE, topic.title_keywords),
                                  (EXCLUDE, topic.exclude)):
                for phrase in phrases:
                    entry = (number, kind, phrase)
                    if phrase.first_is_prefix:
                        self.by_prefix.append(entry)
                    else:
                        self.by_word.setdefault(phrase.first, []).append(entry)

    def matches(self, title: str, abstract: str | None) -> list[str]:
        text = f"{title}\n{abstract or ''}"
        words, title_words = Words(text), Words(title)
        candidates = [entry for word in words.set for entry in self.by_word.get(word, ())]
        candidates += self.by_prefix
        hits = [0] * len(self.taxonomy)
        titled, excluded = set(), set()
        for number, kind, phrase in candidates:
            if kind == TITLE:
                if number not in titled and phrase.search(title_words):
                    titled.add(number)
            elif phrase.search(words):
                if kind == EXCLUDE:
                    excluded.add(number)
                else:
                    hits[number] += 1
        return [topic.name for number, topic in enumerate(self.taxonomy)
                if number not in excluded and (number in titled or (
                    topic.keywords and hits[number] >= topic.min_matches))]


@lru_cache(maxsize=4)
def _index(taxonomy: tuple[Topic, ...]) -> _PhraseIndex:
    return _PhraseIndex(taxonomy)


def topics_for(title: str, abstract: str | None, taxonomy: list[Topic]) -> list[str]:
    """Names of the topics a paper belongs to, in taxonomy order."""
    return topic_matcher(taxonomy)(title, abstract)


def topic_matcher(taxonomy: list[Topic]):
    """``matcher(title, abstract) -> topic names``, with the phrase index built once."""
    return _index(tuple(taxonomy)).matches


def assign_topics(papers: list[Paper], taxonomy: list[Topic],
                  known: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    """Fill ``paper.topics``; a paper without any gets the Uncategorised pseudo-topic.

    ``known`` holds earlier results by the paper's text (:func:`text_key`), reused as they
    are; the results of this call come back in the same form, for the topics cache."""
    known = known or {}
    match = _index(tuple(taxonomy)).matches
    found = {}
    for paper in papers:
        text = text_key(paper.title, paper.abstract)
        topics = known.get(text)
        if topics is None:
            topics = match(paper.title, paper.abstract) if taxonomy else []
        found[text] = topics
        paper.topics = list(topics) or [UNCATEGORISED]
    return found
