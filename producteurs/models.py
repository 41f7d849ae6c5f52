"""Local producers: a directory of Wagtail pages under /producteurs/, and the vocabularies they use.

A `ProducerPage` stands in a real `reseau.Commune` (its coordinates are copied onto the page so distance
searches use an index), sells `Product`s from a controlled two-level taxonomy (family > product) with a
month-by-month availability, carries quality `Label`s and `SalesMode`s (snippets), and lists the network's
cafés that buy from it through `Recommendation`s written by those cafés' managers. Contact details are shown
according to reseau.access.can_see_contact. Finding producers lives in producteurs.finding.
"""

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import redirect
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from producteurs.months import MONTH_ABBREVIATIONS, MONTHS, MonthsField, bit
from producteurs.names import name_key
from reseau import access
from reseau.models import CafePage, Commune, member_cafe
from reseau.page_cache import FramedPageMixin

phone_validator = RegexValidator(
    r"^(?:\+33 ?[1-9]|0[1-9])(?:[ .-]?\d{2}){4}$",
    "Numéro de téléphone invalide : indiquez un numéro français à 10 chiffres, par exemple 04 70 12 34 56 "
    "ou +33 4 70 12 34 56.",
)


class Product(models.Model):
    """A node of the controlled product taxonomy: a family (no parent: « Fruits ») or a product under a
    family (« pommes »). Two levels only, so "fruits" finds every producer of apples, pears…"""

    name = models.CharField("nom", max_length=80)
    slug = models.SlugField("identifiant", max_length=80, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="famille",
        limit_choices_to={"parent__isnull": True},
        help_text="Vide pour une famille (Fruits, Boissons…) ; sinon la famille de ce produit.",
    )

    class Meta:
        verbose_name = "produit"
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.parent.name} > {self.name}" if self.parent_id else self.name

    @property
    def is_family(self) -> bool:
        return self.parent_id is None

    def clean(self) -> None:
        super().clean()
        if self.parent_id:
            parent = Product.objects.filter(pk=self.parent_id).first()
            if parent and parent.parent_id:
                raise ValidationError(
                    {"parent": "La classification n'a que deux niveaux : choisissez une famille."}
                )
            if self.pk and self.children.exists():
                raise ValidationError(
                    {"parent": "Ce produit est une famille qui a des produits : il ne peut pas en avoir une."}
                )


