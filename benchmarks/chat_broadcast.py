"""Chat broadcast speed: N websocket clients in one room (N = 100, 300, 500), one sender.

For each N it sends one message at a time (the next once every client got the previous one) and measures
the time from the sender's frame to each client's receipt (p50/p95/p99) and the deliveries per second, with
the in-memory channel layer (one uvicorn worker) and with channels-redis across two uvicorn workers (clients
split between them); and, in the same run, the floor: a raw Redis PUBLISH → subscriber round trip.
Everything runs on this machine (clients included), on a throwaway PostgreSQL database, so the figures
compare with each other, not with a real deployment.

    .venv/bin/python benchmarks/chat_broadcast.py [--clients 100,300,500] [--messages 20]
"""

import argparse
import asyncio
import json
import os
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import harness  # noqa: E402
from tests.forum.chat.live import Worker, free_port  # noqa: E402

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


def line(label: str, latencies: list[float], deliveries: int, seconds: float, expected: int) -> str:
    return (
        f"{label:<44} p50 {percentile(latencies, 50):7.1f} ms  p95 {percentile(latencies, 95):7.1f} ms  "
        f"p99 {percentile(latencies, 99):7.1f} ms  {deliveries / seconds:9.0f} messages/s  "
        f"reçus {deliveries}/{expected}"
    )


async def redis_floor(count: int = 300) -> str:
    """Raw PUBLISH → one subscriber, the least any Redis-backed broadcast can cost."""
    import redis.asyncio as redis

    client = redis.Redis.from_url(REDIS_URL)
    pubsub = client.pubsub()
    channel = f"bench-floor-{uuid.uuid4().hex}"
    await pubsub.subscribe(channel)
    await pubsub.get_message(timeout=1)  # the subscription confirmation
    latencies = []
    started = time.perf_counter()
    for _ in range(count):
        sent = time.perf_counter()
        await client.publish(channel, b"x")
        while (await pubsub.get_message(timeout=1)) is None:
            pass
        latencies.append(time.perf_counter() - sent)
    seconds = time.perf_counter() - started
    await pubsub.unsubscribe(channel)
    await pubsub.aclose()
    await client.aclose()
    return line("plancher : PUBLISH Redis → abonné", latencies, count, seconds, count)


async def run_room(urls: list[str], cookies: tuple[str, str], room: str, clients: int, messages: int):
    """`clients` readers spread over `urls`, one sender on urls[0]; latencies of every delivery."""
    from websockets.asyncio.client import connect

    sender_cookie, reader_cookie = cookies
    sent_at: dict[str, float] = {}
    latencies: list[float] = []
    received = 0
    expected = clients * messages

    async def open_client(url: str, cookie: str):
        headers = {"Origin": "http://127.0.0.1", "Cookie": f"sessionid={cookie}"}
        ws = await connect(url, additional_headers=headers, open_timeout=60, max_size=2**22)
        await ws.send(json.dumps({"type": "subscribe", "room": room, "after": 10**12}))
        while json.loads(await ws.recv())["type"] != "history":
            pass
        return ws

    async def read(ws) -> None:
        nonlocal received
        async for raw in ws:
            frame = json.loads(raw)
            if frame["type"] == "message":
                latencies.append(time.perf_counter() - sent_at[frame["message"]["client_id"]])
                received += 1

    gate = asyncio.Semaphore(50)

    async def reader(n: int):
        async with gate:
            return await open_client(urls[n % len(urls)], reader_cookie)

    readers = await asyncio.gather(*(reader(n) for n in range(clients)))
    sender = await open_client(urls[0], sender_cookie)
    tasks = [asyncio.create_task(read(ws)) for ws in readers]
    started = time.perf_counter()
    for n in range(messages):
        client_id = str(uuid.uuid4())
        sent_at[client_id] = time.perf_counter()
        await sender.send(
            json.dumps({"type": "message", "room": room, "client_id": client_id, "body": f"n°{n}"})
        )
        # One broadcast at a time: its latency, not the queue of a burst (messages/s is over the whole run).
        deadline = time.perf_counter() + 30
        while received < (n + 1) * clients and time.perf_counter() < deadline:
            await asyncio.sleep(0.002)
    seconds = time.perf_counter() - started
    for task in tasks:
        task.cancel()
    await asyncio.gather(*(ws.close() for ws in [*readers, sender]), return_exceptions=True)
    return latencies, received, seconds, expected


def prepare(env: dict[str, str]) -> tuple[tuple[str, str], str]:
    """Migrate, create the room and two members (a sender, a reader shared by every client), log them in."""
    harness.manage(env, "migrate", "--noinput")
    harness.setup_django(env)
    from django.contrib.auth import get_user_model
    from django.test import Client

    from forum import chat_services
    from reseau.models import Member

    cookies = []
    for username in ("bench-expediteur", "bench-lecteur"):
        user = get_user_model().objects.create_user(username=username, password=uuid.uuid4().hex)
        Member.objects.create(user=user)
        client = Client()
        client.force_login(user)
        cookies.append(client.cookies["sessionid"].value)
    return (cookies[0], cookies[1]), chat_services.network_room().slug


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", default="100,300,500")
    parser.add_argument("--messages", type=int, default=20)
    args = parser.parse_args()
    sizes = [int(n) for n in args.clients.split(",")]

    env = harness.database_env("postgres")
    env["DJANGO_SETTINGS_MODULE"] = "benchmarks.chat_settings"
    logs = ROOT / "var"
    logs.mkdir(exist_ok=True)
    workers: list[Worker] = []
    try:
        cookies, room = prepare(env)
        print(f"Diffusion dans un salon : {args.messages} messages d'un expéditeur, N clients, cette machine")
        print(asyncio.run(redis_floor()))
        prefix = f"bench{uuid.uuid4().hex[:6]}"
        layouts = [
            ("en mémoire, 1 worker", {k: v for k, v in env.items() if k != "REDIS_URL"}, 1),
            ("Redis, 2 workers", {**env, "REDIS_URL": REDIS_URL, "CHANNEL_LAYER_PREFIX": prefix}, 2),
        ]  # fmt: skip
        for label, layout_env, count in layouts:
            workers = [
                Worker(free_port(), layout_env, logs / f"bench-chat-{n}.log").start() for n in range(count)
            ]
            for worker in workers:
                worker.ready()
            for clients in sizes:
                latencies, received, seconds, expected = asyncio.run(
                    run_room([w.url for w in workers], cookies, room, clients, args.messages)
                )
                if latencies:
                    print(line(f"{label}, N = {clients}", latencies, received, seconds, expected))
                else:
                    print(f"{label}, N = {clients} : aucun message reçu")
            for worker in workers:
                worker.stop()
            workers = []
    finally:
        for worker in workers:
            worker.stop()
        harness.drop_database(env)


if __name__ == "__main__":
    main()
