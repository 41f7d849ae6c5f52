import pytest
from django.core.exceptions import ValidationError

from reseau.access import Visibility
from reseau.models import CafePage, ContentPage
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
    with django_assert_num_queries(2):  # the latest stories, their posters' renditions
        content = client.get("/").content.decode()
    assert 'href="/cafes/"' in content and "Les cafés" in content


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
