"""The results list (search_tags.search_results, written by Python) is the markup the template wrote, escaped
the same way: what documents carry never becomes markup, the excerpt's <mark> does."""

import pytest
from django.template import Context, Template

from search.documents import Result
from search.templatetags.search_tags import search_results

# The template loop the tag replaced: the reference its output must equal, byte for byte.
TEMPLATE_LOOP = Template(
    """{% for result in results %}
        <li>
          <article class="search-result">
            <p class="badge">{{ result.kind_label }}</p>
            <h3><a href="{{ result.url }}">{{ result.title }}</a></h3>
            {% if result.excerpt %}<p class="search-result__excerpt">{{ result.excerpt|safe }}</p>{% endif %}
            {% if result.region_name or result.cafe_title %}
            <p class="search-result__place">{% if result.cafe_title %}<a href="{{ result.cafe_url }}">\
{{ result.cafe_title }}</a>{% if result.region_name %} · {% endif %}{% endif %}{{ result.region_name }}</p>
            {% endif %}
          </article>
        </li>
        {% endfor %}"""
)

RESULTS = [
    Result(
        kind="recette",
        kind_label="Recette",
        title='Tarte "maison" <script>alert(1)</script>',
        url="/recettes/tarte-aux-pommes/?a=1&b=2",
        excerpt="La <mark>tarte</mark> aux pommes &amp; sa pâte",
        region_name="Auvergne-Rhône-Alpes",
        cafe_title="L'Épicerie & Café",
        cafe_url='/cafes/epicerie/"onclick="x',
    ),
    Result(
        kind="cafe",
        kind_label="Café",
        title="Le Café de Sains",
        url="/cafes/sains/",
        excerpt="",
        region_name="Bretagne",
    ),
    Result(
        kind="sujet",
        kind_label="Sujet",
        title="Horaires d'été",
        url="/forum/sujet/3/",
        excerpt="Les <mark>horaires</mark>",
        cafe_title="Café de Beaulon",
        cafe_url="/cafes/beaulon/",
    ),
    Result(kind="page", kind_label="Page", title="Qui sommes-nous ?", url="/qui-sommes-nous/", excerpt=""),
]


@pytest.mark.parametrize("count", [0, 1, len(RESULTS)])
def test_the_results_are_the_markup_the_template_wrote(count):
    results = RESULTS[:count]
    assert search_results(results) == TEMPLATE_LOOP.render(Context({"results": results}))


def test_what_documents_carry_is_escaped_and_the_excerpt_keeps_its_marks():
    html = search_results(RESULTS[:1])
    assert "<script>" not in html and '"onclick' not in html
    assert "Tarte &quot;maison&quot; &lt;script&gt;" in html
    assert 'href="/recettes/tarte-aux-pommes/?a=1&amp;b=2"' in html
    assert "L&#x27;Épicerie &amp; Café</a> · Auvergne-Rhône-Alpes" in html
    assert "La <mark>tarte</mark> aux pommes &amp; sa pâte" in html
