"""manage.py load_demo: the demo content of every app, idempotent (run by `make run`)."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from reseau.demo import ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (sans rien dupliquer s'il est relancé)."

    def handle(self, *args, **options):
        for app in settings.LOCAL_APPS:
            if find_spec(f"{app}.demo") is None:
                continue
            self.stdout.write(f"Démonstration : {app}…")
            with transaction.atomic():
                import_module(f"{app}.demo").load(self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(f"Contenu de démonstration prêt. Comptes (mot de passe « {DEMO_PASSWORD} ») :")
        )
        for username, _name, role, _cafe in ACCOUNTS:
            self.stdout.write(f"  {username:<18} {role}")
