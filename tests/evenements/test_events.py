import json
import re
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from evenements.models import PARIS, Event
from tests.conftest import CULHAT
from tests.evenements.conftest import paris


def event_post(cafe, **overrides) -> dict:
    day = (timezone.localdate() + timedelta(days=30)).isoformat()
    data = {
        "cafe": cafe.pk,
        "format": "",
        "title": "Soirée jeux de société",
        "description": "Apportez vos jeux préférés.",
        "start_date": day,
        "start_time": "19:00",
        "end_date": day,
        "end_time": "23:00",
        "price": "0",
        "capacity": "",
    }
    data.update(overrides)
    return data


def test_member_turns_a_format_into_an_event_with_fields_prefilled(member_client, quiz, cafe):
    response = member_client.get(quiz.url)
    link = f"/evenements/agenda/nouveau/?format={quiz.pk}"
    assert link in response.content.decode()
    response = member_client.get(link)
    form = response.context["form"]
    start = timezone.localdate() + timedelta(days=21)
    html = response.content.decode()  # what the browser's date and time inputs receive
    assert f'type="date" name="start_date" value="{start.isoformat()}"' in html
    assert 'type="time" name="end_time" value="20:30"' in html
    assert form["title"].value() == "Soirée quiz"
    assert form["description"].value() == quiz.summary
    assert form["format"].value() == quiz.pk
    assert form["capacity"].value() == 30
    assert form["start_date"].value() == start and str(form["start_time"].value()) == "18:00:00"
    assert str(form["end_time"].value()) == "20:30:00"  # the format lasts 2 h 30
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(cafe=cafe.pk, registration_required="on")
    response = member_client.post("/evenements/agenda/nouveau/", data)
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert (event.cafe, event.format, event.capacity, event.title) == (cafe, quiz, 30, "Soirée quiz")
    assert timezone.localtime(event.start, PARIS).hour == 18
    assert event.end - event.start == timedelta(minutes=150)


def last_sunday(year: int, month: int) -> date:
    day = date(year, month, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def test_times_are_paris_wall_clock_across_daylight_saving_changes(member_client, cafe):
    year = timezone.localdate().year + 1
    spring, autumn = last_sunday(year, 3), last_sunday(year, 10)
    # The Saturday before the spring change is in winter time (UTC+1), its Sunday in summer time (UTC+2);
    # the other way round in October.
    days = [spring - timedelta(days=1), spring, autumn - timedelta(days=1), autumn]
    for day in days:
        data = event_post(
            cafe, title=f"Concert {day}", start_date=day, end_date=day, start_time="20:00", end_time="22:00"
        )
        assert member_client.post("/evenements/agenda/nouveau/", data).status_code == 302
    starts = {e.title[-10:]: e.start.astimezone(UTC).hour for e in Event.objects.all()}
    assert starts == dict(zip(map(str, days), (19, 18, 18, 19), strict=True))
    ics = icalendar.Calendar.from_ical(Client().get("/evenements/agenda/reseau.ics").content)
    local_hours = {str(e["summary"])[-10:]: e.decoded("dtstart").hour for e in ics.walk("VEVENT")}
    assert local_hours == dict.fromkeys(starts, 20)


def test_a_time_that_does_not_exist_in_paris_is_refused(member_client, cafe):
    spring = str(last_sunday(timezone.localdate().year + 1, 3))
    data = event_post(cafe, start_date=spring, end_date=spring, start_time="02:30", end_time="04:00")
    response = member_client.post("/evenements/agenda/nouveau/", data)
    assert response.status_code == 400
    assert "Cette heure n&#x27;existe pas ce jour-là" in response.content.decode()
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_time": "18:00"}, "end_time", "La fin doit venir après le début."),
        (
            {"start_date": "2020-05-01", "end_date": "2020-05-01"},
            "start_date",
            "La date de début est passée : choisissez une date à venir.",
        ),
        (
            {"registration_required": "on", "capacity": "0"},
            "capacity",
            "La capacité doit être d'au moins une place.",
        ),
        (
            {"registration_required": "on", "capacity": "-5"},
            "capacity",
            "La capacité doit être d'au moins une place.",
        ),
        (
            {"registration_required": "on", "capacity": ""},
            "capacity",
            "Indiquez le nombre de places pour un évènement sur inscription.",
        ),
        ({"price": "-3"}, "price", "Le prix ne peut pas être négatif (0 pour un évènement gratuit)."),
        ({"title": ""}, "title", "Champ requis."),
    ],
)
def test_bad_event_input_is_refused_next_to_its_field_and_nothing_is_lost_or_stored(
    member_client, cafe, overrides, field, message
):
    data = event_post(cafe, **overrides)
    response = member_client.post("/evenements/agenda/nouveau/", data)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors[field] == [message]
    content = response.content.decode()
    assert f'id="id_{field}-erreurs"' in content
    if data["title"]:
        assert 'value="Soirée jeux de société"' in content
    assert "Apportez vos jeux préférés." in content
    assert not Event.objects.exists()


