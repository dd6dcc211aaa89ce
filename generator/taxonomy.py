"""The taxonomy file (``taxonomy.yml``): read and validated, every problem a warning.

A mistake in one topic never stops the site: a topic that cannot work (no name, no
keywords, a slug that is taken or unusable) is left out, a bad value is ignored, and each
problem is a warning naming the file and line, with the key or topic probably meant.
``parse_taxonomy`` is the strict form, for code that wants an error instead.
"""

from __future__ import annotations

import re

import yaml
from slugify import slugify

from .exceptions import PapershelfError
from .model import Diagnostic, Level
from .messages import did_you_mean, shown
from .topics import _WORD, UNCATEGORISED, Topic, compile_phrase

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Pages of their own in topics/: a topic may not take their names.
_RESERVED_SLUGS = {"index", "uncategorised"}
RULE_KEYS = ("name", "slug", "description", "keywords", "title_keywords", "min_matches",
             "exclude")
_PHRASE_LISTS = ("keywords", "title_keywords", "exclude")


class TaxonomyError(PapershelfError):
    """The taxonomy file is invalid; the message lists every problem."""


def read_taxonomy(raw, path: str, node: yaml.Node | None = None
                  ) -> tuple[list[Topic], list[Diagnostic]]:
    """The usable topics of a parsed taxonomy document, and a warning per problem
    (``node``, the document's node tree, gives the lines)."""
    lines = _Lines(node)
    problems: list[tuple[int | None, str]] = []
    entries = raw.get("topics") if isinstance(raw, dict) else None
    if not isinstance(entries, list) or not entries:
        problems.append((lines.top(), "expected `topics:` with a list of topics; every paper "
                                      "is uncategorised"))
        entries = []
    for key in sorted(set(raw) - {"topics"} if isinstance(raw, dict) else (), key=str):
        problems.append((lines.top(key), f"unknown key {shown(key)}{did_you_mean(key, ['topics'])} "
                                         f"(the file holds `topics:` only); ignored"))
    topics, seen = [], set()
    for number, entry in enumerate(entries):
        found: list[tuple[str | None, str]] = []
        topic = _parse_topic(entry, number + 1, found)
        if topic and ({topic.slug, topic.name.casefold()} & seen
                      or topic.name.casefold() == UNCATEGORISED.casefold()):
            found.append(("name", f"topic {shown(topic.name)}: its name or slug is used twice or "
                                  f"reserved; topic left out"))
            topic = None
        problems += [(lines.topic(number, key), message) for key, message in found]
        if topic:
            seen |= {topic.slug, topic.name.casefold()}
            topics.append(topic)
    return topics, [Diagnostic(Level.WARNING, path, line, message) for line, message in problems]


def parse_taxonomy(raw, path: str) -> list[Topic]:
    """The topics, or an error listing every problem."""
    topics, problems = read_taxonomy(raw, path)
    if problems:
        raise TaxonomyError(f"{path}: invalid taxonomy:\n"
                            + "\n".join(f"  - {p.message}" for p in problems))
    return topics


def _parse_topic(entry, number: int, problems: list[tuple[str | None, str]]) -> Topic | None:
    """A topic, or None when it cannot work; ``problems`` gets (key, message) pairs."""
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) \
            or not entry["name"].strip():
        problems.append((None, f"topic {number}: expected a mapping with a `name`; topic "
                               f"left out"))
        return None
    label = f"topic {shown(entry['name'])}"
    for key in sorted(set(entry) - set(RULE_KEYS), key=str):
        problems.append((key, f"{label}: unknown key {shown(key)}{did_you_mean(key, RULE_KEYS)} "
                              f"(known: {', '.join(RULE_KEYS)}); ignored"))
    lists = {key: _phrases(entry, key, label, problems) for key in _PHRASE_LISTS}
    min_matches = entry.get("min_matches", 1)
    if not isinstance(min_matches, int) or isinstance(min_matches, bool) or min_matches < 1:
        problems.append(("min_matches", f"{label}: `min_matches` must be a positive integer; "
                                        f"1 is used"))
        min_matches = 1
    slug = str(entry.get("slug") or slugify(entry["name"]))
    if not _SLUG.match(slug) or slug in _RESERVED_SLUGS:
        problems.append(("slug", f"{label}: slug {shown(slug)} must be lower-case letters, digits "
                                 f"and hyphens, and not "
                                 f"{' or '.join(sorted(_RESERVED_SLUGS))}; topic left out"))
        return None
    if not lists["keywords"] and not lists["title_keywords"]:
        problems.append((None, f"{label}: needs `keywords` or `title_keywords`; topic left "
                               f"out"))
        return None
    return Topic(name=entry["name"].strip(), slug=slug,
                 description=str(entry.get("description") or "").strip(),
                 min_matches=min_matches, **lists)


def _phrases(entry: dict, key: str, label: str, problems: list) -> tuple:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and _WORD.search(v)
                                              for v in value):
        problems.append((key, f"{label}: `{key}` must be a list of phrases (with at least "
                              f"one letter or digit each); ignored"))
        return ()
    return tuple(compile_phrase(v) for v in value)


class _Lines:
    """Lines of the document's keys and topics, when the node tree is known."""

    def __init__(self, node: yaml.Node | None):
        self.keys: dict[str, int] = {}
        self.topics: list[tuple[int, dict[str, int]]] = []
        if not isinstance(node, yaml.MappingNode):
            return
        for key, value in node.value:
            self.keys[str(key.value)] = key.start_mark.line + 1
            if key.value == "topics" and isinstance(value, yaml.SequenceNode):
                self.topics = [(item.start_mark.line + 1, _key_lines(item))
                               for item in value.value]

    def top(self, key: str = "topics") -> int | None:
        return self.keys.get(key)

    def topic(self, number: int, key: str | None) -> int | None:
        if number >= len(self.topics):
            return None
        start, keys = self.topics[number]
        return keys.get(key, start) if key else start


def _key_lines(node: yaml.Node) -> dict[str, int]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
