"""Every write of the chat, one function per action; the views and the websocket consumer only call these.

Writes happen in a transaction and are broadcast with `transaction.on_commit`: the database is the source of
truth, the channel layer a doorbell that may drop a ring (group_send silently drops to a full channel, and
Redis may be away). Clients therefore number what they receive (`seq`) and fetch what they missed from
`history()`. Who may enter a room is reseau.access.can_enter_room; nothing here re-implements it.
"""

import json
import logging
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from forum.chat_markup import mentioned_usernames, render
from forum.chat_models import ChatMention, ChatMessage, ChatPresence, Room, RoomMembership
from forum.services import notification_group
from reseau import access
from reseau.compiled import CompiledQuery
from reseau.geography import Region
from reseau.models import Member

logger = logging.getLogger(__name__)

MAX_BODY_CHARS = 4000
EDIT_DELAY = timedelta(minutes=15)
HISTORY_PAGE = 50
# Per user, across every room and every worker (the cache is Redis when REDIS_URL is set).
RATE_LIMIT_MESSAGES = 10
RATE_LIMIT_SECONDS = 10
RATE_KEY_PREFIX = "chat:rate"
# Browsers send a heartbeat every HEARTBEAT_SECONDS; a connection silent for PRESENCE_TTL is gone.
HEARTBEAT_SECONDS = 20
PRESENCE_TTL = timedelta(seconds=60)
NETWORK_ROOM_SLUG = "tout-le-reseau"


@dataclass
class ChatError(Exception):
    """A refused action: `code` for programs, `message` (French) for the person."""

    code: str
    message: str
    retry_after: int | None = None

    def __str__(self) -> str:
        return self.message


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


# Rooms ---------------------------------------------------------------------------------------------------


def network_room() -> Room:
    room, _ = Room.objects.get_or_create(
        slug=NETWORK_ROOM_SLUG,
        defaults={
            "kind": Room.Kind.NETWORK,
            "name": "Tout le réseau",
            "description": "Le salon de tous les cafés du réseau et de l'équipe.",
        },
    )
    return room


def region_room(region: Region) -> Room:
    room, _ = Room.objects.get_or_create(
        region=region,
        defaults={
            "kind": Room.Kind.REGION,
            "slug": f"region-{slugify(region.name)}"[:80],
            "name": f"Région {region.name}",
            "description": f"Le salon des cafés de la région {region.name}, entre voisins.",
        },
    )
    return room


def member_region(user) -> Region | None:
    """A member's region: their café's commune's department's region."""
    member = (
        Member.objects.filter(user=user, cafe__isnull=False)
        .select_related("cafe__commune__department__region")
        .first()
    )
    return member.cafe.commune.department.region if member else None


def join_default_rooms(user) -> None:
    """Every member follows the network's room and their own region's room without asking."""
    if not access.is_member(user):
        return
    rooms = [network_room()]
    region = member_region(user)
    if region is not None:
        rooms.append(region_room(region))
    joined = set(RoomMembership.objects.filter(user=user, room__in=rooms).values_list("room_id", flat=True))
    for room in rooms:
        if room.pk not in joined:
            RoomMembership.objects.get_or_create(room=room, user=user)


def join(user, room: Room) -> RoomMembership:
    """Follow a room (its unread count appears in the navigation); entering it must be allowed."""
    ensure_can_enter(user, room)
    membership, _ = RoomMembership.objects.get_or_create(room=room, user=user)
    return membership


def direct_room(user, other) -> Room:
    """The one private conversation between two members, created on first use."""
    if other.pk == user.pk:
        raise ChatError("conversation_invalide", "Choisissez un autre membre que vous-même.")
    if not (access.is_member(user) and access.is_member(other)):
        raise ChatError(
            "conversation_invalide", "Les conversations privées sont réservées aux membres du réseau."
        )
    low, high = sorted([user, other], key=lambda u: u.pk)
    with transaction.atomic():
        room, created = Room.objects.get_or_create(
            slug=f"prive-{low.pk}-{high.pk}",
            defaults={"kind": Room.Kind.DIRECT, "name": f"{display_name(low)} · {display_name(high)}"},
        )
        if created:
            RoomMembership.objects.bulk_create([RoomMembership(room=room, user=u) for u in (low, high)])
    return room


