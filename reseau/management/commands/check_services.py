"""manage.py check_services: the database and Redis answer, or one line says which variable is wrong."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection


class Command(BaseCommand):
    help = "Vérifie que la base de données et Redis (si REDIS_URL est défini) répondent."

    def handle(self, *args, **options):
        try:
            connection.ensure_connection()
        except OperationalError as error:
            first_line = (
                str(error).strip().splitlines()[0] if str(error).strip() else error.__class__.__name__
            )
            raise CommandError(f"DATABASE_URL : base de données injoignable ({first_line}).") from None
        if settings.REDIS_URL:
            import redis

            try:
                redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=3).ping()
            except (redis.RedisError, OSError) as error:
                raise CommandError(f"REDIS_URL : Redis injoignable ({error}).") from None
        self.stdout.write(self.style.SUCCESS("Base de données et services joignables."))
