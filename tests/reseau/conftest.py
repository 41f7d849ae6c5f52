"""Fixtures for the network's public face: services, images, stories, and a thousand cafés made fast."""

import csv
import itertools
from datetime import date

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.images.models import Image
from wagtail.models import Page

from reseau.demo_media import cafe_front
from reseau.models import CafePage, Service, StoryIndexPage, StoryPage
from tests import geo


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
    """Adds `count` live cafés (spread over real communes of many departments) without Wagtail's per-page
    save, which would take minutes: page rows in bulk at the paths treebeard would give them, then the café
    rows and their services in bulk."""

    def make(count: int, communes: int = 60) -> None:
        places = [geo.commune(code) for code in eligible_insee_codes(communes)]
        content_type = ContentType.objects.get_for_model(CafePage)
        index = Page.objects.get(pk=cafe_index.pk)
        first = index.numchild + 1
        pages = []
        for position in range(first, first + count):
            slug = f"cafe-{position}"
            pages.append(
                Page(
                    title=f"Café n° {position}",
                    draft_title=f"Café n° {position}",
                    slug=slug,
                    path=Page._get_path(index.path, index.depth + 1, position),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    content_type=content_type,
                    live=True,
                    locale_id=index.locale_id,
                )
            )
        Page.objects.bulk_create(pages)
        pages = list(Page.objects.filter(slug__in=[page.slug for page in pages], depth=index.depth + 1))
        cafes = [
            CafePage(page_ptr_id=page.pk, commune=places[i % len(places)], status=CafePage.Status.OPEN)
            for i, page in enumerate(pages)
        ]
        CafePage.objects._insert(cafes, fields=CafePage._meta.local_concrete_fields)
        multiservices = [service for service in services.values() if not service.is_base]
        Through = CafePage.services.through
        Through.objects.bulk_create(
            Through(cafepage_id=page.pk, service_id=multiservices[i % len(multiservices)].pk)
            for i, page in enumerate(pages)
        )
        Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)

    return make
