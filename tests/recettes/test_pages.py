"""The recipe page, its scaling, technical sheet and JSON-LD; the index's filters, sorting and pagination."""

import json
import re
from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from django.test import Client
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from recettes.facts import PageLink, recipe_facts
from recettes.fragments import content_changed
from recettes.models import Diet, RecipePage, TriedReport
from reseau.access import Visibility
from reseau.page_cache import frame
from tests.conftest import CULHAT
from tests.producteurs.conftest import make_producer, producer_index, vocabulary  # noqa: F401 - fixtures


def make_image(title: str = "Tarte sur une planche"):
    buffer = BytesIO()
    PILImage.new("RGB", (640, 480), (200, 120, 40)).save(buffer, "JPEG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="tarte.jpg"))


def json_ld(content: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert match, "pas de bloc JSON-LD"
    return json.loads(match.group(1))


def test_recipe_page_shows_ingredients_allergens_and_cost(client, recipe):
    response = client.get(recipe.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ingrédients pour 6 portions" in content
    assert "250 g</span> farine de blé" in content
    assert "3</span> œufs" in content
    assert "une pincée</span> sel" in content
    for allergen in ("Gluten", "Lait", "Œufs"):
        assert f"<li>{allergen}</li>" in content
    assert "4,80\xa0€</strong> pour 6 portions" in content
    assert "0,80\xa0€</strong> par portion" in content
    assert "Le café de Beaulon" in content


def test_ingredient_lines_escape_what_the_author_typed(client, make_recipe):
    recipe = make_recipe(lines=[("2", "", "<script>alert(1)</script>", "<b>coupées</b> & épépinées", None)])
    content = client.get(recipe.url).content.decode()
    assert "<script>alert" not in content
    assert (
        '<li><span class="qty">2</span> &lt;script&gt;alert(1)&lt;/script&gt; '
        '<span class="note">(&lt;b&gt;coupées&lt;/b&gt; &amp; épépinées)</span></li>'
    ) in content


def test_scaling_to_12_servings_updates_every_quantity_and_the_cost(client, recipe):
    content = client.get(recipe.url, {"couverts": "12"}).content.decode()
    assert "Ingrédients pour 12 portions" in content
    assert "500 g</span> farine de blé" in content
    assert "250 g</span> beurre" in content
    assert "6</span> œufs" in content
    assert "2 kg</span> pommes" in content
    assert "9,60\xa0€</strong> pour 12 portions" in content
    assert 'value="12"' in content


def test_scaling_to_8_rounds_like_a_cook(client, recipe):
    content = client.get(recipe.url, {"couverts": "8"}).content.decode()
    assert "335 g</span> farine de blé" in content
    assert "4</span> œufs" in content


@pytest.mark.parametrize(("typed", "message"), [("-4", "au moins 1"), ("douze", "n&#x27;est pas un nombre")])
def test_bad_servings_show_an_error_next_to_the_field_and_keep_what_was_typed(client, recipe, typed, message):
    response = client.get(recipe.url, {"couverts": typed})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_couverts-erreurs"' in content and message in content
    assert f'value="{typed}"' in content
    assert "Ingrédients pour 6 portions" in content  # the recipe stays readable at its own servings


def test_json_ld_describes_the_recipe_for_schema_org(client, recipe, make_user):
    recipe.photo = make_image()
    recipe.save_revision().publish()
    TriedReport.objects.create(recipe=recipe, cafe=recipe.cafe, rating=4, comment="Très bien.")
    data = json_ld(client.get(recipe.url).content.decode())
    assert data["@type"] == "Recipe" and data["name"] == "Tarte aux pommes du verger"
    assert data["recipeYield"] == "6 portions"
    assert data["prepTime"] == "PT20M" and data["cookTime"] == "PT35M" and data["totalTime"] == "PT55M"
    assert "250 g farine de blé" in data["recipeIngredient"]
    assert data["recipeInstructions"][0] == {"@type": "HowToStep", "position": 1, "text": "Étaler la pâte."}
    assert data["suitableForDiet"] == ["https://schema.org/VegetarianDiet"]
    assert data["aggregateRating"]["ratingValue"] == 4.0 and data["aggregateRating"]["ratingCount"] == 1
    assert data["image"][0].startswith("http://testserver/")
    assert data["author"] == {"@type": "Organization", "name": "Le café de Beaulon"}


def test_json_ld_cannot_break_out_of_its_script_element(client, make_recipe):
    recipe = make_recipe("Tarte </script><b>piège</b>")
    content = client.get(recipe.url).content.decode()
    assert "</script><b>" not in content
    assert json_ld(content)["name"] == "Tarte </script><b>piège</b>"


def test_members_only_recipe_sends_visitors_to_login_and_shows_to_members(member_client, make_recipe):
    client = Client()
    recipe = make_recipe("Terrine du chef", visibility=Visibility.MEMBERS)
    response = client.get(recipe.url)
    assert response.status_code == 302 and response["Location"].startswith("/compte/connexion/")
    assert b"Terrine" not in response.content
    assert client.get(recipe.url + "fiche-technique/").status_code == 302
    assert member_client.get(recipe.url).status_code == 200


def test_technical_sheet_costs_the_batch_and_the_margin(client, recipe):
    response = client.get(recipe.url + "fiche-technique/", {"couverts": "40", "prix": "6,50"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Quantités pour 40 couverts" in content
    assert "<td>1,67 kg</td>" in content  # 250 g × 40/6, rounded to 10 g
    assert "Coût de la fournée</th><td></td><td>32,00\xa0€" in content
    assert "Coût par portion</th><td></td><td>0,80\xa0€" in content
    assert "87,7 % du prix" in content and "5,70\xa0€" in content
    assert "Gluten" in content
    assert 'class="site-header"' not in content  # printable: no navigation


def test_technical_sheet_rows_show_each_line_escaped_and_what_has_no_figure(client, make_recipe):
    recipe = make_recipe(lines=[
        ("250", "g", "farine de <b>blé</b>", "tamisée & fine", "0.30"),
        (None, "pincée", "sel", "", None),
        (None, "", "poivre du moulin", "", None),
    ])  # fmt: skip
    content = client.get(recipe.url + "fiche-technique/", {"couverts": "12"}).content.decode()
    assert (
        '<tr><th scope="row">farine de &lt;b&gt;blé&lt;/b&gt; '
        '<span class="note">(tamisée &amp; fine)</span></th><td>500 g</td><td>0,60\xa0€</td></tr>'
    ) in content
    assert '<tr><th scope="row">sel</th><td>une pincée</td><td>—</td></tr>' in content
    assert '<tr><th scope="row">poivre du moulin</th><td>selon le goût</td><td>—</td></tr>' in content


def test_technical_sheet_refuses_a_bad_price_and_keeps_it(client, recipe):
    content = client.get(recipe.url + "fiche-technique/", {"couverts": "40", "prix": "huit"}).content.decode()
    assert "« huit » n&#x27;est pas un montant" in content
    assert 'value="huit"' in content
    assert "Marge brute" not in content


def test_recipe_page_query_count_does_not_grow(client, make_recipe, make_cafe, django_assert_max_num_queries):
    def request(recipe):
        with django_assert_max_num_queries(30) as queries:
            assert client.get(recipe.url).status_code == 200
        return len(queries)

    small = make_recipe("Petite recette", lines=[("1", "", "œuf", "", "0.25")])
    big = make_recipe(
        "Grande recette", lines=[(str(i + 1), "g", f"farine {i}", "", "0.10") for i in range(40)]
    )
    cafes = [make_cafe(insee) for insee in ("63131", "73033", "29071", "35248", "71409", "88201")]
    for cafe in cafes:
        TriedReport.objects.create(recipe=big, cafe=cafe, rating=4, comment="Bien.")
    big.tags.add("a", "b", "c", "d")
    big.save_revision().publish()
    assert client.get("/").status_code == 200  # the first request caches the site
    cold = request(small)
    assert request(big) == cold  # both build their fragments (recettes.fragments)
    assert request(big) == request(small) < cold


def test_index_lists_only_what_the_visitor_may_see(member_client, make_recipe):
    client = Client()
    make_recipe("Tarte publique")
    make_recipe("Recette réservée", visibility=Visibility.MEMBERS)
    public = client.get("/recettes/").content.decode()
    assert "Tarte publique" in public and "Recette réservée" not in public
    members = member_client.get("/recettes/").content.decode()
    assert "Tarte publique" in members and "Recette réservée" in members


def test_index_filters(client, make_recipe):
    month = timezone.localdate().month
    other = month % 12 + 1
    make_recipe(
        "Soupe de saison",
        course="entree",
        months=[month],
        diets=["vegan"],
        prep_minutes=10,
        cook_minutes=10,
        lines=[("1", "kg", "potiron", "", "1.20")],
        tags=["soupe"],
    )
    make_recipe("Tarte hors saison", course="dessert", months=[other], prep_minutes=60, cook_minutes=60)

    def titles(**params) -> set[str]:
        content = client.get("/recettes/", params).content.decode()
        return {t for t in ("Soupe de saison", "Tarte hors saison") if t in content}

    assert titles() == {"Soupe de saison", "Tarte hors saison"}
    assert titles(type="dessert") == {"Tarte hors saison"}
    assert titles(saison="on") == {"Soupe de saison"}
    assert titles(regime="vegan") == {"Soupe de saison"}
    assert titles(mot_cle="soupe") == {"Soupe de saison"}
    assert titles(duree_max="30") == {"Soupe de saison"}
    assert titles(cout_max="0,50") == {"Soupe de saison"}  # 1.20 € / 6 = 0.20 € against 0.80 €
    assert titles(cout_max="0") == set()
    every = {"type": "entree", "saison": "on", "regime": "vegan", "mot_cle": "soupe", "duree_max": "20"}
    assert titles(**every, cout_max="0,20", tri="mieux-notees") == {"Soupe de saison"}
    assert titles(type="dessert", regime="vegan") == set()


def test_index_reports_a_wrong_filter_and_ignores_it(client, make_recipe):
    make_recipe("Tarte aux pommes")
    content = client.get("/recettes/", {"duree_max": "vite", "cout_max": "-2"}).content.decode()
    assert "Écrivez une durée en minutes" in content
    assert "doit être un montant positif" in content
    assert 'value="-2"' in content
    assert "Tarte aux pommes" in content


def test_index_sorts_by_rating_and_by_tries(client, make_recipe, make_cafe, cafe):
    loved = make_recipe("Aimée")
    tried = make_recipe("Testée partout")
    make_recipe("Nouvelle")
    culhat, bauche = make_cafe(CULHAT), make_cafe("73033")
    TriedReport.objects.create(recipe=loved, cafe=cafe, rating=5, comment="Parfait.")
    for c in (cafe, culhat, bauche):
        TriedReport.objects.create(recipe=tried, cafe=c, rating=3, comment="Correct.")

    def order(sort: str) -> list[str]:
        content = client.get("/recettes/", {"tri": sort}).content.decode()
        return sorted(("Aimée", "Testée partout", "Nouvelle"), key=content.index)

    assert order("recentes") == ["Nouvelle", "Testée partout", "Aimée"]
    assert order("mieux-notees") == ["Aimée", "Testée partout", "Nouvelle"]
    assert order("plus-testees") == ["Testée partout", "Aimée", "Nouvelle"]


def test_index_paginates_and_keeps_the_filters(client, make_recipe):
    for i in range(14):
        make_recipe(f"Dessert {i:02d}", course="dessert")
    first = client.get("/recettes/", {"type": "dessert"}).content.decode()
    assert "14 recettes" in first and "Page 1 sur 2" in first
    assert "?type=dessert&amp;page=2" in first
    second = client.get("/recettes/", {"type": "dessert", "page": "2"}).content.decode()
    assert second.count('class="card recipe-card"') == 2
    assert client.get("/recettes/", {"page": "zzz"}).status_code == 200
    too_far = client.get("/recettes/", {"type": "dessert", "page": "99"}).content.decode()
    assert "Page 2 sur 2" in too_far and too_far.count('class="card recipe-card"') == 2


def test_index_query_count_does_not_grow_with_recipes(
    client, make_recipe, make_cafe, django_assert_max_num_queries
):
    image = make_image()
    culhat = make_cafe(CULHAT)

    def count() -> int:
        with django_assert_max_num_queries(25) as queries:
            assert client.get("/recettes/").status_code == 200
        return len(queries)

    make_recipe("Première", photo=image, diets=["vegan"])
    count()  # the first request creates the thumbnail rendition
    few = count()
    for i in range(12):
        recipe = make_recipe(f"Recette {i}", photo=image, diets=["vegan", "sans-gluten"], cafe=culhat)
        TriedReport.objects.create(recipe=recipe, cafe=culhat, rating=4, comment="Bien.")
    count()  # new pages make the cached site frame stale: this request reads the site and menu again
    assert count() == few


def test_cafe_page_lists_the_recipes_it_shared(client, cafe, make_recipe):
    make_recipe("Tarte du café")
    make_recipe("Secret du café", visibility=Visibility.MEMBERS)
    content = client.get(cafe.url).content.decode()
    assert "Recettes partagées par ce café" in content
    assert "Tarte du café" in content and "Secret du café" not in content


def test_reserved_slug_is_refused(recipe_index):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        recipe_index.add_child(instance=RecipePage(title="Partager", slug="partager", description="x"))
    assert "réservée" in error.value.message_dict["slug"][0]


def test_facts_come_in_one_query_in_each_vocabularys_order(
    make_recipe, make_cafe, make_producer, rf, django_assert_num_queries
):
    recipe = make_recipe(
        months=[11, 2, 9],
        diets=["vegetarien", "sans-gluten"],
        allergens=["oeufs", "gluten", "lait"],
        tags=["marché", "goûter", "apéro"],
    )
    orchard, mill = make_producer("Vergers du Bocage"), make_producer("Moulin de la Sioule")
    recipe.producers = [orchard, mill, make_producer("Ferme en attente", live=False)]
    recipe.save_revision().publish()
    for insee, rating in (("63131", 5), ("29071", 3)):
        TriedReport.objects.create(recipe=recipe, cafe=make_cafe(insee), rating=rating, comment="Bien.")
    other = make_recipe("Soupe", months=[1], diets=["vegan"], tags=["soupe"])  # not mixed in
    url_for = frame(rf.get("/", HTTP_HOST="localhost")).url_for
    with django_assert_num_queries(1):
        facts = recipe_facts(recipe, url_for)
    assert facts.cafe == PageLink(recipe.cafe.title, recipe.cafe.url)
    assert [month.number for month in facts.months] == [2, 9, 11]
    assert [str(month) for month in facts.months] == [str(m) for m in recipe.months.all()]
    assert [diet.name for diet in facts.diets] == [diet.name for diet in recipe.diets.all()]
    assert [a.code for a in facts.allergens] == [a.code for a in recipe.allergens.order_by("sort_order")]
    assert {tag.slug for tag in facts.tags} == {tag.slug for tag in recipe.tags.all()}
    assert [tag.name for tag in facts.tags] == sorted(tag.name for tag in facts.tags)
    assert [(p.title, p.url) for p in facts.producers] == [(p.title, p.url) for p in (mill, orchard)]
    assert facts.producers[0].commune == mill.commune.name
    assert facts.producers[0].department == mill.commune.department.name
    assert [(row.rating, row.region, row.comment) for row in facts.tries] == [
        (3, "Bretagne", "Bien."),
        (5, "Auvergne-Rhône-Alpes", "Bien."),
    ]  # newest first
    other_facts = recipe_facts(make_recipe("Sans café", cafe=None), url_for)
    assert other_facts.cafe is None
    other_facts = recipe_facts(other, url_for)
    assert [tag.name for tag in other_facts.tags] == ["soupe"]
    assert other_facts.producers == other_facts.tries == []


def test_a_drafts_facts_come_from_its_revision(make_recipe):
    recipe = make_recipe(diets=["vegan"])
    recipe.diets = list(Diet.objects.filter(slug="sans-gluten"))
    recipe.save_revision()
    draft = recipe.get_latest_revision_as_object()
    assert [diet.slug for diet in recipe_facts(draft, str).diets] == ["sans-gluten"]
    assert [diet.slug for diet in recipe_facts(RecipePage.objects.get(pk=recipe.pk), str).diets] == ["vegan"]
    TriedReport.objects.create(recipe=recipe, cafe=recipe.cafe, rating=4, comment="Bien.")
    tries = recipe_facts(draft, str).tries
    assert [(row.rating, row.region) for row in tries] == [(4, "Auvergne-Rhône-Alpes")]  # the saved recipe's


def test_index_cards_show_each_figure_and_escape_what_members_typed(member_client, make_recipe, make_cafe):
    cafe = make_cafe(CULHAT, title="Le <b>Comptoir</b> & co")
    tried = make_recipe(
        '<script>alert("tarte")</script> aux poires', cafe=cafe, diets=["vegan", "sans-gluten"],
        visibility=Visibility.MEMBERS, photo=make_image(),
    )  # fmt: skip
    TriedReport.objects.create(recipe=tried, cafe=cafe, rating=4, comment="Bien.")
    make_recipe("Soupe de potiron", cafe=None, prep_minutes=15, cook_minutes=60)
    html = member_client.get("/recettes/").content.decode()
    cards = re.findall(r'<li class="card recipe-card">.*?</li>', html, re.S)
    assert len(cards) == 2
    soup, tart = cards  # newest first
    assert "<script>" not in html.split("<main", 1)[1].split('type="application/ld+json"')[0]
    assert (
        f'<a href="{tried.url}">&lt;script&gt;alert(&quot;tarte&quot;)&lt;/script&gt; aux poires</a>' in tart
    )
    assert "Le &lt;b&gt;Comptoir&lt;/b&gt; &amp; co · 55\u00a0min · " in tart
    assert '<span class="badge badge--members">membres</span>' in tart
    assert "4,0\u00a0/\u00a05 · testée dans 1 café</p>" in tart
    assert '<p class="card__meta">sans gluten, vegan</p>' in tart
    assert "1\u00a0h\u00a015" in soup and "membres" not in soup and "testée" not in soup
    thumbnail = tried.photo.get_rendition("fill-480x320")
    assert f'<img alt="" height="{thumbnail.height}" src="{thumbnail.url}"' in tart and "<img" not in soup


def test_the_tag_filter_offers_visitors_only_the_tags_of_recipes_they_see(member_client, make_recipe):
    make_recipe("Tarte du marché", tags=["marché", "été"])
    make_recipe("Recette du réseau", visibility=Visibility.MEMBERS, tags=["réserve des gérants"])
    visitor = Client().get("/recettes/").content.decode()
    assert '<option value="marché">marché</option>' in visitor
    assert "réserve des gérants" not in visitor
    member = member_client.get("/recettes/").content.decode()
    assert '<option value="réserve-des-gérants">réserve des gérants</option>' in member
    tags = re.findall(r'<option value="([^"]*)">', member.split('name="mot_cle"')[1].split("</select>")[0])
    assert tags == ["été", "marché", "réserve-des-gérants"]  # in French order: é sorts with e


def test_a_recipe_with_a_photo_costs_one_query_more_for_its_renditions(
    client, make_recipe, django_assert_num_queries
):
    plain = make_recipe("Soupe de potiron")
    pictured = make_recipe("Tarte du verger", photo=make_image())
    client.get(pictured.url)  # creates the renditions; the frame is read
    client.get(plain.url)
    content_changed(sender=None)  # the pages' fragments are built again (recettes.fragments)
    with django_assert_num_queries(4):  # the recipe, its lines, its facts, the threads about it
        client.get(plain.url)
    with django_assert_num_queries(5):  # and the photo's renditions, the photo coming with the recipe
        content = client.get(pictured.url).content.decode()
    with django_assert_num_queries(2):  # built: the recipe and the threads about it
        assert client.get(pictured.url).content.decode() == content
    shown = pictured.photo.get_rendition("fill-960x540")
    assert f'class="recipe__photo" height="{shown.height}" src="{shown.url}"' in content


def test_steps_show_their_links_to_pages_and_their_photos_on_the_page_and_the_sheet(
    client, make_recipe, cafe
):
    photo = make_image("La pâte étalée")
    steps = [
        ("step", {"text": RichText(f'<p>Voir <a linktype="page" id="{cafe.pk}">le café</a>.</p>'),
                  "photo": photo}),
        ("step", {"text": RichText("<p>Cuire <b>35 min</b> puis servir.</p>"), "photo": None}),
    ]  # fmt: skip
    recipe = make_recipe("Tarte du verger", steps=steps)
    content = client.get(recipe.url).content.decode()
    assert f'<li><p>Voir <a href="{cafe.url}">le café</a>.</p><img alt=""' in content
    assert f'src="{photo.get_rendition("width-480").url}"' in content
    assert "<li><p>Cuire <b>35 min</b> puis servir.</p></li>" in content
    sheet = client.get(recipe.url + "fiche-technique/").content.decode()
    assert f'<li><p>Voir <a href="{cafe.url}">le café</a>.</p></li>' in sheet
    instructions = json_ld(content)["recipeInstructions"]
    assert [step["text"] for step in instructions] == ["Voir le café.", "Cuire 35 min puis servir."]
