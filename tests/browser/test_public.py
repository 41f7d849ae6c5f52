"""The network's public face, walked as a visitor and as a mayor would: home → cafés map → a region → a café
→ its story and video player; and a commune's application, refused then accepted. axe-core on each page."""

from tests.browser.conftest import axe_violations, wait_until

FIRST_LOAD_BUDGET = 300 * 1024
STORY = "Beaulon : le café rouvre face à l'église"


def first_load(browser, live_site, path: str) -> dict[str, int]:
    """Bytes a fresh browser (empty cache) receives for `path` until the network is idle, by URL."""
    context = browser.new_context(base_url=live_site.url, locale="fr-FR")
    page = context.new_page()
    received: dict[str, int] = {}

    def record(request):
        sizes = request.sizes()
        received[request.url] = sizes["responseBodySize"] + sizes["responseHeadersSize"]

    page.on("requestfinished", record)
    page.goto(path, wait_until="networkidle")
    context.close()
    return received


def test_visitor_goes_from_the_home_page_to_a_cafe_story_and_plays_its_video(page, browser, live_site):
    page.goto("/")
    page.get_by_role("link", name="Voir les cafés sur la carte").click()
    page.wait_for_url("**/cafes/")
    page.locator("#carte-cafes .leaflet-interactive").first.wait_for()
    assert page.locator(".card").count() >= 30
    assert axe_violations(page) == []

    page.get_by_label("Région").select_option(label="Auvergne-Rhône-Alpes")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url("**/cafes/?*region=84*")
    cards = page.locator(".card")
    titles = cards.locator("h3").all_inner_texts()
    assert "Le Café de Beaulon" in titles and "Le Café de Sains" not in titles
    assert all("Auvergne-Rhône-Alpes" in text for text in cards.all_inner_texts())
    page.locator("#carte-cafes .leaflet-interactive").first.wait_for()
    assert page.locator("#carte-cafes").get_attribute("data-map-ready") == str(len(titles))
    assert axe_violations(page) == []

    page.get_by_role("link", name="Le Café de Beaulon").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Le Café de Beaulon"
    assert page.get_by_text("Relais poste").first.is_visible()
    assert page.get_by_role(
        "img", name="Dessin de la façade du café « Le Café de Beaulon »"
    ).first.is_visible()
    assert axe_violations(page) == []

    clips: list[str] = []
    page.on("request", lambda request: clips.append(request.url) if ".webm" in request.url else None)
    page.get_by_role("link", name=STORY).click()
    assert page.get_by_role("heading", level=1).inner_text() == STORY
    play = page.get_by_role("button", name="Lire la vidéo")
    assert play.is_visible()
    assert page.locator("video").count() == 0 and clips == []
    assert axe_violations(page) == []

    sizes = first_load(browser, live_site, page.url.removeprefix(live_site.url))
    assert not any(".webm" in url for url in sizes), sizes
    assert 0 < sum(sizes.values()) < FIRST_LOAD_BUDGET, sizes

    play.click()
    video = page.locator("video")
    video.wait_for()
    wait_until(page, "document.querySelector('video').readyState >= 1")
    assert clips, "the clip is requested once play is pressed"
    assert video.locator("track[kind=captions][srclang=fr]").count() == 1
    assert page.evaluate("document.querySelector('video').duration") > 1
    assert axe_violations(page) == []


def fill_application(page, commune: str) -> None:
    page.locator("#id_commune").fill(commune)
    page.get_by_label("Nom du maire ou de la maire").fill("Mairie du village")
    page.get_by_label("Adresse électronique").fill("mairie@village.invalid")
    page.get_by_label("Téléphone").fill("03 85 00 00 00")
    page.get_by_role("radio", name="la commune n'a plus de café").check()
    page.get_by_label("Adresse du local").fill("Ancienne école, place de la mairie")
    page.get_by_label("Surface du local (m²)").fill("70")
    page.get_by_role("radio", name="Oui").check()
    page.get_by_label("Le soutien des habitants").fill("Une réunion publique a réuni 50 habitants.")
    page.get_by_role("checkbox", name="Épicerie").check()


def test_mayor_applies_for_an_ineligible_then_an_eligible_commune(page):
    page.goto("/")
    page.get_by_role("link", name="Votre commune veut un café ?").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Votre commune veut un café ?"
    assert axe_violations(page) == []

    commune = page.locator("#id_commune")
    commune.press_sequentially("Vesou", delay=30)
    wait_until(page, "document.querySelectorAll('#communes-proposees option').length > 0")
    assert page.locator("#communes-proposees option").first.get_attribute("value") == "Vesoul (70000)"
    fill_application(page, "Vesoul (70000)")
    status = page.locator("#commune-eligibilite")
    assert "moins de 3500 habitants" in status.inner_text()
    page.get_by_role("button", name="Envoyer la candidature").click()

    errors = page.locator("#id_commune-erreurs")
    assert "Vesoul compte 15130 habitants" in errors.inner_text()
    assert "pas éligible" in errors.inner_text()
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("Nom du maire ou de la maire").input_value() == "Mairie du village"
    assert page.get_by_role("checkbox", name="Épicerie").is_checked()
    assert axe_violations(page) == []

    commune.fill("Saint-Émiland (71490)")
    wait_until(page, "document.querySelector('#commune-eligibilite').textContent.includes('peut candidater')")
    page.get_by_role("button", name="Envoyer la candidature").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Merci, votre candidature est envoyée"
    assert "Saint-Émiland" in page.locator("main").inner_text()
    assert axe_violations(page) == []
