"""The floors every other figure is compared with, measured in one run on this machine.

- a raw ASGI "hello" served by uvicorn (the ceiling: no framework at all),
- the bare Django view /sante/ under gunicorn (the framework floor; SQLite, or PostgreSQL with --postgres),
- a Redis PUBLISH → SUBSCRIBE round trip on the machine's Redis (the transport floor of the chat).

Usage: .venv/bin/python benchmarks/baselines.py [--postgres] [--seconds 5]
"""

import argparse
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import harness  # noqa: E402

HELLO_APP = """
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"bonjour"})
"""


def raw_asgi(seconds: float, port: int = 8766) -> harness.Result:
    folder = harness.ROOT / "var"
    folder.mkdir(exist_ok=True)
    (folder / "bench_hello.py").write_text(HELLO_APP)
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "uvicorn", "bench_hello:app", "--port", str(port), "--log-level", "warning",
         "--app-dir", str(folder)],
    )  # fmt: skip
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)  # noqa: S310 - local server
                break
            except OSError:
                time.sleep(0.1)
        return harness.hammer(f"http://127.0.0.1:{port}", "/", seconds)
    finally:
        process.terminate()
        process.wait(timeout=10)
        (folder / "bench_hello.py").unlink()


def redis_round_trip(count: int = 2000, url: str = "redis://127.0.0.1:6379/0") -> list[float]:
    """Seconds from PUBLISH to the subscriber receiving the message, `count` times."""
    import redis

    publisher = redis.Redis.from_url(url)
    subscriber = redis.Redis.from_url(url).pubsub()
    subscriber.subscribe("bench-floor")
    subscriber.get_message(timeout=1)
    latencies = []
    for _ in range(count):
        start = time.perf_counter()
        publisher.publish("bench-floor", b"x")
        while subscriber.get_message(timeout=1) is None:
            pass
        latencies.append(time.perf_counter() - start)
    subscriber.close()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres", action="store_true", help="la vue Django sur PostgreSQL plutôt que SQLite"
    )
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()

    hello = raw_asgi(args.seconds)
    env = harness.database_env("postgres" if args.postgres else "sqlite")
    try:
        harness.manage(env, "migrate", "--noinput")
        with harness.server(env) as base:
            harness.hammer(base, "/sante/", 1)  # warm-up
            django_view = harness.hammer(base, "/sante/", args.seconds)
    finally:
        harness.drop_database(env)
    round_trips = sorted(redis_round_trip())

    print(f"ASGI brut (uvicorn)      : {hello.line()}")
    versus_hello = django_view.line(hello, against="l'ASGI brut")
    print(f"vue Django minimale      : {versus_hello}")
    p50 = statistics.median(round_trips) * 1000
    p95 = round_trips[int(0.95 * len(round_trips))] * 1000
    print(
        f"Redis PUBLISH→SUBSCRIBE  : p50 {p50:.3f} ms  p95 {p95:.3f} ms sur {len(round_trips)} allers-retours"
    )


if __name__ == "__main__":
    main()
