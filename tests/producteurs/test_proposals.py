"""Members propose producers; the team validates them through Wagtail's moderation; duplicates are caught."""

import pytest
from django.test import Client
from wagtail.models import WorkflowState

from producteurs.models import ProducerPage
from tests import geo
from tests.producteurs.conftest import GARNAT

VALID = {
    "name": "Chèvrerie des Trois Tilleuls",
    "kind": "ferme",
    "commune": "Garnat-sur-Engièvre",
    "products": ["fromage-de-chevre", "yaourts"],
    "labels": [],
    "description": "Quarante chèvres alpines.\n\nFromages frais et secs.",
    "phone": "04 65 71 22 33",
    "email": "contact@trois-tilleuls.invalid",
    "website": "",
    "delivery_radius_km": "30",
}


@pytest.fixture
def garnat(db):
    return geo.commune(GARNAT)


def test_member_proposal_waits_for_the_team_then_is_published(
    member_client, member, moderator, producer_index, garnat
):
    response = member_client.post("/producteurs/proposer/", VALID)
    assert response.status_code == 302
    page = ProducerPage.objects.get()
    assert not page.live
    assert page.commune == garnat and page.owner == member
    assert sorted(offer.product.slug for offer in page.offers.all()) == ["fromage-de-chevre", "yaourts"]
    assert page.description == "<p>Quarante chèvres alpines.</p><p>Fromages frais et secs.</p>"
    assert "Chèvrerie des Trois Tilleuls" not in Client().get("/producteurs/").content.decode()
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    state.current_task_state.task.specific.on_action(state.current_task_state, moderator, "approve")
    page.refresh_from_db()
    assert page.live
    assert "Chèvrerie des Trois Tilleuls" in Client().get("/producteurs/").content.decode()


def test_visitor_is_sent_to_log_in(client, producer_index):
    response = client.get("/producteurs/proposer/")
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]
    client.post("/producteurs/proposer/", VALID)
    assert not ProducerPage.objects.exists()


@pytest.mark.parametrize("existing_live", [True, False])
def test_same_name_in_the_same_commune_is_a_duplicate(member_client, make_producer, garnat, existing_live):
    make_producer("Chèvrerie des Trois Tilleuls", GARNAT, live=existing_live)
    response = member_client.post("/producteurs/proposer/", {**VALID, "name": "CHEVRERIE des trois-tilleuls"})
    content = response.content.decode()
    assert response.status_code == 400
    expected = "est déjà dans l&#x27;annuaire" if existing_live else "attend la validation de l&#x27;équipe"
    assert expected in content and 'id="id_name-erreurs"' in content
    assert ProducerPage.objects.count() == 1
    assert 'value="CHEVRERIE des trois-tilleuls"' in content


def test_same_name_in_another_commune_is_not_a_duplicate(member_client, make_producer, garnat):
    make_producer("Chèvrerie des Trois Tilleuls", "03100")
    assert member_client.post("/producteurs/proposer/", VALID).status_code == 302
    assert ProducerPage.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "contact@@ferme"}, "email", "Adresse e-mail invalide"),
        ({"phone": "12 34"}, "phone", "Numéro de téléphone invalide"),
        ({"commune": "Atlantide"}, "commune", "Aucune commune ne s&#x27;appelle « Atlantide »"),
        ({"products": ["caviar"]}, "products", "« caviar » n&#x27;est pas dans la liste des produits"),
        ({"products": ["fruits"]}, "products", "« fruits » n&#x27;est pas dans la liste des produits"),
        ({"products": []}, "products", "Choisissez au moins un produit."),
        ({"delivery_radius_km": "-3"}, "delivery_radius_km", "Le rayon doit être un nombre entier"),
        ({"website": "pas une adresse"}, "website", "Adresse de site invalide"),
    ],
)
def test_bad_proposal_shows_the_error_keeps_the_input_and_stores_nothing(
    member_client, producer_index, garnat, changes, field, message
):
    response = member_client.post("/producteurs/proposer/", {**VALID, **changes})
    content = response.content.decode()
    assert response.status_code == 400
    assert f'id="id_{field}-erreurs"' in content
    assert message in content
    assert 'value="Chèvrerie des Trois Tilleuls"' in content
    assert "Quarante chèvres alpines." in content
    assert not ProducerPage.objects.exists()


def test_ambiguous_commune_in_a_proposal_asks_which_one(member_client, producer_index):
    cote_dor, vosges = geo.commune("21555"), geo.commune("88421")
    response = member_client.post("/producteurs/proposer/", {**VALID, "commune": "Saint-Julien"})
    content = response.content.decode()
    assert response.status_code == 400
    assert "Quelle commune ?" in content and f'value="{vosges.insee}"' in content
    assert not ProducerPage.objects.exists()
    response = member_client.post(
        "/producteurs/proposer/", {**VALID, "commune": "Saint-Julien", "insee": vosges.insee}
    )
    assert response.status_code == 302
    assert ProducerPage.objects.get().commune == vosges != cote_dor
