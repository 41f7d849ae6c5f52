"""Chat soak: websocket connect/disconnect cycles and 0.5 MiB frames against one ASGI worker: any leak?

One uvicorn worker as in production (scripts/serve-prod.sh: `--ws-max-size 65536`, the Redis pub/sub channel
layer, PostgreSQL) on a throwaway database and a throwaway redis-server of its own (so the Redis client count
is this worker's alone). It runs, after a warm-up of a tenth of them:
- `--cycles` (20,000) connect → ready → subscribe → history → close cycles, 20 at a time;
- `--big` (1,000) frames of 0.5 MiB, each on a member's open connection. The chat allows 16 KiB per frame
  (README) and uvicorn 64 KiB, so each must be refused cleanly: the connection closed with code 1009, the
  other connections untouched, nothing stored;
- as many messages of the largest allowed size (4,000 characters) from a member, stored and broadcast.
Then it prints the worker's memory (RSS) growth after warm-up (target ≤ 10 %), the Redis clients after
warm-up and at the end (target: back to that baseline), the connections' channels still subscribed in Redis
and the presence rows left behind (targets: 0).

    .venv/bin/python benchmarks/chat_soak.py [--cycles 20000] [--big 1000]
"""

import argparse
import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import harness  # noqa: E402
from tests.forum.chat.live import Worker, free_port, wait_for_port  # noqa: E402

ORIGIN = "http://127.0.0.1"
BIG_FRAME = 512 * 1024
CONCURRENCY = 20


def rss_mib(pid: int) -> float:
    for row in Path(f"/proc/{pid}/status").read_text().splitlines():
        if row.startswith("VmRSS:"):
            return int(row.split()[1]) / 1024
    raise RuntimeError("VmRSS absent")


def redis_clients(port: int) -> int:
    """Clients connected to the soak's own redis-server, less the one asking."""
    import redis

    client = redis.Redis(port=port)
    try:
        return int(client.info("clients")["connected_clients"]) - 1
    finally:
        client.close()


def stale_subscriptions(port: int) -> int:
    """Connections' own channels the worker still subscribes to in Redis (all tabs are closed by then)."""
    import redis

    client = redis.Redis(port=port)
    try:
        return len(client.pubsub_channels("asgispecific.*"))
    finally:
        client.close()


async def connect(url: str, cookie: str):
    from websockets.asyncio.client import connect as ws_connect

    headers = {"Origin": ORIGIN, "Cookie": f"sessionid={cookie}"}
    return await ws_connect(url, additional_headers=headers, open_timeout=60, max_size=2**22)


async def frame_of(ws, kind: str) -> dict:
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), 30))
        if frame["type"] == kind:
            return frame


async def cycles(url: str, cookie: str, room: str, count: int) -> int:
    """`count` connect → subscribe → close cycles, CONCURRENCY at a time; returns the failures."""
    failures = 0
    remaining = iter(range(count))

    async def lane() -> None:
        nonlocal failures
        for _ in remaining:
            try:
                ws = await connect(url, cookie)
                await frame_of(ws, "ready")
                await ws.send(json.dumps({"type": "subscribe", "room": room}))
                await frame_of(ws, "history")
                await ws.close()
            except Exception:
                failures += 1

    await asyncio.gather(*(lane() for _ in range(CONCURRENCY)))
    return failures


