"""Several real ASGI workers (uvicorn) sharing channels-redis: messages cross processes, and survive Redis
restarting and a worker being killed, with 0 messages lost or duplicated.

Second pass only (PostgreSQL + Redis, as in .ci/run): the workers need a database other processes can open.
The Redis restart test starts its own redis-server on a free port; the machine's Redis is never restarted.
"""

import asyncio
import json
import os
import shutil
import subprocess
import time
import uuid

import pytest
import redis
from asgiref.sync import sync_to_async
from django.db import connection
from redis.asyncio import Redis

from forum import chat_services
from forum.chat_models import ChatMessage

from .conftest import session_cookie
from .live import ChatClient, Worker, free_port, wait_for_port, worker_env

pytestmark = [
    pytest.mark.services,
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL") or not os.environ.get("DATABASE_URL"),
        reason="seconde passe (PostgreSQL + Redis) : les workers partagent la base et channels-redis",
    ),
]


def database_url() -> str:
    s = connection.settings_dict
    return (
        f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    )


def start_workers(folder, redis_url: str, count: int = 2) -> list[Worker]:
    """`count` uvicorn workers on free ports, started together, sharing the test database and `redis_url`."""
    env = worker_env(database_url(), redis_url, f"test-chat-{uuid.uuid4().hex[:8]}")
    workers = [Worker(free_port(), env, folder / f"worker-{n}.log").start() for n in range(count)]
    return [w.ready() for w in workers]


@pytest.fixture(scope="module")
def machine_workers(django_db_setup, tmp_path_factory):
    """Two workers on the machine's Redis, shared by this module's tests (each starts in ~5 s)."""
    workers = start_workers(tmp_path_factory.mktemp("workers"), os.environ["REDIS_URL"])
    yield workers
    for worker in workers:
        worker.stop()
    # The workers' sessions and cache entries would stay for weeks on the machine's Redis: drop them too.
    machine_redis = redis.Redis.from_url(os.environ["REDIS_URL"])
    for key in machine_redis.scan_iter(f"{workers[0].env['CACHE_KEY_PREFIX']}*"):
        machine_redis.delete(key)
    machine_redis.close()


@pytest.fixture
def own_workers(own_redis, tmp_path):
    workers = start_workers(tmp_path, own_redis.url)
    yield workers
    for worker in workers:
        worker.stop()


