"""The frame (reseau.page_cache.frame) routes into the home page's sections and tells pages whether a Wagtail
view restriction may apply, without queries; what it knows must never be staler than the pages."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from reseau.access import Visibility
from reseau.models import ContentPage
from reseau.page_cache import _frame_key, frame


@pytest.fixture
def chapter(guide):
    return guide.add_child(
        instance=ContentPage(
            title="La licence IV",
            slug="licence-iv",
            body="<p>Transférer une licence dans la commune.</p>",
            visibility=Visibility.PUBLIC,
        )
    )


def test_a_section_is_served_without_routing_or_restriction_queries(client, guide, django_assert_num_queries):
    client.get(guide.url)  # the frame is read once per pages version
    with django_assert_num_queries(0):
        response = client.get(guide.url)
    assert "licence IV au relais poste" in response.content.decode()


def test_the_process_keeps_its_frame_while_the_pages_version_holds(client, guide, django_assert_num_queries):
    client.get(guide.url)
    cache.delete(
        _frame_key(RequestFactory().get("/", HTTP_HOST="testserver"))
    )  # evicted from the shared cache
    with django_assert_num_queries(0):  # not rebuilt: this process still holds it
        client.get(guide.url)
    guide.save_revision().publish()  # a new pages version: the held frame no longer serves
    with CaptureQueriesContext(connection) as queries:
        client.get(guide.url)
    assert any("wagtailcore_site" in query["sql"] for query in queries.captured_queries)


def test_a_page_below_a_section_costs_its_own_lookup_only(client, chapter, django_assert_num_queries):
    client.get(chapter.url)
    with django_assert_num_queries(2):  # the child of the section, then its specific row
        response = client.get(chapter.url)
    assert "Transférer une licence" in response.content.decode()


def test_a_restriction_on_a_section_applies_to_the_pages_below(client, guide, chapter):
    assert client.get(chapter.url).status_code == 200
    restriction = PageViewRestriction.objects.create(page=guide, restriction_type="login")
    for page in (guide, chapter):
        response = client.get(page.url)
        assert response.status_code == 302 and "/compte/connexion/" in response["Location"]
    restriction.delete()
    assert client.get(chapter.url).status_code == 200


def test_a_password_restriction_on_a_page_below_a_section(client, chapter):
    PageViewRestriction.objects.create(page=chapter, restriction_type="password", password="cafe")
    response = client.get(chapter.url)
    assert response.status_code == 200
    assert "Transférer une licence" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_an_unpublished_section_is_gone_at_once(client, guide):
    assert client.get(guide.url).status_code == 200
    guide.unpublish()
    assert client.get(guide.url).status_code == 404


def test_a_new_section_is_reachable_at_once(client, guide, home):
    client.get(guide.url)
    other = home.add_child(
        instance=ContentPage(
            title="Le relais poste", slug="relais-poste", body="<p>Devenir relais.</p>", visibility="public"
        )
    )
    response = client.get(other.url)
    assert response.status_code == 200 and "Devenir relais." in response.content.decode()


def test_url_for_gives_what_wagtail_gives(rf, chapter, guide, home):
    request = rf.get("/", HTTP_HOST="localhost")
    found = frame(request)
    for page in (home, guide, chapter):
        assert found.url_for(page.url_path) == page.get_url(request)
    assert found.url_for("/ailleurs/page/") is None  # not under this site's root
