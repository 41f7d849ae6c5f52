"""Keep each recipe's `RecipeFigures` in step with its tries."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from recettes.models import RecipePage, TriedReport, refresh_figures


def try_saved(sender, instance: TriedReport, **kwargs) -> None:
    refresh_figures(instance.recipe_id)


def try_deleted(sender, instance: TriedReport, **kwargs) -> None:
    # After the commit: when the recipe itself is deleted, its figures go with it and must not come back.
    transaction.on_commit(partial(_refresh_if_kept, instance.recipe_id))


def _refresh_if_kept(recipe_id: int) -> None:
    if RecipePage.objects.filter(pk=recipe_id).exists():
        refresh_figures(recipe_id)


def connect_signals() -> None:
    post_save.connect(try_saved, sender=TriedReport, dispatch_uid="recettes-figures-saved")
    post_delete.connect(try_deleted, sender=TriedReport, dispatch_uid="recettes-figures-deleted")
