"""Work shared with a forked copy of the process (generator/parallel.py)."""

from __future__ import annotations

import os

import pytest

from generator import parallel, render
from generator.parallel import run_tasks

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="one core, or no fork here")


def _task(value):
    def work():
        return {"value": value, "pid": os.getpid()}
    return work


def test_tasks_are_shared_and_their_results_come_back_in_order():
    tasks = [(cost, _task(i)) for i, cost in enumerate([3, 1, 2, 2, 0.5])]
    results = run_tasks(tasks)
    assert [result["value"] for result in results] == [0, 1, 2, 3, 4]
    assert len({result["pid"] for result in results}) == 2  # two processes did the work
    assert {result["pid"] for result in results} >= {os.getpid()}


def test_what_the_copy_fails_to_do_is_done_here():
    parent = os.getpid()

    def fails_in_the_copy():
        if os.getpid() != parent:
            raise RuntimeError("only in the copy")
        return "done here"

    def dies_in_the_copy():
        if os.getpid() != parent:
            os._exit(3)
        return "done here too"

    for failing in (fails_in_the_copy, dies_in_the_copy):
        # The costliest task goes to this process, the failing one to the copy.
        results = run_tasks([(5, lambda: "first"), (1, failing)])
        assert results == ["first", failing()]


def test_a_copy_that_does_not_answer_is_stopped_and_its_share_done_here(monkeypatch):
    import time

    monkeypatch.setattr(parallel, "MIN_PATIENCE", 0.5)
    parent = os.getpid()

    def stuck_in_the_copy():
        if os.getpid() != parent:
            time.sleep(120)
        return "done here"

    start = time.monotonic()
    assert run_tasks([(5, lambda: "first"), (1, stuck_in_the_copy)]) == ["first", "done here"]
    assert time.monotonic() - start < 30


def test_without_a_copy_everything_is_done_here(monkeypatch):
    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    results = run_tasks([(1, _task(1)), (1, _task(2))])
    assert [r["value"] for r in results] == [1, 2]
    assert {r["pid"] for r in results} == {os.getpid()}


def test_an_error_here_stops_the_copy_and_is_raised():
    def fails():
        raise ValueError("here")

    with pytest.raises(ValueError, match="here"):
        run_tasks([(5, fails), (1, _task(1))])


def test_shares_are_balanced_by_cost():
    mine, theirs = parallel._shares([5, 1, 1, 1, 1, 1])
    assert mine == [0] and theirs == [1, 2, 3, 4, 5]


def test_the_rendered_site_is_the_same_in_one_process_or_two(monkeypatch):
    from generator.build import collect
    from generator.config import load_config
    from pathlib import Path

    config = load_config(Path(__file__).parent / "data" / "project" / "papershelf.yml")
    collection = collect(config)
    monkeypatch.setattr(render, "PARALLEL_FROM", 10**9)
    alone = render.render_site(collection).outputs
    monkeypatch.setattr(render, "PARALLEL_FROM", 0)
    calls = []
    monkeypatch.setattr(render, "run_tasks", lambda tasks, parallel: calls.append(parallel)
                        or run_tasks(tasks, parallel))
    shared = render.render_site(collection).outputs
    assert calls == [True]
    assert shared == alone and list(shared) == list(alone)
