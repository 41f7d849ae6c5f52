"""The content apps in the network-wide search: stories, event formats, events, producers, forum threads.

Each type is found in French (plurals, accents), members-only formats and threads never reach a visitor
(results, counts, facets, excerpts, suggestions, the page itself), and the facets each type declares count.
"""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from forum import services
from producteurs.months import ALL_YEAR
from reseau.access import Visibility
from reseau.models import Service, StoryIndexPage, StoryPage
from tests.search.conftest import SAINS

VISITOR = AnonymousUser()

MEMBERS_ONLY_WORDS = ("dégustation", "sommelier", "grossiste", "ristourne")


def facet(outcome, key: str) -> dict[str, int]:
    for found in outcome.response.facets:
        if found.key == key:
            return {value.label: value.count for value in found.values}
    return {}


@pytest.fixture
def network(
    cafe,
    make_cafe,
    home,
    make_format,
    make_event,
    make_producer,
    make_thread,
    old_member,
    members_category,
    public_category,
    reindex,
):
    """One of each new type around the café of Beaulon (Auvergne-Rhône-Alpes), a producer in Bretagne,
    and a members-only format and thread whose words must never reach a visitor."""
    stories = home.add_child(instance=StoryIndexPage(title="Il y a un café dans mon village", slug="recits"))
    grocery, _ = Service.objects.get_or_create(slug="epicerie", defaults={"name": "Épicerie"})
    story = StoryPage(
        title="Beaulon : le café rouvre face à l'église",
        commune=cafe.commune,
        cafe=cafe,
        intro="Les habitants ont racheté les murs de l'ancien bar-tabac.",
        body="<p>Une réunion publique a choisi l'épicerie et le relais poste.</p>",
        reopened_on=date(2021, 6, 5),
    )
    story.services_opened = [grocery]
    stories.add_child(instance=story)
    concert = make_format(
        "Concert au café",
        summary="Un groupe du coin joue au comptoir, entrée au chapeau.",
        season="ete",
        tags=["musique"],
    )
    tasting = make_format(
        "Soirée dégustation",
        summary="Un sommelier présente six vins de la région.",
        season="automne",
        visibility=Visibility.MEMBERS,
    )
    event = make_event(
        "Fête des châtaignes",
        description="Châtaignes grillées, cidre chaud et musique traditionnelle sous le préau.",
    )
    producer = make_producer(
        "Vergers du Coteau",
        "35248",  # Sains, Bretagne
        products={"poires": ALL_YEAR, "cidre": ALL_YEAR},
        labels=("agriculture-biologique",),
        description="<p>Des poiriers hautes tiges et un pressoir à l'ancienne.</p>",
        address="12 chemin des Vergnes",
        phone="02 99 12 34 56",
    )
    market = make_thread(
        old_member,
        public_category,
        "Marchés de producteurs le vendredi",
        "Nous lançons un marché devant le café : combien d'exposants pour commencer ?",
    )
    supplier = make_thread(
        old_member,
        members_category,
        "Contrat du grossiste en boissons",
        "Notre grossiste propose une ristourne de fin d'année : quelqu'un l'a obtenue ?",
    )
    sains = make_cafe(SAINS, title="Le Café de Sains")
    reindex()
    return {
        "story": story,
        "concert": concert,
        "tasting": tasting,
        "event": event,
        "producer": producer,
        "market": market,
        "supplier": supplier,
        "sains": sains,
    }


@pytest.mark.parametrize(
    ("query", "title", "kind"),
    [
        ("eglise", "Beaulon : le café rouvre face à l'église", "Récit"),
        ("habitant", "Beaulon : le café rouvre face à l'église", "Récit"),
        ("concerts", "Concert au café", "Format d'évènement"),
        ("déclarations sacem", "Concert au café", "Format d'évènement"),
        ("chataigne", "Fête des châtaignes", "Évènement"),
        ("fete", "Fête des châtaignes", "Évènement"),
        ("poire", "Vergers du Coteau", "Producteur"),
        ("Fruits bio", None, None),
        ("marche producteur", "Marchés de producteurs le vendredi", "Sujet du forum"),
        ("exposant", "Marchés de producteurs le vendredi", "Sujet du forum"),
    ],
)
def test_each_type_is_found_in_french(network, search, query, title, kind):
    titles, outcome = search(VISITOR, query)
    if title is None:  # a family of products and a label's name, never typed by the producer
        assert titles == ["Vergers du Coteau"]
        return
    assert titles[0] == title
    assert outcome.response.results[0].kind_label == kind
    assert "<mark>" in outcome.response.results[0].excerpt or query in ("eglise", "concerts", "fete")


