"""What an incremental MkDocs build keeps of the previous one (:mod:`.incremental` uses it).

For every page: a key (a digest of its source, its path and URL, and the settings every
page depends on), the links it looked up and what they led to, the output file it wrote,
and what a build takes from a page it does not render (title, anchors, search entries,
the front matter keys site-wide templates read). A page is rendered again when its key,
a link's target or its output file differs from what is kept here.

Kept in ``.papershelf/site.json`` (safe to delete: the next build is then a full one);
:func:`full_build_reason` says when the state cannot be used.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field, fields
from pathlib import Path

from . import scratch, serve_cache, site_inputs
from .files import CACHE_DIR, read_cache, write_cache
from .locks import try_hold
from .site_inputs import MARKER, versions

FORMAT = 1
# In .papershelf/: the state (and the marker of a build under way, :mod:`.site_inputs`).
MANIFEST = "site"
SERVE_DIR = "serve"  # in .papershelf/: the state of the last site `mkdocs serve` built
# Plugins that make a page's HTML from that page alone. Any other (tags, blog, ...) may
# make a page depend on others, so a build with one is always full.
PAGE_LOCAL_PLUGINS = frozenset({"search", "material/search", "papershelf"})
# Markdown extensions that read other files into a page.
FILE_READING_EXTENSIONS = frozenset({"pymdownx.snippets", "markdown_include.include"})
Stamp = list[int]  # [mtime in ns, size]: what the file was when last read or written


def file_digest(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


@dataclass
class PageRecord:
    """One page as the last build rendered it."""

    key: str
    source: Stamp
    source_digest: str
    output: Stamp | None
    output_path: str = ""
    # Every path the page's links looked up, and the URL found (None: no such page).
    links: dict[str, str | None] = field(default_factory=dict)
    title: str | None = None
    meta: dict = field(default_factory=dict)
    anchors: list[str] = field(default_factory=list)
    # {target page: {anchor: link as written}}, for MkDocs' check of anchors.
    links_to_anchors: dict[str, dict[str, str]] = field(default_factory=dict)
    search: list[dict] = field(default_factory=list)
    # Its search copy (generator/search_index.py) as written; None: it has none.
    copy: Stamp | None = None


@dataclass
class Manifest:
    """The previous build: its settings, navigation, pages and copied files."""

    settings: str = ""
    nav: str = ""
    pages: dict[str, PageRecord] = field(default_factory=dict)
    # Copied files: destination -> [source stamp, output stamp].
    statics: dict[str, list[Stamp | None]] = field(default_factory=dict)
    # The search index's files (site/pagefind/) as written.
    bundle: dict[str, Stamp | None] = field(default_factory=dict)

    def to_json(self) -> dict:
        # A record's fields are JSON values already: vars() without asdict's deep copy
        # (3.5 s at 20,000 pages).
        return {"format": FORMAT, "settings": self.settings, "nav": self.nav,
                "statics": self.statics, "bundle": self.bundle,
                "pages": {uri: vars(record) for uri, record in self.pages.items()}}

    @classmethod
    def from_json(cls, data: dict | None) -> Manifest | None:
        """The manifest, or None when it is missing or not what a build writes."""
        if not data or data.get("format") != FORMAT:
            return None
        names = {f.name for f in fields(PageRecord)}
        try:
            pages = {uri: PageRecord(**{k: v for k, v in record.items() if k in names})
                     for uri, record in data["pages"].items()}
            return cls(str(data["settings"]), str(data["nav"]), pages, dict(data["statics"]),
                       dict(data["bundle"]))
        except (KeyError, TypeError, AttributeError):
            return None


class Store:
    """Where the state lives: ``.papershelf/`` for a site inside the project;
    ``.papershelf/serve/``, with a mirror of the site (:mod:`.serve_cache`), for the
    temporary folder ``mkdocs serve`` builds into and deletes (one server at a time holds
    it); otherwise in memory and a temporary folder, for as long as the plugin lives."""

    def __init__(self, root: Path, persist: bool, serving: bool = False) -> None:
        self.root, self.persist = root, persist
        self.in_memory: Manifest | None = None
        self.scratch: tempfile.TemporaryDirectory | None = None
        self.folder: Path | None = root / CACHE_DIR if persist else None
        self.held = None
        if serving and not persist:
            self.held = try_hold(root / CACHE_DIR / SERVE_DIR / "lock")
            self.folder = root / CACHE_DIR / SERVE_DIR if self.held else None
        self.name = MANIFEST if persist else f"{SERVE_DIR}/{MANIFEST}"

    def load(self, site_dir: str) -> Manifest | None:
        """The last build's state; a server's first build starts from the site the last
        server built (its mirror, put in ``site_dir``)."""
        if self.folder is None or not self.persist and self.in_memory is not None:
            return self.in_memory
        manifest = Manifest.from_json(read_cache(self.root, self.name))
        if manifest is not None and not self.persist:
            serve_cache.mirror(self.folder / "site", Path(site_dir))
        return manifest

    def save(self, manifest: Manifest, site_dir: str) -> None:
        self.in_memory = None if self.persist else manifest
        if self.folder is not None:
            write_cache(self.root, self.name, manifest.to_json())
        if self.folder is not None and not self.persist:
            serve_cache.mirror(Path(site_dir), self.folder / "site")

    def building(self) -> bool:
        """Whether a build was started and did not finish."""
        return self.folder is not None and (self.folder / MARKER).exists()

    def mark_building(self, building: bool) -> None:
        if self.folder is None:
            return
        marker = self.folder / MARKER
        if building:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
            if self.persist:
                site_inputs.forget(self.root)
        else:
            marker.unlink(missing_ok=True)

    def record_inputs(self, paths: list[str], config_file: str | None) -> None:
        """After a build that finished without a warning: what it read
        (:func:`.site_inputs.site_unchanged` compares it)."""
        if self.persist:
            site_inputs.record(self.root, paths, config_file)

    def copies_folder(self) -> Path:
        """Where the pages' search copies are kept (:mod:`.search_index`)."""
        return self._folder("search")

    def bundle_folder(self) -> Path:
        """Where Pagefind writes its bundle (:mod:`.pagefind_bundle`)."""
        return self._folder("pagefind")

    def _folder(self, name: str) -> Path:
        if self.folder is not None:
            return self.folder / name
        if self.scratch is None:
            self.scratch = scratch.folder("papershelf-search-")
        return Path(self.scratch.name) / name


