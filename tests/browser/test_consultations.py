"""An inhabitant of Beaulon answers the café's consultation without an account and confirms through the
e-mailed link; the café's manager then sees the answer counted in the chart."""

import re
from pathlib import Path

from tests.browser.conftest import axe_violations, login

CAFE = "/cafes/le-cafe-de-beaulon/"


def last_confirmation_link(live_site) -> str:
    """The link of the last e-mail the server wrote (console e-mail backend, as in development)."""
    log = (Path(live_site.env["MEDIA_ROOT"]).parent / "server.log").read_text(encoding="utf-8")
    return re.findall(r"https?://[^\s/]+(/cafes/[^\s]+/consultation/confirmer/[^\s]+/)", log)[-1]


def services_count(page, name: str) -> int:
    row = page.get_by_role("table", name=re.compile("Réponses par service")).get_by_role(
        "row", name=re.compile(name)
    )
    return int(row.get_by_role("cell").first.inner_text())


def test_inhabitant_answers_confirms_and_the_manager_sees_it_in_the_chart(page, live_site):
    login(page, "gerant-beaulon")
    page.goto(CAFE)
    page.get_by_role("link", name=re.compile("résultats de la consultation")).first.click()
    before = services_count(page, "Portage de repas à domicile")
    page.get_by_role("button", name="Se déconnecter").click()

    # An inhabitant, without an account, from the café's page.
    page.goto(CAFE)
    page.get_by_role("link", name="dites quels services vous utiliseriez").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Envoyer ma réponse").click()
    assert "Votre réponse n'est pas encore envoyée" in page.get_by_role("main").inner_text()
    assert page.get_by_text("Votre réponse est vide").is_visible()

    page.get_by_role("checkbox", name="Portage de repas à domicile").check()
    page.get_by_label("Une autre idée, un besoin ?").fill("Des repas livrés aux anciens des écarts le samedi")
    page.get_by_role("radio", name="au moins une fois par semaine").check()
    page.get_by_role("radio", name="75 ans et plus").check()
    page.get_by_label("Votre commune").select_option(label="Garnat-sur-Engièvre")
    page.get_by_label("Votre adresse électronique").fill("habitante-garnat@exemple.invalid")
    page.get_by_label(re.compile("J'accepte que ma réponse")).check()
    page.get_by_role("button", name="Envoyer ma réponse").click()
    assert page.get_by_role("heading", name="Merci ! Il reste une étape").is_visible()

    page.goto(last_confirmation_link(live_site))
    page.get_by_role("button", name="Confirmer ma réponse").click()
    assert page.get_by_role("heading", name="Votre réponse est confirmée").is_visible()

    # The manager sees it counted, in the chart (an image with its title) and in the table beside it.
    login(page, "gerant-beaulon")
    page.goto(CAFE)
    page.get_by_role("link", name=re.compile("résultats de la consultation")).first.click()
    chart = page.get_by_role("img", name="Nombre de réponses par service")
    assert chart.is_visible() and chart.locator("rect").count() >= 5
    assert services_count(page, "Portage de repas à domicile") == before + 1
    assert page.get_by_text("Des repas livrés aux anciens des écarts le samedi").is_visible()
    assert page.get_by_role("img", name="Réponses confirmées par semaine").is_visible()
    assert axe_violations(page) == []
