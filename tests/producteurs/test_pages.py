"""A producer's page (contact rule, calendar, recommendations), other regions, and the café page section."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from producteurs.models import ProducerProduct, Product, Recommendation
from producteurs.months import season
from reseau import access
from tests.producteurs.conftest import CANCALE, DIOU, GARNAT, GUERANDE

CONTACT = {
    "phone": "04 65 71 12 34",
    "email": "contact@chevrerie.invalid",
    "website": "https://chevrerie.invalid",
}


def test_contact_is_for_members_unless_the_producer_agreed_to_be_public(member_client, make_producer):
    private = make_producer("Chèvrerie discrète", **CONTACT)
    public = make_producer("Chèvrerie ouverte", contact_public=True, **CONTACT)
    visitor = Client()
    hidden = visitor.get(private.url).content.decode()
    assert "04 65 71 12 34" not in hidden and "contact@chevrerie.invalid" not in hidden
    assert "réservées aux membres du réseau" in hidden
    assert "04 65 71 12 34" in visitor.get(public.url).content.decode()
    assert "contact@chevrerie.invalid" in member_client.get(private.url).content.decode()
    # Nor does any list leak it.
    assert "04 65 71" not in visitor.get("/producteurs/").content.decode()
    assert "04 65 71" not in visitor.get("/producteurs/autres-regions/?produit=pommes").content.decode()


def test_access_rule_for_contact_details(member, make_producer, django_user_model):
    producer = make_producer("Ferme")
    outsider = django_user_model.objects.create_user("voisin", password="x-motdepasse-42")
    assert access.can_see_contact(member, producer)
    assert not access.can_see_contact(outsider, producer)
    producer.contact_public = True
    assert access.can_see_contact(outsider, producer)


def test_page_shows_the_calendar_terms_and_other_regions_links(client, make_producer):
    producer = make_producer(
        "Vergers du Pré Haut",
        products={"pommes": season(9, 3), "cidre": 0},
        labels=("agriculture-biologique",),
        modes=("livraison-aux-cafes",),
        delivery_radius_km=40,
        delivery_days="mardi et vendredi",
        minimum_order_eur=80,
        invoicing="Facture mensuelle",
    )
    content = client.get(producer.url).content.decode()
    row = content.split("pommes <span", 1)[1].split("</tr>", 1)[0]
    assert row.count("✓") == 7  # September to March
    assert "Saison à préciser" in content
    assert "jusqu'à 40 km, mardi et vendredi" in content
    assert "80 €" in content and "Facture mensuelle" in content and "Agriculture biologique" in content
    assert "/producteurs/autres-regions/?produit=pommes&amp;hors=84" in content


def test_member_recommends_a_producer_for_their_cafe(member_client, member, make_producer):
    producer = make_producer("Fromagerie des Saules")
    response = member_client.post(
        producer.url + "recommander/", {"text": "  Tommes excellentes, livrées le mardi.  "}
    )
    assert response.status_code == 302
    recommendation = Recommendation.objects.get()
    assert (recommendation.cafe, recommendation.author) == (member.member.cafe, member)
    assert recommendation.text == "Tommes excellentes, livrées le mardi."
    content = member_client.get(producer.url).content.decode()
    assert "Tommes excellentes" in content and member.member.cafe.title in content
    member_client.post(producer.url + "recommander/", {"text": "Toujours aussi bonnes."})
    assert Recommendation.objects.get().text == "Toujours aussi bonnes."


def test_empty_recommendation_is_refused_and_nothing_is_stored(member_client, make_producer):
    producer = make_producer("Fromagerie des Saules")
    response = member_client.post(producer.url + "recommander/", {"text": "   "})
    assert response.status_code == 400
    assert "Écrivez quelques mots de recommandation." in response.content.decode()
    too_long = "x" * 601
    response = member_client.post(producer.url + "recommander/", {"text": too_long})
    assert response.status_code == 400
    assert too_long in response.content.decode()
    assert not Recommendation.objects.exists()


def test_visitor_cannot_recommend(client, make_producer):
    producer = make_producer("Fromagerie des Saules")
    response = client.post(producer.url + "recommander/", {"text": "Super"})
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]
    assert not Recommendation.objects.exists()


def test_other_regions_groups_producers_of_a_product_by_region(client, make_producer):
    make_producer("Cidrerie bretonne", CANCALE, products={"cidre": 0})
    make_producer("Cidrerie ligérienne", GUERANDE, products={"cidre": 0})
    make_producer("Cidrerie bourbonnaise", GARNAT, products={"cidre": 0})
    make_producer("Miellerie", DIOU, products={"miel": 0})
    content = client.get("/producteurs/autres-regions/?produit=cidre&hors=84").content.decode()
    assert content.index('<h2 id="region-53">Bretagne') < content.index('<h2 id="region-52">Pays de la Loire')
    assert "Cidrerie bretonne" in content and "Cidrerie ligérienne" in content
    assert "Cidrerie bourbonnaise" not in content and "Miellerie" not in content
    everywhere = client.get("/producteurs/autres-regions/?produit=boissons").content.decode()
    assert "Cidrerie bourbonnaise" in everywhere


def test_other_regions_with_an_unknown_product_says_so(client, make_producer):
    response = client.get("/producteurs/autres-regions/?produit=caviar")
    assert response.status_code == 400
    assert "« caviar » n&#x27;est pas dans la liste des produits" in response.content.decode()


@pytest.mark.parametrize("count", [4, 24])
def test_producer_pages_and_other_regions_have_bounded_queries(
    client, make_producer, make_cafe, django_assert_max_num_queries, count
):
    for number in range(count):
        make_producer(
            f"Cidrerie {number:02d}", [CANCALE, GUERANDE, GARNAT][number % 3], products={"cidre": 0}
        )
    producer = make_producer("Vergers", products={"pommes": 1, "cidre": 2, "poire": 3}, labels=("aop", "igp"))
    for cafe_insee in [GARNAT, DIOU][: 1 + count // 20]:
        Recommendation.objects.create(producer=producer, cafe=make_cafe(cafe_insee), text="Très bien")
    with django_assert_max_num_queries(20):
        assert client.get(producer.url).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get("/producteurs/autres-regions/?produit=cidre").status_code == 200


def test_cafe_page_lists_the_nearest_producers(client, cafe, make_producer):
    make_producer("Chèvrerie voisine", GARNAT)
    make_producer("Cidrerie lointaine", CANCALE)
    content = client.get(cafe.url).content.decode()
    section = content.split('id="producteurs-proches"', 1)[1]
    assert "Chèvrerie voisine" in section and "Cidrerie lointaine" not in section
    assert f"/producteurs/?cafe={cafe.pk}&amp;rayon=50" in section


def test_taxonomy_has_two_levels_and_offers_name_products_not_families(vocabulary, make_producer):
    apples = Product.objects.get(slug="pommes")
    grandchild = Product(name="reinette", slug="reinette", parent=apples)
    with pytest.raises(ValidationError) as error:
        grandchild.full_clean()
    assert "deux niveaux" in str(error.value)
    producer = make_producer("Vergers")
    offer = ProducerProduct(page=producer, product=Product.objects.get(slug="fruits"), months=0)
    with pytest.raises(ValidationError) as error:
        offer.full_clean()
    assert "pas une famille" in str(error.value)


def test_same_name_in_the_same_commune_is_refused_in_the_admin_too(make_producer):
    make_producer("Ferme des Saules", GARNAT)
    copy = make_producer("Ferme des saules ", DIOU)
    copy.commune_id = make_producer("Autre", GARNAT).commune_id
    with pytest.raises(ValidationError) as error:
        copy.full_clean()
    assert "existe déjà dans cette commune" in str(error.value)
