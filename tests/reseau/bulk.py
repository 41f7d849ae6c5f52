"""Many cafés at once, for the query-count tests and the benchmark (benchmarks/reseau_cafes.py).

Wagtail's add_child saves one page at a time (a thousand take minutes); here the page rows are created in bulk
at the paths treebeard would give them, then the café rows and their services in bulk.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from reseau.geography import Commune
from reseau.models import CafeIndexPage, CafePage, Service


def add_cafes(index: CafeIndexPage, communes: list[Commune], services: list[Service], count: int) -> None:
    """`count` live cafés under `index`, cycling through `communes`, each offering one of `services`."""
    content_type = ContentType.objects.get_for_model(CafePage)
    parent = Page.objects.get(pk=index.pk)
    first = parent.numchild + 1
    pages = []
    for position in range(first, first + count):
        slug = f"cafe-{position}"
        pages.append(
            Page(
                title=f"Café n° {position}",
                draft_title=f"Café n° {position}",
                slug=slug,
                path=Page._get_path(parent.path, parent.depth + 1, position),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                content_type=content_type,
                live=True,
                locale_id=parent.locale_id,
            )
        )
    Page.objects.bulk_create(pages)
    pages = list(Page.objects.filter(slug__in=[page.slug for page in pages], depth=parent.depth + 1))
    cafes = [
        CafePage(page_ptr_id=page.pk, commune=communes[i % len(communes)], status=CafePage.Status.OPEN)
        for i, page in enumerate(pages)
    ]
    # Only the café table's own columns: the page rows above are its parents (multi-table inheritance).
    CafePage.objects._insert(cafes, fields=CafePage._meta.local_concrete_fields)
    through = CafePage.services.through
    through.objects.bulk_create(
        through(cafepage_id=page.pk, service_id=services[i % len(services)].pk)
        for i, page in enumerate(pages)
    )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)
