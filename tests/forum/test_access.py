"""Members-only threads stay members-only: by URL, feed, search, notifications, attachments, page sections."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from forum import services
from forum.models import Category, Notification, Thread
from tests.forum.test_security import png_bytes


def test_visitor_is_sent_to_login_from_a_members_only_thread_and_its_posts(client, thread):
    post = thread.posts.get()
    for url in [
        reverse("forum:thread", args=[thread.pk]),
        reverse("forum:post", args=[post.pk]),
        reverse("forum:category", args=["difficultes-entraide"]),
        reverse("forum:history", args=[post.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/compte/connexion/"), url


def test_visitor_sees_public_threads_but_not_members_only_ones_in_lists_feed_and_search(
    client, thread, make_thread, old_member, public_category
):
    public = make_thread(old_member, public_category, title="Gâteau au yaourt en plaque", body="Recette")
    for url in [reverse("forum:index"), reverse("forum:feed"), reverse("forum:search") + "?q=e"]:
        content = client.get(url).content.decode()
        assert public.title in content, url
        assert thread.title not in content, url
    assert client.get(reverse("forum:thread", args=[public.pk])).status_code == 200


def test_an_account_without_membership_is_refused_and_never_notified(client, thread, make_user, old_member):
    outsider = make_user("curieux")  # an account, but no Member row and not the team
    services.reply(old_member, thread, "Qu'en pense @curieux ?")
    assert not Notification.objects.filter(recipient=outsider).exists()
    client.force_login(outsider)
    assert client.get(reverse("forum:thread", args=[thread.pk])).status_code == 403
    assert thread.title not in client.get(reverse("forum:index")).content.decode()
    assert client.get(reverse("forum:mentions") + "?q=ger").status_code == 403


def test_notification_of_a_thread_that_became_members_only_is_no_longer_reachable(
    client, old_member, other_member, make_thread, public_category, members_category
):
    public = make_thread(other_member, public_category)
    services.reply(old_member, public, "Merci @gerant-culhat")
    notification = Notification.objects.get(recipient=other_member)
    other_member.member.delete()  # leaves the network
    get_user_model().objects.filter(pk=other_member.pk).update()
    public.category = members_category
    public.save()
    client.force_login(get_user_model().objects.get(pk=other_member.pk))
    assert client.get(reverse("forum:notification", args=[notification.pk])).status_code == 404
    assert public.title not in client.get(reverse("forum:notifications")).content.decode()


def test_someone_elses_notification_cannot_be_opened(client, thread, other_member, old_member):
    services.reply(other_member, thread, "Une réponse")
    notification = Notification.objects.get(recipient=old_member)
    client.force_login(other_member)
    assert client.get(reverse("forum:notification", args=[notification.pk])).status_code == 404


def test_attachments_of_members_only_threads_are_refused_to_visitors(client, old_member, thread):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(old_member)
    client.post(
        reverse("forum:reply", args=[thread.pk]),
        {"body": "Photo", "attachment": SimpleUploadedFile("vitrine.png", png_bytes())},
    )
    attachment = thread.posts.last().attachments.get()
    assert client.get(attachment.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(attachment.get_absolute_url()).status_code == 302


def test_cafe_page_lists_its_threads_only_to_those_who_may_see_them(
    client, cafe, old_member, members_category
):
    thread = services.create_thread(
        old_member, members_category, "Horaires du café de Beaulon", "x", about_page=cafe
    )
    assert thread.about_page_id == cafe.pk
    visitor_page = client.get(cafe.url).content.decode()
    assert "Sur le forum" in visitor_page
    assert thread.title not in visitor_page
    client.force_login(old_member)
    member_page = client.get(cafe.url).content.decode()
    assert thread.title in member_page
    assert f"?a_propos={cafe.pk}" in member_page


def test_a_thread_started_from_a_page_goes_to_its_types_category_or_else_the_first(
    client, cafe, old_member, members_category
):
    client.force_login(old_member)
    link = f"/forum/nouveau/?a_propos={cafe.pk}"
    assert f'<a href="{link}">Ouvrir une discussion à ce sujet</a>' in client.get(cafe.url).content.decode()
    first = client.get(link)  # no "vie-du-reseau" yet
    assert first["Location"] == f"/forum/{members_category.slug}/nouveau/?a_propos={cafe.pk}"
    Category.objects.create(name="Vie du réseau", slug="vie-du-reseau", position=5)
    preferred = client.get(link, follow=True)
    assert preferred.redirect_chain == [(f"/forum/vie-du-reseau/nouveau/?a_propos={cafe.pk}", 302)]
    assert f'value="{cafe.pk}"' in preferred.content.decode()  # the form keeps the page it is about


@pytest.mark.parametrize("about", ["", "abc", "999999"])
def test_a_thread_about_a_missing_page_is_a_clear_404(client, old_member, members_category, about):
    client.force_login(old_member)
    response = client.get(f"/forum/nouveau/?a_propos={about}")
    assert response.status_code == 404
    assert "<h1>Page introuvable</h1>" in response.content.decode()
    assert not Thread.objects.exists()


def test_only_members_start_a_thread_about_a_page(client, cafe, make_user, members_category):
    assert client.get(f"/forum/nouveau/?a_propos={cafe.pk}")["Location"].startswith("/compte/connexion/")
    client.force_login(make_user("sans-cafe"))
    assert client.get(f"/forum/nouveau/?a_propos={cafe.pk}").status_code == 403
    assert "Ouvrir une discussion" not in client.get(cafe.url).content.decode()


def test_a_visitor_of_a_members_only_forum_sees_no_category_and_no_thread(client, thread):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(reverse("forum:index"))
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("forum:index")).content.decode()
    assert thread.title not in html and thread.category.name not in html
    assert "Aucun sujet pour le moment." in html
    # nothing to look for among the threads when no category is open to the reader
    assert not [query for query in queries if '"forum_thread"' in query["sql"]]
