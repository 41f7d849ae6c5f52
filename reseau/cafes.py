"""The public list of cafés (/cafes/): filters, map markers and pagination in a fixed number of queries.

One query reads every matching café as plain values (the map needs them all; building a thousand page
instances would cost more than the rest of the page), one the departments that have cafés (the filter's
choices), one the services, and one the services of the cafés on the current page: the count does not grow
with the network (tests/reseau/test_cafes.py, benchmarks/reseau_cafes.py).
"""

from dataclasses import dataclass

from django import forms
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import HttpRequest

from reseau.geography import Department
from reseau.maps import point
from reseau.models import CafeIndexPage, CafePage, Service


@dataclass
class CafeCard:
    """One café in the list, read from values() rather than built as a page instance."""

    title: str
    url: str
    status: str
    commune: str
    department: str
    region: str
    services: list[Service]


class CafeFilterForm(forms.Form):
    """The GET form above the list; its choices are the regions and departments that have cafés."""

    region = forms.ChoiceField(label="Région", required=False)
    departement = forms.ChoiceField(label="Département", required=False)
    service = forms.ChoiceField(label="Service", required=False)

    def __init__(self, data, departments: list[Department], services: list[Service]):
        super().__init__(data)
        regions = sorted(
            {dep.region.code: dep.region.name for dep in departments}.items(), key=lambda r: r[1]
        )
        self.fields["region"].choices = [("", "Toutes les régions"), *regions]
        by_region: dict[str, list[tuple[str, str]]] = {}
        for dep in departments:
            by_region.setdefault(dep.region.name, []).append((dep.code, f"{dep.name} ({dep.code})"))
        self.fields["departement"].choices = [("", "Tous les départements"), *sorted(by_region.items())]
        self.fields["service"].choices = [
            ("", "Tous les services"),
            *((service.slug, service.name) for service in services if not service.is_base),
        ]

    def filter(self, cafes):
        """`cafes` narrowed to the chosen region, department and service (a bad value filters nothing)."""
        if not self.is_valid():
            return cafes
        data = self.cleaned_data
        if data["region"]:
            cafes = cafes.filter(commune__department__region__code=data["region"])
        if data["departement"]:
            cafes = cafes.filter(commune__department__code=data["departement"])
        if data["service"]:
            cafes = cafes.filter(services__slug=data["service"])
        return cafes

    @property
    def is_filtered(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())


def cafe_list_context(index: CafeIndexPage, request: HttpRequest) -> dict:
    """What cafe_index_page.html shows: the filter form, the page of cafés, the markers of all matches."""
    live = CafePage.objects.live().child_of(index)
    departments = list(
        Department.objects.filter(communes__cafes__in=live)
        .distinct()
        .select_related("region")
        .order_by("code")
    )
    services = list(Service.objects.all())
    form = CafeFilterForm(request.GET or None, departments, services)
    matching = list(
        form.filter(live)
        .order_by("commune__name", "title")
        .values(
            "pk",
            "title",
            "slug",
            "status",
            "commune__name",
            "commune__name_with_article",
            "commune__latitude",
            "commune__longitude",
            "commune__department__code",
            "commune__department__name",
            "commune__department__region__name",
        )
    )
    page: PaginatorPage = Paginator(matching, index.per_page).get_page(request.GET.get("page"))
    by_id = {service.pk: service for service in services}
    offered: dict[int, list[Service]] = {}
    for cafe_id, service_id in CafePage.services.through.objects.filter(
        cafepage_id__in=[row["pk"] for row in page.object_list]
    ).values_list("cafepage_id", "service_id"):
        offered.setdefault(cafe_id, []).append(by_id[service_id])
    index_url = index.get_url(request)  # cafés are the index's children: their URL is its URL plus their slug
    statuses = dict(CafePage.Status.choices)
    cards = [
        CafeCard(
            title=row["title"],
            url=f"{index_url}{row['slug']}/",
            status=statuses.get(row["status"], row["status"]),
            commune=row["commune__name_with_article"],
            department=row["commune__department__name"],
            region=row["commune__department__region__name"],
            services=sorted(offered.get(row["pk"], []), key=services.index),
        )
        for row in page.object_list
    ]
    return {
        "filter_form": form,
        "cafes": cards,
        "cafes_page": page,
        "cafe_count": len(matching),
        "base_services": [service for service in services if service.is_base],
        "cafe_markers": [
            point(
                row["title"],
                f"{index_url}{row['slug']}/",
                row["commune__latitude"],
                row["commune__longitude"],
                f"{row['commune__name']} ({row['commune__department__code']})",
            )
            for row in matching
        ],
    }
