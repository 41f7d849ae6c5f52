"""evenements in the rest of the site: a café page's next events (through reseau's page-sections hook) and
the events and "we ran it" reports in the Wagtail admin, for the team."""

from django.http import HttpRequest
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from evenements.models import Event, FormatRun
from reseau.models import CafePage
from reseau.templatetags.reseau_tags import PAGE_SECTIONS_HOOK

CAFE_PAGE_EVENTS = 5


@hooks.register(PAGE_SECTIONS_HOOK)
def cafe_next_events(request: HttpRequest, page) -> tuple[str, dict] | None:
    """On a café's page: its next events, its iCalendar feed and a link to the agenda filtered on it."""
    if not isinstance(page, CafePage):
        return None
    events = list(Event.objects.upcoming().filter(cafe=page)[: CAFE_PAGE_EVENTS + 1])
    return (
        "evenements/includes/cafe_events.html",
        {"cafe": page, "events": events[:CAFE_PAGE_EVENTS], "more": len(events) > CAFE_PAGE_EVENTS},
    )


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = "Évènements datés"
    list_display = ["title", "cafe", "start", "seats_taken"]


class FormatRunViewSet(SnippetViewSet):
    model = FormatRun
    icon = "tick-inverse"
    menu_label = "« Nous l'avons fait »"
    list_display = ["format", "cafe", "date", "attendance", "rating"]


class EventsGroup(SnippetViewSetGroup):
    menu_label = "Évènements"
    menu_icon = "date"
    items = (EventViewSet, FormatRunViewSet)


register_snippet(EventsGroup)
