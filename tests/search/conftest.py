"""Fixtures of the search's tests: content pages to find, and the index rebuilt on demand."""

import pytest

from reseau.access import Visibility
from reseau.models import ContentPage
from search.engine import rebuild_index, run_search

SAINS = "35248"  # Ille-et-Vilaine, Bretagne
LA_BAUCHE = "73033"  # Savoie, Auvergne-Rhône-Alpes


@pytest.fixture
def make_page(home):
    def make(
        title: str, body: str, visibility: str = Visibility.PUBLIC, intro: str = "", **fields
    ) -> ContentPage:
        return home.add_child(
            instance=ContentPage(
                title=title, intro=intro, body=f"<p>{body}</p>", visibility=visibility, **fields
            )
        )

    return make


@pytest.fixture
def reindex(db):
    """Rebuild the index from the database (as load_demo and rebuild_search_index do)."""
    return rebuild_index


@pytest.fixture
def corpus(make_cafe, make_page, reindex):
    """A small network: three cafés in three regions, public pages and one members-only page."""
    beaulon = make_cafe(
        "03019",
        title="Le Café de Beaulon",
        description="<p>Café, épicerie de dépannage et relais poste au cœur du bourg.</p>",
    )
    sains = make_cafe(
        SAINS,
        title="Le Café de Sains",
        description="<p>Repris par le réseau, avec une épicerie et des concerts.</p>",
    )
    bauche = make_cafe(
        LA_BAUCHE,
        title="Le Café de La Bauche",
        description="<p>Café de montagne, location de vélos à assistance électrique.</p>",
    )
    tarte = make_page(
        "Tarte aux pommes du verger",
        "Une tarte aux pommes cuisinée avec les fruits des producteurs voisins, servie l'automne.",
        slug="tarte-aux-pommes",
    )
    compote = make_page(
        "Compote maison",
        "Des pommes et des poires, cuites doucement : la compote se garde une semaine.",
        slug="compote",
    )
    secret = make_page(
        "Contrat fournisseur confidentiel",
        "Les tarifs négociés du brasseur partenaire : remise de quinze pour cent sur les fûts.",
        visibility=Visibility.MEMBERS,
        slug="contrat-brasseur",
    )
    reindex()
    return {
        "beaulon": beaulon,
        "sains": sains,
        "bauche": bauche,
        "tarte": tarte,
        "compote": compote,
        "secret": secret,
    }


@pytest.fixture
def search():
    """Search as a user: the titles found, in order, and the whole outcome."""

    def run(user, query: str, page: str = "", **filters):
        outcome = run_search(user, query, {key: list(values) for key, values in filters.items()}, page)
        titles = [result.title for result in outcome.response.results] if outcome.searched else []
        return titles, outcome

    return run


# The content apps' own factories, shared rather than copied (formats, events, producers, forum threads).
from tests.evenements.conftest import events_index, formats_index, make_event, make_format  # noqa: E402, F401
from tests.forum.conftest import make_thread, members_category, old_member, public_category  # noqa: E402, F401
from tests.producteurs.conftest import make_producer, producer_index, vocabulary  # noqa: E402, F401
from tests.recettes.conftest import make_recipe, recipe_index  # noqa: E402, F401
