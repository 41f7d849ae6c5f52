"""Fixtures of the producers' tests: the vocabularies, the directory page and a producer factory."""

import pytest

from producteurs.models import Label, ProducerIndexPage, ProducerPage, ProducerProduct, Product, SalesMode
from producteurs.months import ALL_YEAR
from producteurs.vocabulary import ensure_vocabulary
from tests import geo

GARNAT = "03120"  # Garnat-sur-Engièvre, 5 km from Beaulon
DIOU = "03100"  # Diou, 9 km from Beaulon
CANCALE = "35049"  # Bretagne
GUERANDE = "44069"  # Pays de la Loire


@pytest.fixture
def vocabulary(db):
    ensure_vocabulary()


@pytest.fixture
def producer_index(home, vocabulary):
    return home.add_child(
        instance=ProducerIndexPage(title="Les producteurs", slug="producteurs", show_in_menus=True)
    )


@pytest.fixture
def make_producer(producer_index):
    """make_producer("Ferme X", "03120", products={"pommes": mask}, labels=[...], modes=[...], **fields)."""

    def make(
        title: str,
        insee: str = GARNAT,
        *,
        products: dict[str, int] | None = None,
        labels: tuple[str, ...] = (),
        modes: tuple[str, ...] = (),
        live: bool = True,
        **fields,
    ) -> ProducerPage:
        page = ProducerPage(title=title, commune=geo.commune(insee), live=live, **fields)
        page.offers = [
            ProducerProduct(product=Product.objects.get(slug=slug), months=months)
            for slug, months in (products if products is not None else {"pommes": ALL_YEAR}).items()
        ]
        page.labels = list(Label.objects.filter(slug__in=labels))
        page.sales_modes = list(SalesMode.objects.filter(slug__in=modes))
        return producer_index.add_child(instance=page)

    return make
