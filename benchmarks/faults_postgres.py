"""PostgreSQL stopped under load, then started again: requests fail cleanly and the app recovers by itself.

A throwaway PostgreSQL cluster (initdb in a temporary folder, its own port: the machine's server on 5432 is
never touched) serves the project under gunicorn (2 workers, as in production). Four clients request
database-backed pages without pause; after a few seconds the cluster is stopped (pg_ctl stop -m fast, every
connection cut), stays down, then is started again. Nobody restarts gunicorn.

Printed: each second's answers by status code, whether every failure was the French 503 page, how long a
failed request took, and how long after PostgreSQL was back the first and the last failure were. The baseline
is the same pages in the same run before the fault. Run by hand (two minutes, most of it migrations):

    .venv/bin/python benchmarks/faults_postgres.py
"""

import collections
import contextlib
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.client import HTTPConnection

from harness import ROOT, manage, server

PORT = int(os.environ.get("FAULT_POSTGRES_PORT", "5440"))
HTTP_PORT = 8790
PATHS = ["/sante/", "/forum/", "/recherche/?q=caf%C3%A9", "/"]
CLIENTS = 4
BEFORE, DOWN, AFTER = 5.0, 8.0, 12.0
FRENCH_503 = "Le site est momentanément indisponible".encode()


def pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        sys.exit(f"{name} introuvable sous /usr/lib/postgresql/*/bin : installez postgresql.")
    return found[-1]


