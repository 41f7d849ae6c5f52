import threading
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.test import Client
from django.utils import timezone

from evenements.models import Event, FormatRun, Registration
from tests.conftest import CULHAT


def register(client, event, **overrides):
    data = {"name": "Camille Martin", "email": "camille@exemple.invalid", "seats": "1", **overrides}
    return client.post(event.get_absolute_url(), data)


def test_visitor_registers_and_the_places_are_counted(client, make_event):
    event = make_event(registration_required=True, capacity=10)
    response = register(client, event, seats="3", email="Camille@Exemple.invalid")
    assert response.status_code == 302
    assert "Votre inscription est enregistrée" in client.get(response["Location"]).content.decode()
    event.refresh_from_db()
    assert event.seats_taken == 3 and event.places_remaining == 7
    assert Registration.objects.get().email == "camille@exemple.invalid"


@pytest.mark.parametrize(
    ("event_fields", "overrides", "field", "message"),
    [
        ({"capacity": 2, "seats_taken": 2}, {}, None, "C'est complet : il ne reste plus de place."),
        (
            {"capacity": 5, "seats_taken": 3},
            {"seats": "3"},
            "seats",
            "Il ne reste que 2 places : réservez-en moins.",
        ),
        ({"days": -1}, {}, None, "Les inscriptions sont closes : l'évènement a commencé ou est passé."),
        (
            {"registration_required": False},
            {},
            None,
            "Cet évènement est en accès libre : pas besoin de s'inscrire.",
        ),
        ({}, {"seats": "0"}, "seats", "Réservez au moins une place."),
        ({}, {"seats": "11"}, "seats", "Au-delà de 10 places, contactez directement le café."),
        ({}, {"email": "pas-une-adresse"}, "email", "Saisissez une adresse de courriel valide."),
        ({}, {"name": ""}, "name", "Champ requis."),
    ],
)
def test_bad_registration_is_refused_with_its_reason_and_nothing_is_stored(
    client, make_event, event_fields, overrides, field, message
):
    fields = {"registration_required": True, "capacity": 5, **event_fields}
    event = make_event(**fields)
    response = register(client, event, **overrides)
    assert response.status_code == 400
    form = response.context["form"]
    assert (form.errors[field] if field else form.non_field_errors()) == [message]
    content = response.content.decode()
    assert message.replace("'", "&#x27;") in content
    if overrides.get("name", "x") and event.registration_open:
        assert 'value="Camille Martin"' in content
    assert not Registration.objects.exists()
    event.refresh_from_db()
    assert event.seats_taken == fields.get("seats_taken", 0)


def test_same_email_cannot_register_twice_and_the_places_are_not_taken_twice(client, make_event):
    event = make_event(registration_required=True, capacity=10)
    assert register(client, event).status_code == 302
    response = register(client, event, email="CAMILLE@exemple.invalid", seats="2")
    assert response.context["form"].errors["email"] == [
        "Cette adresse e-mail est déjà inscrite à cet évènement."
    ]
    event.refresh_from_db()
    assert event.seats_taken == 1 and Registration.objects.count() == 1


def test_registrations_list_is_for_the_cafe_managers_and_the_team_only(
    member_client, make_event, make_user, make_cafe, editor
):
    event = make_event(registration_required=True, capacity=10)
    assert (
        register(Client(), event, name="Léa Dubois", email="lea@exemple.invalid", seats="2").status_code
        == 302
    )
    url = f"{event.get_absolute_url()}inscriptions/"
    response = member_client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert (
        "Léa Dubois" in content
        and "lea@exemple.invalid" in content
        and "2 places réservées sur 10" in content
    )
    assert Client().get(url).status_code == 302
    other = Client()
    other.force_login(make_user("gerant-culhat", cafe=make_cafe(CULHAT)))
    assert other.get(url).status_code == 403
    assert "lea@exemple.invalid" not in other.get(event.get_absolute_url()).content.decode()
    team = Client()
    team.force_login(editor)
    assert team.get(url).status_code == 200


def test_event_page_query_count_is_bounded(client, make_event, django_assert_max_num_queries):
    event = make_event(registration_required=True, capacity=50)
    for n in range(20):
        Registration.objects.create(event=event, name=f"P{n}", email=f"p{n}@exemple.invalid")
    with django_assert_max_num_queries(10):
        assert client.get(event.get_absolute_url()).status_code == 200


