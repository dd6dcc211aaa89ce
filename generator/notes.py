"""The curator's notes: one Markdown file per paper, ``notes/<slug>.md``.

Papershelf reads notes and never writes them (``papershelf note`` only creates new ones).
Front matter (all optional):

* ``status``: to-read, reading or read; ``read_on``: the date it was read;
* ``rating``: 1 to 5; ``tags``: a list of short labels;
* ``priority``: high, normal or low (the order of the home page's reading queue);
* ``summary``: one line that index pages show for the paper (else the body's first
  paragraph);
* ``topics``: a list that replaces the automatic topics, or ``{add: [...], remove: [...]}``;
* ``related``: ``{pin: [slugs], exclude: [slugs]}``;
* ``authors``: the authors' names, for citations (BibTeX, CSL-JSON);
* ``arxiv``, ``pdf``, ``code``, ``project``, ``doi``: links that the paper page and
  citations use.

The body is free Markdown. Problems are warnings naming the file and line; the rest of the
note is still used.
"""

from __future__ import annotations

import datetime
import re

import yaml

from . import yaml_text
from .arxiv import first_arxiv_id
from .messages import did_you_mean, shown
from .model import Diagnostic, Level, Note
from .note_links import text_lines

STATUSES = ("to-read", "reading", "read")
STATUS_TITLES = {"to-read": "To read", "reading": "Reading", "read": "Read"}
PRIORITIES = ("high", "normal", "low")
KEYS = ("status", "read_on", "rating", "priority", "summary", "tags", "topics", "related",
        "authors", "arxiv", "pdf", "code", "project", "doi")
# A summary is one line on an index page: longer text belongs in the body.
SUMMARY_LIMIT = 300
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
_ARXIV = re.compile(r"^(\d{4}\.\d{4,5}|[a-z\-]+(\.[A-Z]{2})?/\d{7})(v\d+)?$")
# A DOI's suffix is any printable text, but braces, a backslash, quotes, "%", "@" and ","
# would break out of a BibTeX field or entry: no registered DOI needs them.
_DOI = re.compile(r"^10\.\d{4,9}/[^\s{}\\%\"@,]+$")
_URL = re.compile(r"^https?://[^\s<>\"']+$")
_TAG = re.compile(r"[\w][\w .+#/()-]{0,39}")


def parse_note(text: str, slug: str, path: str) -> tuple[Note, list[Diagnostic]]:
    """Split front matter from body and validate every key; never raises."""
    text = text.lstrip("\ufeff")
    match = _FRONT_MATTER.match(text)
    body = text[match.end():] if match else text
    skipped = text[: len(text) - len(body.lstrip("\n"))]
    note = Note(slug=slug, path=path, body=body.strip("\n"),
                body_line=skipped.count("\n") + 1)
    note.lead = first_paragraph(note.body)
    problems: list[Diagnostic] = []
    too_complex = complexity_problem(note.body)
    if too_complex:
        note.verbatim = True
        problems.append(Diagnostic(Level.WARNING, path, note.body_line, (
            f"{too_complex}: more than Markdown renders in reasonable time; the body is "
            f"shown as plain text")))
    if not match or not (match.group(1) or "").strip():
        return note, problems
    try:
        node = yaml_text.compose(match.group(1))
        data = yaml_text.load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        return note, [Diagnostic(Level.WARNING, path, line, (
            f"front matter is not valid YAML ({getattr(exc, 'problem', None) or exc}); "
            f"expected `key: value` lines between the two `---` lines"))]
    except ValueError as exc:  # YAML accepted the shape of a date that does not exist
        return note, [Diagnostic(Level.WARNING, path, 1, (
            f"front matter has an impossible value ({exc}); expected real dates such as "
            f"2026-11-22"))]
    if not isinstance(data, dict):
        return note, [Diagnostic(Level.WARNING, path, 2,
                                 "front matter must be `key: value` lines")]
    lines = {key.value: key.start_mark.line + 2 for key, _ in node.value}
    note.key_lines = {str(key): line for key, line in lines.items()}
    # Identifiers are read as written: YAML would make `arxiv: 2002.10000` the float 2002.1.
    written = {key.value: value.value for key, value in node.value
               if key.value in _AS_WRITTEN and isinstance(value, yaml.ScalarNode)}
    for key, value in data.items():
        line = lines.get(str(key), 2)
        error = _apply(note, str(key), written.get(str(key), value))
        if error:
            problems.append(Diagnostic(Level.WARNING, path, line, error))
        for remark in note.remarks:
            problems.append(Diagnostic(Level.NOTICE, path, line, remark))
        note.remarks = []
    return note, problems


# Python-Markdown recurses once per level of nesting (MkDocs dies of a RecursionError
# near 300) and rescans a paragraph after every link opener (quadratic: 20,000 "[x](" in
# 80 KB took 88 s). Real notes stay far below both.
MAX_NESTING = 20
MAX_BRACKETS = 2000


