"""Delete a candidate's applications and CVs on request, found by e-mail address (asks to confirm)."""

from django.core.management.base import BaseCommand, CommandError

from reseau.recruitment import applications_of, delete_applications


class Command(BaseCommand):
    help = "Supprime les candidatures de gérant·e envoyées depuis une adresse électronique, et leurs CV."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", help="L'adresse électronique de la personne.")
        parser.add_argument("--oui", action="store_true", help="Supprimer sans demander de confirmation.")

    def handle(self, *args, email: str, oui: bool = False, **options) -> None:
        count = applications_of(email).count()
        if not count:
            raise CommandError(f"Aucune candidature envoyée depuis {email}.")
        if not oui:
            answer = input(f"Supprimer {count} candidature(s) de {email} et leurs CV ? [oui/non] ")
            if answer.strip().lower() != "oui":
                self.stdout.write("Rien n'a été supprimé.")
                return
        deleted = delete_applications(email)
        done = f"{deleted} candidature(s) de {email} supprimée(s), CV compris."
        self.stdout.write(self.style.SUCCESS(done))
