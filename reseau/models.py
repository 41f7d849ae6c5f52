"""The network itself: its geography, its cafés, its members and the home page.

Content apps (recettes, evenements, producteurs, forum) point here; visibility rules live in reseau.access.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.text import slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from reseau import access, page_cache, uploads
from reseau.compiled import CompiledQuery, model_columns
from reseau.geography import Commune, Department, Region
from reseau.held import Held
from reseau.image_rows import image_columns, images
from reseau.page_cache import FramedPageMixin

__all__ = [
    "CafeIndexPage",
    "CafePage",
    "CafePhoto",
    "Commune",
    "CommuneApplication",
    "ContentPage",
    "Department",
    "HomePage",
    "ManagerApplication",
    "ManagerPosition",
    "Member",
    "PositionChoice",
    "Region",
    "Service",
    "StoryIndexPage",
    "StoryPage",
    "StoryPhoto",
]


def eligibility_error(commune: Commune) -> str | None:
    """Why `commune` cannot have a café of the network (None if it can), naming the figure's year."""
    if commune.is_eligible:
        return None
    inhabitants = commune.population if commune.population is not None else "un nombre inconnu d'"
    return (
        f"{commune.name} compte {inhabitants} habitants "
        f"(population {settings.POPULATION_YEAR}) : le réseau ouvre des cafés dans les "
        f"communes de moins de {settings.CAFE_MAX_POPULATION} habitants."
    )


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


class SlugRoutedMixin:
    """For index pages with many children: the child a URL names is found in one query through the indexed
    slug column, with what its page shows (`child_pages()`). Wagtail's own lookup costs two queries (the
    child, then its specific row) and filters on a LIKE over the tree path, which SQLite answers by scanning
    every page: with thousands of recipes it cost more than rendering the page."""

    def child_pages(self) -> models.QuerySet:
        raise NotImplementedError

    def children_named(self, slug: str) -> Iterable[Page]:
        """The pages one level down with this slug, under any parent (route keeps this page's child)."""
        # No ORDER BY: Django compiles the tree's default ordering over every selected column.
        return self.child_pages().filter(slug=slug, depth=self.depth + 1).order_by()

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        candidates = self.children_named(path_components[0])
        child = next((page for page in candidates if page.path.startswith(self.path)), None)
        if child is None:
            raise Http404
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])


@dataclass(frozen=True)
class StoryCard:
    """What a story card of the home page shows: whole stories (with their text) and communes, and their
    query's building, cost most of the page."""

    title: str
    url: str | None
    commune: str
    department: str
    poster: object | None


STORY_CARD_COLUMNS = ("title", "url_path", "commune__name_with_article", "commune__department__name")
LATEST_STORIES = CompiledQuery(
    lambda shape: (
        StoryPage.objects.live()
        .order_by("-reopened_on")
        .values_list(*STORY_CARD_COLUMNS, *image_columns("poster"))
    )
)


def latest_stories(request, count: int) -> list[StoryCard]:
    rows = LATEST_STORIES.rows(None, limit=count)
    url_for = page_cache.frame(request).url_for
    return [
        StoryCard(title, url_for(url_path), commune, department, poster)
        for (title, url_path, commune, department, *_), poster in zip(
            rows, images(rows, start=len(STORY_CARD_COLUMNS)), strict=True
        )
    ]


# The home page's content by (site, page): see HomePage.content.
HOME_CONTENTS = Held(size=8)


