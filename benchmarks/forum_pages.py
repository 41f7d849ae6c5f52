"""Forum pages under load: 10,000 threads, one of 2,000 posts, read by a logged-in member.

Measures the forum index, a category page and the last page of the long thread, as throughput ratios to the
minimal view /sante/ measured in the same run (target: at least 0.20). Run by hand:

    .venv/bin/python benchmarks/forum_pages.py            # SQLite
    .venv/bin/python benchmarks/forum_pages.py postgres   # the machine's PostgreSQL
"""

import socket
import sys
import time

from harness import database_env, drop_database, hammer, manage, server, setup_django

THREADS = 10_000
LONG_THREAD_POSTS = 2_000
MEMBERS = 50


def seed() -> tuple[str, str, int]:
    """Fill the database through the ORM; returns (session cookie, category slug, long thread id)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.models import Count, Max, OuterRef, Subquery
    from django.utils import timezone

    from forum.markup import render_markdown
    from forum.models import Category, Post, Thread
    from forum.services import recount_categories
    from reseau.demo import ensure_home
    from reseau.models import Member

    ensure_home()
    user_model = get_user_model()
    users = user_model.objects.bulk_create(
        [user_model(username=f"gerant-{n}", password="!") for n in range(MEMBERS)]  # noqa: S106 - unusable
    )
    users = list(user_model.objects.order_by("id"))
    Member.objects.bulk_create([Member(user=user) for user in users])
    categories = [
        Category.objects.create(name=name, slug=slug, position=n)
        for n, (name, slug) in enumerate(
            [("Difficultés & entraide", "difficultes-entraide"), ("Recettes", "recettes"),
             ("Évènements", "evenements"), ("Fournisseurs & contrats", "fournisseurs-contrats"),
             ("Services", "services"), ("Vie du réseau", "vie-du-reseau")]
        )
    ]  # fmt: skip
    html = render_markdown("Bonjour, **comment** faites-vous pour les livraisons en hiver ?").html
    now = timezone.now()
    started = time.perf_counter()
    for start in range(0, THREADS, 1000):
        threads = Thread.objects.bulk_create(
            [
                Thread(
                    category=categories[n % len(categories)],
                    title=f"Sujet numéro {n} : livraisons, licence IV et relais poste",
                    author=users[n % MEMBERS],
                    created_at=now,
                    last_post_at=now,
                )
                for n in range(start, start + 1000)
            ]
        )
        Post.objects.bulk_create(
            [Post(thread=t, author=t.author, body="Bonjour", body_html=html, created_at=now) for t in threads]
        )
    long_thread = Thread.objects.order_by("id").first()
    for start in range(0, LONG_THREAD_POSTS - 1, 500):
        Post.objects.bulk_create(
            [
                Post(
                    thread=long_thread,
                    author=users[n % MEMBERS],
                    body="Réponse",
                    body_html=html,
                    created_at=now,
                )
                for n in range(start, min(start + 500, LONG_THREAD_POSTS - 1))
            ]
        )
    posts = Post.objects.filter(thread=OuterRef("pk")).order_by().values("thread")
    Thread.objects.update(
        post_count=Subquery(posts.annotate(n=Count("id")).values("n")),
        last_post_id=Subquery(posts.annotate(m=Max("id")).values("m")),
    )
    recount_categories()
    print(
        f"Données : {Thread.objects.count()} sujets, {Post.objects.count()} messages "
        f"({Post.objects.filter(thread=long_thread).count()} dans le sujet long), "
        f"{time.perf_counter() - started:.0f} s"
    )
    session = SessionStore()
    reader = users[1]
    session[SESSION_KEY] = str(reader.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = reader.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}", categories[0].slug, long_thread.pk


def main(kind: str) -> None:
    env = database_env(kind)
    try:
        manage(env, "migrate", "--noinput")
        setup_django(env)
        cookie, category, long_thread = seed()
        last_page = (LONG_THREAD_POSTS + 19) // 20
        with socket.socket() as probe:  # a free port: other benchmarks may be running on this machine
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        with server(env, port=port) as base:
            for path in (
                "/sante/",
                "/forum/",
                f"/forum/{category}/",
                f"/forum/sujet/{long_thread}/?page={last_page}",
            ):
                hammer(base, path, seconds=1, cookies=cookie)  # warm-up
            baseline = hammer(base, "/sante/", cookies=cookie)
            print(f"Base de données : {kind}, lecteur connecté (membre)")
            print(baseline.line())
            for path in ("/forum/", f"/forum/{category}/", f"/forum/sujet/{long_thread}/?page={last_page}"):
                print(hammer(base, path, cookies=cookie).line(baseline))
            print(hammer(base, "/forum/").line(baseline) + "  (visiteur)")
    finally:
        drop_database(env)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "sqlite")
