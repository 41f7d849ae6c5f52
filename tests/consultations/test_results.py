"""The results of a consultation for the café's managers and the mayor: counts per service, ideas grouped,
answers over time, accessible SVG charts with their tables, CSV export, services opened; and deletion of a
person's answers on request."""

import csv
import html
import io
from datetime import datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from consultations.models import Answer, OpenedService
from consultations.services import email_digest
from tests import geo


def text(response) -> str:
    """The page as a person reads it (entities such as &#x27; decoded)."""
    return html.unescape(response.content.decode())


@pytest.fixture
def make_answer(consultation):
    def make(
        n: int, services=(), idea: str = "", days_ago: int = 1, confirmed: bool = True, **fields
    ) -> Answer:
        moment = timezone.make_aware(
            datetime.combine(timezone.localdate() - timedelta(days=days_ago), time(10, 0))
        )
        answer = Answer.objects.create(
            consultation=consultation,
            email_digest=email_digest(f"habitant{n}@exemple.invalid"),
            idea=idea,
            frequency=fields.pop("frequency", "hebdomadaire"),
            age_band=fields.pop("age_band", "45-59"),
            commune=fields.pop("commune", consultation.cafe.commune),
            consent_at=moment,
            confirmation_nonce="x" * 32,
            confirmed_at=moment if confirmed else None,
            **fields,
        )
        answer.services.set(services)
        return answer

    return make


def results_url(consultation) -> str:
    return f"/cafes/{consultation.cafe.slug}/consultation/{consultation.pk}/resultats/"


def test_manager_sees_counts_chart_table_ideas_and_weeks(
    member_client, consultation, make_answer, grocery, meals
):
    make_answer(1, [grocery, meals], "Une épicerie ouverte le dimanche", days_ago=1)
    make_answer(2, [grocery], "une épicerie ouverte le dimanche", days_ago=2)
    make_answer(
        3, [meals], "Un concert de temps en temps", days_ago=9, commune=geo.commune("03120"), hamlet=""
    )
    make_answer(4, [grocery], "Pas confirmée", confirmed=False)
    content = text(member_client.get(results_url(consultation)))
    assert "3 réponses confirmées" in content and "1 en attente de confirmation" in content
    # The services chart: an SVG image with its title and description, then the same data as a table.
    assert 'role="img" aria-labelledby="graphique-services-titre graphique-services-desc"' in content
    assert '<title id="graphique-services-titre">Nombre de réponses par service</title>' in content
    assert '<th scope="row">Épicerie</th>\n          <td>2</td>' in content
    assert '<th scope="row">Portage de repas à domicile</th>\n          <td>2</td>' in content
    assert "Pas confirmée" not in content
    # Ideas: the same idea written alike counted once with its number, under the service it names.
    assert 'une épicerie ouverte le dimanche <span class="count">(×2)</span>' in content
    assert "<h3>Épicerie <span" in content
    assert "Autres idées" in content and "Un concert de temps en temps" in content
    assert 'id="graphique-semaines-titre"' in content and "Semaine du" in content
    assert "Garnat-sur-Engièvre" in content


def test_results_run_a_fixed_number_of_queries(
    member_client, consultation, make_answer, grocery, meals, django_assert_max_num_queries
):
    for n in range(40):
        make_answer(n, [grocery, meals][: n % 2 + 1], f"Idée numéro {n % 7}", days_ago=n % 20)
    member_client.get(results_url(consultation))
    with django_assert_max_num_queries(24):
        response = member_client.get(results_url(consultation))
    assert "40 réponses confirmées" in text(response)


def test_visitor_and_other_managers_cannot_see_the_results(client, make_user, make_cafe, consultation):
    response = client.get(results_url(consultation))
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]
    other = make_user("gerant-culhat", cafe=make_cafe("63131"))
    client.force_login(other)
    response = client.get(results_url(consultation))
    assert response.status_code == 403
    assert client.get(results_url(consultation) + "export.csv").status_code == 403


