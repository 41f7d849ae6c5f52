"""The demo directory: at least 150 producers in real communes of every metropolitan region, idempotent."""

from producteurs import demo
from producteurs.models import ProducerPage, ProducerProduct, Recommendation
from reseau import demo as reseau_demo
from reseau.geography import Region
from tests import geo

METROPOLITAN_REGIONS = {"11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"}


def counts() -> tuple[int, int, int]:
    return ProducerPage.objects.count(), ProducerProduct.objects.count(), Recommendation.objects.count()


def test_demo_covers_every_metropolitan_region_and_is_idempotent(db, client):
    # Only the communes the demo uses (the full import is exercised by tests/reseau/test_demo.py).
    for insee in {row[0] for row in demo.PRODUCERS} | {row[0] for row in reseau_demo.CAFES}:
        geo.commune(insee)
    cafes = reseau_demo.ensure_cafes(reseau_demo.ensure_home())
    reseau_demo.ensure_accounts(cafes)
    demo.load(lambda message: None)
    first = counts()
    assert first[0] >= 150
    assert first[2] >= 8
    regions = set(
        Region.objects.filter(departments__communes__producers__live=True).values_list("code", flat=True)
    )
    assert regions == METROPOLITAN_REGIONS
    assert not ProducerPage.objects.filter(latitude__isnull=True).exists()
    assert not ProducerPage.objects.filter(offers__isnull=True).exists()
    demo.load(lambda message: None)
    assert counts() == first
    response = client.get("/producteurs/?produit=fromage-de-chevre&label=bio")
    assert response.status_code == 200
    assert "Chèvrerie des Roches" in response.content.decode()
