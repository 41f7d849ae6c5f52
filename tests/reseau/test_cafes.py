"""Cafés: the café page (address, hours, gallery, status, managers, services, story) and the list at /cafes/
(filters by region, department and service without JavaScript, map markers, bounded SQL queries)."""

import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from reseau.models import CafePage, CafePhoto
from tests.conftest import BEAULON, CULHAT

LA_BAUCHE = "73033"  # Savoie, Auvergne-Rhône-Alpes
GUILLIGOMARCH = "29071"  # Finistère, Bretagne
SAINS = "35248"  # Ille-et-Vilaine, Bretagne


def markers(content: str) -> list[dict]:
    data = re.search(
        r'<script id="carte-cafes-donnees" type="application/json">(.*?)</script>', content, re.S
    )
    return json.loads(data.group(1))


def card_titles(content: str) -> list[str]:
    return re.findall(r'<li class="card">\s*<h3><a href="[^"]+">([^<]+)</a>', content)


def test_cafe_page_shows_everything_a_visitor_needs(
    client, make_cafe, make_user, services, make_image, make_story, django_assert_max_num_queries
):
    cafe = make_cafe(
        BEAULON,
        title="Le Café de Beaulon",
        address="2 place de l'Église, 03230 Beaulon",
        opening_hours="Du mardi au dimanche\n7 h 30 – 20 h",
        status=CafePage.Status.TAKEN_OVER,
    )
    cafe.services.set([services["relais-poste"], services["epicerie"]])
    cafe.save()
    make_user("gerant-1", cafe=cafe, first_name="Gérance", last_name="du bourg")
    make_user("gerant-2", cafe=cafe, first_name="Accueil", last_name="du matin")
    for number in range(3):
        CafePhoto.objects.create(
            page=cafe, image=make_image(f"Salle {number}", (800, 600)), alt=f"La salle du café, vue {number}"
        )
    story = make_story(cafe)
    client.get(cafe.url)  # renditions are made on the first view
    # The café with its commune in one query, its own content in 7 more (the section pages come from the
    # frame); the sections of evenements, producteurs, recettes and forum add theirs.
    with django_assert_max_num_queries(12):
        content = client.get(cafe.url).content.decode()
    assert "2 place de l&#x27;Église, 03230 Beaulon" in content
    assert "Du mardi au dimanche<br>7 h 30 – 20 h" in content
    assert "café menacé repris" in content
    assert "Gérance du bourg" in content and "Accueil du matin" in content
    assert '📮</span> <span class="service__name">Relais poste</span>' in content
    assert "Envoyer et retirer lettres et colis" in content
    for base in ("Café", "Bar / débit de boissons", "Restauration légère", "Lieu d&#x27;échanges"):
        assert base in content
    assert content.count('loading="lazy"') == 3 and content.count(" 640w") == 3
    assert 'alt="La salle du café, vue 2"' in content
    assert f'href="{story.url}"' in content
    assert 'href="/il-y-a-un-cafe-dans-mon-village/"' in content


def test_cafe_page_queries_do_not_grow_with_photos_and_managers(
    client, make_cafe, make_user, make_image, django_assert_num_queries
):
    cafe = make_cafe(BEAULON)
    CafePhoto.objects.create(page=cafe, image=make_image("Une", (400, 300)), alt="Une photo")
    make_user("gerant-1", cafe=cafe)
    client.get(cafe.url)
    with CaptureQueriesContext(connection) as few:
        client.get(cafe.url)
    few_queries = len(few)  # read now: the next requests reset Django's query log
    for number in range(5):
        CafePhoto.objects.create(page=cafe, image=make_image(f"Photo {number}", (400, 300)), alt="Une photo")
        make_user(f"gerant-{number + 2}", cafe=cafe)
    client.get(cafe.url)
    with django_assert_num_queries(few_queries):
        client.get(cafe.url)