def test_visitor_is_sent_to_log_in_and_a_member_cannot_publish_for_another_cafe(
    client, member_client, cafe, make_cafe
):
    visitor = Client()
    response = visitor.get("/evenements/agenda/nouveau/")
    assert response.status_code == 302 and response["Location"].startswith("/compte/connexion/")
    culhat = make_cafe(CULHAT)
    response = member_client.post("/evenements/agenda/nouveau/", event_post(culhat))
    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in response.context["form"].errors["cafe"][0]
    assert not Event.objects.exists()


def test_account_without_cafe_is_told_why(client, make_user, cafe):
    user = make_user("sans-cafe")
    from reseau.models import Member

    Member.objects.create(user=user, cafe=None)
    client.force_login(user)
    response = client.get("/evenements/agenda/nouveau/")
    assert response.status_code == 403
    assert "Aucun café rattaché à votre compte" in response.content.decode()


def test_members_only_format_is_not_offered_to_prefill_for_visitors_or_leaked_on_public_event(
    member_client, make_format, make_event
):
    from reseau.access import Visibility

    secret = make_format("Réunion des gérants", visibility=Visibility.MEMBERS)
    event = make_event("Rencontre", format=secret)
    content = Client().get(event.get_absolute_url()).content.decode()
    assert "Réunion des gérants" not in content
    assert "Réunion des gérants" in member_client.get(event.get_absolute_url()).content.decode()


def test_event_page_carries_schema_org_event_json_ld(client, make_event, cafe):
    event = make_event(
        "Concert de printemps", start=paris(12, 20, 30), price="8.50", registration_required=True, capacity=40
    )
    content = client.get(event.get_absolute_url()).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Event" and data["name"] == "Concert de printemps"
    start = datetime.fromisoformat(data["startDate"])
    assert start == event.start and (start.hour, start.minute) == (20, 30)
    assert data["location"]["address"]["addressLocality"] == "Beaulon"
    assert data["offers"] == {
        "@type": "Offer",
        "price": "8.50",
        "priceCurrency": "EUR",
        "url": f"http://testserver{event.get_absolute_url()}",
        "availability": "https://schema.org/InStock",
    }
    assert data["maximumAttendeeCapacity"] == 40 and data["remainingAttendeeCapacity"] == 40


