"""The team creates cafés and stories in the Wagtail admin (moderators publish); a café in a town of 3,500
or more is refused there with the rule's explanation next to the commune field."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from reseau.models import CafePage, StoryPage
from tests import geo
from tests.conftest import BEAULON, MOULINS


def cafe_form(commune, services, image) -> dict:
    # Lists stay outside nested_form_data, which would number them like formset rows.
    return {"services": [services["epicerie"].pk]} | nested_form_data(
        {
            "title": "Le Café de la place",
            "slug": "le-cafe-de-la-place",
            "commune": commune.pk,
            "status": "ouvert",
            "address": "Place du bourg",
            "opening_hours": "Du mardi au dimanche",
            "description": rich_text("<p>Un café au cœur du village.</p>"),
            "photos": inline_formset([{"image": image.pk, "alt": "La terrasse au soleil", "caption": ""}]),
        }
    )


def test_moderator_publishes_a_cafe_with_services_and_photos(
    client, moderator, cafe_index, services, make_image
):
    client.force_login(moderator)
    commune = geo.commune(BEAULON)
    url = f"/admin/pages/add/reseau/cafepage/{cafe_index.pk}/"
    response = client.post(url, {**cafe_form(commune, services, make_image()), "action-publish": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    cafe = CafePage.objects.get(slug="le-cafe-de-la-place")
    assert cafe.live and list(cafe.services.values_list("slug", flat=True)) == ["epicerie"]
    assert cafe.photos.get().alt == "La terrasse au soleil"


def test_admin_refuses_a_cafe_in_a_town_of_3500_or_more_next_to_the_commune(
    client, editor, cafe_index, services, make_image
):
    client.force_login(editor)
    moulins = geo.commune(MOULINS)
    url = f"/admin/pages/add/reseau/cafepage/{cafe_index.pk}/"
    response = client.post(url, {**cafe_form(moulins, services, make_image()), "action-publish": "1"})
    assert response.status_code == 200
    assert "Moulins compte 19343 habitants (population 2021)" in response.content.decode()
    assert not CafePage.objects.filter(slug="le-cafe-de-la-place").exists()


def test_moderator_publishes_a_story_with_an_embed_url(
    client, moderator, cafe, story_index, services, make_image
):
    client.force_login(moderator)
    data = nested_form_data(
        {
            "title": "Beaulon : le café rouvre",
            "slug": "beaulon-le-cafe-rouvre",
            "commune": cafe.commune.pk,
            "cafe": cafe.pk,
            "intro": "Le village a retrouvé son café.",
            "body": rich_text("<p>La réunion publique a choisi les services.</p>"),
            "poster": make_image().pk,
            "poster_alt": "La façade du café",
            "video_embed_url": "https://video.example.invalid/embed/beaulon",
            "reopened_on": "2020-03-15",
            "photos": inline_formset([]),
        }
    )
    url = f"/admin/pages/add/reseau/storypage/{story_index.pk}/"
    response = client.post(
        url, {**data, "services_opened": [services["relais-poste"].pk], "action-publish": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    story = StoryPage.objects.get(slug="beaulon-le-cafe-rouvre")
    assert story.live and story.cafe == cafe
    assert [s.slug for s in story.services_opened.all()] == ["relais-poste"]
    assert story in cafe.stories.all()
