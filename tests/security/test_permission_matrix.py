"""Who may do what: each role × each kind of content and action, over HTTP, the search and the websocket.

The tables below are the expected answers, written from the rules (reseau.access, the forum's authorship and
moderation, the cafés' managers); each test builds the content once and walks its whole table, then reports
every cell that disagrees, so one run shows the full picture.

Answers: "ok" (200), "login" (sent to log in), "refused" (403), "done" (the write happened), "found" /
"hidden" (in search results or not), "open" / "closed" (websocket).
"""

import uuid
from dataclasses import dataclass

import pytest
from asgiref.sync import sync_to_async
from django.core.files.base import ContentFile
from django.db import connections
from django.test import Client
from wagtail.documents.models import Document
from wagtail.models import Collection

from evenements.models import Registration
from forum import chat_services
from forum import services as forum_services
from forum.models import Post, Thread
from reseau.access import Visibility
from reseau.models import ContentPage
from search import engine
from tests.conftest import CULHAT

ROLES = ("visitor", "member", "other_member", "moderator", "editor")


def expect(visitor, member, other_member, moderator, editor) -> dict[str, str]:
    return dict(zip(ROLES, (visitor, member, other_member, moderator, editor), strict=True))


# Shorthands for the common rules.
PUBLIC = expect("ok", "ok", "ok", "ok", "ok")
MEMBERS = expect("login", "ok", "ok", "ok", "ok")  # the team counts as members
AUTHOR = expect("login", "ok", "refused", "refused", "refused")  # member wrote it
MANAGERS = expect("login", "ok", "refused", "ok", "ok")  # member manages the café; the team may act for all
MODERATORS = expect("login", "refused", "refused", "ok", "refused")


@dataclass
class World:
    users: dict
    urls: dict[str, str]
    titles: dict[str, str]
    thread: Thread
    post: Post


@pytest.fixture
def world(
    make_user,
    cafe,
    make_cafe,
    moderator,
    editor,
    make_recipe,
    make_format,
    make_event,
    members_category,
    home,
) -> World:
    member = make_user("gerant-beaulon", cafe=cafe)
    other = make_user("gerant-culhat", cafe=make_cafe(CULHAT))
    for user in (member, other):  # old enough accounts: the new members' limits are another test's subject
        user.date_joined = user.date_joined.replace(year=user.date_joined.year - 1)
        user.save(update_fields=["date_joined"])
    members_page = home.add_child(
        instance=ContentPage(title="Contrat de gérance type", body="<p>…</p>", visibility=Visibility.MEMBERS)
    )
    public_page = home.add_child(
        instance=ContentPage(title="Devenir un café du réseau", body="<p>…</p>", visibility=Visibility.PUBLIC)
    )
    recipe = make_recipe("Tourte au comté des adhérents", visibility=Visibility.MEMBERS)
    event_format = make_format("Atelier réparation réservé", visibility=Visibility.MEMBERS)
    event = make_event("Quiz de Beaulon")
    Registration.objects.create(event=event, name="Une habitante", email="habitante@beaulon.invalid")
    thread = forum_services.create_thread(
        member, members_category, "Livraisons de boissons en hiver", "Vos astuces ?"
    )
    document = Document.objects.create(
        title="Convention de partenariat",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="convention.pdf"),
        collection=Collection.get_first_root_node(),
    )
    post = thread.posts.get()
    return World(
        users={
            "visitor": None,
            "member": member,
            "other_member": other,
            "moderator": moderator,
            "editor": editor,
        },
        urls={
            "members_page": members_page.url,
            "public_page": public_page.url,
            "recipe": recipe.url,
            "event_format": event_format.url,
            "thread": thread.get_absolute_url(),
            "category": f"/forum/{members_category.slug}/",
            "new_thread": f"/forum/{members_category.slug}/nouveau/",
            "reply": f"/forum/sujet/{thread.pk}/repondre/",
            "edit": f"/forum/message/{post.pk}/modifier/",
            "delete": f"/forum/message/{post.pk}/supprimer/",
            "moderation": "/forum/moderation/",
            "hide": f"/forum/message/{post.pk}/moderer/masquer/",
            "registrations": f"/evenements/agenda/{event.pk}-{event.slug}/inscriptions/",
            "document": document.url,
            "chat": "/discussion/",
            "share_recipe": "/recettes/partager/",
            "admin": "/admin/",
            "admin_edit_page": f"/admin/pages/{members_page.pk}/edit/",
            "recipes": "/recettes/",
            "formats": "/evenements/formats/",
            "forum": "/forum/",
        },
        titles={
            "members_page": members_page.title,
            "public_page": public_page.title,
            "recipe": recipe.title,
            "event_format": event_format.title,
            "thread": thread.title,
        },
        thread=thread,
        post=post,
    )


