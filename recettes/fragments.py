"""The recipe page's fragments, cached for every reader (members, and visitors whom the page cache does not
serve): the HTML that neither the servings asked nor the reader changes (the recipe's head with its
figures, photo and allergens; steps, "repères", producers; the tries' figures; the servings form,
ingredients and cost when no servings are asked; the tries' list, which only members see; the try form of
each member's café, after its CSRF token), with its JSON-LD data and its tries.

Building them took most of a page's work (the facts and lines queries, a few hundred template nodes, the
steps' HTML) although they change only when an editor publishes or a café records a try. Two versions in
the cache say when they are stale, as reseau.page_cache's pages version does for whole pages:

- the content version, bumped when anything shown in the fragments is saved or deleted: any page (the
  recipe, the café that shared it, its producers, the pages its steps link to), a recipe's lines, tags and
  vocabularies, the geography, images and deleted renditions, documents, sites;
- each recipe's tries version, bumped when one of its tries is saved or deleted.

Each recipe's entry keeps the versions it was built with and is ignored once they moved on; the versions and
the entry are read in one round trip. Its key holds a digest of recipe_page.html, so that a deployment
never mixes fragments cut out of another template; a change of the Python that renders inside them (tags,
models) reaches readers within `SECONDS`, or at once with the next content change. Versions are
reseau.versions': bumped at once and again after the transaction commits. The recipe's own row
is read by Wagtail's routing just before the versions: a publication committed in between (well under a
millisecond) would leave a stale copy for at most `SECONDS`.

Entries are only read and stored for a live recipe served from the database, never for a preview or a
draft (`usable`). Their fragments are the same for every reader; what depends on the request (the
servings form when servings are asked, the technical sheet's link, the login link, the CSRF token, a
rejected try as typed, the JSON-LD's absolute URLs) is rendered at each request around them; the tries'
list and the try form are rendered only for members, as before.
"""

import hashlib
from dataclasses import dataclass
from functools import cache as once

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest
from django.template.loader import get_template
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from recettes.facts import TryRow, read_from_database
from recettes.models import Allergen, Diet, Month, RecipeIngredient, RecipePage, RecipePageTag, TriedReport
from reseau.geography import Commune, Department, Region
from reseau.page_cache import Frame
from reseau.versions import bump as bump_version
from reseau.versions import read as read_version

CONTENT_VERSION_KEY = "recettes:content-version"
SECONDS = 600
# The fragment of recipe_page.html that shows the servings form and what follows from it: stored and used only
# when the request asks for no servings (?couverts=).
SERVINGS_FRAGMENT = "ingredients"
# The try form of a member's café, with the café's own try: an entry of its own per café and recipe (the
# recipe's entry would grow with every café that opens it), used only for the form as the page first shows it.
TRY_FORM_FRAGMENT = "try-form"


@once
def _template_digest() -> str:
    """The recipe page's template, in the entries' keys: a new one (a deployment) never reads fragments cut
    out of an older one."""
    source = get_template("recettes/recipe_page.html").template.source
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def _tries_version_key(recipe_id: int) -> str:
    return f"recettes:tries-version:{recipe_id}"


