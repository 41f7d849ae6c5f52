"""Co-construction with the inhabitants: a café asks which services they would use.

A `Consultation` belongs to a café and is open between two dates. Inhabitants answer without an account
(`Answer`): services from the network's list (reseau.Service), an idea in their words, how often they would
come, their age band and where they live. An answer counts once its author confirmed it from the e-mailed
one-time link (consultations.services); the e-mail address itself is never stored, only a keyed digest that
makes "one answer per person" and deletion on request possible. `OpenedService` is a service the café opened
following the consultation, shown on the café's page.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from reseau.models import CafePage, Commune, Service


class Frequency(models.TextChoices):
    DAILY = "quotidien", "tous les jours ou presque"
    WEEKLY = "hebdomadaire", "au moins une fois par semaine"
    MONTHLY = "mensuel", "au moins une fois par mois"
    SOMETIMES = "occasionnel", "de temps en temps"


class AgeBand(models.TextChoices):
    UNDER_18 = "moins-18", "moins de 18 ans"
    FROM_18 = "18-29", "18 à 29 ans"
    FROM_30 = "30-44", "30 à 44 ans"
    FROM_45 = "45-59", "45 à 59 ans"
    FROM_60 = "60-74", "60 à 74 ans"
    FROM_75 = "75-plus", "75 ans et plus"


class Consultation(models.Model):
    """A café asks its inhabitants which services they would use, between `opens_on` and `closes_on`.

    `results_key` is the secret of the read-only results link the manager shares with the mayor; the manager
    can change it, and the old link stops working."""

    cafe = models.ForeignKey(
        CafePage, on_delete=models.CASCADE, related_name="consultations", verbose_name="café"
    )
    title = models.CharField("titre", max_length=150, default="Quels services voulez-vous trouver au café ?")
    intro = models.TextField("présentation", blank=True)
    opens_on = models.DateField("ouverte le")
    closes_on = models.DateField("close le", help_text="Dernier jour pour répondre.")
    results_key = models.UUIDField(
        "clé du lien de la mairie", default=uuid.uuid4, unique=True, editable=False
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "consultation des habitants"
        verbose_name_plural = "consultations des habitants"
        ordering = ["-opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="consultation_dates",
                violation_error_message="La date de clôture doit être le jour de l'ouverture ou après.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.cafe.title} · {self.title}"

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    @property
    def has_closed(self) -> bool:
        return timezone.localdate() > self.closes_on


class AnswerQuerySet(models.QuerySet):
    def confirmed(self) -> "AnswerQuerySet":
        return self.filter(confirmed_at__isnull=False)


class Answer(models.Model):
    """One inhabitant's answer; counted once confirmed (`confirmed_at`), at most one per person."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="answers")
    email_digest = models.CharField("empreinte de l'adresse", max_length=64, editable=False)
    services = models.ManyToManyField(Service, blank=True, related_name="consultation_answers")
    idea = models.TextField("idée", max_length=1000, blank=True)
    frequency = models.CharField("fréquence", max_length=12, choices=Frequency.choices)
    age_band = models.CharField("tranche d'âge", max_length=8, choices=AgeBand.choices)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="commune"
    )
    hamlet = models.CharField("hameau ou lieu-dit", max_length=120, blank=True)
    consent_at = models.DateTimeField("consentement donné le")
    confirmation_nonce = models.CharField(max_length=32, editable=False)
    created_at = models.DateTimeField("reçue le", auto_now_add=True)
    confirmed_at = models.DateTimeField("confirmée le", null=True, blank=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = "réponse"
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "email_digest"], name="one_answer_per_person")
        ]
        indexes = [models.Index(fields=["consultation", "confirmed_at"], name="answer_confirmed")]

    def __str__(self) -> str:
        return f"Réponse {self.pk} · {self.consultation}"


class OpenedService(models.Model):
    """A service the café opened following a consultation (shown on the café's page)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="opened_services")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+", verbose_name="service")
    opened_on = models.DateField("ouvert le", default=timezone.localdate)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="par"
    )

    class Meta:
        verbose_name = "service ouvert suite à la consultation"
        verbose_name_plural = "services ouverts suite à la consultation"
        ordering = ["opened_on"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "service"], name="one_opening_per_service")
        ]

    def __str__(self) -> str:
        return f"{self.service} · {self.consultation.cafe.title}"
