"""Anonymise the managers' applications older than settings.RECRUITMENT_RETENTION_DAYS (run it daily).

Idempotent: an application already anonymised is skipped; prints its progress.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from reseau.recruitment import anonymise
from reseau.recruitment_models import ManagerApplication


class Command(BaseCommand):
    help = "Anonymise les candidatures de gérant·e·s plus anciennes que la durée de conservation."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days", type=int, default=None, help="Durée de conservation en jours (par défaut le réglage)."
        )

    def handle(self, *args, days: int | None = None, **options) -> None:
        days = settings.RECRUITMENT_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - timedelta(days=days)
        old = ManagerApplication.objects.filter(created_at__lt=cutoff, anonymised_at__isnull=True)
        due = list(old.order_by("pk"))
        total = len(due)
        for number, application in enumerate(due, start=1):
            anonymise(application)
            if number % 100 == 0 or number == total:
                self.stdout.write(f"{number}/{total} candidatures anonymisées")
        self.stdout.write(
            self.style.SUCCESS(f"Terminé : {total} candidature(s) de plus de {days} jours anonymisée(s).")
        )
