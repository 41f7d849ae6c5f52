"""Writing: threads, replies, quotes, edits, soft delete, reactions, solutions, uploads, rate limits."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from forum import services
from forum.models import Attachment, Post, Reaction, Subscription, Thread
from tests.forum.test_security import png_bytes


def test_member_starts_a_thread_about_a_cafe_and_follows_it(
    member_client, old_member, members_category, cafe
):
    response = member_client.post(
        reverse("forum:new-thread", args=["difficultes-entraide"]),
        {"title": "Horaires d'hiver", "body": "On ferme **le lundi** ?", "about_page": cafe.pk},
    )
    thread = Thread.objects.get()
    assert response["Location"] == reverse("forum:thread", args=[thread.pk])
    assert thread.about_page_id == cafe.pk
    assert thread.post_count == 1
    assert thread.posts.get().body_html == "<p>On ferme <strong>le lundi</strong> ?</p>"
    assert Subscription.objects.filter(user=old_member, thread=thread, level="suivre").exists()


def test_new_thread_with_errors_shows_them_next_to_the_fields_and_keeps_the_text(
    member_client, old_member, members_category
):
    response = member_client.post(
        reverse("forum:new-thread", args=["difficultes-entraide"]), {"title": "Ah", "body": "Mon long texte"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Le titre doit compter au moins 5 caractères." in content
    assert "Mon long texte</textarea>" in content
    assert not Thread.objects.exists()


def test_reply_with_a_quote_points_to_the_quoted_post_and_lands_on_the_permalink(
    member_client, thread, other_member, client
):
    client.force_login(other_member)
    first = thread.posts.get()
    form = client.get(reverse("forum:reply", args=[thread.pk]) + f"?citer={first.pk}").content.decode()
    assert "&gt; **@gerant-beaulon** a écrit :\n&gt; Comment faites-vous ?" in form
    response = client.post(
        reverse("forum:reply", args=[thread.pk]),
        {"body": "> Comment faites-vous ?\n\nOn stocke au garage.", "quoted": first.pk},
    )
    post = Post.objects.latest("id")
    assert post.quoted_id == first.pk
    assert response["Location"] == f"/forum/sujet/{thread.pk}/#message-{post.pk}"
    assert "<blockquote>" in post.body_html


def test_permalinks_stay_stable_across_pages(client, old_member, make_thread, members_category):
    thread = make_thread(old_member, members_category, replies=45)
    client.force_login(old_member)
    posts = list(thread.posts.order_by("id"))
    assert client.get(reverse("forum:post", args=[posts[0].pk]))["Location"].endswith(
        f"/#message-{posts[0].pk}"
    )
    assert client.get(reverse("forum:post", args=[posts[20].pk]))["Location"].endswith(
        f"?page=2#message-{posts[20].pk}"
    )
    services.reply(old_member, thread, "Encore une")
    assert client.get(reverse("forum:post", args=[posts[45].pk]))["Location"].endswith(
        f"?page=3#message-{posts[45].pk}"
    )
    page3 = client.get(reverse("forum:thread", args=[thread.pk]) + "?page=3").content.decode()
    assert f'id="message-{posts[45].pk}"' in page3


def test_jump_to_first_unread_lands_on_the_first_post_not_yet_seen(
    client, old_member, other_member, make_thread, members_category
):
    thread = make_thread(old_member, members_category, replies=25)
    client.force_login(other_member)
    client.get(reverse("forum:thread", args=[thread.pk]))  # reads page 1 (posts 1–20)
    posts = list(thread.posts.order_by("id"))
    response = client.get(reverse("forum:first-unread", args=[thread.pk]))
    assert response["Location"].endswith(f"?page=2#message-{posts[20].pk}")


def test_edit_keeps_the_previous_version_in_the_history(member_client, thread):
    post = thread.posts.get()
    response = member_client.post(reverse("forum:edit", args=[post.pk]), {"body": "Version *corrigée*"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body_html == "<p>Version <em>corrigée</em></p>"
    assert post.edited_at is not None
    assert list(post.revisions.values_list("body", flat=True)) == ["Comment faites-vous ?"]
    history = member_client.get(reverse("forum:history", args=[post.pk])).content.decode()
    assert "Comment faites-vous ?" in history
    assert "Version *corrigée*" in history


def test_author_soft_deletes_a_post_which_keeps_its_place(member_client, thread, old_member):
    post = services.reply(old_member, thread, "Message à retirer")
    member_client.post(reverse("forum:delete", args=[post.pk]))
    post.refresh_from_db()
    assert post.deleted_at is not None
    page = member_client.get(reverse("forum:thread", args=[thread.pk])).content.decode()
    assert "Message supprimé par son auteur." in page
    assert "Message à retirer" not in page
    assert f'id="message-{post.pk}"' in page


def test_reactions_one_of_each_per_member(member_client, thread, old_member):
    post = thread.posts.get()
    url = reverse("forum:react", args=[post.pk])
    member_client.post(url, {"emoji": "merci"})
    member_client.post(url, {"emoji": "bravo"})
    assert set(Reaction.objects.values_list("emoji", flat=True)) == {"merci", "bravo"}
    member_client.post(url, {"emoji": "merci"})  # pressing again takes it back
    assert list(Reaction.objects.values_list("emoji", flat=True)) == ["bravo"]
    member_client.post(url, {"emoji": "<script>"})
    assert Reaction.objects.count() == 1


def test_thread_author_marks_the_solution_shown_first(member_client, thread, other_member):
    answer = services.reply(other_member, thread, "La **réponse** : le garage communal.")
    for number in range(3):
        services.reply(other_member, thread, f"Autre idée {number}")
    other = Client()
    other.force_login(other_member)
    assert other.post(reverse("forum:solution", args=[answer.pk])).status_code == 403
    member_client.post(reverse("forum:solution", args=[answer.pk]))
    thread.refresh_from_db()
    assert thread.solution_id == answer.pk
    page = member_client.get(reverse("forum:thread", args=[thread.pk])).content.decode()
    assert page.index('id="solution"') < page.index(f'id="message-{thread.posts.first().pk}"')
    assert (
        "Résolu"
        in member_client.get(reverse("forum:category", args=["difficultes-entraide"])).content.decode()
    )


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [("photo.png", png_bytes(), "png"), ("contrat.pdf", pdf_bytes(), "pdf")],
)
def test_photo_or_pdf_is_attached_and_served(member_client, thread, name, content, kind):
    response = member_client.post(
        reverse("forum:reply", args=[thread.pk]),
        {"body": "Ci-joint", "attachment": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.kind, attachment.name) == (kind, name)
    served = member_client.get(attachment.get_absolute_url())
    assert b"".join(served.streaming_content) == content


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("photo.jpg", b"<?php echo 'pas une image'; ?>", "ni une photo (JPEG, PNG, WebP) ni un PDF"),
        ("contrat.pdf", b"MZ\x90\x00 un executable", "ni une photo (JPEG, PNG, WebP) ni un PDF"),
        (
            "page.png",
            b"<html><script>alert(1)</script></html>",
            "ni une photo (JPEG, PNG, WebP) ni un PDF",
        ),
        ("enorme.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024), "5 Mo au plus"),
    ],
)
def test_oversized_or_disguised_uploads_are_refused_and_the_text_is_kept(
    member_client, thread, name, content, error
):
    response = member_client.post(
        reverse("forum:reply", args=[thread.pk]),
        {"body": "Mon texte précieux", "attachment": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert error in page
    assert "Mon texte précieux</textarea>" in page
    assert thread.posts.count() == 1
    assert not Attachment.objects.exists()


def test_new_member_gets_429_exactly_on_the_post_over_the_per_minute_limit(member_client, member, thread):
    url = reverse("forum:reply", args=[thread.pk])
    limit = services.NEW_MEMBER_POSTS_PER_MINUTE
    member.date_joined = thread.created_at  # a brand-new account
    member.save()
    already = Post.objects.filter(author=member).count()  # the thread's first post counts too
    statuses = [
        member_client.post(url, {"body": f"Message {n}"}).status_code for n in range(limit - already + 1)
    ]
    assert statuses == [302] * (limit - already) + [429]
    response = member_client.post(url, {"body": "Le texte que je ne veux pas perdre"})
    assert response.status_code == 429
    content = response.content.decode()
    assert f"{limit} par minute au plus" in content
    assert "Le texte que je ne veux pas perdre</textarea>" in content
    assert Post.objects.filter(author=member).count() == limit


@pytest.mark.parametrize(
    ("what", "limit", "make", "message"),
    [
        (
            "mentions",
            services.NEW_MEMBER_MENTIONS_PER_POST,
            lambda n: " ".join(f"@m{i}" for i in range(n)),
            "membres",
        ),
        (
            "liens",
            services.NEW_MEMBER_LINKS_PER_POST,
            lambda n: " ".join(f"https://ex{i}.org" for i in range(n)),
            "liens",
        ),
    ],
)
def test_new_member_mentions_and_links_limits_answer_429_exactly_at_threshold_plus_one(
    member_client, members_category, make_user, cafe, what, limit, make, message
):
    for i in range(limit + 1):
        make_user(f"m{i}", cafe=cafe)
    url = reverse("forum:new-thread", args=["difficultes-entraide"])
    ok = member_client.post(url, {"title": f"Au plus {what}", "body": make(limit)})
    assert ok.status_code == 302
    over = member_client.post(url, {"title": f"Trop de {what}", "body": make(limit + 1)})
    assert over.status_code == 429
    assert "au plus" in over.content.decode() and message in over.content.decode()
    assert Thread.objects.count() == 1


def test_locked_thread_refuses_replies(member_client, thread, moderator):
    services.set_thread_flag(moderator, thread, "verrouiller", "Hors sujet")
    response = member_client.post(reverse("forum:reply", args=[thread.pk]), {"body": "Encore moi"})
    assert response.status_code == 302
    assert thread.posts.count() == 1


def test_mention_autocomplete_suggests_members(member_client, other_member, make_user):
    make_user("gerant-inconnu")  # not a member: never suggested
    data = member_client.get(reverse("forum:mentions") + "?q=@gerant-c").json()
    assert data == {"membres": [{"identifiant": "gerant-culhat", "nom": "gerant-culhat"}]}
