"""What every page needs from the forum: the member's unread notification count (computed only if shown)."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from forum import services
from reseau import access


def forum(request: HttpRequest) -> dict:
    return {
        "forum_unread_notifications": SimpleLazyObject(
            lambda: services.unread_notification_count(request.user)
        ),
        "is_moderator": SimpleLazyObject(lambda: access.is_moderator(request.user)),
    }
