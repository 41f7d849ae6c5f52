"""A member shares a recipe from the site: draft, preview, moderation; and every bad input of the issue."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from recettes.models import Allergen, RecipePage

SHARE = "/recettes/partager/"


def allergen_ids(*codes: str) -> list[str]:
    return [str(pk) for pk in Allergen.objects.filter(code__in=codes).values_list("pk", flat=True)]


def form_data(**overrides) -> dict:
    data = {
        "title": "Cake aux noix du Bourbonnais",
        "description": "Un cake moelleux pour le café de l'après-midi.",
        "course": "dessert",
        "difficulty": "facile",
        "servings": "8",
        "prep_minutes": "15",
        "cook_minutes": "45",
        "rest_minutes": "0",
        "equipment": "moule à cake\nfouet",
        "tags": "goûter, noix",
        "allergens": allergen_ids("gluten", "oeufs", "lait", "fruits-a-coque"),
        "allergens_confirmed": "on",
        "photo_alt": "",
        "visibility": "public",
        "ingredients-TOTAL_FORMS": "8",
        "ingredients-INITIAL_FORMS": "0",
        "ingredients-MIN_NUM_FORMS": "0",
        "ingredients-MAX_NUM_FORMS": "60",
        "etapes-TOTAL_FORMS": "5",
        "etapes-INITIAL_FORMS": "0",
        "etapes-MIN_NUM_FORMS": "0",
        "etapes-MAX_NUM_FORMS": "30",
    }
    lines = [("200", "g", "farine de blé", "", "0,25"), ("3", "", "œufs", "", "0,75"),
             ("125", "grammes", "beurre", "fondu", "1,25"), ("100", "g", "cerneaux de noix", "", "2,40"),
             ("", "pincée", "sel", "", "")]  # fmt: skip
    for i, (quantity, unit, name, note, cost) in enumerate(lines):
        prefix = f"ingredients-{i}-"
        data.update({prefix + "quantity": quantity, prefix + "unit": unit, prefix + "name": name,
                     prefix + "note": note, prefix + "cost": cost})  # fmt: skip
    data["etapes-0-text"] = "Fouetter les œufs et le sucre."
    data["etapes-1-text"] = "Ajouter la farine, le beurre fondu et les noix.\n\nCuire 45 min à 170 °C."
    data.update(overrides)
    return data


def jpeg(size: tuple[int, int] = (800, 600)) -> bytes:
    buffer = BytesIO()
    PILImage.new("RGB", size, (120, 80, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def share_client(member_client, recipe_index):
    return member_client


def test_visitor_is_sent_to_login_and_non_member_gets_403(client, recipe_index, make_user):
    response = client.get(SHARE)
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]
    outsider = make_user("curieux")
    other = Client()
    other.force_login(outsider)
    assert other.get(SHARE).status_code == 403


def test_member_shares_a_draft_previews_it_and_submits_it_to_moderation(share_client, member, moderator):
    response = share_client.post(SHARE, form_data())
    recipe = RecipePage.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/recettes/mes-recettes/{recipe.pk}/"
    assert not recipe.live
    assert recipe.author == member and recipe.owner == member and recipe.cafe == member.member.cafe
    draft = recipe.get_latest_revision_as_object()
    assert [str(line) for line in draft.ingredients.all()] == [
        "200 g farine de blé", "3 œufs", "125 g beurre (fondu)", "100 g cerneaux de noix", "une pincée sel"
    ]  # fmt: skip
    assert draft.cost_per_portion == Decimal("0.58")  # 4.65 € / 8
    assert len(draft.steps) == 2

    preview = share_client.get(response["Location"]).content.decode()
    assert "Aperçu de votre brouillon" in preview and "Cake aux noix du Bourbonnais" in preview
    assert "Fruits à coque" in preview
    assert Client().get(recipe.url).status_code == 404  # not published: nobody else sees it

    response = share_client.post(f"/recettes/mes-recettes/{recipe.pk}/soumettre/")
    assert response.status_code == 302
    state = WorkflowState.objects.get(status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.content_object.pk == recipe.pk and state.requested_by == member
    assert "en attente de modération" in share_client.get("/recettes/mes-recettes/").content.decode()

    # A moderator approves the Wagtail task: the recipe goes live.
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    recipe.refresh_from_db()
    assert recipe.live
    assert Client().get(recipe.url).status_code == 200


def test_a_submitted_draft_can_no_longer_be_edited(share_client):
    share_client.post(SHARE, form_data())
    recipe = RecipePage.objects.get()
    share_client.post(f"/recettes/mes-recettes/{recipe.pk}/soumettre/")
    response = share_client.post(f"/recettes/mes-recettes/{recipe.pk}/modifier/", form_data(title="Autre"))
    assert response.status_code == 302
    assert recipe.get_latest_revision_as_object().title == "Cake aux noix du Bourbonnais"


def test_member_edits_their_draft_with_its_values_filled_in(share_client):
    share_client.post(SHARE, form_data())
    recipe = RecipePage.objects.get()
    page = share_client.get(f"/recettes/mes-recettes/{recipe.pk}/modifier/").content.decode()
    assert 'value="Cake aux noix du Bourbonnais"' in page and 'value="cerneaux de noix"' in page
    assert 'value="0,25"' in page
    share_client.post(f"/recettes/mes-recettes/{recipe.pk}/modifier/", form_data(title="Cake aux noix"))
    assert RecipePage.objects.get().get_latest_revision_as_object().title == "Cake aux noix"


def test_another_member_cannot_see_or_submit_my_draft(share_client, make_user, make_cafe):
    share_client.post(SHARE, form_data())
    recipe = RecipePage.objects.get()
    other = Client()
    other.force_login(make_user("gerant-culhat", cafe=make_cafe("63131")))
    assert other.get(f"/recettes/mes-recettes/{recipe.pk}/").status_code == 403
    assert other.post(f"/recettes/mes-recettes/{recipe.pk}/soumettre/").status_code == 403
    assert not WorkflowState.objects.exists()


def assert_kept(content: str, data: dict) -> None:
    """Everything the member typed is back in the form."""
    for key in (
        "title",
        "ingredients-0-name",
        "ingredients-1-quantity",
        "ingredients-3-name",
        "etapes-0-text",
    ):
        assert str(data[key]).replace("'", "&#x27;") in content, key


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("ingredients-1-quantity", "trois", "« trois » n&#x27;est pas une quantité"),
        ("ingredients-1-quantity", "-2", "La quantité doit être positive"),
        ("ingredients-2-unit", "tasse", "Unité inconnue « tasse »"),
        ("servings", "-4", "Le nombre de portions doit être au moins 1."),
        ("servings", "huit", "« huit » n&#x27;est pas un nombre de portions"),
        ("ingredients-0-cost", "gratuit", "« gratuit » n&#x27;est pas un montant"),
    ],
)
def test_bad_input_is_reported_next_to_the_field_and_nothing_is_lost(share_client, field, typed, message):
    data = form_data(**{field: typed})
    response = share_client.post(SHARE, data)
    assert response.status_code == 400
    content = response.content.decode()
    error_block = f'id="id_{field}-erreurs"'
    assert error_block in content
    assert message in content[content.index(error_block) :][:400]
    assert f'value="{typed}"' in content
    assert_kept(content, data)
    assert not RecipePage.objects.exists()


def test_a_40_mb_photo_is_refused_by_size(share_client):
    big = SimpleUploadedFile("tarte.jpg", jpeg() + b"\0" * (40 * 1024 * 1024), content_type="image/jpeg")
    response = share_client.post(SHARE, {**form_data(photo_alt="Une tarte"), "photo": big})
    content = response.content.decode()
    assert response.status_code == 400
    assert "Cette photo pèse 40,0" in content and "10 Mo au plus" in content
    assert_kept(content, form_data())
    assert not RecipePage.objects.exists() and not get_image_model().objects.exists()


def test_a_non_image_named_jpg_is_refused_by_its_content(share_client):
    fake = SimpleUploadedFile("tarte.jpg", b"%PDF-1.4 not a picture", content_type="image/jpeg")
    response = share_client.post(SHARE, {**form_data(photo_alt="Une tarte"), "photo": fake})
    assert response.status_code == 400
    assert "Ce fichier n&#x27;est pas une image" in response.content.decode()
    assert not RecipePage.objects.exists() and not get_image_model().objects.exists()


def test_a_valid_photo_is_kept_when_another_field_is_wrong(share_client):
    photo = SimpleUploadedFile("tarte.jpg", jpeg(), content_type="image/jpeg")
    response = share_client.post(
        SHARE, {**form_data(servings="-1", photo_alt="Cake tranché"), "photo": photo}
    )
    content = response.content.decode()
    assert "Photo reçue : <strong>Cake tranché</strong>" in content
    kept = get_image_model().objects.get()
    assert f'name="photo_gardee" value="{kept.pk}"' in content
    share_client.post(SHARE, {**form_data(photo_alt="Cake tranché"), "photo_gardee": str(kept.pk)})
    assert RecipePage.objects.get().get_latest_revision_as_object().photo == kept


def test_photo_without_a_description_is_refused(share_client):
    photo = SimpleUploadedFile("tarte.jpg", jpeg(), content_type="image/jpeg")
    response = share_client.post(SHARE, {**form_data(), "photo": photo})
    assert "Décrivez la photo" in response.content.decode()


def test_allergens_of_the_ingredients_must_be_ticked(share_client):
    response = share_client.post(SHARE, form_data(allergens=allergen_ids("gluten", "oeufs")))
    content = response.content.decode()
    assert response.status_code == 400
    assert "Vos ingrédients contiennent : lait (beurre) ; fruits à coque (cerneaux de noix)" in content
    assert not RecipePage.objects.exists()


def test_allergens_must_be_confirmed(share_client):
    response = share_client.post(SHARE, form_data(allergens_confirmed=""))
    assert "Cochez cette case après avoir vérifié les allergènes" in response.content.decode()


def test_a_line_without_an_ingredient_name_is_refused(share_client):
    response = share_client.post(
        SHARE, form_data(**{"ingredients-5-quantity": "2", "ingredients-5-unit": "g"})
    )
    assert "Nommez l&#x27;ingrédient de cette ligne" in response.content.decode()


def test_empty_recipe_asks_for_ingredients_and_steps(share_client):
    data = {k: v for k, v in form_data().items() if not k.startswith(("ingredients-0", "ingredients-1",
            "ingredients-2", "ingredients-3", "ingredients-4", "etapes-0", "etapes-1"))}  # fmt: skip
    content = share_client.post(SHARE, data).content.decode()
    assert "Ajoutez au moins un ingrédient." in content and "Décrivez au moins une étape." in content


def test_adding_rows_keeps_everything_and_shows_no_error(share_client):
    data = form_data(servings="-3", **{"ajouter_ingredients": "1"})
    response = share_client.post(SHARE, data)
    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="ingredients-12-name"' in content
    assert "errorlist" not in content
    assert 'value="-3"' in content
    assert_kept(content, data)
