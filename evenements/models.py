"""Event formats that worked somewhere in the network, and the dated events of each café.

- `EventFormatPage` (a Wagtail page under /evenements/formats/) is shared know-how curated by the team:
  what it costs, what it takes, how to run it, what the law requires. Members record that their café ran it
  (`FormatRun`), and the format shows the aggregate of those reports.
- `Event` is a dated occurrence at one `reseau.CafePage`, written by its manager (a plain model, not a page:
  managers create them all year from the site, not from the admin). It may follow a format; its results are
  recorded as a `FormatRun` linked to it, so they flow back to the format.
- `Registration` is a visitor's place at an event; `Event.seats_taken` is the counter that the registration
  service moves with a conditional UPDATE, so two people can never both take the last place.
"""

from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from reseau import access
from reseau.models import CafePage, RestrictedPageMixin
from reseau.page_cache import FramedPageMixin

PARIS = ZoneInfo("Europe/Paris")


class Audience(models.TextChoices):
    FAMILIES = "familles", "familles"
    SENIORS = "aines", "aînés"
    YOUTH = "jeunes", "jeunes"
    EVERYONE = "tous", "tout public"


class Season(models.TextChoices):
    ALL_YEAR = "toute-l-annee", "toute l'année"
    SPRING = "printemps", "printemps"
    SUMMER = "ete", "été"
    AUTUMN = "automne", "automne"
    WINTER = "hiver", "hiver"


def format_duration(minutes: int | None) -> str:
    """120 → « 2 h », 150 → « 2 h 30 », 45 → « 45 min »."""
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def format_lead_time(days: int) -> str:
    """A lead time in words: « 3 semaines », « 10 jours », « 2 mois »."""
    if days >= 60 and days % 30 == 0:
        return f"{days // 30} mois"
    if days >= 14 and days % 7 == 0:
        return f"{days // 7} semaines"
    if days == 7:
        return "1 semaine"
    return f"{days} jour{'s' if days > 1 else ''}"


