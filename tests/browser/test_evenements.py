"""A manager turns a shared format into an event at their café; a visitor registers and finds it."""

import uuid

import icalendar

from tests.browser.conftest import axe_violations, login


def test_member_creates_an_event_from_a_format_and_a_visitor_registers(page, browser, live_site):
    title = f"Quiz des voisins {uuid.uuid4().hex[:6]}"
    login(page, "gerant-beaulon")
    page.wait_for_url(f"{live_site.url}/**")
    page.goto("/evenements/formats/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Soirée quiz").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Soirée quiz"
    assert page.get_by_role("heading", name="Ce que la loi et l'usage demandent").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Organiser ce format dans mon café").click()
    assert page.get_by_label("Titre").input_value() == "Soirée quiz"  # pre-filled from the format
    assert page.get_by_label("Nombre de places").input_value() == "30"
    assert axe_violations(page) == []
    page.get_by_label("Titre").fill(title)
    page.get_by_label("Nombre de places").fill("2")
    page.get_by_role("button", name="Publier l'évènement").click()
    assert page.get_by_role("heading", level=1).inner_text() == title
    event_url = page.url

    visitor = browser.new_context(base_url=live_site.url, locale="fr-FR").new_page()
    visitor.goto(event_url)
    assert visitor.get_by_text("2 places restantes sur 2").is_visible()
    visitor.get_by_label("Votre nom").fill("Nadine")
    visitor.get_by_label("Votre adresse e-mail").fill("nadine@exemple.invalid")
    visitor.get_by_role("button", name="Réserver").click()
    assert visitor.get_by_role("status").inner_text().startswith("Votre inscription est enregistrée")
    assert visitor.get_by_text("1 place restante sur 2").is_visible()
    assert axe_violations(visitor) == []

    visitor.goto("/cafes/")
    visitor.get_by_role("link", name="Le Café de Beaulon").click()
    # The café page lists its next five events (through the page-sections hook): three demo events come first.
    section = visitor.get_by_role("region", name="Prochains évènements")
    assert section.get_by_role("link", name=title).is_visible()
    visitor.goto("/evenements/agenda/")
    visitor.get_by_label("Région").select_option(label="Auvergne-Rhône-Alpes")
    visitor.get_by_role("button", name="Filtrer").click()
    assert visitor.get_by_role("link", name=title).is_visible()
    visitor.get_by_label("Café").select_option(label="Le Café de Beaulon")
    visitor.get_by_role("button", name="Filtrer").click()
    assert visitor.get_by_role("link", name=title).is_visible()
    assert visitor.locator("li.event-card", has_text="Le Comptoir de Culhat").count() == 0
    assert axe_violations(visitor) == []

    feed = visitor.request.get("/evenements/agenda/cafes/le-cafe-de-beaulon.ics")
    calendar = icalendar.Calendar.from_ical(feed.body())
    assert title in [str(item["summary"]) for item in calendar.walk("VEVENT")]

    page.goto(event_url)
    page.get_by_role("link", name="Voir les inscriptions").click()
    assert page.get_by_role("cell", name="nadine@exemple.invalid").is_visible()
