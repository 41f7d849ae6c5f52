"""The chat's websocket, through the whole ASGI stack (origin check, session, routing) with real sessions."""

import asyncio
import json
import os
import time
import uuid
from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.utils import timezone

from forum import chat_services
from forum.chat_models import ChatMention, ChatMessage, ChatPresence
from forum.consumers import MAX_FRAME_BYTES, ChatConsumer
from forum.services import notification_group

from .conftest import fill, joined, next_frame, open_socket

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


async def say(communicator, room, body, client_id=None) -> dict:
    client_id = client_id or str(uuid.uuid4())
    await communicator.send_json_to(
        {"type": "message", "room": room.slug, "client_id": client_id, "body": body}
    )
    return await next_frame(communicator, "ack")


async def test_message_typed_by_one_member_reaches_the_other_once_stored(member, other_member, network):
    alice, bob = await joined(member, network), await joined(other_member, network)
    ack = await say(alice, network, "Qui a un contact pour des gobelets consignés ?")
    received = await next_frame(bob, "message")
    assert received["message"]["seq"] == ack["seq"] == 1
    assert received["message"]["author"]["username"] == "gerant-beaulon"
    assert "gobelets consignés" in received["message"]["html"]
    stored = await sync_to_async(ChatMessage.objects.get)(seq=1, room=network)
    assert stored.body == "Qui a un contact pour des gobelets consignés ?"
    await alice.disconnect()
    await bob.disconnect()


async def test_resend_with_the_same_client_id_is_stored_and_broadcast_once(member, other_member, network):
    alice, bob = await joined(member, network), await joined(other_member, network)
    client_id = str(uuid.uuid4())
    first = await say(alice, network, "Livraison de farine jeudi", client_id)
    again = await say(alice, network, "Livraison de farine jeudi", client_id)
    assert (first["duplicate"], again["duplicate"]) == (False, True)
    assert first["seq"] == again["seq"] == 1
    assert (await next_frame(bob, "message"))["message"]["seq"] == 1
    await say(alice, network, "Et de sucre vendredi")
    assert (await next_frame(bob, "message"))["message"]["seq"] == 2  # nothing in between: no duplicate
    assert await sync_to_async(ChatMessage.objects.count)() == 2
    await alice.disconnect()
    await bob.disconnect()


async def test_reconnecting_with_the_last_seen_number_receives_everything_after_in_order(member, network):
    await sync_to_async(fill)(network, member, 450)
    returning = await joined(member, network, after=7)
    frames = [returning.history]
    while frames[-1]["complete"] is False:
        frames.append(await next_frame(returning, "history"))
    seqs = [m["seq"] for frame in frames for m in frame["messages"]]
    assert seqs == list(range(8, 451))
    await returning.disconnect()


async def test_history_comes_by_pages_of_fifty_going_back(member, network):
    await sync_to_async(fill)(network, member, 120)
    reader = await joined(member, network)
    assert [m["seq"] for m in reader.history["messages"]] == list(range(71, 121))
    await reader.send_json_to({"type": "history", "room": network.slug, "before": 71})
    older = await next_frame(reader, "history")
    assert [m["seq"] for m in older["messages"]] == list(range(21, 71))
    await reader.disconnect()


async def test_a_missed_message_is_repaired_from_history_and_announced_by_heartbeat(
    member, other_member, network
):
    bob = await joined(other_member, network)
    # Stored without ringing the bell, as when group_send drops to a full channel.
    await sync_to_async(fill)(network, member, 1)
    await bob.send_json_to({"type": "heartbeat"})
    beat = await next_frame(bob, "heartbeat")
    assert beat["rooms"][network.slug]["last_seq"] == 1
    await bob.send_json_to({"type": "history", "room": network.slug, "after": 0})
    repaired = await next_frame(bob, "history")
    assert [m["seq"] for m in repaired["messages"]] == [1]
    await bob.disconnect()


