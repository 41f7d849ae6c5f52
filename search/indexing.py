"""Keeping the index in step with the content: signals on save, delete, publish and unpublish.

Any model declared in search.registry is indexed when saved (pages also on publish), and removed when
deleted, unpublished, or saved outside its type's queryset (a draft, a page moved under a private one). A
model a type depends on (`SearchType.depends_on`: a forum post for its thread, a label for its producers, a
café for its events) reindexes the objects it affects.

The work runs after the transaction commits, so a rolled-back save never reaches the index, and it is
coalesced: what a transaction touched is reindexed once, however many rows changed (a thread deleted with its
two thousand posts reindexes one thread, not two thousand times). Ids to reindex after a save are worked out
after the commit too (no query added to the request that saved); ids affected by a deletion are worked out
before the rows disappear.
"""

import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.signals import page_published, page_unpublished

from search import registry
from search.documents import build
from search.engine import get_backend, index_changed

logger = logging.getLogger(__name__)

CHUNK = 500

# Per thread (a request's transaction runs on one thread): type key → ids to reindex, and deferred
# dependencies (type key, function, instance) to resolve into ids at flush time.
_local = threading.local()


def reindex_ids(search_type: registry.SearchType, ids: Iterable) -> None:
    """Index the objects `ids` of `search_type` as declared, and remove those no longer indexable."""
    ids = list(dict.fromkeys(pk for pk in ids if pk is not None))
    backend = get_backend()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found = {obj.pk: obj for obj in search_type.queryset().filter(pk__in=chunk)}
        gone = [str(pk) for pk in chunk if pk not in found]
        if gone:
            backend.delete(search_type.key, gone)
        if found:
            backend.index([build(search_type, obj) for obj in found.values()])
    if ids:
        index_changed()


def reindex(instance) -> None:
    """Index `instance` as its type declares it, or remove it when it is no longer indexable."""
    search_type = registry.for_model(type(instance))
    if search_type is not None and instance.pk is not None:
        reindex_ids(search_type, [instance.pk])


def _pending() -> tuple[dict[str, set], list[tuple[str, Callable, Model]]]:
    if not hasattr(_local, "ids"):
        _local.ids, _local.deferred = defaultdict(set), []
    return _local.ids, _local.deferred


def _schedule(key: str, ids: Iterable = (), deferred: tuple[Callable, Model] | None = None) -> None:
    """Remember what to reindex and flush it once the transaction commits (now, outside a transaction).

    Every call registers a flush; the first one to run takes everything pending and the others find nothing.
    What a rolled-back transaction left pending is flushed with the next commit: reindexing reads the
    database, so reindexing an unchanged object only rewrites the same document."""
    pending_ids, pending_deferred = _pending()
    pending_ids[key].update(ids)
    if deferred is not None:
        pending_deferred.append((key, *deferred))
    transaction.on_commit(flush)


def flush() -> None:
    """Reindex what is pending, type by type; a failing index (Elasticsearch down) never breaks a save."""
    pending_ids, pending_deferred = _pending()
    _local.ids, _local.deferred = defaultdict(set), []
    for key, affected, instance in pending_deferred:
        try:
            pending_ids[key].update(affected(instance))
        except Exception:
            logger.exception("Index de recherche : dépendances de %r non calculées", instance)
    for key, ids in pending_ids.items():
        search_type = registry.get(key)
        if search_type is None or not ids:
            continue
        try:
            reindex_ids(search_type, ids)
        except Exception:
            logger.exception("Index de recherche non mis à jour (%s, %d objets)", key, len(ids))


def content_changed(instance: Model) -> None:
    """Reindex, after the commit, `instance` and what depends on it.

    The signals call it on every save; an app calls it itself after a write that sends no signal
    (`QuerySet.update()`, e.g. forum.services.delete_post)."""
    _on_save(type(instance), instance)


def _on_save(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    search_type = registry.for_model(sender)
    if search_type is not None and instance.pk is not None:
        _schedule(search_type.key, [instance.pk])
    for dependent, dependency in registry.dependents(sender):
        if dependency.matters(instance):
            _schedule(dependent.key, deferred=(dependency.affected, instance))


def _on_pre_delete(sender, instance, **kwargs) -> None:
    """Ids depending on `instance` are read before it (and its relations) are gone."""
    for dependent, dependency in registry.dependents(sender):
        _schedule(dependent.key, dependency.affected(instance))


def _on_delete(sender, instance, **kwargs) -> None:
    search_type = registry.for_model(sender)
    if search_type is not None:
        _schedule(search_type.key, [instance.pk])


def _on_publish_change(sender, instance, **kwargs) -> None:
    _on_save(type(instance), instance)


def connect() -> None:
    post_save.connect(_on_save, dispatch_uid="search-save")
    pre_delete.connect(_on_pre_delete, dispatch_uid="search-pre-delete")
    post_delete.connect(_on_delete, dispatch_uid="search-delete")
    page_published.connect(_on_publish_change, dispatch_uid="search-publish")
    page_unpublished.connect(_on_publish_change, dispatch_uid="search-unpublish")
