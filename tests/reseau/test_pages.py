import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from reseau.access import Visibility
from reseau.models import HOME_CONTENTS, CafePage, ContentPage, HomePage
from tests import geo
from tests.conftest import CULHAT, MOULINS


def test_home_page_renders_with_sections(client, cafe_index):
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="fr">' in content
    assert 'href="/cafes/"' in content
    assert "Contenu de démonstration" in content


def test_home_page_takes_its_sections_from_the_frame(client, cafe, make_story, django_assert_num_queries):
    make_story(cafe)
    client.get("/")
    HOME_CONTENTS.clear()  # as each process finds it after a change
    with django_assert_num_queries(2):  # the latest stories, their posters' renditions
        content = client.get("/").content.decode()
    assert 'href="/cafes/"' in content and "Les cafés" in content
    with django_assert_num_queries(0):  # kept by the process while no page changes
        assert client.get("/").content.decode() == content


def story_titles(client) -> list[str]:
    content = client.get("/").content.decode()
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', content.split('class="cards stories"')[1])


def test_home_page_shows_every_change_to_its_stories_and_itself_at_once(client, home, cafe, make_story):
    make_story(cafe, "Beaulon rouvre")
    assert story_titles(client) == ["Beaulon rouvre"]
    culhat = make_story(cafe, "Culhat rouvre", reopened_on=date(2021, 5, 1))
    assert story_titles(client) == ["Culhat rouvre", "Beaulon rouvre"]
    culhat.title = "Culhat a son café"
    culhat.save_revision().publish()
    assert story_titles(client) == ["Culhat a son café", "Beaulon rouvre"]
    culhat.unpublish()
    assert story_titles(client) == ["Beaulon rouvre"]
    culhat.delete()
    home.refresh_from_db()
    home.intro = "Mille cafés, mille villages."
    home.save_revision().publish()
    content = client.get("/").content.decode()
    assert '<p class="lead">Mille cafés, mille villages.</p>' in content


def test_a_preview_of_the_home_page_is_neither_served_from_nor_kept_for_others(client, home):
    live = client.get("/").content.decode()
    draft = HomePage.objects.get(pk=home.pk)
    draft.intro = "Brouillon : pas encore publié."
    assert "Brouillon : pas encore publié." in draft.make_preview_request().content.decode()
    assert client.get("/").content.decode() == live


def test_the_home_page_a_member_saw_shows_nothing_of_theirs_to_a_visitor(member, cafe_index):
    member_client = Client()
    member_client.force_login(member)
    mine = member_client.get("/").content.decode()
    theirs = Client().get("/").content.decode()
    assert "Se déconnecter" in mine and ">Ressources</a>" in mine
    assert "Se déconnecter" not in theirs and ">Ressources</a>" not in theirs
    assert 'href="/cafes/"' in theirs


def test_cafe_page_shows_its_real_commune(client, cafe):
    response = client.get(cafe.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Beaulon" in content and "Allier" in content and "Auvergne-Rhône-Alpes" in content
    assert "1\xa0632 habitants" in content


def test_cafe_in_a_town_of_3500_or_more_is_refused_with_a_clear_message(cafe_index):
    moulins = geo.commune(MOULINS)
    cafe = CafePage(title="Le café de Moulins", commune=moulins)
    with pytest.raises(ValidationError) as error:
        cafe_index.add_child(instance=cafe)
    message = error.value.message_dict["commune"][0]
    assert "Moulins compte 19343 habitants" in message
    assert "moins de 3500 habitants" in message
    assert not CafePage.objects.filter(commune=moulins).exists()


def test_cafe_list_query_count_does_not_grow_with_cafes(client, make_cafe, django_assert_max_num_queries):
    for insee in ["03019", CULHAT, "73033", "29071", "35248", "71409"]:
        make_cafe(insee)
    with django_assert_max_num_queries(12):
        response = client.get("/cafes/")
    assert response.content.decode().count('class="card"') == 6


def test_members_only_page_sends_visitor_to_login(client, home):
    page = home.add_child(
        instance=ContentPage(title="Guide des gérants", body="<p>Secret.</p>", visibility=Visibility.MEMBERS)
    )
    response = client.get(page.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/?next=")
    assert b"Secret" not in response.content


def test_members_only_page_is_served_to_members(member_client, home):
    page = home.add_child(
        instance=ContentPage(
            title="Guide des gérants", body="<p>Pour vous.</p>", visibility=Visibility.MEMBERS
        )
    )
    response = member_client.get(page.url)
    assert response.status_code == 200
    assert "Pour vous." in response.content.decode()


def test_unknown_page_gives_french_404(client, home):
    response = client.get("/cette-page-nexiste-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_health_probe_answers(client, db):
    assert client.get("/sante/").json() == {"statut": "ok"}
