"""The results page and the autocomplete endpoint: what a person sees, bad input included (never a 500)."""

from html import unescape

import pytest
from django.urls import reverse

from reseau.models import CafePage


def page_text(client, **params) -> str:
    response = client.get(reverse("search:results"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_results_show_type_title_highlighted_excerpt_and_place(corpus, client):
    html = page_text(client, q="epicerie")
    assert "2 résultats pour « epicerie »" in html
    assert '<a href="/cafes/le-cafe-de-beaulon/">Le Café de Beaulon</a>' in html
    assert "<mark>épicerie</mark> de dépannage" in html
    assert "Auvergne-Rhône-Alpes" in html
    assert '<p class="badge">Café</p>' in html


def test_header_search_box_appears_once_the_url_exists(corpus, client):
    html = page_text(client, q="tarte")
    assert 'id="recherche-entete"' in html
    assert 'value="tarte"' in html


def test_facet_form_keeps_the_query_and_marks_selected_values(corpus, client):
    html = page_text(client, q="café", region="53")
    assert '<input type="hidden" name="q" value="café">' in html
    assert 'name="region" value="53" checked' in html
    assert "Retirer le filtre Région : Bretagne" in html


def test_a_facets_count_is_what_ticking_it_shows_when_partial_matches_are_listed(corpus, client):
    # Only Sains has both words: Beaulon (épicerie only) is listed after it, and counted in the facets.
    response = client.get(reverse("search:results"), {"q": "épicerie concerts"})
    kinds = {value.label: value.count for value in response.context["outcome"].response.facets[0].values}
    assert kinds == {"Café": 2}
    html = response.content.decode()
    assert '<input type="hidden" name="mots" value="certains">' in html  # in the facet form

    html = page_text(client, q="épicerie concerts", type="cafe", mots="certains")
    assert "2 résultats pour « épicerie concerts »" in html
    assert html.index("Le Café de Sains") < html.index("Le Café de Beaulon")
    assert "viennent en premier, suivis de ceux qui en contiennent une partie" in html
    assert 'href="?q=%C3%A9picerie+concerts&amp;mots=certains"' in html  # removing the filter keeps them

    # A new search (no "mots") decides again: under a filter, partial matches only when none has every word.
    html = page_text(client, q="épicerie concerts", type="cafe")
    assert "1 résultat pour « épicerie concerts »" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Saisissez un ou plusieurs mots"),
        ("   ", "Saisissez un ou plusieurs mots"),
        ("le la les de du", "ces mots sont trop courants pour être cherchés"),
        ("\" * - ' ( ) : ^", "ne contient aucun mot à chercher"),
    ],
)
def test_queries_with_nothing_to_search_get_a_french_message(corpus, client, query, message):
    html = page_text(client, q=query)
    assert message in unescape(html)
    assert "résultat" not in html.split("</form>", 1)[1].split("<footer", 1)[0]


@pytest.mark.parametrize(
    "query",
    [
        '"tarte',
        "tarte*",
        "-tarte",
        "tarte NEAR pommes",
        "l'épicerie'",
        "tarte AND OR NOT",
        'épicerie") OR 1=1 --',
    ],
)
def test_fts_and_sql_syntax_is_read_as_plain_words(corpus, client, query):
    html = page_text(client, q=query)
    assert "résultat" in html
    assert f'value="{query.replace(chr(34), "&quot;").replace(chr(39), "&#x27;")}"' in html


def test_a_10000_character_query_is_cut_and_said_so(corpus, client):
    query = ("épicerie relais " * 700)[:10_000]
    html = page_text(client, q=query)
    assert "Votre recherche était très longue" in html
    assert "Le Café de Beaulon" in html
    assert query in html  # nothing typed is lost on re-display


def test_unknown_facet_values_are_ignored_with_a_message(corpus, client):
    html = page_text(client, q="épicerie", region=["99", "53"], type="<b>recette</b>")
    assert "Le filtre « Région : 99 » ne correspond à aucun contenu : il a été ignoré." in unescape(html)
    assert "Le filtre « Type de contenu : &lt;b&gt;recette&lt;/b&gt; »" in html
    assert "Le Café de Sains" in html and "Le Café de Beaulon" not in html


@pytest.mark.parametrize(
    ("page", "message", "shown"),
    [
        ("99999", "Il n'y a que 2 pages de résultats : voici la dernière.", "Page 2 sur 2"),
        ("abc", "La page « abc » n'existe pas : voici la première page des résultats.", "Page 1 sur 2"),
        ("-3", "La page « -3 » n'existe pas", "Page 1 sur 2"),
    ],
)
def test_out_of_range_pages_show_a_real_page(make_cafe, reindex, client, page, message, shown):
    for insee in [
        "03019",
        "63131",
        "73033",
        "29071",
        "35248",
        "71409",
        "45019",
        "88201",
        "03001",
        "03002",
        "03003",
    ]:
        make_cafe(insee, description="<p>Épicerie et relais poste.</p>")
    reindex()
    html = page_text(client, q="épicerie", page=page)
    assert message in unescape(html)
    assert shown in html


def test_no_result_gets_advice(corpus, client):
    html = page_text(client, q="planétarium")
    assert "Aucun résultat pour « planétarium »" in html
    assert "Vérifiez l'orthographe" in html


def test_suggestions_after_two_letters(corpus, client):
    url = reverse("search:suggestions")
    assert client.get(url, {"q": "b"}).json() == {
        "suggestions": [],
        "message": "Saisissez au moins 2 lettres.",
    }
    found = client.get(url, {"q": "bea"}).json()["suggestions"]
    assert {"texte": "Beaulon", "url": "/cafes/le-cafe-de-beaulon/", "type": "Café"} in found
    assert {"texte": "Le Café de Beaulon", "url": "/cafes/le-cafe-de-beaulon/", "type": "Café"} in found
    titles = [s["texte"] for s in client.get(url, {"q": "TARTE"}).json()["suggestions"]]
    assert titles == ["Tarte aux pommes du verger"]
    assert client.get(url, {"q": "x" * 10_000}).json()["suggestions"] == []


def test_results_page_query_count_does_not_grow_with_results(
    make_cafe, reindex, client, django_assert_max_num_queries
):
    for insee in [
        "03019",
        "63131",
        "73033",
        "29071",
        "35248",
        "03001",
        "03002",
        "03003",
        "03004",
        "03005",
        "03006",
    ]:
        make_cafe(insee, description="<p>Épicerie et relais poste.</p>")
    reindex()
    page_text(client, q="")  # the site's frame is read once per pages version (reseau.page_cache)
    with django_assert_max_num_queries(8):
        html = page_text(client, q="épicerie", region=["84", "53"], type="cafe")
    assert html.count('class="search-result"') == 10


def test_members_query_count_is_bounded_too(corpus, member_client, django_assert_max_num_queries):
    page_text(member_client, q="")  # the frame, as above
    with django_assert_max_num_queries(12):  # 11 for the search, 1 for the header's unread badges
        page_text(member_client, q="café", region="84")
    with django_assert_max_num_queries(6):
        member_client.get(reverse("search:suggestions"), {"q": "caf"})


def test_html_in_content_is_escaped_in_excerpts(make_cafe, reindex, client):
    make_cafe(
        "03019",
        title="Café <script>alert(1)</script>",
        description="<p>&lt;img src=x onerror=alert(1)&gt; épicerie</p>",
    )
    reindex()
    html = page_text(client, q="épicerie")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert CafePage.objects.count() == 1
