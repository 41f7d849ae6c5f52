"""The commune application at /candidature/: real communes, eligibility explained, stored once, errors next to
their fields with nothing lost, honeypot, the autocomplete's JSON, and the team's admin with CSV export."""

import re
import uuid

import pytest

from reseau.models import CommuneApplication
from tests import geo
from tests.conftest import BEAULON, MOULINS

SAINT_EMILAND = "71409"  # Saône-et-Loire, 308 inhabitants
VESOUL = "70550"  # Haute-Saône, 15,130 inhabitants
VITRAC = ("15264", "24587", "63464")  # three communes named Vitrac


@pytest.fixture
def communes(db):
    for code in (BEAULON, MOULINS, SAINT_EMILAND, VESOUL, *VITRAC):
        geo.commune(code)


def answers(services, **changes) -> dict:
    data = {
        "token": str(uuid.uuid4()),
        "commune": "Saint-Émiland (71490)",
        "mayor_name": "Mairie de Saint-Émiland",
        "mayor_email": "mairie@saint-emiland.invalid",
        "mayor_phone": "03 85 00 00 00",
        "cafe_today": "aucun",
        "other_shops": "Aucun commerce depuis la fermeture de l'épicerie.",
        "premises_address": "Ancienne école, 71490 Saint-Émiland",
        "premises_surface": "75",
        "premises_housing": "oui",
        "inhabitants_support": "Une réunion publique avec 40 habitants, une pétition de 120 signatures.",
        "wanted_services": [services["epicerie"].pk, services["relais-poste"].pk],
        "services_ideas": "Un dépôt de pain le matin.",
        "site_web": "",
    }
    data.update(changes)
    return data


def field_errors(content: str, field: str) -> list[str]:
    """The error messages shown right after the field `field` (in its own errorlist)."""
    block = re.search(rf'<ul class="errorlist" id="id_{field}(?:_0)?-erreurs">(.*?)</ul>', content, re.S)
    return re.findall(r"<li>(.*?)</li>", block.group(1), re.S) if block else []


def test_form_explains_eligibility_and_offers_the_services(client, communes, services):
    content = client.get("/candidature/").content.decode()
    assert "moins de 3500 habitants</strong> (population municipale INSEE 2021)" in content
    assert 'list="communes-proposees"' in content and 'data-url="/candidature/communes/"' in content
    assert "Relais poste" in content and 'value="cafe"' not in content
    assert re.search(r'name="token" value="[0-9a-f-]{36}"', content)


def test_eligible_commune_application_is_stored_with_every_answer(client, communes, services):
    response = client.post("/candidature/", answers(services), follow=True)
    assert response.redirect_chain == [("/candidature/merci/", 302)]
    application = CommuneApplication.objects.get()
    assert application.commune.insee == SAINT_EMILAND
    assert application.status == CommuneApplication.Status.RECEIVED
    assert application.premises_surface == 75 and application.premises_housing is True
    assert application.cafe_today == "aucun"
    assert {s.slug for s in application.wanted_services.all()} == {"epicerie", "relais-poste"}
    content = response.content.decode()
    assert "Merci, votre candidature est envoyée" in content
    assert "Saint-Émiland (Saône-et-Loire)" in content


def test_commune_name_is_found_without_accents_case_or_hyphens(client, communes, services):
    client.post("/candidature/", answers(services, commune="saint emiland"))
    assert CommuneApplication.objects.get().commune.insee == SAINT_EMILAND


def test_ineligible_commune_is_explained_next_to_the_field_and_nothing_is_lost(client, communes, services):
    data = answers(services, commune="Vesoul (70000)", mayor_name="Mairie de Vesoul")
    response = client.post("/candidature/", data)
    content = response.content.decode()
    assert response.status_code == 200
    [error] = field_errors(content, "commune")
    assert "Vesoul compte 15130 habitants (population 2021)" in error
    assert "moins de 3500 habitants" in error and "pas éligible" in error
    assert 'value="Vesoul (70000)"' in content and 'value="Mairie de Vesoul"' in content
    assert "Une réunion publique avec 40 habitants, une pétition de 120 signatures." in content
    assert f'value="{data["token"]}"' in content
    assert re.search(rf'value="{services["epicerie"].pk}"[^>]*checked', content)
    assert not CommuneApplication.objects.exists()


def test_unknown_and_ambiguous_communes_say_what_to_do(client, communes, services):
    unknown = client.post("/candidature/", answers(services, commune="Villedenullepart")).content.decode()
    assert (
        "Nous ne trouvons pas de commune nommée « Villedenullepart »" in field_errors(unknown, "commune")[0]
    )
    ambiguous = client.post("/candidature/", answers(services, commune="Vitrac")).content.decode()
    [error] = field_errors(ambiguous, "commune")
    assert "Plusieurs communes s&#x27;appellent Vitrac : précisez le code postal" in error
    assert "« Vitrac (24200) » (Dordogne)" in error
    client.post("/candidature/", answers(services, commune="Vitrac (24200)"))
    assert CommuneApplication.objects.get().commune.insee == "24587"


