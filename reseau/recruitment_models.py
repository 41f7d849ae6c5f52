"""Recruiting café managers (« Devenir gérant·e »): open positions and the candidates' applications.

A `ManagerPosition` is a café looking for its manager (at most one open position per café; a café in
preparation gets one when it is published, see reseau.recruitment.ensure_position_for_preparing_cafe). A
`ManagerApplication` is a person's application, without an account, to one or several positions; each
`PositionChoice` row keeps the great-circle distance from the candidate's commune to that café, so staff
rank candidates by distance and local ones (settings.RECRUITMENT_LOCAL_KM) come first. Imported at the end
of reseau/models.py so Django finds the models in the app's models module.
"""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel

from reseau.geography import Commune
from reseau.models import CafePage


class PrivateStorage(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT (read on every use, like MEDIA_ROOT for the default storage),
    outside MEDIA_ROOT and without any URL: `url()` raises, only the staff's checked view reads them."""

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> None:
        return None


def private_storage() -> FileSystemStorage:
    """The CVs' storage (a callable, so migrations do not record a path)."""
    return PrivateStorage()


def cv_path(instance: "ManagerApplication", filename: str) -> str:
    """A random name: the candidate's file name (often their own name) never reaches the disk."""
    return f"cv-gerants/{uuid.uuid4().hex}.pdf"


class ManagerPosition(models.Model):
    """A café looking for its manager. Closing it (`is_open` off) keeps its applications."""

    cafe = models.ForeignKey(
        CafePage, on_delete=models.CASCADE, related_name="manager_positions", verbose_name="café"
    )
    is_open = models.BooleanField("poste ouvert", default=True)
    housing = models.BooleanField(
        "logement possible sur place", default=False, help_text="Un logement est proposé avec le local."
    )
    description = models.TextField(
        "le poste en quelques mots", blank=True, help_text="Montré aux candidat·e·s sur /devenir-gerant/."
    )
    opened_on = models.DateField("ouvert le", auto_now_add=True)

    panels = [FieldPanel("cafe"), FieldPanel("is_open"), FieldPanel("housing"), FieldPanel("description")]

    class Meta:
        verbose_name = "poste de gérant·e"
        verbose_name_plural = "postes de gérant·e"
        ordering = ["cafe__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["cafe"], condition=models.Q(is_open=True), name="one_open_position_per_cafe"
            )
        ]

    def __str__(self) -> str:
        return self.cafe.title


class ManagerApplication(models.Model):
    """A person's application to run one or several cafés, sent from /devenir-gerant/candidater/.

    « Savoir-être » is the network's only criterion: the form asks about motivation, ties to the village and
    experience of welcoming people, not diplomas. `token` comes from the form, so a double submit stores one
    application. Personal data: explicit consent (`consent_at`), anonymised after the retention
    (`anonymise_manager_applications`), exported and deleted on request (management commands).
    """

    class Stage(models.TextChoices):
        RECEIVED = "recue", "reçue"
        CALL = "appel", "appel programmé"
        MET = "rencontre", "rencontré·e"
        PROPOSED = "mairie", "proposé·e à la mairie"
        SELECTED = "retenue", "retenu·e"
        DECLINED = "non_retenue", "non retenu·e"

    token = models.UUIDField("jeton d'envoi", default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("nom", max_length=150)
    email = models.EmailField("adresse électronique", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        related_name="manager_applications",
        verbose_name="commune de résidence",
    )
    positions = models.ManyToManyField(
        ManagerPosition, through="PositionChoice", related_name="applications", verbose_name="postes"
    )
    available_from = models.DateField("disponible à partir du", null=True, blank=True)
    live_on_site = models.BooleanField("habiterait sur place", default=False)
    motivation = models.TextField("motivation", blank=True)
    village_ties = models.TextField("liens avec le village", blank=True)
    welcoming_experience = models.TextField("expérience de l'accueil", blank=True)
    cv = models.FileField("CV (PDF)", storage=private_storage, upload_to=cv_path, blank=True)
    consent_at = models.DateTimeField("consentement donné le")
    nearest_km = models.FloatField("distance au café le plus proche (km)", null=True, blank=True)
    stage = models.CharField("étape", max_length=12, choices=Stage.choices, default=Stage.RECEIVED)
    staff_notes = models.TextField("notes de l'équipe", blank=True)
    created_at = models.DateTimeField("reçue le", auto_now_add=True)
    stage_changed_at = models.DateTimeField("étape changée le", null=True, blank=True)
    anonymised_at = models.DateTimeField("anonymisée le", null=True, blank=True)

    panels = [
        HelpPanel(template="reseau/admin/manager_application_summary.html", heading="Candidature"),
        FieldPanel("stage"),
        FieldPanel("staff_notes"),
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("commune", read_only=True),
            ],
            heading="Contact",
        ),
    ]

    class Meta:
        verbose_name = "candidature de gérant·e"
        verbose_name_plural = "candidatures de gérant·e·s"
        ordering = [models.F("nearest_km").asc(nulls_last=True), "-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_local(self) -> bool:
        """Lives within settings.RECRUITMENT_LOCAL_KM of one of the cafés applied to."""
        return self.nearest_km is not None and self.nearest_km <= settings.RECRUITMENT_LOCAL_KM

    @property
    def local_label(self) -> str:
        return f"local (≤ {settings.RECRUITMENT_LOCAL_KM} km)" if self.is_local else ""

    @property
    def distance_label(self) -> str:
        """« Le Café de Baccon : 12 km ; Le Café d'Odos : 540 km », nearest first (prefetch `choices`)."""
        return " ; ".join(
            f"{choice.position.cafe.title} : {choice.distance_text}" for choice in self.sorted_choices
        )

    @property
    def sorted_choices(self) -> list["PositionChoice"]:
        return sorted(self.choices.all(), key=lambda c: (c.distance_km is None, c.distance_km or 0))

    @property
    def stage_label(self) -> str:
        return self.get_stage_display()

    @property
    def commune_name(self) -> str:
        return str(self.commune)

    @property
    def live_on_site_label(self) -> str:
        return "oui" if self.live_on_site else "non"


class PositionChoice(models.Model):
    """An application to one position, with the distance from the candidate's commune to that café."""

    application = models.ForeignKey(ManagerApplication, on_delete=models.CASCADE, related_name="choices")
    position = models.ForeignKey(ManagerPosition, on_delete=models.PROTECT, related_name="choices")
    distance_km = models.FloatField("distance (km)", null=True, blank=True)

    class Meta:
        verbose_name = "poste demandé"
        constraints = [
            models.UniqueConstraint(fields=["application", "position"], name="one_choice_per_position")
        ]

    @property
    def distance_text(self) -> str:
        return "distance inconnue" if self.distance_km is None else f"{round(self.distance_km)} km"

    @property
    def is_local(self) -> bool:
        return self.distance_km is not None and self.distance_km <= settings.RECRUITMENT_LOCAL_KM


@receiver(post_delete, sender=ManagerApplication)
def delete_cv_file(sender, instance: ManagerApplication, **kwargs) -> None:
    """Deleting an application (admin, deletion request) deletes its CV from the private storage too."""
    if instance.cv:
        instance.cv.delete(save=False)
