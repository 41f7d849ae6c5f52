"""XSS in titles, posts, mentions and file names; CSRF on every form; nobody edits someone else's post."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from forum import services
from forum.markup import render_markdown
from forum.models import Post, Thread
from tests.forum.xss import PAYLOADS, live_markup


def test_the_payload_list_is_long_enough_and_the_checker_catches_each_one():
    assert len(PAYLOADS) >= 30
    # The checker is not blind: every payload, left raw, is caught (except the Markdown-only ones).
    raw_caught = [p for p in PAYLOADS if live_markup(p)]
    assert len(raw_caught) >= 30


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_rendering_leaves_no_live_markup(payload):
    assert live_markup(render_markdown(payload, ["gerant-culhat"]).html) == []


def test_payloads_in_titles_posts_and_mentions_are_inert_on_every_page(
    client, old_member, other_member, public_category
):
    for payload in PAYLOADS:
        services.create_thread(old_member, public_category, f"Sujet {payload}"[:150], payload)
    trap = services.create_thread(old_member, public_category, "Le sujet piégé", "Début")
    for payload in PAYLOADS:
        services.reply(other_member, trap, f"@gerant-beaulon @{payload} {payload}")
    client.force_login(old_member)
    category = reverse("forum:category", args=["recettes"])
    thread = reverse("forum:thread", args=[trap.pk])
    first = Thread.objects.order_by("id").first()
    pages = [reverse("forum:index"), category, f"{category}?page=2", reverse("forum:feed")]
    pages += [thread, f"{thread}?page=2", f"{thread}?page=3", reverse("forum:thread", args=[first.pk])]
    pages += [reverse("forum:notifications"), reverse("forum:search") + "?q=alert"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        if url.endswith(".rss"):
            assert b"<script" not in response.content
            continue
        assert live_markup(response.content.decode()) == [], url
    # The text itself is still there, shown as text.
    response = client.get(reverse("forum:thread", args=[first.pk]))
    assert "<h1>Sujet &lt;script&gt;alert(1)&lt;/script&gt;</h1>" in response.content.decode()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("payload", PAYLOADS[:12])
def test_payloads_in_attachment_file_names_are_inert(client, old_member, thread, payload, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(old_member)
    upload = SimpleUploadedFile(f"{payload}.png", png_bytes(), content_type="image/png")
    response = client.post(
        reverse("forum:reply", args=[thread.pk]), {"body": "Voici la photo", "attachment": upload}
    )
    assert response.status_code == 302
    post = Post.objects.latest("id")
    assert post.attachments.count() == 1
    attachment = post.attachments.get()
    assert payload[:5] not in attachment.file.name  # stored under a random name
    page = client.get(reverse("forum:thread", args=[thread.pk])).content.decode()
    assert live_markup(page) == []
    served = client.get(attachment.get_absolute_url())
    assert served["Content-Type"] == "image/png"
    assert payload not in served["Content-Disposition"]


def test_member_cannot_edit_or_delete_someone_elses_post(client, thread, other_member):
    post = thread.posts.get()
    client.force_login(other_member)
    assert client.get(reverse("forum:edit", args=[post.pk])).status_code == 403
    response = client.post(reverse("forum:edit", args=[post.pk]), {"body": "Texte remplacé"})
    assert response.status_code == 403
    assert client.post(reverse("forum:delete", args=[post.pk])).status_code == 403
    post.refresh_from_db()
    assert post.body == "Comment faites-vous ?"
    assert post.deleted_at is None
    assert not post.revisions.exists()


def test_every_form_refuses_a_post_without_csrf_token(thread, old_member, moderator):
    post = thread.posts.get()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(old_member)
    member_forms = [
        (reverse("forum:new-thread", args=["difficultes-entraide"]), {"title": "Un titre", "body": "x"}),
        (reverse("forum:reply", args=[thread.pk]), {"body": "Réponse"}),
        (reverse("forum:edit", args=[post.pk]), {"body": "Modifié"}),
        (reverse("forum:delete", args=[post.pk]), {}),
        (reverse("forum:report", args=[post.pk]), {"reason": "Spam"}),
        (reverse("forum:react", args=[post.pk]), {"emoji": "merci"}),
        (reverse("forum:solution", args=[post.pk]), {}),
        (reverse("forum:subscribe-thread", args=[thread.pk]), {"niveau": "silence"}),
        (reverse("forum:subscribe-category", args=["difficultes-entraide"]), {"niveau": "suivre"}),
        (reverse("forum:mark-all-read"), {}),
        (reverse("forum:notifications"), {"action": "tout-lu"}),
    ]
    for url, data in member_forms:
        assert strict.post(url, data).status_code == 403, url
    strict.force_login(moderator)
    moderator_forms = [
        (reverse("forum:moderate-post", args=[post.pk, "masquer"]), {"reason": "x"}),
        (reverse("forum:moderate-thread", args=[thread.pk, "verrouiller"]), {}),
        (reverse("forum:move", args=[thread.pk]), {}),
        (reverse("forum:merge", args=[thread.pk]), {"target": thread.pk}),
        (reverse("forum:howto", args=[thread.pk]), {}),
    ]
    for url, data in moderator_forms:
        assert strict.post(url, data).status_code == 403, url
    assert Thread.objects.count() == 1
    assert Post.objects.count() == 1
    post.refresh_from_db()
    thread.refresh_from_db()
    assert (post.hidden_at, post.deleted_at, thread.is_locked) == (None, None, False)