# (what, method, url key, expected answer per role)
HTTP_READS = [
    ("see a public page", "public_page", PUBLIC),
    ("see a members' page", "members_page", MEMBERS),
    ("see a members' recipe", "recipe", MEMBERS),
    ("see a members' event format", "event_format", MEMBERS),
    ("see a members' forum thread", "thread", MEMBERS),
    ("list a members' forum category", "category", MEMBERS),
    ("open the form of a new thread", "new_thread", MEMBERS),
    ("open the form to edit a post", "edit", AUTHOR),
    ("open the form to delete a post", "delete", AUTHOR),
    ("see the moderation queue", "moderation", MODERATORS),
    ("see who registered for a café's event", "registrations", MANAGERS),
    ("download a members' document", "document", MEMBERS),
    ("open the chat", "chat", MEMBERS),
    ("open the form to share a recipe", "share_recipe", MEMBERS),
    ("open the admin", "admin", expect("login", "login", "login", "ok", "ok")),
    ("edit a members' page in the admin", "admin_edit_page", expect("login", "login", "login", "ok", "ok")),
]

# Lists: is the members-only item's title in the list page each role gets? (url key, title key, expected)
LISTS = [
    ("recipes", "recipe", MEMBERS),
    ("formats", "event_format", MEMBERS),
    ("forum", "thread", MEMBERS),
]


LOGIN_PAGES = ("/compte/connexion/", "/admin/login/")


def answer(response) -> str:
    if response.status_code == 200:
        return "ok"
    if response.status_code == 302 and response["Location"].startswith(LOGIN_PAGES):
        return "login"
    if response.status_code == 403:
        return "refused"
    if response.status_code == 302:
        return "done"
    return str(response.status_code)


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_http_reads(world):
    clients = {role: client_for(user) for role, user in world.users.items()}
    wrong = []
    for what, key, expected in HTTP_READS:
        for role in ROLES:
            got = answer(clients[role].get(world.urls[key]))
            if got != expected[role]:
                wrong.append(f"{what} / {role}: {got}, attendu {expected[role]}")
    for url_key, title_key, expected in LISTS:
        for role in ROLES:
            response = clients[role].get(world.urls[url_key])
            listed = response.status_code == 200 and world.titles[title_key] in response.content.decode()
            if listed != (expected[role] == "ok"):
                wrong.append(f"list {url_key} / {role}: {'listé' if listed else 'absent'}")
    assert wrong == [], "\n".join(wrong)


# Writes, in an order where each one leaves the next meaningful: (what, url key, form data, expected, check).
# A refused write must change nothing; `check` reads what a done write must have changed.
HTTP_WRITES = [
    (
        "create a thread",
        "new_thread",
        {"title": "Un sujet de {role}", "body": "Bonjour"},
        MEMBERS | {"member": "done", "other_member": "done", "moderator": "done", "editor": "done"},
        lambda world, role: Thread.objects.filter(title=f"Un sujet de {role}").exists(),
    ),
    (
        "reply",
        "reply",
        {"body": "Réponse de {role}"},
        MEMBERS | {"member": "done", "other_member": "done", "moderator": "done", "editor": "done"},
        lambda world, role: Post.objects.filter(body=f"Réponse de {role}").exists(),
    ),
    (
        "edit someone's post",
        "edit",
        {"body": "Texte de {role}"},
        AUTHOR | {"member": "done"},
        lambda world, role: Post.objects.get(pk=world.post.pk).body == f"Texte de {role}",
    ),
    (
        "hide a post (moderation)",
        "hide",
        {"reason": "Hors sujet"},
        MODERATORS | {"moderator": "done"},
        lambda world, role: Post.objects.get(pk=world.post.pk).hidden_at is not None,
    ),
]


