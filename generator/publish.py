"""``papershelf deploy``: publish the site to GitHub Pages from this machine.

Generates, then lets ``mkdocs gh-deploy`` build the site and push it to the ``gh-pages``
branch (the Pages source "Deploy from a branch"). The GitHub Actions workflow in
``.github/workflows/pages.yml`` is the alternative that needs no local push.
"""

from __future__ import annotations

import subprocess
import sys

from .build import Stages, generate, mkdocs_environment
from .cache import RunSummary
from .config import Config
from .exceptions import BuildError
from .writer import WriteStats


def deploy_site(config: Config, strict: bool, remote: str, branch: str,
                stages: Stages | None = None) -> tuple[RunSummary, WriteStats]:
    stages = stages or Stages()
    summary, stats = generate(config, strict, stages)
    command = [sys.executable, "-m", "mkdocs", "gh-deploy", "--force", "--strict",
               "--remote-name", remote, "--remote-branch", branch,
               "--config-file", str(config.mkdocs_config)]
    with stages.stage("mkdocs gh-deploy"):
        result = subprocess.run(command, cwd=config.root, env=mkdocs_environment(),
                                check=False)
    if result.returncode != 0:
        raise BuildError(f"mkdocs gh-deploy failed (exit {result.returncode}); see its output "
                         f"above")
    return summary, stats
