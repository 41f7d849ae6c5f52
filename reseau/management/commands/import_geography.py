"""manage.py import_geography: INSEE's regions, departments and communes (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reseau.geography_import import GeographyFileError, import_geography


class Command(BaseCommand):
    help = "Importe régions, départements et communes (INSEE) depuis des fichiers CSV ou des URL."

    def add_arguments(self, parser):
        data = settings.GEO_DATA_DIR
        parser.add_argument(
            "--regions", default=str(data / "regions.csv"), help="chemin ou URL de regions.csv"
        )
        parser.add_argument(
            "--departements", default=str(data / "departements.csv"), help="chemin ou URL de departements.csv"
        )
        parser.add_argument(
            "--communes", default=str(data / "communes.csv"), help="chemin ou URL de communes.csv"
        )

    def handle(self, *args, regions, departements, communes, **options):
        def progress(done: int, total: int) -> None:
            self.stdout.write(f"  communes : {done}/{total}")

        self.stdout.write(f"Lecture de {regions}, {departements} et {communes}…")
        try:
            reports = import_geography(regions, departements, communes, progress)
        except GeographyFileError as error:
            raise CommandError(f"{error} Rien n'a été modifié.") from None
        for kind, report in reports.items():
            self.stdout.write(self.style.SUCCESS(f"{kind} : {report}"))
