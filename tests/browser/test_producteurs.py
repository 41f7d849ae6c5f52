"""A manager looks for producers near their café, by product and label, on the map, then across France."""

from tests.browser.conftest import axe_violations, login


def test_manager_finds_producers_near_their_cafe_and_in_other_regions(page, live_site):
    login(page, "gerant-beaulon")
    page.goto("/cafes/")
    page.get_by_role("link", name="Le Café de Beaulon").click()
    page.get_by_role("link", name="Tous les producteurs près de ce café").click()
    assert page.get_by_label("Dans un rayon de (km)").input_value() == "50"
    page.get_by_label("Produit", exact=True).select_option(label="fromage de chèvre")
    page.get_by_label("Labels", exact=True).select_option("bio")
    page.get_by_role("search", name="Filtrer les producteurs").get_by_role(
        "button", name="Rechercher"
    ).click()

    results = page.locator("#liste-producteurs .producer-card")
    results.first.wait_for()
    titles = results.locator("h3").all_inner_texts()
    assert "Chèvrerie des Roches" in titles
    assert all("km" in text for text in results.all_inner_texts())
    map_element = page.locator("#carte-producteurs")
    map_element.locator(".leaflet-interactive").first.wait_for()
    assert map_element.get_attribute("data-map-ready") == str(len(titles))
    assert axe_violations(page) == []

    page.get_by_role("link", name="Chèvrerie des Roches").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Chèvrerie des Roches"
    assert page.get_by_role("link", name="contact@chevrerie-des-roches.invalid").is_visible()
    assert page.get_by_text("Le Café de Beaulon").first.is_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Producteurs de fromage de chèvre dans d'autres régions").click()
    regions = page.locator(".region-group h2").all_inner_texts()
    assert len(regions) >= 3
    assert not any(region.startswith("Auvergne-Rhône-Alpes") for region in regions)
    assert any(region.startswith("Centre-Val de Loire") for region in regions)
    assert axe_violations(page) == []
