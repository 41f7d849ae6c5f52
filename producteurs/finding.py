"""Finding producers: resolving a typed commune name, and the one query behind the directory's filters.

Every filter becomes part of a single SQL query (distances included, see producteurs.distance), so the
directory answers in a bounded number of queries whatever the number of producers.
"""

import re
from dataclasses import dataclass
from functools import cache

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists, F, OuterRef, QuerySet

from producteurs.distance import bounding_box, distance_km
from producteurs.models import Label, ProducerPage, Product, SalesMode, has_offer
from producteurs.months import bit
from reseau.compiled import CompiledQuery
from reseau.geography import fold_name
from reseau.models import CafePage, Commune, Department, Region

_NAME_AND_POSTCODE = re.compile(r"^(?P<name>.+?)\s*\(\s*(?P<postcode>\d{5})\s*\)$")


def communes_named(text: str) -> list[Commune]:
    """The communes a person means by `text`: a name (any case or accents), "Name (postcode)" or a postcode.

    Several results mean the name is ambiguous (there are dozens of Saint-Julien): the caller asks which one.
    Names are compared on the communes' indexed folded name (reseau.geography.fold_name), never by folding
    every name in SQL.
    """
    text = " ".join(text.split())
    if not text:
        return []
    if text.isdigit() and len(text) == 5:
        return _communes(("postcode",), text)
    fields, values = (), ()
    match = _NAME_AND_POSTCODE.match(text)
    if match:
        text, fields, values = match["name"], ("postcode",), (match["postcode"],)
    return _communes(("name", *fields), text, *values) or _communes(
        ("search_name", *fields), fold_name(text), *values
    )


@cache
def _commune_columns() -> tuple[list[str], list[str], list[str]]:
    """The columns of a commune, its department and its region, as select_related("department__region")
    reads them."""
    return tuple(
        [field.attname for field in model._meta.concrete_fields] for model in (Commune, Department, Region)
    )


_COMMUNES = CompiledQuery(
    lambda fields, *values: (
        Commune.objects.filter(**dict(zip(fields, values, strict=True)))
        .order_by("department__code", "name")
        .values_list(
            *_commune_columns()[0],
            *(f"department__{name}" for name in _commune_columns()[1]),
            *(f"department__region__{name}" for name in _commune_columns()[2]),
        )
    )
)


def _communes(fields: tuple[str, ...], *values: str) -> list[Commune]:
    """The communes whose `fields` have `values`, each with its department and region (one compiled query)."""
    commune_names, department_names, region_names = _commune_columns()
    department_start = len(commune_names)
    region_start = department_start + len(department_names)
    found = []
    for row in _COMMUNES.rows(fields, *values):
        commune = Commune.from_db(DEFAULT_DB_ALIAS, commune_names, row[:department_start])
        commune.department = Department.from_db(
            DEFAULT_DB_ALIAS, department_names, row[department_start:region_start]
        )
        commune.department.region = Region.from_db(DEFAULT_DB_ALIAS, region_names, row[region_start:])
        found.append(commune)
    return found


@dataclass
class Criteria:
    """What a person asked for; every field is optional. `origin` is the point distances are measured from."""

    text: str = ""
    product: Product | None = None
    label: Label | None = None
    any_label: bool = False
    organic_only: bool = False
    region: Region | None = None
    department: Department | None = None
    sales_mode: SalesMode | None = None
    month: int | None = None
    origin: tuple[float, float] | None = None
    radius_km: int | None = None
    delivers_to: CafePage | None = None
    exclude_region: Region | None = None


def product_ids(product: Product) -> list[int] | QuerySet:
    """The products a filter on `product` matches: itself, or every product of a family (a subquery)."""
    if product.is_family:
        return Product.objects.filter(parent=product.pk).values("pk")
    return [product.pk]


def find_producers(criteria: Criteria) -> QuerySet[ProducerPage]:
    """Published producers matching `criteria`, annotated with `distance` (km) when there is an origin and
    sorted by it, else by name."""
    producers = ProducerPage.objects.live()
    if criteria.text:
        producers = producers.filter(title__icontains=criteria.text)
    if criteria.product is not None or criteria.month is not None:
        producers = producers.filter(
            has_offer(
                product_ids(criteria.product) if criteria.product is not None else None,
                bit(criteria.month) if criteria.month is not None else None,
            )
        )
    if criteria.label is not None:
        producers = producers.filter(
            Exists(Label.producers.through.objects.filter(producerpage=OuterRef("pk"), label=criteria.label))
        )
    if criteria.organic_only:
        producers = producers.filter(
            Exists(
                Label.producers.through.objects.filter(producerpage=OuterRef("pk"), label__is_organic=True)
            )
        )
    elif criteria.any_label:
        producers = producers.filter(
            Exists(Label.producers.through.objects.filter(producerpage=OuterRef("pk")))
        )
    if criteria.sales_mode is not None:
        producers = producers.filter(
            Exists(
                SalesMode.producers.through.objects.filter(
                    producerpage=OuterRef("pk"), salesmode=criteria.sales_mode
                )
            )
        )
    if criteria.region is not None:
        producers = producers.filter(commune__department__region=criteria.region)
    if criteria.exclude_region is not None:
        producers = producers.exclude(commune__department__region=criteria.exclude_region)
    if criteria.department is not None:
        producers = producers.filter(commune__department=criteria.department)
    if criteria.delivers_to is not None:
        cafe = criteria.delivers_to.commune
        producers = (
            producers.filter(delivery_radius_km__isnull=False)
            .alias(cafe_distance=distance_km(cafe.latitude, cafe.longitude))
            .filter(cafe_distance__lte=F("delivery_radius_km"))
        )
    if criteria.origin is not None:
        latitude, longitude = criteria.origin
        if criteria.radius_km is not None:
            producers = producers.filter(bounding_box(latitude, longitude, criteria.radius_km))
        producers = producers.annotate(distance=distance_km(latitude, longitude))
        if criteria.radius_km is not None:
            producers = producers.filter(distance__lte=criteria.radius_km)
        return producers.order_by("distance", "title", "pk")
    return producers.order_by("title", "pk")