def test_cafes_list_filters_by_region_department_and_service_without_javascript(client, make_cafe, services):
    beaulon = make_cafe(BEAULON, title="Le Café de Beaulon")
    beaulon.services.set([services["relais-poste"]])
    beaulon.save()
    make_cafe(CULHAT, title="Le Comptoir de Culhat")
    make_cafe(LA_BAUCHE, title="Le Café de La Bauche")
    guilligomarch = make_cafe(GUILLIGOMARCH, title="Ti Kafe Guilligomarc'h")
    guilligomarch.services.set([services["relais-poste"]])
    guilligomarch.save()
    make_cafe(SAINS, title="Le Café de Sains")

    everything = client.get("/cafes/").content.decode()
    assert len(card_titles(everything)) == 5
    assert '<option value="84">Auvergne-Rhône-Alpes</option>' in everything
    assert '<optgroup label="Bretagne">' in everything
    assert '<option value="relais-poste">Relais poste</option>' in everything
    assert '<option value="cafe">' not in everything  # the base is everywhere: no point filtering on it

    region = client.get("/cafes/", {"region": "84"}).content.decode()
    assert sorted(card_titles(region)) == [
        "Le Café de Beaulon",
        "Le Café de La Bauche",
        "Le Comptoir de Culhat",
    ]
    assert [m["title"] for m in markers(region)] == card_titles(region)
    assert '<option value="84" selected>Auvergne-Rhône-Alpes</option>' in region
    assert "3 cafés" in region

    department = client.get("/cafes/", {"departement": "03"}).content.decode()
    assert card_titles(department) == ["Le Café de Beaulon"]

    service = client.get("/cafes/", {"service": "relais-poste"}).content.decode()
    assert sorted(card_titles(service)) == ["Le Café de Beaulon", "Ti Kafe Guilligomarc&#x27;h"]

    both = client.get("/cafes/", {"region": "53", "service": "relais-poste"}).content.decode()
    assert card_titles(both) == ["Ti Kafe Guilligomarc&#x27;h"]

    nothing = client.get("/cafes/", {"departement": "03", "service": "epicerie"}).content.decode()
    assert card_titles(nothing) == [] and markers(nothing) == []
    assert "Aucun café ne correspond à ces critères" in nothing


def test_unknown_filter_value_says_so_next_to_the_field_and_filters_nothing(client, make_cafe):
    make_cafe(BEAULON)
    make_cafe(CULHAT)
    content = client.get("/cafes/", {"region": "99"}).content.decode()
    assert "Sélectionnez un choix valide" in content
    assert len(card_titles(content)) == 2


def test_map_markers_sit_at_the_communes_coordinates(client, make_cafe):
    cafe = make_cafe(BEAULON)
    [point] = markers(client.get("/cafes/").content.decode())
    assert (point["lat"], point["lng"]) == (46.58679, 3.67334)
    assert point["url"] == cafe.url and point["subtitle"] == "Beaulon (03)"


def test_a_thousand_cafes_render_in_as_many_queries_as_ten(client, many_cafes, django_assert_num_queries):
    many_cafes(10)
    client.get("/cafes/")  # fills the site's cached root paths, as on a running site
    with CaptureQueriesContext(connection) as ten:
        small = client.get("/cafes/").content.decode()
    ten_queries = len(ten)  # read now: the next requests reset Django's query log
    assert len(markers(small)) == 10
    many_cafes(990)
    with django_assert_num_queries(ten_queries):
        response = client.get("/cafes/")
    content = response.content.decode()
    assert ten_queries <= 12
    assert len(markers(content)) == 1000
    assert len(card_titles(content)) == 60  # the list is paginated; the map shows every café
    assert "1000 cafés" in content and "Page 1 sur 17" in content
    page_two = client.get("/cafes/", {"page": 2, "service": "epicerie"}).content.decode()
    assert 'href="?page=1&amp;service=epicerie"' in page_two or "Page 1 sur" in page_two
