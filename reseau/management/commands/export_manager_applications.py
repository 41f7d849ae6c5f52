"""Print as JSON everything stored about a candidate (a right-of-access request), found by e-mail."""

import json

from django.core.management.base import BaseCommand, CommandError

from reseau.recruitment import export_applications


class Command(BaseCommand):
    help = "Exporte en JSON les candidatures de gérant·e envoyées depuis une adresse électronique."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", help="L'adresse électronique de la personne.")

    def handle(self, *args, email: str, **options) -> None:
        rows = export_applications(email)
        if not rows:
            raise CommandError(f"Aucune candidature envoyée depuis {email}.")
        self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