def test_http_writes(world):
    wrong = []
    for what, key, data, expected, check in HTTP_WRITES:
        for role in ROLES:
            before = check(world, role)
            response = client_for(world.users[role]).post(
                world.urls[key], {name: value.format(role=role) for name, value in data.items()}
            )
            got = answer(response)
            changed = check(world, role) and not before
            if got != expected[role] or changed != (expected[role] == "done"):
                wrong.append(f"{what} / {role}: {got}, changé={changed}, attendu {expected[role]}")
    assert wrong == [], "\n".join(wrong)
    # The author cannot delete once a moderator hid the post; a fresh post of theirs they can.
    own = forum_services.reply(world.users["member"], world.thread, "À supprimer")
    for role in ("other_member", "moderator", "editor", "member"):
        client_for(world.users[role]).post(f"/forum/message/{own.pk}/supprimer/")
        deleted = Post.objects.get(pk=own.pk).deleted_at is not None
        assert deleted == (role == "member"), role


# Search: which titles each role finds, through the engine and through the page and the suggestions.
SEARCHES = [
    ("a members' page", "members_page", "contrat gérance", MEMBERS),
    ("a public page", "public_page", "devenir café réseau", PUBLIC),
    ("a members' recipe", "recipe", "tourte comté", MEMBERS),
    ("a members' event format", "event_format", "atelier réparation", MEMBERS),
]


def test_search(world):
    engine.rebuild_index()
    wrong = []
    for what, key, query, expected in SEARCHES:
        title = world.titles[key]
        for role in ROLES:
            user = world.users[role]
            client = client_for(user)
            outcome = engine.run_search(user or _anonymous(), query, {}, "")
            found = {
                "moteur": any(hit.title == title for hit in outcome.response.results),
                "page": title in client.get("/recherche/", {"q": query}).content.decode(),
                "suggestions": title in suggested(client, title[:6]),
            }
            wanted = expected[role] == "ok"
            wrong.extend(f"{what} / {role} / {where}: {got}" for where, got in found.items() if got != wanted)
    # The forum's own search: the members' thread for members only.
    for role in ROLES:
        page = client_for(world.users[role]).get("/forum/recherche/", {"q": "livraisons"})
        if (world.thread.title in page.content.decode()) != (MEMBERS[role] == "ok"):
            wrong.append(f"forum / {role}")
    assert wrong == [], "\n".join(wrong)


def suggested(client: Client, text: str) -> list[str]:
    return [
        found["texte"] for found in client.get("/recherche/suggestions/", {"q": text}).json()["suggestions"]
    ]


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


# The chat, over the websocket through the whole ASGI stack (origin check, session, routing).
CHAT = [
    ("connect", expect("closed", "open", "open", "open", "open")),
    ("write in the network's room", expect("closed", "done", "done", "done", "done")),
    (
        "write in a direct conversation between member and moderator",
        expect("closed", "done", "refused", "done", "refused"),
    ),
]


async def next_answer(communicator) -> dict:
    """The server's answer to a message: its "ack", or the "error" that refused it."""
    while True:
        frame = await communicator.receive_json_from(timeout=3)
        if frame["type"] in ("ack", "error"):
            return frame


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_chat_over_the_websocket(make_user, cafe, make_cafe, moderator, editor):
    from tests.forum.chat.conftest import open_socket

    users = {
        "visitor": None,
        "member": await sync_to_async(make_user)("gerant-beaulon", cafe=cafe),
        "other_member": await sync_to_async(make_user)(
            "gerant-culhat", cafe=await sync_to_async(make_cafe)(CULHAT)
        ),
        "moderator": moderator,
        "editor": editor,
    }
    network = await sync_to_async(chat_services.network_room)()
    direct = await sync_to_async(chat_services.direct_room)(users["member"], moderator)
    wrong = []
    for role in ROLES:
        communicator, connected, _ = await open_socket(users[role])
        # A refused connection is told why, then closed; an accepted one is told it is ready.
        first = await communicator.receive_json_from(timeout=3) if connected else {"type": "closed"}
        got = {"connect": "open" if first["type"] == "ready" else "closed"}
        for action, room in ((CHAT[1][0], network), (CHAT[2][0], direct)):
            if got["connect"] == "closed":
                got[action] = "closed"
                continue
            await communicator.send_json_to(
                {
                    "type": "message",
                    "room": room.slug,
                    "client_id": str(uuid.uuid4()),
                    "body": f"Bonjour de {role}",
                }
            )
            got[action] = "done" if (await next_answer(communicator))["type"] == "ack" else "refused"
        await communicator.disconnect()
        wrong.extend(
            f"{action} / {role}: {got[action]}" for action, expected in CHAT if got[action] != expected[role]
        )
    # Close the connection asgiref's worker thread opened, or PostgreSQL cannot drop the test database.
    await sync_to_async(connections.close_all)()
    assert wrong == [], "\n".join(wrong)
