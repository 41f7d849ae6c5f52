"""The anonymous page cache (reseau.page_cache): visitors share copies of public pages, nobody else does."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from reseau.access import Visibility
from reseau.models import ContentPage
from reseau.page_cache import CACHE_HEADER


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 120


def test_a_visitor_gets_the_cached_copy_without_a_query(client, guide, django_assert_num_queries):
    first = client.get(guide.url)
    assert first.status_code == 200 and first[CACHE_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(guide.url)
    assert second[CACHE_HEADER] == "hit"
    assert second.content == first.content
    # The security headers are added to the copy on every response, as to any page.
    assert "Content-Security-Policy" in second and "Permissions-Policy" in second


def test_a_member_never_gets_the_visitors_copy_nor_leaves_one(client, guide, member):
    assert client.get(guide.url)[CACHE_HEADER] == "miss"
    member_client = Client()
    member_client.force_login(member)
    as_member = member_client.get(guide.url)
    assert CACHE_HEADER not in as_member
    assert "Se déconnecter" in as_member.content.decode()

    guide.title = "Ouvrir un café : le guide"
    guide.save_revision().publish()  # a new version: the member renders first this time
    as_member = member_client.get(guide.url)
    assert CACHE_HEADER not in as_member
    visitor = client.get(guide.url)
    assert visitor[CACHE_HEADER] == "miss"
    content = visitor.content.decode()
    assert "Se connecter" in content and "Se déconnecter" not in content and "gerant-beaulon" not in content


def test_publishing_any_page_makes_the_copies_stale(client, guide, home):
    client.get(guide.url)
    client.get("/")
    assert client.get(guide.url)[CACHE_HEADER] == "hit"
    guide.title = "Ouvrir un café dans son village"
    guide.save_revision().publish()
    fresh = client.get(guide.url)
    assert fresh[CACHE_HEADER] == "miss"
    assert "Ouvrir un café dans son village" in fresh.content.decode()
    # The home page lists the menu, which a new page in it changes: its copy is stale too.
    home.add_child(instance=ContentPage(title="Nos partenaires", slug="partenaires", body="<p>…</p>",
                                        visibility=Visibility.PUBLIC, show_in_menus=True))  # fmt: skip
    home_page = client.get("/")
    assert home_page[CACHE_HEADER] == "miss" and "Nos partenaires" in home_page.content.decode()


def test_unpublishing_a_page_takes_it_off_at_once(client, guide):
    assert client.get(guide.url).status_code == 200
    guide.unpublish()
    assert client.get(guide.url).status_code == 404


def test_a_draft_seen_in_the_admin_never_reaches_a_visitor(client, guide, editor):
    client.get(guide.url)
    guide.title = "Brouillon : tarifs à confirmer"
    guide.save_revision()  # saved, not published
    editor_client = Client()
    editor_client.force_login(editor)
    draft = editor_client.get(f"/admin/pages/{guide.pk}/view_draft/")
    assert draft.status_code == 200 and "Brouillon : tarifs à confirmer" in draft.content.decode()
    assert CACHE_HEADER not in draft
    visitor = client.get(guide.url).content.decode()
    assert "Brouillon" not in visitor and "Ouvrir un café multiservice" in visitor
    assert client.get(f"/admin/pages/{guide.pk}/view_draft/").status_code == 302  # to the login page


def test_members_only_pages_are_never_stored(client, home, member):
    notes = home.add_child(
        instance=ContentPage(title="Notes internes", slug="notes", body="<p>Tarifs négociés.</p>")
    )
    member_client = Client()
    member_client.force_login(member)
    assert "Tarifs négociés" in member_client.get(notes.url).content.decode()
    for _ in range(2):
        response = client.get(notes.url)
        assert response.status_code == 302 and CACHE_HEADER not in response


def test_a_page_with_a_csrf_protected_form_is_not_stored(client, guide):
    """A password-protected page shows a form whose CSRF token belongs to one visitor."""
    PageViewRestriction.objects.create(page=guide, restriction_type="password", password="cafe")
    for _ in range(2):
        response = client.get(guide.url)
        assert response.status_code == 200 and "csrfmiddlewaretoken" in response.content.decode()
        assert CACHE_HEADER not in response


def test_a_visitor_with_a_message_waiting_is_not_served_a_copy(client, guide):
    client.get(guide.url)
    client.cookies["messages"] = "x"
    assert CACHE_HEADER not in client.get(guide.url)


def test_no_page_cache_when_turned_off(client, guide, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(guide.url)
    assert CACHE_HEADER not in client.get(guide.url)


def test_a_copy_stored_before_the_publication_commits_is_stale_after(
    client, guide, django_capture_on_commit_callbacks
):
    """A visitor served while the publication's transaction is open reads the page as it was, and may store
    it under the version bumped inside the transaction: the bump at commit leaves that copy behind."""
    with django_capture_on_commit_callbacks(execute=True):
        guide.title = "Ouvrir un café : le guide"
        guide.save_revision().publish()
        # Another process, which does not yet see the new title, stores its copy under the new version.
        assert client.get(guide.url)[CACHE_HEADER] == "miss"
        assert client.get(guide.url)[CACHE_HEADER] == "hit"
    assert client.get(guide.url)[CACHE_HEADER] == "miss"


def test_replacing_an_image_makes_the_copies_stale(client, guide, make_image):
    image = make_image()
    client.get(guide.url)
    assert client.get(guide.url)[CACHE_HEADER] == "hit"
    image.title = "Le comptoir du café"
    image.save()
    assert client.get(guide.url)[CACHE_HEADER] == "miss"
    image.delete()
    assert client.get(guide.url)[CACHE_HEADER] == "miss"
