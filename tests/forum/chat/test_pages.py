"""The chat's pages without JavaScript: history, the plain form, rooms, access, unread counts."""

import uuid

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum import chat_services
from forum import services as forum_services
from forum.chat_markup import render
from forum.chat_models import ChatMessage, Room, RoomMembership
from reseau import access

from .conftest import fill

pytestmark = pytest.mark.django_db


def post(client, url, body, client_id=None):
    return client.post(url, {"body": body, "client_id": client_id or str(uuid.uuid4())})


def test_visitor_is_sent_to_log_in_and_account_without_cafe_is_refused(client, outsider):
    response = client.get("/discussion/")
    assert response.status_code == 302 and response["Location"].startswith("/compte/connexion/")
    client.force_login(outsider)
    assert client.get("/discussion/").status_code == 403


def test_member_posts_without_javascript_and_sees_the_message_after_reload(member_client, member):
    response = post(member_client, "/discussion/", "Bonjour le réseau ! Voir https://example.org/guide.")
    assert response.status_code == 302 and response["Location"] == "/discussion/"
    page = member_client.get("/discussion/").content.decode()
    assert "Bonjour le réseau !" in page
    assert '<a href="https://example.org/guide" rel="nofollow noopener noreferrer">' in page
    assert ChatMessage.objects.get().author == member


def test_posting_the_same_form_twice_stores_one_message(member_client):
    client_id = str(uuid.uuid4())
    post(member_client, "/discussion/", "Commande groupée de café bio", client_id)
    post(member_client, "/discussion/", "Commande groupée de café bio", client_id)
    assert ChatMessage.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "error"),
    [("   ", "Le message est vide."), ("x" * 4001, "au plus 4000 caractères")],
)
def test_bad_message_shows_the_error_beside_the_field_and_keeps_the_text(member_client, body, error):
    response = post(member_client, "/discussion/", body)
    assert response.status_code == 400
    page = response.content.decode()
    assert error in page.replace("\u202f", " ").replace("\xa0", " ") or error in page
    if body.strip():
        assert body in page
    assert ChatMessage.objects.count() == 0


@pytest.mark.usefixtures("one_rate_window")
def test_rate_limit_message_is_shown_and_the_text_kept(member_client, monkeypatch):
    monkeypatch.setattr(chat_services, "RATE_LIMIT_MESSAGES", 1)
    post(member_client, "/discussion/", "Premier message")
    response = post(member_client, "/discussion/", "Deuxième message trop rapide")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vous envoyez trop de messages" in page and "Deuxième message trop rapide" in page
    assert ChatMessage.objects.count() == 1


def test_history_shows_fifty_messages_and_a_link_to_older_ones(member_client, member):
    room = chat_services.network_room()
    fill(room, member, 75)
    page = member_client.get("/discussion/").content.decode()
    assert 'id="message-75"' in page and 'id="message-26"' in page and 'id="message-25"' not in page
    assert 'href="?avant=26"' in page
    older = member_client.get("/discussion/?avant=26").content.decode()
    assert 'id="message-1"' in older and 'id="message-25"' in older and 'id="message-26"' not in older
    assert "Revenir aux derniers messages" in older


