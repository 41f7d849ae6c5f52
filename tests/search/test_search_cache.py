"""Search answers kept in the cache (search.engine.cached_search / cached_suggest): read again without a query
while the index is unchanged, never served to another audience, stale as soon as the index is written."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reseau.access import Visibility
from reseau.models import ContentPage


@pytest.fixture(autouse=True)
def search_cache_on(settings):
    settings.SEARCH_CACHE_SECONDS = 120


def titles(client, query: str, **params) -> list[str]:
    response = client.get(reverse("search:results"), {"q": query, **params})
    assert response.status_code == 200
    outcome = response.context["outcome"]
    return [result.title for result in outcome.response.results] if outcome.searched else []


def index_queries(client, query: str) -> list[str]:
    """The queries a results page made on the index's tables."""
    with CaptureQueriesContext(connection) as queries:
        titles(client, query)
    return [q["sql"] for q in queries.captured_queries if "search_" in q["sql"]]


def suggested(client, text: str) -> list[str]:
    found = client.get(reverse("search:suggestions"), {"q": text}).json()["suggestions"]
    return [suggestion["texte"] for suggestion in found]


def test_an_answer_is_read_again_without_querying_the_index(corpus, client):
    assert index_queries(client, "tarte")
    assert index_queries(client, "tarte") == []
    # Another query, another filter or another page is another answer.
    assert index_queries(client, "compote")
    with CaptureQueriesContext(connection) as queries:
        assert titles(client, "tarte", page="2") == ["Tarte aux pommes du verger"]
    assert any("search_" in q["sql"] for q in queries.captured_queries)


def test_a_members_answer_is_never_a_visitors(corpus, client, make_user):
    member = make_user("gerant-sains", cafe=corpus["sains"])
    client.force_login(member)
    assert titles(client, "brasseur") == ["Contrat fournisseur confidentiel"]
    assert suggested(client, "contrat") == ["Contrat fournisseur confidentiel"]
    client.logout()
    assert titles(client, "brasseur") == []
    assert suggested(client, "contrat") == []
    # And the other way round: the visitor's answer, kept first, is not what a member is given.
    client.force_login(member)
    assert titles(client, "brasseur") == ["Contrat fournisseur confidentiel"]


def test_every_write_to_the_index_makes_kept_answers_stale(
    corpus, client, make_page, django_capture_on_commit_callbacks
):
    assert titles(client, "cidre") == []
    assert suggested(client, "atelier") == []
    with django_capture_on_commit_callbacks(execute=True):
        page = make_page("Atelier cidre", "Presser les pommes du verger communal.", slug="atelier-cidre")
    assert titles(client, "cidre") == ["Atelier cidre"]
    assert suggested(client, "atelier") == ["Atelier cidre"]

    with django_capture_on_commit_callbacks(execute=True):
        page.visibility = Visibility.MEMBERS
        page.save_revision().publish()
    assert titles(client, "cidre") == []

    with django_capture_on_commit_callbacks(execute=True):
        page.visibility = Visibility.PUBLIC
        page.save_revision().publish()
    assert titles(client, "cidre") == ["Atelier cidre"]

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert titles(client, "cidre") == []
    assert suggested(client, "atelier") == []


def test_the_rebuild_command_makes_kept_answers_stale(corpus, client):
    assert titles(client, "compote") == ["Compote maison"]
    # A write that sends no signal: only the rebuild brings it to the index.
    ContentPage.objects.filter(pk=corpus["compote"].pk).update(title="Gelée maison")
    assert titles(client, "compote") == ["Compote maison"]
    call_command("rebuild_search_index", stdout=StringIO())
    assert titles(client, "compote") == ["Gelée maison"]