def test_mayor_reads_the_results_through_the_secret_link_until_it_is_changed(
    member_client, consultation, make_answer, grocery
):
    make_answer(1, [grocery])
    link = results_url(consultation) + f"{consultation.results_key}/"
    assert link in text(member_client.get(results_url(consultation)))
    mayor = Client()
    response = mayor.get(link)
    content = text(response)
    assert response.status_code == 200 and "1 réponse confirmée" in content
    assert "Marquer comme ouvert" not in content and "export.csv" not in content
    assert mayor.get(results_url(consultation) + "00000000-0000-4000-8000-000000000000/").status_code == 404
    member_client.post(results_url(consultation).replace("resultats/", "lien-mairie/"))
    assert mayor.get(link).status_code == 404


def test_csv_export_has_the_confirmed_answers_without_any_address(
    member_client, consultation, make_answer, grocery
):
    make_answer(1, [grocery], '=HYPERLINK("http://exemple.invalid")', hamlet="Les Chaumes")
    make_answer(2, [grocery], "Pas confirmée", confirmed=False)
    response = member_client.get(results_url(consultation) + "export.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["confirmée le", "services choisis", "idée"]
    assert len(rows) == 2 and rows[1][1] == "Épicerie" and rows[1][6] == "Les Chaumes"
    assert rows[1][2].startswith("'=")  # a spreadsheet will not run it as a formula
    assert "@" not in text(response)


def test_manager_marks_a_service_opened_and_the_cafe_page_shows_it(
    member_client, consultation, cafe, grocery
):
    url = results_url(consultation).replace("resultats/", "services-ouverts/")
    member_client.post(url, {"service": grocery.pk, "ouvert": "1"})
    member_client.post(url, {"service": grocery.pk, "ouvert": "1"})
    assert OpenedService.objects.filter(service=grocery).count() == 1
    page = text(Client().get(cafe.url))
    assert "Ouverts suite à la consultation des habitants" in page and "Épicerie (depuis" in page
    member_client.post(url, {"service": grocery.pk, "ouvert": "0"})
    assert not OpenedService.objects.exists()
    response = member_client.post(url, {"service": "999999", "ouvert": "1"}, follow=True)
    assert "Choisissez un service de la liste." in text(response)


def test_cafe_page_invites_inhabitants_to_the_open_consultation(client, cafe, consultation):
    content = text(client.get(cafe.url))
    assert 'href="/cafes/le-cafe-de-beaulon/consultation/"' in content
    assert "résultats de la consultation" not in content


def test_delete_command_removes_a_persons_answers_and_says_what(consultation, make_answer, grocery):
    make_answer(1, [grocery], "Mon idée")
    make_answer(2, [grocery])
    out = io.StringIO()
    call_command("delete_consultation_answers", " Habitant1@exemple.invalid", stdout=out)
    assert "1 réponse supprimée pour Habitant1@exemple.invalid" in out.getvalue()
    assert "Le café de Beaulon" in out.getvalue()
    assert Answer.objects.count() == 1
    out = io.StringIO()
    call_command("delete_consultation_answers", "habitant1@exemple.invalid", stdout=out)
    assert "Aucune réponse n'est enregistrée pour habitant1@exemple.invalid" in out.getvalue()
    with pytest.raises(CommandError, match="n'est pas une adresse électronique valide"):
        call_command("delete_consultation_answers", "pas-une-adresse")
    assert Answer.objects.count() == 1


def test_team_opens_a_consultation_in_the_admin_and_wrong_dates_are_explained(
    client, cafe, django_user_model
):
    admin = django_user_model.objects.create_superuser(
        "equipe", "equipe@1000cafes.invalid", "motdepasse-solide-42"
    )
    client.force_login(admin)
    url = "/admin/snippets/consultations/consultation/add/"
    data = {
        "cafe": cafe.pk,
        "title": "Vos services",
        "intro": "",
        "opens_on": "2026-03-10",
        "closes_on": "2026-03-01",
    }
    response = client.post(url, data)
    assert "La date de clôture doit être le jour de l'ouverture ou après." in text(response)
    assert not cafe.consultations.exists()
    client.post(url, {**data, "closes_on": "2026-04-10"})
    assert cafe.consultations.get().closes_on.isoformat() == "2026-04-10"
