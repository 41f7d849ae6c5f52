"""Production's cache backend: Django's Redis cache with one connection pool and one client per process."""

import threading

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.utils.functional import cached_property

_clients: dict[str, RedisCacheClient] = {}
_clients_lock = threading.Lock()


class SharedClientRedisCacheClient(RedisCacheClient):
    """Django's client builds a new `redis.Redis` for every cache operation, and each one copies redis-py's
    table of about 170 response callbacks (some 1,700 Python calls for a member's page and its three cache
    reads). Here each connection pool gets one `redis.Redis`, built on first use; redis-py's clients are
    thread-safe and take a connection from the pool per command, as before."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._redis_by_pool: dict[int, object] = {}

    def get_client(self, key=None, *, write: bool = False):
        pool = self._get_connection_pool(write)
        client = self._redis_by_pool.get(id(pool))  # pools live as long as this client: ids are not reused
        if client is None:
            client = self._redis_by_pool[id(pool)] = self._client(connection_pool=pool)
        return client


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
                _clients[key] = SharedClientRedisCacheClient(self._servers, **self._options)
            return _clients[key]
