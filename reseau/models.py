"""The network itself: its geography, its cafés, its members and the home page.

Content apps (recettes, evenements, producteurs, forum) point here; visibility rules live in reseau.access.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from reseau import access
from reseau.geography import Commune, Department, Region
from reseau.maps import marker

__all__ = [
    "CafeIndexPage",
    "CafePage",
    "Commune",
    "ContentPage",
    "Department",
    "HomePage",
    "Member",
    "Region",
]


class VisibilityMixin(models.Model):
    """Content that is either public or for the network's members only (decided by reseau.access)."""

    visibility = models.CharField(
        "visibilité",
        max_length=8,
        choices=access.Visibility.choices,
        default=access.Visibility.MEMBERS,
        help_text="« Membres du réseau » : invisible pour le public, partout (pages, recherche, flux).",
    )

    class Meta:
        abstract = True


class RestrictedPageMixin(VisibilityMixin):
    """A Wagtail page served only to those reseau.access lets see it; others are sent to log in."""

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        if not access.can_see(request.user, self):
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)


class HomePage(Page):
    """The site's root page: what the network is, and the way into each section."""

    intro = models.TextField("accroche", blank=True)
    body = RichTextField("présentation", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    max_count = 1

    class Meta:
        verbose_name = "page d'accueil"


class ContentPage(RestrictedPageMixin, Page):
    """A plain editorial page (about the network, a guide for new managers…), public or members only."""

    intro = models.TextField("chapeau", blank=True)
    body = RichTextField("texte")

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    settings_panels = [FieldPanel("visibility"), *Page.settings_panels]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("visibility"),
    ]

    class Meta:
        verbose_name = "page de contenu"


class CafeIndexPage(Page):
    """/cafes/: every café of the network."""

    intro = models.TextField("introduction", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["reseau.HomePage"]
    subpage_types = ["reseau.CafePage"]
    max_count = 1

    class Meta:
        verbose_name = "liste des cafés"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cafes = (
            CafePage.objects.live()
            .child_of(self)
            .select_related("commune__department__region")
            .order_by("commune__name")
        )
        context["cafes"] = cafes
        context["cafe_markers"] = [
            marker(
                cafe.title, cafe.url, cafe.commune, f"{cafe.commune.name} ({cafe.commune.department.code})"
            )
            for cafe in cafes
        ]
        return context


class CafePage(Page):
    """A multiservice café of the network, in a real commune of under 3,500 inhabitants."""

    class Status(models.TextChoices):
        OPEN = "ouvert", "ouvert"
        PREPARING = "preparation", "en préparation"
        TAKEN_OVER = "repris", "café menacé repris"

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="cafes")
    status = models.CharField("statut", max_length=12, choices=Status.choices, default=Status.OPEN)
    address = models.CharField("adresse", max_length=255, blank=True)
    opening_hours = models.TextField("horaires d'ouverture", blank=True)
    description = RichTextField("présentation", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("commune"),
        FieldPanel("status"),
        FieldPanel("address"),
        FieldPanel("opening_hours"),
        FieldPanel("description"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.FilterField("status"),
        index.RelatedFields("commune", [index.SearchField("name"), index.FilterField("insee")]),
    ]
    parent_page_types = ["reseau.CafeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "café"

    def clean(self) -> None:
        super().clean()
        commune = Commune.objects.filter(pk=self.commune_id).first()
        if commune and not commune.is_eligible:
            raise ValidationError(
                {
                    "commune": (
                        f"{commune.name} compte {commune.population or '?'} habitants "
                        f"(population {settings.POPULATION_YEAR}) : le réseau ouvre des cafés dans les "
                        f"communes de moins de {settings.CAFE_MAX_POPULATION} habitants."
                    )
                }
            )


class Member(models.Model):
    """A café manager (gérant·e): a user account linked to the café they run."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member")
    cafe = models.ForeignKey(
        CafePage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managers",
        verbose_name="café",
    )

    class Meta:
        verbose_name = "membre (gérant·e)"
        verbose_name_plural = "membres (gérant·e·s)"

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()
