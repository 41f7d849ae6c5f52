from django.utils import timezone

from evenements import demo
from evenements.models import Event, EventFormatPage, FormatRun, Registration
from reseau import demo as reseau_demo
from tests import geo


def counts() -> tuple[int, ...]:
    return (
        EventFormatPage.objects.count(),
        Event.objects.count(),
        FormatRun.objects.count(),
        Registration.objects.count(),
    )


def load_demo() -> None:
    """The network's demo cafés and accounts on their real communes (without the full geography import),
    then this app's demo content, as load_demo runs it."""
    for insee, *_ in reseau_demo.CAFES:
        geo.commune(insee)
    cafes = reseau_demo.ensure_cafes(reseau_demo.ensure_home())
    reseau_demo.ensure_accounts(cafes)
    demo.load(print)


def test_demo_has_15_formats_30_upcoming_events_and_is_idempotent(db, client):
    load_demo()
    first = counts()
    assert first[0] >= 15
    upcoming = Event.objects.filter(start__gt=timezone.now())
    assert upcoming.count() >= 30
    assert upcoming.values("cafe").distinct().count() >= 6
    for event in Event.objects.exclude(capacity=None):
        assert event.seats_taken == sum(event.registrations.values_list("seats", flat=True))
    load_demo()
    assert counts() == first
    formats = client.get("/evenements/formats/")
    assert formats.status_code == 200 and len(formats.context["formats"]) >= 12  # the public ones
    assert client.get("/evenements/agenda/").status_code == 200
    assert client.get("/evenements/").status_code == 200
    quiz = EventFormatPage.objects.get(slug="soiree-quiz")
    assert "Mené par 3 cafés" in client.get(quiz.url).content.decode()