async def test_author_edits_and_deletes_within_the_delay_and_others_see_it(member, other_member, network):
    alice, bob = await joined(member, network), await joined(other_member, network)
    ack = await say(alice, network, "Marché de producteurs samedi à 9 h")
    await next_frame(bob, "message")
    await alice.send_json_to({"type": "edit", "id": ack["id"], "body": "Marché de producteurs samedi à 10 h"})
    update = await next_frame(bob, "update")
    assert update["message"]["edited"] and "10 h" in update["message"]["html"]
    await bob.send_json_to({"type": "delete", "id": ack["id"]})
    refused = await next_frame(bob, "error")
    assert refused["code"] == "interdit"
    await alice.send_json_to({"type": "delete", "id": ack["id"]})
    deleted = await next_frame(bob, "update")
    assert deleted["message"]["deleted"] and deleted["message"]["html"] == ""
    await alice.disconnect()
    await bob.disconnect()


async def test_edit_after_the_delay_is_refused_and_the_text_kept(member, network):
    alice = await joined(member, network)
    ack = await say(alice, network, "Horaires d'été affichés")
    late = timezone.now() - chat_services.EDIT_DELAY - timedelta(minutes=1)
    await sync_to_async(ChatMessage.objects.filter(pk=ack["id"]).update)(created_at=late)
    await alice.send_json_to({"type": "edit", "id": ack["id"], "body": "autre chose"})
    refused = await next_frame(alice, "error")
    assert refused["code"] == "delai_depasse" and "15 minutes" in refused["message"]
    assert (await sync_to_async(ChatMessage.objects.get)(pk=ack["id"])).body == "Horaires d'été affichés"
    await alice.disconnect()


async def test_typing_reaches_the_others_but_not_the_typist(member, other_member, network):
    alice, bob = await joined(member, network), await joined(other_member, network)
    await alice.send_json_to({"type": "typing", "room": network.slug})
    typing = await next_frame(bob, "typing", skip=("presence",))
    assert typing["user"]["username"] == "gerant-beaulon"
    assert await alice.receive_nothing(timeout=0.3) or (await alice.receive_json_from())["type"] == "presence"
    await alice.disconnect()
    await bob.disconnect()


async def test_presence_lists_who_is_connected_and_forgets_silent_connections(member, other_member, network):
    alice = await joined(member, network)
    bob = await joined(other_member, network)
    first = await next_frame(alice, "presence", skip=())  # her own arrival, then Bob's
    assert [p["username"] for p in first["online"]] == ["gerant-beaulon"]
    seen = await next_frame(alice, "presence", skip=())
    assert {p["username"] for p in seen["online"]} == {"gerant-beaulon", "gerant-culhat"}
    # Bob's laptop closes without a goodbye: his heartbeats stop.
    stale = timezone.now() - chat_services.PRESENCE_TTL - timedelta(seconds=1)
    await sync_to_async(ChatPresence.objects.filter(user=other_member).update)(last_seen=stale)
    await alice.send_json_to({"type": "heartbeat"})
    beat = await next_frame(alice, "heartbeat")
    assert [p["username"] for p in beat["rooms"][network.slug]["online"]] == ["gerant-beaulon"]
    await bob.disconnect()
    await alice.disconnect()


async def test_a_mention_notifies_the_member_live(member, other_member, network):
    alice, bob = await joined(member, network), await joined(other_member, network)
    await say(alice, network, "@gerant-culhat tu as encore des bocaux consignés ?")
    notification = await next_frame(bob, "notification", skip=("presence", "message"))
    assert "vous a mentionné·e" in notification["notification"]["text"]
    assert notification["notification"]["url"] == "/discussion/#message-1"
    assert await sync_to_async(ChatMention.objects.filter(user=other_member).count)() == 1
    await alice.disconnect()
    await bob.disconnect()


async def test_forum_notifications_sent_to_the_user_group_arrive_live(member):
    alice, connected, _ = await open_socket(member)
    assert connected
    await next_frame(alice, "ready")
    # The event exactly as forum.services sends it after a reply is committed.
    await get_channel_layer().group_send(
        notification_group(member.pk),
        {
            "type": "forum.notification",
            "id": 7,
            "text": "Nouvelle réponse à votre sujet",
            "url": "/forum/",
            "unread": 3,
        },
    )
    frame = await next_frame(alice, "notification")
    assert frame["notification"] == {
        "id": 7,
        "text": "Nouvelle réponse à votre sujet",
        "url": "/forum/",
        "unread": 3,
    }
    await alice.disconnect()


