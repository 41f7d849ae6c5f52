"""A person's first steps: the home page, then logging in as a café manager."""

from tests.browser.conftest import axe_violations, login


def test_home_page_loads_and_is_accessible(page):
    page.goto("/")
    assert page.title() == "Le réseau 1000 cafés · Réseau 1000 cafés"
    assert page.get_by_role("heading", level=1).inner_text() == "Le réseau 1000 cafés"
    assert (
        page.get_by_role("navigation", name="Navigation principale")
        .get_by_role("link", name="Les cafés")
        .is_visible()
    )
    assert axe_violations(page) == []


def test_manager_logs_in_and_reaches_their_account(page, live_site):
    page.goto("/")
    page.get_by_role("link", name="Se connecter").click()
    assert axe_violations(page) == []
    page.get_by_label("Nom d’utilisateur").fill("gerant-beaulon")
    page.get_by_label("Mot de passe").fill("cafe-demo-2026")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{live_site.url}/")
    page.get_by_role("link", name="Mon compte").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Mon compte"
    assert page.get_by_text("Le Café de Beaulon").is_visible()
    assert axe_violations(page) == []


def test_wrong_password_shows_the_error_and_keeps_the_username(page):
    login(page, "gerant-beaulon", "pas-le-bon")
    assert (
        page.get_by_role("alert")
        .inner_text()
        .startswith("Saisissez un nom d’utilisateur et un mot de passe valides")
    )
    assert page.get_by_label("Nom d’utilisateur").input_value() == "gerant-beaulon"


def test_members_only_page_asks_visitor_to_log_in_then_shows_it(page):
    page.goto("/bienvenue-gerants/")
    page.wait_for_url("**/compte/connexion/?next=/bienvenue-gerants/")
    page.get_by_label("Nom d’utilisateur").fill("gerant-culhat")
    page.get_by_label("Mot de passe").fill("cafe-demo-2026")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/bienvenue-gerants/")
    assert page.get_by_role("heading", level=1).inner_text() == "Bienvenue dans le réseau"
