"""``papershelf serve``: MkDocs' live-reloading server, plus regeneration on input changes.

MkDocs watches ``docs/`` and reloads the browser; this loop watches what MkDocs does not
(listings, taxonomy, configuration) and regenerates, which rewrites only changed pages in
``docs/`` and so triggers MkDocs' rebuild.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable

from .build import generate, mkdocs_environment
from .config import CONFIG_FILE, Config
from .exceptions import PapershelfError
from .files import fingerprint

POLL_SECONDS = 1.0


def watched_paths(config: Config) -> list:
    return [config.seeds_dir, config.taxonomy, config.root / CONFIG_FILE]


def serve_site(config: Config, address: str, report: Callable[[str], None]) -> int:
    """Generate, start ``mkdocs serve``, regenerate on changes until the server exits."""
    generate(config)
    # A terminated `papershelf serve` must also stop the MkDocs server it started.
    signal.signal(signal.SIGTERM, _interrupt)
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", address,
               "--config-file", str(config.mkdocs_config)]
    server = subprocess.Popen(command, cwd=config.root, env=mkdocs_environment())
    seen = fingerprint(watched_paths(config))
    try:
        while server.poll() is None:
            time.sleep(POLL_SECONDS)
            current = fingerprint(watched_paths(config))
            if current != seen:
                seen = current
                _regenerate(config, report)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait(timeout=10)
    return server.returncode or 0


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _regenerate(config: Config, report: Callable[[str], None]) -> None:
    try:
        collection, stats = generate(config)
    except PapershelfError as exc:  # keep serving the last good site
        report(f"error: {exc}")
        return
    report(f"Regenerated: {len(collection.papers)} papers; {len(stats.written)} written, "
           f"{len(stats.removed)} removed")