def encode_meta(meta: dict) -> dict | None:
    """Front matter values as JSON (dates tagged), or None when a value has no JSON form:
    such a page is then always rendered."""
    try:
        return json.loads(json.dumps(meta, default=_tag_date))
    except (TypeError, ValueError):
        return None


def decode_meta(meta: dict) -> dict:
    return json.loads(json.dumps(meta), object_hook=_untag_date)


def _tag_date(value):
    if isinstance(value, datetime.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat()}
    raise TypeError(type(value).__name__)


def _untag_date(value: dict):
    if len(value) == 1 and "$date" in value:
        return datetime.date.fromisoformat(value["$date"])
    if len(value) == 1 and "$datetime" in value:
        return datetime.datetime.fromisoformat(value["$datetime"])
    return value


def full_build_reason(config, plugins: list[str], dirty: bool, previous: Manifest | None,
                      interrupted: bool, settings: str) -> str | None:
    """Why this build must render every page (``plugins``: the configured plugins' names;
    ``settings``: this build's :func:`settings_digest`); None when it need not."""
    others = [name for name in plugins if name not in PAGE_LOCAL_PLUGINS]
    reading = FILE_READING_EXTENSIONS.intersection(config.markdown_extensions)
    if not dirty:
        return "a build without --dirty cleans the site folder"
    if others:
        return f"the plugin {others[0]!r} may make a page depend on other pages"
    if config.hooks:
        return "hooks: may make a page depend on other pages"
    if reading:
        return f"the extension {sorted(reading)[0]!r} reads other files into pages"
    if previous is None:
        return "no previous build"
    if interrupted:
        return "the previous build was interrupted"
    if previous.settings != settings:
        return ("the configuration, the templates (overrides/), or the versions of "
                "MkDocs, its extensions or Papershelf changed")
    if not os.path.isdir(config.site_dir):
        return "the site folder is missing"
    return None


def settings_digest(config, plugins: list[tuple[str, dict]]) -> str:
    """What every page's HTML depends on besides its own source: the configuration as
    loaded, the theme's templates, the versions of MkDocs, its extensions and Papershelf."""
    libraries = versions()
    settings = {key: config.get(key) for key in sorted(config.keys())
                if key not in ("plugins", "theme", "nav", "config_file_path", "site_dir")}
    theme = config.theme
    parts = [libraries, settings, plugins, dict(theme),
             [_folder_digest(folder) for folder in theme.dirs], config.config_file_path
             and file_digest(config.config_file_path)]
    data = json.dumps(parts, default=_stable, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _stable(value) -> str | None:
    """A setting's text; None for an object whose text is only its address (its value is
    in the configuration file, which is part of the digest)."""
    text = str(value)
    return None if " at 0x" in text else text


def _folder_digest(folder: str) -> str:
    """An installed theme by its location (its version is in the libraries); a project's
    own templates (``custom_dir``) by their content."""
    if "site-packages" in Path(folder).parts or "dist-packages" in Path(folder).parts:
        return folder
    digest = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\x00")
            digest.update(path.read_bytes())
    return f"{folder} {digest.hexdigest()}"


def nav_digest(nav) -> str:
    """The navigation every page embeds: each item's title and URL. A page whose title
    comes from its content adds its source, so that a changed heading counts."""
    entries = []

    def walk(items, depth):
        for item in items:
            url = getattr(item, "url", None)
            title = getattr(item, "title", None)
            source = None
            if getattr(item, "is_page", False) and not title:
                source = file_digest(item.file.abs_src_path)
            entries.append([depth, type(item).__name__, title, url, source])
            walk(getattr(item, "children", None) or [], depth + 1)

    walk(nav.items, 0)
    return hashlib.sha256(json.dumps(entries).encode("utf-8")).hexdigest()


def page_key(settings: str, nav: str, file, source_digest: str) -> str:
    data = "\x00".join([settings, nav, file.src_uri, file.dest_uri, file.url,
                        str(file.inclusion), source_digest])
    return hashlib.sha256(data.encode("utf-8")).hexdigest()
