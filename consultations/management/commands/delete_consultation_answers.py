"""manage.py delete_consultation_answers <email>: delete a person's consultation answers, on their request."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from consultations.services import delete_answers_of


class Command(BaseCommand):
    help = "Supprime toutes les réponses aux consultations données avec cette adresse électronique."

    def add_arguments(self, parser):
        parser.add_argument("email", help="l'adresse électronique de la personne qui demande la suppression")

    def handle(self, *args, email: str, **options):
        email = email.strip()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(
                f"« {email} » n'est pas une adresse électronique valide : rien n'a été supprimé."
            ) from None
        deleted = delete_answers_of(email)
        if not deleted:
            self.stdout.write(f"Aucune réponse n'est enregistrée pour {email} : rien à supprimer.")
            return
        for answer in deleted:
            state = "confirmée" if answer.confirmed_at else "non confirmée"
            self.stdout.write(
                f"  - {answer.consultation.cafe.title} · « {answer.consultation.title} » "
                f"(réponse {state} du {answer.created_at:%d/%m/%Y})"
            )
        plural = "s" if len(deleted) > 1 else ""
        self.stdout.write(
            self.style.SUCCESS(f"{len(deleted)} réponse{plural} supprimée{plural} pour {email}.")
        )
