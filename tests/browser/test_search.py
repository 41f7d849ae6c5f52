"""Searching the network: a visitor finds cafés but no members-only content; a manager finds the guide."""

import re

from tests.browser.conftest import axe_violations, login, wait_until


def result_titles(page) -> list[str]:
    return page.locator(".search-result h3").all_inner_texts()


def members_only_titles(live_site) -> list[str]:
    """The titles of the demo's members-only threads, pages and formats, read from the server's database."""
    code = (
        "from forum.models import Thread; from reseau.models import ContentPage; "
        "from evenements.models import EventFormatPage; "
        "print('\\n'.join(["
        "*Thread.objects.filter(category__visibility='membres').values_list('title', flat=True), "
        "*ContentPage.objects.filter(visibility='membres').values_list('title', flat=True), "
        "*EventFormatPage.objects.filter(visibility='membres').values_list('title', flat=True)]))"
    )
    titles = [line for line in live_site.manage("shell", "-c", code).splitlines() if line.strip()]
    assert len(titles) > 20
    return titles


def test_visitor_searches_cafe_and_sees_no_members_only_content(page, live_site):
    page.goto("/")
    box = page.get_by_label("Rechercher dans le réseau")
    box.fill("be")
    # Autocomplete from 2 letters: the datalist fills in from /recherche/suggestions/.
    wait_until(page, "document.querySelectorAll('#recherche-entete-suggestions option').length > 0")
    box.fill("cafe")
    box.press("Enter")
    page.wait_for_url("**/recherche/?q=cafe")
    kinds = page.get_by_role("group", name="Type de contenu")
    cafes = kinds.get_by_role("checkbox", name=re.compile(r"^Café \("))
    assert cafes.is_visible() and kinds.get_by_role("checkbox", name=re.compile(r"^Récit \(")).is_visible()
    shown = result_titles(page)
    assert shown
    for title in members_only_titles(live_site):
        assert title not in shown, title
    assert page.locator(".search-result mark").first.inner_text().lower() == "café"
    assert axe_violations(page) == []

    cafes.check()
    page.get_by_role("button", name="Filtrer").click()
    assert result_titles(page)
    assert set(page.locator(".search-result .badge").all_inner_texts()) == {"Café"}

    # Narrowing by region keeps the query and the other regions on offer.
    page.get_by_role("group", name="Région").get_by_label("Bretagne").check()
    page.get_by_role("button", name="Filtrer").click()
    titles = result_titles(page)
    assert titles and set(titles) <= {"Ti Kafe Guilligomarc'h", "Le Café de Sains"}
    assert page.get_by_role("link", name="Retirer le filtre Région : Bretagne").is_visible()
    page.get_by_role("link", name=titles[0]).click()
    assert page.get_by_role("heading", level=1).inner_text() == titles[0]


def test_manager_finds_the_members_only_guide(page, live_site):
    login(page, "gerant-beaulon")
    page.wait_for_url(f"{live_site.url}/**")
    page.goto("/recherche/?q=guide+nouveaux+gérants")
    assert "Bienvenue dans le réseau" in result_titles(page)
    page.get_by_role("link", name="Bienvenue dans le réseau").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Bienvenue dans le réseau"
