"""Time from typing a query in Material's search box to its first result, and the bytes it
costs, on a built site served under a sub-path (/papershelf/, as on GitHub Pages), in
headless Chromium; Material's lunr search or Pagefind, whichever the site has.

    .venv/bin/python -m benchmarks.search_latency SITE_DIR [--runs 3] [--throttle 1 4]
        [--query "normalizing flows" --query Rezende] [--page papers/SLUG/]
        [--pagefind-main-thread] [--check] [--json OUT]

Each run opens a fresh browser context (empty cache) on a paper page, waits for `load`,
clicks the search box and types the query (50 ms between keys); "first result" is the
moment a result for the whole query is in Material's result list (its `?h=` link carries
the query's last word). Times are measured in the page (performance.now()): from the
last keystroke, and from the click in the search box. Bytes are counted by the server
(uncompressed; the gzip column is what a compressing server such as GitHub Pages would
send, file by file). Then, in the same page, the next query is typed ("warm": runtime and
index already loaded).

--throttle 4 slows the page's main thread 4x with CDP Emulation.setCPUThrottlingRate.
Chromium applies it to pages only ("Operation is only supported for pages, not workers"):
Material's lunr worker and Pagefind's worker run unthrottled. --pagefind-main-thread makes
Pagefind fall back to the main thread (its worker fails to start), so that all of its work
is throttled: the pessimistic case.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser import CHROMIUM_ARGS  # noqa: E402

SUBPATH = "papershelf"

# In the page: timestamps of the click, the keys, and the first result for the query.
PROBE = """
(() => {
  const state = window.__probe = {keys: [], clicked: null, first: null, query: null};
  document.addEventListener("keydown", e => {
    if (e.target.matches && e.target.matches(".md-search__input")) state.keys.push(performance.now())
  }, true);
  document.addEventListener("pointerdown", e => {
    if (e.target.closest && e.target.closest(".md-search")) state.clicked = state.clicked ?? performance.now()
  }, true);
  const check = () => {
    if (state.first !== null || !state.query) return;
    const word = state.query.trim().split(/\\s+/).pop().toLowerCase();
    for (const link of document.querySelectorAll(".md-search-result__list a[href]")) {
      const h = (new URL(link.href).searchParams.get("h") || "").toLowerCase();
      if (h.split(/\\s+/).includes(word)) {
        const at = performance.now();
        requestAnimationFrame(() => { state.first = at; state.painted = performance.now();
          state.meta = document.querySelector(".md-search-result__meta").textContent.trim();
          state.title = link.querySelector("h1, h2").textContent.trim(); });
        return;
      }
    }
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true});
})();
"""

# Pagefind falls back to the main thread when its worker cannot be created.
NO_PAGEFIND_WORKER = """
(() => {
  const Native = window.Worker;
  window.Worker = function (url, options) {
    if (String(url).includes("pagefind-worker")) throw new Error("no worker (benchmark)");
    return new Native(url, options);
  };
  window.Worker.prototype = Native.prototype;
})();
"""


class Log:
    def __init__(self):
        self.lock = threading.Lock()
        self.entries: list[tuple[float, str, int, int]] = []

    def add(self, path: str, size: int, gz: int) -> None:
        with self.lock:
            self.entries.append((time.perf_counter(), path, size, gz))

    def since(self, mark: int) -> list[tuple[float, str, int, int]]:
        with self.lock:
            return self.entries[mark:]

    def mark(self) -> int:
        with self.lock:
            return len(self.entries)


@functools.lru_cache(maxsize=None)
def gzip_size(path: Path, size: int) -> int:
    if path.suffix in {".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter", ".pagefind",
                       ".gz", ".png", ".jpg", ".woff2"}:
        return size  # already compressed: served as is
    return len(gzip.compress(path.read_bytes(), 6))


def make_handler(directory: Path, log: Log):
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(directory), **kwargs)

        def log_message(self, *args):
            pass

        def copyfile(self, source, outputfile):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            size = path.stat().st_size if path.is_file() else 0
            log.add(self.path, size, gzip_size(path, size) if size else 0)
            super().copyfile(source, outputfile)
    return Handler


def summarize(entries) -> dict:
    return {"requests": len(entries), "bytes": sum(e[2] for e in entries),
            "gzip_bytes": sum(e[3] for e in entries),
            "largest": sorted(((e[2], e[1]) for e in entries), reverse=True)[:3]}


def type_query(page, query: str) -> dict:
    page.evaluate("q => { window.__probe.query = q; window.__probe.first = null;"
                  " window.__probe.keys = []; }", query)
    page.keyboard.type(query, delay=50)
    page.wait_for_function("window.__probe.first !== null && window.__probe.title !== undefined",
                           timeout=120_000, polling=20)
    probe = page.evaluate("window.__probe")
    return {"from_last_key_s": (probe["first"] - probe["keys"][-1]) / 1000,
            "from_first_key_s": (probe["first"] - probe["keys"][0]) / 1000,
            "from_click_s": (probe["first"] - probe["clicked"]) / 1000,
            "painted_from_last_key_s": (probe["painted"] - probe["keys"][-1]) / 1000,
            "meta": probe["meta"], "first_title": probe["title"]}


def one_run(browser, base: str, page_path: str, queries: list[str], throttle: float,
            log: Log, main_thread: bool) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(PROBE)
    if main_thread:
        page.add_init_script(NO_PAGEFIND_WORKER)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    if throttle != 1:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    mark = log.mark()
    start = time.perf_counter()
    page.goto(base + page_path, wait_until="load")
    load_s = time.perf_counter() - start
    time.sleep(0.5)  # requests the page makes on load (sitemap.xml, search_index.json)
    loaded = log.mark()
    page.click(".md-search__input")  # Pagefind's runtime starts loading here
    result = {"load_s": load_s, "page_load": summarize(log.since(mark)), "queries": []}
    for i, query in enumerate(queries):
        before = log.mark() if i else loaded
        if i:
            page.fill(".md-search__input", "")
            page.evaluate("window.__probe.clicked = performance.now()")
        timing = type_query(page, query)
        time.sleep(0.3)  # let late fragment requests land before counting
        timing.update(query=query, warm=bool(i), bytes=summarize(log.since(before)))
        result["queries"].append(timing)
    result["all_after_load"] = summarize(log.since(loaded))
    result["errors"] = errors
    context.close()
    return result


def check(browser, base: str, page_path: str, query: str, other: str) -> list[str]:
    """Behaviour worth keeping: results link under the sub-path, Enter, highlight,
    Escape, a deep link, and search again after an instant navigation."""
    problems = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(PROBE)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + page_path, wait_until="load")
    page.click(".md-search__input")
    type_query(page, query)
    href = page.get_attribute(".md-search-result__list a[href]", "href")
    if f"/{SUBPATH}/papers/" not in href:
        problems.append(f"result link not under /{SUBPATH}/: {href}")
    page.keyboard.press("Enter")  # Material follows the best result
    page.wait_for_url(f"**/{SUBPATH}/papers/**h=**", timeout=10_000)
    page.wait_for_timeout(500)
    if page.locator("article mark").count() == 0:
        problems.append("search.highlight: no <mark> on the page reached")
    if page.evaluate("document.getElementById('__search').checked"):
        problems.append("search still open after Enter")
    # Instant navigation happened (or not): search again in the same document.
    page.click(".md-search__input")
    type_query(page, other)
    page.keyboard.press("Escape")
    if page.evaluate("document.getElementById('__search').checked"):
        problems.append("Escape did not close search")
    page.goto(base + f"?q={query.replace(' ', '+')}", wait_until="load")
    try:
        page.wait_for_selector(".md-search-result__list li", timeout=10_000)
    except Exception:
        problems.append("?q= deep link shows no results")
    page.set_viewport_size({"width": 420, "height": 800})
    page.goto(base + page_path, wait_until="load")
    page.click("label.md-header__button[for=__search]")
    page.keyboard.type(query, delay=30)
    try:
        page.wait_for_selector(".md-search-result__list li", timeout=10_000)
        page.screenshot(path=str(Path(tempfile.gettempdir()) / "search-mobile.png"))
    except Exception:
        problems.append("mobile: no results")
    problems += [f"page error: {e}" for e in errors]
    context.close()
    return problems


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--throttle", type=float, nargs="+", default=[1, 4])
    parser.add_argument("--query", action="append")
    parser.add_argument("--page", default=None, help="page to start on, e.g. papers/SLUG/")
    parser.add_argument("--pagefind-main-thread", action="store_true")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    queries = args.query or ["normalizing flows", "Rezende"]
    site = args.site.resolve()
    engine = "pagefind" if (site / "pagefind" / "pagefind.js").exists() else "lunr"
    page_path = args.page or "papers/" + sorted(p.name for p in (site / "papers").iterdir()
                                                if p.is_dir())[0] + "/"
    from playwright.sync_api import sync_playwright

    log = Log()
    with tempfile.TemporaryDirectory() as root:
        (Path(root) / SUBPATH).symlink_to(site)
        server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(Path(root), log))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/{SUBPATH}/"
        index = site / "search" / "search_index.json"
        print(f"{engine} on {site} ({len(list((site / 'papers').glob('*/index.html'))):,} papers),"
              f" search_index.json {index.stat().st_size:,} B, page {page_path}")
        results = {"engine": engine, "site": str(site), "runs": []}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                                 args=CHROMIUM_ARGS)
            if args.check:
                problems = check(browser, base, page_path, queries[0], queries[-1])
                print("check:", "OK" if not problems else problems)
                results["check"] = problems
            for throttle in args.throttle:
                for order in range(len(queries)):
                    ordered = queries[order:] + queries[:order]
                    for _ in range(args.runs):
                        run = one_run(browser, base, page_path, ordered, throttle, log,
                                      args.pagefind_main_thread)
                        run["throttle"] = throttle
                        results["runs"].append(run)
                        q = run["queries"]
                        print(f"  x{throttle:g} load {run['load_s']:.2f}s"
                              f" ({run['page_load']['bytes']:,} B)"
                              + "".join(f" | {'warm' if t['warm'] else 'cold'} {t['query']!r}:"
                                        f" {t['from_last_key_s']:.2f}s after last key,"
                                        f" {t['from_first_key_s']:.2f}s after first key,"
                                        f" {t['bytes']['bytes']:,} B/{t['bytes']['requests']} req"
                                        f" [{t['meta']}]" for t in q)
                              + (f" ERRORS {run['errors']}" if run["errors"] else ""),
                              flush=True)
            browser.close()
        server.shutdown()
    for throttle in args.throttle:
        for query in queries:
            for warm in (False, True):
                times = [t["from_last_key_s"] for r in results["runs"] if r["throttle"] == throttle
                         for t in r["queries"] if t["query"] == query and t["warm"] == warm]
                if times:
                    print(f"x{throttle:g} {'warm' if warm else 'cold'} {query!r}: median"
                          f" {statistics.median(times):.2f}s after last key"
                          f" (min {min(times):.2f}, max {max(times):.2f}, n={len(times)})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
