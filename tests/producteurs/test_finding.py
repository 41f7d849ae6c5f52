"""Finding producers: distances computed in the database, every filter, and the errors a person sees."""

import json
import re

import pytest
from django.utils import timezone

from producteurs.distance import distance_km
from producteurs.finding import Criteria, communes_named, find_producers
from producteurs.models import ProducerPage
from producteurs.months import ALL_YEAR, bit, mask, months_of, season
from reseau.geography import haversine_km
from tests import geo
from tests.conftest import BEAULON
from tests.producteurs.conftest import CANCALE, DIOU, GARNAT, GUERANDE

THIS_MONTH = timezone.localdate().month
OTHER_MONTH = THIS_MONTH % 12 + 1


def names(response) -> list[str]:
    """The producers listed on a directory page, in order (the list that works without JavaScript)."""
    listing = response.content.decode().split('id="liste-producteurs"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', listing)


def test_months_masks_wrap_over_the_new_year():
    assert months_of(season(11, 2)) == [1, 2, 11, 12]
    assert mask([1, 12]) == bit(1) | bit(12)
    assert months_of(ALL_YEAR) == list(range(1, 13))


def test_distance_computed_in_the_query_matches_the_haversine_formula(make_producer):
    beaulon = geo.commune(BEAULON)
    for name, insee in [("A", GARNAT), ("B", DIOU), ("C", CANCALE), ("D", GUERANDE)]:
        make_producer(name, insee)
    rows = ProducerPage.objects.annotate(d=distance_km(beaulon.latitude, beaulon.longitude)).values_list(
        "d", "latitude", "longitude"
    )
    for distance, latitude, longitude in rows:
        assert distance == pytest.approx(
            haversine_km(beaulon.latitude, beaulon.longitude, latitude, longitude), abs=1e-6
        )
    # Beaulon → Cancale is about 470 km as the crow flies.
    cancale = geo.commune(CANCALE)
    assert haversine_km(beaulon.latitude, beaulon.longitude, cancale.latitude, cancale.longitude) == (
        pytest.approx(471, abs=10)
    )


def test_radius_search_keeps_close_producers_sorted_by_distance(make_producer):
    make_producer("Loin", CANCALE)
    make_producer("Neuf km", DIOU)
    make_producer("Cinq km", GARNAT)
    beaulon = geo.commune(BEAULON)
    found = find_producers(Criteria(origin=(beaulon.latitude, beaulon.longitude), radius_km=10))
    assert [producer.title for producer in found] == ["Cinq km", "Neuf km"]
    assert found[0].distance == pytest.approx(5.3, abs=0.2)
    closer = find_producers(Criteria(origin=(beaulon.latitude, beaulon.longitude), radius_km=6))
    assert [producer.title for producer in closer] == ["Cinq km"]


def test_product_filter_works_at_both_levels_of_the_taxonomy(client, make_producer):
    make_producer("Vergers", products={"pommes": ALL_YEAR})
    make_producer("Cidrerie", products={"cidre": ALL_YEAR})
    assert names(client.get("/producteurs/?produit=pommes")) == ["Vergers"]
    assert names(client.get("/producteurs/?produit=fruits")) == ["Vergers"]
    assert names(client.get("/producteurs/?produit=boissons")) == ["Cidrerie"]


def test_label_filter_any_label_organic_only_or_one_label(client, make_producer):
    make_producer("Bio", labels=("agriculture-biologique",))
    make_producer("Nature", labels=("nature-progres", "aop"))
    make_producer("Rouge", labels=("label-rouge",))
    make_producer("Sans label")
    assert names(client.get("/producteurs/?label=bio")) == ["Bio", "Nature"]
    assert names(client.get("/producteurs/?label=avec-label")) == ["Bio", "Nature", "Rouge"]
    assert names(client.get("/producteurs/?label=aop")) == ["Nature"]
    assert names(client.get("/producteurs/")) == ["Bio", "Nature", "Rouge", "Sans label"]


def test_region_department_and_sales_mode_filters(client, make_producer):
    make_producer("Allier", GARNAT, modes=("marches",))
    make_producer("Bretagne", CANCALE, modes=("vente-en-gros",))
    make_producer("Loire-Atlantique", GUERANDE, modes=("marches",))
    assert names(client.get("/producteurs/?region=53")) == ["Bretagne"]
    assert names(client.get("/producteurs/?departement=44")) == ["Loire-Atlantique"]
    assert names(client.get("/producteurs/?mode=marches")) == ["Allier", "Loire-Atlantique"]


