"""Fixtures of the chat's tests: members in two regions, a real session cookie, websocket helpers."""

import time
import uuid
from types import SimpleNamespace

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connections
from django.db.models import F
from django.test import Client

from forum import chat_services
from forum.chat_models import ChatMessage, Room
from tests.conftest import CULHAT

GUILLIGOMARCH = "29071"  # Finistère, Bretagne
ORIGIN = b"http://127.0.0.1"


@pytest.fixture(autouse=True)
def fresh_rate_limit(monkeypatch):
    """Each test counts its own messages (user ids repeat from one test to the next)."""
    monkeypatch.setattr(chat_services, "RATE_KEY_PREFIX", f"chat:rate:test-{uuid.uuid4().hex}")


@pytest_asyncio.fixture(autouse=True)
async def close_thread_connections():
    """Async tests reach the database from asgiref's worker thread: close its connection afterwards, or
    PostgreSQL refuses to drop the test database at the end of the run ("being accessed by other users")."""
    yield
    await sync_to_async(connections.close_all)()


@pytest.fixture
def other_member(make_user, make_cafe):
    return make_user("gerant-culhat", cafe=make_cafe(CULHAT), first_name="Gérance", last_name="Culhat")


@pytest.fixture
def breton(make_user, make_cafe):
    return make_user("gerant-guilligomarch", cafe=make_cafe(GUILLIGOMARCH))


@pytest.fixture
def outsider(make_user):
    """An account without a café: not a member of the network."""
    return make_user("visiteur-inscrit")


@pytest.fixture
def network(db):
    return chat_services.network_room()


def fill(room: Room, author, count: int) -> None:
    """`count` messages in `room`, numbered after its last one (bypasses the rate limit, for history)."""
    start = Room.objects.get(pk=room.pk).last_seq
    ChatMessage.objects.bulk_create(
        ChatMessage(
            room=room, seq=start + n, author=author, client_id=uuid.uuid4(), body=f"Message n°{start + n}"
        )
        for n in range(1, count + 1)
    )
    Room.objects.filter(pk=room.pk).update(last_seq=F("last_seq") + count)
    room.refresh_from_db()


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


async def open_socket(user=None, origin: bytes | None = ORIGIN) -> tuple[WebsocketCommunicator, bool, object]:
    """A websocket through the whole ASGI stack (origin check, session auth, routing), as browsers get."""
    from config.asgi import application

    headers = [(b"origin", origin)] if origin is not None else []
    if user is not None:
        cookie = await sync_to_async(session_cookie)(user)
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    communicator = WebsocketCommunicator(application, "/ws/discussion/", headers=headers)
    connected, code = await communicator.connect(timeout=5)
    return communicator, connected, code


LIVE_FRAMES = ("presence", "typing", "activity", "message", "update")


async def next_frame(communicator, kind: str, timeout: float = 3, skip=LIVE_FRAMES):
    """The next frame of type `kind`, skipping the unrelated live frames listed in `skip` (the echo of a
    member's own message, others' presence…); any other frame fails the test."""
    while True:
        frame = await communicator.receive_json_from(timeout=timeout)
        if frame["type"] == kind:
            return frame
        if frame["type"] not in skip:
            raise AssertionError(f"attendu {kind}, reçu {frame}")


async def joined(user, room: Room, after: int | None = None) -> WebsocketCommunicator:
    """A connected member following `room`, its history already read."""
    communicator, connected, _ = await open_socket(user)
    assert connected
    await next_frame(communicator, "ready")
    frame = {"type": "subscribe", "room": room.slug}
    if after is not None:
        frame["after"] = after
    await communicator.send_json_to(frame)
    await next_frame(communicator, "subscribed")
    history = await next_frame(communicator, "history")
    communicator.history = history
    return communicator


@pytest.fixture
def one_rate_window(monkeypatch):
    """The chat's rate limit counts per window of RATE_LIMIT_SECONDS: a test's sends all fall in one (on a
    loaded machine they could straddle two and be let through)."""
    start = time.time() // chat_services.RATE_LIMIT_SECONDS * chat_services.RATE_LIMIT_SECONDS + 1
    monkeypatch.setattr(chat_services, "time", SimpleNamespace(time=lambda: start))
