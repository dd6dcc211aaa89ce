"""File-system access of the generator: reading inputs, caches, atomic writes.

The write stage itself (which generated files to write or remove) is in :mod:`.writer`.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Collection
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import yaml_text
from .exceptions import PapershelfError

# Captures are text: plain (.txt, .text) or Markdown (.md, .markdown), whatever saved them.
LISTING_SUFFIXES = (".txt", ".text", ".md", ".markdown")


@dataclass(frozen=True)
class SourceFile:
    """A listing's raw bytes with its name and the path to show in messages."""

    name: str
    display: str
    data: bytes


def display_path(path: Path, root: Path) -> str:
    """Paths in messages are relative to the project when they can be; bytes that are not
    UTF-8 in a name are shown escaped (``\\xff``), so a message can always be printed."""
    try:
        shown = str(path.relative_to(root))
    except ValueError:
        shown = str(path)
    return os.fsencode(shown).decode("utf-8", "backslashreplace")


def inside(path: Path, root: Path, folder: Path) -> bool:
    """Whether ``path``, links followed, is a file of the project or of its input folder:
    a link to ``/etc/passwd`` or ``/proc/self/environ`` is neither."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling link, a loop
        return False
    return real.is_relative_to(root.resolve()) or real.is_relative_to(folder.resolve())


OUTSIDE = "a link to a file outside the project (or a broken link); not read"
BAD_NAME = "the file name is not UTF-8 text; not read (rename the file)"
NOT_A_FOLDER = "expected a folder of notes (*.md), found something else; no note read"


def _refusal(path: Path, root: Path, folder: Path) -> str | None:
    """Why an input file is not read, or None to read it."""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        return BAD_NAME
    if not inside(path, root, folder) or not path.is_file():
        return OUTSIDE
    return None


def read_notes(notes_dir: Path, root: Path) -> tuple[list[SourceFile], list[tuple[str, str]]]:
    """Every ``*.md`` note, by name (none when the folder does not exist yet), and the
    notes not read, with the reason."""
    if not notes_dir.is_dir():
        exists = notes_dir.exists() or notes_dir.is_symlink()
        return [], [(display_path(notes_dir, root), NOT_A_FOLDER)] if exists else []
    sources, refused = [], []
    try:
        entries = sorted(notes_dir.iterdir())
    except OSError as exc:
        return [], [(display_path(notes_dir, root),
                     f"cannot read the folder: {exc.strerror}; no note read")]
    for path in entries:
        if path.suffix != ".md" or path.name.startswith(".") \
                or not (path.is_file() or path.is_symlink()):
            continue
        found = _source(path, root, notes_dir)
        (sources if isinstance(found, SourceFile) else refused).append(found)
    return sources, refused


def _source(path: Path, root: Path, folder: Path) -> SourceFile | tuple[str, str]:
    """An input file's bytes, or its shown path and why it is not read."""
    shown = display_path(path, root)
    reason = _refusal(path, root, folder)
    if reason is None:
        try:
            return SourceFile(path.name, shown, path.read_bytes())
        except OSError as exc:
            reason = f"cannot read: {exc.strerror}"
    return shown, reason


