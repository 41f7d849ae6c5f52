"""Production's cache backend: Django's Redis cache with one connection pool per process."""

import threading

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.utils.functional import cached_property

_clients: dict[str, RedisCacheClient] = {}
_clients_lock = threading.Lock()


class SharedPoolRedisCache(RedisCache):
    """Django's cache handler gives each async context its own backend instance: under ASGI, each websocket
    connection (channels' AuthMiddleware reads its session through the cache, sessions being `cached_db`).
    Each RedisCache instance opens its own connection pool and never closes it, so the connections stayed
    open until the garbage collector found the instance (dozens to 220 idle Redis clients per chat worker,
    benchmarks/chat_soak.py). Instances with the same servers and options share one client here, hence one
    pool per process; redis-py's pools are thread-safe."""

    @cached_property
    def _cache(self) -> RedisCacheClient:
        key = repr((self._servers, sorted(self._options.items())))
        with _clients_lock:
            if key not in _clients:
                _clients[key] = self._class(self._servers, **self._options)
            return _clients[key]
