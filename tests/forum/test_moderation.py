"""Moderation: reports and the queue, hide and restore, lock, pin, move, merge, the log, how-to pages."""

from django.test import Client
from django.urls import reverse

from forum import services
from forum.models import Category, HowToPage, ModerationAction, Notification, Report, Thread


def moderator_client(moderator) -> Client:
    client = Client()
    client.force_login(moderator)
    return client


def test_member_reports_a_post_and_the_moderator_hides_it_from_the_queue(
    member_client, thread, other_member, moderator
):
    post = services.reply(other_member, thread, "Achetez mes montres pas chères")
    member_client.post(reverse("forum:report", args=[post.pk]), {"reason": "Publicité"})
    assert Report.objects.get().reason == "Publicité"
    mod = moderator_client(moderator)
    queue = mod.get(reverse("forum:moderation")).content.decode()
    assert "Achetez mes montres" in queue and "Publicité" in queue
    mod.post(reverse("forum:moderate-post", args=[post.pk, "masquer"]), {"reason": "Spam", "suite": "file"})
    post.refresh_from_db()
    assert post.hidden_at is not None
    assert Report.objects.get().handled_by == moderator
    assert (
        "Achetez mes montres"
        not in member_client.get(reverse("forum:thread", args=[thread.pk])).content.decode()
    )
    assert (
        "Message masqué par la modération."
        in member_client.get(reverse("forum:thread", args=[thread.pk])).content.decode()
    )
    mod.post(reverse("forum:moderate-post", args=[post.pk, "retablir"]), {"reason": "Erreur"})
    post.refresh_from_db()
    assert post.hidden_at is None
    log = mod.get(reverse("forum:moderation-log")).content.decode()
    assert "a masqué un message" in log and "Spam" in log and "a rétabli un message" in log


def test_empty_report_reason_shows_the_error(member_client, thread):
    post = thread.posts.get()
    response = member_client.post(reverse("forum:report", args=[post.pk]), {"reason": ""})
    content = response.content.decode()
    assert "Dites en quelques mots ce qui pose problème dans ce message." in content
    assert not Report.objects.exists()


def test_members_cannot_moderate(member_client, thread):
    post = thread.posts.get()
    assert member_client.post(reverse("forum:moderate-post", args=[post.pk, "masquer"])).status_code == 403
    assert (
        member_client.post(reverse("forum:moderate-thread", args=[thread.pk, "verrouiller"])).status_code
        == 403
    )
    assert member_client.get(reverse("forum:moderation")).status_code == 403
    assert not ModerationAction.objects.exists()


def test_lock_pin_move_are_logged(thread, moderator, public_category):
    mod = moderator_client(moderator)
    mod.post(reverse("forum:moderate-thread", args=[thread.pk, "verrouiller"]), {"reason": "Débat clos"})
    mod.post(reverse("forum:moderate-thread", args=[thread.pk, "epingler"]), {"reason": ""})
    mod.post(reverse("forum:move", args=[thread.pk]), {"category": public_category.pk, "reason": "Mieux ici"})
    thread.refresh_from_db()
    assert (thread.is_locked, thread.is_pinned, thread.category_id) == (True, True, public_category.pk)
    assert list(
        ModerationAction.objects.order_by("id").values_list("action", "moderator__username", "reason")
    ) == [
        ("verrouiller", "moderation", "Débat clos"),
        ("epingler", "moderation", ""),
        ("deplacer", "moderation", "Mieux ici"),
    ]


def test_merge_moves_posts_and_redirects_the_old_thread(
    thread, make_thread, old_member, other_member, moderator
):
    duplicate = make_thread(
        other_member, thread.category, title="Livraisons bloquées par la neige", replies=2
    )
    services.reply(old_member, duplicate, "Même souci")
    mod = moderator_client(moderator)
    bad = mod.post(reverse("forum:merge", args=[duplicate.pk]), {"target": duplicate.pk, "reason": ""})
    assert "Un sujet ne peut pas être fusionné avec lui-même." in bad.content.decode()
    mod.post(reverse("forum:merge", args=[duplicate.pk]), {"target": thread.pk, "reason": "Doublon"})
    thread.refresh_from_db()
    duplicate.refresh_from_db()
    assert thread.post_count == 5 and thread.posts.count() == 5
    assert duplicate.merged_into_id == thread.pk
    assert mod.get(reverse("forum:thread", args=[duplicate.pk]))["Location"] == thread.get_absolute_url()
    assert not Notification.objects.filter(thread=duplicate).exists()
    assert duplicate.title not in mod.get(reverse("forum:index")).content.decode()
    assert ModerationAction.objects.get().action == "fusionner"


def test_staff_turn_a_solved_thread_into_a_howto_page_citing_it(
    thread, other_member, editor, home, member_client
):
    answer = services.reply(other_member, thread, "Stockez au **garage communal**.")
    services.mark_solution(thread.author, answer)
    assert member_client.post(reverse("forum:howto", args=[thread.pk])).status_code == 403
    client = Client()
    client.force_login(editor)
    response = client.post(reverse("forum:howto", args=[thread.pk]))
    page = HowToPage.objects.get()
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert page.source_thread_id == thread.pk
    assert f'href="/forum/sujet/{thread.pk}/"' in page.body
    assert "<strong>garage communal</strong>" in page.body
    assert page.visibility == thread.category.visibility
    assert not page.live


def test_category_cannot_take_a_reserved_slug(db):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Category(name="Recherche", slug="recherche").full_clean()
    assert Thread.objects.count() == 0


def test_category_counts_follow_new_threads_replies_moves_and_merges(
    make_thread, old_member, other_member, moderator, members_category, public_category
):
    """The index shows each category's stored counts: they agree with the threads through every change."""

    def stored() -> dict[str, tuple[int, int]]:
        return {c.slug: (c.thread_count, c.post_count) for c in Category.objects.all()}

    first = make_thread(old_member, members_category, replies=2)
    second = make_thread(other_member, members_category, title="Licence IV : le renouvellement")
    third = make_thread(other_member, public_category, title="Tarte aux pommes du verger", replies=1)
    services.reply(old_member, third, "Avec de la cannelle")
    assert stored() == {members_category.slug: (2, 4), public_category.slug: (1, 3)}
    services.move_thread(moderator, second, public_category, "Mieux ici")
    assert stored() == {members_category.slug: (1, 3), public_category.slug: (2, 4)}
    second.refresh_from_db()
    services.merge_threads(moderator, second, first, "Doublon")
    assert stored() == {members_category.slug: (1, 4), public_category.slug: (1, 3)}
    services.merge_threads(moderator, third, first, "Doublon")
    assert stored() == {members_category.slug: (1, 7), public_category.slug: (0, 0)}
    Category.objects.update(thread_count=0, post_count=0)
    services.recount_categories()
    assert stored() == {members_category.slug: (1, 7), public_category.slug: (0, 0)}
