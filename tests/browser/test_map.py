"""The cafés map draws every café on the departments' outlines, with no tile server."""

from tests.browser.conftest import axe_violations, wait_until


def test_cafes_map_shows_every_cafe(page):
    page.goto("/cafes/")
    cards = page.locator(".card").count()
    map_element = page.locator("#carte-cafes")
    map_element.locator(".leaflet-interactive").first.wait_for()
    assert map_element.get_attribute("data-map-ready") == str(cards)
    wait_until(page, "document.querySelectorAll('#carte-cafes path').length > 90")
    map_element.locator("path.leaflet-interactive").first.click()
    popup_link = page.locator(".leaflet-popup-content a")
    assert popup_link.is_visible()
    assert axe_violations(page) == []