class HomePage(FramedPageMixin, Page):
    """The site's root page: what the network is, and the way into each section."""

    intro = models.TextField("accroche", blank=True)
    body = RichTextField("présentation", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    max_count = 1

    class Meta:
        verbose_name = "page d'accueil"

    def route(self, request, path_components):
        """The sections right under the home page come from the request's frame, already specific: Wagtail's
        own lookup costs two queries (the child, then its specific row)."""
        if path_components:
            frame = page_cache.frame(request)
            section = frame.sections.get(path_components[0])
            if section is not None and frame.site is not None and frame.site.root_page.pk == self.pk:
                return section.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["home_content"] = self.content(request)
        return context

    def content(self, request) -> SafeString:
        """What the page shows under its header, the same for every viewer: held by each process
        (reseau.held). Rendered without the request's context processors, so that nothing of the viewer's
        can be in it."""
        frame = page_cache.frame(request)
        return HOME_CONTENTS.get(
            request, (frame.site.pk if frame.site else None, self.pk), partial(self._content, request, frame)
        )

    def _content(self, request, frame: page_cache.Frame) -> SafeString:
        return render_to_string(
            "reseau/_home_content.html",
            {
                "request": request,  # for pageurl, which writes a link to another site in full
                "page": self,
                "cafe_index": page_cache.section(request, CafeIndexPage),
                "story_index": page_cache.section(request, StoryIndexPage),
                "sections": [section for section in frame.sections.values() if section.show_in_menus],
                "latest_stories": latest_stories(request, 3),
            },
        )


class ContentPage(RestrictedPageMixin, FramedPageMixin, Page):
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


class Service(index.Indexed, models.Model):
    """One service of the network's offer, in the controlled list editors keep (a snippet).

    The base (`is_base`) is what every café offers; the others are the multiservices a café chooses with the
    inhabitants (`CafePage.services`). Other apps reuse this list (a commune's application, the inhabitants'
    consultation), so a service is renamed here once for the whole site.
    """

    name = models.CharField("nom", max_length=80, unique=True)
    slug = models.SlugField(
        "identifiant",
        max_length=80,
        unique=True,
        blank=True,
        help_text="Dans l'adresse des filtres (/cafes/?service=epicerie) ; déduit du nom si laissé vide.",
    )
    icon = models.CharField(
        "pictogramme",
        max_length=8,
        help_text="Un emoji affiché devant le nom (décoratif : le nom est toujours écrit).",
    )
    description = models.CharField("description courte", max_length=200)
    is_base = models.BooleanField(
        "socle commun", default=False, help_text="Proposé par tous les cafés du réseau."
    )
    sort_order = models.PositiveSmallIntegerField("ordre d'affichage", default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("icon"),
        FieldPanel("description"),
        FieldPanel("is_base"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        verbose_name = "service"
        ordering = ["-is_base", "sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        super().save(*args, **kwargs)


MULTISERVICES = {"is_base": False}


class CafeIndexPage(SlugRoutedMixin, FramedPageMixin, Page):
    """/cafes/: every café of the network on a map and in a list, filtered by region, department, service.

    The filters are a plain GET form (no JavaScript needed); the list is paginated while the map shows every
    café that matches, and the number of SQL queries does not grow with the number of cafés.
    """

    intro = models.TextField("introduction", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["reseau.HomePage"]
    subpage_types = ["reseau.CafePage"]
    max_count = 1
    per_page = 60

    class Meta:
        verbose_name = "liste des cafés"

    def child_pages(self) -> models.QuerySet:
        return CafePage.objects.select_related("commune__department__region")

    def get_context(self, request, *args, **kwargs):
        from reseau.cafes import cafe_list_context

        context = super().get_context(request, *args, **kwargs)
        context.update(cafe_list_context(self, request))
        return context


class CafePage(FramedPageMixin, Page):
    """A multiservice café of the network, in a real commune of under 3,500 inhabitants.

    Its managers are `Member` rows pointing here (`cafe.managers`); its story, if the village told it, is a
    `StoryPage` pointing here (`cafe.stories`).
    """

    class Status(models.TextChoices):
        OPEN = "ouvert", "ouvert"
        PREPARING = "preparation", "en préparation"
        TAKEN_OVER = "repris", "café menacé repris"

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="cafes")
    status = models.CharField("statut", max_length=12, choices=Status.choices, default=Status.OPEN)
    address = models.CharField("adresse", max_length=255, blank=True)
    opening_hours = models.TextField("horaires d'ouverture", blank=True)
    description = RichTextField("présentation", blank=True)
    services = ParentalManyToManyField(
        Service,
        blank=True,
        related_name="cafes",
        limit_choices_to=MULTISERVICES,
        verbose_name="services choisis avec les habitants",
        help_text="En plus du socle commun (café, bar, petite restauration, lieu d'échanges).",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("commune"),
        FieldPanel("status"),
        FieldPanel("address"),
        FieldPanel("opening_hours"),
        FieldPanel("description"),
        FieldPanel("services", widget=forms.CheckboxSelectMultiple),
        InlinePanel("photos", label="photos", heading="Galerie de photos"),
        HelpPanel(
            content="Les gérant·e·s du café se rattachent depuis le menu « Gérant·e·s » (champ « café »).",
            heading="Gérant·e·s",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.FilterField("status"),
        index.RelatedFields("commune", [index.SearchField("name"), index.FilterField("insee")]),
        index.RelatedFields("services", [index.SearchField("name")]),
    ]
    parent_page_types = ["reseau.CafeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "café"

    def clean(self) -> None:
        super().clean()
        commune = Commune.objects.filter(pk=self.commune_id).first()
        if commune and (error := eligibility_error(commune)):
            raise ValidationError({"commune": error})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["commune"] = self.commune
        context["base_services"] = Service.objects.filter(is_base=True)
        context["chosen_services"] = self.services.all()
        context["managers"] = self.managers.select_related("user").order_by("user__first_name")
        context["photos"] = self.photos.select_related("image").prefetch_related("image__renditions")
        context["stories"] = self.stories.live().order_by("-reopened_on")
        context["story_index"] = page_cache.section(request, StoryIndexPage)
        context["open_position"] = self.manager_positions.filter(is_open=True).first()
        return context


class PhotoMixin(models.Model):
    """A photo in a gallery: a Wagtail image, served as resized renditions with srcset."""

    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    alt = models.CharField(
        "description pour qui ne voit pas la photo",
        max_length=200,
        help_text="Ce que montre la photo, en une phrase (texte alternatif).",
    )
    caption = models.CharField("légende", max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt"), FieldPanel("caption")]

    class Meta:
        abstract = True


class CafePhoto(Orderable, PhotoMixin):
    page = ParentalKey(CafePage, on_delete=models.CASCADE, related_name="photos")


class StoryIndexPage(FramedPageMixin, Page):
    """/il-y-a-un-cafe-dans-mon-village/: the series of village stories, newest reopening first."""

    intro = models.TextField("introduction", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["reseau.HomePage"]
    subpage_types = ["reseau.StoryPage"]
    max_count = 1

    class Meta:
        verbose_name = "série « Il y a un café dans mon village »"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = (
            StoryPage.objects.live()
            .child_of(self)
            .select_related("commune__department__region", "cafe", "poster")
            .prefetch_related("poster__renditions")
            .order_by("-reopened_on")
        )
        return context


VIDEO_EXTENSIONS = ["mp4", "webm"]


class StoryPage(FramedPageMixin, Page):
    """« Il y a un café dans mon village » : how a village's café reopened, told by its inhabitants.

    Light for weak rural connections: the page shows the poster (resized renditions with srcset) and loads
    the video (a self-hosted file with its captions, or an embed URL kept as such) only when the visitor
    presses play (reseau/static/reseau/js/story-video.js); without JavaScript the play button is a link.
    """

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="stories", verbose_name="village"
    )
    cafe = models.ForeignKey(
        CafePage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name="café",
    )
    intro = models.TextField("chapeau")
    body = RichTextField("le récit")
    poster = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="image d'affiche",
        help_text="Montrée à la place de la vidéo tant qu'on n'appuie pas sur lecture.",
    )
    poster_alt = models.CharField("description de l'image d'affiche", max_length=200, blank=True)
    video_file = models.FileField(
        "fichier vidéo",
        upload_to="recits/videos/",
        blank=True,
        validators=[FileExtensionValidator(VIDEO_EXTENSIONS)],
        help_text="MP4 ou WebM, hébergé par le site. Chargé seulement quand on appuie sur lecture.",
    )
    video_captions = models.FileField(
        "sous-titres (WebVTT)",
        upload_to="recits/sous-titres/",
        blank=True,
        validators=[FileExtensionValidator(["vtt"])],
    )
    video_embed_url = models.URLField(
        "ou adresse d'intégration d'une vidéo",
        blank=True,
        help_text="L'adresse du lecteur (https://…/embed/…), enregistrée telle quelle ; chargée au clic.",
    )
    reopened_on = models.DateField("date d'ouverture du café")
    services_opened = ParentalManyToManyField(
        Service, blank=True, related_name="stories", verbose_name="services ouverts"
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("commune"), FieldPanel("cafe")]),
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("poster"),
                FieldPanel("poster_alt"),
                FieldPanel("video_file"),
                FieldPanel("video_captions"),
                FieldPanel("video_embed_url"),
            ],
            heading="Vidéo",
        ),
        MultiFieldPanel(
            [FieldPanel("reopened_on"), FieldPanel("services_opened", widget=forms.CheckboxSelectMultiple)],
            heading="Chiffres clés",
        ),
        InlinePanel("photos", label="photos", heading="Photos"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("commune", [index.SearchField("name")]),
    ]
    parent_page_types = ["reseau.StoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "récit « Il y a un café dans mon village »"
        verbose_name_plural = "récits « Il y a un café dans mon village »"

    @property
    def has_video(self) -> bool:
        return bool(self.video_file or self.video_embed_url)

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.video_file and self.video_embed_url:
            errors["video_embed_url"] = (
                "Choisissez un fichier vidéo ou une adresse d'intégration, pas les deux."
            )
        if self.video_embed_url and not self.video_embed_url.startswith("https://"):
            errors["video_embed_url"] = "L'adresse d'intégration doit commencer par https://."
        for name, check in (("video_file", uploads.check_video), ("video_captions", uploads.check_captions)):
            if getattr(self, name):
                try:
                    check(getattr(self, name))
                except ValidationError as error:
                    errors[name] = error.messages[0]
        if self.video_file and not self.video_captions:
            errors["video_captions"] = "Une vidéo hébergée a besoin de ses sous-titres (fichier .vtt)."
        if self.has_video and not self.poster_id:
            errors["poster"] = "Une vidéo a besoin d'une image d'affiche, montrée avant la lecture."
        if self.poster_id and not self.poster_alt:
            errors["poster_alt"] = "Décrivez l'image d'affiche en une phrase."
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = self.services_opened.all()
        context["photos"] = self.photos.select_related("image").prefetch_related("image__renditions")
        context["story_index"] = self.get_parent()
        context["population_year"] = settings.POPULATION_YEAR
        return context


class StoryPhoto(Orderable, PhotoMixin):
    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="photos")


class CommuneApplication(models.Model):
    """A commune's application to host a café of the network, sent by its mayor from /candidature/.

    Only eligible communes (reseau.models.eligibility_error) are stored; `token` comes from the form, so a
    double submit stores one application. Staff follow it in the Wagtail admin (status, CSV export).
    """

    class Status(models.TextChoices):
        RECEIVED = "recue", "reçue"
        STUDY = "etude", "à l'étude"
        ACCEPTED = "acceptee", "acceptée"
        DECLINED = "refusee", "refusée"

    class CafeToday(models.TextChoices):
        NONE = "aucun", "la commune n'a plus de café"
        THREATENED = "menace", "un café existe mais il est menacé de fermeture"
        OPEN = "ouvert", "un café est ouvert et se porte bien"

    token = models.UUIDField("jeton d'envoi", default=uuid.uuid4, unique=True, editable=False)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="applications", verbose_name="commune"
    )
    mayor_name = models.CharField("nom du maire ou de la maire", max_length=150)
    mayor_email = models.EmailField("adresse électronique")
    mayor_phone = models.CharField("téléphone", max_length=30)
    cafe_today = models.CharField("café aujourd'hui", max_length=8, choices=CafeToday.choices)
    other_shops = models.TextField("autres commerces présents", blank=True)
    premises_address = models.CharField("adresse du local", max_length=255)
    premises_surface = models.PositiveIntegerField(
        "surface du local (m²)", validators=[MinValueValidator(10), MaxValueValidator(5000)]
    )
    premises_housing = models.BooleanField("logement pour deux salariés")
    inhabitants_support = models.TextField("soutien des habitants")
    wanted_services = models.ManyToManyField(
        Service,
        blank=True,
        related_name="applications",
        limit_choices_to=MULTISERVICES,
        verbose_name="services souhaités",
    )
    services_ideas = models.TextField("premières idées de services", blank=True)
    status = models.CharField("statut", max_length=8, choices=Status.choices, default=Status.RECEIVED)
    staff_notes = models.TextField("notes de l'équipe", blank=True)
    created_at = models.DateTimeField("reçue le", auto_now_add=True)

    panels = [
        FieldPanel("status"),
        FieldPanel("staff_notes"),
        FieldPanel("commune", read_only=True),
        MultiFieldPanel(
            [FieldPanel("mayor_name"), FieldPanel("mayor_email"), FieldPanel("mayor_phone")],
            heading="Contact",
        ),
        MultiFieldPanel(
            [
                FieldPanel("cafe_today"),
                FieldPanel("other_shops"),
                FieldPanel("premises_address"),
                FieldPanel("premises_surface"),
                FieldPanel("premises_housing"),
                FieldPanel("inhabitants_support"),
                FieldPanel("wanted_services", widget=forms.CheckboxSelectMultiple),
                FieldPanel("services_ideas"),
            ],
            heading="La commune",
        ),
    ]

    class Meta:
        verbose_name = "candidature de commune"
        verbose_name_plural = "candidatures de communes"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.commune.name} ({self.commune.department.code})"

    @property
    def population(self) -> int | None:
        return self.commune.population

    @property
    def status_label(self) -> str:
        return self.get_status_display()

    @property
    def cafe_today_label(self) -> str:
        return self.get_cafe_today_display()

    @property
    def housing_label(self) -> str:
        return "oui" if self.premises_housing else "non"

    @property
    def insee(self) -> str:
        return self.commune.insee

    @property
    def commune_name(self) -> str:
        return self.commune.name

    @property
    def department(self) -> str:
        return self.commune.department.name

    @property
    def wanted_services_list(self) -> str:
        return ", ".join(service.name for service in self.wanted_services.all())


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


def _managed_cafe(shape: None, user_id: int) -> models.QuerySet:
    cafes = CafePage.objects.filter(managers__user_id=user_id, live=True).order_by("pk")
    return cafes.values_list(*model_columns(CafePage))


# The café's own row only (no caller reads its commune, which would cost three times the query), by a query
# compiled once per process: building and compiling it for the café's wide row cost more than a page did.
MANAGED_CAFE = CompiledQuery(_managed_cafe)


def member_cafe(user) -> CafePage | None:
    """The café a signed-in manager runs (None for visitors, the team and managers without a live café)."""
    if not access.is_member(user):
        return None
    rows = MANAGED_CAFE.rows(None, user.pk, limit=1)
    return CafePage.from_db("default", model_columns(CafePage), rows[0]) if rows else None


# Recruiting managers lives in its own module; imported here so Django registers its models with the app.
from reseau.recruitment_models import ManagerApplication, ManagerPosition, PositionChoice  # noqa: E402
