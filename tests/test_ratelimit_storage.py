"""The in-process rate-limit counters: no thread per hit, and expired counters still go."""

from __future__ import annotations

import threading
import time

import limits.storage

from widget.ratelimit import SweptMemoryStorage


def test_memory_storage_starts_no_thread_per_hit_and_sweeps_inline():
    storage = limits.storage.storage_from_string("memory://")
    assert isinstance(storage, SweptMemoryStorage)
    storage.timer.join()  # limits' constructor starts one sweep of its own
    threads = threading.active_count()

    storage.incr("short", expiry=0.01)
    for _ in range(100):
        storage.incr("long", expiry=60)
    assert threading.active_count() == threads
    assert not storage.timer.is_alive()
    assert storage.get("long") == 100

    time.sleep(0.02)
    storage._next_sweep = 0  # the next hit is due to sweep
    storage.incr("long", expiry=60)
    assert "short" not in storage.storage
    assert storage.get("long") == 101