class Label(models.Model):
    """A quality label (Agriculture biologique, Label Rouge, AOP…); `is_organic` drives the "bio" filter."""

    name = models.CharField("nom", max_length=80, unique=True)
    slug = models.SlugField("identifiant", max_length=80, unique=True)
    is_organic = models.BooleanField("label biologique", default=False)

    class Meta:
        verbose_name = "label de qualité"
        verbose_name_plural = "labels de qualité"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SalesMode(models.Model):
    """How a producer sells: at the farm, delivery to cafés, markets, wholesale…"""

    name = models.CharField("nom", max_length=80, unique=True)
    slug = models.SlugField("identifiant", max_length=80, unique=True)

    class Meta:
        verbose_name = "mode de vente"
        verbose_name_plural = "modes de vente"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProducerIndexPage(RoutablePageMixin, FramedPageMixin, Page):
    """/producteurs/: the directory and its search, plus /producteurs/autres-regions/ (a product across
    France, grouped by region) and /producteurs/proposer/ (members propose a producer, the team validates)."""

    intro = models.TextField("introduction", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["reseau.HomePage"]
    subpage_types = ["producteurs.ProducerPage"]
    max_count = 1

    class Meta:
        verbose_name = "annuaire des producteurs"

    @path("")
    def directory(self, request):
        from producteurs import views

        return views.directory(request, self)

    @path("autres-regions/")
    def other_regions(self, request):
        from producteurs import views

        return views.other_regions(request, self)

    @path("proposer/")
    def propose(self, request):
        from producteurs import views

        return views.propose(request, self)


class ProducerPage(RoutablePageMixin, FramedPageMixin, Page):
    """A farm or a workshop in a real commune, with what it makes, when, and how a café can buy from it."""

    class Kind(models.TextChoices):
        FARM = "ferme", "ferme"
        WORKSHOP = "atelier", "atelier"

    kind = models.CharField("type", max_length=8, choices=Kind.choices, default=Kind.FARM)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="producers", verbose_name="commune"
    )
    # Copied from the commune on save: distance searches filter on these indexed columns.
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    address = models.CharField("adresse", max_length=255, blank=True)
    phone = models.CharField("téléphone", max_length=20, blank=True, validators=[phone_validator])
    email = models.EmailField(
        "e-mail",
        blank=True,
        error_messages={"invalid": "Adresse e-mail invalide, par exemple contact@ferme.fr."},
    )
    website = models.URLField(
        "site web",
        blank=True,
        error_messages={"invalid": "Adresse de site invalide, par exemple https://ferme.fr."},
    )
    contact_public = models.BooleanField(
        "coordonnées publiques",
        default=False,
        help_text="Cochez seulement si le producteur a accepté que ses coordonnées soient visibles de tous ; "
        "sinon seuls les membres du réseau les voient.",
    )
    description = RichTextField("présentation", blank=True)
    labels = ParentalManyToManyField(Label, blank=True, related_name="producers", verbose_name="labels")
    sales_modes = ParentalManyToManyField(
        SalesMode, blank=True, related_name="producers", verbose_name="modes de vente"
    )
    delivery_days = models.CharField("jours de livraison", max_length=120, blank=True)
    delivery_radius_km = models.PositiveIntegerField(
        "rayon de livraison (km)", null=True, blank=True, help_text="Vide si le producteur ne livre pas."
    )
    minimum_order_eur = models.DecimalField(
        "minimum de commande (€)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    invoicing = models.CharField("facturation", max_length=255, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("commune"),
        FieldPanel("address"),
        FieldPanel("description"),
        InlinePanel("offers", label="produits et saisons"),
        FieldPanel("labels", widget=forms.CheckboxSelectMultiple),
        FieldPanel("sales_modes", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("delivery_radius_km"), FieldPanel("minimum_order_eur")]),
                FieldPanel("delivery_days"),
                FieldPanel("invoicing"),
            ],
            heading="Conditions pour les professionnels",
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website"), FieldPanel("contact_public")],
            heading="Coordonnées",
        ),
        InlinePanel("photos", label="photos"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.RelatedFields("commune", [index.SearchField("name"), index.FilterField("insee")]),
        index.RelatedFields("labels", [index.SearchField("name")]),
        index.RelatedFields("offers", [index.RelatedFields("product", [index.SearchField("name")])]),
        index.FilterField("kind"),
    ]
    parent_page_types = ["producteurs.ProducerIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "producteur"
        indexes = [models.Index(fields=["latitude", "longitude"], name="producer_coordinates")]

    def save(self, *args, **kwargs):
        if self.commune_id and (self.latitude is None or self._commune_changed()):
            commune = Commune.objects.only("latitude", "longitude").get(pk=self.commune_id)
            self.latitude, self.longitude = commune.latitude, commune.longitude
        return super().save(*args, **kwargs)

    def _commune_changed(self) -> bool:
        if not self.pk:
            return True
        stored = ProducerPage.objects.filter(pk=self.pk).values_list("commune_id", flat=True).first()
        return stored != self.commune_id

    def clean(self) -> None:
        super().clean()
        if self.commune_id and self.title:
            duplicate = find_duplicate(self.title, self.commune_id, exclude_pk=self.pk)
            if duplicate is not None:
                raise ValidationError(
                    {"title": f"« {duplicate.title} » existe déjà dans cette commune : évitez les doublons."}
                )

    @path("recommander/")
    def recommend(self, request):
        from producteurs import views

        if not access.is_member(request.user):
            return redirect_to_login(self.url + "recommander/")
        if request.method != "POST":
            return redirect(self.url)
        return views.recommend(request, self)

    def get_context(self, request, *args, **kwargs):
        from producteurs.forms import RecommendationForm

        context = super().get_context(request, *args, **kwargs)
        offers = list(self.offers.select_related("product__parent").order_by("product__name"))
        context.update(
            offers=offers,
            month_headers=list(zip(MONTH_ABBREVIATIONS, MONTHS, strict=True)),
            labels=list(self.labels.all()),
            sales_modes=list(self.sales_modes.all()),
            show_contact=access.can_see_contact(request.user, self),
            recommendations=list(
                self.recommendations.select_related("cafe__commune").order_by("cafe__title")
            ),
            index_page=self.get_parent(),
        )
        cafe = member_cafe(request.user)
        if cafe is not None:
            mine = next((r for r in context["recommendations"] if r.cafe_id == cafe.pk), None)
            context["member_cafe"] = cafe
            context["recommendation_form"] = kwargs.get("recommendation_form") or RecommendationForm(
                initial={"text": mine.text if mine else ""}
            )
        return context


def find_duplicate(name: str, commune_id: int, exclude_pk: int | None = None) -> "ProducerPage | None":
    """A producer (published or awaiting validation) with the same name in the same commune."""
    key = name_key(name)
    candidates = (
        ProducerPage.objects.filter(commune_id=commune_id).exclude(pk=exclude_pk).only("title", "live")
    )
    return next((page for page in candidates if name_key(page.title) == key), None)


class ProducerProduct(Orderable):
    """One product a producer sells, with the months it is available."""

    page = ParentalKey(ProducerPage, on_delete=models.CASCADE, related_name="offers")
    product = models.ForeignKey(
        Product,
        on_delete=models.PROTECT,
        related_name="offers",
        verbose_name="produit",
        limit_choices_to={"parent__isnull": False},
    )
    months = MonthsField(
        "mois de disponibilité", blank=True, help_text="Aucun mois coché : saison à préciser."
    )
    note = models.CharField("précision", max_length=160, blank=True)

    panels = [FieldPanel("product"), FieldPanel("months"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "produit du producteur"
        constraints = [models.UniqueConstraint(fields=["page", "product"], name="one_offer_per_product")]

    def __str__(self) -> str:
        return self.product.name

    def clean(self) -> None:
        super().clean()
        product = Product.objects.filter(pk=self.product_id).first() if self.product_id else None
        if product is not None and product.is_family:
            raise ValidationError({"product": "Choisissez un produit, pas une famille de produits."})

    def available_in(self, month: int) -> bool:
        return bool(self.months & bit(month))

    @property
    def calendar(self) -> list[bool]:
        return [self.available_in(month) for month in range(1, 13)]


class ProducerPhoto(Orderable):
    page = ParentalKey(ProducerPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField("légende (texte alternatif)", max_length=200)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class Recommendation(models.Model):
    """A café of the network that buys from a producer, with its manager's short recommendation.

    A plain model rather than a page inline: managers write it from the producer's page, and publishing an
    older revision of the page must not erase it."""

    producer = models.ForeignKey(ProducerPage, on_delete=models.CASCADE, related_name="recommendations")
    cafe = models.ForeignKey(CafePage, on_delete=models.CASCADE, related_name="producer_recommendations")
    text = models.TextField("recommandation", max_length=600)
    author = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="auteur"
    )
    updated_at = models.DateTimeField("mise à jour", auto_now=True)

    class Meta:
        verbose_name = "café client (recommandation)"
        verbose_name_plural = "cafés clients (recommandations)"
        constraints = [
            models.UniqueConstraint(fields=["producer", "cafe"], name="one_recommendation_per_cafe")
        ]

    def __str__(self) -> str:
        return f"{self.cafe} → {self.producer}"


def has_offer(products: list[int] | QuerySet | None = None, month_bit: int | None = None) -> Exists:
    """Producers offering one of `products` (ids or a subquery of them; any if None), available in the month
    `month_bit` (if any)."""
    offers = ProducerProduct.objects.filter(page=OuterRef("pk"))
    if products is not None:
        offers = offers.filter(product_id__in=products)
    if month_bit is not None:
        offers = offers.annotate(in_month=models.F("months").bitand(month_bit)).filter(in_month__gt=0)
    return Exists(offers)
