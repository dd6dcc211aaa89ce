"""Locks (generator/locks.py): a second holder waits for the first to let go."""

from __future__ import annotations

import threading
import time

from generator.locks import exclusive_lock, try_hold


def test_a_second_holder_of_a_lock_waits_for_the_first(tmp_path):
    lock, order, held = tmp_path / "work.lock", [], threading.Event()

    def first():
        with exclusive_lock(lock):
            held.set()
            time.sleep(0.3)
            order.append("first leaves")

    thread = threading.Thread(target=first)
    thread.start()
    held.wait(5)
    with exclusive_lock(lock):  # its own open file: flock makes it wait
        order.append("second enters")
    thread.join()
    assert order == ["first leaves", "second enters"]


def test_a_held_lock_is_refused_to_a_second_holder_until_let_go(tmp_path):
    first = try_hold(tmp_path / "serve" / "lock")
    assert first is not None
    assert try_hold(tmp_path / "serve" / "lock") is None
    first.close()
    second = try_hold(tmp_path / "serve" / "lock")
    assert second is not None
    second.close()
