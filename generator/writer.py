"""The write stage: make the docs folder hold the generated files, and only ever touch
files Papershelf made.

A manifest in the docs folder records, for each generated file, the digest of what was
written. A file is overwritten or removed only when its current bytes are bytes
Papershelf wrote there (an edited or hand-written file is left alone, with a warning or an
error), and only when its path lies in the folders Papershelf generates.

The manifest also records each file's size and modification time as written: a file that
still has them is known by its recorded digest without being read (at 20,000 papers,
reading every generated file to compare took seconds).

The write stage is recoverable: before touching anything it records its intent (every
digest a file may hold when the stage is over, old and new), so after a crash or a kill
the next run still recognises every file as its own, finishes the job and removes what
is no longer generated.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from .exceptions import PapershelfError
from .files import atomic_write, os_error_text, prune_empty_dirs, stamp

MANIFEST = ".papershelf-manifest.json"
_FORMAT = 2


@dataclass
class WriteStats:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # Files no longer generated but left in place, with the reason (warnings for the user).
    kept: list[tuple[str, str]] = field(default_factory=list)
    # The size and time of each generated file as left (None: missing).
    stamps: dict[str, list[int] | None] = field(default_factory=dict)


EDITED = "no longer generated, but changed since Papershelf wrote it; left in place"
UNSURE = ("no longer generated; left in place (an older Papershelf wrote it without "
          "recording its content): delete it if you do not need it")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def write_outputs(docs_dir: Path, outputs: dict[str, str],
                  roots: Collection[str]) -> WriteStats:
    """Make ``docs_dir`` hold exactly ``outputs`` among the files Papershelf generated.

    ``roots`` are the top-level names (folders or files) generated paths start with.
    Unchanged files are not touched; a file Papershelf did not write, or that was edited
    since, is never overwritten (an error) or removed (a warning).
    """
    stray = [rel for rel in sorted(outputs) if not owned_path(rel, roots)]
    if stray:
        raise PapershelfError(f"internal error: generated path outside the generated "
                              f"folders: {stray[0]!r}; please report this")
    previous, stamps = _read_manifest(docs_dir, roots)
    _refuse_linked_folders(docs_dir, set(outputs) | set(previous))
    encoded = {rel: outputs[rel].encode("utf-8") for rel in sorted(outputs)}
    wanted = {rel: digest(data) for rel, data in encoded.items()}
    # One look at each file: it says whether the recorded digest still holds, and is the
    # stamp the manifest keeps for a file left as it is.
    now = {rel: stamp(os.path.join(docs_dir, rel), follow_symlinks=False)
           for rel in sorted(set(encoded) | set(previous))}
    current = {rel: _current_digest(docs_dir, rel, previous.get(rel), stamps.get(rel),
                                    now[rel]) for rel in now}
    _refuse_foreign(docs_dir, wanted, previous, current)
    stats = WriteStats()
    to_write = [rel for rel in encoded if current[rel] != wanted[rel]]
    stats.unchanged = [rel for rel in encoded if current[rel] == wanted[rel]]
    to_remove = []
    for rel in sorted(set(previous) - set(encoded)):
        if current[rel] is None:
            continue
        if current[rel] in previous[rel]:
            to_remove.append(rel)
        else:
            stats.kept.append((rel, EDITED if previous[rel] else UNSURE))
    try:
        _apply(docs_dir, encoded, wanted, previous, to_write, to_remove, stats, now)
    except OSError as exc:  # a read-only folder, a full disk
        raise PapershelfError(f"{os_error_text(exc)} (writing the generated files stopped "
                              f"there; once fixed, the next run finishes the job)") from None
    return stats


def _apply(docs_dir: Path, encoded: dict[str, bytes], wanted: dict[str, str],
           previous: dict[str, tuple[str, ...]],
           to_write: list[str], to_remove: list[str], stats: WriteStats,
           now: dict[str, list[int] | None]) -> None:
    final = {rel: [wanted[rel]] for rel in encoded}
    if to_write or to_remove:
        intent = {rel: sorted(set(previous.get(rel, ())) | set(final.get(rel, ())))
                  for rel in sorted(set(final) | set(to_remove))}
        _write_manifest(docs_dir, intent, writing=True)
    for rel in to_write:
        atomic_write(os.path.join(docs_dir, rel), encoded[rel])
        stats.written.append(rel)
    for rel in to_remove:
        (docs_dir / rel).unlink(missing_ok=True)
        stats.removed.append(rel)
        prune_empty_dirs((docs_dir / rel).parent, docs_dir)
    written = set(to_write)
    stats.stamps = {rel: stamp(os.path.join(docs_dir, rel), follow_symlinks=False)
                    if rel in written else now[rel] for rel in final}
    _write_manifest(docs_dir, final, stamps=stats.stamps)


def _current_digest(docs_dir: Path, rel: str, digests: tuple[str, ...] | None,
                    written: list[int] | None, now: list[int] | None) -> str | None:
    """The digest of the file's bytes: the recorded one when the file still has the size
    and time it had when written (one digest recorded: no write stage was cut short)."""
    if written and digests and len(digests) == 1 and now == written:
        return digests[0]
    data = _read(docs_dir / rel)
    return None if data is None else digest(data)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() and not path.is_symlink() else None
    except OSError:
        return None


def owned_path(relative: str, roots: Collection[str]) -> bool:
    """Whether a manifest entry names a file Papershelf may manage: a plain relative path
    (no ``..``, no absolute path, no backslash) under one of the generated roots."""
    # On strings: called for every generated file, twice (PurePosixPath took 0.8 s for
    # 42,000 files). An empty part is a leading, doubled or trailing slash.
    parts = relative.split("/")
    return ("\\" not in relative and "\x00" not in relative and parts[0] in roots
            and not {"", ".", ".."} & set(parts))


def _read_manifest(docs_dir: Path, roots: Collection[str]
                   ) -> tuple[dict[str, tuple[str, ...]], dict[str, list[int]]]:
    """Each managed path with the digests Papershelf may have left there (() when unknown:
    a manifest from before digests were recorded), and the size and time each had when
    written. Entries outside the roots are ignored."""
    path = docs_dir / MANIFEST
    if not path.is_file():
        return {}, {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        raise PapershelfError(f"{path}: unreadable manifest of generated files; delete it "
                              f"together with the generated files it listed") from None
    if isinstance(data, dict) and data.get("writing"):
        _sweep_temporary_files(docs_dir, roots)
    if isinstance(data, list):  # the first format: names only
        entries = {name: () for name in data if isinstance(name, str)}
    elif isinstance(data, dict) and isinstance(data.get("files"), dict):
        entries = {name: tuple(d for d in digests if isinstance(d, str))
                   for name, digests in data["files"].items() if isinstance(digests, list)}
    else:
        raise PapershelfError(f"{path}: expected a manifest of generated files "
                              f"(format {_FORMAT}); delete it together with those files")
    stamps = data.get("stamps") if isinstance(data, dict) and not data.get("writing") else None
    stamps = {name: value for name, value in (stamps or {}).items()
              if isinstance(value, list) and len(value) == 2
              and all(isinstance(number, int) for number in value)} \
        if isinstance(stamps, dict) else {}
    return ({name: digests for name, digests in entries.items() if owned_path(name, roots)},
            stamps)


def _sweep_temporary_files(docs_dir: Path, roots: Collection[str]) -> None:
    """The half-written temporary files a stopped run left (only Papershelf names files
    ``.<digest>.papershelf-tmp``), in the generated folders."""
    for root in roots:
        folder = docs_dir / root
        if folder.is_dir() and not folder.is_symlink():
            for temporary in folder.rglob(".*.papershelf-tmp"):
                temporary.unlink(missing_ok=True)
    for temporary in docs_dir.glob(".*.papershelf-tmp"):
        temporary.unlink(missing_ok=True)


def _write_manifest(docs_dir: Path, files: dict[str, list[str]], writing: bool = False,
                    stamps: dict[str, list[int] | None] | None = None) -> None:
    """The manifest; ``writing`` marks the intent recorded before a write stage, which a
    finished stage replaces."""
    data = {"format": _FORMAT, "files": files, **({"writing": True} if writing else {}),
            **({"stamps": stamps} if stamps else {})}
    # Compact: with an indent, json encodes in Python, not C (1 s at 42,000 files).
    text = json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n"
    target = docs_dir / MANIFEST
    if _read(target) != text.encode("utf-8"):
        atomic_write(target, text.encode("utf-8"))


def _refuse_foreign(docs_dir: Path, wanted: dict[str, str],
                    previous: dict[str, tuple[str, ...]],
                    current: dict[str, str | None]) -> None:
    """Stop before writing anything if an output's path holds a file Papershelf did not
    write there (or that was edited since)."""
    foreign = [rel for rel, new in wanted.items()
               if current[rel] != new and not _ours(current[rel], previous.get(rel))
               if (docs_dir / rel).exists() or (docs_dir / rel).is_symlink()]
    if foreign:
        listed = ", ".join(foreign[:5]) + (" ..." if len(foreign) > 5 else "")
        raise PapershelfError(
            f"{docs_dir}: will not overwrite files Papershelf did not write (or that were "
            f"edited since): {listed}. Move them away: generated output goes to those paths")


def _refuse_linked_folders(docs_dir: Path, paths: set[str]) -> None:
    """Stop before writing anything if a folder on the way to a generated file is a link:
    writing or removing through it would touch files outside the docs folder."""
    folders: set[str] = set()
    for rel in paths:  # owned paths: plain, relative, "/"-separated
        folder = rel.rpartition("/")[0]
        while folder and folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    for folder in sorted(folders):
        if (docs_dir / folder).is_symlink():
            raise PapershelfError(
                f"{docs_dir / folder}: a link to another folder, where Papershelf writes "
                f"generated pages; it writes only into real folders (replace the link with a "
                f"folder)")


def _ours(current: str | None, digests: tuple[str, ...] | None) -> bool:
    if current is None or digests is None:
        return False
    # A first-format manifest listed the path without a digest: it was generated.
    return not digests or current in digests