def test_registrations_list_query_count_does_not_grow(
    member_client, make_event, django_assert_max_num_queries
):
    event = make_event(registration_required=True, capacity=50)
    for n in range(30):
        Registration.objects.create(event=event, name=f"P{n}", email=f"p{n}@exemple.invalid")
    with django_assert_max_num_queries(16):
        response = member_client.get(f"{event.get_absolute_url()}inscriptions/")
    assert response.content.decode().count("@exemple.invalid</a>") == 30


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="la course aux places se joue sur PostgreSQL (passe 2) : SQLite sérialise toute écriture",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_racing_for_the_last_places_never_overbook(make_event):
    """Real concurrent requests, each thread with its own database connection (run for real on PostgreSQL)."""
    event = make_event(registration_required=True, capacity=3, seats_taken=1)
    racers = 12
    barrier = threading.Barrier(racers)
    statuses: list[int] = []

    def race(n: int) -> None:
        try:
            client = Client()
            barrier.wait()
            response = register(client, event, name=f"Personne {n}", email=f"p{n}@exemple.invalid")
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=race, args=(n,)) for n in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302, 302] + [400] * (racers - 2)
    event.refresh_from_db()
    assert event.seats_taken == 3 == 1 + Registration.objects.filter(event=event).count()


def test_the_database_itself_refuses_overbooking(make_event):
    event = make_event(registration_required=True, capacity=2, seats_taken=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(seats_taken=F("seats_taken") + 1)


def test_manager_records_the_results_of_a_past_event_and_they_flow_back_to_the_format(
    member_client, quiz, make_event
):
    event = make_event(
        "Quiz de novembre",
        format=quiz,
        start=timezone.now() - timedelta(days=2),
        registration_required=True,
        capacity=40,
        seats_taken=25,
    )
    page = member_client.get(event.get_absolute_url()).content.decode()
    link = f"/evenements/nous-l-avons-fait/?evenement={event.pk}"
    assert link in page.replace("&amp;", "&")
    form = member_client.get(link).context["form"]
    assert form["attendance"].value() == 25 and form["format"].value() == quiz.pk
    data = {
        "cafe": event.cafe_id,
        "format": quiz.pk,
        "date": timezone.localdate(event.start).isoformat(),
        "attendance": "28",
        "revenue": "310",
        "cost": "95.50",
        "rating": "5",
        "lessons": "Trois manches de dix questions suffisent.",
    }
    response = member_client.post(link, data)
    assert response.status_code == 302 and response["Location"] == quiz.url
    run = FormatRun.objects.get()
    assert run.event == event and run.balance == 214.5
    content = member_client.get(quiz.url).content.decode()
    assert "Mené par 1 café</strong> (1 fois) · en moyenne 28 participants · note moyenne 5,0/5" in content
    assert "Trois manches de dix questions suffisent." in content and "résultat 214,50 €" in content
    assert "résultat 214,50 €" not in Client().get(quiz.url).content.decode()  # figures stay for members
    again = member_client.get(link)
    assert again.status_code == 302 and FormatRun.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"date": "2099-01-01"},
            "date",
            "Cette date est à venir : le bilan se remplit une fois l'évènement passé.",
        ),
        ({"rating": "6"}, "rating", "La note va de 1 à 5."),
        ({"rating": "0"}, "rating", "La note va de 1 à 5."),
        ({"attendance": "-4"}, "attendance", "Le nombre de participants ne peut pas être négatif."),
        ({"cost": "-10"}, "cost", "Indiquez un montant positif (0 si rien)."),
        ({"lessons": ""}, "lessons", "Champ requis."),
    ],
)
def test_bad_run_report_is_refused_and_nothing_is_stored(
    member_client, quiz, cafe, overrides, field, message
):
    data = {
        "cafe": cafe.pk,
        "format": quiz.pk,
        "date": date(2026, 5, 2).isoformat(),
        "attendance": "30",
        "rating": "4",
        "lessons": "Prévoir plus de chaises.",
        **overrides,
    }
    response = member_client.post(f"/evenements/nous-l-avons-fait/?format={quiz.pk}", data)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    if data["lessons"]:
        assert "Prévoir plus de chaises." in response.content.decode()
    assert not FormatRun.objects.exists()
