"""The built HTML, checked by the Nu validator and, in Chromium, by axe-core."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.browser import serve
from tests.conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Material's own header form puts `autocomplete` on checkbox inputs; only that is ignored.
VNU_FILTER = r".*autocomplete.*"


def tool_or_skip(path, *needs):
    missing = not path.is_file() or any(shutil.which(tool) is None for tool in needs)
    if missing:
        if os.environ.get("PAPERSHELF_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{path.name} is required: run `npm install` (and install java)")
        pytest.skip(f"{path.name} not installed (npm install)")


@pytest.mark.parametrize("which", ["built_site", "hostile_site", "shelf_site"])
def test_html_passes_the_nu_validator(request, which):
    tool_or_skip(VNU, "java")
    site = request.getfixturevalue(which) / "site"
    result = subprocess.run(["java", "-jar", str(VNU), "--skip-non-html", "--errors-only",
                             "--filterpattern", VNU_FILTER, str(site)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[:5000]


PAGES = ["", "topics/", "topics/scaling-laws/", "dates/", "dates/2025/", "dates/listed/",
         "listings/", "listings/000_b0c19a2a7d9c138d/", "status/", "status/read/", "tags/",
         "about/", "papers/stable-resnet/",
         "papers/the-monge-gap-a-regularizer-to-learn-all-transport-maps/"]


# The curated site with arXiv ids: badges, typeset math, the filter, the reading queue.
SHELF_PAGES = ["", "topics/uncategorised/", "dates/2026/", "status/to-read/",
               "papers/the-double-edged-sword-of-short-selling-bans/",
               "papers/filtering-without-recursion-and-some-of-its-uses-in-financial-economics/"]


@pytest.mark.parametrize("which, pages", [("built_site", PAGES), ("shelf_site", SHELF_PAGES)])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_pass_axe_core(request, browser, scheme, which, pages):
    tool_or_skip(AXE)
    failures = []
    with serve(request.getfixturevalue(which) / "site") as base:
        page = browser.new_page(color_scheme=scheme)
        for url in pages:
            page.goto(base + url)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})")
            failures += [(url, v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                         for v in result["violations"] if v["impact"] in ("serious", "critical")]
        page.close()
    assert failures == []