@dataclass
class PageFragments:
    """One request's entry for one recipe: the fragments it may use (`cached`), its JSON-LD data and tries
    (None until read from the database), and what it built, stored once the page is rendered (`save`)."""

    key: str
    versions: tuple[int, int]  # content, tries
    asked: bool  # whether the request asks for servings
    stored: dict[str, str]  # the entry's fragments, also SERVINGS_FRAGMENT
    json_ld: dict | None = None
    tries: list[TryRow] | None = None
    form_key: str | None = None  # the entry of TRY_FORM_FRAGMENT, for a member's café
    form: str | None = None
    _changed: bool = False
    _form_changed: bool = False

    @property
    def cached(self) -> dict[str, str]:
        """The fragments this request may use."""
        cached = self.stored
        if self.asked:
            cached = {name: html for name, html in cached.items() if name != SERVINGS_FRAGMENT}
        return cached if self.form is None else {**cached, TRY_FORM_FRAGMENT: self.form}

    def built(self, json_ld: dict, tries: list[TryRow]) -> None:
        """The recipe's data as read from the database, to store with the fragments."""
        self.json_ld, self.tries, self._changed = json_ld, tries, True

    def rendered(self, name: str, html: str) -> None:
        """Called by the `fragment` tag for a fragment it had to render."""
        if name == TRY_FORM_FRAGMENT:
            if self.form_key is not None:
                self.form, self._form_changed = html, True
        elif not (self.asked and name == SERVINGS_FRAGMENT):
            self.stored[name] = html
            self._changed = True

    def forget_form(self) -> None:
        """The try form shown is not the page's own (a rejected try, as typed): neither read nor stored."""
        self.form_key, self.form, self._form_changed = None, None, False

    def save(self, response=None) -> None:
        """Store what this request built (a TemplateResponse's post-render callback)."""
        entries = {}
        if self._changed:
            entries[self.key] = (self.versions, self.stored, self.json_ld, self.tries)
        if self._form_changed:
            entries[self.form_key] = (self.versions, self.form)
        for key, entry in entries.items():  # cheaper than set_many's pipeline for one or two keys
            cache.set(key, entry, SECONDS)
        self._changed = self._form_changed = False


def usable(page: RecipePage, request: HttpRequest) -> bool:
    """Fragments are for live recipes read from the database, never for a preview or a draft."""
    return page.live and not getattr(request, "is_preview", False) and read_from_database(page)


def read(page: RecipePage, frame: Frame, asked: bool, cafe_id: int | None) -> PageFragments:
    """The recipe's entry for the site of `frame` (its links are the site's), and the try form of the
    member's café `cafe_id` (if any), in one round trip."""
    key = f"recettes:fragments:{_template_digest()}:{frame.site.pk if frame.site else None}:{page.pk}"
    form_key = None if cafe_id is None else f"{key}:try-form:{cafe_id}"
    tries_version_key = _tries_version_key(page.pk)
    found = cache.get_many([CONTENT_VERSION_KEY, tries_version_key, key, *([form_key] if form_key else [])])
    versions = (read_version(CONTENT_VERSION_KEY, found), read_version(tries_version_key, found))
    fragments = PageFragments(key, versions, asked, {}, form_key=form_key)
    entry = found.get(key)
    if entry is not None and entry[0] == versions:
        fragments.stored, fragments.json_ld, fragments.tries = entry[1:]
    form = found.get(form_key)
    if form is not None and form[0] == versions:
        fragments.form = form[1]
    return fragments


def content_changed(sender, **kwargs) -> None:
    """Receiver of the signals after which a fragment may show something out of date."""
    bump_version(CONTENT_VERSION_KEY)


def tries_changed(sender, instance: TriedReport, **kwargs) -> None:
    bump_version(_tries_version_key(instance.recipe_id))


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
        get_document_model(),
    ]
    for model in shown:
        for signal in (post_save, post_delete):
            uid = f"recettes-fragments-{model._meta.label}"
            signal.connect(content_changed, sender=model, dispatch_uid=uid)
    # A new rendition changes no fragment (it is made while one is rendered); a deleted one leaves a link to
    # a missing file.
    rendition = image.get_rendition_model()
    post_delete.connect(
        content_changed, sender=rendition, dispatch_uid=f"recettes-fragments-{rendition._meta.label}"
    )
    for relation in ("months", "diets", "allergens", "producers"):
        through = getattr(RecipePage, relation).through
        m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"recettes-fragments-{relation}")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"recettes-fragments-{id(signal)}")
    for signal in (post_save, post_delete):
        signal.connect(tries_changed, sender=TriedReport, dispatch_uid=f"recettes-tries-{id(signal)}")