def create_topic_room(user, name: str, description: str = "") -> Room:
    """A topic room, created by the team only (reseau.access.is_team)."""
    if not access.is_team(user):
        raise ChatError("interdit", "Seule l'équipe 1000 cafés crée des salons thématiques.")
    name = name.strip()
    if not name:
        raise ChatError("nom_vide", "Donnez un nom au salon.")
    base = f"theme-{slugify(name)}"[:70] or "theme"
    slug = base
    counter = 2
    while Room.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    room = Room.objects.create(
        kind=Room.Kind.TOPIC, slug=slug, name=name, description=description.strip(), created_by=user
    )
    RoomMembership.objects.create(room=room, user=user)
    return room


def room_url(room: Room) -> str:
    if room.slug == NETWORK_ROOM_SLUG:
        return reverse("forum:discussion")
    return reverse("forum:discussion-salon", args=[room.slug])


def ensure_can_enter(user, room: Room) -> None:
    if not access.can_enter_room(user, room):
        raise ChatError("salon_interdit", f"Vous n'avez pas accès au salon « {room.slug} ».")


def room_for(user, slug: str) -> Room:
    """The room `slug` if `user` may enter it; the same refusal whether it exists or not (no probing)."""
    room = Room.objects.filter(slug=slug).first() if isinstance(slug, str) else None
    if room is None or not access.can_enter_room(user, room):
        raise ChatError("salon_interdit", f"Vous n'avez pas accès au salon « {slug} ».")
    return room


def rooms_for(user) -> list[Room]:
    """The rooms `user` may enter, each with `.unread` (None when not followed) and `.followed`."""
    rooms = list(access.enterable_rooms(Room.objects.all(), user).order_by("kind", "name"))
    counts = unread_counts(user)
    for room in rooms:
        room.followed = room.pk in counts
        room.unread = counts.get(room.pk)
    return rooms


def _build_memberships(shape: None, user_id) -> QuerySet:
    memberships = RoomMembership.objects.filter(user=user_id)
    return memberships.values_list("room_id", "room__last_seq", "last_read_seq")


# Compiled once per process (reseau.compiled): the header counts the member's unread messages on every page.
_MEMBERSHIPS = CompiledQuery(_build_memberships)


def unread_counts(user) -> dict[int, int]:
    """Unread messages per followed room, in one query."""
    return {room_id: max(0, last - read) for room_id, last, read in _MEMBERSHIPS.rows(None, user.pk)}


def mark_read(user, room: Room, seq: int) -> int:
    """Record that `user` has seen `room` up to `seq`; returns the room's unread count for them."""
    seq = min(int(seq), room.last_seq)
    RoomMembership.objects.filter(room=room, user=user, last_read_seq__lt=seq).update(last_read_seq=seq)
    membership = RoomMembership.objects.filter(room=room, user=user).values_list("last_read_seq", flat=True)
    read = membership.first()
    return 0 if read is None else max(0, room.last_seq - read)


# Messages ------------------------------------------------------------------------------------------------


