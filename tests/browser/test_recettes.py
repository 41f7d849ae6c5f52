"""A recipe's path through the network: a manager shares it, the team publishes it, another café cooks it
for 12 and says how it went."""

import re

from tests.browser.conftest import axe_violations, login

TITLE = "Flognarde aux pommes de Beaulon"


def logout(page) -> None:
    page.get_by_role("button", name="Se déconnecter").click()


def test_member_shares_moderator_publishes_another_member_scales_and_rates(page, live_site):
    # A manager shares a recipe from the site.
    login(page, "gerant-beaulon")
    page.goto("/recettes/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Partager une recette").click()
    page.get_by_label("Nom de la recette").fill(TITLE)
    page.get_by_label("En quelques mots").fill(
        "Le clafoutis aux pommes du goûter, avec les pommes du verger."
    )
    page.get_by_label("Type de plat").select_option("dessert")
    page.get_by_label("Nombre de portions").fill("6")
    page.get_by_label("Préparation (min)").fill("15")
    page.get_by_label("Cuisson (min)").fill("40")
    lines = [("4", "", "pommes", "1,60"), ("3", "", "œufs", "0,75"), ("100", "g", "farine de blé", "0,12"),
             ("50", "cl", "lait", "0,55"), ("120", "g", "sucre", "0,18")]  # fmt: skip
    for i, (quantity, unit, name, cost) in enumerate(lines):
        page.locator(f"#id_ingredients-{i}-quantity").fill(quantity)
        page.locator(f"#id_ingredients-{i}-unit").fill(unit)
        page.locator(f"#id_ingredients-{i}-name").fill(name)
        page.locator(f"#id_ingredients-{i}-cost").fill(cost)
    page.get_by_label("Étape 1").fill("Couper les pommes en lamelles dans un plat beurré.")
    page.get_by_label("Étape 2").fill("Battre œufs, sucre, farine et lait ; verser, cuire 40 min à 180 °C.")
    page.get_by_role("checkbox", name="Gluten", exact=True).check()
    page.get_by_role("checkbox", name="Œufs", exact=True).check()
    page.get_by_label("J'ai vérifié la liste des allergènes de cette recette").check()
    page.get_by_role("radio", name="tout le monde (public)").check()
    page.get_by_role("button", name="Enregistrer le brouillon et le relire").click()

    # The vocabulary knows milk is in "lait": the author is asked to confirm it, nothing typed is lost.
    assert "Vos ingrédients contiennent : lait (lait)" in page.get_by_role("main").inner_text()
    assert page.locator("#id_ingredients-3-name").input_value() == "lait"
    assert axe_violations(page) == []
    page.get_by_role("checkbox", name="Lait", exact=True).check()
    page.get_by_role("button", name="Enregistrer le brouillon et le relire").click()

    assert page.get_by_role("heading", name="Aperçu de votre brouillon").is_visible()
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert axe_violations(page) == []
    page.get_by_role("button", name="Envoyer à la modération").click()
    assert page.get_by_text("en attente de modération").is_visible()
    logout(page)

    # The moderator approves it in the Wagtail admin.
    login(page, "moderation")
    page.goto("/admin/")
    page.get_by_role("link", name=TITLE).first.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name=re.compile(r"^\s*Approuver et publier\s*$", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/"))
    logout_admin(page)

    # Another café's manager finds it, scales it to 12 servings and records a "tried" rating.
    login(page, "gerant-culhat")
    page.goto("/recettes/?type=dessert")
    page.get_by_role("link", name=TITLE).click()
    assert axe_violations(page) == []
    page.get_by_label("Nombre de portions").fill("12")
    page.get_by_role("button", name="Recalculer").click()
    ingredients = page.locator(".ingredient-list").inner_text()
    assert "8 pommes" in ingredients and "6 œufs" in ingredients and "200 g farine de blé" in ingredients
    assert "1 l lait" in ingredients
    assert "6,40\xa0€" in page.locator(".cost").inner_text()  # 3.20 € for 6 → 6.40 € for 12
    page.get_by_role("radio", name="4 sur 5").check()
    page.get_by_label("Comment ça s'est passé ?").fill("Servie au goûter des enfants, tout est parti.")
    page.get_by_label("Vos adaptations (facultatif)").fill(
        "Pommes du verger de Culhat, un peu moins de sucre."
    )
    page.get_by_role("button", name="Enregistrer mon essai").click()
    assert page.get_by_text("Merci ! Votre essai est enregistré").is_visible()
    tries = page.locator("#essais").inner_text()
    assert "testée dans 1 café" in tries and "Auvergne-Rhône-Alpes" in tries
    assert "Servie au goûter des enfants" in tries
    assert axe_violations(page) == []


def logout_admin(page) -> None:
    page.goto("/")
    logout(page)
