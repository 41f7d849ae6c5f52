"""The chat's data: rooms, who belongs to them, their messages, mentions and who is online.

The database is the source of truth; the channel layer only rings the bell (see forum.chat_services). Each
room hands out its own sequence numbers (`Room.last_seq`) so a client notices a gap and repairs it from the
history; a message carries the id its author's browser generated (`client_id`) so a resend after a dropped
connection is recognised instead of stored twice. Who may enter which room is decided by
reseau.access.can_enter_room.
"""

from django.conf import settings
from django.db import models

from reseau.geography import Region

__all__ = ["ChatMention", "ChatMessage", "ChatPresence", "Room", "RoomMembership"]


class Room(models.Model):
    """A place to talk: the whole network, a region, a topic (created by the team) or two members."""

    class Kind(models.TextChoices):
        NETWORK = "reseau", "tout le réseau"
        REGION = "region", "région"
        TOPIC = "theme", "salon thématique"
        DIRECT = "direct", "conversation privée"

    kind = models.CharField("type", max_length=8, choices=Kind.choices)
    slug = models.SlugField("adresse", max_length=80, unique=True)
    name = models.CharField("nom", max_length=120)
    description = models.CharField("description", max_length=300, blank=True)
    region = models.OneToOneField(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="chat_room"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    # The sequence number of the room's latest message: bumped in the same transaction as the insert.
    last_seq = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "salon de discussion"
        verbose_name_plural = "salons de discussion"
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def group_name(self) -> str:
        """The channel-layer group every connection following this room joins."""
        return f"chat.room.{self.pk}"


class RoomMembership(models.Model):
    """A member's place in a room: the two people of a direct conversation, or a room they joined.

    `last_read_seq` gives the unread count in one subtraction (`room.last_seq - last_read_seq`).
    """

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_memberships"
    )
    last_read_seq = models.PositiveBigIntegerField(default=0)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "participation à un salon"
        constraints = [models.UniqueConstraint(fields=["room", "user"], name="chat_membership_unique")]


class ChatMessage(models.Model):
    """One message of a room, numbered in the room's order; deleting keeps the number and drops the text."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveBigIntegerField("numéro dans le salon")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_messages"
    )
    client_id = models.UUIDField("identifiant donné par le navigateur")
    body = models.TextField("message")
    created_at = models.DateTimeField("envoyé le", auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField("modifié le", null=True, blank=True)
    deleted_at = models.DateTimeField("supprimé le", null=True, blank=True)

    class Meta:
        verbose_name = "message de discussion"
        verbose_name_plural = "messages de discussion"
        ordering = ["room", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["room", "seq"], name="chat_message_seq_unique"),
            models.UniqueConstraint(fields=["author", "client_id"], name="chat_message_client_id_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.room} #{self.seq}"


class ChatMention(models.Model):
    """A member named with @identifiant in a message: they are notified, and see it until they read it."""

    message = models.ForeignKey(ChatMessage, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_mentions")
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "mention"
        constraints = [models.UniqueConstraint(fields=["message", "user"], name="chat_mention_unique")]


class ChatPresence(models.Model):
    """One open connection following a room, kept alive by heartbeats.

    Rows are removed when the connection closes; a connection that vanished without closing (a closed
    laptop, a killed worker) stops counting once `last_seen` is older than PRESENCE_TTL.
    """

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel_name = models.CharField(max_length=200)
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "présence"
        constraints = [
            models.UniqueConstraint(fields=["room", "channel_name"], name="chat_presence_unique"),
        ]
