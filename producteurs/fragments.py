"""Parts of the directory that are the same for every viewer, kept by each process while no page changed.

The directory's filters and results depend on the query, the month, the café "livre" delivers to, and on
pages and vocabularies: every change to a page bumps reseau.page_cache's "pages version", which each request
reads anyway, and `connect_signals` makes every change to the vocabularies (and to offers written outside a
page's publication) bump it too. What no signal reports (the communes, a page published in a transaction that
another process read before its commit) is out of date for FRAGMENT_SECONDS at most.
"""

import time
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest

from reseau import page_cache

FRAGMENT_SECONDS = 120
T = TypeVar("T")


class Fragments:
    """At most `size` values by key, for the current pages version and `seconds` at most; the least recently
    used goes first when it is full. Gunicorn's workers serve one request at a time: no lock."""

    def __init__(self, size: int, seconds: int = FRAGMENT_SECONDS) -> None:
        self.size = size
        self.seconds = seconds
        self.version: int | None = None
        self.entries: dict[Hashable, tuple[float, object]] = {}

    def get(self, request: HttpRequest, key: Hashable, build: Callable[[], T]) -> T:
        """The value kept for `key`, or `build()`'s, kept for the next requests."""
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


def _bump(**kwargs) -> None:
    page_cache.bump_version()


def connect_signals() -> None:
    """Changes that a page's publication does not announce: the vocabularies (snippets), and offers, labels
    and sales modes written straight to the database."""
    from producteurs.models import Label, ProducerPage, ProducerProduct, Product, SalesMode

    for model in (Label, Product, SalesMode, ProducerProduct):
        for signal in (post_save, post_delete):
            signal.connect(
                _bump, sender=model, dispatch_uid=f"producteurs-fragments-{model.__name__}-{id(signal)}"
            )
    for through in (ProducerPage.labels.through, ProducerPage.sales_modes.through):
        m2m_changed.connect(_bump, sender=through, dispatch_uid=f"producteurs-fragments-{through.__name__}")