class EventsIndexPage(FramedPageMixin, Page):
    """/evenements/: the section's home, leading to the formats and to the agenda."""

    intro = models.TextField("introduction", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["reseau.HomePage"]
    subpage_types = ["evenements.EventFormatIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = "rubrique évènements"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["formats_index"] = EventFormatIndexPage.objects.live().child_of(self).first()
        context["next_events"] = Event.objects.upcoming().with_places()[:6]
        return context


class EventFormatIndexPage(FramedPageMixin, Page):
    """/evenements/formats/: the shared formats, filtered by audience, season, budget range and tags."""

    intro = models.TextField("introduction", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["evenements.EventsIndexPage"]
    subpage_types = ["evenements.EventFormatPage"]
    max_count = 1

    class Meta:
        verbose_name = "liste des formats d'évènements"

    def get_context(self, request, *args, **kwargs):
        from evenements.forms import FormatFilterForm

        context = super().get_context(request, *args, **kwargs)
        formats = access.visible(EventFormatPage.objects.live().child_of(self), request.user)
        form = FormatFilterForm(request.GET or None, formats=formats)
        context["filter_form"] = form
        context["formats"] = form.filter(EventFormatPage.with_figures(formats)).order_by("title")
        return context


class EventFormatTag(TaggedItemBase):
    content_object = ParentalKey(
        "evenements.EventFormatPage", on_delete=models.CASCADE, related_name="tagged"
    )


class EventFormatPage(RestrictedPageMixin, FramedPageMixin, Page):
    """A format that worked in a café of the network, written so another manager can run it."""

    summary = models.TextField("résumé")
    audience = models.CharField("public", max_length=12, choices=Audience.choices, default=Audience.EVERYONE)
    typical_attendance = models.PositiveIntegerField("fréquentation habituelle (personnes)")
    duration_minutes = models.PositiveIntegerField("durée (minutes)", validators=[MinValueValidator(15)])
    season = models.CharField("saison", max_length=16, choices=Season.choices, default=Season.ALL_YEAR)
    lead_time_days = models.PositiveIntegerField(
        "préparation (jours avant)", help_text="Combien de jours avant la date commencer à préparer."
    )
    materials = models.TextField("matériel", blank=True, help_text="Un élément par ligne.")
    communication_tips = RichTextField("conseils de communication", blank=True)
    pitfalls = RichTextField("pièges à éviter", blank=True)
    tags = ClusterTaggableManager("étiquettes", through=EventFormatTag, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        InlinePanel("photos", label="photos"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("audience"), FieldPanel("season")]),
                FieldRowPanel(
                    [
                        FieldPanel("typical_attendance"),
                        FieldPanel("duration_minutes"),
                        FieldPanel("lead_time_days"),
                    ]
                ),
                FieldPanel("tags"),
            ],
            heading="En bref",
        ),
        InlinePanel("budget_lines", label="lignes de budget"),
        FieldPanel("materials"),
        InlinePanel("partners", label="partenaires à associer"),
        InlinePanel("steps", label="déroulé"),
        InlinePanel("checklist", label="obligations et démarches"),
        FieldPanel("communication_tips"),
        FieldPanel("pitfalls"),
    ]
    settings_panels = [FieldPanel("visibility"), *Page.settings_panels]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("materials"),
        index.SearchField("communication_tips"),
        index.FilterField("visibility"),
        index.FilterField("audience"),
        index.FilterField("season"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["evenements.EventFormatIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "format d'évènement"
        verbose_name_plural = "formats d'évènements"

    @classmethod
    def with_figures(cls, queryset):
        """Annotate the budget total and the "we ran it" figures with subqueries (no row multiplication)."""
        budget = (
            BudgetLine.objects.filter(page=OuterRef("pk"))
            .values("page")
            .annotate(total=Sum("amount"))
            .values("total")
        )
        runs = FormatRun.objects.filter(format=OuterRef("pk")).values("format")
        return queryset.annotate(
            budget=Coalesce(Subquery(budget), Decimal("0"), output_field=models.DecimalField()),
            run_cafes=Coalesce(
                Subquery(runs.annotate(n=Count("cafe", distinct=True)).values("n")),
                0,
            ),
            run_rating=Subquery(runs.annotate(r=Avg("rating")).values("r")),
        ).prefetch_related("tagged__tag")

    @property
    def budget_total(self) -> Decimal:
        return sum((line.amount for line in self.budget_lines.all()), Decimal("0"))

    @property
    def duration_display(self) -> str:
        return format_duration(self.duration_minutes)

    @property
    def lead_time_display(self) -> str:
        return format_lead_time(self.lead_time_days)

    def material_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.materials.splitlines() if line.strip(" -•\t")]

    def tag_list(self) -> list:
        """Tags through the prefetched `tagged` rows (the index prefetches them), sorted by name."""
        return sorted((item.tag for item in self.tagged.all()), key=lambda tag: tag.name)

    def run_summary(self) -> dict:
        """How many cafés ran the format, their average attendance and rating (from FormatRun)."""
        return self.runs.aggregate(
            cafes=Count("cafe", distinct=True),
            runs=Count("pk"),
            attendance=Avg("attendance"),
            rating=Avg("rating"),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        steps = list(self.steps.all())
        context["phases"] = [
            (label, [step for step in steps if step.phase == value])
            for value, label in RunSheetStep.Phase.choices
        ]
        context["summary"] = self.run_summary()
        context["runs"] = self.runs.select_related("cafe__commune").order_by("-date")[:10]
        context["upcoming"] = self.events.upcoming()[:5]
        context["can_organise"] = access.is_member(request.user)
        return context


class FormatPhoto(Orderable):
    page = ParentalKey(EventFormatPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    alt = models.CharField("texte alternatif", max_length=255, help_text="Ce que montre la photo.")
    caption = models.CharField("légende", max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt"), FieldPanel("caption")]


class BudgetLine(Orderable):
    page = ParentalKey(EventFormatPage, on_delete=models.CASCADE, related_name="budget_lines")
    item = models.CharField("poste", max_length=200)
    amount = models.DecimalField("montant (€)", max_digits=8, decimal_places=2)

    panels = [FieldRowPanel([FieldPanel("item"), FieldPanel("amount")])]


class FormatPartner(Orderable):
    class Kind(models.TextChoices):
        TOWN_HALL = "mairie", "mairie"
        ASSOCIATION = "association", "association"
        PRODUCERS = "producteurs", "producteurs"
        SCHOOL = "ecole", "école"
        ARTISTS = "artistes", "artistes"
        OTHER = "autre", "autre"

    page = ParentalKey(EventFormatPage, on_delete=models.CASCADE, related_name="partners")
    kind = models.CharField("partenaire", max_length=12, choices=Kind.choices)
    role = models.CharField("ce qu'on lui demande", max_length=255)

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("role")])]


class RunSheetStep(Orderable):
    class Phase(models.TextChoices):
        BEFORE = "avant", "Avant"
        DURING = "pendant", "Pendant"
        AFTER = "apres", "Après"

    page = ParentalKey(EventFormatPage, on_delete=models.CASCADE, related_name="steps")
    phase = models.CharField("moment", max_length=8, choices=Phase.choices)
    when = models.CharField("quand", max_length=60, blank=True, help_text="Par exemple « J-15 » ou « 19 h ».")
    text = models.CharField("étape", max_length=300)

    panels = [FieldRowPanel([FieldPanel("phase"), FieldPanel("when")]), FieldPanel("text")]


class ChecklistItem(Orderable):
    """An obligation or a usual step (drinks licence, SACEM, insurance…): who to ask, how long before."""

    page = ParentalKey(EventFormatPage, on_delete=models.CASCADE, related_name="checklist")
    requirement = models.CharField("démarche", max_length=255)
    who = models.CharField("à qui s'adresser", max_length=200)
    days_before = models.PositiveIntegerField("combien de jours avant")
    note = models.CharField("précision", max_length=300, blank=True)

    panels = [
        FieldPanel("requirement"),
        FieldRowPanel([FieldPanel("who"), FieldPanel("days_before")]),
        FieldPanel("note"),
    ]

    @property
    def lead_time_display(self) -> str:
        return format_lead_time(self.days_before)


class EventQuerySet(models.QuerySet):
    def upcoming(self) -> "EventQuerySet":
        """Events not over yet, soonest first, with what their listing shows."""
        return (
            self.filter(end__gte=timezone.now())
            .select_related("cafe__commune__department__region", "format")
            .order_by("start", "pk")
        )

    def with_places(self) -> "EventQuerySet":
        return self.annotate(places_left=F("capacity") - F("seats_taken"))


class Event(models.Model):
    """An event at a café: what, when (stored in UTC, shown in Europe/Paris), price, registration."""

    cafe = models.ForeignKey(CafePage, on_delete=models.CASCADE, related_name="events", verbose_name="café")
    format = models.ForeignKey(
        EventFormatPage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name="format suivi",
    )
    title = models.CharField("titre", max_length=200)
    description = models.TextField("description")
    start = models.DateTimeField("début", db_index=True)
    end = models.DateTimeField("fin", db_index=True)
    price = models.DecimalField(
        "prix (€)", max_digits=7, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    registration_required = models.BooleanField("sur inscription", default=False)
    capacity = models.PositiveIntegerField("nombre de places", null=True, blank=True)
    seats_taken = models.PositiveIntegerField("places réservées", default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = "évènement"
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="evenement_fin_apres_debut"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1), name="evenement_capacite_positive"
            ),
            # The last line of defence against overbooking, whatever the code above it does.
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(seats_taken__lte=F("capacity")),
                name="evenement_pas_de_surreservation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.cafe.title}, {timezone.localtime(self.start, PARIS):%d/%m/%Y})"

    @property
    def slug(self) -> str:
        return slugify(self.title)[:60] or "evenement"

    def get_absolute_url(self) -> str:
        return reverse("evenements:evenement", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def is_free(self) -> bool:
        return not self.price

    @property
    def has_started(self) -> bool:
        return self.start <= timezone.now()

    @property
    def registration_open(self) -> bool:
        return self.registration_required and not self.has_started

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def places_remaining(self) -> int | None:
        if not self.registration_required or self.capacity is None:
            return None
        return max(self.capacity - self.seats_taken, 0)

    @property
    def is_full(self) -> bool:
        return self.places_remaining == 0


class Registration(models.Model):
    """A visitor's place(s) at an event; made only through evenements.services.register."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField("nom", max_length=150)
    email = models.EmailField("adresse e-mail")
    seats = models.PositiveSmallIntegerField(
        "nombre de places", default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "inscription"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="inscription_unique_par_email")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.seats})"


class FormatRun(models.Model):
    """ "We ran it": a café ran a format (maybe through one of its events); feeds the format's figures."""

    format = models.ForeignKey(
        EventFormatPage, on_delete=models.CASCADE, related_name="runs", verbose_name="format"
    )
    cafe = models.ForeignKey(
        CafePage, on_delete=models.CASCADE, related_name="format_runs", verbose_name="café"
    )
    event = models.OneToOneField(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="run", verbose_name="évènement"
    )
    date = models.DateField("date")
    attendance = models.PositiveIntegerField("participants")
    revenue = models.DecimalField(
        "recettes (€)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    cost = models.DecimalField(
        "dépenses (€)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    rating = models.PositiveSmallIntegerField(
        "note (1 à 5)", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    lessons = models.TextField("ce que nous en retenons")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "« nous l'avons fait »"
        verbose_name_plural = "« nous l'avons fait »"
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1) & Q(rating__lte=5), name="bilan_note_1_a_5"),
        ]

    def __str__(self) -> str:
        return f"{self.format.title} à {self.cafe.title} ({self.date:%d/%m/%Y})"

    @property
    def balance(self) -> Decimal | None:
        if self.revenue is None and self.cost is None:
            return None
        return (self.revenue or Decimal("0")) - (self.cost or Decimal("0"))
