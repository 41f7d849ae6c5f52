"""The directory reads and writes by hand what the ORM and the templates used to: its cards and filter options
are written by Python, its search and vocabularies are compiled queries, its filter options are kept from one
request to the next. They must escape, find and refresh exactly as before, in queries that do not grow with
the number of producers."""

import pytest
from django.template import Context, Template
from django.template.defaultfilters import floatformat

from producteurs.finding import Criteria, communes_named, find_producers, search_terms
from producteurs.forms import filter_choices
from producteurs.models import Label, Product
from producteurs.months import ALL_YEAR
from producteurs.templatetags.producteurs_tags import kilometres, producer_cards
from producteurs.views import RESULT_ROWS, Card, _result_rows
from reseau.models import Region
from tests import geo
from tests.conftest import BEAULON
from tests.producteurs.conftest import CANCALE, DIOU, GARNAT
from tests.producteurs.test_finding import names

HOSTILE = '<script>alert("x")</script> & Fils'
# The card as the template wrote it before producer_cards: the reference the Python writer must match.
CARD_TEMPLATE = """{% for producer in cards %}<li class="card producer-card">
  <h3><a href="{{ producer.url }}">{{ producer.title }}</a></h3>
  <p>{{ producer.kind|capfirst }} · {{ producer.commune }} ({{ producer.department }}) · \
{{ producer.region }}{% if has_distance %} · <strong>{{ producer.distance|floatformat:0 }} km</strong>\
{% endif %}</p>
  {% if producer.products %}<p class="products">{{ producer.products|join:", " }}</p>{% endif %}
  {% if producer.labels %}<ul class="badges" aria-label="Labels de {{ producer.title }}">\
{% for name, organic in producer.labels %}<li class="badge{% if organic %} badge--bio{% endif %}">\
{{ name }}</li>{% endfor %}</ul>{% endif %}
</li>
{% endfor %}"""


def test_cards_are_written_as_the_template_wrote_them_with_every_text_escaped():
    cards = [
        Card(
            HOSTILE,
            '/producteurs/"><script>/',
            "atelier",
            "L'Île-d'Yeu <b>",
            "85",
            "Pays de la Loire & co",
            12.5,
        ),
        Card("Ferme sans rien", "/producteurs/ferme/", "ferme", "Beaulon", "03", "Auvergne-Rhône-Alpes", 0.4),
    ]
    cards[0].products = ["pommes", "<i>cidre</i>"]
    cards[0].labels = [("Agriculture biologique", True), ("<b>Label</b>", False)]
    for has_distance in (True, False):
        written = producer_cards(cards, has_distance)
        expected = Template(CARD_TEMPLATE).render(Context({"cards": cards, "has_distance": has_distance}))
        assert written.split() == expected.split()
        assert "<script>" not in written and "<b>" not in written and "<i>" not in written
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Fils" in written


def test_distances_are_rounded_as_floatformat_rounds_them():
    for distance in (0.0, 0.4999, 0.5, 1.5, 2.5, 12.345, 49.5, 49.49999, 999.5, 1234.5, 5.3000001):
        assert kilometres(distance) == floatformat(distance, 0)


def test_a_hostile_producer_name_is_escaped_in_the_list_and_the_map(client, make_producer):
    geo.commune(BEAULON)
    make_producer(HOSTILE, GARNAT, labels=("agriculture-biologique",))
    content = client.get("/producteurs/?commune=Beaulon&rayon=50").content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Fils</a></h3>" in content
    assert 'aria-label="Labels de &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Fils"' in content
    assert "\\u003Cscript\\u003Ealert" in content  # the map's JSON markers


def test_new_and_renamed_vocabulary_shows_at_once_and_escaped(client, make_producer):
    make_producer("Ferme")
    client.get("/producteurs/")
    first = filter_choices()
    assert filter_choices() is first  # nothing changed: the options are kept
    Label.objects.create(name="<b>Bio local</b>", slug="bio-local")
    Product.objects.filter(slug="pommes").update(name="pommes à couteau")
    content = client.get("/producteurs/?label=bio-local").content.decode()
    assert '<option value="bio-local" selected>&lt;b&gt;Bio local&lt;/b&gt;</option>' in content
    assert '<option value="pommes">pommes à couteau</option>' in content
    assert filter_choices() is not first