def test_results_are_placed_in_their_region_and_cafe(network, search):
    _, outcome = search(VISITOR, "châtaignes")
    event = outcome.response.results[0]
    assert (event.region_name, event.cafe_title) == ("Auvergne-Rhône-Alpes", network["event"].cafe.title)
    assert event.url == network["event"].get_absolute_url()
    _, outcome = search(VISITOR, "poiriers")
    assert outcome.response.results[0].region_name == "Bretagne"


def test_members_only_formats_and_threads_never_reach_a_visitor(network, search, client):
    for word in MEMBERS_ONLY_WORDS:
        titles, outcome = search(VISITOR, word)
        assert titles == [] and outcome.response.total == 0, word
        assert facet(outcome, "type") == {} and facet(outcome, "saison") == {}
    _, outcome = search(VISITOR, "soirée OR contrat OR café")
    assert {"Soirée dégustation", "Contrat du grossiste en boissons"}.isdisjoint(
        result.title for result in outcome.response.results
    )
    assert "Automne" not in facet(outcome, "saison")
    page = client.get("/recherche/", {"q": "grossiste OR ristourne OR dégustation"}).content.decode()
    for leak in ("Contrat du grossiste", "Soirée dégustation", "sommelier", "fin d'année", "Automne"):
        assert leak not in page, leak
    for prefix in ("dég", "soir", "contr"):
        suggestions = client.get("/recherche/suggestions/", {"q": prefix}).json()["suggestions"]
        assert suggestions == [], prefix
    # A filter on the members-only format's season is unknown to a visitor: ignored, and said so.
    _, outcome = search(VISITOR, "café", saison=["automne"])
    assert outcome.filters == {} and "ignoré" in outcome.messages[0]


def test_a_member_finds_them(network, search, member):
    assert search(member, "dégustations")[0] == ["Soirée dégustation"]
    titles, outcome = search(member, "ristournes")
    assert titles == ["Contrat du grossiste en boissons"]
    assert "<mark>ristourne</mark>" in outcome.response.results[0].excerpt


def test_facets_season_label_region_and_tags(network, search, member):
    _, outcome = search(member, "café OR sommelier")
    assert facet(outcome, "saison") == {"Été": 1, "Automne": 1}
    grocery = network["story"].services_opened.get()
    assert facet(outcome, "tag") == {"musique": 1, grocery.name: 1}  # a format's tag, a story's service
    titles, outcome = search(member, "café OR sommelier", saison=["ete"])
    assert titles == ["Concert au café"]
    assert facet(outcome, "saison") == {"Été": 1, "Automne": 1}  # its own filter does not narrow it

    titles, outcome = search(VISITOR, "poires", label=["agriculture-biologique"])
    assert titles == ["Vergers du Coteau"]
    assert facet(outcome, "label") == {"Agriculture biologique": 1}
    assert facet(outcome, "region") == {"Bretagne": 1}

    _, outcome = search(VISITOR, "café OR cidre OR marché")
    regions = facet(outcome, "region")
    assert regions["Bretagne"] == 2  # the producer and the café of Sains
    assert regions["Auvergne-Rhône-Alpes"] >= 3  # the café, its story and its event
    titles, _ = search(VISITOR, "café OR cidre", region=["53"], type=["producteur"])
    assert titles == ["Vergers du Coteau"]


def test_products_are_suggested(network, client):
    suggestions = client.get("/recherche/suggestions/", {"q": "poi"}).json()["suggestions"]
    assert [s["texte"] for s in suggestions] == ["poires"]
    assert suggestions[0]["url"] == network["producer"].url


def test_a_producers_contact_details_are_not_indexed(network, search, member):
    for query in ("Vergnes", "chemin", "0299123456", "02 99 12 34 56"):
        assert search(member, query)[0] == [], query


def test_query_counts_of_building_documents_do_not_grow_with_the_content(
    network, make_producer, make_event, make_thread, old_member, public_category, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.documents import all_documents

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            list(all_documents())
        return len(captured)

    before = count()
    for number in range(6):
        make_producer(f"Rucher numéro {number}", products={"miel": ALL_YEAR}, labels=("label-rouge",))
        make_event(f"Loto numéro {number}", days=number + 2)
        services.create_thread(old_member, public_category, f"Question numéro {number}", "Une question.")
    assert count() == before
