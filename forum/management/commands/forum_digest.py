"""The optional e-mail digest: members who asked for it get their unread, not yet e-mailed notifications.

Run it once a day (cron or a scheduler). Idempotent: a notification is e-mailed once; only notifications about
threads the member may still see are included (forum.services.visible_notifications).
"""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from forum import services
from forum.models import ForumProfile, Notification


class Command(BaseCommand):
    help = "Envoie le résumé des notifications du forum aux membres qui l'ont demandé."

    def handle(self, *args, **options) -> None:
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        sent = 0
        profiles = ForumProfile.objects.filter(email_digest=True, user__is_active=True).select_related("user")
        for profile in profiles:
            user = profile.user
            if not user.email:
                continue
            with transaction.atomic():
                pending = list(
                    services.visible_notifications(user)
                    .filter(read_at__isnull=True, emailed_at__isnull=True)
                    .select_related("actor", "thread")
                    .order_by("created_at")[:50]
                )
                if not pending:
                    continue
                lines = [
                    (services.notification_text(item), base_url + item.get_absolute_url()) for item in pending
                ]
                body = render_to_string("forum/digest_email.txt", {"user": user, "lines": lines})
                plural = "s" if len(pending) > 1 else ""
                send_mail(
                    f"Forum du réseau 1000 cafés : {len(pending)} notification{plural}",
                    body,
                    None,
                    [user.email],
                )
                Notification.objects.filter(pk__in=[item.pk for item in pending]).update(
                    emailed_at=timezone.now()
                )
            sent += 1
            self.stdout.write(f"  résumé envoyé à {user.get_username()} ({len(pending)} notifications)")
        self.stdout.write(self.style.SUCCESS(f"Résumés envoyés : {sent}"))