async def big_frames(url: str, cookie: str, room: str, count: int) -> tuple[int, int]:
    """`count` 0.5 MiB frames, each on a fresh connection; (closed with 1009, other outcomes). A watcher
    connected throughout must stay open."""
    from websockets.exceptions import ConnectionClosed

    body = "é" * (BIG_FRAME // 2)  # 2 bytes of UTF-8 each: 0.5 MiB
    frame = json.dumps({"type": "message", "room": room, "client_id": "", "body": body}, ensure_ascii=False)
    refused = other = 0
    watcher = await connect(url, cookie)
    await frame_of(watcher, "ready")
    for _ in range(count):
        ws = await connect(url, cookie)
        await frame_of(ws, "ready")
        try:
            await ws.send(frame.replace('"client_id": ""', f'"client_id": "{uuid.uuid4()}"'))
            while True:
                await asyncio.wait_for(ws.recv(), 30)
        except ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd else None
            refused += code == 1009
            other += code != 1009
    await watcher.send(json.dumps({"type": "heartbeat"}))
    await frame_of(watcher, "heartbeat")  # still served
    await watcher.close()
    return refused, other


async def largest_messages(url: str, cookie: str, room: str, count: int) -> int:
    """`count` messages of the largest allowed body, each acknowledged; returns the acknowledged ones."""
    ws = await connect(url, cookie)
    await frame_of(ws, "ready")
    await ws.send(json.dumps({"type": "subscribe", "room": room}))
    await frame_of(ws, "history")
    acknowledged = 0
    for n in range(count):
        body = f"Essai d'endurance n°{n} " + "café " * 800
        frame = {"type": "message", "room": room, "client_id": str(uuid.uuid4()), "body": body[:4000]}
        await ws.send(json.dumps(frame, ensure_ascii=False))
        acknowledged += (await frame_of(ws, "ack"))["duplicate"] is False
    await ws.close()
    return acknowledged


def start_redis(folder: str, port: int | None = None) -> tuple[subprocess.Popen, int]:
    """A throwaway redis-server without persistence on a free port (or `port`)."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server manque : scripts/services.sh l'installe (paquet redis-server).")
    port = port or free_port()
    process = subprocess.Popen(  # noqa: S603
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", folder],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    wait_for_port(port)
    return process, port


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=20_000)
    parser.add_argument("--big", type=int, default=1_000)
    args = parser.parse_args()

    env = harness.database_env("postgres")
    env["DJANGO_SETTINGS_MODULE"] = "benchmarks.chat_settings"
    folder = tempfile.mkdtemp(prefix="chat-soak-")
    redis_process, redis_port = start_redis(folder)
    env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    worker = None
    try:
        from benchmarks.chat_broadcast import prepare

        (cookie, _), room = prepare(env)
        worker = Worker(free_port(), env, Path(folder) / "worker.log").start().ready()
        pid = worker.process.pid
        redis_before = redis_clients(redis_port)
        print(
            f"Endurance de la discussion : 1 worker uvicorn (pid {pid}), "
            f"Redis à part sur le port {redis_port}"
        )

        # Warm-up: a tenth of each kind of traffic, so pools, caches and code paths exist before measuring.
        def phases(share: float) -> tuple[int, int, int, int, float]:
            count_cycles, count_big = round(args.cycles * share), round(args.big * share)
            started = time.perf_counter()
            failures = asyncio.run(cycles(worker.url, cookie, room, count_cycles))
            refused, other = asyncio.run(big_frames(worker.url, cookie, room, count_big))
            acknowledged = asyncio.run(largest_messages(worker.url, cookie, room, count_big))
            return failures, refused, other, acknowledged, time.perf_counter() - started

        warm = phases(0.1)
        time.sleep(1)
        rss_warm = rss_mib(pid)
        redis_warm = redis_clients(redis_port)
        print(
            f"après l'échauffement (un dixième de chaque) : RSS {rss_warm:.1f} Mio, "
            f"clients Redis {redis_warm} (avant la première connexion : {redis_before})"
        )
        totals = list(warm)
        trend = []
        for _ in range(9):  # the rest in tenths, with the memory after each: a plateau or a slope?
            totals = [a + b for a, b in zip(totals, phases(0.1), strict=True)]
            trend.append(f"{rss_mib(pid):.0f}")
        print(f"RSS après chaque dixième suivant (Mio) : {' → '.join(trend)}")
        failures, refused, other, acknowledged, seconds = totals
        print(
            f"{args.cycles} cycles connexion → ready → abonnement → historique → fermeture, "
            f"{CONCURRENCY} à la fois : échecs {failures}"
        )
        print(f"{args.big} trames de 0,5 Mio : fermées proprement en 1009 {refused}, autre issue {other}")
        print(
            f"{args.big} messages de 4 000 caractères (le maximum) : enregistrés et acquittés {acknowledged}"
        )
        print(f"durée {seconds:.0f} s")
        time.sleep(2)
        rss_end = rss_mib(pid)
        growth = (rss_end - rss_warm) / rss_warm * 100
        redis_after = redis_clients(redis_port)
        stale = stale_subscriptions(redis_port)

        from forum.chat_models import ChatMessage, ChatPresence

        stored = ChatMessage.objects.count()
        presences = ChatPresence.objects.count()
        verdict = "OK" if growth <= 10 else "AU-DELÀ de 10 %"
        print(
            f"mémoire du worker après l'échauffement : {rss_warm:.1f} → {rss_end:.1f} Mio, "
            f"{growth:+.1f} % ({verdict})"
        )
        print(
            f"clients Redis : {redis_warm} après l'échauffement, {redis_after} à la fin "
            f"({'retour à la base' if redis_after <= redis_warm else 'NON revenus à la base'})"
        )
        print(f"canaux de connexion encore abonnés dans Redis : {stale} (attendu 0)")
        print(f"messages en base : {stored} (attendus {acknowledged}) ; présences restantes : {presences}")
    finally:
        if worker is not None:
            worker.stop()
        from django.db import connections

        connections.close_all()
        harness.drop_database(env)
        redis_process.terminate()
        redis_process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
