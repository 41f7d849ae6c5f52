"""The second pass of `make test` runs on the machine's real PostgreSQL and Redis: prove it talks to them."""

import asyncio
import os
import uuid

import pytest
import redis
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from reseau.channel_layer import PubSubChannelLayer

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"),
    reason="première passe (défauts embarqués) : PostgreSQL et Redis sont testés dans la seconde",
)


@pytest.mark.django_db
def test_database_is_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        assert cursor.fetchone()[0].startswith("test_reseau_")


def test_cache_writes_to_redis():
    key = f"service-check-{uuid.uuid4()}"
    cache.set(key, "café", 30)
    raw = redis.Redis.from_url(settings.REDIS_URL)
    stored = list(raw.scan_iter(f"*{key}"))
    assert len(stored) == 1
    assert cache.get(key) == "café"
    cache.delete(key)
    assert not list(raw.scan_iter(f"*{key}"))


def test_channel_layer_goes_through_redis():
    async def roundtrip():
        # Two layer objects, as in two ASGI processes: only Redis links them.
        sender = PubSubChannelLayer(**settings.CHANNEL_LAYERS["default"]["CONFIG"])
        receiver = get_channel_layer()
        channel = await receiver.new_channel()
        group = f"verif-{uuid.uuid4().hex}"
        await receiver.group_add(group, channel)
        await sender.group_send(group, {"type": "chat.message", "text": "bonjour"})
        message = await asyncio.wait_for(receiver.receive(channel), timeout=5)
        await receiver.group_discard(group, channel)
        return message

    assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == "reseau.channel_layer.PubSubChannelLayer"
    assert asyncio.run(roundtrip()) == {"type": "chat.message", "text": "bonjour"}
