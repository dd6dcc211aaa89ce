"""``papershelf serve``: MkDocs' live-reloading server, plus regeneration on input changes.

MkDocs watches ``docs/`` and reloads the browser; this loop watches what MkDocs does not
(listings, taxonomy, configuration) and regenerates, which rewrites only changed pages in
``docs/`` and so triggers MkDocs' rebuild.
"""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import time
from collections.abc import Callable

from pathlib import Path

from .build import generate
from .publish import incremental_arguments, mkdocs_command, mkdocs_environment
from .config import CONFIG_FILE, Config, load_config
from .exceptions import PapershelfError
from .files import fingerprint, input_files
from .locks import project_lock

POLL_SECONDS = 1.0
STOP_SECONDS = 10.0


def watched_paths(config: Config, config_path: Path | None) -> list[Path]:
    return [config.seeds_dir, config.notes_dir, *input_files(config.seeds_dir, config.notes_dir),
            config.taxonomy, config.mkdocs_config, config_path or config.root / CONFIG_FILE]


def serve_site(config_path: Path | None, address: str, report: Callable[[str], None]) -> int:
    """Generate, start ``mkdocs serve``, regenerate on changes until the server exits.

    The configuration is read again before each regeneration, so edits to it apply.
    """
    config = load_config(config_path)
    check_address(address)
    with project_lock(config.root, report):
        summary, _ = generate(config)
    shown = _report_warnings(summary, set(), report)
    report(f"Generated: {summary.papers} papers; {_count(summary)}")
    command = mkdocs_command(config, "serve", "--livereload", "--watch-theme",
                             "--dev-addr", address, *incremental_arguments(config))
    # Ctrl+C is how the server stops cleanly: started with SIGINT ignored (a background
    # job of a script), the server would inherit that and could only be killed, leaving
    # its temporary site behind. A handler here is reset to the default in the server.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    server = subprocess.Popen(command, cwd=config.root, env=mkdocs_environment())
    # A terminated `papershelf serve` must also stop the MkDocs server it started.
    signal.signal(signal.SIGTERM, _terminate)
    seen = fingerprint(watched_paths(config, config_path))
    try:
        while server.poll() is None:
            time.sleep(POLL_SECONDS)
            current = fingerprint(watched_paths(config, config_path))
            if current != seen:
                seen = current
                config, shown = _regenerate(config_path, config, report, shown)
    except KeyboardInterrupt:  # Ctrl+C: the server, in the same process group, has it too
        _stop(server, [(lambda: None, STOP_SECONDS)])
    except _Terminated:
        pass
    finally:
        _stop(server)
    return server.returncode or 0


class _Terminated(Exception):
    """``papershelf serve`` was asked to stop (SIGTERM)."""


def _terminate(signum, frame) -> None:
    raise _Terminated


def _stop(server: subprocess.Popen, steps: list | None = None) -> None:
    """Stop MkDocs' server as Ctrl+C does: it then removes the temporary folder it built
    the site in, and the plugin its own (a terminated server left both behind, the site
    and the search bundle: 1 GB at 20,000 papers). Terminated, then killed, if it does not
    stop. ``steps``: what to do first (wait for a server that was already told)."""
    for stop, patience in (steps or []) + [
            (lambda: server.send_signal(signal.SIGINT), STOP_SECONDS),
            (server.terminate, STOP_SECONDS), (server.kill, None)]:
        if server.poll() is not None:
            return
        stop()
        try:
            server.wait(timeout=patience)
            return
        except subprocess.TimeoutExpired:
            continue


def check_address(address: str) -> None:
    """Stop with a message, before anything starts, if the server could not listen there
    (MkDocs would print a traceback)."""
    host, _, port = address.rpartition(":")
    shown = repr(address if len(address) <= 60 else address[:57] + "...")
    host = host.strip("[]")
    if not host or not re.fullmatch(r"[0-9]{1,5}", port) or not 0 < int(port) < 65536:
        raise PapershelfError(f"--dev-addr {shown}: expected IP:PORT, such as "
                              f"127.0.0.1:8000")
    try:
        infos = socket.getaddrinfo(host, int(port), type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as probe:
            # As the server does: a port in TIME_WAIT is free to it.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(infos[0][4])
    except (socket.gaierror, UnicodeError, ValueError):
        raise PapershelfError(f"--dev-addr {shown}: not an address of this machine") from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise PapershelfError(f"--dev-addr {shown}: cannot listen there ({reason}); is "
                              f"another server running? Choose another port with "
                              f"--dev-addr") from None


def _regenerate(config_path: Path | None, config: Config, report: Callable[[str], None],
                shown: set[str]) -> tuple[Config, set[str]]:
    """Regenerate with the current configuration; on an error keep serving the last site.
    Every regeneration says how many warnings there are, and prints each new one."""
    try:
        config = load_config(config_path)
        with project_lock(config.root, report):
            summary, stats = generate(config)
    except PapershelfError as exc:
        report(f"error: {exc}")
        return config, shown
    except Exception as exc:  # noqa: BLE001 (a bug must not stop the server)
        report(f"error: unexpected {type(exc).__name__}: {exc} (please report this); the "
               f"last good site is still served")
        return config, shown
    shown = _report_warnings(summary, shown, report)
    report(f"Regenerated: {summary.papers} papers; {len(stats.written)} written, "
           f"{len(stats.removed)} removed; {_count(summary)}")
    return config, shown


def _report_warnings(summary, before: set[str], report: Callable[[str], None]) -> set[str]:
    """Print the warnings not printed by the previous run; return all of them."""
    now = [str(warning) for warning in summary.warnings]
    for line in now:
        if line not in before:
            report(line)
    return set(now)


def _count(summary) -> str:
    count = len(summary.warnings)
    return f"{count} warning{'s' if count != 1 else ''}" + (
        " (`papershelf check` lists them all)" if count else "")