def complexity_problem(body: str) -> str | None:
    """Why a note's body is too complex to render as Markdown, or None. Linear."""
    brackets = body.count("[")
    if brackets > MAX_BRACKETS:
        return f"{brackets} square brackets (at most {MAX_BRACKETS})"
    deepest = 0
    for _, _, line in text_lines(body):
        stripped = line.lstrip(" \t>")
        prefix = line[: len(line) - len(stripped)]
        indent = prefix.rsplit(">", 1)[-1].replace("\t", "    ")
        depth = prefix.count(">") + len(indent) // 4
        deepest = max(deepest, depth)
    if deepest > MAX_NESTING:
        return f"nested {deepest} levels deep (at most {MAX_NESTING})"
    return None


# What a paragraph of prose cannot start with: headings, lists, quotes, tables, rules,
# math or admonition blocks, footnote and link definitions, HTML.
_NOT_PROSE = re.compile(r"\s*(?:#|[-+*]\s|\d+[.)]\s|>|\||\$\$|:::|!!!|\?\?\?|\[[^\]]*\]:|<|---|\*\*\*|___)")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_STRONG = re.compile(r"(\*\*|__)(\S(?:[^*_\n]*\S)?)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(\S(?:[^*_\n]*\S)?)\1(?![\w*])")
_ATTRIBUTES = re.compile(r"\s*\{:?[^{}\n]*\}\s*$")
# Enough for a summary line; the rest of a long paragraph is not read.
_PARAGRAPH_LIMIT = 1000


def first_paragraph(body: str) -> str | None:
    """The body's first paragraph of prose as plain text, without Markdown's link and
    emphasis marks: what an index page shows for a note without a ``summary``."""
    lines, last, skipping = [], None, False
    for number, _, line in text_lines(body):
        blank = not line.strip()
        starts = blank or last is None or number != last + 1
        if starts and lines:
            break
        if blank:
            last = None
            continue
        if starts:
            # A block that does not open as prose (a list, a table, display math) is
            # skipped whole.
            skipping = _NOT_PROSE.match(line) is not None
        last = number
        if skipping:
            continue
        lines.append(line.strip())
        if sum(map(len, lines)) > _PARAGRAPH_LIMIT:
            break
    text = _ATTRIBUTES.sub("", " ".join(lines)[:_PARAGRAPH_LIMIT])
    for pattern, replacement in ((_IMAGE, ""), (_LINK, r"\1"), (_STRONG, r"\2"),
                                 (_EMPHASIS, r"\2")):
        text = pattern.sub(replacement, text)
    return " ".join(text.replace("`", "").split()) or None


def _apply(note: Note, key: str, value) -> str | None:
    """Set one front-matter value on the note; return what was expected if it is invalid."""
    if value is None:
        return None
    handler = _HANDLERS.get(key)
    if handler is None:
        return f"unknown key {shown(key)}{did_you_mean(key, KEYS)} (expected one of: {', '.join(KEYS)})"
    return handler(note, value)


# What curators write for a status, and the status they mean.
_STATUS_WORDS = {"done": "read", "finished": "read", "complete": "read", "completed": "read",
                 "todo": "to-read", "to do": "to-read", "unread": "to-read",
                 "in progress": "reading", "in-progress": "reading", "started": "reading"}


def _one_of(key: str, choices: tuple[str, ...], words: dict[str, str]):
    """A handler for a key that takes one of ``choices`` (``words``: what curators write
    instead, and the choice they mean)."""
    def handler(note: Note, value) -> str | None:
        if value not in choices:
            return (f"{key} {shown(value)}: expected one of {', '.join(choices)}"
                    f"{did_you_mean(str(value), choices, words)}")
        setattr(note, key, value)
        return None
    return handler


def _read_on(note: Note, value) -> str | None:
    if isinstance(value, str):  # quoted: YAML leaves it text
        try:
            day = datetime.date.fromisoformat(value.strip())
        except ValueError:
            day = None
        if day is not None:
            note.read_on = day
            return (f"read_on {shown(value)} is quoted, so YAML reads it as text; it was read as "
                    f"the date {day.isoformat()} (write it without quotes)")
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        return f"read_on {shown(value)}: expected a date such as 2026-11-22"
    note.read_on = value
    return None


def _rating(note: Note, value) -> str | None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
        return f"rating {shown(value)}: expected a whole number from 1 to 5"
    note.rating = value
    return None


_PRIORITY_WORDS = {"1": "high", "2": "normal", "3": "low", "medium": "normal",
                   "urgent": "high", "top": "high"}


