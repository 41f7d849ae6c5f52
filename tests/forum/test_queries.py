"""Query counts do not grow with the data on every forum list and detail page."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum import services
from forum.models import Attachment, Reaction

MAX_QUERIES = 25
# The pages benchmarks/forum_pages.py measures, read by a member: the frame's own queries (user,
# roles, unread notifications and chat messages) and the page's (the thread page: its author, who may mark
# the solution, needs the first post's id; its page 2 has no attachment and no reaction, so neither is read).
# Its first page reads its posts' attachments and reactions and the café page the thread is about.
READER_PAGE_QUERIES = {"index": 7, "category": 6, "thread": 8, "thread, first page": 9}
# A café page gathers the sections of several apps (events, producers, threads): its own, higher bound.
CAFE_PAGE_MAX_QUERIES = 33


def grow(authors, category, public_category, cafe, size: int) -> None:
    """Threads by several authors, with replies, reactions, attachments, mentions, notifications, reports."""
    first_thread = None
    for number in range(size):
        author = authors[number % len(authors)]
        target = category if number % 2 else public_category
        thread = services.create_thread(
            author, target, f"Sujet numéro {number}", "Premier message", about_page=cafe
        )
        first_thread = first_thread or thread
        for k in range(3):
            replier = authors[(number + k + 1) % len(authors)]
            post = services.reply(replier, thread, f"Réponse {k} à @{author.username}")
            Reaction.objects.create(post=post, user=author, emoji="merci")
            Attachment.objects.create(post=post, file="forum/x.pdf", kind="pdf", name="x.pdf", size=10)
            services.report_post(author, post, "À vérifier")


def counts(client: Client, urls: list[str]) -> dict[str, int]:
    result = {}
    for url in urls:
        client.get(url)  # warm per-process caches (site root paths…): only the steady state is compared
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, url
        result[url] = len(context.captured_queries)
    return result


@pytest.fixture
def authors(old_member, other_member, make_user, cafe):
    from datetime import timedelta

    from django.utils import timezone

    extra = []
    for name in ("gerant-trois", "gerant-quatre"):
        user = make_user(name, cafe=cafe)
        user.date_joined = timezone.now() - timedelta(days=90)
        user.save()
        extra.append(user)
    return [old_member, other_member, *extra]


def test_query_counts_stay_flat_as_the_forum_grows(
    authors, members_category, public_category, cafe, moderator
):
    grow(authors, members_category, public_category, cafe, 3)
    reader = Client()
    reader.force_login(authors[0])
    mod = Client()
    mod.force_login(moderator)
    visitor = Client()
    long_thread = services.visible_threads(authors[0]).order_by("id").first()

    def urls():
        thread_url = reverse("forum:thread", args=[long_thread.pk])
        return [
            reverse("forum:index"),
            reverse("forum:category", args=["difficultes-entraide"]),
            reverse("forum:category", args=["recettes"]),
            thread_url,
            f"{thread_url}?page=2",
            reverse("forum:notifications"),
            reverse("forum:search") + "?q=Sujet",
            reverse("forum:feed"),
            cafe.url,
        ]

    small = (
        counts(reader, urls()),
        counts(mod, [reverse("forum:moderation"), reverse("forum:moderation-log")]),
    )
    small_visitor = counts(
        visitor, [reverse("forum:index"), reverse("forum:category", args=["recettes"]), cafe.url]
    )
    grow(authors, members_category, public_category, cafe, 12)
    for number in range(25):  # the first thread gets a second page
        services.reply(authors[1 + number % 3], long_thread, f"Suite {number}")  # all unread for the reader
    large = (
        counts(reader, urls()),
        counts(mod, [reverse("forum:moderation"), reverse("forum:moderation-log")]),
    )
    large_visitor = counts(
        visitor, [reverse("forum:index"), reverse("forum:category", args=["recettes"]), cafe.url]
    )
    for before, after in zip([*small, small_visitor], [*large, large_visitor], strict=True):
        for url, n in after.items():
            assert n <= (CAFE_PAGE_MAX_QUERIES if url == cafe.url else MAX_QUERIES), (url, n)
            # page 2 of the thread did not exist at first (an empty page falls back to the last one)
            if url.endswith("?page=2"):
                continue
            assert n == before[url], (url, before[url], n)
    reader_pages = {
        "index": reverse("forum:index"),
        "category": reverse("forum:category", args=["difficultes-entraide"]),
        "thread": reverse("forum:thread", args=[long_thread.pk]) + "?page=2",
        "thread, first page": reverse("forum:thread", args=[long_thread.pk]),
    }
    for page, url in reader_pages.items():
        assert large[0][url] <= READER_PAGE_QUERIES[page], (page, large[0][url])


def test_thread_pages_are_bounded(django_assert_max_num_queries, member_client, thread, other_member):
    for number in range(30):
        services.reply(other_member, thread, f"Réponse {number} à @gerant-beaulon")
    with django_assert_max_num_queries(MAX_QUERIES):
        member_client.get(reverse("forum:thread", args=[thread.pk]) + "?page=2")
    with django_assert_max_num_queries(MAX_QUERIES):
        member_client.get(reverse("forum:index"))
