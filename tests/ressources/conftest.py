"""Fixtures of the resources tests: the members-only index at /reseau/ and a small factory of contracts."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from ressources.models import Category, ContractDocument, ContractPage, ResourceIndexPage
from tests.pdf import tiny_pdf


@pytest.fixture
def resource_index(home):
    return home.add_child(instance=ResourceIndexPage(title="Ressources du réseau", slug="reseau"))


@pytest.fixture
def make_contract(resource_index):
    def make(title: str = "Électricité d'origine renouvelable", *, days_left: int | None = 400, **fields):
        today = timezone.localdate()
        return resource_index.add_child(
            instance=ContractPage(
                title=title,
                category=fields.pop("category", Category.ENERGY),
                supplier=fields.pop("supplier", "Fournisseur d'électricité (groupement d'achat du réseau)"),
                summary=fields.pop("summary", "Un prix du kWh fixe pendant deux ans pour tous les cafés."),
                offer="<p>Prix fixe, garanties d'origine renouvelables.</p>",
                conditions="<p>Sans frais de résiliation à l'échéance.</p>",
                how_to_subscribe="<p>Envoyez votre dernière facture au pôle achats.</p>",
                contact_name="Pôle achats du réseau",
                contact_email="achats@1000cafes.invalid",
                valid_from=today - timedelta(days=100),
                valid_until=today + timedelta(days=days_left) if days_left is not None else None,
                **fields,
            )
        )

    return make


@pytest.fixture
def contract(make_contract):
    return make_contract()


@pytest.fixture
def contract_pdf(contract):
    Document = get_document_model()
    document = Document(title="Grille tarifaire électricité")
    document.file.save("grille-tarifaire.pdf", ContentFile(tiny_pdf("Grille tarifaire")), save=False)
    document.save()
    ContractDocument.objects.create(page=contract, document=document, label="Grille tarifaire")
    return document