@pytest.mark.parametrize("count", [5, 60])
def test_room_page_queries_do_not_grow_with_messages_or_rooms(
    member_client, member, other_member, django_assert_max_num_queries, count
):
    room = chat_services.network_room()
    fill(room, member, count)
    fill(room, other_member, count)
    for n in range(count // 5):
        Room.objects.create(kind=Room.Kind.TOPIC, slug=f"theme-{n}", name=f"Thème {n}")
    member_client.get("/discussion/")  # joins the default rooms once
    with django_assert_max_num_queries(19):  # 18 for the chat, 1 for the header's forum notification count
        assert member_client.get("/discussion/").status_code == 200
    with django_assert_max_num_queries(19):  # 18 for the chat, 1 for the header's forum notification count
        assert member_client.get("/discussion/theme-0/").status_code == 200


def test_unread_counts_appear_in_the_navigation_and_clear_on_reading(
    member_client, member, other_member, make_thread, members_category
):
    member_client.get("/discussion/")
    room = chat_services.network_room()
    for n in range(3):
        chat_services.post_message(other_member, room, f"Nouvelle n°{n}", uuid.uuid4())
    forum_services.reply(other_member, make_thread(member, members_category), "Je réponds à votre sujet")
    with CaptureQueriesContext(connection) as queries:
        page = member_client.get("/compte/").content.decode()
    assert '3<span class="visually-hidden"> messages non lus</span>' in page
    assert '<span class="badge" data-notification-count>1</span>' in page
    # the header shows both numbers, and each plural twice: counted once, in one query
    sqls = [query["sql"] for query in queries.captured_queries]
    counting = [sql for sql in sqls if "forum_roommembership" in sql or "forum_notification" in sql]
    assert len(counting) == 1
    assert "forum_roommembership" in counting[0] and "forum_notification" in counting[0]
    member_client.get("/discussion/")
    page = member_client.get("/compte/").content.decode()
    assert "non lus</span>" not in page


def test_a_former_member_sees_no_chat_count(member_client, member, other_member):
    member_client.get("/discussion/")
    chat_services.post_message(other_member, chat_services.network_room(), "Encore là ?", uuid.uuid4())
    page = member_client.get("/compte/").content.decode()
    assert '1<span class="visually-hidden"> message non lu</span>' in page
    member.member.delete()
    page = member_client.get("/compte/").content.decode()
    assert "non lu</span>" not in page and "Discussion" not in page
    assert '<span class="badge" data-notification-count>0</span>' in page


def test_region_room_is_the_cafe_communes_department_region(member, breton):
    chat_services.join_default_rooms(member)
    chat_services.join_default_rooms(breton)
    mine = {m.room.name for m in RoomMembership.objects.filter(user=member).select_related("room")}
    theirs = {m.room.name for m in RoomMembership.objects.filter(user=breton).select_related("room")}
    assert mine == {"Tout le réseau", "Région Auvergne-Rhône-Alpes"}
    assert theirs == {"Tout le réseau", "Région Bretagne"}


def test_direct_conversation_is_for_its_two_members_only(member_client, member, other_member, breton, client):
    response = member_client.post("/discussion/prive/", {"username": "gerant-culhat"})
    room = Room.objects.get(kind=Room.Kind.DIRECT)
    assert response["Location"] == f"/discussion/{room.slug}/"
    post(member_client, response["Location"], "Entre nous : le fournisseur de sirops est fiable ?")
    client.force_login(breton)
    assert client.get(response["Location"]).status_code == 403
    assert room not in access.enterable_rooms(Room.objects.all(), breton)
    assert room in access.enterable_rooms(Room.objects.all(), other_member)
    assert "le fournisseur de sirops" not in client.get("/discussion/").content.decode()


def test_direct_conversation_with_an_unknown_member_explains_why(member_client):
    response = member_client.post("/discussion/prive/", {"username": "personne-inconnue"})
    assert response.status_code == 400
    assert (
        "Aucun membre du réseau n&#x27;a l&#x27;identifiant « personne-inconnue »"
        in response.content.decode()
    )


def test_only_the_team_creates_topic_rooms(member_client, client, make_user):
    assert member_client.get("/discussion/salons/nouveau/").status_code == 403
    organiser = make_user("animation", group="Moderators")
    client.force_login(organiser)
    response = client.post("/discussion/salons/nouveau/", {"name": "Épicerie et circuits courts"})
    room = Room.objects.get(kind=Room.Kind.TOPIC)
    assert (
        response["Location"] == f"/discussion/{room.slug}/"
        and room.slug == "theme-epicerie-et-circuits-courts"
    )
    assert member_client.get(response["Location"]).status_code == 200
    assert Group.objects.filter(name="Moderators").exists()


def test_links_are_rendered_safe():
    html = render(
        '<script>alert(1)</script> javascript:alert(1) https://exemple.fr/a?b=1&c=2 "@gerant-culhat"'
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert '<a href="https://exemple.fr/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">' in html
    assert '<span class="chat-mention">@gerant-culhat</span>' in html


def test_sequence_numbers_are_per_room(member, breton):
    network = chat_services.network_room()
    chat_services.join_default_rooms(breton)
    region = Room.objects.get(kind=Room.Kind.REGION)
    seqs = [
        chat_services.post_message(member, network, "a", uuid.uuid4())[0].seq,
        chat_services.post_message(breton, region, "b", uuid.uuid4())[0].seq,
        chat_services.post_message(member, network, "c", uuid.uuid4())[0].seq,
    ]
    assert seqs == [1, 1, 2]