def as_postgres(*command: str) -> list[str]:
    """PostgreSQL refuses to run as root: commands go through the postgres account then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)


class Cluster:
    """A PostgreSQL cluster of our own in a temporary folder, listening on 127.0.0.1:PORT only."""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="faults_postgres_")
        self.data = os.path.join(self.folder, "data")
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        initdb = [
            pg_bin("initdb"),
            "-D",
            self.data,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        ]
        subprocess.run(as_postgres(*initdb), check=True, capture_output=True)  # noqa: S603

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(as_postgres(pg_bin("pg_ctl"), "-D", self.data, *args), check=True, capture_output=True)  # noqa: S603

    def start(self) -> None:
        options = f"-p {PORT} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.pg_ctl("-o", options, "-l", os.path.join(self.folder, "log"), "-w", "start")

    def stop(self) -> None:
        self.pg_ctl("-m", "fast", "-w", "stop")

    def remove(self) -> None:
        try:
            self.pg_ctl("-m", "immediate", "-w", "stop")
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(self.folder, ignore_errors=True)


def load(base: str, seconds: float, record: list, started: float) -> None:
    """CLIENTS threads requesting PATHS in turn for `seconds`: (time, path, status, latency, French 503)."""
    host, port = base.removeprefix("http://").split(":")
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()

    def client(offset: int) -> None:
        connection = HTTPConnection(host, int(port), timeout=30)
        number = offset
        while time.perf_counter() < deadline:
            path = PATHS[number % len(PATHS)]
            number += 1
            begin = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                status = response.status
            except OSError:
                connection.close()
                connection = HTTPConnection(host, int(port), timeout=30)
                status, body = 0, b""
            end = time.perf_counter()
            with lock:
                record.append((end - started, path, status, end - begin, FRENCH_503 in body))
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def report(record: list, down_at: float, up_at: float) -> None:
    print(f"\nRéponses seconde par seconde (PostgreSQL arrêté à {down_at:.1f} s, relancé à {up_at:.1f} s) :")
    by_second: dict[int, collections.Counter] = collections.defaultdict(collections.Counter)
    for moment, _, status, _, _ in record:
        by_second[int(moment)][status] += 1
    for second in sorted(by_second):
        state = "arrêté" if down_at <= second < up_at else "en marche"
        counts = "  ".join(f"{status}×{n}" for status, n in sorted(by_second[second].items()))
        print(f"  {second:3d} s  [{state:9}]  {counts}")
    before = [r for r in record if 1 <= r[0] < down_at]
    failures = [r for r in record if r[2] != 200]
    during = [r for r in record if down_at <= r[0] < up_at]
    print(f"\nAvant la panne : {len(before)} requêtes, {sum(r[2] != 200 for r in before)} en échec.")
    print(
        f"Pendant la panne : {len(during)} requêtes, {sum(r[2] == 503 for r in during)} × 503, "
        f"{sum(r[2] == 200 for r in during)} × 200 (pages qui n'ont pas besoin de la base)."
    )
    if failures:
        french = sum(1 for r in failures if r[2] == 503 and r[4])
        print(
            f"Échecs : {len(failures)}, dont {french} avec la page 503 en français "
            f"({french / len(failures):.0%}) ;"
        )
        other = collections.Counter(r[2] for r in failures if not (r[2] == 503 and r[4]))
        print(f"  autres réponses : {dict(other) or 'aucune'}")
        latencies = sorted(r[3] for r in failures)
        print(
            f"  durée d'un échec : médiane {latencies[len(latencies) // 2] * 1000:.0f} ms, "
            f"max {latencies[-1] * 1000:.0f} ms (base saine : médiane "
            f"{sorted(r[3] for r in before)[len(before) // 2] * 1000:.0f} ms)"
        )
    after = [r for r in record if r[0] >= up_at]
    first_ok = next((r[0] for r in sorted(after) if r[2] == 200), None)
    last_failure = max((r[0] for r in after if r[2] != 200), default=None)
    print(
        f"Reprise : première réponse 200 {first_ok - up_at:.2f} s après la relance"
        if first_ok is not None
        else "Reprise : AUCUNE réponse 200 après la relance"
    )
    print(
        f"          dernier échec {last_failure - up_at:.2f} s après la relance"
        if last_failure is not None
        else "          aucun échec après la relance"
    )
    tail = [r for r in after if r[0] >= up_at + 3]
    print(
        f"          {sum(r[2] == 200 for r in tail)}/{len(tail)} réponses 200 "
        "à partir de 3 s après la relance"
    )
    last = max(r[0] for r in record)
    rate_before = sum(r[2] == 200 for r in before) / max(down_at - 1, 1e-9)  # the first second warms up
    rate_after = sum(r[2] == 200 for r in tail) / max(last - up_at - 3, 1e-9)
    print(
        f"Débit (réponses 200/s) : avant la panne {rate_before:.1f}, à partir de 3 s après la relance "
        f"{rate_after:.1f} ; ratio {rate_after / rate_before:.2f}× l'avant-panne (même exécution)"
    )


@contextlib.contextmanager
def quiet_stderr(path: str):
    """gunicorn (a child) logs a traceback per failed request: into `path`, not on the screen."""
    saved = os.dup(2)
    with open(path, "w") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def main() -> None:
    cluster = Cluster()
    try:
        cluster.start()
        subprocess.run(  # noqa: S603
            as_postgres(pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(PORT), "-U", "postgres", "reseau"),
            check=True, capture_output=True,
        )  # fmt: skip
        env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "ELASTICSEARCH_URL"}}
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.dev",
            DEBUG="0",
            PYTHONPATH=str(ROOT),
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{PORT}/reseau",
        )
        print(f"Grappe PostgreSQL jetable sur 127.0.0.1:{PORT} ({cluster.folder}) ; migrations…", flush=True)
        manage(env, "migrate", "--no-input")
        manage(env, "shell", "-c", "from reseau.demo import ensure_home; ensure_home()")
        log_path = os.path.join(cluster.folder, "gunicorn.log")
        with quiet_stderr(log_path), server(env, workers=2, port=HTTP_PORT) as base:
            print(f"gunicorn (2 workers) sur {base} ; {CLIENTS} clients sur {', '.join(PATHS)}", flush=True)
            record: list = []
            started = time.perf_counter()
            loader = threading.Thread(target=load, args=(base, BEFORE + DOWN + AFTER, record, started))
            loader.start()
            time.sleep(BEFORE)
            down_at = time.perf_counter() - started
            cluster.stop()
            time.sleep(DOWN)
            cluster.start()
            up_at = time.perf_counter() - started
            loader.join()
        report(record, down_at, up_at)
        with open(log_path, encoding="utf-8", errors="replace") as log:
            logged = collections.Counter(
                line.split(": /")[0] for line in log if ": /" in line and not line[0].isspace()
            )
        print(f"Journal de gunicorn (tracebacks écartés de l'écran) : {dict(logged) or 'rien'}")
    finally:
        cluster.remove()


if __name__ == "__main__":
    main()
