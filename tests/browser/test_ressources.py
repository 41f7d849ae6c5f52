"""Contracts are for members: a visitor reaches neither a contract page nor its PDF by URL, nor finds it in
the search; a manager finds the expiring contract and its documents."""

import re

from tests.browser.conftest import axe_violations, login

CONTRACT = "/reseau/electricite-renouvelable/"
TITLE = "Électricité d'origine renouvelable"


def test_visitor_gets_the_login_page_and_a_manager_reads_the_contract(page, live_site):
    page.goto(CONTRACT)
    assert "/compte/connexion/" in page.url
    assert TITLE not in page.content()
    page.goto("/recherche/?q=électricité renouvelable")
    assert TITLE not in page.get_by_role("main").inner_text()
    assert page.get_by_role("link", name="Ressources").count() == 0

    login(page, "gerant-beaulon")
    page.get_by_role("link", name="Ressources").click()
    expiring = page.get_by_role("region", name=re.compile("Bientôt à échéance"))
    assert expiring.get_by_role("link", name=TITLE).is_visible()
    assert axe_violations(page) == []
    expiring.get_by_role("link", name=TITLE).click()
    document = page.get_by_role("link", name="Grille tarifaire électricité")
    pdf_url = document.get_attribute("href")
    response = page.request.get(pdf_url)
    assert response.ok and response.body().startswith(b"%PDF-")
    assert axe_violations(page) == []
    page.goto("/recherche/?q=électricité renouvelable")
    assert TITLE in page.get_by_role("main").inner_text()

    page.get_by_role("button", name="Se déconnecter").click()
    response = page.request.get(pdf_url, max_redirects=0)
    assert response.status == 302 and "/compte/connexion/" in response.headers["location"]