def create_note(path: Path, text: str) -> bool:
    """Create a new note; False (and nothing written) if the file already exists."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise PapershelfError(f"{path.parent}: cannot create the note here: expected a "
                              f"folder of notes, found a file") from None
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        return False
    return True


def read_listings(seeds_dir: Path, root: Path
                  ) -> tuple[list[SourceFile], list[str], list[tuple[str, str]]]:
    """Every capture (``*.txt``, ``*.md``, ...) in the seeds folder, by name; also the
    names of other files there, and the captures not read, with the reason."""
    if not seeds_dir.is_dir():
        raise PapershelfError(f"{display_path(seeds_dir, root)}: seeds folder not found "
                              f"(expected a folder of captures: *.txt or *.md)")
    sources, ignored, refused = [], [], []
    for path in sorted(seeds_dir.iterdir()):
        if path.name.startswith(".") or not (path.is_file() or path.is_symlink()):
            continue
        if path.suffix.lower() not in LISTING_SUFFIXES:
            ignored.append(display_path(path, root))
            continue
        found = _source(path, root, seeds_dir)
        (sources if isinstance(found, SourceFile) else refused).append(found)
    return sources, ignored, refused


def read_yaml(path: Path, root: Path, with_node: bool = False):
    """Parse a YAML input file; errors name the file and line. None if it does not exist.
    With ``with_node``: the data and the node tree (the lines of its keys)."""
    shown = display_path(path, root)
    if not path.is_file():
        return None
    if not inside(path, root, path.parent):
        raise PapershelfError(f"{shown}: a link to a file outside the project; not read")
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml_text.load(text)
        return (data, yaml_text.compose(text)) if with_node else data
    except OSError as exc:
        raise PapershelfError(f"{shown}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise PapershelfError(f"{shown}: not UTF-8 text (byte offset {exc.start})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise PapershelfError(f"{shown}{where}: not valid YAML "
                              f"({getattr(exc, 'problem', None) or exc})") from None
    except ValueError as exc:  # YAML accepted the shape of a date that does not exist
        raise PapershelfError(f"{shown}: impossible value ({exc})") from None


def docs_files(docs_dir: Path, generated: Collection[str]) -> frozenset[str]:
    """The files in the docs folder that Papershelf does not generate (hand-written pages,
    stylesheets, images), as docs-relative POSIX paths: links in notes may lead to them."""
    if not docs_dir.is_dir():
        return frozenset()
    found = set()
    # Only the hand-written top-level entries are walked: the generated folders hold tens
    # of thousands of files at scale, and this runs on every run, unchanged ones included.
    for top in docs_dir.iterdir():
        if top.name in generated or top.name.startswith("."):
            continue
        for path in [top, *top.rglob("*")] if top.is_dir() else [top]:
            if path.is_file() and not path.name.startswith("."):
                found.add(path.relative_to(docs_dir).as_posix())
    return frozenset(found)


def read_mkdocs_settings(path: Path) -> dict:
    """mkdocs.yml's mapping, read safely; tags such as !ENV read as plain values."""

    class _Tolerant(yaml.SafeLoader):
        pass

    _Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Tolerant)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def atomic_write(target: str | Path, data: bytes) -> None:
    """Write through a temporary file beside the target, so a reader never sees half a
    file (a full disk leaves the old file whole). The temporary name is fixed per target:
    only one generator writes a docs tree."""
    # On strings, not Path objects: a cold build writes 42,000 files at 20,000 papers.
    folder, base = os.path.split(os.fspath(target))
    # Short whatever the target's name: a 250-character name plus a suffix is too long.
    name = hashlib.sha1(os.fsencode(base)).hexdigest()[:16]
    temporary = os.path.join(folder, f".{name}.papershelf-tmp")
    try:
        try:
            _write_new(temporary, data)
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
            _write_new(temporary, data)
        os.replace(temporary, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


def _write_new(path: str, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)


def os_error_text(exc: OSError, root: Path | None = None) -> str:
    """``path: reason`` for a failed file operation, the path relative to ``root`` (or to
    the current folder) when it can be."""
    reason = exc.strerror or str(exc)
    if exc.filename is None:
        return reason
    path = Path(os.fsdecode(exc.filename))
    return f"{display_path(path, root or Path.cwd())}: {reason}"


def prune_empty_dirs(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


CACHE_DIR = ".papershelf"


def read_cache(root: Path, name: str) -> dict | None:
    """A cache file's data, or None if it is missing, unreadable or not exactly what was
    written (its first line is a digest of the rest): then it is rebuilt."""
    try:
        stored = (root / CACHE_DIR / f"{name}.json").read_bytes()
    except OSError:
        return None
    digest, _, text = stored.partition(b"\n")
    if digest.decode("ascii", "replace") != hashlib.sha256(text).hexdigest():
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def write_cache(root: Path, name: str, data: dict) -> None:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    atomic_write(root / CACHE_DIR / f"{name}.json",
                 hashlib.sha256(text).hexdigest().encode("ascii") + b"\n" + text)


def input_files(seeds_dir: Path, notes_dir: Path) -> list[Path]:
    """The files a run reads from the input folders (captures, notes) and, for the other
    entries there, the entries themselves: never a hidden file or a subfolder's contents,
    which a run does not read either."""
    found = []
    for folder, wanted in ((seeds_dir, None), (notes_dir, ".md")):
        try:
            entries = sorted(folder.iterdir()) if folder.is_dir() else []
        except OSError:
            entries = []
        found += [path for path in entries if not path.name.startswith(".")
                  and (wanted is None or path.suffix == wanted)]
    return found


def digest_inputs(paths: list[Path], root: Path) -> str:
    """A digest of the names and bytes of the input files ``paths`` (missing ones count;
    a file that is no capture, or that leads outside the project, counts by its name only
    and is never read)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(os.fsencode(path) + b"\x00")
        readable = path.is_file() and inside(path, root, path.parent) and (
            path.suffix.lower() in LISTING_SUFFIXES or path.suffix in (".yml", ".yaml"))
        try:
            digest.update(path.read_bytes() if readable else b"\x01not read")
        except OSError:  # unreadable: the reading stage says so
            digest.update(b"\x01unreadable")
        digest.update(b"\x00")
    return digest.hexdigest()


def stamp(path: str | Path, follow_symlinks: bool = True) -> list[int] | None:
    """[modification time in ns, size]: what a file was when last read or written (a
    change of either means it was touched); None if it is missing."""
    try:
        status = os.stat(path, follow_symlinks=follow_symlinks)
    except OSError:
        return None
    return [status.st_mtime_ns, status.st_size]


def output_stamps(docs_dir: Path, names: list[str]) -> dict[str, list[int]] | None:
    """The stamp of each output; None if any is missing."""
    stamps = {name: stamp(os.path.join(docs_dir, name)) for name in names}
    return None if None in stamps.values() else stamps


def fingerprint(paths: list[Path]) -> tuple:
    """A cheap token that changes when any of ``paths`` (files, or folders, whose own time
    changes when an entry is added or removed) is added, removed or edited."""
    entries = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        entries.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)