def test_every_bad_answer_is_shown_next_to_its_field_in_french(client, communes, services):
    data = answers(
        services,
        mayor_name="",
        mayor_email="pas-une-adresse",
        mayor_phone="12",
        cafe_today="",
        premises_surface="3",
        premises_housing="",
        inhabitants_support="",
    )
    content = client.post("/candidature/", data).content.decode()
    assert field_errors(content, "mayor_name") == ["Champ requis."]
    assert field_errors(content, "mayor_email") == ["Saisissez une adresse de courriel valide."]
    assert "10 chiffres" in field_errors(content, "mayor_phone")[0]
    assert field_errors(content, "cafe_today") == ["Champ requis."]
    assert field_errors(content, "premises_surface") == ["Un café a besoin d&#x27;au moins 10 m²."]
    assert field_errors(content, "premises_housing") == ["Champ requis."]
    assert field_errors(content, "inhabitants_support") == ["Champ requis."]
    assert "corrigez les 7 champs signalés" in content
    assert 'value="pas-une-adresse"' in content and 'value="3"' in content
    assert not CommuneApplication.objects.exists()


def test_double_submit_stores_one_application(client, communes, services):
    data = answers(services)
    first = client.post("/candidature/", data)
    second = client.post("/candidature/", data)
    assert first["Location"] == second["Location"] == "/candidature/merci/"
    assert CommuneApplication.objects.count() == 1
    client.post("/candidature/", answers(services))  # a new form (new token) is a new application
    assert CommuneApplication.objects.count() == 2


def test_honeypot_filled_by_a_robot_stores_nothing(client, communes, services):
    response = client.post("/candidature/", answers(services, site_web="http://spam.invalid"))
    assert response["Location"] == "/candidature/merci/"
    assert not CommuneApplication.objects.exists()
    content = client.get("/candidature/merci/").content.decode()
    assert "Saint-Émiland" not in content


def test_thanks_page_shows_nothing_of_another_browsers_application(client, communes, services):
    client.post("/candidature/", answers(services))
    client.cookies.clear()
    content = client.get("/candidature/merci/").content.decode()
    assert "Saint-Émiland" not in content and "mairie@saint-emiland.invalid" not in content


def test_commune_suggestions_are_real_communes_with_their_eligibility(client, communes):
    found = client.get("/candidature/communes/", {"q": "saint emi"}).json()
    assert found["communes"] == [
        {
            "insee": SAINT_EMILAND,
            "label": "Saint-Émiland (71490)",
            "department": "Saône-et-Loire (71)",
            "population": 308,
            "eligible": True,
        }
    ]
    vesoul = client.get("/candidature/communes/", {"q": "VES"}).json()["communes"]
    assert [(c["label"], c["eligible"]) for c in vesoul] == [("Vesoul (70000)", False)]
    by_postcode = client.get("/candidature/communes/", {"q": "0323"}).json()["communes"]
    assert [c["insee"] for c in by_postcode] == [BEAULON]
    assert client.get("/candidature/communes/", {"q": "v"}).json()["communes"] == []


def test_team_follows_applications_in_the_admin_and_exports_them_as_csv(
    client, communes, services, editor, member
):
    client.post("/candidature/", answers(services))
    application = CommuneApplication.objects.get()
    client.force_login(editor)
    listing = client.get("/admin/snippets/reseau/communeapplication/").content.decode()
    assert "Saint-Émiland (71)" in listing and "reçue" in listing
    edit_url = f"/admin/snippets/reseau/communeapplication/edit/{application.pk}/"
    form = client.get(edit_url).content.decode()
    assert "à l&#x27;étude" in form
    csv = client.get("/admin/snippets/reseau/communeapplication/", {"export": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert "code INSEE" in header and "services souhaités" in header
    assert "71409" in row and "Saint-Émiland" in row and "308" in row and "Relais poste, Épicerie" in row
    assert ",reçue," in row and "la commune n'a plus de café" in row and ",oui," in row
    client.force_login(member)
    assert client.get("/admin/snippets/reseau/communeapplication/").status_code in (302, 403)


def test_editor_changes_the_status(client, communes, services, editor):
    client.post("/candidature/", answers(services))
    application = CommuneApplication.objects.get()
    client.force_login(editor)
    edit_url = f"/admin/snippets/reseau/communeapplication/edit/{application.pk}/"
    data = {
        "status": "etude",
        "staff_notes": "Visite du local prévue.",
        "mayor_name": application.mayor_name,
        "mayor_email": application.mayor_email,
        "mayor_phone": application.mayor_phone,
        "cafe_today": application.cafe_today,
        "other_shops": application.other_shops,
        "premises_address": application.premises_address,
        "premises_surface": application.premises_surface,
        "premises_housing": "on",
        "inhabitants_support": application.inhabitants_support,
        "wanted_services": [services["epicerie"].pk],
        "services_ideas": "",
    }
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    application.refresh_from_db()
    assert application.status == "etude" and application.staff_notes == "Visite du local prévue."
    assert application.commune.insee == SAINT_EMILAND
