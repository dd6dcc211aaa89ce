"""The ``papershelf`` MkDocs plugin: incremental builds that equal a clean build.

``mkdocs build --dirty`` alone skips every page whose output is newer than its source and
then writes a search index of the rendered pages only, with stale navigation. With this
plugin a ``--dirty`` build skips a page only when nothing its HTML depends on changed
(:mod:`.build_state` keeps what that is), gives MkDocs what it needs of the pages it skips
(titles, anchors, the front matter the sitemap reads, search entries), and removes the
outputs of pages that are gone. A build without ``--dirty`` (plain ``mkdocs build``, or
ProperDocs) is a full build that records the same state.

A full build is made, and the reason logged, when there is no previous build, the previous
one was interrupted, the configuration, the templates, the navigation or the versions of
MkDocs, its extensions or Papershelf changed, or a plugin, hook or extension could make a
page depend on other files.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs import utils
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .build_state import (Manifest, PageRecord, Store, encode_meta, file_digest,
                          full_build_reason, nav_digest, page_key, settings_digest)
from .files import prune_empty_dirs, stamp
from .mkdocs_adapters import (RecordingFiles, WarningHandler, constant, drop_dirty_warning,
                              inside, restore, search_plugin, target)
from .pagefind_bundle import SearchIndexError
from .search_index import Copies

log = logging.getLogger("mkdocs.plugins.papershelf")



class PapershelfPluginConfig(Config):
    pagefind = c.Type(bool, default=True)
    """Search with Pagefind (``generator/search_index.py``) in Material's search box: the
    browser fetches only the index chunks of the words typed. ``false`` keeps Material's
    own search, which downloads the whole index first."""
    keep_meta = c.ListOfItems(c.Type(str), default=["lastmod", "title"])
    """Front matter keys that site-wide templates (the sitemap) read of every page; they are
    kept for the pages a build does not render again. A page in the navigation keeps all."""


class IncrementalPlugin(BasePlugin[PapershelfPluginConfig]):
    def __init__(self) -> None:
        self.dirty = False
        self.command = "build"
        self.store: Store | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty, self.command = dirty, command

    @event_priority(-100)  # after every other plugin has adjusted the configuration
    def on_config(self, config):
        if not config.use_directory_urls:
            raise PluginError(
                f"{config.config_file_path}: use_directory_urls: false is not supported: "
                "Papershelf's pages link to each other by directory addresses "
                "(papers/<slug>/); remove the setting")
        root = Path(config.config_file_path or ".").resolve().parent
        persist = inside(Path(config.site_dir), root)
        if self.store is None or (self.store.root, self.store.persist) != (root, persist):
            self.store = Store(root, persist, self.command == "serve")  # kept while serving
        plugins = [(name, dict(plugin.config)) for name, plugin in config.plugins.items()]
        self.settings = settings_digest(config, plugins)
        self.previous = self.store.load(config.site_dir)
        self.reason = full_build_reason(config, [name for name, _ in plugins], self.dirty,
                                        self.previous, self.store.building(), self.settings)
        self.copies = Copies(self.store.copies_folder(), self.store.bundle_folder())
        self.warned: set[str] = set()
        self.current: str | None = None
        self.handler = WarningHandler(self._warned)
        for name in ("mkdocs", "properdocs"):
            logging.getLogger(name).addHandler(self.handler)
        # With --strict, MkDocs' own warning about --dirty would fail every build.
        for name in ("mkdocs.commands.build", "properdocs.commands.build"):
            logging.getLogger(name).addFilter(drop_dirty_warning)
        return config

    def on_pre_build(self, *, config) -> None:
        self.store.mark_building(True)
        self.finished = False
        self.any_warning = False
        self.cleaned = not self.dirty
        self.copies.changed = False
        if self.dirty and self.reason:
            # What MkDocs does before a build without --dirty.
            utils.clean_directory(config.site_dir)
            self.cleaned = True

    @event_priority(-100)
    def on_files(self, files, *, config):
        self.files = RecordingFiles(list(files))
        return self.files

    @event_priority(-100)
    def on_nav(self, nav, *, config, files):
        self.nav = nav_digest(nav)
        self.nav_pages = {page.file.src_uri for page in nav.pages}
        if not self.reason and self.previous.nav != self.nav:
            self.reason = "the navigation changed"
        self.keys, self.sources, self.links = {}, {}, {}
        self.rendered: set[str] = set()
        self.entries: dict[str, list[dict]] = {}
        changed = 0
        for file in files:
            if file.is_documentation_page():
                changed += self._decide_page(file)
            elif file.abs_src_path and not file.generated_by:
                file.is_modified = constant(self._static_changed(file))
        pages = len(self.keys)
        if self.reason:
            log.info(f"Papershelf: full build of {pages} pages: {self.reason}")
        else:
            log.info(f"Papershelf: incremental build: {changed} of {pages} pages to render")
        return nav

    def on_pre_page(self, page, *, config, files):
        self.current = page.file.src_uri
        self.rendered.add(self.current)
        self.files.current = self.links[self.current] = {}
        return page

    @event_priority(-100)
    def on_page_content(self, html, *, page, config, files):
        self.files.current = self.current = None
        if self.config.pagefind:
            # Pagefind indexes the site: the search plugin need not parse every page for
            # an index no one downloads (a tenth of a build).
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return html

    @event_priority(-100)
    def on_env(self, env, *, config, files):
        for file in files.documentation_pages():
            record = self._previous_record(file.src_uri)
            if file.page is not None and file.src_uri not in self.rendered and record:
                restore(file.page, record, self.files)
        self.search = search_plugin(config)
        self.mark = len(self.search.search_index.entries) if self.search else 0
        return env

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(self, context, *, page, config, nav):
        self.current = page.file.src_uri
        if self.search and not self.config.pagefind:
            entries = self.search.search_index.entries
            self.entries[self.current] = entries[self.mark:]
            self.mark = len(entries)
        return context

    def on_post_page(self, output, *, page, config):
        self.current = None
        if self.config.pagefind:
            self.copies.write(page.file.dest_uri, output)
        return output

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, *, config) -> None:
        self._detach()
        manifest = Manifest(self.settings, self.nav)
        entries = []
        built = self.files.documentation_pages(inclusion=self._inclusion())
        for file in built:
            record = self._record(file, config)
            if record:
                manifest.pages[file.src_uri] = record
            entries += record.search if record else self.entries.get(file.src_uri, [])
        if self.search:
            # The whole index, in page order as a clean build has it; no merging with an
            # earlier index (the search plugin's own --dirty behaviour). With Pagefind,
            # only its configuration, which search.highlight reads.
            self.search.search_index.entries = [] if self.config.pagefind else entries
            self.search.search_index_prev = None
        manifest.statics = {file.dest_uri: [stamp(file.abs_src_path), stamp(file.abs_dest_path)]
                            for file in self.files if not file.is_documentation_page()
                            and file.abs_src_path and not file.generated_by}
        removed = self._remove_stale(manifest, {file.src_uri for file in built},
                                     config.site_dir) if not self.cleaned and self.previous else 0
        if self.config.pagefind:
            full = bool(self.reason) or self.previous is None
            self.copies.keep({file.dest_uri for file in built}, None if full else [
                record.output_path for record in self.previous.pages.values()])
            kept = self.previous.bundle if self.previous and not self.cleaned else {}
            try:
                manifest.bundle = self.copies.index(config.site_dir, kept, full,
                                                    fresh=not self.dirty)
            except SearchIndexError as error:
                raise PluginError(str(error)) from None
        if self.rendered or removed or manifest != self.previous:
            self.store.save(manifest, config.site_dir)
        self.store.mark_building(False)
        self.finished = True
        self.config_file = config.config_file_path
        self.inputs = [config.docs_dir, config.config_file_path, config.site_dir,
                       *([config.theme.custom_dir] if config.theme.custom_dir else [])]

    def on_build_error(self, *, error) -> None:
        self.finished = False
        self._detach()

    def on_shutdown(self) -> None:
        """After ``mkdocs build``: what it read, if it finished without a warning (the site
        is then complete and ``papershelf build`` may skip MkDocs until something changes)."""
        self._detach()
        if getattr(self, "finished", False) and not self.any_warning:
            self.store.record_inputs([str(path) for path in self.inputs if path],
                                     self.config_file)

    # -- deciding -------------------------------------------------------------------------

    def _decide_page(self, file) -> bool:
        """Whether the page must be rendered; sets MkDocs' ``is_modified`` to say so."""
        record = self._previous_record(file.src_uri)
        source = stamp(file.abs_src_path)
        digest = (record.source_digest if record and source == record.source
                  else file_digest(file.abs_src_path))
        self.sources[file.src_uri] = (source, digest)
        self.keys[file.src_uri] = key = page_key(self.settings, self.nav, file, digest)
        changed = (self.reason is not None or record is None or record.key != key
                   or record.output != stamp(file.abs_dest_path)
                   or self.config.pagefind and record.copy != self.copies.stamp(file.dest_uri)
                   or any(target(self.files.src_uris.get(path)) != kept
                          for path, kept in record.links.items()))
        file.is_modified = constant(changed)
        return changed

    def _static_changed(self, file) -> bool:
        kept = self.previous.statics.get(file.dest_uri) if self.previous else None
        return (self.reason is not None or kept is None
                or kept != [stamp(file.abs_src_path), stamp(file.abs_dest_path)])

    def _previous_record(self, uri: str) -> PageRecord | None:
        return self.previous.pages.get(uri) if self.previous and not self.reason else None

    def _inclusion(self):
        from mkdocs.structure.files import InclusionLevel

        return (InclusionLevel.is_in_serve if self.command == "serve"
                else InclusionLevel.is_included)

    # -- recording ------------------------------------------------------------------------

    def _record(self, file, config) -> PageRecord | None:
        """The page's record: kept from the previous build if it was not rendered; None if
        it must be rendered next time (it warned, or its front matter has no JSON form)."""
        uri, page = file.src_uri, file.page
        if uri not in self.rendered:
            return self._previous_record(uri)
        if uri in self.warned or page is None:
            return None
        keep = page.meta if uri in self.nav_pages else {
            key: page.meta[key] for key in self.config.keep_meta if key in page.meta}
        meta = encode_meta(keep)
        if meta is None:
            return None
        source, digest = self.sources[uri]
        return PageRecord(
            key=self.keys[uri], source=source, source_digest=digest,
            output=stamp(file.abs_dest_path), output_path=file.dest_uri,
            links=self.links.get(uri, {}), title=page._title_from_render, meta=meta,
            anchors=sorted(page.present_anchor_ids or ()),
            links_to_anchors={target.src_uri: dict(anchors) for target, anchors
                              in (page.links_to_anchors or {}).items()},
            search=self.entries.get(uri, []),
            copy=self.copies.stamp(file.dest_uri) if self.config.pagefind else None)

    def _remove_stale(self, manifest: Manifest, built: set[str], site_dir: str) -> int:
        """Remove the outputs of the previous build's pages and files that are gone (not
        built this time), if they still hold what that build wrote."""
        gone = [(record.output_path, record.output) for uri, record in
                self.previous.pages.items() if uri not in built
                and record.output_path not in manifest.statics]
        gone += [(dest, kept[1]) for dest, kept in self.previous.statics.items()
                 if dest not in manifest.statics]
        current = {record.output_path for record in manifest.pages.values()}
        removed = 0
        for dest, written in gone:
            path = os.path.join(site_dir, dest)
            if dest not in current and written and stamp(path) == written:
                os.remove(path)
                prune_empty_dirs(Path(path).parent, Path(site_dir))
                removed += 1
        return removed

    # -- warnings -------------------------------------------------------------------------

    def _warned(self) -> None:
        self.any_warning = True
        if self.current:
            self.warned.add(self.current)

    def _detach(self) -> None:
        for name in ("mkdocs", "properdocs"):
            logging.getLogger(name).removeHandler(getattr(self, "handler", None))