def check_rate(user) -> None:
    """At most RATE_LIMIT_MESSAGES per RATE_LIMIT_SECONDS per user; fails open if the cache is away."""
    limit = getattr(settings, "CHAT_RATE_LIMIT_MESSAGES", RATE_LIMIT_MESSAGES)
    window = int(time.time() // RATE_LIMIT_SECONDS)
    key = f"{RATE_KEY_PREFIX}:{user.pk}:{window}"
    try:
        cache.add(key, 0, RATE_LIMIT_SECONDS * 2)
        count = cache.incr(key)
    except Exception:  # Redis down: losing the limit for a moment beats refusing every message.
        logger.warning("chat rate limit unavailable (cache error)", exc_info=True)
        return
    if count > limit:
        retry = RATE_LIMIT_SECONDS - int(time.time() % RATE_LIMIT_SECONDS)
        raise ChatError(
            "trop_de_messages",
            f"Vous envoyez trop de messages : {limit} au plus toutes les {RATE_LIMIT_SECONDS} "
            f"secondes. Réessayez dans {retry} s, votre message n'est pas perdu.",
            retry_after=retry,
        )


def clean_body(body) -> str:
    if not isinstance(body, str):
        raise ChatError("message_invalide", "Le message doit être du texte.")
    body = body.strip()
    if not body:
        raise ChatError("message_vide", "Le message est vide.")
    if len(body) > MAX_BODY_CHARS:
        raise ChatError(
            "message_trop_long",
            f"Le message fait {len(body)} caractères ; {MAX_BODY_CHARS} au plus.",
        )
    return body


def parse_client_id(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        raise ChatError(
            "message_invalide", "Identifiant de message (client_id) manquant ou mal formé."
        ) from None


def post_message(user, room: Room, body, client_id) -> tuple[ChatMessage, bool]:
    """Store a message and broadcast it once committed; (message, created).

    A second call with the same `client_id` (a resend after a dropped connection) returns the stored message
    with created=False and broadcasts nothing: no duplicate, and no rate-limit charge.
    """
    ensure_can_enter(user, room)
    body = clean_body(body)
    client_id = parse_client_id(client_id)
    existing = ChatMessage.objects.filter(author=user, client_id=client_id).select_related("room").first()
    if existing is not None:
        return _resent(existing, room), False
    check_rate(user)
    try:
        with transaction.atomic():
            Room.objects.filter(pk=room.pk).update(last_seq=F("last_seq") + 1)
            seq = Room.objects.filter(pk=room.pk).values_list("last_seq", flat=True).get()
            room.last_seq = seq
            message = ChatMessage.objects.create(
                room=room, seq=seq, author=user, client_id=client_id, body=body
            )
            membership, created = RoomMembership.objects.get_or_create(
                room=room, user=user, defaults={"last_read_seq": seq}
            )
            if not created:
                RoomMembership.objects.filter(pk=membership.pk).update(last_read_seq=seq)
            mentioned = _record_mentions(message)
            payload = serialize(message)
            transaction.on_commit(lambda: broadcast(room.group_name, live_event("chat.message", payload)))
            for target in mentioned:
                transaction.on_commit(lambda target=target: notify_mention(target, message))
    except IntegrityError:
        existing = ChatMessage.objects.filter(author=user, client_id=client_id).select_related("room").first()
        if existing is None:
            raise
        return _resent(existing, room), False
    return message, True


def _resent(existing: ChatMessage, room: Room) -> ChatMessage:
    if existing.room_id != room.pk:
        raise ChatError("message_invalide", "Cet identifiant de message (client_id) a déjà servi ailleurs.")
    return existing


def _record_mentions(message: ChatMessage) -> list:
    """Mentions of members who may read the room; the author mentioning themself is not a mention."""
    names = mentioned_usernames(message.body)
    if not names:
        return []
    users = get_user_model().objects.filter(username__in=names, is_active=True).exclude(pk=message.author_id)
    targets = [u for u in users if access.can_enter_room(u, message.room)]
    ChatMention.objects.bulk_create([ChatMention(message=message, user=u) for u in targets])
    return targets


def notify_mention(user, message: ChatMessage) -> None:
    """Tell `user` live (their per-user notifications group, shared with the forum) they were mentioned."""
    url = room_url(message.room) + f"#message-{message.seq}"
    broadcast(
        notification_group(user.pk),
        {
            "type": "forum.notification",
            "kind": "chat.mention",
            "text": f"{display_name(message.author)} vous a mentionné·e dans « {message.room.name} »",
            "url": url,
        },
    )


def editable_message(user, message_id) -> ChatMessage:
    """The message `user` may still change: theirs, not deleted, sent less than EDIT_DELAY ago."""
    try:
        message_id = int(message_id)
    except (TypeError, ValueError):
        raise ChatError("message_invalide", "Identifiant de message manquant ou mal formé.") from None
    message = ChatMessage.objects.select_related("room", "author").filter(pk=message_id).first()
    if message is None or not access.can_enter_room(user, message.room):
        raise ChatError("message_introuvable", "Ce message n'existe pas ou ne vous est pas accessible.")
    if message.author_id != user.pk:
        raise ChatError("interdit", "Vous ne pouvez modifier ou supprimer que vos propres messages.")
    if message.deleted_at is not None:
        raise ChatError("message_supprime", "Ce message a déjà été supprimé.")
    if timezone.now() - message.created_at > EDIT_DELAY:
        minutes = int(EDIT_DELAY.total_seconds() // 60)
        raise ChatError("delai_depasse", f"Un message se modifie ou se supprime dans les {minutes} minutes.")
    return message


def edit_message(user, message_id, body) -> ChatMessage:
    body = clean_body(body)
    with transaction.atomic():
        message = editable_message(user, message_id)
        message.body = body
        message.edited_at = timezone.now()
        message.save(update_fields=["body", "edited_at"])
        payload = serialize(message)
        transaction.on_commit(lambda: broadcast(message.room.group_name, live_event("chat.update", payload)))
    return message


def delete_message(user, message_id) -> ChatMessage:
    """Remove the text but keep the message's number, so no client sees a gap."""
    with transaction.atomic():
        message = editable_message(user, message_id)
        message.body = ""
        message.deleted_at = timezone.now()
        message.save(update_fields=["body", "deleted_at"])
        ChatMention.objects.filter(message=message).delete()
        payload = serialize(message)
        transaction.on_commit(lambda: broadcast(message.room.group_name, live_event("chat.update", payload)))
    return message


def history(room: Room, *, before: int | None = None, after: int | None = None, limit: int = HISTORY_PAGE):
    """Messages in order: the `limit` after `after`, or before `before` (the latest ones by default)."""
    messages = room.messages.select_related("author")
    if after is not None:
        return list(messages.filter(seq__gt=after).order_by("seq")[:limit])
    if before is not None:
        messages = messages.filter(seq__lt=before)
    return list(reversed(messages.order_by("-seq")[:limit]))


def serialize(message: ChatMessage) -> dict:
    deleted = message.deleted_at is not None
    return {
        "id": message.pk,
        "room": message.room.slug,
        "seq": message.seq,
        "client_id": str(message.client_id),
        "author": {"username": message.author.get_username(), "name": display_name(message.author)},
        "html": "" if deleted else render(message.body),
        "body": message.body,
        "created_at": message.created_at.isoformat(),
        "editable_until": (message.created_at + EDIT_DELAY).isoformat(),
        "edited": message.edited_at is not None,
        "deleted": deleted,
    }


def live_event(kind: str, payload: dict) -> dict:
    """The layer event for a new ("chat.message") or changed ("chat.update") message. The browser's frame is
    encoded here, once, not by each of the room's consumers: a broadcast to 500 tabs encodes JSON once."""
    frame_type = "message" if kind == "chat.message" else "update"
    frame = json.dumps({"type": frame_type, "message": payload}, ensure_ascii=False)
    return {"type": kind, "room": payload["room"], "seq": payload["seq"], "frame": frame}


def broadcast(group: str, event: dict) -> None:
    """Ring the doorbell; a failure (Redis away) is logged, never raised: the write is already stored."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, event)
    except Exception:
        logger.warning(
            "chat broadcast to %s failed; clients will catch up from history", group, exc_info=True
        )


# Presence ------------------------------------------------------------------------------------------------


def touch_presence(room: Room, user, channel_name: str) -> None:
    ChatPresence.objects.update_or_create(
        room=room, channel_name=channel_name, defaults={"user": user, "last_seen": timezone.now()}
    )


def heartbeat(channel_name: str) -> None:
    """Keep every room this connection follows marked online, and forget connections long gone."""
    now = timezone.now()
    ChatPresence.objects.filter(channel_name=channel_name).update(last_seen=now)
    ChatPresence.objects.filter(last_seen__lt=now - 10 * PRESENCE_TTL).delete()


def leave_presence(channel_name: str, room: Room | None = None) -> None:
    presences = ChatPresence.objects.filter(channel_name=channel_name)
    if room is not None:
        presences = presences.filter(room=room)
    presences.delete()


def online(room: Room) -> list[dict]:
    """Who is in `room` now: connections that sent a heartbeat within PRESENCE_TTL, one entry per person."""
    since = timezone.now() - PRESENCE_TTL
    users = (
        get_user_model()
        .objects.filter(pk__in=ChatPresence.objects.filter(room=room, last_seen__gte=since).values("user_id"))
        .order_by("first_name", "last_name", "username")
    )
    return [{"username": u.get_username(), "name": display_name(u)} for u in users]
