"""Chat broadcast speed: N websocket clients in one room (N = 100, 300, 500), one sender.

For each N it sends one message at a time (the next once every client got the previous one) and measures the
time from the sender's frame to each client's receipt (p50/p95/p99) and the deliveries per second, for each
channel layer: in-memory (one uvicorn worker), Redis pub/sub across two uvicorn workers (what production
runs, config/settings/base.py) and, for comparison, channels-redis' list-based RedisChannelLayer across two
workers; and, in the same run, the floor: a raw Redis PUBLISH → subscriber round trip.

The clients are spread over several processes (uvloop, `websockets`), so that one Python process reading 500
sockets is not what gets measured; each message carries its send time (time.monotonic, one clock for every
process on Linux). Beside each line, the CPU used per broadcast by the workers and by the clients tells where
the time goes. Everything runs on this machine, so the figures compare with each other, not with a deployment.

    .venv/bin/python benchmarks/chat_broadcast.py [--clients 100,300,500] [--messages 20]
        [--layers memory,pubsub,core] [--client-processes 2] [--no-deflate]
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
ORIGIN = "http://127.0.0.1"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
LAYERS = {
    "memory": ("en mémoire, 1 worker", 1),
    "pubsub": ("Redis pub/sub (production), 2 workers", 2),
    "core": ("Redis listes (channels_redis.core), 2 workers", 2),
}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


def line(label: str, latencies: list[float], deliveries: int, seconds: float, expected: int) -> str:
    return (
        f"{label:<54} p50 {percentile(latencies, 50):7.1f} ms  p95 {percentile(latencies, 95):7.1f} ms  "
        f"p99 {percentile(latencies, 99):7.1f} ms  {deliveries / seconds:8.0f} messages/s  "
        f"reçus {deliveries}/{expected}"
    )


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (from /proc, Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


async def redis_floor(count: int = 300) -> tuple[str, float]:
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
    return line("plancher : PUBLISH Redis → abonné", latencies, count, seconds, count), percentile(
        latencies, 95
    )


# The reading clients: one process per --client-processes, driven over stdin/stdout ----------------------


async def open_client(url: str, cookie: str, room: str):
    from websockets.asyncio.client import connect

    headers = {"Origin": ORIGIN, "Cookie": f"sessionid={cookie}"}
    compression = None if os.environ.get("BENCH_NO_DEFLATE") else "deflate"  # browsers negotiate deflate
    ws = await connect(
        url, additional_headers=headers, open_timeout=120, max_size=2**22, compression=compression
    )
    await ws.send(json.dumps({"type": "subscribe", "room": room, "after": 10**12}))
    while json.loads(await ws.recv())["type"] != "history":
        pass
    return ws


async def reader_process(urls: list[str], cookie: str, room: str, count: int) -> None:
    """`count` clients; prints `ready`, then `got <n>` once all of them hold message n, then the figures."""
    out = sys.stdout
    latencies: list[float] = []
    counts: dict[int, int] = {}
    gate = asyncio.Semaphore(25)

    async def one(index: int):
        async with gate:
            return await open_client(urls[index % len(urls)], cookie, room)

    sockets = await asyncio.gather(*(one(n) for n in range(count)))

    async def read(ws) -> None:
        async for raw in ws:
            received = time.monotonic()
            frame = json.loads(raw)
            if frame["type"] != "message":
                continue
            _, number, sent = frame["message"]["body"].split()
            latencies.append(received - float(sent))
            number = int(number)
            counts[number] = counts.get(number, 0) + 1
            if counts[number] == count:
                out.write(f"got {number}\n")
                out.flush()

    tasks = [asyncio.create_task(read(ws)) for ws in sockets]
    out.write("ready\n")
    out.flush()
    loop = asyncio.get_running_loop()
    stdin = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stdin), sys.stdin)
    cpu_start = time.process_time()
    await stdin.readline()  # "stop"
    cpu = time.process_time() - cpu_start
    for task in tasks:
        task.cancel()
    await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
    out.write(json.dumps({"latencies": latencies, "cpu": cpu}) + "\n")
    out.flush()


# The driver -----------------------------------------------------------------------------------------------


async def drop_frames(ws) -> None:
    async for _ in ws:
        pass


async def run_room(workers: list[Worker], cookies: tuple[str, str], room: str, clients: int, args) -> dict:
    """`clients` readers over the workers (in --client-processes processes), one sender on the first."""
    sender_cookie, reader_cookie = cookies
    urls = [w.url for w in workers]
    shares = [
        clients // args.client_processes + (n < clients % args.client_processes)
        for n in range(args.client_processes)
    ]
    readers = []
    for share in shares:
        # Each process starts on a different worker, so the clients split evenly between workers.
        offset = len(readers) % len(urls)
        plan = json.dumps([urls[offset:] + urls[:offset], reader_cookie, room, share])
        process = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--reader", plan,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, limit=2**28,
        )  # fmt: skip
        readers.append(process)
    for process in readers:
        if (await process.stdout.readline()).strip() != b"ready":
            raise RuntimeError("un processus client n'a pas pu se connecter")
    sender = await open_client(urls[0], sender_cookie, room)
    drain = asyncio.create_task(drop_frames(sender))  # the sender's acks and echoes
    worker_cpu = [cpu_seconds(w.process.pid) for w in workers]
    started = time.perf_counter()
    for n in range(args.messages):
        frame = {"type": "message", "room": room, "client_id": str(uuid.uuid4()), "body": ""}
        frame["body"] = f"mesure {n} {time.monotonic():.6f}"
        await sender.send(json.dumps(frame))
        # One broadcast at a time: its latency, not the queue of a burst (messages/s is over the whole run).
        for process in readers:
            while True:
                got = await asyncio.wait_for(process.stdout.readline(), 60)
                if got.strip() == f"got {n}".encode():
                    break
    seconds = time.perf_counter() - started
    worker_cpu = sum(
        cpu_seconds(w.process.pid) - before for w, before in zip(workers, worker_cpu, strict=True)
    )
    latencies: list[float] = []
    client_cpu = 0.0
    for process in readers:
        process.stdin.write(b"stop\n")
        await process.stdin.drain()
        result = json.loads(await process.stdout.readline())
        latencies += result["latencies"]
        client_cpu += result["cpu"]
        await process.wait()
    await sender.close()
    await drain
    return {
        "latencies": latencies,
        "seconds": seconds,
        "expected": clients * args.messages,
        "worker_cpu_ms": worker_cpu / args.messages * 1000,
        "client_cpu_ms": client_cpu / args.messages * 1000,
    }


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


def layout_env(layer: str, env: dict[str, str]) -> dict[str, str]:
    if layer == "memory":
        return {k: v for k, v in env.items() if k != "REDIS_URL"}
    return {
        **env,
        "REDIS_URL": REDIS_URL,
        "CHANNEL_LAYER_PREFIX": f"bench{uuid.uuid4().hex[:6]}",
        "CACHE_KEY_PREFIX": f"bench{uuid.uuid4().hex[:6]}",
        "BENCH_CHANNEL_LAYER": layer,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", default="100,300,500")
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--layers", default="memory,pubsub,core")
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--no-deflate", action="store_true", help="clients without permessage-deflate")
    parser.add_argument("--reader", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.reader:
        import uvloop

        uvloop.run(reader_process(*json.loads(args.reader)))
        return
    sizes = [int(n) for n in args.clients.split(",")]
    if args.no_deflate:
        os.environ["BENCH_NO_DEFLATE"] = "1"  # read by the reader processes too

    env = harness.database_env("postgres")
    env["DJANGO_SETTINGS_MODULE"] = "benchmarks.chat_settings"
    logs = ROOT / "var"
    logs.mkdir(exist_ok=True)
    workers: list[Worker] = []
    try:
        cookies, room = prepare(env)
        print(
            f"Diffusion dans un salon : {args.messages} messages d'un expéditeur, un à la fois, N clients "
            f"répartis sur {args.client_processes} processus, permessage-deflate "
            f"{'non' if args.no_deflate else 'oui (comme les navigateurs)'}, "
            f"cette machine ({os.cpu_count()} cœurs)"
        )
        floor, floor_p95 = asyncio.run(redis_floor())
        print(floor)
        for layer in args.layers.split(","):
            label, count = LAYERS[layer]
            worker_env = layout_env(layer, env)
            workers = [
                Worker(free_port(), worker_env, logs / f"bench-chat-{n}.log").start() for n in range(count)
            ]
            for worker in workers:
                worker.ready()
            for clients in sizes:
                result = asyncio.run(run_room(workers, cookies, room, clients, args))
                latencies = result["latencies"]
                if not latencies:
                    print(f"{label}, N = {clients} : aucun message reçu")
                    continue
                text = line(
                    f"{label}, N = {clients}",
                    latencies,
                    len(latencies),
                    result["seconds"],
                    result["expected"],
                )
                text += (
                    f"  CPU par diffusion : workers {result['worker_cpu_ms']:.0f} ms, "
                    f"clients {result['client_cpu_ms']:.0f} ms"
                )
                if layer != "memory":
                    text += f"  p95 = {percentile(latencies, 95) / floor_p95:.0f}× le plancher"
                print(text, flush=True)
            for worker in workers:
                worker.stop()
            workers = []
    finally:
        for worker in workers:
            worker.stop()
        harness.drop_database(env)


if __name__ == "__main__":
    main()
