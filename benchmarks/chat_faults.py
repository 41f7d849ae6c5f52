"""Chat fault drill: Redis stopped while members are connected. Are pages served, is anything lost?

Production's layout on this machine, on a throwaway database and a throwaway redis-server of its own (the
machine's Redis on 6379 is never touched): gunicorn for HTTP, two uvicorn workers for /ws/, the Redis pub/sub
channel layer and the Redis cache. Two members are connected, one to each worker. Then Redis is stopped for
`--outage` seconds: pages are requested, both members write, and what the browsers are told is printed. Redis
comes back: every message must be stored once and reach both members, without restarting any process.

    .venv/bin/python benchmarks/chat_faults.py [--outage 5]
"""

import argparse
import asyncio
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import harness  # noqa: E402
from benchmarks.chat_broadcast import prepare  # noqa: E402
from benchmarks.chat_soak import start_redis  # noqa: E402
from tests.forum.chat.live import ChatClient, Worker, free_port, wait_for_port  # noqa: E402

PAGES = ["/", "/discussion/", "/forum/"]


def get(base: str, path: str, cookie: str) -> str:
    request = urllib.request.Request(base + path, headers={"Cookie": f"sessionid={cookie}"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - local server
            return str(response.status)
    except urllib.error.HTTPError as error:
        return str(error.code)
    except OSError as error:
        return f"erreur ({error})"


async def drill(base: str, workers: list[Worker], cookies: tuple[str, str], room: str, redis, outage: float):
    alice = ChatClient(workers[0].url, cookies[0], room).start()
    bob = ChatClient(workers[1].url, cookies[1], room).start()
    await asyncio.wait_for(asyncio.gather(alice.subscribed.wait(), bob.subscribed.wait()), 20)
    await alice.say("Avant la coupure de Redis")
    await bob.wait_until(1)

    redis.terminate()
    redis.wait(timeout=10)
    print(f"Redis arrêté ({outage:.0f} s)")
    pages = {path: await asyncio.to_thread(get, base, path, cookies[0]) for path in PAGES}
    print("  pages pendant la panne : " + ", ".join(f"{path} → {status}" for path, status in pages.items()))
    await alice.say("Pendant la coupure, de Beaulon")
    await bob.say("Pendant la coupure, de Culhat")
    await asyncio.sleep(outage)
    pending = len(alice.pending) + len(bob.pending)
    print(f"  messages écrits pendant la panne : 2, non acquittés (donc non enregistrés) : {pending}")
    told = {e["code"]: e["message"] for e in alice.errors + bob.errors}
    print(f"  ce que les onglets affichent : {told or 'rien'}")
    print(f"  workers vivants : {all(w.process.poll() is None for w in workers)}")
    return alice, bob


async def recovery(alice: ChatClient, bob: ChatClient, restarted: float) -> None:
    await alice.say("Après le retour de Redis")
    for client in (alice, bob):
        await client.wait_until(4, seconds=30)
    print(
        f"  les deux membres ont les 4 messages, "
        f"{time.monotonic() - restarted:.1f} s après le retour de Redis"
    )
    print(f"  numéros reçus en direct par Culhat : {sorted(set(bob.live))} (les autres par l'historique)")
    for client in (alice, bob):
        await client.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--outage", type=float, default=5)
    args = parser.parse_args()
    env = harness.database_env("postgres")
    env["DJANGO_SETTINGS_MODULE"] = "benchmarks.chat_settings"
    folder = tempfile.mkdtemp(prefix="chat-faults-")
    redis, redis_port = start_redis(folder)
    env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    workers: list[Worker] = []
    try:
        cookies, room = prepare(env)
        workers = [Worker(free_port(), env, Path(folder) / f"worker-{n}.log").start() for n in range(2)]
        for worker in workers:
            worker.ready()
        http_port = free_port()
        with harness.server(env, workers=1, port=http_port) as base:
            loop = asyncio.new_event_loop()
            alice, bob = loop.run_until_complete(drill(base, workers, cookies, room, redis, args.outage))
            redis, _ = start_redis(folder, redis_port)
            wait_for_port(redis_port)
            print("Redis relancé (même port, vide : ni groupes ni caches)")
            loop.run_until_complete(recovery(alice, bob, time.monotonic()))
            loop.close()

        from forum.chat_models import ChatMessage

        seqs = list(ChatMessage.objects.order_by("seq").values_list("seq", flat=True))
        print(f"messages en base : {len(seqs)}, numéros {seqs} (attendu : 1 à 4, sans trou ni doublon)")
    finally:
        for worker in workers:
            worker.stop()
        from django.db import connections

        connections.close_all()
        harness.drop_database(env)
        if redis.poll() is None:
            redis.terminate()
            redis.wait(timeout=10)


if __name__ == "__main__":
    main()
