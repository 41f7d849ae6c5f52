"""Keep each recipe's `RecipeFigures` in step with its tries, and its `listed_at` with its page row."""

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page

from recettes.models import RecipePage, TriedReport, refresh_figures, refresh_listing

LISTING_FIELDS = frozenset({"live", "first_published_at"})


def try_saved(sender, instance: TriedReport, **kwargs) -> None:
    refresh_figures(instance.recipe_id)


def try_deleted(sender, instance: TriedReport, **kwargs) -> None:
    # After the commit: when the recipe itself is deleted, its figures go with it and must not come back.
    transaction.on_commit(partial(_refresh_if_kept, instance.recipe_id))


def _refresh_if_kept(recipe_id: int) -> None:
    if RecipePage.objects.filter(pk=recipe_id).exists():
        refresh_figures(recipe_id)


def page_saved(sender, instance: Page, update_fields=None, **kwargs) -> None:
    """Any save of a recipe's page row, also through a plain `Page` (Wagtail unpublishes with one)."""
    if update_fields is not None and not LISTING_FIELDS.intersection(update_fields):
        return
    if instance.content_type_id == ContentType.objects.get_for_model(RecipePage).pk:
        listed_at = refresh_listing(instance.pk)
        if isinstance(instance, RecipePage):  # its next save writes the value back
            instance.listed_at = listed_at


def connect_signals() -> None:
    post_save.connect(page_saved, sender=RecipePage, dispatch_uid="recettes-listing-recipe-saved")
    post_save.connect(page_saved, sender=Page, dispatch_uid="recettes-listing-page-saved")
    post_save.connect(try_saved, sender=TriedReport, dispatch_uid="recettes-figures-saved")
    post_delete.connect(try_deleted, sender=TriedReport, dispatch_uid="recettes-figures-deleted")
