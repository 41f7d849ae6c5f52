"""Fixtures for the network's public face: services, images, stories, and a thousand cafés made fast."""

import csv
import itertools
from datetime import date

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.images.models import Image

from reseau.access import Visibility
from reseau.demo_media import cafe_front
from reseau.models import CafePage, ContentPage, Service, StoryIndexPage, StoryPage
from tests import geo
from tests.reseau.bulk import add_cafes


@pytest.fixture
def services(db) -> dict[str, Service]:
    """The network's services, as the migration created them, by slug."""
    return {service.slug: service for service in Service.objects.all()}


@pytest.fixture
def make_image(db):
    def make(title: str = "Façade", size: tuple[int, int] = (1280, 720)) -> Image:
        data = cafe_front(title, "Test", title, size=size)
        return Image.objects.create(title=title, file=ImageFile(ContentFile(data), name="facade.jpg"))

    return make


@pytest.fixture
def story_index(home):
    return home.add_child(
        instance=StoryIndexPage(
            title="Il y a un café dans mon village", slug="il-y-a-un-cafe-dans-mon-village"
        )
    )


@pytest.fixture
def make_story(story_index, make_image):
    def make(cafe: CafePage, title: str | None = None, **fields) -> StoryPage:
        values = {
            "title": title or f"{cafe.commune.name} : le café rouvre",
            "commune": cafe.commune,
            "cafe": cafe,
            "intro": "Après trois ans sans café, le village a retrouvé son comptoir.",
            "body": "<p>Une réunion publique a choisi les services.</p>",
            "poster": make_image(f"Affiche {cafe.commune.name}"),
            "poster_alt": "Dessin de la façade du café.",
            "reopened_on": date(2020, 3, 15),
        }
        values.update(fields)
        return story_index.add_child(instance=StoryPage(**values))

    return make


def eligible_insee_codes(count: int) -> list[str]:
    """`count` real communes under 3,500 inhabitants, one per department as far as possible."""
    with open(settings.GEO_DATA_DIR / "communes.csv", encoding="utf-8") as file:
        rows = [
            row
            for row in csv.DictReader(file)
            if row["commune_type"] == "COM"
            and row["population_2021"]
            and int(row["population_2021"]) < settings.CAFE_MAX_POPULATION
            and row["lat"]
        ]
    by_department: dict[str, list[str]] = {}
    for row in rows:
        by_department.setdefault(row["insee_dep"], []).append(row["insee_com"])
    spread = itertools.chain.from_iterable(itertools.zip_longest(*by_department.values()))
    return [code for code in spread if code][:count]


@pytest.fixture
def many_cafes(cafe_index, services):
    """Adds `count` live cafés spread over real communes of many departments (see tests/reseau/bulk.py)."""

    def make(count: int, communes: int = 60) -> None:
        places = [geo.commune(code) for code in eligible_insee_codes(communes)]
        add_cafes(cafe_index, places, [s for s in services.values() if not s.is_base], count)

    return make


@pytest.fixture
def guide(home):
    """A public content page right under the home page (a section)."""
    return home.add_child(
        instance=ContentPage(
            title="Ouvrir un café multiservice",
            slug="ouvrir-un-cafe",
            body="<p>Les étapes, de la licence IV au relais poste.</p>",
            visibility=Visibility.PUBLIC,
        )
    )
