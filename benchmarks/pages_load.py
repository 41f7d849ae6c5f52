"""The site's main pages under load, cached and uncached, as ratios to the bare Django view /sante/.

Production layout where this machine allows it: gunicorn (2 workers) on PostgreSQL and Redis (cache and
sessions), the demo content (real communes), DEBUG off. Pages: the home page, a recipe, the producers
directory with a distance filter, a forum thread and a search. Each is measured beside /sante/ of the same
server, in alternating slices (benchmarks.harness.beside_baseline, so that a load coming or going on the
machine weighs on both): by an anonymous visitor with the page cache on (reseau.page_cache caches public
Wagtail pages only; the forum and the search never are), by a visitor with the cache off, and by a logged-in
member (whose pages are never cached), each time with search.engine's cache of search answers on and off.
Targets (issue 11): cached anonymous ≥ 0.5×, uncached ≥ 0.2×.

Run: `.venv/bin/python benchmarks/pages_load.py [--sqlite] [--seconds 3]` (PostgreSQL and Redis by default).
"""

import argparse
import os
import socket
import sys
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import (  # noqa: E402
    beside_baseline,
    database_env,
    drop_database,
    hammer,
    manage,
    server,
    setup_django,
)

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")


def pages_and_member() -> tuple[dict[str, str], str]:
    """The measured URLs (from the demo content) and a member's cookies: the session, and the CSRF cookie
    that any browser holds once it has shown the login form."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
    from django.utils.crypto import get_random_string

    from forum.models import Thread
    from recettes.models import RecipePage
    from reseau.models import CafePage, Member

    recipe = RecipePage.objects.live().filter(visibility="public").order_by("path").first()
    thread = Thread.objects.filter(category__visibility="public").order_by("-post_count", "pk").first()
    last_page = max(1, (thread.post_count + 19) // 20)
    pages = {
        "accueil": "/",
        "recette": recipe.url,
        "producteurs à 50 km": "/producteurs/?commune=Beaulon&rayon=50",
        "sujet du forum": f"/forum/sujet/{thread.pk}/?page={last_page}",
        "recherche": "/recherche/?q=fromage",
    }
    user = get_user_model().objects.create_user(username=f"mesure-{uuid.uuid4().hex[:6]}")
    Member.objects.create(user=user, cafe=CafePage.objects.live().order_by("path").first())
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    csrf = get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)
    return pages, f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cache_state(base: str, path: str) -> str:
    response = urllib.request.urlopen(base + path)  # noqa: S310 - local server
    return "en cache" if response.headers.get("X-Cache-Pages") else "non caché"


def measure(env: dict, pages: dict[str, str], cookie: str, seconds: float, cached: bool) -> None:
    seconds_kept = "300" if cached else "0"
    env = {**env, "PAGE_CACHE_SECONDS": seconds_kept, "SEARCH_CACHE_SECONDS": seconds_kept}
    with server(env, port=free_port()) as base:
        for path in ["/sante/", *pages.values()]:  # warm-up: templates, renditions, first copies
            hammer(base, path, seconds=0.5)
            hammer(base, path, seconds=0.3, cookies=cookie)
        caches = "activés" if cached else "désactivés"
        print(f"\n-- Caches des pages et des réponses de la recherche {caches} --")
        print(hammer(base, "/sante/", seconds=seconds).line())
        for name, path in pages.items():
            visitor, baseline = beside_baseline(base, path, seconds)
            state = cache_state(base, path) if cached else "non caché"
            print(f"{name} · visiteur ({state})")
            print("  " + visitor.line(baseline))
            # A member's page is never cached, but the search's answers are (per audience): with and without.
            member, baseline = beside_baseline(base, path, seconds, cookies=cookie)
            print(f"{name} · membre connecté (page jamais cachée)")
            print("  " + member.line(baseline))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sqlite", action="store_true", help="SQLite et cache mémoire locale au lieu de PostgreSQL et Redis"
    )
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    env = database_env("sqlite" if args.sqlite else "postgres")
    if not args.sqlite:
        prefix = f"bench-{uuid.uuid4().hex[:6]}"
        env.update(REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=prefix, CHANNEL_LAYER_PREFIX=prefix)
    try:
        cache = "Redis" if "REDIS_URL" in env else "mémoire locale"
        print(f"Base : {env['DATABASE_URL'].split('://')[0]}, cache : {cache}")
        print("Migration et contenu de démonstration…", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        setup_django(env)
        pages, cookie = pages_and_member()
        for name, path in pages.items():
            print(f"  {name} : {path}")
        measure(env, pages, cookie, args.seconds, cached=True)
        measure(env, pages, cookie, args.seconds, cached=False)
    finally:
        drop_database(env)
        if "REDIS_URL" in env:
            import redis

            client = redis.Redis.from_url(env["REDIS_URL"])
            for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*"):
                client.delete(key)


if __name__ == "__main__":
    main()