def test_available_this_month_looks_at_the_chosen_product(client, make_producer):
    make_producer("En saison", products={"pommes": bit(THIS_MONTH)})
    make_producer("Hors saison", products={"pommes": bit(OTHER_MONTH), "cidre": ALL_YEAR})
    make_producer("Saison inconnue", products={"pommes": 0})
    assert names(client.get("/producteurs/?ce_mois=on")) == ["En saison", "Hors saison"]
    assert names(client.get("/producteurs/?ce_mois=on&produit=pommes")) == ["En saison"]


def test_delivers_to_my_cafe_compares_the_cafe_distance_with_each_delivery_radius(
    member_client, make_producer
):
    make_producer("Livre à 10 km", GARNAT, delivery_radius_km=10)  # 5.3 km from Beaulon
    make_producer("Livre à 5 km", DIOU, delivery_radius_km=5)  # 8.8 km
    make_producer("Ne livre pas", GARNAT)
    make_producer("Livre loin", CANCALE, delivery_radius_km=600)  # about 470 km
    assert names(member_client.get("/producteurs/?livre=on")) == ["Livre à 10 km", "Livre loin"]


def test_a_visitor_picks_the_cafe_to_deliver_within_a_radius(client, cafe, make_producer):
    make_producer("Livre à 10 km", GARNAT, delivery_radius_km=10)  # 5.3 km from the café in Beaulon
    make_producer("Livre à 5 km", DIOU, delivery_radius_km=5)  # 8.8 km: too far for its rounds
    make_producer("Livre loin", CANCALE, delivery_radius_km=600)  # about 470 km: outside the 30 km asked
    response = client.get(f"/producteurs/?cafe={cafe.pk}&rayon=30&livre=on")
    assert names(response) == ["Livre à 10 km"]
    assert "<strong>5 km</strong>" in response.content.decode()


def test_delivers_to_needs_a_cafe(client, make_producer):
    make_producer("Ferme")
    response = client.get("/producteurs/?livre=on")
    assert response.status_code == 400
    assert "Choisissez le café à livrer" in response.content.decode()


def test_distance_from_a_cafe_or_a_commune_sorts_by_distance(client, cafe, make_producer):
    make_producer("Loin", CANCALE)
    make_producer("Près", GARNAT)
    response = client.get(f"/producteurs/?cafe={cafe.pk}")
    assert names(response) == ["Près", "Loin"]
    assert "5 km" in response.content.decode()
    assert names(client.get("/producteurs/?commune=Cancale&rayon=30")) == ["Loin"]


def test_commune_names_are_found_whatever_the_case_accents_or_postcode(db):
    emiland = geo.commune("71409")
    assert communes_named("saint emiland") == [emiland]
    assert communes_named("SAINT-ÉMILAND") == [emiland]
    assert communes_named(emiland.postcode) == [emiland]
    assert communes_named(f"Saint-Émiland ({emiland.postcode})") == [emiland]
    assert communes_named("Atlantide") == []


