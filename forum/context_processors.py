"""What every page needs from the forum: the header's unread notifications and chat messages, counted in one
query and only if shown."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject, lazy

from forum import services
from reseau import access


def _counts(request: HttpRequest) -> tuple[int, int]:
    """Counted once per request: the header reads each number several times (test, count, plurals)."""
    if not hasattr(request, "_header_counts"):
        request._header_counts = services.header_counts(request.user)
    return request._header_counts


# Built once: lazy() makes a new proxy class at each call (~0.3 ms a page).
_notifications = lazy(lambda request: _counts(request)[0], int)
_messages = lazy(lambda request: _counts(request)[1], int)


def forum(request: HttpRequest) -> dict:
    return {
        "forum_unread_notifications": _notifications(request),
        "chat_unread": _messages(request),
        "is_moderator": SimpleLazyObject(lambda: access.is_moderator(request.user)),
    }