def test_json_ld_cannot_be_broken_out_of_by_a_title(client, make_event):
    event = make_event("</script><script>alert(1)</script>")
    content = client.get(event.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in content
    assert "\\u003C/script\\u003E" in content


def test_ical_feeds_per_cafe_and_for_the_network_parse_and_list_the_right_events(
    client, make_event, make_cafe
):
    culhat = make_cafe(CULHAT)
    here = make_event("Quiz à Beaulon")
    there = make_event("Marché à Culhat", cafe=culhat, days=5)
    make_event("Vieille fête", start=timezone.now() - timedelta(days=200))
    network = client.get("/evenements/agenda/reseau.ics")
    assert network["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(network.content)
    assert str(calendar["version"]) == "2.0" and calendar["prodid"]
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Quiz à Beaulon", "Marché à Culhat"}
    assert str(events["Quiz à Beaulon"]["uid"]) == f"evenement-{here.pk}@evenements.1000cafes.fr"
    assert events["Quiz à Beaulon"].decoded("dtstart") == here.start
    assert events["Quiz à Beaulon"]["dtstart"].params["TZID"] == "Europe/Paris"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert "Beaulon" in str(events["Quiz à Beaulon"]["location"])
    cafe_feed = icalendar.Calendar.from_ical(
        client.get(f"/evenements/agenda/cafes/{culhat.slug}.ics").content
    )
    assert [str(e["summary"]) for e in cafe_feed.walk("VEVENT")] == ["Marché à Culhat"]
    assert str(cafe_feed.walk("VEVENT")[0]["url"]).endswith(there.get_absolute_url())
    assert client.get("/evenements/agenda/cafes/nulle-part.ics").status_code == 404


def test_agenda_lists_upcoming_events_by_region_and_by_cafe(client, make_event, make_cafe, cafe):
    bauche = make_cafe("73033")  # Savoie, Auvergne-Rhône-Alpes like Beaulon
    guilligomarch = make_cafe("29071")  # Finistère, Bretagne
    make_event("Quiz à Beaulon")
    make_event("Randonnée à La Bauche", cafe=bauche)
    make_event("Fest-noz", cafe=guilligomarch)
    make_event("Fête passée", start=timezone.now() - timedelta(days=3))

    def titles(**params) -> list[str]:
        response = client.get("/evenements/agenda/", params)
        assert response.status_code == 200
        return sorted(e.title for e in response.context["events"])

    assert titles() == ["Fest-noz", "Quiz à Beaulon", "Randonnée à La Bauche"]
    assert titles(region="53") == ["Fest-noz"]
    assert titles(region="84") == ["Quiz à Beaulon", "Randonnée à La Bauche"]
    assert titles(cafe=bauche.slug) == ["Randonnée à La Bauche"]
    response = client.get("/evenements/agenda/", {"region": "99"})
    assert "Sélectionnez un choix valide" in response.content.decode()


def test_agenda_query_count_does_not_grow_with_events(
    client, make_event, make_cafe, django_assert_max_num_queries
):
    cafes = [make_cafe(insee) for insee in ("63131", "73033", "29071", "35248")]
    for n in range(40):
        make_event(
            f"Évènement {n}", cafe=cafes[n % 4], days=n + 1, registration_required=n % 2 == 0, capacity=20
        )
    client.get("/evenements/agenda/")  # the site's frame is read once per pages version (reseau.page_cache)
    with django_assert_max_num_queries(10):
        response = client.get("/evenements/agenda/")
    assert len(response.context["events"]) == 30
    with django_assert_max_num_queries(10):
        response = client.get("/evenements/agenda/", {"region": "84", "page": "2"})
    assert response.status_code == 200


def test_cafe_page_lists_its_next_events_through_the_page_sections_hook(client, cafe, make_event, make_cafe):
    other = make_cafe(CULHAT)
    make_event("Quiz du jeudi", days=3)
    make_event("Soupe partagée", days=1)
    make_event("Ailleurs", cafe=other)
    make_event("Déjà passé", start=timezone.now() - timedelta(days=2))
    content = client.get(cafe.url).content.decode()
    assert "Prochains évènements" in content
    assert content.index("Soupe partagée") < content.index("Quiz du jeudi")
    assert "Ailleurs" not in content and "Déjà passé" not in content
    assert f"/evenements/agenda/cafes/{cafe.slug}.ics" in content


def test_events_section_page_renders(client, events_index, formats_index, make_event):
    make_event("Quiz du jeudi")
    content = client.get(events_index.url).content.decode()
    assert "Quiz du jeudi" in content and formats_index.url in content and "/evenements/agenda/" in content