@pytest.fixture
def own_redis(tmp_path):
    """A throwaway redis-server on a free port, without persistence, that the test may restart."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server manque : scripts/services.sh l'installe (paquet redis-server).")
    port = free_port()

    class OwnRedis:
        url = f"redis://127.0.0.1:{port}/0"
        process: subprocess.Popen | None = None

        def start(self) -> None:
            self.process = subprocess.Popen(  # noqa: S603
                [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                 "--dir", str(tmp_path)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            wait_for_port(port)

        def stop(self) -> None:
            if self.process and self.process.poll() is None:
                self.process.terminate()
                self.process.wait(timeout=10)

    redis = OwnRedis()
    redis.start()
    yield redis
    redis.stop()


async def members_cookies(member, other_member):
    room = await sync_to_async(chat_services.network_room)()
    return (
        room,
        await sync_to_async(session_cookie)(member),
        await sync_to_async(session_cookie)(other_member),
    )


async def assert_nothing_lost_or_duplicated(clients: list[ChatClient]) -> None:
    """Every message typed was stored once, numbered 1..N without a hole, and every client holds them all."""
    sent = [client_id for client in clients for client_id in client.sent_ids]
    for client in clients:
        await client.wait_until(len(sent))
    stored = await sync_to_async(
        lambda: list(ChatMessage.objects.order_by("seq").values_list("seq", "client_id"))
    )()
    assert sorted(str(client_id) for _, client_id in stored) == sorted(sent)
    assert [seq for seq, _ in stored] == list(range(1, len(sent) + 1))
    for client in clients:
        assert sorted(client.seen) == list(range(1, len(sent) + 1))


async def test_clients_of_two_workers_see_each_others_messages(member, other_member, machine_workers):
    room, alice_cookie, bob_cookie = await members_cookies(member, other_member)
    first, second = machine_workers
    alice = ChatClient(first.url, alice_cookie, room.slug).start()
    bob = ChatClient(second.url, bob_cookie, room.slug).start()
    await asyncio.wait_for(asyncio.gather(alice.subscribed.wait(), bob.subscribed.wait()), 10)
    for n in range(4):
        await alice.say(f"De Beaulon, message {n}")
        await bob.say(f"De Culhat, message {n}")
    await assert_nothing_lost_or_duplicated([alice, bob])
    # Across processes, through Redis: each got the other's messages as live broadcasts, not only history.
    assert len(set(bob.live)) == 8 and len(set(alice.live)) == 8
    await alice.close()
    await bob.close()


async def test_redis_restart_loses_nothing_and_recovers_within_ten_seconds(
    member, other_member, own_workers, own_redis
):
    room, alice_cookie, bob_cookie = await members_cookies(member, other_member)
    first, second = own_workers
    alice = ChatClient(first.url, alice_cookie, room.slug).start()
    bob = ChatClient(second.url, bob_cookie, room.slug).start()
    await asyncio.wait_for(asyncio.gather(alice.subscribed.wait(), bob.subscribed.wait()), 10)
    await alice.say("Avant la panne")
    await bob.wait_until(1)

    own_redis.stop()
    await asyncio.sleep(0.5)
    # During the outage: messages are stored (the database is up) and acknowledged; nobody crashed.
    await alice.say("Pendant la panne, 1")
    await bob.say("Pendant la panne, 2")
    await alice.wait_until(0, seconds=10)  # acknowledged: stored
    await bob.wait_until(0, seconds=10)
    assert first.process.poll() is None and second.process.poll() is None
    # Each tab is told the live feed is interrupted (its heartbeat finds the layer away), in French.
    deadline = time.monotonic() + 5
    while not all(any(e["code"] == "direct_interrompu" for e in c.errors) for c in (alice, bob)):
        assert time.monotonic() < deadline, f"aucun avis de reconnexion : {alice.errors} {bob.errors}"
        await asyncio.sleep(0.1)
    assert "reconnexion en cours" in alice.errors[-1]["message"]

    own_redis.start()
    restarted = time.monotonic()
    # Within 10 s: a brand-new connection works and a new message is broadcast live across workers.
    carol = ChatClient(second.url, bob_cookie, room.slug).start()
    await asyncio.wait_for(carol.subscribed.wait(), 10)
    before = len(bob.live)
    while True:
        await alice.say("Après la panne")
        await asyncio.sleep(1)
        if len(bob.live) > before:
            break
        assert time.monotonic() - restarted < 10, "aucune diffusion dans les 10 s après le retour de Redis"
    assert time.monotonic() - restarted < 10
    await assert_nothing_lost_or_duplicated([alice, bob, carol])
    assert first.process.poll() is None and second.process.poll() is None
    for client in (alice, bob, carol):
        await client.close()


async def test_killed_worker_restarted_clients_reconnect_and_catch_up(member, other_member, machine_workers):
    room, alice_cookie, bob_cookie = await members_cookies(member, other_member)
    first, second = machine_workers
    alice = ChatClient(first.url, alice_cookie, room.slug).start()
    bob = ChatClient(second.url, bob_cookie, room.slug).start()
    await asyncio.wait_for(asyncio.gather(alice.subscribed.wait(), bob.subscribed.wait()), 10)
    await alice.say("Bonjour de Beaulon")
    await bob.wait_until(1)

    first.kill()  # SIGKILL: no goodbye to anyone
    await bob.say("Tu es encore là ?")
    await bob.say("Je t'écris pendant que ton serveur redémarre")
    await alice.say("Tapé pendant la coupure")  # kept by Alice's tab, sent after reconnecting
    await bob.wait_until(3)
    await asyncio.to_thread(lambda: first.start().ready())

    await assert_nothing_lost_or_duplicated([alice, bob])
    assert alice.connections >= 2
    for client in (alice, bob):
        await client.close()


async def test_tab_closed_while_the_server_sends_leaves_no_presence_behind(member, machine_workers):
    """The server still sends (presence) after the history; the tab closes at once. uvicorn then ends the
    application without a websocket.disconnect: the consumer must still clean up (found by chat_soak.py)."""
    from websockets.asyncio.client import connect

    from forum.chat_models import ChatPresence

    room = await sync_to_async(chat_services.network_room)()
    cookie = await sync_to_async(session_cookie)(member)
    headers = {"Origin": "http://127.0.0.1", "Cookie": f"sessionid={cookie}"}

    async def subscribed(ws) -> None:
        await ws.send(json.dumps({"type": "subscribe", "room": room.slug}))
        while json.loads(await ws.recv())["type"] != "history":
            pass

    # Another tab of the same member stays open: each new tab then gets the presence list right after the
    # history, while it is closing.
    async with connect(machine_workers[0].url, additional_headers=headers) as other_tab:
        await subscribed(other_tab)
        for _ in range(5):
            async with connect(machine_workers[0].url, additional_headers=headers) as ws:
                await subscribed(ws)
    deadline = time.monotonic() + 10
    while await sync_to_async(ChatPresence.objects.filter(user=member).count)():
        assert time.monotonic() < deadline, "présences laissées par des onglets fermés"
        await asyncio.sleep(0.1)
    # Nor any channel still subscribed in Redis by the workers (the pub/sub layer's per-connection channels).
    prefix = machine_workers[0].env["CHANNEL_LAYER_PREFIX"]
    redis = Redis.from_url(os.environ["REDIS_URL"])
    try:
        while stale := await redis.pubsub_channels(f"{prefix}specific.*"):
            assert time.monotonic() < deadline, f"{len(stale)} canaux toujours abonnés, onglets fermés"
            await asyncio.sleep(0.1)
    finally:
        await redis.aclose()


async def test_tabs_opened_and_closed_leave_no_redis_client_behind(member, own_redis, tmp_path):
    """Each websocket reads its session through the cache in an async context of its own, and Django gives
    each context its own cache backend: with a connection pool per backend, every tab left an idle Redis
    client until the worker's garbage collector ran (chat_soak.py: 180 to 220 per worker)."""
    import redis
    from websockets.asyncio.client import connect

    room = await sync_to_async(chat_services.network_room)()
    cookie = await sync_to_async(session_cookie)(member)
    headers = {"Origin": "http://127.0.0.1", "Cookie": f"sessionid={cookie}"}
    (worker,) = await asyncio.to_thread(start_workers, tmp_path, own_redis.url, 1)
    counter = redis.Redis.from_url(own_redis.url)

    def clients() -> int:
        return int(counter.info("clients")["connected_clients"]) - 1  # less the one asking

    async def tab() -> None:
        """Subscribe, then wait for the worker's presence broadcast to come back through Redis (after the
        history): by then the worker has published, so every connection it needs is open."""
        async with connect(worker.url, additional_headers=headers) as ws:
            await ws.send(json.dumps({"type": "subscribe", "room": room.slug}))
            while json.loads(await ws.recv())["type"] != "presence":
                pass

    try:
        await tab()
        baseline = clients()
        for _ in range(30):
            await tab()
        deadline = time.monotonic() + 5
        while (now := clients()) > baseline:
            assert time.monotonic() < deadline, (
                f"{now} clients Redis après 30 onglets fermés, {baseline} avant"
            )
            await asyncio.sleep(0.1)
    finally:
        counter.close()
        worker.stop()