def _summary(note: Note, value) -> str | None:
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if not text or len(text) > SUMMARY_LIMIT:
        return (f"summary: expected one line of text, at most {SUMMARY_LIMIT} characters "
                f"(longer text belongs in the note's body)")
    note.summary = text
    return None


def _tags(note: Note, value) -> str | None:
    if not isinstance(value, list) or not all(isinstance(t, str) and _TAG.fullmatch(t)
                                              for t in value):
        return ("tags: expected a list of short labels (letters, digits, spaces and "
                "- _ . + # / ( ), at most 40 characters)")
    # "abc" and "abc " are one tag.
    note.tags = list(dict.fromkeys(" ".join(tag.split()) for tag in value))
    return None


def _string_list(value) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    return None


def _two_lists(value, first: str, second: str) -> tuple[list[str], list[str]] | None:
    """``{first: [...], second: [...]}`` (either may be missing) -> the two lists."""
    if not isinstance(value, dict) or set(value) - {first, second}:
        return None
    lists = (_string_list(value.get(first) or []), _string_list(value.get(second) or []))
    return None if None in lists else lists


def _topics(note: Note, value) -> str | None:
    expected = "topics: expected a list of topic names, or {add: [...], remove: [...]}"
    if isinstance(value, list):
        names = _string_list(value)
        if names is None:
            return expected
        note.topics_replace = names
        return None
    lists = _two_lists(value, "add", "remove")
    if lists is None:
        return expected
    note.topics_add, note.topics_remove = lists
    return None


def _authors(note: Note, value) -> str | None:
    names = _string_list(value)
    if not names or not all(" ".join(name.split()) for name in names):
        return "authors: expected a list of names, such as [Ada Lovelace, Alan Turing]"
    note.authors = [" ".join(name.split()) for name in names]
    return None


def _related(note: Note, value) -> str | None:
    lists = _two_lists(value, "pin", "exclude")
    if lists is None:
        return "related: expected {pin: [slugs], exclude: [slugs]}"
    note.pin, note.exclude = lists
    return None


def _arxiv(note: Note, value) -> str | None:
    """An identifier, or an arXiv (or Hugging Face) address holding one: the id is read
    out of it."""
    text = str(value).strip()
    if not _ARXIV.fullmatch(text) and "/" in text:
        found = first_arxiv_id(text)
        if found:
            note.remarks.append(f"arxiv {shown(text)}: read the identifier {found.value} out of the "
                                f"address")
            text = found.value
    if not _ARXIV.fullmatch(text):
        return f"arxiv {shown(value)}: expected an arXiv identifier such as 2106.10165"
    note.links["arxiv"] = text
    return None


def _link(key: str, pattern: re.Pattern, example: str):
    def handler(note: Note, value) -> str | None:
        text = str(value).strip()
        if not pattern.fullmatch(text):
            return f"{key} {shown(value)}: expected {example}"
        note.links[key] = text
        return None
    return handler


_AS_WRITTEN = ("arxiv", "pdf", "code", "project", "doi")
_HANDLERS = {
    "status": _one_of("status", STATUSES, _STATUS_WORDS), "read_on": _read_on,
    "rating": _rating, "priority": _one_of("priority", PRIORITIES, _PRIORITY_WORDS),
    "summary": _summary, "tags": _tags,
    "topics": _topics, "related": _related, "authors": _authors,
    "arxiv": _arxiv,
    "pdf": _link("pdf", _URL, "an http(s) URL"),
    "code": _link("code", _URL, "an http(s) URL"),
    "project": _link("project", _URL, "an http(s) URL"),
    "doi": _link("doi", _DOI, "a DOI such as 10.1000/xyz123"),
}


TEMPLATE_HEAD = "---\n# Notes on: "
TEMPLATE_TAIL = (
    "\n"
    "status: to-read          # to-read, reading or read\n"
    "# read_on: 2026-01-31\n"
    "# rating: 4              # 1 to 5\n"
    "# priority: high         # high, normal or low: the order of the reading queue\n"
    "# summary: One line that index pages show for this paper.\n"
    "# tags: [to-discuss]\n"
    "# topics: [Scaling laws]              # replaces the automatic topics\n"
    "# topics: {add: [...], remove: [...]} # or adjusts them\n"
    "# related: {pin: [a-paper-slug], exclude: [another-slug]}\n"
    "# authors: [Ada Lovelace, Alan Turing]\n"
    "# arxiv: 2106.10165\n"
    "# pdf: https://arxiv.org/pdf/2106.10165\n"
    "# code: https://github.com/owner/repository\n"
    "# project: https://example.org/project-page\n"
    "# doi: 10.1000/xyz123\n"
    "---\n\n"
)


def note_template(title: str) -> str:
    """The text of a new note; every optional key is shown, commented out."""
    return TEMPLATE_HEAD + " ".join(title.split()) + TEMPLATE_TAIL
