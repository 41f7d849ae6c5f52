""" "Testée dans mon café": a member's café rates a recipe; the page shows average, count and regions."""

from django.test import Client

from recettes.models import RecipeFigures, TriedReport
from tests.conftest import CULHAT


def test_member_records_a_try_and_the_page_shows_average_count_and_regions(member_client, recipe, make_cafe):
    culhat = make_cafe(CULHAT)
    TriedReport.objects.create(recipe=recipe, cafe=culhat, rating=4, comment="Bien reçue.")
    response = member_client.post(
        recipe.url + "essai/",
        {"note": "5", "commentaire": "Partie en une heure.", "adaptation": "Moins de sucre."},
    )
    assert response.status_code == 302 and response["Location"].endswith("#essais")
    report = TriedReport.objects.get(cafe__commune__insee="03019")
    assert report.rating == 5 and report.adaptation == "Moins de sucre."
    content = member_client.get(recipe.url).content.decode()
    assert "Note moyenne <strong>4,5\xa0/\xa05</strong>, testée dans <strong>2 cafés</strong>" in content
    assert "(Auvergne-Rhône-Alpes)" in content
    assert "Partie en une heure." in content
    assert "Mettre à jour l'essai" in content


def test_trying_again_updates_the_cafes_report(member_client, recipe):
    member_client.post(recipe.url + "essai/", {"note": "3", "commentaire": "Moyen."})
    member_client.post(recipe.url + "essai/", {"note": "4", "commentaire": "Mieux avec nos pommes."})
    assert TriedReport.objects.get().rating == 4


def test_missing_rating_is_reported_and_the_comment_is_kept(member_client, recipe):
    response = member_client.post(recipe.url + "essai/", {"note": "9", "commentaire": "Très bonne recette."})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Choisissez une note de 1 à 5." in content
    assert "Très bonne recette." in content
    assert not TriedReport.objects.exists()


def test_the_rating_form_posts_to_the_try_address_and_keeps_the_chosen_rating(member_client, recipe):
    form = member_client.get(recipe.url).content.decode()
    assert f'<form method="post" action="{recipe.url}essai/" class="form narrow" novalidate>' in form
    assert (
        '<label class="rating__choice"><input type="radio" name="note" value="5" id="id_note_0" required> '
        "5 sur 5</label>"
    ) in form
    assert "checked" not in form
    response = member_client.post(recipe.url + "essai/", {"note": "2", "commentaire": ""})
    assert response.status_code == 400
    kept = response.content.decode()
    assert '<input type="radio" name="note" value="2" id="id_note_3" required checked> 2 sur 5' in kept
    assert kept.count(" checked>") == 1
    member_client.post(recipe.url + "essai/", {"note": "4", "commentaire": "Bien reçue."})
    own = member_client.get(recipe.url).content.decode()
    assert 'value="4" id="id_note_1" required checked> 4 sur 5' in own


def test_visitors_see_figures_but_not_comments_and_cannot_rate(recipe):
    TriedReport.objects.create(recipe=recipe, cafe=recipe.cafe, rating=4, comment="Commentaire interne.")
    visitor = Client()
    content = visitor.get(recipe.url).content.decode()
    assert "testée dans <strong>1 café</strong>" in content
    assert "Commentaire interne." not in content
    response = visitor.post(recipe.url + "essai/", {"note": "1", "commentaire": "Spam"})
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]
    assert TriedReport.objects.count() == 1


def test_team_account_without_a_cafe_is_told_why(client, moderator, recipe):
    client.force_login(moderator)
    response = client.post(recipe.url + "essai/", {"note": "4", "commentaire": "Bien."})
    assert response.status_code == 400
    assert "Seuls les cafés du réseau notent." in response.content.decode()


def test_figures_follow_tries_saved_changed_and_deleted(
    member_client, recipe, make_cafe, django_capture_on_commit_callbacks
):
    culhat = make_cafe(CULHAT)
    other = TriedReport.objects.create(recipe=recipe, cafe=culhat, rating=2, comment="Trop sucrée.")
    member_client.post(recipe.url + "essai/", {"note": "5", "commentaire": "Partie en une heure."})
    figures = RecipeFigures.objects.get(recipe=recipe)
    assert (figures.rating_average, figures.tried_count) == (3.5, 2)
    member_client.post(recipe.url + "essai/", {"note": "4", "commentaire": "Mieux avec nos pommes."})
    figures.refresh_from_db()
    assert (figures.rating_average, figures.tried_count) == (3.0, 2)
    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    figures.refresh_from_db()
    assert (figures.rating_average, figures.tried_count) == (4.0, 1)
    with django_capture_on_commit_callbacks(execute=True):
        TriedReport.objects.all().delete()
    figures.refresh_from_db()
    assert (figures.rating_average, figures.tried_count) == (None, 0)


def test_deleting_a_tried_recipe_leaves_no_figures_behind(recipe, cafe, django_capture_on_commit_callbacks):
    TriedReport.objects.create(recipe=recipe, cafe=cafe, rating=4, comment="Bien.")
    assert RecipeFigures.objects.filter(recipe=recipe).exists()
    with django_capture_on_commit_callbacks(execute=True):
        recipe.delete()
    assert not RecipeFigures.objects.exists() and not TriedReport.objects.exists()


def test_a_cafes_own_try_is_found_beyond_the_tries_shown(member_client, recipe, cafe, make_cafe):
    from recettes.views import SHOWN_TRIES
    from reseau.demo import CAFES

    TriedReport.objects.create(recipe=recipe, cafe=cafe, rating=2, comment="Notre premier essai, raté.")
    others = [row[0] for row in CAFES if row[0] != cafe.commune.insee][:SHOWN_TRIES]
    for insee in others:  # tried after Beaulon: its try is not among the latest shown
        TriedReport.objects.create(recipe=recipe, cafe=make_cafe(insee), rating=5, comment="Très bien.")
    content = member_client.get(recipe.url).content.decode()
    assert content.count('class="card"><p><strong>') == SHOWN_TRIES
    assert "Notre premier essai" not in content.split('<form method="post"')[0]
    assert "Mettre à jour l'essai de" in content
    assert ">\nNotre premier essai, raté.</textarea>" in content
