"""Supplier contracts and national partnerships: members only everywhere (pages, documents, search), an
index by category with expiring contracts highlighted, and the cafés' feedback."""

import html

from django.test import Client
from django.urls import reverse

from reseau.access import Visibility
from ressources.models import Category, ContractUse
from search.engine import rebuild_index
from tests.conftest import CULHAT


def text(response) -> str:
    """The page as a person reads it (entities such as &#x27; decoded)."""
    return html.unescape(response.content.decode())


def assert_login_page(response) -> None:
    assert response.status_code == 302 and response["Location"].startswith("/compte/connexion/")


def test_visitor_is_sent_to_log_in_for_the_index_a_contract_and_its_route(contract):
    visitor = Client()
    assert_login_page(visitor.get("/reseau/"))
    response = visitor.get(contract.url)
    assert_login_page(response)
    assert contract.supplier not in text(response)
    response = visitor.post(contract.url + "avis/", {"note": "1", "commentaire": "Spam"})
    assert_login_page(response)
    assert not ContractUse.objects.exists()


def test_a_contract_is_members_only_whatever_is_saved(contract):
    contract.visibility = Visibility.PUBLIC
    contract.save()
    contract.refresh_from_db()
    assert contract.visibility == Visibility.MEMBERS


def test_member_reads_the_contract_with_its_documents_and_contact(member_client, contract, contract_pdf):
    response = member_client.get(contract.url)
    content = text(response)
    assert response.status_code == 200
    assert "Prix fixe, garanties d'origine renouvelables." in content
    assert "achats@1000cafes.invalid" in content
    assert contract_pdf.url in content and "Grille tarifaire" in content


def test_contract_document_is_refused_to_visitors_by_its_url_and_by_the_media_path(
    member_client, contract_pdf
):
    visitor = Client()
    assert_login_page(visitor.get(contract_pdf.url))
    assert visitor.get("/media/" + contract_pdf.file.name).status_code == 404
    response = member_client.get(contract_pdf.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_index_groups_by_category_and_highlights_expiring_contracts(member_client, make_contract):
    make_contract("Électricité verte", days_left=30)
    make_contract("Relais poste commerçant", category=Category.POST, days_left=None)
    make_contract("Terminal de paiement", category=Category.PAYMENT, days_left=-3)
    content = text(member_client.get("/reseau/"))
    assert content.index('id="energie"') < content.index('id="relais-poste"') < content.index('id="paiement"')
    expiring = content[content.index('id="echeance-titre"') : content.index('id="energie"')]
    assert "Électricité verte" in expiring and "dans 30 jours" in expiring
    assert "Terminal de paiement" not in expiring
    assert "Expiré le" in content and "Sans échéance" in content
    assert "contract--expiring" in content


def test_index_runs_a_fixed_number_of_queries(
    member_client, make_contract, make_cafe, django_assert_max_num_queries
):
    cafe = make_cafe(CULHAT)
    for n in range(12):
        contract = make_contract(f"Contrat numéro {n}", category=list(Category)[n % len(Category)])
        ContractUse.objects.create(contract=contract, cafe=cafe, rating=4, comment="Bien.")
    member_client.get("/reseau/")
    with django_assert_max_num_queries(16):
        response = member_client.get("/reseau/")
    assert text(response).count('class="card contract') == 12


def test_contract_page_runs_a_fixed_number_of_queries(
    member_client, contract, make_cafe, django_assert_max_num_queries
):
    from tests import geo

    for insee in ["63131", "73033", "29071", "35248", "71409", "88201"]:
        geo.commune(insee)
        ContractUse.objects.create(contract=contract, cafe=make_cafe(insee), rating=3, comment="Correct.")
    member_client.get(contract.url)
    with django_assert_max_num_queries(22):
        response = member_client.get(contract.url)
    assert text(response).count('class="card"><p><strong>') == 6


def test_cafe_records_its_use_once_and_updates_it(member_client, member, contract):
    response = member_client.post(contract.url + "avis/", {"note": "4", "commentaire": "Facture plus basse."})
    assert response.status_code == 302 and response["Location"].endswith("#cafes")
    response = member_client.post(contract.url + "avis/", {"note": "5", "commentaire": "Toujours content."})
    use = ContractUse.objects.get()
    assert (use.rating, use.comment, use.cafe_id) == (5, "Toujours content.", member.member.cafe_id)
    content = text(member_client.get(contract.url))
    assert "Toujours content." in content and "Mettre à jour l'avis de votre café" in content


def test_bad_feedback_is_explained_and_the_comment_kept(member_client, contract):
    response = member_client.post(contract.url + "avis/", {"note": "7", "commentaire": "Très bien."})
    assert response.status_code == 400
    content = text(response)
    assert "Choisissez une note de 1 à 5." in content and "Très bien." in content
    response = member_client.post(contract.url + "avis/", {"note": "3", "commentaire": "   "})
    assert "Dites en une phrase ce que ce contrat apporte" in text(response)
    assert not ContractUse.objects.exists()


def test_team_account_without_a_cafe_is_told_why(client, moderator, contract):
    client.force_login(moderator)
    response = client.post(contract.url + "avis/", {"note": "4", "commentaire": "Bien."})
    assert response.status_code == 400
    assert "votre compte n'est rattaché à aucun café" in text(response)
    assert not ContractUse.objects.exists()


def test_cafe_page_lists_its_contracts_for_members_only(member_client, cafe, contract):
    ContractUse.objects.create(contract=contract, cafe=cafe, rating=4, comment="Bien.")
    assert contract.title in text(member_client.get(cafe.url))
    assert contract.title not in text(Client().get(cafe.url))


def test_network_search_shows_contracts_to_members_only(member_client, contract):
    rebuild_index()  # as load_demo and rebuild_search_index do
    url = reverse("search:results") + "?q=électricité"
    assert contract.title in text(member_client.get(url))
    assert contract.title not in text(Client().get(url))
    suggestions = text(Client().get(reverse("search:suggestions") + "?q=electr"))
    assert contract.title not in suggestions
