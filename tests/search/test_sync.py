"""The index follows the content: save, publish, unpublish, delete; and the rebuild command."""

from io import StringIO

from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from search.models import SearchDocument, SearchMatch

VISITOR = AnonymousUser()


def test_signals_index_publish_unpublish_and_delete(make_page, search, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_page("Atelier cidre", "Presser les pommes du verger communal.", slug="atelier-cidre")
    assert search(VISITOR, "cidre")[0] == ["Atelier cidre"]

    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Atelier jus de pomme"
        page.save_revision().publish()
    assert search(VISITOR, "cidre")[0] == []
    assert search(VISITOR, "jus")[0] == ["Atelier jus de pomme"]

    with django_capture_on_commit_callbacks(execute=True):
        page.visibility = "membres"
        page.save_revision().publish()
    assert search(VISITOR, "jus")[0] == []

    with django_capture_on_commit_callbacks(execute=True):
        page.visibility = "public"
        page.save_revision().publish()
        page.unpublish()
    assert search(VISITOR, "jus")[0] == []
    assert not SearchDocument.objects.filter(object_id=str(page.pk)).exists()

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert search(VISITOR, "jus")[0] == ["Atelier jus de pomme"]

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert search(VISITOR, "jus")[0] == []
    assert SearchDocument.objects.count() == 0


def test_a_phrase_follows_the_edited_text(make_page, search, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_page("Atelier cidre", "Presser les pommes du verger communal.", slug="atelier-cidre")
    assert search(VISITOR, '"pommes du verger"')[0] == ["Atelier cidre"]

    with django_capture_on_commit_callbacks(execute=True):
        page.body = "<p>Presser les poires du verger communal.</p>"
        page.save_revision().publish()
    assert search(VISITOR, '"pommes du verger"')[0] == []
    assert search(VISITOR, '"poires du verger"')[0] == ["Atelier cidre"]


def test_each_document_has_one_narrow_match_row_in_step_with_it(
    make_page, search, django_capture_on_commit_callbacks
):
    """Matching, counting and ranking read SearchMatch alone: a stale or orphan row would count content that a
    visitor may not see."""

    def rows() -> tuple[dict, dict]:
        documents = dict(SearchDocument.objects.values_list("id", "visibility"))
        return documents, dict(SearchMatch.objects.values_list("document_id", "visibility"))

    with django_capture_on_commit_callbacks(execute=True):
        page = make_page("Atelier cidre", "Presser les pommes du verger.", slug="atelier-cidre")
    documents, matches = rows()
    assert matches == documents
    assert list(matches.values()) == ["public"]
    assert search(VISITOR, "cidre")[1].response.total == 1

    with django_capture_on_commit_callbacks(execute=True):
        page.visibility = "membres"
        page.save_revision().publish()
    documents, matches = rows()
    assert matches == documents
    assert set(matches.values()) == {"membres"}
    titles, outcome = search(VISITOR, "cidre")
    assert (titles, outcome.response.total, outcome.response.facets) == ([], 0, [])

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert rows() == ({}, {})


def test_a_draft_does_not_reach_the_index(make_page, search, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_page("Atelier cidre", "Presser les pommes.", slug="atelier-cidre")
        page.title = "Brouillon secret"
        page.save_revision()
    assert search(VISITOR, "brouillon")[0] == []
    assert search(VISITOR, "cidre")[0] == ["Atelier cidre"]


def test_rebuild_command_shows_progress_and_is_idempotent(corpus):
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "6/6 documents" in out.getvalue()
    assert "Index « database » reconstruit : 6 documents" in out.getvalue()
    first = sorted(SearchDocument.objects.values_list("kind", "object_id", "title", "visibility"))
    call_command("rebuild_search_index", stdout=StringIO())
    assert sorted(SearchDocument.objects.values_list("kind", "object_id", "title", "visibility")) == first
