"""Recipes that the network's cafés share, scale, cost and try.

A `RecipePage` lives under the one `RecipeIndexPage` (/recettes/). Its ingredient lines
(`RecipeIngredient`) are structured (quantity, unit, name, note, cost) so that the page can scale them
server-side and cost a batch;
each line points, when it can, to the `Ingredient` vocabulary, which knows the EU allergens
(`Allergen`, regulation 1169/2011) and so proposes the recipe's allergens, which the author confirms.
`Month`, `Diet` and `Allergen` are small vocabularies (snippets). What members write about a recipe after
cooking it is a plain model, `TriedReport` ("testée dans mon café"), one per café and recipe.

Visibility (public or members only) comes from reseau.models.RestrictedPageMixin; lists ask reseau.access.
The local producers a recipe uses are `recipe.producers` (producteurs' pages); a producer's page lists the
recipes that use it through reseau's page-sections hook (recettes/wagtail_hooks.py).
"""

import re
import unicodedata
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Count, OuterRef, Subquery
from django.db.models.functions import Coalesce, Now
from django.forms import CheckboxSelectMultiple
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable, Page
from wagtail.rich_text import expand_db_html
from wagtail.search import index

from recettes.quantities import Amount, Unit, scale_amount, scale_cost
from reseau import access
from reseau.compiled import CompiledQuery, model_columns
from reseau.image_rows import image_columns, images
from reseau.models import CafePage, RestrictedPageMixin, SlugRoutedMixin
from reseau.page_cache import FramedPageMixin

# Slugs taken by recettes/urls.py under /recettes/ (Django routes come before Wagtail's pages).
RESERVED_SLUGS = {"partager", "mes-recettes"}


