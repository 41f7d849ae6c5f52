"""The demo recipes: more than 40, across the seasons, idempotent, with derived allergens."""

from recettes import demo
from recettes.models import RecipePage, TriedReport


def test_demo_recipes_cover_the_seasons_and_load_once(make_cafe, make_user):
    for insee in ("03019", "63131", "73033", "29071", "35248", "71409", "45019", "88201"):
        make_cafe(insee)
    demo.load(lambda message: None)
    count, tries = RecipePage.objects.live().count(), TriedReport.objects.count()
    assert count >= 40 and tries >= 10
    for months in ([12, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]):
        assert RecipePage.objects.filter(months__number__in=months).distinct().count() >= 8
    far = RecipePage.objects.get(slug="far-breton-aux-pruneaux")
    assert {"gluten", "oeufs", "lait"} <= {a.code for a in far.allergens.all()}
    galettes = RecipePage.objects.get(slug="galettes-de-ble-noir-completes")
    assert "gluten" not in {a.code for a in galettes.allergens.all()}
    demo.load(lambda message: None)
    assert (RecipePage.objects.count(), TriedReport.objects.count()) == (count, tries)
