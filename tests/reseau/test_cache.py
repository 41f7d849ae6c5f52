"""Production's Redis cache (reseau.cache), against this machine's Redis (pass 2)."""

import pytest
from django.conf import settings

from reseau.cache import SharedPoolRedisCache

pytestmark = pytest.mark.skipif(not settings.REDIS_URL, reason="Redis only (pass 2)")


@pytest.fixture
def backends():
    """Two backend instances, as Django's cache handler makes for two async contexts."""
    params = {"KEY_PREFIX": f"{settings.CACHES['default']['KEY_PREFIX']}-shared"}
    first, second = (SharedPoolRedisCache(settings.REDIS_URL, params) for _ in range(2))
    yield first, second
    first.delete_many(["salle", "compteur"])


def test_instances_share_one_pool_and_one_client(backends):
    first, second = backends
    first.set("salle", "Réseau national")
    assert second.get("salle") == "Réseau national"
    assert first._cache is second._cache
    clients = [backend._cache.get_client(None, write=w) for backend in backends for w in (False, True)]
    assert all(client is clients[0] for client in clients)


def test_one_connection_serves_sequential_operations(backends):
    first, second = backends
    for n in range(50):
        (first if n % 2 else second).set("compteur", n)
        assert (second if n % 2 else first).get("compteur") == n
    first.incr("compteur")
    assert second.get("compteur") == 50
    pool = first._cache.get_client(None).connection_pool
    assert len(pool._available_connections) + len(pool._in_use_connections) == 1
