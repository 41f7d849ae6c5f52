"""Browser tests: the site served by a real ASGI server, Debian's Chromium driven by Playwright.

The server runs in its own process on its own SQLite file, migrated and loaded with the demo content as
`make run` does. That demo database is built once per test run, even under pytest-xdist: the first worker
builds it under a lock, and each worker serves its own copy.
"""

import fcntl
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"
AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]  # fmt: skip


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveSite:
    """A running site and the environment to run manage.py against its database."""

    def __init__(self, url: str, env: dict[str, str]):
        self.url = url
        self.env = env

    def manage(self, *args: str) -> str:
        result = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        return result.stdout


def server_env(folder: Path) -> dict[str, str]:
    """The environment of a test server whose database and media live in `folder`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DEBUG="0",
        DATABASE_URL=f"sqlite:///{folder}/db.sqlite3",
        MEDIA_ROOT=str(folder / "media"),
        PYTHONUNBUFFERED="1",
    )
    return env


def demo_site(tmp_path_factory) -> Path:
    """The folder of the migrated demo database and its media, built once for the whole run."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    shared = tmp_path_factory.getbasetemp().parent / f"demo-{run}" if run else tmp_path_factory.mktemp("demo")
    shared.mkdir(exist_ok=True)
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "ready").exists():
            builder = LiveSite("", server_env(shared))
            builder.manage("migrate", "--noinput")
            builder.manage("load_demo")
            (shared / "ready").touch()
    return shared


@pytest.fixture(scope="session")
def live_site(tmp_path_factory) -> LiveSite:
    template = demo_site(tmp_path_factory)
    folder: Path = tmp_path_factory.mktemp("site")
    source, copy = sqlite3.connect(template / "db.sqlite3"), sqlite3.connect(folder / "db.sqlite3")
    source.backup(copy)
    source.close()
    copy.close()
    if (template / "media").exists():
        shutil.copytree(template / "media", folder / "media")
    env = server_env(folder)
    site = LiveSite("", env)
    port = free_port()
    log = open(folder / "server.log", "w")  # noqa: SIM115 - closed at teardown
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    site.url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{site.url}/sante/", timeout=1)  # noqa: S310 - local test server
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        raise RuntimeError("le serveur de test n'a pas démarré : " + (folder / "server.log").read_text())
    yield site
    server.terminate()
    server.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} manque : `make test` l'installe (paquet Debian chromium).")
    if not AXE.exists():
        pytest.fail(f"{AXE} manque : `make test` l'installe (npm ci).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_site):
    """A fresh browser context under the site's real Content-Security-Policy: a test fails if the page
    breaks it (an inline script, a foreign resource…)."""
    context = browser.new_context(base_url=live_site.url, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert violations == [], "violations de la Content-Security-Policy : " + " | ".join(violations)


def wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Poll a JavaScript expression until it is truthy. Playwright's wait_for_function compiles its
    predicate with eval(), which the site's Content-Security-Policy rightly forbids; evaluate() goes
    through DevTools."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(f"() => Boolean({expression})"):
        if time.monotonic() > deadline:
            raise AssertionError(f"toujours faux après {timeout} s : {expression}")
        page.wait_for_timeout(100)


def axe_violations(page, impacts=("serious", "critical")) -> list[str]:
    """axe-core's serious and critical accessibility violations on the page, one line each.

    axe is evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
    govern."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document)")
    return [
        f"{violation['id']} ({violation['impact']}) : {violation['help']} → "
        + ", ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results["violations"]
        if violation["impact"] in impacts
    ]


def login(page, username: str, password: str = "cafe-demo-2026") -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
