"""How events leave the site: iCalendar feeds (RFC 5545) and schema.org/Event JSON-LD.

Times are written in Europe/Paris with its VTIMEZONE, so a calendar shows 20 h whether the event falls in
winter or summer time.
"""

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from evenements.models import PARIS, Event

# Events that ended less than this long ago stay in the feeds, so a calendar does not drop them at once.
FEED_HISTORY = timedelta(days=60)
UID_DOMAIN = "evenements.1000cafes.fr"


def feed_events(events):
    """The events a feed carries: not ended more than FEED_HISTORY ago, with their café and commune."""
    return (
        events.filter(end__gte=timezone.now() - FEED_HISTORY)
        .select_related("cafe__commune__department")
        .order_by("start", "pk")
    )


def location(event: Event) -> str:
    commune = event.cafe.commune
    return ", ".join(
        part for part in (event.cafe.title, event.cafe.address, f"{commune.postcode} {commune.name}") if part
    )


def calendar(events, name: str, request: HttpRequest) -> bytes:
    """An iCalendar file of `events`, named `name` in calendar apps."""
    cal = Calendar()
    cal.add("prodid", "-//Réseau 1000 cafés//Agenda//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Paris")
    for event in events:
        item = CalendarEvent()
        item.add("uid", f"evenement-{event.pk}@{UID_DOMAIN}")
        item.add("dtstamp", event.created_at)
        item.add("dtstart", timezone.localtime(event.start, PARIS))
        item.add("dtend", timezone.localtime(event.end, PARIS))
        item.add("summary", event.title)
        item.add("description", event.description)
        item.add("location", location(event))
        item.add("url", request.build_absolute_uri(event.get_absolute_url()))
        if event.cafe.commune.latitude is not None:
            item.add("geo", (event.cafe.commune.latitude, event.cafe.commune.longitude))
        cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()


def event_json_ld(event: Event, request: HttpRequest) -> dict:
    """schema.org/Event for search engines and calendar assistants."""
    commune = event.cafe.commune
    url = request.build_absolute_uri(event.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.description,
        "startDate": timezone.localtime(event.start, PARIS).isoformat(),
        "endDate": timezone.localtime(event.end, PARIS).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": url,
        "location": {
            "@type": "Place",
            "name": event.cafe.title,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": event.cafe.address,
                "postalCode": commune.postcode,
                "addressLocality": commune.name,
                "addressRegion": commune.department.region.name,
                "addressCountry": "FR",
            },
        },
        "organizer": {
            "@type": "Organization",
            "name": event.cafe.title,
            "url": request.build_absolute_uri(event.cafe.url),
        },
        "isAccessibleForFree": event.is_free,
        "offers": {
            "@type": "Offer",
            "price": f"{event.price:.2f}",
            "priceCurrency": "EUR",
            "url": url,
            "availability": "https://schema.org/SoldOut" if event.is_full else "https://schema.org/InStock",
        },
    }
    if commune.latitude is not None:
        data["location"]["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": commune.latitude,
            "longitude": commune.longitude,
        }
    if event.registration_required and event.capacity:
        data["maximumAttendeeCapacity"] = event.capacity
        data["remainingAttendeeCapacity"] = event.places_remaining
    return data
