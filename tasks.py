#!/usr/bin/env python3
"""Project tasks with nothing but Python 3.11+: a private virtual environment, then the work.

    python3 tasks.py build   # set up .venv, generate from seeds/ and build the site into site/
    python3 tasks.py test    # set up .venv, run the whole test suite (extra args go to pytest)
    python3 tasks.py check   # set up .venv, check the reading list's own content (strict)

The test suite tests the tool on its own fixtures (tests/data/project/); `check` is the
one task that looks at this repository's seeds/, notes/, taxonomy.yml and papershelf.yml.

The environment is (re)installed only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".papershelf-installed"


def ensure_environment() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"Papershelf needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.is_file() and STAMP.read_text() == wanted:
        return
    steps = 3 if not (BIN / "python").exists() else 2
    step = 0
    if not (BIN / "python").exists():
        step += 1
        say(f"[{step}/{steps}] Creating a virtual environment in {VENV.name}/")
        venv.EnvBuilder(with_pip=True).create(VENV)
    step += 1
    say(f"[{step}/{steps}] Updating pip")
    run(BIN / "python", "-m", "pip", "install", "--upgrade", "pip")
    step += 1
    say(f"[{step}/{steps}] Installing Papershelf and its dependencies (MkDocs, Material, "
        f"scikit-learn, Playwright's Python API; about a minute the first time)")
    run(BIN / "python", "-m", "pip", "install", "-e", f"{ROOT}[test]")
    STAMP.write_text(wanted)
    say("Environment ready")


def say(line: str) -> None:
    print(f"==> {line}", flush=True)


def run(*command) -> None:
    result = subprocess.run([str(part) for part in command], cwd=ROOT, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def main(argv: list[str]) -> None:
    task, rest = (argv[0], argv[1:]) if argv else ("", [])
    if task not in ("build", "test", "check"):
        sys.exit(__doc__)
    ensure_environment()
    if task == "build":
        say("Building the site from seeds/ (papershelf build)")
        run(BIN / "papershelf", "build", "--verbose", *rest)
        print(f"Site built in {ROOT / 'site'}/ (serve it: .venv/bin/python -m http.server "
              f"-d site)")
    elif task == "check":
        run(BIN / "papershelf", "check", "--strict", *rest)
    else:
        run(BIN / "python", "-m", "pytest", *rest)


if __name__ == "__main__":
    main(sys.argv[1:])
