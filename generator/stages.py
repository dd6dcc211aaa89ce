"""Timing the stages of a run, and announcing each as it starts (``--verbose``)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class Stages:
    """Times the stages of a run; with a reporter, announces each as it starts."""

    def __init__(self, report: Callable[[str], None] | None = None):
        self.report = report
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if self.report:
            self.report(f"{name} ...")
        start = time.perf_counter()
        yield
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start