async def test_unread_counts_follow_messages_in_rooms_not_open(member, other_member, network):
    alice, connected, _ = await open_socket(member)
    await next_frame(alice, "ready")
    bob = await joined(other_member, network)
    await say(bob, network, "Bonjour à toutes et à tous")
    activity = await next_frame(alice, "activity", skip=())
    assert activity == {"type": "activity", "room": network.slug, "seq": 1}
    await alice.send_json_to({"type": "read", "room": network.slug, "seq": 1})
    assert (await next_frame(alice, "unread", skip=("activity",)))["count"] == 0
    await alice.disconnect()
    await bob.disconnect()


# Bad input: each refused with a clear error frame or close code; other connections carry on ------------


async def still_working(alice, bob, network) -> None:
    """Both connections carry on: what Alice says still reaches Bob."""
    ack = await say(alice, network, "Toujours là ?")
    received = await next_frame(bob, "message")
    assert received["message"]["seq"] == ack["seq"]


async def test_malformed_json_gets_an_error_frame_and_the_connection_lives_on(member, other_member, network):
    alice, bob = await joined(member, network), await joined(other_member, network)
    await alice.send_to(text_data="{pas du json")
    error = await next_frame(alice, "error")
    assert error["code"] == "json_invalide" and "JSON" in error["message"]
    await alice.send_to(text_data="[1, 2]")
    assert (await next_frame(alice, "error"))["code"] == "message_invalide"
    await still_working(alice, bob, network)
    await alice.disconnect()
    await bob.disconnect()


async def test_unknown_type_is_named_in_the_error(member, network):
    alice = await joined(member, network)
    await alice.send_json_to({"type": "supprimer-tout"})
    error = await next_frame(alice, "error")
    assert error["code"] == "type_inconnu" and "supprimer-tout" in error["message"]
    assert "message" in error["expected"]
    await alice.disconnect()


