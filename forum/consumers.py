"""The chat's websocket consumer (/ws/discussion/): one connection per browser tab, JSON frames both ways.

Thin by design: every write goes through forum.chat_services, which stores it and broadcasts on commit. The
consumer adds what only a connection knows: which rooms this tab follows, refusing bad frames (each with an
error frame or a close code, never affecting other connections), typing and presence, and surviving the
channel layer going away (Redis restarted): it keeps the websocket open, rejoins its groups when the layer
is back and tells the browser to catch up from history ("resync"). See docs/ARCHITECTURE.md for the protocol.

Browser → server: subscribe {room, after?}, unsubscribe {room}, message {room, client_id, body},
edit {id, body}, delete {id}, typing {room}, heartbeat, history {room, before|after}, read {room, seq}.
Server → browser: ready, subscribed, history, ack, message, update, activity, typing, presence, heartbeat,
unread, notification, resync, error {code, message, …}.
"""

import asyncio
import json
import logging
import time

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from forum import chat_services as chat
from forum.chat_models import ChatPresence, Room, RoomMembership
from forum.services import notification_group
from reseau import access

logger = logging.getLogger(__name__)

# The largest frame the consumer reads, in bytes of UTF-8 (the README states it). Larger: close code 1009.
MAX_FRAME_BYTES = 16 * 1024
CLOSE_TOO_BIG = 1009
CLOSE_NOT_MEMBER = 4403
CATCH_UP_BATCH = 200
TYPING_MIN_INTERVAL = 2.0
LAYER_RETRY_SECONDS = (0.2, 0.5, 1.0, 2.0)
LAYER_DOWN_MESSAGE = (
    "Le direct est interrompu (serveur de messagerie injoignable) : reconnexion en cours… "
    "Vos messages sont enregistrés et ceux des autres arriveront au retour."
)


