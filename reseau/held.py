"""What a page shows alike to every viewer, held by each process while no page changed.

`Held` keeps rendered parts (the home page's content, the producers directory's results…) for the current
pages version of reseau.page_cache, which each request reads anyway, and for `seconds` at most: what no
signal reports (a commune, an image, a page published in a transaction that another process read before its
commit) is out of date for that long at most. Previews are never read from or stored in it.
"""

import time
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.http import HttpRequest

from reseau import page_cache

HELD_SECONDS = 120
T = TypeVar("T")


class Held:
    """At most `size` values by key, for the current pages version and `seconds` at most; the least recently
    used goes first when it is full. Gunicorn's workers serve one request at a time: no lock."""

    def __init__(self, size: int, seconds: int = HELD_SECONDS) -> None:
        self.size = size
        self.seconds = seconds
        self.version: int | None = None
        self.entries: dict[Hashable, tuple[float, object]] = {}

    def get(self, request: HttpRequest, key: Hashable, build: Callable[[], T]) -> T:
        """The value held for `key`, or `build()`'s, held for the next requests (a preview's never)."""
        if getattr(request, "is_preview", False):
            return build()
        version = page_cache.frame(request).version
        if version != self.version:
            self.entries.clear()
            self.version = version
        now = time.monotonic()
        entry = self.entries.pop(key, None)
        if entry is not None and entry[0] > now:
            self.entries[key] = entry  # the most recently used last
            return entry[1]
        value = build()
        if len(self.entries) >= self.size:
            del self.entries[next(iter(self.entries))]
        self.entries[key] = (now + self.seconds, value)
        return value

    def clear(self) -> None:
        self.entries.clear()
