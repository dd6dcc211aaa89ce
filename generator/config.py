"""Papershelf's configuration, declared once: ``papershelf.yml`` at the project root.

Every option is a typed field with its documentation; the whole file is validated at once
and every problem (unknown keys included) is reported together.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import yaml_text
from .exceptions import ConfigError
from .messages import did_you_mean, shown

CONFIG_FILE = "papershelf.yml"


@dataclass(frozen=True)
class Kind:
    """What values an option takes: a test and the words for it (in errors and in the
    README's table)."""

    rule: str  # "a whole number from 0 to 50"
    test: Callable[[object], bool]
    # For mappings: the rule and test of each value (keys are listing file names).
    per_value: bool = False

    def problems(self, name: str, value) -> list[str]:
        if self.per_value:
            if not isinstance(value, dict):
                return [f"{name}: expected a mapping of listing file name to {self.rule}"]
            return [f"{name}: {shown(key)}: expected {self.rule}, got {shown(item)}"
                    for key, item in value.items() if not self.test(item)]
        return [] if self.test(value) else [f"{name}: expected {self.rule}, got {shown(value)}"]


def _number(low, high, whole: bool):
    return lambda value: (isinstance(value, int) if whole else isinstance(value, (int, float))) \
        and not isinstance(value, bool) and low <= value <= high


PATH = Kind("a path (a non-empty string without NUL characters), inside the project",
            lambda value: isinstance(value, str) and bool(value.strip()) and "\x00" not in value)
FLAG = Kind("true or false", lambda value: isinstance(value, bool))


def _option(default, doc: str, kind: Kind | None = None):
    metadata = {"doc": doc, "kind": kind}
    if isinstance(default, dict):
        return field(default_factory=lambda: dict(default), metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Config:
    """Resolved settings; paths are absolute, relative ones taken from the config's folder."""

    root: Path = _option(Path("."), "Project folder: where papershelf.yml lives.")
    path: Path = _option(Path(CONFIG_FILE), "The configuration file read (or its default).")
    seeds_dir: Path = _option(Path("seeds"), (
        "Folder of captured listings (`*.txt`, `*.md`). Read only: Papershelf never writes "
        "here."), PATH)
    docs_dir: Path = _option(Path("docs"), (
        "MkDocs' docs folder. Generated files go to their own subtrees and `papers.json`; "
        "hand-written pages are never touched. Keep it the same as the `docs_dir` MkDocs "
        "uses."), PATH)
    mkdocs_config: Path = _option(Path("mkdocs.yml"), "The MkDocs configuration to build with.",
                                  PATH)
    notes_dir: Path = _option(Path("notes"), (
        "The curator's notes, one `<slug>.md` per paper. Read only, except that "
        "`papershelf note` creates new notes here."), PATH)
    taxonomy: Path = _option(Path("taxonomy.yml"), (
        "The topic taxonomy: names, descriptions and matching rules (see the file's header). "
        "Without it every paper is uncategorised."), PATH)
    related_count: int = _option(5, "How many related papers a paper page shows at most.",
                                 Kind("a whole number from 0 to 50", _number(0, 50, True)))
    related_min_score: float = _option(0.14, (
        "Smallest score (0 to 1) for a paper to count as related; weaker neighbours are "
        "not shown. The score mixes the TF-IDF and the WordLlama cosines. 0.14 was chosen "
        "on labelled pairs: the lowest score that leaves recall@5 as without a minimum and "
        "cuts unrelated pairs shown, on both sets of pairs. Of the test collection's 197 "
        "papers three are left without, each judged by reading to have no related paper "
        "there; see `python -m benchmarks.related_eval`."),
        Kind("a number from 0 to 1", _number(0, 1, False)))
    listing_years: dict = _option({}, (
        "Year of each listing, by file name, for listings whose year cannot be inferred: "
        "`{001_860ffc6983f950ae.txt: 2025}`. Configured years win over inferred ones. A "
        "name that is not a listing is a warning."),
        Kind("a year such as 2025 (1900 to 2200)", _number(1900, 2200, True), per_value=True))
    listing_names: dict = _option({}, (
        "The name of a listing's page, by file name: `{001_860ffc6983f950ae.txt: Daily "
        "Papers of a summer day}`. Without one, the name is the captured page's own (from "
        "its address, headings or recorded title: \"Daily Papers\", \"arXiv cs.LG: new "
        "submissions\") with its date; two listings with one name are numbered. A name "
        "that is not a listing is a warning."),
        Kind("a name (text of at most 120 characters)",
             lambda value: isinstance(value, str) and bool(value.strip()) and len(value) <= 120,
             per_value=True))
    publish_orphaned_notes: bool = _option(False, (
        "Publish the page of orphaned notes (notes whose paper is no longer in the "
        "listings) at `notes/orphaned/`. Off by default: `papershelf check` lists them."),
        FLAG)

    papers_per_page: int = _option(300, (
        "The most papers a topic, year, \"Date unknown\" or \"Recently listed\" page lists. "
        "A longer one becomes a page of its parts, split by year, month and day (undated "
        "papers by initial), and only when those run out by position: a part's address "
        "stays as papers are added, and a change renders only the parts it touches."),
        Kind("a whole number from 20 to 5000", _number(20, 5000, True)))

    def option_docs(self) -> dict[str, str]:
        return {f.name: f.metadata["doc"] for f in dataclasses.fields(self)
                if f.name not in _NOT_OPTIONS}


_NOT_OPTIONS = ("root", "path")  # where the configuration came from, not settings
_PATH_OPTIONS = ("seeds_dir", "docs_dir", "mkdocs_config", "taxonomy", "notes_dir")


def load_config(path: Path | None = None, root: Path | None = None) -> Config:
    """Read ``papershelf.yml`` (optional unless ``path`` is given) and validate all of it."""
    root = (root or Path.cwd()).resolve()
    explicit = path is not None
    # Absolute, links not followed: the project is the folder the file is in.
    path = _absolute(path or root / CONFIG_FILE)
    if not path.exists():
        if explicit:
            raise ConfigError(str(path), ["file not found"])
        config = _resolve({}, root, path)
        _check_folders(config, path)
        return config
    if not _real(path).is_relative_to(_real(path.parent)):
        raise ConfigError(str(path), ["a link to a file outside the project; not read"])
    try:
        raw = yaml_text.load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), [f"cannot read: {exc}"]) from None
    except ValueError as exc:  # YAML accepted the shape of a date that does not exist
        raise ConfigError(str(path), [f"impossible value ({exc})"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise ConfigError(str(path), [f"{where}not valid YAML ({getattr(exc, 'problem', exc)})"]) \
            from None
    problems = validate(raw)
    if problems:
        raise ConfigError(str(path), problems)
    config = _resolve(raw, path.parent, path)
    _check_folders(config, path)
    return config


def validate(raw) -> list[str]:
    """Every problem in a parsed config mapping, unknown keys named with the known ones."""
    if not isinstance(raw, dict):
        return [f"expected a mapping of options, got {type(raw).__name__}"]
    options = _options()
    problems = [f"unknown option {shown(key)}{did_you_mean(key, list(options))} "
                f"(known: {', '.join(options)})" for key in raw if key not in options]
    for name, option in options.items():
        kind = option.metadata["kind"]
        # A mapping left empty (`listing_years:`) is an empty mapping.
        if name in raw and not (raw[name] is None and kind.per_value):
            problems += kind.problems(name, raw[name])
    return problems


def _options() -> dict[str, dataclasses.Field]:
    return {f.name: f for f in dataclasses.fields(Config) if f.name not in _NOT_OPTIONS}


def option_table() -> str:
    """The README's table of options, made from their declarations."""
    rows = ["| Option | Default | Meaning |", "| --- | --- | --- |"]
    for name, option in _options().items():
        default = option.default_factory() if option.default_factory is not \
            dataclasses.MISSING else option.default
        shown = "{}" if default == {} else str(default).lower() if isinstance(default, bool) \
            else str(default)
        kind = option.metadata["kind"]
        takes = f"Each value: {kind.rule}." if kind.per_value else f"Takes {kind.rule}."
        rows.append(f"| `{name}` | `{shown}` | {option.metadata['doc']} {takes} |")
    return "\n".join(rows) + "\n"


def _check_folders(config: Config, path: Path) -> None:
    """Every input and output stays inside the project (links followed), and inputs
    outside the docs folder, where they would be mixed with generated output."""
    project = _real(config.root)
    problems = [f"{name}: {getattr(config, name)} leads outside the project folder "
                f"({config.root}); inputs and outputs stay inside it"
                for name in _PATH_OPTIONS if not _real(getattr(config, name)).is_relative_to(
                    project)]
    problems += [f"{name}: must not be inside docs_dir ({config.docs_dir}), where pages are "
                 f"generated" for name in ("seeds_dir", "notes_dir")
                 if getattr(config, name).is_relative_to(config.docs_dir)]
    if problems:
        raise ConfigError(str(path), problems)


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


def _real(path: Path) -> Path:
    """Where a path leads, every link followed (also for a path that does not exist)."""
    return Path(os.path.realpath(path))


def _resolve(raw: dict, base: Path, path: Path) -> Config:
    # Absolute, but links not followed: where an input leads is checked when it is read.
    values = {name: _absolute(base / raw[name]) for name in _PATH_OPTIONS if name in raw}
    defaults = {name: _absolute(base / getattr(Config, name))
                for name in _PATH_OPTIONS if name not in raw}
    years = {str(k): v for k, v in (raw.get("listing_years") or {}).items()}
    names = {str(k): " ".join(v.split()) for k, v in (raw.get("listing_names") or {}).items()}
    plain = {name: raw[name] for name in ("related_count", "related_min_score",
                                         "publish_orphaned_notes", "papers_per_page") if name in raw}
    return Config(root=base, path=path, listing_years=years, listing_names=names, **plain,
                  **values, **defaults)
