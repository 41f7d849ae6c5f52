"""Version numbers kept in the cache (Redis in production, so every process sees them): a cached copy keeps
the version it was built under and is ignored once the version moved on.

A version starts from the clock when it is missing (evicted, or never set), so that a copy built under a
restarted count never matches. `bump` moves it on at once, for the rest of the current transaction and the
readers of a test's, and again once the transaction commits: a process that read the database before the
commit may have stored what it read under the first bump.
"""

import time
from functools import partial

from django.core.cache import cache
from django.db import transaction


def read(key: str, found: dict | None = None) -> int:
    """The current version under `key`; `found`: the cache's answer if already read with other keys."""
    version = found.get(key) if found is not None else cache.get(key)
    if version is None:
        cache.add(key, time.time_ns(), timeout=None)
        version = cache.get(key)
    return version


def _increment(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # no version yet: nothing cached under it can be stale
        pass


def bump(key: str) -> None:
    _increment(key)
    transaction.on_commit(partial(_increment, key))
