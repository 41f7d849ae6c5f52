from wagtail import hooks

from reseau.templatetags.reseau_tags import PAGE_SECTIONS_HOOK


def test_apps_add_sections_to_a_cafe_page_through_the_hook(client, cafe, member, settings, tmp_path):
    (tmp_path / "section.html").write_text(
        "<section><h2>Prochains évènements à {{ commune.name }}</h2>"
        "{% if is_member %}<p>Vue de membre</p>{% endif %}</section>"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]

    def next_events(request, page):
        return ("section.html", {"commune": page.commune}) if page.pk == cafe.pk else None

    with hooks.register_temporarily(PAGE_SECTIONS_HOOK, next_events):
        content = client.get(cafe.url).content.decode()
        assert "<h2>Prochains évènements à Beaulon</h2>" in content
        assert "Vue de membre" not in content
        client.force_login(member)  # the section sees the page's context, context processors included
        assert "<p>Vue de membre</p>" in client.get(cafe.url).content.decode()


def test_department_outlines_are_served_from_the_reference_data(client, db):
    response = client.get("/carte/departements.geojson", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert response["Content-Encoding"] == "gzip"
    assert "max-age=86400" in response["Cache-Control"]
