"""The controlled list of services: the network's offer from the migration, extended by editors."""

from reseau.models import Service

BASE = {"Café", "Bar / débit de boissons", "Restauration légère", "Lieu d'échanges"}
MULTISERVICES = {
    "Relais poste", "Épicerie", "Offres touristiques", "Location de vélo", "Point informations",
    "Point presse", "Actions culturelles", "Accès numérique", "Portage de repas à domicile",
}  # fmt: skip


def test_the_network_offer_is_there_from_the_start(db):
    assert set(Service.objects.filter(is_base=True).values_list("name", flat=True)) == BASE
    assert set(Service.objects.filter(is_base=False).values_list("name", flat=True)) == MULTISERVICES
    assert all(service.icon and service.description for service in Service.objects.all())


def test_editor_adds_a_service_that_cafes_and_mayors_can_then_choose(client, editor, make_cafe):
    client.force_login(editor)
    response = client.post(
        "/admin/snippets/reseau/service/add/",
        {
            "name": "Dépôt de pain",
            "slug": "",
            "icon": "🥖",
            "description": "Le pain d'un boulanger du canton, livré chaque matin.",
            "sort_order": "20",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    service = Service.objects.get(name="Dépôt de pain")
    assert service.slug == "depot-de-pain" and not service.is_base
    cafe = make_cafe()
    cafe.services.set([service])
    cafe.save()
    cafes = client.get("/cafes/", {"service": "depot-de-pain"}).content.decode()
    assert '<option value="depot-de-pain" selected>Dépôt de pain</option>' in cafes
    assert "🥖" in cafes and cafe.title in cafes
    assert "Dépôt de pain" in client.get("/candidature/").content.decode()


def test_a_member_cannot_edit_the_services(member_client):
    response = member_client.get("/admin/snippets/reseau/service/add/")
    assert response.status_code in (302, 403)
