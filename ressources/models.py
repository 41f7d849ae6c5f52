"""The network's shared resources, for members only: supplier contracts and national partnerships.

`ResourceIndexPage` (/reseau/) lists every `ContractPage` by category, expiring ones first in their
category. A contract's PDFs are Wagtail documents (`ContractDocument`), served only to those who may see the
contract (ressources.wagtail_hooks). Which cafés use a contract, with their rating and comment, is a plain
model (`ContractUse`, one per café and contract), written by ressources.services.record_use.
"""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Count, Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from reseau import access
from reseau.models import CafePage, RestrictedPageMixin
from reseau.page_cache import FramedPageMixin

# A contract whose validity ends within this many days is shown as "expiring" (renegotiate or renew).
EXPIRING_DAYS = 60


class Category(models.TextChoices):
    ENERGY = "energie", "Énergie"
    TELEPHONY = "telephonie", "Téléphonie et internet"
    INSURANCE = "assurance", "Assurance"
    SUPPLIES = "boissons", "Matières premières et boissons"
    POST = "relais-poste", "Relais poste"
    PRESS = "presse", "Presse"
    PARCELS = "colis", "Points colis"
    DIGITAL = "numerique", "Numérique"
    PAYMENT = "paiement", "Encaissement et banque"


class MembersOnlyPage(RestrictedPageMixin):
    """A page that is always for members: its visibility is not a choice, whatever is saved."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.visibility = access.Visibility.MEMBERS
        return super().save(*args, **kwargs)


class ResourceIndexPage(MembersOnlyPage, FramedPageMixin, Page):
    """/reseau/: the contracts and partnerships, grouped by category, expiring ones highlighted."""

    intro = models.TextField("introduction", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["reseau.HomePage"]
    subpage_types = ["ressources.ContractPage"]
    max_count = 1

    class Meta:
        verbose_name = "ressources du réseau (membres)"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        contracts = list(
            ContractPage.objects.live()
            .child_of(self)
            .annotate(
                cafe_count=Count("uses", distinct=True),
                rating_average=Avg("uses__rating"),
            )
            .order_by("category", "valid_until", "title")
        )
        labels = dict(Category.choices)
        groups: dict[str, list[ContractPage]] = {}
        for contract in contracts:
            groups.setdefault(contract.category, []).append(contract)
        context["categories"] = [
            {"key": key, "label": labels[key], "contracts": groups[key]}
            for key in Category.values
            if key in groups
        ]
        context["expiring"] = [contract for contract in contracts if contract.is_expiring]
        context["expiring_days"] = EXPIRING_DAYS
        return context


class ContractPage(MembersOnlyPage, RoutablePageMixin, FramedPageMixin, Page):
    """A supplier contract or a national partnership the network negotiated for its cafés."""

    class Kind(models.TextChoices):
        CONTRACT = "contrat", "contrat fournisseur"
        PARTNERSHIP = "partenariat", "partenariat national"

    kind = models.CharField("type", max_length=12, choices=Kind.choices, default=Kind.CONTRACT)
    category = models.CharField("catégorie", max_length=16, choices=Category.choices)
    supplier = models.CharField("fournisseur ou partenaire", max_length=150)
    summary = models.TextField("en bref", max_length=400)
    offer = RichTextField("ce que propose le contrat")
    conditions = RichTextField("conditions")
    how_to_subscribe = RichTextField("comment y souscrire")
    contact_name = models.CharField(
        "contact au réseau",
        max_length=120,
        help_text="Un pôle ou une fonction, ex. « Pôle achats du réseau ».",
    )
    contact_email = models.EmailField("adresse électronique du contact")
    contact_phone = models.CharField("téléphone du contact", max_length=30, blank=True)
    valid_from = models.DateField("valable à partir du")
    valid_until = models.DateField(
        "valable jusqu'au", null=True, blank=True, help_text="Vide pour un partenariat sans échéance."
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("category")]),
        FieldPanel("supplier"),
        FieldPanel("summary"),
        FieldPanel("offer"),
        FieldPanel("conditions"),
        FieldPanel("how_to_subscribe"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading="Contact au réseau",
        ),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")], heading="Validité"),
        InlinePanel("documents", label="document", heading="Documents (réservés aux membres)"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("supplier"),
        index.SearchField("summary"),
        index.SearchField("offer"),
        index.FilterField("category"),
        index.FilterField("visibility"),
    ]
    parent_page_types = ["ressources.ResourceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "contrat ou partenariat"
        verbose_name_plural = "contrats et partenariats"

    @property
    def is_expired(self) -> bool:
        return self.valid_until is not None and self.valid_until < timezone.localdate()

    @property
    def is_expiring(self) -> bool:
        """Valid today and ending within EXPIRING_DAYS."""
        if self.valid_until is None or self.is_expired:
            return False
        return self.valid_until <= timezone.localdate() + timedelta(days=EXPIRING_DAYS)

    @property
    def days_left(self) -> int | None:
        return (self.valid_until - timezone.localdate()).days if self.valid_until else None

    def get_context(self, request, *args, **kwargs):
        from ressources.views import contract_context

        context = super().get_context(request, *args, **kwargs)
        context.update(contract_context(self, request))
        return context

    @path("")
    def contract(self, request):
        return self.render(request)

    @path("avis/")
    def record_use(self, request):
        from ressources.views import record_use

        return record_use(request, self)


class ContractDocument(Orderable):
    """A PDF of a contract (conditions, price grid, subscription form), as a Wagtail document.

    The document is as private as its contract: ressources.wagtail_hooks refuses it to whoever may not see
    the contract, and /media/documents/ is never served directly (config/urls.py)."""

    page = ParentalKey(ContractPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    label = models.CharField("intitulé", max_length=150)

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = "document"


class ContractUseQuerySet(models.QuerySet):
    def of_live_contracts(self) -> "ContractUseQuerySet":
        return self.filter(contract__live=True)


class ContractUse(models.Model):
    """A café uses a contract or partnership, and says how it goes (a rating of 1 to 5 and a comment)."""

    contract = models.ForeignKey(
        ContractPage, on_delete=models.CASCADE, related_name="uses", verbose_name="contrat"
    )
    cafe = models.ForeignKey(
        CafePage, on_delete=models.CASCADE, related_name="contract_uses", verbose_name="café"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="par"
    )
    rating = models.PositiveSmallIntegerField("note", validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField("commentaire", max_length=2000)
    created_at = models.DateTimeField("depuis", auto_now_add=True)
    updated_at = models.DateTimeField("mis à jour", auto_now=True)

    objects = ContractUseQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = "utilisation par un café"
        verbose_name_plural = "utilisations par les cafés"
        constraints = [
            models.UniqueConstraint(fields=["contract", "cafe"], name="one_use_per_cafe_and_contract"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="contract_rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.cafe} · {self.contract} · {self.rating}/5"
