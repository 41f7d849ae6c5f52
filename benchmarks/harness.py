"""Shared tools for the benchmark scripts: a throwaway database, a real server process, and timed requests.

Every figure is printed beside a baseline measured in the same run (the minimal view /sante/, one SELECT 1),
so the ratio means something on any machine. Scripts are run by hand: `.venv/bin/python benchmarks/<x>.py`.
"""

import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres:postgres@127.0.0.1:5432")


def database_env(kind: str) -> dict[str, str]:
    """Environment for a new, empty database of `kind` ("sqlite" or "postgres")."""
    name = f"bench_{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.dev", DEBUG="0", PYTHONPATH=str(ROOT))
    if kind == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / name}.sqlite3"
    elif kind == "postgres":
        import psycopg

        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = f"{POSTGRES}/{name}"
    else:
        raise ValueError(kind)
    return env


def drop_database(env: dict[str, str]) -> None:
    url = env["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    else:
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def setup_django(env: dict[str, str]) -> None:
    """Use the benchmark's database from this process too (to seed it through the ORM)."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


@contextmanager
def server(env: dict[str, str], workers: int = 2, port: int = 8765):
    """gunicorn serving the project (WSGI, as in production) on 127.0.0.1:`port`."""
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning"],
        cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": env["DJANGO_SETTINGS_MODULE"]},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/sante/", timeout=1)  # noqa: S310 - local server
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("le serveur de mesure n'a pas démarré")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass
class Result:
    path: str
    requests: int
    errors: int
    seconds: float
    latencies: list[float]
    slice_ratios: list[float] = field(default_factory=list)

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    def line(self, baseline: "Result | None" = None, against: str = "la vue minimale") -> str:
        text = (
            f"{self.path:<60} {self.throughput:8.1f} req/s  p50 {self.percentile(50):6.1f} ms  "
            f"p95 {self.percentile(95):6.1f} ms  p99 {self.percentile(99):6.1f} ms  erreurs {self.errors}"
        )
        if baseline is not None:
            text += f"  ratio {self.throughput / baseline.throughput:.2f}× {against}"
        if self.slice_ratios:
            ratios = self.slice_ratios
            median = statistics.median(ratios)
            text += f" (tranches : médiane {median:.2f}×, de {min(ratios):.2f} à {max(ratios):.2f})"
        return text


def hammer(base: str, path: str, seconds: float = 5.0, concurrency: int = 4, cookies: str = "") -> Result:
    """Keep-alive GETs of `path` from `concurrency` threads for `seconds`; latencies of successful ones."""
    host, port = base.removeprefix("http://").split(":")
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        nonlocal errors
        connection = HTTPConnection(host, int(port), timeout=30)
        headers = {"Cookie": cookies} if cookies else {}
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - start
            with lock:
                if response.status == 200:
                    latencies.append(elapsed)
                else:
                    errors += 1
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(path, len(latencies), errors, time.perf_counter() - started, latencies)


def beside_baseline(
    base: str, path: str, seconds: float, baseline: str = "/sante/", slices: int = 6, cookies: str = ""
) -> tuple[Result, Result]:
    """`path` and the baseline measured in alternating slices of the same run: a load that comes or goes
    on the machine meanwhile weighs on both alike, instead of skewing the ratio. Returns (page, baseline);
    the page's `slice_ratios` are the ratios of each slice to the baseline's slice just before it."""
    page_slices, baseline_slices = [], []
    for _ in range(slices):
        baseline_slices.append(hammer(base, baseline, seconds=seconds / slices))
        page_slices.append(hammer(base, path, seconds=seconds / slices, cookies=cookies))
    page = _merged(page_slices)
    page.slice_ratios = [
        mine.throughput / theirs.throughput for mine, theirs in zip(page_slices, baseline_slices, strict=True)
    ]
    return page, _merged(baseline_slices)


def _merged(results: list[Result]) -> Result:
    return Result(
        results[0].path,
        sum(result.requests for result in results),
        sum(result.errors for result in results),
        sum(result.seconds for result in results),
        [latency for result in results for latency in result.latencies],
    )
