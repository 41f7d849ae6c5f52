"""The directory's filters and results are kept by each process (reseau.held) while no page and
no vocabulary changes: a repeated search reads nothing, every edit shows at once, bad input keeps its French
error, and nothing of a member's reaches a visitor through a kept copy."""

import pytest
from django.test import Client, RequestFactory

from producteurs.forms import RADIUS_ERROR
from producteurs.models import Label, ProducerProduct, Product
from producteurs.months import ALL_YEAR
from reseau.held import Held
from tests import geo
from tests.conftest import BEAULON
from tests.producteurs.conftest import DIOU, GARNAT
from tests.producteurs.test_finding import names

NEAR_BEAULON = "/producteurs/?commune=Beaulon&rayon=50"


@pytest.fixture
def near_beaulon(make_producer):
    geo.commune(BEAULON)
    return make_producer("Vergers de Garnat", GARNAT), make_producer("Chèvrerie de Diou", DIOU)


def test_a_repeated_search_reads_nothing_and_gives_the_same_page(
    client, near_beaulon, django_assert_num_queries
):
    first = client.get(NEAR_BEAULON)
    with django_assert_num_queries(0):
        again = client.get(NEAR_BEAULON)
    assert again.status_code == first.status_code == 200
    assert again.content == first.content
    assert names(again) == ["Vergers de Garnat", "Chèvrerie de Diou"]


def test_publishing_editing_unpublishing_and_deleting_a_producer_show_at_once(
    client, near_beaulon, make_producer
):
    garnat, diou = near_beaulon
    assert names(client.get(NEAR_BEAULON)) == ["Vergers de Garnat", "Chèvrerie de Diou"]
    make_producer("Rucher de Garnat", GARNAT)
    assert names(client.get(NEAR_BEAULON)) == ["Rucher de Garnat", "Vergers de Garnat", "Chèvrerie de Diou"]
    garnat.title = "Vergers du Pré Haut"
    garnat.save_revision().publish()
    assert "Vergers du Pré Haut" in names(client.get(NEAR_BEAULON))
    garnat.unpublish()
    assert names(client.get(NEAR_BEAULON)) == ["Rucher de Garnat", "Chèvrerie de Diou"]
    diou.delete()
    assert names(client.get(NEAR_BEAULON)) == ["Rucher de Garnat"]


def test_vocabulary_and_offers_written_outside_a_publication_show_at_once(client, near_beaulon):
    garnat, _diou = near_beaulon
    assert "Label paysan" not in client.get(NEAR_BEAULON).content.decode()
    label = Label.objects.create(name="Label paysan", slug="label-paysan")
    label.producers.add(garnat)  # straight to the database, as a script would
    content = client.get(NEAR_BEAULON).content.decode()
    assert '<li class="badge">Label paysan</li>' in content  # the card
    assert '<option value="label-paysan">Label paysan</option>' in content  # the filter's options
    label.name = "Label des paysans"
    label.save()
    assert '<li class="badge">Label des paysans</li>' in client.get(NEAR_BEAULON).content.decode()

    honey = f"{NEAR_BEAULON}&produit=miel"
    assert names(client.get(honey)) == []
    ProducerProduct.objects.create(page=garnat, product=Product.objects.get(slug="miel"), months=ALL_YEAR)
    assert names(client.get(honey)) == ["Vergers de Garnat"]


def test_bad_input_keeps_its_french_error_and_status_when_kept(
    client, near_beaulon, django_assert_num_queries
):
    client.get("/producteurs/?rayon=abc")
    with django_assert_num_queries(0):
        response = client.get("/producteurs/?rayon=abc")
    assert response.status_code == 400
    content = response.content.decode()
    assert RADIUS_ERROR in content
    assert "La recherche n'a pas pu être lancée" in content
    assert "Corrigez la recherche pour voir les producteurs." in content
    for _ in range(2):
        unknown = client.get("/producteurs/?produit=zzz")
        assert unknown.status_code == 400
        assert "« zzz » n&#x27;est pas dans la liste des produits" in unknown.content.decode()


def test_a_members_search_and_actions_never_reach_a_visitor(member, make_producer):
    make_producer("Ferme qui livre", GARNAT, delivery_radius_km=30)
    member_client = Client()
    member_client.force_login(member)
    visitor = Client()
    for url in ("/producteurs/?livre=on", NEAR_BEAULON):
        mine = member_client.get(url).content.decode()
        theirs = visitor.get(url).content.decode()
        assert (
            "Producteurs près de mon café (Le café de Beaulon)" in mine and "Proposer un producteur" in mine
        )
        assert "Le café de Beaulon)" not in theirs and "Proposer un producteur" not in theirs
    # "Livre mon café" delivers to the member's café; a visitor has none, and is told to choose one.
    assert names(member_client.get("/producteurs/?livre=on")) == ["Ferme qui livre"]
    refused = visitor.get("/producteurs/?livre=on")
    assert refused.status_code == 400
    assert "Choisissez le café à livrer" in refused.content.decode()
    assert names(refused) == []


def test_kept_values_are_bounded_and_expire(rf: RequestFactory, home):
    request = rf.get("/producteurs/", HTTP_HOST="localhost")
    kept = Held(size=2)
    built = []

    def build(key):
        built.append(key)
        return key

    for key in ("a", "b", "a", "c", "a", "b"):
        assert kept.get(request, key, lambda key=key: build(key)) == key
    assert built == ["a", "b", "c", "b"]  # "a" pushed "b" out when "c" came
    assert len(kept.entries) == 2
    expired = Held(size=2, seconds=0)
    for _ in range(2):
        expired.get(request, "a", lambda: build("x"))
    assert built[-2:] == ["x", "x"]