def ingredient_key(text: str) -> str:
    """How an ingredient name is compared with the vocabulary: lower case, no accents, no plural "s"/"x"."""
    text = unicodedata.normalize("NFD", text.lower().replace("œ", "oe").replace("æ", "ae"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = re.findall(r"[a-z0-9]+", text.replace("'", " "))
    return " ".join(w[:-1] if len(w) > 3 and w[-1] in "sx" else w for w in words)


class Allergen(models.Model):
    """One of the 14 allergens that EU regulation 1169/2011 (annex II) requires food businesses to declare."""

    code = models.SlugField("code", unique=True)
    name = models.CharField("nom", max_length=60)
    detail = models.CharField("précision", max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = "allergène"

    def __str__(self) -> str:
        return self.name


class Diet(models.Model):
    """A diet a recipe suits (végétarien, vegan, sans gluten…), with its schema.org name when there is one."""

    slug = models.SlugField("code", unique=True)
    name = models.CharField("nom", max_length=60)
    schema_org = models.CharField("équivalent schema.org", max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "régime"

    def __str__(self) -> str:
        return self.name


class Month(models.Model):
    """A month of the year, for the seasons a recipe belongs to ("de saison en ce moment")."""

    number = models.PositiveSmallIntegerField(
        "numéro", primary_key=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    name = models.CharField("nom", max_length=20)

    class Meta:
        ordering = ["number"]
        verbose_name = "mois"
        verbose_name_plural = "mois"

    def __str__(self) -> str:
        return self.name


class Ingredient(ClusterableModel):
    """The ingredient vocabulary: names (and other spellings) and the allergens each ingredient carries.

    Recipe lines are matched to it by `match()`, which is how a recipe's allergens are derived.
    """

    name = models.CharField("nom", max_length=80, unique=True)
    aliases = models.TextField(
        "autres noms",
        blank=True,
        help_text="Séparés par des virgules (ex. : crème fraîche, crème).",
    )
    allergens = ParentalManyToManyField(
        Allergen, blank=True, related_name="ingredients", verbose_name="allergènes"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("aliases"),
        FieldPanel("allergens", widget=CheckboxSelectMultiple),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "ingrédient (vocabulaire)"
        verbose_name_plural = "ingrédients (vocabulaire)"

    def __str__(self) -> str:
        return self.name

    def keys(self) -> list[str]:
        return [ingredient_key(n) for n in [self.name, *self.aliases.split(",")] if n.strip()]


class IngredientMatcher:
    """Finds the vocabulary entry meant by a typed ingredient name: the longest known name found in it.

    "farine de riz" matches "farine de riz" (no gluten) before "farine" (gluten);
    "beurre doux" matches "beurre".
    Built once per request or save (two queries), then used for every line.
    """

    def __init__(self, ingredients=None):
        if ingredients is None:
            ingredients = Ingredient.objects.prefetch_related("allergens")
        self.by_key: dict[str, Ingredient] = {}
        for ingredient in ingredients:
            for key in ingredient.keys():
                self.by_key.setdefault(key, ingredient)
        self.longest_first = sorted(self.by_key, key=len, reverse=True)

    def match(self, name: str) -> Ingredient | None:
        text = f" {ingredient_key(name)} "
        for key in self.longest_first:
            if f" {key} " in text:
                return self.by_key[key]
        return None

    def allergens_for(self, names: list[str]) -> dict[Allergen, list[str]]:
        """For each allergen found, the typed names that carry it (for the author to confirm)."""
        found: dict[Allergen, list[str]] = {}
        for name in names:
            ingredient = self.match(name)
            if ingredient is not None:
                for allergen in ingredient.allergens.all():
                    found.setdefault(allergen, []).append(name)
        return dict(sorted(found.items(), key=lambda item: item[0].sort_order))


class RecipeIndexPage(SlugRoutedMixin, FramedPageMixin, Page):
    """/recettes/: the network's recipes, filtered, sorted and paginated (see recettes.listing)."""

    intro = models.TextField("introduction", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["reseau.HomePage"]
    subpage_types = ["recettes.RecipePage"]
    max_count = 1

    class Meta:
        verbose_name = "liste des recettes"

    def children_named(self, slug: str) -> list["RecipePage"]:
        """The recipes of this slug one level below, each with its photo, by a query compiled once per
        process: building and compiling the ORM's query for a recipe's wide row cost more than rendering half
        the page. The photo's renditions are read only when the page's fragments are built
        (recettes.fragments); the café's name and link come with the page's other facts (recettes.facts)."""
        columns = model_columns(RecipePage)
        rows = RECIPES_NAMED.rows(self.depth + 1, slug)
        recipes = []
        for row, photo in zip(rows, images(rows, start=len(columns), renditions=False), strict=True):
            recipe = RecipePage.from_db("default", columns, row[: len(columns)])
            RecipePage.photo.field.set_cached_value(recipe, photo)
            recipes.append(recipe)
        return recipes

    def get_context(self, request, *args, **kwargs):
        from recettes.listing import recipe_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(recipe_listing(request))
        return context


def _recipes_named(depth: int, slug: str) -> models.QuerySet:
    """`depth` is the shape: out of a positive field's range, a stand-in would compile to no rows at all."""
    recipes = RecipePage.objects.filter(slug=slug, depth=depth).order_by()
    return recipes.values_list(*model_columns(RecipePage), *image_columns("photo"))


RECIPES_NAMED = CompiledQuery(_recipes_named)


class RecipePageTag(TaggedItemBase):
    content_object = ParentalKey("recettes.RecipePage", related_name="tagged_items", on_delete=models.CASCADE)


class StepBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(label="étape", features=["bold", "italic", "ol", "ul"])
    photo = ImageChooserBlock(required=False, label="photo (facultative)")

    class Meta:
        icon = "list-ol"
        label = "étape"


class RecipePage(RestrictedPageMixin, RoutablePageMixin, FramedPageMixin, Page):
    """A recipe that worked in a café, shared so that another café can cook it, at its own scale and cost."""

    class Course(models.TextChoices):
        STARTER = "entree", "entrée"
        MAIN = "plat", "plat"
        DESSERT = "dessert", "dessert"
        DRINK = "boisson", "boisson"
        SNACK = "snacking", "snacking"

    class Difficulty(models.TextChoices):
        EASY = "facile", "facile"
        MEDIUM = "moyenne", "moyenne"
        HARD = "difficile", "difficile"

    description = models.TextField("description courte", max_length=600)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cafe = models.ForeignKey(
        CafePage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recipes",
        verbose_name="café",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recipes",
        verbose_name="partagée par",
    )
    servings = models.PositiveSmallIntegerField(
        "portions", default=4, validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    prep_minutes = models.PositiveSmallIntegerField("préparation (min)", default=0)
    cook_minutes = models.PositiveSmallIntegerField("cuisson (min)", default=0)
    rest_minutes = models.PositiveSmallIntegerField("repos (min)", default=0)
    total_minutes = models.PositiveIntegerField("durée totale (min)", default=0, editable=False)
    difficulty = models.CharField("difficulté", max_length=10, choices=Difficulty.choices, default="facile")
    course = models.CharField("type de plat", max_length=10, choices=Course.choices, default="plat")
    steps = StreamField([("step", StepBlock())], verbose_name="étapes", blank=True)
    equipment = models.TextField("matériel", blank=True, help_text="Un ustensile par ligne.")
    months = ParentalManyToManyField(Month, blank=True, related_name="recipes", verbose_name="saison (mois)")
    diets = ParentalManyToManyField(Diet, blank=True, related_name="recipes", verbose_name="régimes")
    allergens = ParentalManyToManyField(
        Allergen, blank=True, related_name="recipes", verbose_name="allergènes (confirmés par l'auteur)"
    )
    tags = ClusterTaggableManager(through=RecipePageTag, blank=True, verbose_name="mots-clés")
    producers = ParentalManyToManyField(
        "producteurs.ProducerPage",
        blank=True,
        related_name="recipes",
        verbose_name="producteurs locaux utilisés",
    )
    cost_per_portion = models.DecimalField(
        "coût matière par portion (€)", max_digits=8, decimal_places=2, null=True, editable=False
    )
    # The index lists and sorts on this table alone (no join with wagtailcore_page, whose sort cost more than
    # the rest of the page): when the recipe went live, kept by `refresh_listing` on every page save that can
    # change it; NULL while it is not live.
    listed_at = models.DateTimeField("en ligne depuis", null=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        FieldPanel("photo"),
        MultiFieldPanel(
            [FieldPanel("cafe"), FieldPanel("author"), FieldPanel("course"), FieldPanel("difficulty")],
            heading="Origine et type",
        ),
        MultiFieldPanel(
            [
                FieldPanel("servings"),
                FieldPanel("prep_minutes"),
                FieldPanel("cook_minutes"),
                FieldPanel("rest_minutes"),
            ],
            heading="Portions et temps",
        ),
        InlinePanel("ingredients", label="ingrédients"),
        FieldPanel("steps"),
        FieldPanel("equipment"),
        InlinePanel("gallery", label="autres photos"),
        FieldPanel("months", widget=CheckboxSelectMultiple),
        FieldPanel("diets", widget=CheckboxSelectMultiple),
        FieldPanel("allergens", widget=CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldPanel("producers"),
    ]
    settings_panels = [FieldPanel("visibility"), *Page.settings_panels]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("steps"),
        index.RelatedFields("ingredients", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("visibility"),
        index.FilterField("course"),
        index.FilterField("cafe"),
    ]
    parent_page_types = ["recettes.RecipeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "recette"
        # The index counts, filters and pages through listed recipes on these narrow indexes, newest first,
        # not on the wide rows: a visitor's (public recipes) and a member's (all).
        indexes = [
            models.Index(
                fields=["visibility", "listed_at", "page_ptr", "course", "total_minutes", "cost_per_portion"],
                name="recipe_listing_visibility",
            ),
            models.Index(
                fields=["listed_at", "page_ptr", "visibility", "course", "total_minutes", "cost_per_portion"],
                name="recipe_listing",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": f"L'adresse « {self.slug} » est réservée : choisissez-en une autre."}
            )

    def save(self, *args, **kwargs):
        """Keeps the figures that lists filter and sort on in step with the lines (also in revisions)."""
        self.total_minutes = self.prep_minutes + self.cook_minutes + self.rest_minutes
        costs = [line.cost for line in self.ingredients.all() if line.cost is not None]
        self.cost_per_portion = (
            (sum(costs, Decimal(0)) / self.servings).quantize(Decimal("0.01"))
            if costs and self.servings
            else None
        )
        return super().save(*args, **kwargs)

    @cached_property
    def lines(self) -> list["RecipeIngredient"]:
        """The ingredient lines, fetched once per request (scaling, cost, JSON-LD all read them); a draft
        restored from its revision holds them in memory."""
        ingredients = self.ingredients.all()
        if not isinstance(ingredients, models.QuerySet):
            return list(ingredients)
        rows = INGREDIENTS.rows(None, self.pk)
        return [RecipeIngredient.from_db(ingredients.db, INGREDIENT_COLUMNS, row) for row in rows]

    @cached_property
    def rendered_steps(self) -> list[tuple[str, object]]:
        """Each step's HTML and photo, rendered once per request (the page and its JSON-LD both show them).

        Read from the stream's raw data: building each step's block values (a StructValue, a RichText, the
        photo chooser's lookup) cost more than the rest of the recipe's content."""
        steps = [step["value"] for step in self.steps.raw_data]
        photo_ids = [step["photo"] for step in steps if step.get("photo")]
        photos = get_image_model().objects.in_bulk(photo_ids) if photo_ids else {}
        # What RichText renders, without its template of one `{{ html|safe }}`: the editor's HTML, with
        # Wagtail's links and embeds expanded, is safe as Wagtail itself marks it.
        html = [mark_safe(expand_db_html(step.get("text") or "")) for step in steps]  # noqa: S308  # nosec B308 B703
        return [(text, photos.get(step.get("photo"))) for text, step in zip(html, steps, strict=True)]

    def derived_allergens(self) -> dict[Allergen, list[str]]:
        """The allergens the vocabulary finds in this recipe's lines, with the lines that carry them."""
        return IngredientMatcher().allergens_for([line.name for line in self.lines])

    def scaled_lines(self, servings: int) -> list["ScaledLine"]:
        factor = Decimal(servings) / Decimal(self.servings)
        return [
            ScaledLine(line, scale_amount(line.quantity, line.unit, factor), scale_cost(line.cost, factor))
            for line in self.lines
        ]

    def batch_cost(self, servings: int) -> Decimal | None:
        costs = [line.cost for line in self.lines if line.cost is not None]
        if not costs:
            return None
        return scale_cost(sum(costs, Decimal(0)), Decimal(servings) / Decimal(self.servings))

    def get_context(self, request, *args, **kwargs):
        from recettes.views import recipe_context

        context = super().get_context(request, *args, **kwargs)
        context.update(recipe_context(self, request))
        return context

    @path("")
    def recipe(self, request):
        response = self.render(request)
        fragments = response.context_data.get("fragments")
        if fragments is not None:  # stored once the page is rendered (recettes.fragments)
            response.add_post_render_callback(fragments.save)
        return response

    @path("fiche-technique/")
    def technical_sheet(self, request):
        from recettes.views import technical_sheet

        return technical_sheet(request, self)

    @path("essai/")
    def record_try(self, request):
        from recettes.views import record_try

        return record_try(request, self)


class ScaledLine:
    """An ingredient line at the servings a cook asked for."""

    def __init__(self, line: "RecipeIngredient", amount: Amount, cost: Decimal | None):
        self.line = line
        self.amount = amount
        self.cost = cost

    def __str__(self) -> str:
        return " ".join(part for part in (str(self.amount), self.line.name) if part) + (
            f" ({self.line.note})" if self.line.note else ""
        )


class RecipeIngredient(Orderable):
    """One ingredient line, for the recipe's own servings; the quantity may be empty ("une pincée")."""

    page = ParentalKey(RecipePage, on_delete=models.CASCADE, related_name="ingredients")
    quantity = models.DecimalField("quantité", max_digits=10, decimal_places=3, null=True, blank=True)
    unit = models.CharField("unité", max_length=12, choices=Unit.choices, blank=True)
    name = models.CharField("ingrédient", max_length=120)
    note = models.CharField("précision", max_length=120, blank=True, help_text="ex. : en dés, bien froid")
    cost = models.DecimalField(
        "coût de la ligne (€)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Ce que coûte cette quantité au café, pour le nombre de portions de la recette.",
    )

    panels = [
        FieldPanel("quantity"),
        FieldPanel("unit"),
        FieldPanel("name"),
        FieldPanel("note"),
        FieldPanel("cost"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "ingrédient"

    def __str__(self) -> str:
        return ScaledLine(self, Amount(self.quantity, self.unit), self.cost).__str__()


# A recipe's lines, by a query compiled once per process (compiling it cost more than running it).
INGREDIENT_COLUMNS = [field.attname for field in RecipeIngredient._meta.concrete_fields]
INGREDIENTS = CompiledQuery(
    lambda shape, recipe: (
        RecipeIngredient.objects.filter(page_id=recipe)
        .order_by("sort_order", "pk")
        .values_list(*INGREDIENT_COLUMNS)
    )
)


class RecipeGalleryPhoto(Orderable):
    page = ParentalKey(RecipePage, on_delete=models.CASCADE, related_name="gallery")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField("légende", max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class TriedReport(models.Model):
    """ "Testée dans mon café": a café made the recipe, rated it 1 to 5 and said how it adapted it."""

    recipe = models.ForeignKey(
        RecipePage, on_delete=models.CASCADE, related_name="tries", verbose_name="recette"
    )
    cafe = models.ForeignKey(
        CafePage, on_delete=models.CASCADE, related_name="tried_recipes", verbose_name="café"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="par"
    )
    rating = models.PositiveSmallIntegerField("note", validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField("commentaire", max_length=2000)
    adaptation = models.TextField("adaptations", max_length=2000, blank=True)
    created_at = models.DateTimeField("date", auto_now_add=True)
    updated_at = models.DateTimeField("mise à jour", auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = "essai dans un café"
        verbose_name_plural = "essais dans les cafés"
        constraints = [models.UniqueConstraint(fields=["recipe", "cafe"], name="one_try_per_cafe_and_recipe")]

    def __str__(self) -> str:
        return f"{self.recipe} · {self.cafe} · {self.rating}/5"


class RecipeFigures(models.Model):
    """A recipe's average rating and number of cafés that tried it, kept by `refresh_figures` whenever a try
    is saved or deleted, so that the index sorts thousands of recipes by rating without aggregating every
    try. A table of its own rather than page fields: publishing an older revision would bring back its
    figures."""

    recipe = models.OneToOneField(
        RecipePage, on_delete=models.CASCADE, primary_key=True, related_name="figures"
    )
    rating_average = models.FloatField("note moyenne", null=True)
    tried_count = models.PositiveIntegerField("cafés qui l'ont testée", default=0)

    class Meta:
        verbose_name = "chiffres d'une recette"


def refresh_figures(recipe_id: int) -> None:
    """Recompute the figures of an existing recipe from its tries."""
    figures = TriedReport.objects.filter(recipe_id=recipe_id).aggregate(
        average=Avg("rating"), count=Count("pk")
    )
    RecipeFigures.objects.update_or_create(
        recipe_id=recipe_id,
        defaults={"rating_average": figures["average"], "tried_count": figures["count"]},
    )


def refresh_listing(recipe_id: int) -> datetime | None:
    """Set and return the recipe's `listed_at` from its page row: when it was first published (for a page
    made live without a publication, an import, when it was first seen live); NULL when it is not live."""
    went_live = Page.objects.filter(pk=OuterRef("pk"), live=True).values(
        went_live=Coalesce("first_published_at", OuterRef("listed_at"), Now())
    )
    recipe = RecipePage.objects.filter(pk=recipe_id)
    recipe.update(listed_at=Subquery(went_live))
    return recipe.values_list("listed_at", flat=True).first()


def listed_recipes(*, members: bool) -> models.QuerySet:
    """The live recipes an audience sees, read on the recipe's own row: `listed_at` stands for `live`."""
    return access.visible_to(RecipePage.objects.filter(listed_at__isnull=False), members=members)


def visible_recipes(user) -> models.QuerySet:
    """The live recipes `user` may see (reseau.access decides)."""
    return listed_recipes(members=access.is_member(user))


__all__ = [
    "Allergen",
    "Diet",
    "Ingredient",
    "IngredientMatcher",
    "Month",
    "RecipeGalleryPhoto",
    "RecipeIndexPage",
    "RecipeFigures",
    "RecipeIngredient",
    "RecipePage",
    "listed_recipes",
    "TriedReport",
    "refresh_figures",
    "visible_recipes",
]
