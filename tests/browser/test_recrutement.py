"""Recruiting a café's manager, walked as a candidate then as the team: a café in preparation → its call for a
manager → the application with a PDF CV → the admin ranks it by distance → the team moves it to "met" → the
candidate's e-mail goes out (the browser server uses the console e-mail backend: it is in the server log)."""

import time
import uuid
from pathlib import Path

from tests.browser.conftest import axe_violations, login
from tests.pdf import tiny_pdf


def server_log(live_site) -> str:
    return (Path(live_site.env["MEDIA_ROOT"]).parent / "server.log").read_text(encoding="utf-8")


def test_candidate_applies_to_a_cafe_in_preparation_and_staff_meet_them(page, live_site):
    email = f"candidat-{uuid.uuid4().hex[:8]}@exemple.invalid"
    name = f"Candidat·e {email[8:16]}"

    page.goto("/devenir-gerant/")
    page.locator("#carte-postes .leaflet-interactive").first.wait_for()
    assert page.locator(".card").count() >= 5
    assert axe_violations(page) == []
    page.get_by_role("link", name="Le Café de Baccon", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Le Café de Baccon"
    assert page.get_by_role("heading", name="Ce café cherche son gérant").is_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Candidater pour tenir Le Café de Baccon").click()
    page.wait_for_url("**/devenir-gerant/candidater/?poste=*")
    assert page.get_by_label("Le Café de Baccon (Baccon, Loiret)").is_checked()
    page.get_by_label("Prénom et nom").fill(name)
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Commune où vous habitez").fill("Coulmiers")
    page.get_by_label("Disponible à partir du").fill("2026-09-01")
    page.get_by_label("Oui").check()
    page.get_by_label("Votre motivation, avec vos mots").fill("Redonner au bourg un endroit où se retrouver.")
    page.get_by_label("Votre expérience de l'accueil").fill("Buvette du comité des fêtes, chaque été.")
    page.get_by_label("CV (facultatif)").set_input_files(
        {"name": "mon-cv.pdf", "mimeType": "application/pdf", "buffer": tiny_pdf()}
    )
    page.locator("#id_consent").check()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Envoyer ma candidature").click()
    page.wait_for_url("**/devenir-gerant/merci/")
    assert page.get_by_role("heading", level=1).inner_text() == "Merci, votre candidature est envoyée"
    assert "Le Café de Baccon" in page.locator("main").inner_text()

    login(page, "admin")
    page.goto("/admin/snippets/reseau/managerapplication/")
    rows = page.locator("table.listing tbody tr").all_inner_texts()
    ours = next(i for i, row in enumerate(rows) if name in row)
    assert "local (≤ 30 km)" in rows[ours] and "Le Café de Baccon : 6 km" in rows[ours]
    first_far = next(i for i, row in enumerate(rows) if "local" not in row)
    assert ours < first_far, "local candidates come first, nearest first"

    page.get_by_role("link", name=name).click()
    page.get_by_role("link", name="Télécharger le CV (PDF)").wait_for()
    page.locator("#id_stage").select_option("rencontre")
    page.locator("#id_staff_notes").fill("Rencontre au café : très à l'aise avec les habitants.")
    page.get_by_role("button", name="Enregistrer").first.click()
    page.wait_for_url("**/managerapplication/")
    assert "rencontré·e" in page.locator("table.listing").inner_text()

    deadline = time.monotonic() + 10
    while f"To: {email}" not in server_log(live_site) and time.monotonic() < deadline:
        time.sleep(0.2)
    log = server_log(live_site)
    assert f"To: {email}" in log
    assert "Merci d'avoir pris le temps de nous rencontrer" in log.split(f"To: {email}")[-1]
