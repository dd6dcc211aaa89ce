"""Papershelf's configuration, declared once: ``papershelf.yml`` at the project root.

Every option is a typed field with its documentation; the whole file is validated at once
and every problem (unknown keys included) is reported together.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import yaml_text
from .exceptions import ConfigError
from .notes import did_you_mean

CONFIG_FILE = "papershelf.yml"


def _option(default, doc: str, **kwargs):
    if isinstance(default, dict):
        return field(default_factory=lambda: dict(default), metadata={"doc": doc}, **kwargs)
    return field(default=default, metadata={"doc": doc}, **kwargs)


@dataclass(frozen=True)
class Config:
    """Resolved settings; paths are absolute, relative ones taken from the config's folder."""

    root: Path = _option(Path("."), "Project folder: where papershelf.yml lives.")
    path: Path = _option(Path(CONFIG_FILE), "The configuration file read (or its default).")
    seeds_dir: Path = _option(Path("seeds"), (
        "Folder of captured listings (`*.txt`, `*.md`). Read only: Papershelf never writes "
        "here."))
    docs_dir: Path = _option(Path("docs"), (
        "MkDocs' docs folder. Generated files go to their own subtrees and `papers.json`; "
        "hand-written pages are never touched."))
    mkdocs_config: Path = _option(Path("mkdocs.yml"), "The MkDocs configuration to build with.")
    notes_dir: Path = _option(Path("notes"), (
        "The curator's notes, one `<slug>.md` per paper. Read only, except that "
        "`papershelf note` creates new notes here."))
    taxonomy: Path = _option(Path("taxonomy.yml"), (
        "The topic taxonomy: names, descriptions and matching rules (see the file's header). "
        "Without it every paper is uncategorised."))
    related_count: int = _option(5, "How many related papers a paper page shows at most.")
    related_min_score: float = _option(0.06, (
        "Smallest cosine similarity (0 to 1) for a paper to count as related; weaker "
        "neighbours are not shown. 0.06 was chosen on labelled pairs: see "
        "`python -m benchmarks.related_eval`."))
    listing_years: dict = _option({}, (
        "Year of each listing, by file name, for listings whose year cannot be inferred: "
        "`{001_860ffc6983f950ae.txt: 2025}`. Configured years win over inferred ones."))
    listing_names: dict = _option({}, (
        "The name of a listing's page, by file name: `{001_860ffc6983f950ae.txt: Daily "
        "Papers of a summer day}`. Without one, the name is the captured page's own (from "
        "its address, headings or recorded title: \"Daily Papers\", \"arXiv cs.LG: new "
        "submissions\") with its date."))
    publish_orphaned_notes: bool = _option(False, (
        "Publish the page of orphaned notes (notes whose paper is no longer in the "
        "listings) at `notes/orphaned/`. Off by default: `papershelf check` lists them."))

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
    known = [f.name for f in dataclasses.fields(Config) if f.name not in _NOT_OPTIONS]
    problems = [f"unknown option {key!r}{did_you_mean(key, known)} (known: {', '.join(known)})"
                for key in raw if key not in known]
    for name in _PATH_OPTIONS:
        if name in raw and not (isinstance(raw[name], str) and raw[name].strip()):
            problems.append(f"{name}: expected a path (a non-empty string)")
        elif name in raw and "\x00" in raw[name]:
            problems.append(f"{name}: expected a path, got one with a NUL character")
    count = raw.get("related_count", 5)
    if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= 50:
        problems.append(f"related_count: expected a whole number from 0 to 50, got {count!r}")
    score = raw.get("related_min_score", 0.06)
    if not isinstance(score, (int, float)) or isinstance(score, bool) or not 0 <= score <= 1:
        problems.append(f"related_min_score: expected a number from 0 to 1, got {score!r}")
    names = raw.get("listing_names") or {}
    if not isinstance(names, dict) or not all(
            isinstance(value, str) and value.strip() and len(value) <= 120
            for value in names.values()):
        problems.append("listing_names: expected a mapping of listing file name to a name "
                        "(text of at most 120 characters)")
    if not isinstance(raw.get("publish_orphaned_notes", False), bool):
        problems.append("publish_orphaned_notes: expected true or false")
    years = raw.get("listing_years") or {}
    if not isinstance(years, dict):
        problems.append("listing_years: expected a mapping of listing file name to year")
    else:
        for name, year in years.items():
            if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2200:
                problems.append(f"listing_years: {name!r}: expected a year such as 2025, "
                                f"got {year!r}")
    return problems


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
                                         "publish_orphaned_notes") if name in raw}
    return Config(root=base, path=path, listing_years=years, listing_names=names, **plain,
                  **values, **defaults)
