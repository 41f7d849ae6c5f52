"""Keeping the index in step with the content: signals on save, delete, publish and unpublish.

Any model declared in search.registry is indexed when saved (pages also on publish), and removed when
deleted, unpublished, or saved outside its type's queryset (a draft, a page moved under a private one). The
work runs after the transaction commits, so a rolled-back save never reaches the index.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from search import registry
from search.documents import build
from search.engine import get_backend

logger = logging.getLogger(__name__)


def reindex(instance) -> None:
    """Index `instance` as its type declares it, or remove it when it is no longer indexable."""
    search_type = registry.for_model(type(instance))
    if search_type is None or instance.pk is None:
        return
    obj = search_type.queryset().filter(pk=instance.pk).first()
    backend = get_backend()
    if obj is None:
        backend.delete(search_type.key, [str(instance.pk)])
    else:
        backend.index([build(search_type, obj)])


def _safely(action, *args) -> None:
    """The index is a copy: a failing index (Elasticsearch down) must not break the editor's save."""
    try:
        action(*args)
    except Exception:
        logger.exception("Index de recherche non mis à jour (%s%r)", action.__name__, args)


def _on_save(sender, instance, raw=False, **kwargs) -> None:
    if not raw and registry.for_model(sender) is not None:
        transaction.on_commit(lambda: _safely(reindex, instance))


def _on_delete(sender, instance, **kwargs) -> None:
    search_type = registry.for_model(sender)
    if search_type is not None:
        key, pk = search_type.key, str(instance.pk)
        transaction.on_commit(lambda: _safely(get_backend().delete, key, [pk]))


def _on_publish_change(sender, instance, **kwargs) -> None:
    _on_save(type(instance), instance)


def connect() -> None:
    post_save.connect(_on_save, dispatch_uid="search-save")
    post_delete.connect(_on_delete, dispatch_uid="search-delete")
    page_published.connect(_on_publish_change, dispatch_uid="search-publish")
    page_unpublished.connect(_on_publish_change, dispatch_uid="search-unpublish")
