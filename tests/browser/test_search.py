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


def facet_counts(page, legend: str) -> dict[str, int]:
    """The values of a facet as a person reads them beside its checkboxes: {"Automne": 9, …}."""
    labels = page.get_by_role("group", name=legend).locator("label").all_inner_texts()
    counts = {}
    for label in labels:
        name, count = re.fullmatch(r"(.+) \(([\d\s]+)\)", label.strip()).groups()
        counts[name] = int(re.sub(r"\s", "", count))
    return counts


def results_heading(page) -> str:
    return page.get_by_role("heading", level=2, name=re.compile("résultat")).inner_text()


def test_member_searches_apple_tart_narrows_by_season_and_region_and_opens_the_recipe(page, live_site):
    login(page, "gerant-beaulon")
    page.wait_for_url(f"{live_site.url}/**")
    page.goto("/")
    box = page.get_by_label("Rechercher dans le réseau")
    box.fill("tarte aux pommes")
    box.press("Enter")
    page.wait_for_url("**/recherche/?q=tarte+aux+pommes")
    assert result_titles(page)[0] == "Tarte Tatin"
    seasons, regions = facet_counts(page, "Saison"), facet_counts(page, "Région")
    assert seasons["Automne"] > 0 and regions["Centre-Val de Loire"] > 0

    page.get_by_role("group", name="Saison").get_by_role("checkbox", name=re.compile(r"^Automne \(")).check()
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url(lambda url: "saison=automne" in url)
    assert page.get_by_role("link", name="Retirer le filtre Saison : Automne").is_visible()
    # The count read beside "Automne" is what ticking it shows, the recipe with every word first.
    assert results_heading(page).startswith(f"{seasons['Automne']} résultat")
    assert result_titles(page)[0] == "Tarte Tatin"
    # The region counts now count autumn's results only: fewer regions, none with more than before.
    narrowed = facet_counts(page, "Région")
    assert narrowed != regions and "Centre-Val de Loire" in narrowed
    assert all(count <= regions[name] for name, count in narrowed.items())
    # Its own facet still offers the other seasons, so a person can widen again.
    assert len(facet_counts(page, "Saison")) > 1

    expected = narrowed["Centre-Val de Loire"]
    region = page.get_by_role("group", name="Région").get_by_role("checkbox", name=re.compile(r"^Centre-Val"))
    region.check()
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url(lambda url: "region=" in url and "saison=automne" in url)
    for name in ("Saison : Automne", "Région : Centre-Val de Loire"):
        assert page.get_by_role("link", name=f"Retirer le filtre {name}").is_visible()
    seasons_box = page.get_by_role("group", name="Saison")
    assert seasons_box.get_by_role("checkbox", name=re.compile(r"^Automne")).is_checked()
    titles = result_titles(page)
    assert len(titles) == expected and titles[0] == "Tarte Tatin"
    places = page.locator(".search-result__place").all_inner_texts()
    assert len(places) == len(titles) and all(place.endswith("Centre-Val de Loire") for place in places)
    assert facet_counts(page, "Région")["Centre-Val de Loire"] == len(titles)
    assert axe_violations(page) == []

    page.get_by_role("link", name="Tarte Tatin").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Tarte Tatin"
    assert "/recherche/" not in page.url