class ChatConsumer(AsyncWebsocketConsumer):
    """One browser tab: the rooms it follows live, the rooms it watches for unread counts."""

    async def connect(self) -> None:
        self.subscribed: dict[str, Room] = {}
        self.watched: dict[str, int] = {}  # followed rooms' slug → room id, for unread counts
        self.user = None
        self.last_typing = 0.0
        self.layer_down = False
        await self.accept()
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.refuse(
                "non_connecte", "Connectez-vous avec votre compte du réseau pour accéder à la discussion."
            )
            return
        if not await database_sync_to_async(access.is_member)(user):
            await self.refuse("reserve_aux_membres", "La discussion est réservée aux membres du réseau.")
            return
        self.user = user
        self.watched = await database_sync_to_async(self._followed_rooms)()
        await self.join_groups()
        unread = await database_sync_to_async(chat.unread_counts)(user)
        slugs = {room_id: slug for slug, room_id in self.watched.items()}
        await self.send_json(
            {
                "type": "ready",
                "user": {"username": user.get_username(), "name": chat.display_name(user)},
                "heartbeat_seconds": chat.HEARTBEAT_SECONDS,
                "max_frame_bytes": MAX_FRAME_BYTES,
                "unread": {slugs[room_id]: count for room_id, count in unread.items() if room_id in slugs},
            }
        )

    def _followed_rooms(self) -> dict[str, int]:
        chat.join_default_rooms(self.user)
        rooms = RoomMembership.objects.filter(user=self.user).values_list("room__slug", "room_id")
        return dict(rooms)

    async def refuse(self, code: str, message: str) -> None:
        await self.send_error(code, message)
        await self.close(code=CLOSE_NOT_MEMBER)

    user = None

    async def __call__(self, scope, receive, send) -> None:
        """Leave the groups and the presence list however the connection ends. When the browser goes away
        while the consumer is sending (a tab closed mid-subscribe), uvicorn's send raises ClientDisconnected
        and ends the application silently, before any websocket.disconnect: without this, the presence rows
        and the group memberships of that connection would stay behind (benchmarks/chat_soak.py found it)."""
        try:
            await super().__call__(scope, receive, send)
        finally:
            try:
                await self.disconnect(None)
                await self.release_channel()
            except Exception:
                logger.warning("chat connection cleanup failed", exc_info=True)

    async def release_channel(self) -> None:
        """Give this connection's channel back to the layer. The Redis pub/sub layer unsubscribes a channel
        only when a receive on it is cancelled; a consumer that ends while dispatching a layer message (the
        tab closed mid-send) has none pending, and the worker stayed subscribed for ever (14,352 stale
        subscriptions after 20,000 connections in benchmarks/chat_soak.py). Production's layer
        (reseau.channel_layer) releases it directly; the in-memory layer expires what it keeps."""
        release = getattr(self.channel_layer, "release_channel", None)
        if release is not None:
            await release(self.channel_name)

    async def disconnect(self, code: int | None) -> None:
        """Leave every group and the presence list; once (the normal close and __call__ both come here)."""
        if self.user is None:
            return
        user, self.user = self.user, None
        for group in self.groups_to_join(user):
            try:
                await self.channel_layer.group_discard(group, self.channel_name)
            except Exception:  # noqa: S110 - the layer is away; its groups expire on their own
                pass
        rooms = list(self.subscribed.values())
        await database_sync_to_async(chat.leave_presence)(self.channel_name)
        for room in rooms:
            await self.announce_presence(room)

    # Frames from the browser -------------------------------------------------------------------------

    async def websocket_receive(self, message: dict) -> None:
        """Size first (daphne enforces no limit), then JSON, then the action; errors answer this tab only."""
        text = message.get("text")
        if text is None:
            data = message.get("bytes") or b""
            if len(data) > MAX_FRAME_BYTES:
                await self.too_big(len(data))
                return
            await self.send_error(
                "format_non_pris_en_charge", "Seuls les messages texte (JSON) sont acceptés."
            )
            return
        size = len(text.encode("utf-8"))
        if size > MAX_FRAME_BYTES:
            await self.too_big(size)
            return
        if self.user is None:
            return
        try:
            frame = json.loads(text)
        except ValueError:
            await self.send_error("json_invalide", "Message illisible : ce n'est pas du JSON valide.")
            return
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            await self.send_error(
                "message_invalide", "Chaque message doit être un objet JSON avec un « type »."
            )
            return
        handler = self.ACTIONS.get(frame["type"])
        if handler is None:
            await self.send_error(
                "type_inconnu",
                f"Type de message inconnu : « {frame['type'][:40]} ».",
                expected=sorted(self.ACTIONS),
            )
            return
        try:
            await handler(self, frame)
        except chat.ChatError as error:
            extra = {key: frame[key] for key in ("room", "client_id", "id") if key in frame}
            if error.retry_after is not None:
                extra["retry_after"] = error.retry_after
            await self.send_error(error.code, error.message, **extra)

    async def too_big(self, size: int) -> None:
        await self.send_error(
            "message_trop_gros",
            f"Message de {size} octets refusé : {MAX_FRAME_BYTES} octets au plus par message.",
            limit=MAX_FRAME_BYTES,
        )
        await self.close(code=CLOSE_TOO_BIG)

    async def room_from(self, frame: dict) -> Room:
        slug = frame.get("room")
        if slug in self.subscribed:
            return self.subscribed[slug]
        return await database_sync_to_async(chat.room_for)(self.user, slug)

    async def do_subscribe(self, frame: dict) -> None:
        room = await self.room_from(frame)
        after = frame.get("after")
        if after is not None and (not isinstance(after, int) or after < 0):
            raise chat.ChatError("message_invalide", "« after » doit être un numéro de message (entier ≥ 0).")
        self.subscribed[room.slug] = room
        # Join the group before reading the history: a message committed in between arrives twice at
        # worst (the browser drops what it has by seq), never zero times.
        await self.group_add(room.group_name)
        already_online = await database_sync_to_async(self._enter)(room)
        last_seq = await database_sync_to_async(lambda: Room.objects.get(pk=room.pk).last_seq)()
        await self.send_json(
            {"type": "subscribed", "room": room.slug, "name": room.name, "last_seq": last_seq}
        )
        await self.send_catch_up(room, after)
        if not already_online:
            await self.announce_presence(room)
        else:
            await self.send_json({"type": "presence", "room": room.slug, "online": await self.online(room)})

    def _enter(self, room: Room) -> bool:
        since = chat.timezone.now() - chat.PRESENCE_TTL
        was_online = ChatPresence.objects.filter(room=room, user=self.user, last_seen__gte=since).exists()
        chat.touch_presence(room, self.user, self.channel_name)
        return was_online

    async def send_catch_up(self, room: Room, after: int | None) -> None:
        """Everything after `after`, in order and in batches; the latest page when `after` is absent."""
        if after is None:
            messages = await self.history_payload(room, before=None, after=None)
            await self.send_json({"type": "history", "room": room.slug, "messages": messages, "latest": True})
            return
        while True:
            messages = await self.history_payload(room, after=after, limit=CATCH_UP_BATCH)
            complete = len(messages) < CATCH_UP_BATCH
            await self.send_json(
                {
                    "type": "history",
                    "room": room.slug,
                    "messages": messages,
                    "after": after,
                    "complete": complete,
                }
            )
            if complete:
                return
            after = messages[-1]["seq"]

    @database_sync_to_async
    def history_payload(self, room: Room, *, before=None, after=None, limit=chat.HISTORY_PAGE) -> list[dict]:
        return [chat.serialize(m) for m in chat.history(room, before=before, after=after, limit=limit)]

    async def do_unsubscribe(self, frame: dict) -> None:
        room = self.subscribed.pop(frame.get("room"), None)
        if room is None:
            return
        if room.slug not in self.watched:
            await self.group_discard(room.group_name)
        await database_sync_to_async(chat.leave_presence)(self.channel_name, room)
        await self.announce_presence(room)

    async def do_message(self, frame: dict) -> None:
        room = await self.room_from(frame)
        payload, created = await database_sync_to_async(self._post)(
            room, frame.get("body"), frame.get("client_id")
        )
        if room.slug not in self.watched:
            self.watched[room.slug] = room.pk
            await self.group_add(room.group_name)
        await self.send_json(
            {
                "type": "ack",
                "room": room.slug,
                "client_id": payload["client_id"],
                "id": payload["id"],
                "seq": payload["seq"],
                "duplicate": not created,
                "message": payload,
            }
        )

    def _post(self, room: Room, body, client_id) -> tuple[dict, bool]:
        message, created = chat.post_message(self.user, room, body, client_id)
        return chat.serialize(message), created

    async def do_edit(self, frame: dict) -> None:
        payload = await database_sync_to_async(
            lambda: chat.serialize(chat.edit_message(self.user, frame.get("id"), frame.get("body")))
        )()
        await self.send_json({"type": "update", "message": payload})

    async def do_delete(self, frame: dict) -> None:
        payload = await database_sync_to_async(
            lambda: chat.serialize(chat.delete_message(self.user, frame.get("id")))
        )()
        await self.send_json({"type": "update", "message": payload})

    async def do_typing(self, frame: dict) -> None:
        room = await self.room_from(frame)
        now = time.monotonic()
        if now - self.last_typing < TYPING_MIN_INTERVAL:
            return
        self.last_typing = now
        await self.group_send(
            room.group_name,
            {
                "type": "chat.typing",
                "room": room.slug,
                "user": {"username": self.user.get_username(), "name": chat.display_name(self.user)},
                "sender": self.channel_name,
            },
        )

    async def do_heartbeat(self, frame: dict) -> None:
        """Keep presence alive, repair group membership (lost if Redis restarted) and report each room's
        latest number so the browser notices a message it never received."""
        await database_sync_to_async(chat.heartbeat)(self.channel_name)
        if not await self.layer_reachable():
            self.layer_down = True
            await self.send_error("direct_interrompu", LAYER_DOWN_MESSAGE)
        elif await self.join_groups() and self.layer_down:
            await self.layer_back()
        rooms = {}
        for slug, room in list(self.subscribed.items()):
            last_seq = await database_sync_to_async(lambda room=room: Room.objects.get(pk=room.pk).last_seq)()
            rooms[slug] = {"last_seq": last_seq, "online": await self.online(room)}
        await self.send_json({"type": "heartbeat", "rooms": rooms})

    async def do_history(self, frame: dict) -> None:
        room = await self.room_from(frame)
        before, after = frame.get("before"), frame.get("after")
        for value in (before, after):
            if value is not None and (not isinstance(value, int) or value < 0):
                raise chat.ChatError(
                    "message_invalide", "« before » et « after » sont des numéros de message."
                )
        if after is not None:
            await self.send_catch_up(room, after)
            return
        messages = await self.history_payload(room, before=before)
        await self.send_json({"type": "history", "room": room.slug, "messages": messages, "before": before})

    async def do_read(self, frame: dict) -> None:
        room = await self.room_from(frame)
        seq = frame.get("seq")
        if not isinstance(seq, int) or seq < 0:
            raise chat.ChatError("message_invalide", "« seq » doit être un numéro de message.")
        count = await database_sync_to_async(chat.mark_read)(self.user, room, seq)
        await self.send_json({"type": "unread", "room": room.slug, "count": count})

    ACTIONS = {
        "subscribe": do_subscribe,
        "unsubscribe": do_unsubscribe,
        "message": do_message,
        "edit": do_edit,
        "delete": do_delete,
        "typing": do_typing,
        "heartbeat": do_heartbeat,
        "history": do_history,
        "read": do_read,
    }

    async def layer_reachable(self) -> bool:
        """Ring this connection's own channel: with the pub/sub layer, joined groups and receiving never
        touch Redis, so this is how a connection learns that Redis is away."""
        try:
            await self.channel_layer.send(self.channel_name, {"type": "chat.probe"})
        except Exception:
            return False
        return True

    async def layer_back(self) -> None:
        """The layer is back and this connection's groups rejoined: the browser's rooms are live again
        ("subscribed" clears its reconnecting notice) and it fetches what it missed ("resync")."""
        self.layer_down = False
        for room in list(self.subscribed.values()):
            await self.send_json({"type": "subscribed", "room": room.slug, "name": room.name})
        await self.send_json({"type": "resync"})

    # Events from the channel layer -------------------------------------------------------------------
    # They carry everything they need and touch no database. Channels' dispatch() hops to the database
    # thread before every handler (to close stale connections): for a broadcast to 500 tabs that is 500
    # hops through one thread, the main cost of a broadcast, so these events skip it.

    DATABASE_FREE_EVENTS = frozenset(
        {"chat.message", "chat.update", "chat.typing", "chat.presence", "chat.probe", "forum.notification"}
    )

    async def dispatch(self, message: dict) -> None:
        if message["type"] in self.DATABASE_FREE_EVENTS:
            await getattr(self, get_handler_name(message))(message)
        else:
            await super().dispatch(message)

    async def chat_message(self, event: dict) -> None:
        """A new message: its frame comes encoded (chat_services.live_event), so it is passed on as is."""
        if event["room"] in self.subscribed:
            await self.send(text_data=event["frame"])
        else:
            await self.send_json({"type": "activity", "room": event["room"], "seq": event["seq"]})

    async def chat_probe(self, event: dict) -> None:
        """The echo of layer_reachable(): nothing to do."""

    async def chat_update(self, event: dict) -> None:
        if event["room"] in self.subscribed:
            await self.send(text_data=event["frame"])

    async def chat_typing(self, event: dict) -> None:
        if event["sender"] != self.channel_name and event["room"] in self.subscribed:
            await self.send_json({"type": "typing", "room": event["room"], "user": event["user"]})

    async def chat_presence(self, event: dict) -> None:
        if event["room"] in self.subscribed:
            await self.send_json({"type": "presence", "room": event["room"], "online": event["online"]})

    async def forum_notification(self, event: dict) -> None:
        """The forum's notifications and chat mentions, sent to the user's group (forum.services)."""
        notification = {k: v for k, v in event.items() if k != "type"}
        await self.send_json({"type": "notification", "notification": notification})

    # Helpers -----------------------------------------------------------------------------------------

    async def send_json(self, content: dict) -> None:
        await self.send(text_data=json.dumps(content, ensure_ascii=False))

    async def send_error(self, code: str, message: str, **extra) -> None:
        await self.send_json({"type": "error", "code": code, "message": message, **extra})

    async def online(self, room: Room) -> list[dict]:
        return await database_sync_to_async(chat.online)(room)

    async def announce_presence(self, room: Room) -> None:
        online = await self.online(room)
        await self.group_send(room.group_name, {"type": "chat.presence", "room": room.slug, "online": online})

    def groups_to_join(self, user=None) -> set[str]:
        groups = {notification_group((user or self.user).pk)}
        groups.update(f"chat.room.{room_id}" for room_id in self.watched.values())
        groups.update(room.group_name for room in self.subscribed.values())
        return groups

    async def join_groups(self) -> bool:
        """(Re)join every group of this connection; False while the channel layer is away."""
        try:
            for group in self.groups_to_join():
                await self.channel_layer.group_add(group, self.channel_name)
        except Exception:
            self.layer_down = True
            logger.warning("channel layer unavailable while joining groups", exc_info=True)
            return False
        return True

    async def group_add(self, group: str) -> None:
        try:
            await self.channel_layer.group_add(group, self.channel_name)
        except Exception:
            self.layer_down = True
            logger.warning("channel layer unavailable: group %s will be joined later", group, exc_info=True)

    async def group_discard(self, group: str) -> None:
        try:
            await self.channel_layer.group_discard(group, self.channel_name)
        except Exception:
            self.layer_down = True

    async def group_send(self, group: str, event: dict) -> None:
        try:
            await self.channel_layer.group_send(group, event)
        except Exception:
            self.layer_down = True
            logger.warning("channel layer unavailable: %s not sent", event["type"], exc_info=True)

    # Surviving the channel layer's outages -----------------------------------------------------------
    # AsyncConsumer.__call__ builds `self.channel_receive` and waits on it; if it raised (Redis gone), the
    # whole connection would be torn down. The property below hands Channels a receive that waits out the
    # outage instead, then rejoins the groups and asks the browser to resync from history.

    @property
    def channel_receive(self):
        return self._resilient_receive

    @channel_receive.setter
    def channel_receive(self, layer_receive) -> None:
        self._layer_receive = layer_receive

    async def _resilient_receive(self) -> dict:
        attempt = 0
        while True:
            try:
                message = await self._layer_receive()
            except asyncio.CancelledError:
                raise
            except Exception:
                self.layer_down = True
                delay = LAYER_RETRY_SECONDS[min(attempt, len(LAYER_RETRY_SECONDS) - 1)]
                attempt += 1
                logger.warning("channel layer receive failed; retrying in %.1f s", delay, exc_info=True)
                await asyncio.sleep(delay)
                if self.user is not None and await self.join_groups():
                    await self.layer_back()
                continue
            if self.layer_down and self.user is not None and await self.join_groups():
                await self.layer_back()
            return message