async def test_oversized_frame_closes_with_1009_and_the_limit_stated(member, other_member, network):
    alice, bob = await joined(member, network), await joined(other_member, network)
    body = "é" * (MAX_FRAME_BYTES // 2 + 10)
    await alice.send_to(text_data=json.dumps({"type": "message", "room": network.slug, "body": body}))
    error = await next_frame(alice, "error")
    assert error["code"] == "message_trop_gros" and str(MAX_FRAME_BYTES) in error["message"]
    assert await alice.receive_output(timeout=3) == {"type": "websocket.close", "code": 1009}
    assert await sync_to_async(ChatMessage.objects.count)() == 0
    # Bob is unaffected.
    await say(bob, network, "Je suis toujours connecté")
    await bob.disconnect()


async def test_message_to_a_room_the_member_may_not_enter_is_refused(member, other_member, breton):
    private = await sync_to_async(chat_services.direct_room)(other_member, breton)
    alice, connected, _ = await open_socket(member)
    await next_frame(alice, "ready")
    for frame in (
        {"type": "message", "room": private.slug, "client_id": str(uuid.uuid4()), "body": "Je m'invite"},
        {"type": "subscribe", "room": private.slug},
        {"type": "subscribe", "room": "salon-qui-n-existe-pas"},
    ):
        await alice.send_json_to(frame)
        error = await next_frame(alice, "error")
        assert error["code"] == "salon_interdit" and error["room"] == frame["room"]
    assert await sync_to_async(ChatMessage.objects.count)() == 0
    await alice.disconnect()


async def test_anonymous_connection_is_told_to_log_in_and_closed(network):
    anonymous, connected, _ = await open_socket(None)
    error = await next_frame(anonymous, "error")
    assert error["code"] == "non_connecte" and "Connectez-vous" in error["message"]
    assert await anonymous.receive_output(timeout=3) == {"type": "websocket.close", "code": 4403}
    await anonymous.disconnect()  # the server closed; let the consumer end before the loop is torn down


async def test_account_without_cafe_is_refused(outsider):
    stranger, connected, _ = await open_socket(outsider)
    error = await next_frame(stranger, "error")
    assert error["code"] == "reserve_aux_membres"
    assert (await stranger.receive_output(timeout=3))["code"] == 4403
    await stranger.disconnect()  # the server closed; let the consumer end before the loop is torn down


@pytest.mark.parametrize("origin", [b"http://pirate.example", b"null", None])
async def test_foreign_null_or_missing_origin_is_refused_at_the_handshake(member, origin):
    socket, connected, code = await open_socket(member, origin=origin)
    assert not connected
    assert code == 1000 or code is None  # the handshake is refused (HTTP 403 from the servers)


@pytest.mark.usefixtures("one_rate_window")
async def test_rate_limit_explains_itself_and_keeps_others_flowing(member, other_member, network):
    alice, bob = await joined(member, network), await joined(other_member, network)
    for n in range(chat_services.RATE_LIMIT_MESSAGES):
        await say(alice, network, f"Message {n}")
    await alice.send_json_to(
        {"type": "message", "room": network.slug, "client_id": str(uuid.uuid4()), "body": "Un de trop"}
    )
    error = await next_frame(alice, "error")
    assert error["code"] == "trop_de_messages"
    assert "10 au plus toutes les 10 secondes" in error["message"] and error["retry_after"] > 0
    assert await sync_to_async(ChatMessage.objects.filter(body="Un de trop").exists)() is False
    await say(bob, network, "Moi je peux encore écrire")
    await alice.disconnect()
    await bob.disconnect()


async def test_closing_one_connection_leaves_the_others_connected(member, other_member, network):
    alice, bob = await joined(member, network), await joined(other_member, network)
    await alice.disconnect()
    await asyncio.sleep(0.05)
    await say(bob, network, "Encore là")
    assert await sync_to_async(ChatPresence.objects.filter(user=member).exists)() is False
    await bob.disconnect()


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="seconde passe : la couche pub/sub de Redis")
async def test_tab_gone_while_layer_events_queue_up_leaves_no_redis_subscription(member, network):
    """The tab goes away while the consumer sends it a layer event and more wait in its queue (others'
    presence in a busy room). uvicorn then ends the application without a websocket.disconnect: the worker
    must still unsubscribe the connection's channel from Redis (chat_soak.py found hundreds left)."""
    from redis.asyncio import Redis

    layer = get_channel_layer()
    consumer = ChatConsumer()
    incoming: asyncio.Queue = asyncio.Queue()
    await incoming.put({"type": "websocket.connect"})

    async def send(message: dict) -> None:
        if message["type"] == "websocket.send" and json.loads(message["text"])["type"] == "ready":
            await incoming.put(
                {"type": "websocket.receive", "text": json.dumps({"type": "subscribe", "room": network.slug})}
            )
        if message["type"] == "websocket.send" and json.loads(message["text"])["type"] == "presence":
            for _ in range(10):
                await layer.send(consumer.channel_name, {"type": "chat.probe"})
            queued = layer.channels[consumer.channel_name]
            deadline = time.monotonic() + 5
            while queued.qsize() < 10:
                assert time.monotonic() < deadline, "les événements n'arrivent pas dans la file du canal"
                await asyncio.sleep(0.01)
            raise OSError("client disconnected")  # what uvicorn's send raises once the tab is gone

    scope = {
        "type": "websocket",
        "path": "/ws/discussion/",
        "headers": [],
        "subprotocols": [],
        "user": member,
    }
    with pytest.raises(OSError):
        await asyncio.wait_for(consumer(scope, incoming.get, send), 10)

    redis = Redis.from_url(os.environ["REDIS_URL"])
    try:
        deadline = time.monotonic() + 5
        while (await redis.pubsub_numsub(consumer.channel_name))[0][1]:
            assert time.monotonic() < deadline, "le canal de l'onglet fermé est toujours abonné dans Redis"
            await asyncio.sleep(0.05)
    finally:
        await redis.aclose()
    assert await sync_to_async(ChatPresence.objects.filter(user=member).exists)() is False
