"""The recipe page's fragments, cached for every reader (members, and visitors whom the page cache does not
serve): the HTML that neither the servings asked nor the reader changes (the recipe's head with its
figures, photo and allergens; steps, "repères", producers; the tries' figures; the ingredients and cost at
the recipe's own servings; the tries' list, which only members see), with its JSON-LD data and its tries.

Building them took most of a page's work (the facts and lines queries, a few hundred template nodes, the
steps' HTML) although they change only when an editor publishes or a café records a try. Two versions in
the cache say when they are stale, as reseau.page_cache's pages version does for whole pages:

- the content version, bumped when anything shown in the fragments is saved or deleted: any page (the
  recipe, the café that shared it, its producers, the pages its steps link to), a recipe's lines, tags and
  vocabularies, the geography, images and their renditions, documents, sites;
- each recipe's tries version, bumped when one of its tries is saved or deleted.

Each recipe's entry keeps the versions it was built with and is ignored once they moved on; the versions and
the entry are read in one round trip. A version is bumped at once (a reader must not keep an older copy
within a test's transaction) and again after the transaction commits (a reader that read the database
before the commit must not keep its copy). The recipe's own row is read by Wagtail's routing just before
the versions: a publication committed in between (well under a millisecond) would leave a stale copy for
at most `SECONDS`.

Entries are only read and stored for a live recipe served from the database, never for a preview or a
draft (`usable`). Their fragments are the same for every reader; what depends on the request (the
servings form, the technical sheet's link, the login link, the try form, the JSON-LD's absolute URLs) is
rendered at each request around them, and the tries' list is rendered only for members, as before.
"""

import time
from dataclasses import dataclass
from functools import partial

from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from recettes.facts import TryRow
from recettes.models import Allergen, Diet, Month, RecipeIngredient, RecipePage, RecipePageTag, TriedReport
from reseau.geography import Commune, Department, Region
from reseau.page_cache import Frame

CONTENT_VERSION_KEY = "recettes:content-version"
SECONDS = 600
# The fragment of recipe_page.html that shows the servings: stored and used at the recipe's own servings only.
SERVINGS_FRAGMENT = "ingredients"


def _tries_version_key(recipe_id: int) -> str:
    return f"recettes:tries-version:{recipe_id}"


def _version(key: str, found: dict) -> int:
    version = found.get(key)
    if version is None:
        # Evicted or never set: start from the clock, so an old entry never matches a restarted count.
        cache.add(key, time.time_ns(), timeout=None)
        version = cache.get(key)
    return version


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # no version yet: nothing cached can be stale
        pass


def _bump_now_and_after_commit(key: str) -> None:
    _bump(key)
    transaction.on_commit(partial(_bump, key))


@dataclass
class PageFragments:
    """One request's entry for one recipe: the fragments it may use (`cached`), its JSON-LD data and tries
    (None until read from the database), and what it built, stored once the page is rendered (`save`)."""

    key: str
    versions: tuple[int, int]  # content, tries
    scaled: bool
    stored: dict[str, str]  # the entry's fragments, also the one at the recipe's own servings
    json_ld: dict | None = None
    tries: list[TryRow] | None = None
    _changed: bool = False

    @property
    def cached(self) -> dict[str, str]:
        """The fragments this request may use."""
        if self.scaled:
            return {name: html for name, html in self.stored.items() if name != SERVINGS_FRAGMENT}
        return self.stored

    def built(self, json_ld: dict, tries: list[TryRow]) -> None:
        """The recipe's data as read from the database, to store with the fragments."""
        self.json_ld, self.tries, self._changed = json_ld, tries, True

    def rendered(self, name: str, html: str) -> None:
        """Called by the `fragment` tag for a fragment it had to render."""
        if not (self.scaled and name == SERVINGS_FRAGMENT):
            self.stored[name] = html
            self._changed = True

    def save(self, response=None) -> None:
        """Store what this request built (a TemplateResponse's post-render callback)."""
        if self._changed:
            cache.set(self.key, (self.versions, self.stored, self.json_ld, self.tries), SECONDS)
            self._changed = False


def usable(page: RecipePage, request: HttpRequest) -> bool:
    """Fragments are for live recipes read from the database, never for a preview or a draft."""
    return (
        page.pk is not None
        and page.live
        and not getattr(request, "is_preview", False)
        and isinstance(page.months.all(), models.QuerySet)
    )


def read(page: RecipePage, frame: Frame, scaled: bool) -> PageFragments:
    """The recipe's entry for the site of `frame` (its links are the site's), in one round trip."""
    key = f"recettes:fragments:{frame.site.pk if frame.site else None}:{page.pk}"
    tries_version_key = _tries_version_key(page.pk)
    found = cache.get_many([CONTENT_VERSION_KEY, tries_version_key, key])
    versions = (_version(CONTENT_VERSION_KEY, found), _version(tries_version_key, found))
    entry = found.get(key)
    if entry is None or entry[0] != versions:
        return PageFragments(key, versions, scaled, {})
    return PageFragments(key, versions, scaled, *entry[1:])


def content_changed(sender, **kwargs) -> None:
    """Receiver of the signals after which a fragment may show something out of date."""
    _bump_now_and_after_commit(CONTENT_VERSION_KEY)


def tries_changed(sender, instance: TriedReport, **kwargs) -> None:
    _bump_now_and_after_commit(_tries_version_key(instance.recipe_id))


def connect_signals() -> None:
    image = get_image_model()
    shown = [
        *get_page_models(),
        Site,
        RecipeIngredient,
        RecipePageTag,
        Tag,
        Month,
        Diet,
        Allergen,
        Region,
        Department,
        Commune,
        image,
        image.get_rendition_model(),
        get_document_model(),
    ]
    for model in shown:
        for signal in (post_save, post_delete):
            uid = f"recettes-fragments-{model._meta.label}"
            signal.connect(content_changed, sender=model, dispatch_uid=uid)
    for relation in ("months", "diets", "allergens", "producers"):
        through = getattr(RecipePage, relation).through
        m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"recettes-fragments-{relation}")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"recettes-fragments-{id(signal)}")
    for signal in (post_save, post_delete):
        signal.connect(tries_changed, sender=TriedReport, dispatch_uid=f"recettes-tries-{id(signal)}")