def test_an_ambiguous_commune_asks_which_one_and_keeps_the_search(client, make_producer):
    cote_dor, vosges = geo.commune("21555"), geo.commune("88421")  # two of France's Saint-Julien
    make_producer("Ferme vosgienne", "88421")
    query = "/producteurs/?commune=Saint-Julien&rayon=30&produit=pommes"
    response = client.get(query)
    content = response.content.decode()
    assert response.status_code == 400
    assert "Plusieurs communes correspondent à « Saint-Julien »" in content
    assert f'value="{cote_dor.insee}"' in content and f'value="{vosges.insee}"' in content
    assert 'value="Saint-Julien"' in content and 'value="30"' in content
    assert '<option value="pommes" selected>' in content
    assert names(client.get(f"{query}&insee={vosges.insee}")) == ["Ferme vosgienne"]
    assert names(client.get(f"{query}&insee={cote_dor.insee}")) == []


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("commune=Atlantide&rayon=20", "commune", "Aucune commune ne s&#x27;appelle « Atlantide »"),
        ("commune=Beaulon&rayon=-5", "rayon", "Le rayon doit être un nombre entier de kilomètres"),
        ("commune=Beaulon&rayon=beaucoup", "rayon", "Le rayon doit être un nombre entier de kilomètres"),
        ("rayon=20", "rayon", "Indiquez un café ou une commune"),
        ("produit=caviar", "produit", "« caviar » n&#x27;est pas dans la liste des produits"),
        ("label=bio-industriel", "label", "« bio-industriel » n&#x27;est pas un label connu"),
        ("region=99", "region", "Région inconnue"),
        ("commune=Beaulon&rayon=0", "rayon", "Le rayon doit être un nombre entier de kilomètres"),
        ("commune=Beaulon&rayon=20000", "rayon", "Le rayon doit être un nombre entier de kilomètres"),
        ("commune=Beaulon&rayon=12.5", "rayon", "Le rayon doit être un nombre entier de kilomètres"),
        ("cafe=999999&rayon=20", "cafe", "Café inconnu : choisissez un café du réseau dans la liste."),
        ("cafe=le-mien&rayon=20", "cafe", "Café inconnu : choisissez un café du réseau dans la liste."),
    ],
)
def test_bad_search_input_shows_a_french_error_next_to_the_field_and_keeps_the_input(
    client, make_producer, query, field, message
):
    geo.commune(BEAULON)
    make_producer("Ferme")
    response = client.get(f"/producteurs/?{query}")
    content = response.content.decode()
    assert response.status_code == 400
    assert f'id="id_{field}-erreurs"' in content
    assert message in content
    assert names(response) == []
    typed = query.split("&")[0].split("=")[1]
    if field in {"commune", "rayon"}:
        assert f'value="{typed}"' in content


def test_cafe_and_commune_together_are_refused(client, cafe, make_producer):
    make_producer("Ferme")
    response = client.get(f"/producteurs/?cafe={cafe.pk}&commune=Beaulon")
    assert response.status_code == 400
    assert "Choisissez un café ou une commune, pas les deux." in response.content.decode()


def test_results_map_gets_every_result_as_a_marker(client, make_producer):
    geo.commune(BEAULON)
    make_producer("Près", GARNAT)
    make_producer("Loin", CANCALE)
    content = client.get("/producteurs/?commune=Beaulon&rayon=50").content.decode()
    markers = json.loads(
        content.split('id="carte-producteurs-donnees" type="application/json">', 1)[1].split("<")[0]
    )
    assert [marker["title"] for marker in markers] == ["Près"]
    assert markers[0]["url"] == "/producteurs/pres/"


def test_pagination_keeps_the_filters(client, make_producer):
    for number in range(30):
        make_producer(f"Ferme {number:02d}", products={"cidre": ALL_YEAR})
    make_producer("Verger", products={"pommes": ALL_YEAR})
    first = client.get("/producteurs/?produit=cidre")
    assert len(names(first)) == 24
    assert "?produit=cidre&amp;page=2" in first.content.decode()
    second = client.get("/producteurs/?produit=cidre&page=2")
    assert names(second) == [f"Ferme {number:02d}" for number in range(24, 30)]


def test_drafts_are_never_listed(client, make_producer):
    make_producer("Publiée")
    make_producer("Brouillon", live=False)
    assert names(client.get("/producteurs/")) == ["Publiée"]


@pytest.mark.parametrize("count", [5, 30])
def test_directory_query_count_does_not_grow_with_the_producers(
    member_client, make_producer, django_assert_max_num_queries, count
):
    for number in range(count):
        make_producer(
            f"Ferme {number:02d}",
            GARNAT if number % 2 else DIOU,
            products={"pommes": ALL_YEAR, "cidre": ALL_YEAR, "miel": ALL_YEAR},
            labels=("agriculture-biologique", "aop"),
            modes=("marches",),
            delivery_radius_km=30,
        )
    member_client.get("/producteurs/")  # the site's frame, cached for every page after
    # The directory's own queries: the member's café (its id and title), the filters' options (one union),
    # the commune, the café "livre" means, the result rows (count, map and page), the cards' products and
    # labels. The rest is the session's user and roles and the header's chat and notification counts.
    with django_assert_max_num_queries(10):
        response = member_client.get(
            "/producteurs/?commune=Beaulon&rayon=50&produit=fruits&label=bio&livre=on"
        )
    assert len(names(response)) == min(count, 24)
    with django_assert_max_num_queries(8):  # without filters: no commune nor café to read
        assert member_client.get("/producteurs/").status_code == 200
