from datetime import date
from decimal import Decimal

from django.test import Client

from evenements.models import Audience, FormatRun, Season
from reseau.access import Visibility
from tests.conftest import CULHAT


def test_format_page_shows_budget_total_checklist_run_sheet_and_tags(client, make_format):
    page = make_format(
        "Marché de producteurs",
        budget=(("Affiches", "40.50"), ("Barnums (location)", "120"), ("Verre de l'amitié", "35")),
        tags=["marché", "producteurs"],
        materials="Tables\n- Barnums\n\nRallonges",
    )
    content = client.get(page.url).content.decode()
    assert "195,50 €" in content  # 40.50 + 120 + 35, computed from the lines
    assert page.budget_total == Decimal("195.50")
    assert "Déclaration SACEM" in content and "SACEM, en ligne" in content and "15 jours avant" in content
    assert "<h3>Avant</h3>" in content and "<h3>Après</h3>" in content and "<h3>Pendant</h3>" not in content
    assert "<strong>J-21</strong> : Écrire les questions" in content
    assert "<li>Barnums</li>" in content and "<li>Rallonges</li>" in content
    assert "#marché" in content and "#producteurs" in content
    assert "2 h 30" in content and "3 semaines avant" in content


def test_format_page_aggregates_the_cafes_that_ran_it(client, quiz, cafe, make_cafe, member):
    culhat = make_cafe(CULHAT)
    FormatRun.objects.create(
        format=quiz, cafe=cafe, date=date(2025, 3, 1), attendance=20, rating=4, lessons="Bien."
    )
    FormatRun.objects.create(
        format=quiz, cafe=cafe, date=date(2025, 6, 1), attendance=40, rating=5, lessons="Mieux."
    )
    FormatRun.objects.create(
        format=quiz, cafe=culhat, date=date(2025, 9, 1), attendance=30, rating=3, lessons="Moyen."
    )
    content = client.get(quiz.url).content.decode()
    assert "Mené par 2 cafés</strong> (3 fois) · en moyenne 30 participants · note moyenne 4,0/5" in content


def test_members_only_format_stays_members_only(member_client, make_format, formats_index):
    visitor = Client()
    secret = make_format("Assemblée des gérants", visibility=Visibility.MEMBERS)
    make_format("Soirée jeux", visibility=Visibility.PUBLIC)
    response = visitor.get(secret.url)
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]
    assert "Assemblée" not in response.content.decode()
    listing = visitor.get(formats_index.url).content.decode()
    assert "Soirée jeux" in listing and "Assemblée des gérants" not in listing
    assert "Assemblée des gérants" in member_client.get(formats_index.url).content.decode()
    assert member_client.get(secret.url).status_code == 200


def titles(response) -> set[str]:
    return {page.title for page in response.context["formats"]}


def test_formats_index_filters_by_audience_season_budget_and_tags(client, make_format, formats_index):
    make_format(
        "Goûter des familles",
        audience=Audience.FAMILIES,
        season=Season.WINTER,
        budget=(("Goûter", "80"),),
        tags=["enfants"],
    )
    make_format(
        "Repas des aînés",
        audience=Audience.SENIORS,
        season=Season.ALL_YEAR,
        budget=(("Repas", "250"),),
        tags=["repas"],
    )
    make_format(
        "Fête de la musique",
        audience=Audience.EVERYONE,
        season=Season.SUMMER,
        budget=(("Son", "900"), ("SACEM", "150")),
        tags=["concert", "repas"],
    )
    url = formats_index.url
    assert titles(client.get(url, {"public": "familles"})) == {"Goûter des familles", "Fête de la musique"}
    assert titles(client.get(url, {"saison": "hiver"})) == {"Goûter des familles", "Repas des aînés"}
    assert titles(client.get(url, {"budget": "moins-de-100"})) == {"Goûter des familles"}
    assert titles(client.get(url, {"budget": "100-a-300"})) == {"Repas des aînés"}
    assert titles(client.get(url, {"budget": "plus-de-1000"})) == {"Fête de la musique"}
    assert titles(client.get(url, {"etiquettes": ["repas"]})) == {"Repas des aînés", "Fête de la musique"}
    assert titles(client.get(url, {"etiquettes": ["repas", "concert"]})) == {"Fête de la musique"}
    assert titles(client.get(url, {"public": "aines", "budget": "plus-de-1000"})) == {"Fête de la musique"}


def test_formats_index_shows_an_invalid_filter_next_to_its_field_and_keeps_the_others(
    client, make_format, formats_index
):
    make_format("Goûter des familles", audience=Audience.FAMILIES, budget=(("Goûter", "80"),))
    make_format("Repas des aînés", audience=Audience.SENIORS, budget=(("Repas", "250"),))
    response = client.get(formats_index.url, {"budget": "gratuit", "public": "aines"})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert titles(response) == {"Repas des aînés"}
    assert response.context["filter_form"]["public"].value() == "aines"


def test_formats_index_query_count_does_not_grow_with_formats(
    client, make_format, formats_index, cafe, django_assert_max_num_queries
):
    def count_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = client.get(formats_index.url)
        assert response.status_code == 200
        return len(queries)

    for n in range(3):
        page = make_format(f"Format {n}", tags=[f"tag{n}", "commun"])
        FormatRun.objects.create(
            format=page, cafe=cafe, date=date(2025, 1, 1), attendance=10, rating=4, lessons="Ok"
        )
    few = count_queries()
    for n in range(3, 15):
        page = make_format(f"Format {n}", tags=[f"tag{n}", "commun"])
        FormatRun.objects.create(
            format=page, cafe=cafe, date=date(2025, 1, 1), attendance=10, rating=4, lessons="Ok"
        )
    assert count_queries() <= few
    with django_assert_max_num_queries(15):
        response = client.get(formats_index.url, {"etiquettes": ["commun"], "budget": "moins-de-100"})
    assert len(response.context["formats"]) == 15


def test_format_page_query_count_is_bounded(client, quiz, cafe, make_event, django_assert_max_num_queries):
    for n in range(8):
        FormatRun.objects.create(
            format=quiz, cafe=cafe, date=date(2025, 1, n + 1), attendance=10, rating=4, lessons="Ok"
        )
        make_event(f"Quiz {n}", days=n + 1, format=quiz)
    with django_assert_max_num_queries(25):
        response = client.get(quiz.url)
    assert response.content.decode().count("Quiz ") >= 5
