"""arXiv identifiers: finding them in captured text and URLs, and what an id gives for free.

Two schemes exist (https://info.arxiv.org/help/arxiv_identifier.html):

* since April 2007, ``YYMM.NNNN`` (to December 2014) or ``YYMM.NNNNN`` (from January 2015),
  optionally followed by a version ``vN``;
* before that, ``archive[.SUBJECT]/YYMMNNN``, e.g. ``hep-th/9901001`` or ``math.GT/0309136``
  (stored as ``math/0309136``).

An id is stored without its version, so that ``2410.05434v2`` and ``2410.05434`` are one
paper. The ``YYMM`` part is the month of first submission.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

# Archives of the old scheme; a word that is not one of them before "/1234567" is not an id.
OLD_ARCHIVES = frozenset((
    "acc-phys adap-org alg-geom ao-sci astro-ph atom-ph bayes-an chao-dyn chem-ph cmp-lg "
    "comp-gas cond-mat cs dg-ga funct-an gr-qc hep-ex hep-lat hep-ph hep-th math math-ph "
    "mtrl-th nlin nucl-ex nucl-th patt-sol physics plasm-ph q-alg q-bio quant-ph solv-int "
    "supr-con"
).split())

_NEW = r"(?P<new>(?P<yy>\d\d)(?P<mm>\d\d)\.(?P<num>\d{4,5}))"
_OLD = (r"(?P<old>(?P<archive>[a-z]+(?:-[a-z]+)?)(?:\.[A-Z]{2})?/"
        r"(?P<number>(?P<oyy>\d\d)(?P<omm>\d\d)\d{3}))")
_VERSION = r"(?:v(?P<version>\d+))?"
_ID = rf"(?:{_NEW}|{_OLD}){_VERSION}"
# Where a capture names an id: an arXiv or Hugging Face paper URL, or "arXiv:<id>".
_PREFIXES = (
    r"arxiv\.org/(?:abs|pdf|html|format|ps)/",
    r"huggingface\.co/papers/",
    r"\barxiv:\s?",
)
ID_IN_TEXT = re.compile(rf"(?i:{'|'.join(_PREFIXES)}){_ID}(?![\w.]*\d)")
BARE_ID = re.compile(rf"^{_ID}$")


@dataclass(frozen=True, order=True)
class ArxivId:
    """A valid arXiv identifier without its version."""

    value: str

    @property
    def submitted(self) -> date:
        """The first day of the month of first submission (the id's ``YYMM``)."""
        return _submitted(self.value)

    @property
    def abs_url(self) -> str:
        return f"https://arxiv.org/abs/{self.value}"

    @property
    def pdf_url(self) -> str:
        return f"https://arxiv.org/pdf/{self.value}"

    @property
    def hf_url(self) -> str:
        return f"https://huggingface.co/papers/{self.value}"

    def __str__(self) -> str:
        return self.value


def _valid(match: re.Match) -> ArxivId | None:
    if match["new"]:
        yy, mm, digits = int(match["yy"]), int(match["mm"]), len(match["num"])
        # Four-digit numbers ran from 0704 to 1412, five-digit ones from 1501 on.
        if not 1 <= mm <= 12 or (yy, mm) < (7, 4) or digits != (4 if yy < 15 else 5):
            return None
        return ArxivId(match["new"])
    if match["archive"] not in OLD_ARCHIVES or not 1 <= int(match["omm"]) <= 12:
        return None
    # The old scheme ran from August 1991 to March 2007.
    yy = int(match["oyy"])
    if not (yy >= 91 or yy <= 7):
        return None
    # The subject class (``math.GT/…``) is not part of the identity: ``math/…`` is the id.
    return ArxivId(f"{match['archive']}/{match['number']}")


# Pure functions of a string, asked again for every paper each time pages sort by date
# (a paper's date falls back to its id's month): a million calls at 20,000 papers.
@functools.lru_cache(maxsize=1 << 17)
def _submitted(value: str) -> date:
    match = BARE_ID.match(value)
    yy = int(match["yy"] or match["oyy"])
    month = int(match["mm"] or match["omm"])
    century = 1900 if match["old"] and yy >= 91 else 2000
    return date(century + yy, month, 1)


@functools.lru_cache(maxsize=1 << 17)
def parse_arxiv_id(text: str) -> ArxivId | None:
    """A bare id (``2410.05434v2``, ``hep-th/9901001``) or None if ``text`` is not one."""
    match = BARE_ID.match(text.strip())
    return _valid(match) if match else None


def find_arxiv_ids(text: str) -> list[ArxivId]:
    """Every id that ``text`` names through an arXiv/Hugging Face URL or ``arXiv:``."""
    found = (_valid(match) for match in ID_IN_TEXT.finditer(text))
    return [arxiv_id for arxiv_id in found if arxiv_id is not None]


def first_arxiv_id(text: str) -> ArxivId | None:
    ids = find_arxiv_ids(text)
    return ids[0] if ids else None
