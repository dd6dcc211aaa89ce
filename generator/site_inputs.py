"""What a ``mkdocs build`` read, so that ``papershelf build`` can skip MkDocs when none of
it changed: the folders and files it read (the docs, the configuration and every file the
configuration inherits, the templates, the site it wrote), the environment variables the
configuration's ``!ENV`` tags read, and the versions of the code that makes the site.

Files are known by name, size and time; nothing is read. Kept in
``.papershelf/site-inputs.json`` by a build that finished without a warning.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from .cache import code_version
from .files import CACHE_DIR, read_cache, stamp, write_cache
from .folders import scan_files

FORMAT = 1
INPUTS = "site-inputs"
MARKER = "site.building"  # a build under way (:class:`.build_state.Store`)
LIBRARIES = ("mkdocs", "properdocs", "mkdocs-material", "pymdown-extensions", "Markdown",
             "Jinja2", "Pygments", "nh3", "MarkupSafe", "babel", "pagefind", "pagefind_bin")
# Read by MkDocs itself: the build date in the sitemap and the pages.
READ_BY_MKDOCS = ("SOURCE_DATE_EPOCH",)
# `!ENV NAME` and `!ENV [NAME, OTHER, default]` (pyyaml_env_tag, which MkDocs uses).
_ENV_TAG = re.compile(r"!ENV\s+(?:\[([^\]\n]*)\]|([A-Za-z_][A-Za-z0-9_]*))")
_INHERIT = re.compile(r"""^INHERIT:[ \t]*(['"]?)([^'"\n#]+?)\1[ \t]*(?:#.*)?$""", re.M)


def record(root: Path, paths: list[str], config_file: str | None) -> None:
    """After a build that finished without a warning: what it read."""
    files, names = configuration_reads(config_file) if config_file else ([], [])
    paths = [*paths, *files]
    names = sorted(set(names) | set(READ_BY_MKDOCS))
    write_cache(root, INPUTS, {"paths": paths, "environment": names,
                               "fingerprint": fingerprint(paths, names)})


def site_unchanged(root: Path) -> bool:
    """Whether nothing the last ``mkdocs build`` read or wrote changed since it finished
    without a warning: then building again would render nothing and write the same site."""
    last = read_cache(root, INPUTS)
    if not last or (root / CACHE_DIR / MARKER).exists():
        return False
    paths, names = last.get("paths"), last.get("environment")
    return (_strings(paths) and _strings(names)
            and last.get("fingerprint") == fingerprint(paths, names))


def forget(root: Path) -> None:
    (root / CACHE_DIR / f"{INPUTS}.json").unlink(missing_ok=True)


def configuration_reads(config_file: str) -> tuple[list[str], list[str]]:
    """The files a MkDocs configuration file inherits (``INHERIT:``, followed), and the
    environment variables its ``!ENV`` tags and theirs read."""
    files, names, todo = [], [], [config_file]
    while todo:
        path = todo.pop()
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for listed, single in _ENV_TAG.findall(text):
            names += [name.strip(" '\"") for name in listed.split(",")] if listed else [single]
        for _, parent in _INHERIT.findall(text):
            parent = os.path.normpath(os.path.join(os.path.dirname(path), parent.strip()))
            if parent not in files and parent != config_file:
                files.append(parent)
                todo.append(parent)
    return files, [name for name in names if name]


def fingerprint(paths: list[str], names: list[str] = ()) -> str:
    """A digest of the name, size and time of every file in ``paths`` (files or folders),
    of the environment variables ``names`` and of the versions of the code: equal
    fingerprints mean nothing a build reads changed."""
    digest = hashlib.sha256(versions().encode("utf-8"))
    environment = {name: os.environ.get(name) for name in names}
    digest.update(json.dumps(environment, sort_keys=True).encode("utf-8"))
    for top in paths:
        digest.update(b"\x01" + os.fsencode(top))
        lines = [f"{name}\x00{mtime}\x00{size}\n" for name, (mtime, size) in sorted(_walk(top))]
        digest.update("".join(lines).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def versions() -> str:
    """The versions of what makes the site's files: MkDocs (or ProperDocs), the theme,
    the Markdown extensions, Pagefind and Papershelf's own source."""
    from importlib.metadata import PackageNotFoundError, version

    names = []
    for name in LIBRARIES:
        try:
            names.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            names.append(f"{name}: none")
    return f"{FORMAT} {code_version()} {' '.join(names)}"


def _strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _walk(top: str):
    """Each file under ``top`` (``top`` itself if it is a file), and each link there as a
    link, with its [time, size]."""
    status = stamp(top)
    if status is None or not os.path.isdir(top):
        yield "", status or [0, -1]
        return
    links: list[str] = []
    for name, info in scan_files(top, links).items():
        yield name, [info.st_mtime_ns, info.st_size]
    for path in links:
        info = os.lstat(path)
        yield os.path.relpath(path, top).replace(os.sep, "/"), [info.st_mtime_ns, info.st_size]
