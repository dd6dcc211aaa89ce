"""Serving a built site over HTTP and driving headless Chromium, for the browser tests."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


class _QuietHandler(SimpleHTTPRequestHandler):
    not_found_page: Path | None = None

    def log_message(self, *args) -> None:
        pass

    def send_error(self, code, message=None, explain=None):
        # Like GitHub Pages: a missing path gets the site's own 404.html, status 404.
        if code == 404 and self.not_found_page and self.not_found_page.is_file():
            body = self.not_found_page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@contextmanager
def serve(root: Path, not_found_page: Path | None = None):
    """Serve ``root`` on a free loopback port; yields the base URL."""
    handler = type("Handler", (_QuietHandler,), {"not_found_page": not_found_page})
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        thread.join()


def chromium_or_skip():
    """Chromium's path; skip when absent, unless CI demands the browser tests run."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        import playwright  # noqa: F401
    except ImportError:
        path = None
    if path is None:
        if os.environ.get("PAPERSHELF_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium and Playwright are required (PAPERSHELF_REQUIRE_BROWSER=1)")
        pytest.skip("Chromium or Playwright not installed")
    return path


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (the system's), one per test module."""
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def copy_bibtex(page, origin: str) -> str:
    """Click a paper page's BibTeX copy button (Material 9.8's, feature content.code.copy;
    it shows on hover) and return what reached the clipboard."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                   origin=origin.rstrip("/"))
    button = page.locator(".ps-cite .md-code__button[data-md-type=copy]")
    button.wait_for(state="attached", timeout=10000)
    page.locator(".ps-cite pre").hover()
    button.click()
    return page.evaluate("navigator.clipboard.readText()")
