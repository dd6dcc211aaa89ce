"""What a run can skip: results keyed by the content they were computed from.

Five caches, in ``.papershelf/`` at the project root (safe to delete at any time):

* ``run.json``: a digest of every input (listings, notes, taxonomy, configuration and the
  generator's own version) with the summary of the run that produced the current outputs.
  When nothing changed and no output was touched, a run writes nothing and renders nothing.
* ``related.json``: related papers, keyed by a digest of every title and abstract and the
  settings; notes and topics do not change them.
* ``topics.json``: each paper's topics, keyed by the taxonomy and the paper's own text.
* ``embeddings.json``: each paper's sentence vector, keyed by its own text and the model
  (``generator.embeddings``), so that new papers are the only ones embedded.
* ``listings.json``: each capture as read, keyed by its bytes, name and path
  (``generator.listing_cache``), so that new and changed captures are the only ones read.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from . import __version__
from .model import Diagnostic, Level

# Bump when the meaning of cached data changes; old caches are then ignored.
CACHE_FORMAT = 1


@lru_cache(maxsize=1)
def code_version() -> str:
    """The generator's own source and the versions of the libraries whose results are
    cached: a change to either makes every cached result stale."""
    from importlib.metadata import PackageNotFoundError, version

    source = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        source.update(path.relative_to(package).as_posix().encode() + b"\x00"
                      + path.read_bytes())
    libraries = []
    for name in ("python-slugify", "scikit-learn", "sparse-dot-topn", "numpy", "scipy",
                 "PyYAML", "wordllama", "tokenizers"):
        try:
            libraries.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            libraries.append(f"{name}: not installed")
    return f"{source.hexdigest()} {' '.join(libraries)}"


def digest(*parts) -> str:
    """A stable digest of JSON-serialisable parts, and of the code that computes them."""
    data = json.dumps([CACHE_FORMAT, __version__, code_version(), *parts], ensure_ascii=False,
                      default=str, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def text_key(title: str, abstract: str | None) -> str:
    return hashlib.sha1(f"{title}\x00{abstract or ''}".encode("utf-8")).hexdigest()


@dataclass
class RunSummary:
    """What the end-of-run report needs, whether the run was computed or cached."""

    listings: int
    entries: int
    papers: int
    merged: int
    skipped: int
    warnings: list[Diagnostic] = field(default_factory=list)
    notices: int = 0

    def to_json(self) -> dict:
        data = asdict(self)
        data["warnings"] = [[d.level.value, d.path, d.line, d.message, d.code]
                            for d in self.warnings]
        return data

    @classmethod
    def from_json(cls, data: dict) -> "RunSummary":
        warnings = [Diagnostic(Level(level), path, line, message, code)
                    for level, path, line, message, code in data.pop("warnings")]
        return cls(warnings=warnings, **data)