def test_filter_values_stand_for_the_vocabulary_entries_they_name(vocabulary):
    geo.region("84")
    choices = filter_choices()
    fruits, pommes = choices.entry("product", "fruits"), choices.entry("product", "pommes")
    assert (fruits.pk, fruits.is_family, fruits.name) == (
        Product.objects.get(slug="fruits").pk,
        True,
        "Fruits",
    )
    assert pommes.parent_id == fruits.pk and not pommes.is_family
    region = choices.entry("region", "84")
    assert region.name == "Auvergne-Rhône-Alpes"
    assert region.name_with_article == Region.objects.get(code="84").name_with_article  # read when asked
    assert choices.entry("label", "inconnu") is None and choices.entry("product", "") is None


def test_the_compiled_search_finds_what_the_orm_finds(cafe, make_producer):
    beaulon = geo.commune(BEAULON)
    make_producer(
        "Verger 100% bio", GARNAT, products={"pommes": ALL_YEAR}, labels=("agriculture-biologique",)
    )
    make_producer("Cidrerie_du_val", DIOU, products={"cidre": ALL_YEAR}, delivery_radius_km=20)
    make_producer("Huîtres de Cancale", CANCALE, products={"huitres": ALL_YEAR}, modes=("marches",))
    fruits, pommes = Product.objects.get(slug="fruits"), Product.objects.get(slug="pommes")
    origin = (beaulon.latitude, beaulon.longitude)
    searches = [
        Criteria(),
        Criteria(text="verger"),
        Criteria(text="%"),
        Criteria(text="_"),
        Criteria(text="100%"),
        Criteria(product=fruits, origin=origin),
        Criteria(product=pommes, month=3, organic_only=True),
        Criteria(any_label=True, exclude_region=Region.objects.get(code="53")),
        Criteria(origin=origin, radius_km=20),
        Criteria(origin=origin, radius_km=20, delivers_to=cafe),
        Criteria(region=Region.objects.get(code="53"), text="cancale"),
    ]
    for criteria in searches:
        names, values = search_terms(criteria)
        compiled = RESULT_ROWS.rows(names, *values, limit=501)
        assert compiled == list(_result_rows(names, *values)), criteria
        assert [row[1] for row in compiled] == [page.title for page in find_producers(criteria)]
    found = {
        criteria.text: [row[1] for row in RESULT_ROWS.rows(*_flat(criteria))] for criteria in searches[1:5]
    }
    # The typed text is found as it is: "%" and "_" are no wildcards.
    assert found == {
        "verger": ["Verger 100% bio"],
        "%": ["Verger 100% bio"],
        "_": ["Cidrerie_du_val"],
        "100%": ["Verger 100% bio"],
    }


def _flat(criteria: Criteria) -> tuple:
    names, values = search_terms(criteria)
    return (names, *values)


def test_communes_come_with_their_department_and_region_in_one_query(db, django_assert_num_queries):
    geo.commune(BEAULON)
    with django_assert_num_queries(1):
        (beaulon,) = communes_named("Beaulon (03230)")
        assert (beaulon.department.code, beaulon.department.region.name) == ("03", "Auvergne-Rhône-Alpes")


@pytest.mark.parametrize("count", [5, 30])
def test_a_visitors_distance_search_reads_the_same_queries_whatever_the_number_of_producers(
    client, make_producer, django_assert_num_queries, count
):
    geo.commune(BEAULON)
    for number in range(count):
        make_producer(
            f"Ferme {number:02d}",
            GARNAT if number % 2 else DIOU,
            products={"pommes": ALL_YEAR, "cidre": ALL_YEAR},
            labels=("agriculture-biologique", "aop"),
        )
    client.get("/producteurs/")  # the site's frame, cached for every page after
    # The filters' options, the commune, the result rows (count, map, page), the cards' products and labels.
    with django_assert_num_queries(4):
        response = client.get("/producteurs/?commune=Beaulon&rayon=50")
    assert len(names(response)) == min(count, 24)


def test_a_manager_is_offered_the_producers_near_their_cafe(member_client, client, cafe, make_producer):
    make_producer("Ferme")
    link = f'href="/producteurs/?cafe={cafe.pk}&amp;rayon=50">Producteurs près de mon café ({cafe.title})</a>'
    assert link in member_client.get("/producteurs/").content.decode()
    cafe.unpublish()
    assert "Producteurs près de mon café" not in member_client.get("/producteurs/").content.decode()
    member_client.logout()
    assert "Producteurs près de mon café" not in client.get("/producteurs/").content.decode()
